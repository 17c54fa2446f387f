"""Public statistics: declarations announced and withdrawn (by year, by fee method) and the
annual-fee savings open licensing produced on this platform. The national pilot's figures,
shown for context, are in ``register/_pilot_figures.html``.

Each part is computed by its own function and shown by its own section template
(``register/statistics.html`` includes them in order): licences and recordals slot in as one
more function here and one more include there.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import case, extract, func
from sqlmodel import Session, col, select

from marketplace.declarations import rules
from marketplace.declarations.models import Declaration
from marketplace.declarations.rules import DeclarationStatus
from marketplace.declarations.terms import FeeMethod
from marketplace.fees.models import AnnualFee
from marketplace.fees.rules import FeeStatus
from marketplace.fees.statements import YearTotals, year_totals
from marketplace.licensing.models import Licence


@dataclass(frozen=True)
class YearCount:
    year: int
    announced: int
    withdrawn: int


@dataclass(frozen=True)
class DeclarationFigures:
    in_force: int
    withdrawn: int
    by_year: list[YearCount]
    by_fee_method: list[tuple[FeeMethod, int]]


def declaration_figures(session: Session) -> DeclarationFigures:
    """Announced declarations by announcement year, withdrawals by withdrawal year, and every
    announced declaration by fee method (withdrawn ones included: they were offered)."""
    public = col(Declaration.status).in_(sorted(rules.PUBLIC))
    announced_year = extract("year", col(Declaration.announcement_date))
    withdrawn_year = extract("year", col(Declaration.withdrawal_date))
    announced = {int(year): count for year, count in session.exec(
        select(announced_year, func.count()).where(public).group_by(announced_year))}
    withdrawn = {int(year): count for year, count in session.exec(
        select(withdrawn_year, func.count()).where(
            Declaration.status == DeclarationStatus.WITHDRAWN).group_by(withdrawn_year))}
    by_method = dict(session.exec(
        select(Declaration.fee_method, func.count()).where(public)
        .group_by(Declaration.fee_method)).all())
    years = sorted(set(announced) | set(withdrawn), reverse=True)
    total_withdrawn = sum(withdrawn.values())
    return DeclarationFigures(
        in_force=sum(announced.values()) - total_withdrawn,
        withdrawn=total_withdrawn,
        by_year=[YearCount(year, announced.get(year, 0), withdrawn.get(year, 0))
                 for year in years],
        by_fee_method=[(method, by_method[method]) for method in FeeMethod
                       if by_method.get(method)],
    )


@dataclass(frozen=True)
class Savings:
    by_year: list[YearTotals]

    @property
    def total_fen(self) -> int:
        return sum(t.open_licence_savings_fen for t in self.by_year)


def open_licence_savings(session: Session) -> Savings:
    """Annual-fee savings from the open-licence reduction on this platform, by due year
    (D11, D12: what the patentee saved against the amount it would otherwise pay)."""
    return Savings([t for t in year_totals(session) if t.open_licence_savings_fen])


@dataclass(frozen=True)
class SavingsYear:
    """A due year's open-licence savings: on fees already due (``actual``) and on fees not yet
    due (``projected`` from today's facts)."""

    year: int
    actual_fen: int
    projected_fen: int


def savings_actual_and_projected(session: Session, today: dt.date) -> list[SavingsYear]:
    """`open_licence_savings` split by whether each fee's due date has come (D11, D12); lapsed
    years are left out, as in the ledger's totals."""
    due_year = extract("year", col(AnnualFee.due_date))
    come = col(AnnualFee.due_date) <= today
    saving = col(AnnualFee.open_licence_saving_fen)
    rows = session.exec(
        select(due_year, func.coalesce(func.sum(case((come, saving), else_=0)), 0),
               func.coalesce(func.sum(case((come, 0), else_=saving)), 0))
        .where(col(AnnualFee.status) != FeeStatus.LAPSED, saving > 0)
        .group_by(due_year).order_by(due_year)).all()
    return [SavingsYear(int(year), int(actual), int(projected))
            for year, actual, projected in rows]


@dataclass(frozen=True)
class LicenceFigures:
    """Open licences taken (written notice given) and taking effect, by year and fee method."""

    taken: int
    effective: int
    by_year: list[tuple[int, int, int]]
    by_fee_method: list[tuple[FeeMethod, int]]


def licence_figures(session: Session) -> LicenceFigures:
    taken_year = extract("year", col(Licence.notice_given_at))
    effective_year = extract("year", col(Licence.effective_on))
    taken = {int(y): n for y, n in session.exec(
        select(taken_year, func.count()).group_by(taken_year))}
    effective = {int(y): n for y, n in session.exec(
        select(effective_year, func.count()).where(col(Licence.effective_on).is_not(None))
        .group_by(effective_year))}
    by_method = dict(session.exec(
        select(Declaration.fee_method, func.count())
        .join(Licence, col(Licence.declaration_id) == Declaration.id)
        .group_by(Declaration.fee_method)).all())
    years = sorted(set(taken) | set(effective))
    return LicenceFigures(
        taken=sum(taken.values()), effective=sum(effective.values()),
        by_year=[(year, taken.get(year, 0), effective.get(year, 0)) for year in years],
        by_fee_method=[(method, by_method[method]) for method in FeeMethod
                       if by_method.get(method)])
