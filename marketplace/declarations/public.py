"""Reading announced declarations: the public register, licensing, fees, search. Never writes.

Everything here is public data (R3.8, R8.6: "license announcement data will be freely available
for public search and use"), so no actor is needed: drafts, submissions and refusals never
appear. Announced declarations and withdrawals are listed with filters and pages, streamed for
exports, and read one by one by their announcement number.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Generator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import or_
from sqlmodel import Session, col, select

from marketplace.accounts.models import Organisation
from marketplace.declarations import rules
from marketplace.declarations.models import Declaration
from marketplace.declarations.rules import DeclarationStatus
from marketplace.declarations.services import (
    DeclarationRow,
    has_ipc_prefix,
    page_of_rows,
    row_select,
)
from marketplace.declarations.terms import FeeMethod
from marketplace.errors import N_, NotFound
from marketplace.fees.rules import PatentKind
from marketplace.patents.models import Patent
from marketplace.web.pagination import Page


@dataclass(frozen=True)
class PublicFilters:
    """Filters of the public register. ``q`` matches the announcement number, patent number,
    application number, title or patentee; ``ipc`` an IPC prefix (``C02F``, ``C02F 3/28``);
    the dates bound the announcement date (the withdrawal date for withdrawals)."""

    q: str | None = None
    status: DeclarationStatus | None = None
    fee_method: FeeMethod | None = None
    kind: PatentKind | None = None
    ipc: str | None = None
    organisation_id: int | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None


def _statement(filters: PublicFilters, *, withdrawals: bool) -> Any:
    date_column = Declaration.withdrawal_date if withdrawals else Declaration.announcement_date
    statuses = [DeclarationStatus.WITHDRAWN] if withdrawals else sorted(rules.PUBLIC)
    statement = row_select().where(col(Declaration.status).in_(statuses))
    if filters.status is not None:
        statement = statement.where(Declaration.status == filters.status)
    if filters.fee_method is not None:
        statement = statement.where(Declaration.fee_method == filters.fee_method)
    if filters.kind is not None:
        statement = statement.where(Patent.kind == filters.kind)
    if filters.organisation_id is not None:
        statement = statement.where(Declaration.organisation_id == filters.organisation_id)
    if filters.ipc:
        statement = statement.where(has_ipc_prefix(filters.ipc))
    if filters.date_from is not None:
        statement = statement.where(col(date_column) >= filters.date_from)
    if filters.date_to is not None:
        statement = statement.where(col(date_column) <= filters.date_to)
    if filters.q and filters.q.strip():
        needle = f"%{filters.q.strip()}%"
        statement = statement.where(or_(
            col(Declaration.announcement_number).ilike(needle),
            col(Declaration.withdrawal_number).ilike(needle),
            col(Patent.patent_number).ilike(needle),
            col(Patent.application_number).ilike(needle),
            col(Patent.title).ilike(needle),
            col(Organisation.name).ilike(needle)))
    return statement.order_by(col(date_column).desc(), col(Declaration.id).desc())


def list_announced(session: Session, *, filters: PublicFilters, page: int,
                   per_page: int) -> Page[DeclarationRow]:
    """Announced declarations (in force, withdrawal requested, or withdrawn), newest
    announcement first."""
    return page_of_rows(session, _statement(filters, withdrawals=False), page, per_page)


def list_withdrawals(session: Session, *, filters: PublicFilters, page: int,
                     per_page: int) -> Page[DeclarationRow]:
    """Announced withdrawals, newest withdrawal first (dates filter the withdrawal date)."""
    return page_of_rows(session, _statement(filters, withdrawals=True), page, per_page)


def iter_announced(session: Session, *, filters: PublicFilters,
                   withdrawals: bool = False) -> Generator[DeclarationRow, None, None]:
    """Every matching row in the order of the lists, streamed (CSV, JSON and Atom exports);
    closing the generator closes the query's cursor."""
    statement = _statement(filters, withdrawals=withdrawals).execution_options(yield_per=500)
    with session.exec(statement) as result:
        for row in result:
            yield DeclarationRow(*row)


def get_announced(session: Session, *, announcement_number: str) -> DeclarationRow:
    """One announced declaration by its number (``KF-OL-2026-000123``) or by the number of its
    withdrawal (``KF-OLW-2026-000007``)."""
    number = announcement_number.strip().upper()
    row = session.exec(
        row_select().where(or_(col(Declaration.announcement_number) == number,
                               col(Declaration.withdrawal_number) == number),
                           col(Declaration.status).in_(sorted(rules.PUBLIC)))).first()
    if row is None:
        raise NotFound(N_("No announced declaration has this number."))
    return DeclarationRow(*row)


def declarations_of_patent(session: Session, *, patent_id: int) -> list[Declaration]:
    """The patent's announced declarations, oldest first (a patent may be declared again after
    a withdrawal, D8): the fee ledger's open-licence periods (D11, D14, D15)."""
    return list(session.exec(select(Declaration).where(
        Declaration.patent_id == patent_id,
        col(Declaration.status).in_(sorted(rules.PUBLIC))).order_by(
        col(Declaration.announcement_date), col(Declaration.id))))


def in_force_declaration(session: Session, *, patent_id: int,
                         day: dt.date) -> Declaration | None:
    """The declaration in force on the patent on ``day`` (`rules.in_force_on`), if any."""
    for declaration in reversed(declarations_of_patent(session, patent_id=patent_id)):
        if declaration.in_force_on(day):
            return declaration
    return None


def licensable_declaration(session: Session, *, patent_id: int,
                           day: dt.date) -> Declaration | None:
    """The declaration under which a new open licence may be taken on ``day``
    (`rules.licensable_on`), if any; its ``snapshot`` and ``snapshot_hash`` are the terms."""
    declaration = in_force_declaration(session, patent_id=patent_id, day=day)
    return declaration if declaration is not None and declaration.licensable_on(day) else None


def announced_declaration_blocking(session: Session, *, patent_id: int,
                                   end_date: dt.date | None) -> Declaration | None:
    """The announced declaration that bars an exclusive or sole licence ending on ``end_date``
    (Law Art. 51(3), D3): one not withdrawn by announcement, unless that licence ended before
    the declaration was announced (a historical record)."""
    declaration = session.exec(select(Declaration).where(
        Declaration.patent_id == patent_id,
        col(Declaration.status).in_(sorted(rules.IN_FORCE)))).first()
    if declaration is None:
        return None
    announced = declaration.announcement_date
    if end_date is not None and announced is not None and end_date < announced:
        return None
    return declaration


def current_public_declarations(session: Session,
                                patent_ids: Collection[int] | None = None
                                ) -> dict[int, Declaration]:
    """For each patent (all when ``patent_ids`` is ``None``), its latest announced
    declaration: what the search index shows about the patent's open licence."""
    statement = select(Declaration).where(col(Declaration.status).in_(sorted(rules.PUBLIC)))
    if patent_ids is not None:
        statement = statement.where(col(Declaration.patent_id).in_(sorted(patent_ids)))
    latest: dict[int, Declaration] = {}
    for declaration in session.exec(statement.order_by(col(Declaration.announcement_date),
                                                       col(Declaration.id))):
        latest[declaration.patent_id] = declaration
    return latest
