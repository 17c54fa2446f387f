"""The fee ledger's services: payments, lapse on payment, reading a patent's or a patentee's
ledger. Never commit. Refreshing the ledger from the facts is ``refresh.py``'s.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from marketplace.accounts.models import Role, User
from marketplace.audit.services import record_event
from marketplace.calendar import WorkingCalendar
from marketplace.errors import N_, Conflict, Message, NotFound, PermissionDenied, ValidationFailed
from marketplace.fees.lines import TOTAL_FIELDS, FeeLine, FeeTotals
from marketplace.fees.models import AnnualFee, AnnualFeeChange, FeeLedger, FeePayment
from marketplace.fees.policy import current_policy, legal_today
from marketplace.fees.refresh import CAUSE_PAYMENT, CAUSE_REFRESHED, COLUMNS, refresh_ledger
from marketplace.fees.rules import CHOICE_MESSAGES, FeeStatus, ReasonCode, grace_end, ledger
from marketplace.fees.sources import has_fee_ledger, patent_facts
from marketplace.patents.models import CoOwner, Patent


@dataclass(frozen=True)
class NewPayment:
    """A payment to record: the fee year, the day paid, the amount (fee and late fee) in fen."""

    fee_year: int
    paid_on: dt.date
    amount_fen: int
    reference: str | None = None


# --- Permissions ---------------------------------------------------------------------------------


def may_manage_fees(actor: User, patent: Patent) -> bool:
    """Only the owning organisation's patentees record payments."""
    return actor.role is Role.PATENTEE and actor.organisation_id == patent.owner_id


def _co_owner_organisations(session: Session, patent_id: int) -> set[int]:
    statement = select(CoOwner.organisation_id).where(CoOwner.patent_id == patent_id)
    return {org_id for org_id in session.exec(statement) if org_id is not None}


def may_view_fees(session: Session, actor: User, patent: Patent) -> bool:
    """The owner's and co-owners' patentees see a patent's fees, and so does the office."""
    if actor.role is Role.OFFICE or may_manage_fees(actor, patent):
        return True
    return actor.role is Role.PATENTEE and actor.organisation_id in _co_owner_organisations(
        session, patent.id or 0)


def _get_patent(session: Session, patent_id: int) -> Patent:
    patent = session.get(Patent, patent_id)
    if patent is None:
        raise NotFound(N_("No such patent."))
    return patent


# --- Payments ------------------------------------------------------------------------------------


def _check_payment(patent: Patent, header: FeeLedger | None, row: AnnualFee | None,
                   new: NewPayment, calendar: WorkingCalendar, today: dt.date) -> None:
    if header is None or row is None:
        raise ValidationFailed(N_("This patent has no annual fee for that year."),
                               {"fee_year": [N_("This patent has no annual fee for that year.")]})
    if row.status in (FeeStatus.PAID, FeeStatus.PAID_BEFORE_LEDGER):
        raise Conflict(N_("This annual fee is already paid."))
    if header.lapsed_on is not None and header.lapsed_on < row.due_date:
        raise Conflict(Message(N_("The patent lapsed on %(lapsed)s for an unpaid annual fee."),
                               {"lapsed": header.lapsed_on.isoformat()}))
    errors: dict[str, list[str | Message]] = {}
    if new.paid_on > today:
        errors["paid_on"] = [N_("A payment cannot be dated in the future.")]
    elif patent.filing_date is not None and new.paid_on < patent.filing_date:
        errors["paid_on"] = [N_("A payment cannot be dated before the filing date.")]
    end = grace_end(row.due_date, calendar)
    if new.paid_on > end:
        errors["paid_on"] = [Message(
            N_("The grace period for this fee ended on %(end)s; a later payment is not "
               "accepted (D13)."), {"end": end.isoformat()})]
    if errors:
        raise ValidationFailed(N_("The payment cannot be recorded."), errors)


def record_payment(session: Session, *, actor: User, patent_id: int, new: NewPayment,
                   today: dt.date | None = None) -> FeePayment:
    """Record a payment of one annual fee (the owning organisation's patentees); audited.

    The ledger is brought up to date first; a payment dated after the fee's grace period is
    refused (the patent lapsed), as is one for a fee already paid. Late fees follow from the
    payment date (D13). The ledger is then recomputed with the payment.
    """
    patent = _get_patent(session, patent_id)
    if not may_manage_fees(actor, patent):
        raise PermissionDenied(N_("Only the patent's owner records its annual-fee payments."))
    if not has_fee_ledger(patent):
        raise Conflict(N_("This patent has no annual fees to pay."))
    today = today or legal_today()
    _, calendar = current_policy()
    refresh_ledger(session, patent, cause=CAUSE_REFRESHED, actor=None, today=today)
    header = session.exec(select(FeeLedger).where(FeeLedger.patent_id == patent_id)).first()
    row = session.exec(select(AnnualFee).where(AnnualFee.patent_id == patent_id,
                                               AnnualFee.fee_year == new.fee_year)).first()
    _check_payment(patent, header, row, new, calendar, today)
    payment = FeePayment(patent_id=patent_id, fee_year=new.fee_year, amount_fen=new.amount_fen,
                         paid_on=new.paid_on, reference=new.reference,
                         recorded_by_user_id=actor.id)
    session.add(payment)
    session.flush()
    record_event(session, actor=actor, action="fees.payment_recorded", entity_type="patent",
                 entity_id=patent_id, after={"fee_year": new.fee_year,
                                             "amount_fen": new.amount_fen,
                                             "paid_on": new.paid_on, "reference": new.reference})
    refresh_ledger(session, patent, cause=CAUSE_PAYMENT, actor=actor, today=today)
    return payment


# --- Reading the ledger --------------------------------------------------------------------------


@dataclass(frozen=True)
class PatentFees:
    """A patent's ledger as its page and the API show it."""

    patent: Patent
    header: FeeLedger | None
    lines: list[FeeLine]
    payments: list[FeePayment]
    changes: list[AnnualFeeChange]
    may_record: bool

    @property
    def payable_lines(self) -> list[FeeLine]:
        """Fees a payment may be recorded for: due, in grace, or the one that lapsed the patent
        (a payment made within its grace period and recorded late)."""
        lapsed_on = self.header.lapsed_on if self.header else None
        return [line for line in self.lines
                if line.status in (FeeStatus.DUE, FeeStatus.IN_GRACE)
                or (line.status is FeeStatus.LAPSED and line.due_date == lapsed_on)]


def patent_fees(session: Session, *, actor: User, patent_id: int) -> PatentFees:
    """A patent's annual fees, payments and history (owner's and co-owners' patentees, office)."""
    patent = _get_patent(session, patent_id)
    if not may_view_fees(session, actor, patent):
        raise PermissionDenied(N_("Only the patent's owners and the office see its fees."))
    header = session.exec(select(FeeLedger).where(FeeLedger.patent_id == patent_id)).first()
    rows = list(session.exec(select(AnnualFee).where(AnnualFee.patent_id == patent_id)
                             .order_by(col(AnnualFee.fee_year))))
    payments = list(session.exec(select(FeePayment).where(FeePayment.patent_id == patent_id)
                                 .order_by(col(FeePayment.paid_on), col(FeePayment.id))))
    changes = list(session.exec(select(AnnualFeeChange)
                                .where(AnnualFeeChange.patent_id == patent_id)
                                .order_by(col(AnnualFeeChange.id).desc())))
    return PatentFees(patent, header, _explained(session, patent, header, rows), payments,
                      changes, may_manage_fees(actor, patent) and has_fee_ledger(patent))


def _explained(session: Session, patent: Patent, header: FeeLedger | None,
               rows: list[AnnualFee]) -> list[FeeLine]:
    """The stored fees with their reasons, which the rules give again over the same facts (every
    change of the facts refreshes the stored fees; reasons do not depend on the day)."""
    reasons: dict[int, tuple[Message, Message | None]] = {}
    if header is not None and has_fee_ledger(patent):
        policy, calendar = current_policy()
        result = ledger(patent_facts(session, patent), today=header.computed_on, policy=policy,
                        calendar=calendar)
        reasons = {line.fee_year: (line.reason.message,
                                   line.clawback_reason.message if line.clawback_reason else None)
                   for line in result.lines}
    lines = []
    for row in rows:
        fallback = (Message(CHOICE_MESSAGES[ReasonCode(row.reason_code)]), None)
        reason, clawback = reasons.get(row.fee_year, fallback)
        lines.append(FeeLine(**{name: getattr(row, name) for name in COLUMNS}, reason=reason,
                             clawback_reason=clawback))
    return lines


@dataclass(frozen=True)
class PortfolioEntry:
    patent: Patent
    header: FeeLedger
    next_fee: AnnualFee | None


@dataclass(frozen=True)
class Portfolio:
    """A patentee's ledgers: fees to pay now, one entry per patent, totals over all of them."""

    entries: list[PortfolioEntry]
    to_pay: list[tuple[Patent, AnnualFee]]
    totals: FeeTotals
    total_patents: int


_OPEN_STATUSES = (FeeStatus.DUE, FeeStatus.IN_GRACE, FeeStatus.NOT_YET_DUE)


def portfolio_fees(session: Session, *, actor: User, offset: int = 0,
                   limit: int = 50) -> Portfolio:
    """The actor's organisation's ledgers (patentees), ``limit`` patents from ``offset``."""
    if actor.role is not Role.PATENTEE:
        raise PermissionDenied(N_("Only patentees keep a fee ledger."))
    owned = select(Patent.id).where(Patent.owner_id == actor.organisation_id)
    sums = session.connection().execute(
        sa_select(*(func.coalesce(func.sum(getattr(FeeLedger, name)), 0)
                    for name in TOTAL_FIELDS), func.count())
        .where(col(FeeLedger.patent_id).in_(owned))).one()
    pairs = list(session.exec(
        select(Patent, FeeLedger).join(FeeLedger, col(FeeLedger.patent_id) == col(Patent.id))
        .where(Patent.owner_id == actor.organisation_id)
        .order_by(col(Patent.filing_date).desc(), col(Patent.id).desc())
        .offset(offset).limit(limit)))
    ids = [patent.id for patent, _ in pairs]
    next_fees: dict[int, AnnualFee] = {}
    for row in session.exec(select(AnnualFee).where(col(AnnualFee.patent_id).in_(ids),
                                                    col(AnnualFee.status).in_(_OPEN_STATUSES))
                            .order_by(col(AnnualFee.due_date))):
        next_fees.setdefault(row.patent_id, row)
    to_pay = list(session.exec(
        select(Patent, AnnualFee).join(AnnualFee, col(AnnualFee.patent_id) == col(Patent.id))
        .where(Patent.owner_id == actor.organisation_id,
               col(AnnualFee.status).in_((FeeStatus.DUE, FeeStatus.IN_GRACE)))
        .order_by(col(AnnualFee.due_date), col(Patent.id)).limit(200)))
    return Portfolio(
        entries=[PortfolioEntry(patent, header, next_fees.get(patent.id or 0))
                 for patent, header in pairs],
        to_pay=[(patent, fee) for patent, fee in to_pay],
        totals=FeeTotals(*(int(value) for value in sums[:-1])),
        total_patents=int(sums[-1]),
    )
