"""Annual-fee reminders (issue 6 item 6): 60, 30 and 7 days before the due date, then once a
month in the grace window with the late fee of that day (D13); never twice; owners only.

The fee: year 8 of an invention, due Thursday 2026-06-10, full fee RMB 900.00 (general reduction
to RMB 765.00 payable). Hand-computed: 2026-04-11 is 60 days before, 2026-05-11 30 days,
2026-06-03 7 days. Grace ends 2026-12-10 (due + 6 months, a Thursday). Completed months late:
2026-07-10 is still month 0 (late fee 0), 2026-07-11 month 1 (5 % of 900 = RMB 45.00),
2026-12-10 month 5 (25 % = RMB 225.00).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from flask import Flask
from sqlmodel import Session, col, select

from marketplace.accounts.models import Role, User
from marketplace.fees import reminders, rules
from marketplace.fees.models import AnnualFee, FeeReminder
from marketplace.fees.policy import current_policy
from marketplace.fees.rules import FeeStatus, GeneralCode, OpenLicenceCode, ReductionKind
from marketplace.notifications.models import Notification
from marketplace.patents.models import Patent
from tests.factories import make_organisation, make_patent, make_user

DUE = dt.date(2026, 6, 10)
GRACE_LAST = dt.date(2026, 12, 10)
DAYS = (60, 30, 7)


@pytest.mark.parametrize(("today", "stage"), [
    (dt.date(2026, 4, 10), None),  # 61 days before
    (dt.date(2026, 4, 11), "before-60"),
    (dt.date(2026, 5, 10), "before-60"),  # 31 days before
    (dt.date(2026, 5, 11), "before-30"),
    (dt.date(2026, 6, 2), "before-30"),  # 8 days before
    (dt.date(2026, 6, 3), "before-7"),
    (DUE, "before-7"),
    (dt.date(2026, 6, 11), "grace-0"),
    (dt.date(2026, 7, 10), "grace-0"),
    (dt.date(2026, 7, 11), "grace-1"),
    (dt.date(2026, 11, 11), "grace-5"),
    (GRACE_LAST, "grace-5"),
    (dt.date(2026, 12, 11), None),  # lapsed
])
def test_reminder_stage(today: dt.date, stage: str | None) -> None:
    assert rules.reminder_stage(DUE, today, DAYS, GRACE_LAST) == stage


def test_grace_end_of_the_example() -> None:
    assert rules.grace_end(DUE, current_policy()[1]) == GRACE_LAST


def _fee(session: Session, patent: Patent, status: FeeStatus = FeeStatus.DUE,
         due: dt.date = DUE) -> AnnualFee:
    assert patent.id is not None
    fee = AnnualFee(
        patent_id=patent.id, fee_year=8, due_date=due, full_fen=90_000,
        general_payable_fen=76_500, payable_fen=76_500, reduction_kind=ReductionKind.GENERAL,
        reduction_fen=13_500, reason_code="general", general_code=GeneralCode.APPLIES,
        general_rate=Decimal("0.85"), open_licence_code=OpenLicenceCode.NO_DECLARATION,
        status=status)
    session.add(fee)
    session.flush()
    return fee


def _remind(session: Session, today: dt.date) -> reminders.ReminderOutcome:
    policy, calendar = current_policy()
    return reminders.send_reminders(session, today=today, days_before=DAYS, policy=policy,
                                    calendar=calendar)


def _received(session: Session, user: User) -> list[Notification]:
    return list(session.exec(select(Notification).where(Notification.user_id == user.id)
                             .order_by(col(Notification.id))))


@pytest.fixture()
def owners(session: Session) -> tuple[User, User, User, Patent]:
    """Two patentee users of the owner, a patentee of another organisation, the patent."""
    owner = make_organisation(session)
    first = make_user(session, Role.PATENTEE, organisation_id=owner.id)
    second = make_user(session, Role.PATENTEE, organisation_id=owner.id)
    stranger = make_user(session, Role.PATENTEE)
    make_user(session, Role.PATENTEE, organisation_id=owner.id, active=False)
    patent = make_patent(session, owner)
    return first, second, stranger, patent


def test_each_reminder_once_to_the_owners_patentees_only(
        session: Session, owners: tuple[User, User, User, Patent]) -> None:
    first, second, stranger, patent = owners
    _fee(session, patent)
    sent = {}
    day = dt.date(2026, 4, 1)
    while day <= dt.date(2027, 1, 31):  # every day, as the daily cron job runs
        outcome = _remind(session, day)
        if outcome.fees:
            sent[day] = outcome.notifications
        day += dt.timedelta(days=1)
    assert sent == {dt.date(2026, 4, 11): 2, dt.date(2026, 5, 11): 2, dt.date(2026, 6, 3): 2,
                    dt.date(2026, 6, 11): 2, dt.date(2026, 7, 11): 2, dt.date(2026, 8, 11): 2,
                    dt.date(2026, 9, 11): 2, dt.date(2026, 10, 11): 2, dt.date(2026, 11, 11): 2}
    stages = session.exec(select(FeeReminder.stage).where(FeeReminder.patent_id == patent.id)
                          .order_by(col(FeeReminder.id))).all()
    assert stages == ["before-60", "before-30", "before-7", "grace-0", "grace-1", "grace-2",
                      "grace-3", "grace-4", "grace-5"]
    assert len(_received(session, first)) == len(_received(session, second)) == 9
    assert _received(session, stranger) == []
    notes = _received(session, first)
    assert notes[0].params["amount"] == {"$amount_fen": 76_500}
    assert notes[0].params["due"] == "2026-06-10"
    assert notes[0].link == f"/patents/{patent.id}/fees"
    assert [n.params["late"] for n in notes[3:]] == [{"$amount_fen": fen} for fen in (
        0, 4_500, 9_000, 13_500, 18_000, 22_500)]
    assert notes[-1].params["grace_end"] == "2026-12-10"


def test_a_first_run_late_sends_only_the_nearest_reminder_and_reruns_send_nothing(
        session: Session, owners: tuple[User, User, User, Patent]) -> None:
    first, _, _, patent = owners
    _fee(session, patent)
    assert _remind(session, dt.date(2026, 6, 5)).fees == 1
    assert _remind(session, dt.date(2026, 6, 5)).fees == 0
    assert _remind(session, dt.date(2026, 6, 9)).fees == 0
    assert [n.params.get("late") for n in _received(session, first)] == [None]
    assert "due on" in _received(session, first)[0].template


@pytest.mark.parametrize("status", [FeeStatus.PAID, FeeStatus.PAID_BEFORE_LEDGER,
                                    FeeStatus.LAPSED])
def test_settled_fees_are_not_reminded(session: Session, status: FeeStatus,
                                       owners: tuple[User, User, User, Patent]) -> None:
    first, _, _, patent = owners
    _fee(session, patent, status)
    assert _remind(session, dt.date(2026, 6, 3)).fees == 0
    assert _remind(session, dt.date(2026, 7, 11)).fees == 0
    assert _received(session, first) == []


def test_the_command_uses_the_setting(app: Flask, session: Session,
                                      owners: tuple[User, User, User, Patent]) -> None:
    first, _, _, patent = owners
    _fee(session, patent)
    session.commit()
    runner = app.test_cli_runner()
    app.config["FEE_REMINDER_DAYS"] = (90,)
    try:
        result = runner.invoke(args=["fees", "remind", "--date", "2026-03-12"])
        again = runner.invoke(args=["fees", "remind", "--date", "2026-03-12"])
    finally:
        app.config["FEE_REMINDER_DAYS"] = DAYS
    assert result.exit_code == 0, result.output
    assert "fees reminded 1; notifications 2" in result.output
    assert "fees reminded 0; notifications 0" in again.output
    session.expire_all()
    assert [n.kind for n in _received(session, first)] == ["fees.reminder"]
