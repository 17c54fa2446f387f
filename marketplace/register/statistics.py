"""Public statistics: declarations announced and withdrawn (by year, by fee method) and the
annual-fee savings open licensing produced on this platform. The national pilot's figures,
shown for context, are in ``register/_pilot_figures.html``.

Each part is computed by its own function and shown by its own section template
(``register/statistics.html`` includes them in order): licences and recordals slot in as one
more function here and one more include there.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import extract, func
from sqlmodel import Session, col, select

from marketplace.declarations import rules
from marketplace.declarations.models import Declaration
from marketplace.declarations.rules import DeclarationStatus
from marketplace.declarations.terms import FeeMethod
from marketplace.fees.statements import YearTotals, year_totals


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
