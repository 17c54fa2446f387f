"""``marketplace licensing remind`` and ``refresh``: the daily jobs, run twice without repeating."""

from __future__ import annotations

from flask import Flask
from sqlmodel import Session, select

from marketplace.accounts.models import User
from marketplace.declarations.terms import FeeMethod, FeeTerms
from marketplace.licensing import services
from marketplace.licensing.rules import LicenceEvent, LicenceState
from marketplace.notifications.models import Notification
from marketplace.patents.models import Patent
from tests.licensing.conftest import NOW, POLICY, declared


def _reminders(session: Session, user: User) -> int:
    return len(session.exec(select(Notification).where(
        Notification.user_id == user.id,
        Notification.kind == "licensing.recordal_reminder")).all())


def test_remind_notifies_once_and_lists_overdue(app: Flask, session: Session, sme: User,
                                                patent: Patent) -> None:
    licence = services.take_licence(
        session, actor=sme, declaration_id=declared(session, patent,
                                                    FeeTerms(FeeMethod.FREE)).id or 0,
        policy=POLICY, now=NOW)
    runner = app.test_cli_runner()
    first = runner.invoke(args=["licensing", "remind", "--date", "2027-01-23"])
    assert first.exit_code == 0, first.output
    assert "reminded 1; overdue 0" in first.output
    again = runner.invoke(args=["licensing", "remind", "--date", "2027-01-23"])
    assert "reminded 0; overdue 0" in again.output
    assert _reminders(session, sme) == 1
    late = runner.invoke(args=["licensing", "remind", "--date", "2027-03-01"])
    assert "overdue 1" in late.output and str(licence.number) in late.output


def test_refresh_ends_licences_whose_period_is_over(app: Flask, session: Session, sme: User,
                                                    patent: Patent) -> None:
    licence = services.take_licence(
        session, actor=sme, declaration_id=declared(session, patent,
                                                    FeeTerms(FeeMethod.FREE)).id or 0,
        policy=POLICY, now=NOW)
    runner = app.test_cli_runner()
    assert "ended 0" in runner.invoke(args=["licensing", "refresh", "--date",
                                            "2031-12-31"]).output
    result = runner.invoke(args=["licensing", "refresh", "--date", "2032-01-01"])
    assert result.exit_code == 0, result.output
    assert "ended 1" in result.output
    session.refresh(licence)
    assert (licence.state, licence.end_reason) == (LicenceState.ENDED, LicenceEvent.PERIOD_ENDED)
