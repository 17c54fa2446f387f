"""The mediator's workspace: the case's timeline in order with its deadlines, China time on the
page, and steps that end the case taken only once confirmed."""

from __future__ import annotations

import datetime as dt

from flask import Flask
from flask.testing import FlaskClient
from sqlmodel import Session

from marketplace.calendar import CHINA
from marketplace.errors import Message
from marketplace.mediation.models import MediationCase
from marketplace.mediation.rules import CaseAction, CaseActor, CaseState
from marketplace.mediation.timeline import (
    CaseEvent,
    Deadline,
    EntryKind,
    build_timeline,
)
from tests.conftest import Auth
from tests.mediation.conftest import People, assigned_case

UTC = dt.UTC


def test_the_timeline_orders_events_messages_meetings_and_deadlines() -> None:
    now = dt.datetime(2026, 12, 10, 4, tzinfo=UTC)
    events = [CaseEvent(dt.datetime(2026, 12, 1, 2, tzinfo=UTC), "opened", CaseActor.APPLICANT),
              CaseEvent(dt.datetime(2026, 12, 3, 2, tzinfo=UTC), CaseAction.ACCEPT,
                        CaseActor.OFFICE),
              CaseEvent(dt.datetime(2026, 12, 4, 2, tzinfo=UTC), CaseAction.SCHEDULE_MEETING,
                        CaseActor.MEDIATOR),
              CaseEvent(dt.datetime(2026, 12, 4, 3, tzinfo=UTC), "message", CaseActor.MEDIATOR)]
    messages = [(dt.datetime(2026, 12, 2, 1, tzinfo=UTC), CaseActor.RESPONDENT, "收据")]
    meetings = [(dt.datetime(2026, 12, 20, 1, 30, tzinfo=UTC), "调解中心 3 号室")]
    deadlines = [Deadline(dt.date(2026, 12, 8), Message("accept by"), done=True),
                 Deadline(dt.date(2026, 12, 9), Message("answer by"), done=False),
                 Deadline(dt.date(2027, 1, 2), Message("mediation ends"), done=False)]
    entries = build_timeline(events, messages, meetings, deadlines, now)
    assert [(e.kind, e.at.astimezone(CHINA).date().isoformat()) for e in entries] == [
        (EntryKind.EVENT, "2026-12-01"), (EntryKind.MESSAGE, "2026-12-02"),
        (EntryKind.EVENT, "2026-12-03"), (EntryKind.DEADLINE, "2026-12-08"),
        (EntryKind.DEADLINE, "2026-12-09"), (EntryKind.MEETING, "2026-12-20"),
        (EntryKind.DEADLINE, "2027-01-02")]
    # A done deadline is neither; one passed undone is overdue; those ahead are upcoming, as is
    # the meeting. The meeting's scheduling event and the message event are not repeated.
    flags = [(e.upcoming, e.overdue) for e in entries]
    assert flags == [(False, False), (False, False), (False, False), (False, False),
                     (False, True), (True, False), (True, False)]
    assert entries[0].part is CaseActor.APPLICANT and entries[1].detail == "收据"


def test_the_case_page_shows_the_timeline_in_china_time(
        app: Flask, client: FlaskClient, auth: Auth, session: Session, people: People) -> None:
    case = assigned_case(session, people, app, started=True)
    auth.login(people.mediator)
    page = client.get(f"/mediation/cases/{case.id}",
                      headers={"Accept-Language": "en"}).get_data(as_text=True)
    timeline = page[page.index('id="timeline"'):page.index("</ol>", page.index('id="timeline"'))]
    steps = ["Application for mediation filed", "Respondent answered",
             "Case accepted by the office", "Mediator assigned", "Mediation started"]
    positions = [timeline.index(step) for step in steps]
    assert positions == sorted(positions)
    assert "Mediation period ends" in timeline and "China time" in timeline
    assert "UTC<" not in page
    # The licence's state is worded, not shown as its code.
    chinese = client.get(f"/mediation/cases/{case.id}").get_data(as_text=True)
    assert "(effective)" not in chinese and "北京时间" in chinese


def test_ending_the_case_needs_the_confirmation(
        app: Flask, client: FlaskClient, auth: Auth, session: Session, people: People) -> None:
    case = assigned_case(session, people, app, started=True)
    auth.login(people.mediator)
    url = f"/mediation/cases/{case.id}/steps/terminate"
    unconfirmed = client.post(url, data={"terminate-reason": "双方分歧过大"},
                              headers={"Accept-Language": "en"})
    assert unconfirmed.status_code == 422
    assert "Tick the box to confirm this step." in unconfirmed.get_data(as_text=True)
    session.expire_all()
    stored = session.get(MediationCase, case.id)
    assert stored is not None and stored.state is CaseState.IN_MEDIATION
    confirmed = client.post(url, data={"terminate-reason": "双方分歧过大",
                                       "terminate-confirm": "y"})
    assert confirmed.status_code == 302
    session.expire_all()
    stored = session.get(MediationCase, case.id)
    assert stored is not None and stored.state is CaseState.TERMINATED


def test_steps_start_with_a_capital_where_they_stand_alone(
        app: Flask, client: FlaskClient, auth: Auth, session: Session, people: People) -> None:
    case = assigned_case(session, people, app)
    auth.login(people.mediator)
    page = client.get(f"/mediation/cases/{case.id}",
                      headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "<summary>Start the mediation</summary>" in page
    assert 'value="Start the mediation"' in page
    assert 'id="case-state">Accepted for mediation</span>' in page
    listed = client.get("/mediation/cases", headers={"Accept-Language": "en"}).get_data(
        as_text=True)
    assert "<td>Accepted for mediation</td>" in listed
    # Inside a sentence the step and the state stay lower case.
    refused = client.post(f"/mediation/cases/{case.id}/steps/accept",
                          headers={"Accept-Language": "en"})
    assert "As the mediator you may not accept the case." in refused.get_data(as_text=True)
