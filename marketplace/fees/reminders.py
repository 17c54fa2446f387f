"""Annual-fee reminders: before each due date (``FEE_REMINDER_DAYS``) and monthly in the grace
window, stating the late fee payable that day (D13). Sent to the owning organisation's patentee
users only, and at most once per fee and reminder (`FeeReminder`). Never commits."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlmodel import Session, col, select

from marketplace.accounts.models import Role, User
from marketplace.calendar import WorkingCalendar
from marketplace.errors import N_, Amount, Message
from marketplace.fees import rules
from marketplace.fees.lines import to_yuan
from marketplace.fees.models import AnnualFee, FeeReminder
from marketplace.fees.rules import FeePolicy, FeeStatus
from marketplace.notifications.services import notify
from marketplace.patents.models import Patent

KIND = "fees.reminder"
_SETTLED = (FeeStatus.PAID, FeeStatus.PAID_BEFORE_LEDGER, FeeStatus.LAPSED)
# The grace window is 6 months (plus a rolled-forward last day): look back a little further.
_GRACE_LOOKBACK = dt.timedelta(days=200)


@dataclass(frozen=True)
class ReminderOutcome:
    fees: int
    notifications: int


def _message(patent: Patent, fee: AnnualFee, stage: str, today: dt.date, grace_last: dt.date,
             policy: FeePolicy) -> Message:
    number = patent.patent_number or patent.application_number or patent.source_id
    params: dict[str, object] = {"year": fee.fee_year, "patent": number, "title": patent.title,
                                 "due": fee.due_date.isoformat(),
                                 "amount": Amount(max(fee.payable_fen - fee.paid_fen, 0))}
    if stage.startswith("before-"):
        return Message(N_("Annual fee for year %(year)d of %(patent)s (%(title)s) is due on "
                          "%(due)s: %(amount)s."), params)
    late = rules.late_fee(to_yuan(fee.full_fen), to_yuan(fee.payable_fen), fee.due_date, today,
                          policy)
    params.update({"late": Amount.of_yuan(late), "grace_end": grace_last.isoformat()})
    return Message(N_("Annual fee for year %(year)d of %(patent)s (%(title)s) was due on "
                      "%(due)s and is unpaid: %(amount)s plus a late fee of %(late)s "
                      "if paid today (D13). Unpaid after %(grace_end)s, the patent lapses."),
                   params)


def _patentees(session: Session, organisation_id: int) -> list[User]:
    return list(session.exec(select(User).where(
        User.organisation_id == organisation_id, User.role == Role.PATENTEE,
        col(User.active)).order_by(col(User.id))))


def send_reminders(session: Session, *, today: dt.date, days_before: Sequence[int],
                   policy: FeePolicy, calendar: WorkingCalendar) -> ReminderOutcome:
    """Remind the owners of every unpaid fee whose reminder falls due on ``today`` and was not
    sent yet (`rules.reminder_stage`); record each reminder sent."""
    horizon = today + dt.timedelta(days=max(days_before, default=0))
    rows = session.exec(
        select(AnnualFee, Patent).join(Patent, col(Patent.id) == col(AnnualFee.patent_id))
        .where(col(AnnualFee.due_date) >= today - _GRACE_LOOKBACK,
               col(AnnualFee.due_date) <= horizon,
               col(AnnualFee.status).not_in(_SETTLED))
        .order_by(col(AnnualFee.due_date), col(AnnualFee.patent_id))).all()
    fees = notifications = 0
    patentees: dict[int, list[User]] = {}
    for fee, patent in rows:
        grace_last = rules.grace_end(fee.due_date, calendar)
        stage = rules.reminder_stage(fee.due_date, today, days_before, grace_last)
        if stage is None or session.exec(select(FeeReminder.id).where(
                FeeReminder.patent_id == fee.patent_id, FeeReminder.fee_year == fee.fee_year,
                FeeReminder.stage == stage)).first() is not None:
            continue
        message = _message(patent, fee, stage, today, grace_last, policy)
        sent = 0
        if patent.owner_id not in patentees:
            patentees[patent.owner_id] = _patentees(session, patent.owner_id)
        for user in patentees[patent.owner_id]:
            sent += len(notify(session, user, KIND, message, f"/patents/{patent.id}/fees"))
        session.add(FeeReminder(patent_id=fee.patent_id, fee_year=fee.fee_year, stage=stage,
                                due_date=fee.due_date, sent_on=today, recipients=sent))
        fees += 1
        notifications += sent
    session.flush()
    return ReminderOutcome(fees, notifications)
