"""Where a ledger's money stands, as people ask it: what was paid, what is payable now (not yet
late), what is late (in the grace period, with its late fee), what is not yet payable (a
projection from today's facts) and what savings are repayable.

Presentation only: every figure is a sum of the ledger's own line fields (`rules.ledger`
decides them); nothing is recomputed. A line's ``amount_owed_fen`` already holds its repayable
saving (``clawback_fen``), so it is counted once, under "repayable".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from sqlalchemy import func
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from marketplace.fees.models import AnnualFee
from marketplace.fees.rules import FeeStatus
from marketplace.patents.models import Patent

__all__ = ["FeeStanding", "organisation_standing", "standing"]


class _Line(Protocol):
    @property
    def status(self) -> FeeStatus: ...
    @property
    def due_date(self) -> dt.date: ...
    @property
    def payable_fen(self) -> int: ...
    @property
    def paid_fen(self) -> int: ...
    @property
    def amount_owed_fen(self) -> int: ...
    @property
    def clawback_fen(self) -> int: ...


@dataclass(frozen=True)
class Part:
    """The fees of one kind: how many, how much, and the earliest due date among them."""

    count: int = 0
    amount_fen: int = 0
    first_due: dt.date | None = None

    def plus(self, amount_fen: int, due: dt.date) -> Part:
        first = due if self.first_due is None else min(self.first_due, due)
        return Part(self.count + 1, self.amount_fen + amount_fen, first)


@dataclass(frozen=True)
class FeeStanding:
    """``paid``: paid on the platform (fees taken as paid before the ledger are not money
    seen here); ``payable``: DUE fees, payable now and not late before their due date;
    ``late``: IN_GRACE fees with their late fees; ``not_yet_due``: fees whose payment window
    has not opened (projected); ``repayable``: savings to repay (D14, D15)."""

    paid_fen: int
    payable: Part
    late: Part
    not_yet_due: Part
    repayable_fen: int

    @property
    def owed_now_fen(self) -> int:
        """What must be paid now: late fees first of all, payable fees, repayable savings."""
        return self.late.amount_fen + self.payable.amount_fen + self.repayable_fen


def standing(lines: Iterable[_Line]) -> FeeStanding:
    """The standing of one ledger's lines (a patent's page, the calculator)."""
    paid = repayable = 0
    payable, late, not_yet_due = Part(), Part(), Part()
    for line in lines:
        paid += line.paid_fen
        repayable += line.clawback_fen
        owed = line.amount_owed_fen - line.clawback_fen
        if line.status is FeeStatus.DUE:
            payable = payable.plus(owed, line.due_date)
        elif line.status is FeeStatus.IN_GRACE:
            late = late.plus(owed, line.due_date)
        elif line.status is FeeStatus.NOT_YET_DUE:
            not_yet_due = not_yet_due.plus(line.payable_fen, line.due_date)
    return FeeStanding(paid, payable, late, not_yet_due, repayable)


def organisation_standing(session: Session, organisation_id: int) -> FeeStanding:
    """`standing` over every fee of the organisation's patents, summed in the database."""
    owned = select(Patent.id).where(Patent.owner_id == organisation_id)
    rows = session.connection().execute(
        sa_select(col(AnnualFee.status), func.count(),
                  func.coalesce(func.sum(AnnualFee.payable_fen), 0),
               func.coalesce(func.sum(AnnualFee.paid_fen), 0),
               func.coalesce(func.sum(AnnualFee.amount_owed_fen - AnnualFee.clawback_fen), 0),
               func.coalesce(func.sum(AnnualFee.clawback_fen), 0), func.min(AnnualFee.due_date))
        .where(col(AnnualFee.patent_id).in_(owned)).group_by(col(AnnualFee.status))).all()
    paid = repayable = 0
    parts: dict[FeeStatus, Part] = {}
    for status, count, payable, paid_fen, owed, clawback, first_due in rows:
        paid += int(paid_fen)
        repayable += int(clawback)
        kind = FeeStatus(status)
        amount = int(payable) if kind is FeeStatus.NOT_YET_DUE else int(owed)
        parts[kind] = Part(int(count), amount, first_due)
    return FeeStanding(paid, parts.get(FeeStatus.DUE, Part()),
                       parts.get(FeeStatus.IN_GRACE, Part()),
                       parts.get(FeeStatus.NOT_YET_DUE, Part()), repayable)
