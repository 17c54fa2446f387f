"""Fee statements: per patentee and year for its finance office, and the office's platform totals.

A year's statement covers the annual fees falling due in that calendar year. As in the ledger's
totals (``rules._totals``), fees due, full fees and reductions leave out lapsed years (never
owed), while paid amounts, late fees, clawbacks and amounts owed count every year.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font
from sqlalchemy import ColumnElement, case, extract, func
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from marketplace.accounts.models import Organisation, Role, User
from marketplace.errors import N_, NotFound, PermissionDenied
from marketplace.fees.lines import TOTAL_FIELDS, FeeTotals, to_yuan
from marketplace.fees.models import AnnualFee
from marketplace.fees.rules import FeeStatus, ReductionKind
from marketplace.patents.models import Patent
from marketplace.spreadsheets import csv_document, xlsx_append


@dataclass(frozen=True)
class YearTotals(FeeTotals):
    """The ledger's totals over the annual fees falling due in one year, and how many."""

    year: int
    fees: int


def _live(value: Any) -> ColumnElement[Any]:
    return func.coalesce(func.sum(case((col(AnnualFee.status) != FeeStatus.LAPSED, value),
                                       else_=0)), 0)


def _reductions(kind: ReductionKind) -> ColumnElement[Any]:
    return _live(case((col(AnnualFee.reduction_kind) == kind, AnnualFee.reduction_fen), else_=0))


def _all(value: Any) -> ColumnElement[Any]:
    return func.coalesce(func.sum(value), 0)


def year_totals(session: Session, *, organisation_id: int | None = None) -> list[YearTotals]:
    """Totals by due year, for one organisation's patents or the whole platform."""
    due_year = extract("year", col(AnnualFee.due_date))
    statement = (
        sa_select(_live(AnnualFee.full_fen), _live(AnnualFee.payable_fen),
                  _reductions(ReductionKind.GENERAL), _reductions(ReductionKind.OPEN_LICENCE),
                  _live(AnnualFee.open_licence_saving_fen), _all(AnnualFee.paid_fen),
                  _all(AnnualFee.late_fee_fen), _all(AnnualFee.clawback_fen),
                  _all(AnnualFee.amount_owed_fen), due_year, func.count())
        .group_by(due_year).order_by(due_year)
    )
    if organisation_id is not None:
        owned = select(Patent.id).where(Patent.owner_id == organisation_id)
        statement = statement.where(col(AnnualFee.patent_id).in_(owned))
    return [YearTotals(*(int(value) for value in row))
            for row in session.connection().execute(statement)]


@dataclass(frozen=True)
class Statement:
    """One patentee's annual fees falling due in one year, with totals."""

    organisation: Organisation
    year: int
    rows: list[tuple[Patent, AnnualFee]]
    totals: YearTotals
    years: list[int]


def _may_see(actor: User, organisation_id: int) -> bool:
    own = actor.role is Role.PATENTEE and actor.organisation_id == organisation_id
    return own or actor.role is Role.OFFICE


def statement(session: Session, *, actor: User, organisation_id: int, year: int) -> Statement:
    """The year's statement of ``organisation_id`` (its own patentees, or the office)."""
    if not _may_see(actor, organisation_id):
        raise PermissionDenied(N_("Only the organisation's patentees and the office see its "
                                  "fee statements."))
    organisation = session.get(Organisation, organisation_id)
    if organisation is None:
        raise NotFound(N_("No such organisation."))
    rows = list(session.exec(
        select(Patent, AnnualFee).join(AnnualFee, col(AnnualFee.patent_id) == col(Patent.id))
        .where(Patent.owner_id == organisation_id,
               col(AnnualFee.due_date) >= date(year, 1, 1),
               col(AnnualFee.due_date) < date(year + 1, 1, 1))
        .order_by(col(AnnualFee.due_date), col(Patent.id))))
    by_year = {t.year: t for t in year_totals(session, organisation_id=organisation_id)}
    totals = by_year.get(year) or YearTotals(**dict.fromkeys(TOTAL_FIELDS, 0), year=year, fees=0)
    return Statement(organisation, year, [(p, fee) for p, fee in rows], totals, list(by_year))


def office_totals(session: Session, *, actor: User) -> list[YearTotals]:
    """Reductions granted and fees by due year across the platform (office only)."""
    if actor.role is not Role.OFFICE:
        raise PermissionDenied(N_("Only the office sees the platform's fee totals."))
    return year_totals(session)


# --- Downloads -----------------------------------------------------------------------------------

Cell = str | int | Decimal | date | None


@dataclass(frozen=True)
class Column:
    """A statement column: its heading and how to read it from (patent, fee)."""

    heading: str
    value: Callable[[Patent, AnnualFee], Cell]
    total: Callable[[YearTotals], Cell] | None = None


def table(statement: Statement, columns: Sequence[Column],
          total_label: str) -> tuple[list[str], list[list[Cell]]]:
    """The statement as a heading row, one row per fee, and a totals row."""
    rows = [[column.value(patent, fee) for column in columns] for patent, fee in statement.rows]
    totals: list[Cell] = [column.total(statement.totals) if column.total else None
                          for column in columns]
    totals[0] = total_label
    return [column.heading for column in columns], [*rows, totals]


def yuan(fen: int | None) -> Decimal | None:
    return None if fen is None else to_yuan(fen)


def csv_bytes(headings: Sequence[str], rows: Sequence[Sequence[Cell]]) -> bytes:
    """UTF-8 with BOM, so spreadsheet programs open Chinese text correctly; no formulas."""
    return csv_document([headings, *rows])


def xlsx_bytes(title: str, headings: Sequence[str], rows: Sequence[Sequence[Cell]]) -> bytes:
    """One sheet: bold headings, amounts as numbers with two decimals, dates as dates."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = title[:31]
    xlsx_append(sheet, headings)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        xlsx_append(sheet, row)
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, Decimal | float):
                cell.number_format = "#,##0.00"
            elif isinstance(cell.value, date):
                cell.number_format = "yyyy-mm-dd"
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
