"""The demo mediation cases: every state the platform reaches, a mediator with assigned cases,
on given licences or on its own demo licences (issue 7 §9)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from flask import Flask
from sqlmodel import Session, col, select

from marketplace.accounts.models import Role
from marketplace.audit.models import AuditEvent
from marketplace.calendar import CHINA, legal_date
from marketplace.declarations.rules import DeclarationStatus
from marketplace.demo.mediation import DEMO_STATES, seed_mediation
from marketplace.mediation import services
from marketplace.mediation.rules import CaseAction, MediationPolicy
from marketplace.mediation.timeline import EVENT_LABELS, OPENED
from tests.factories import make_declaration, make_patent, make_user
from tests.mediation.conftest import People

TODAY = dt.date(2026, 11, 21)


def test_demo_cases_on_given_licences(app: Flask, session: Session, people: People) -> None:
    with app.app_context():
        cases = seed_mediation(session, [people.licence], upload_dir=_dir(app), today=TODAY)
    assert {case.state for case in cases} == DEMO_STATES
    assert {case.licence_id for case in cases} == {people.licence.id}
    assigned = services.list_cases(session, actor=people.mediator)
    assert len(assigned) >= 5 and all(c.mediator_id == people.mediator.id for c in assigned)
    assert services.list_cases(session, actor=make_user(session, Role.MEDIATOR)) == []
    figures = services.statistics(session, actor=people.office)
    assert figures.total == len(cases) and figures.settled_share is not None


def test_demo_makes_its_own_licences_on_announced_declarations(app: Flask,
                                                               session: Session) -> None:
    patentee = make_user(session, Role.PATENTEE)
    for _ in range(2):
        make_declaration(session, make_patent(session, patentee), DeclarationStatus.ANNOUNCED)
    make_declaration(session, make_patent(session, patentee))  # a draft is never licensed
    sme = make_user(session, Role.SME)
    make_user(session, Role.MEDIATOR)
    make_user(session, Role.OFFICE)
    with app.app_context():
        cases = seed_mediation(session, upload_dir=_dir(app), today=TODAY)
    assert {case.state for case in cases} == DEMO_STATES
    licences = {c.licence_id: services.licence_record(session, c).licence for c in cases}
    assert len(licences) == 2
    assert {lic.licensee_organisation_id for lic in licences.values()} == {sme.organisation_id}


def _dir(app: Flask) -> Path:
    return Path(app.config["UPLOAD_DIR"])


def test_demo_timelines_run_in_the_order_of_their_scenario(app: Flask, session: Session,
                                                           people: People) -> None:
    """Each step is dated on its scenario's day: the filing comes first, on the day received,
    no deadline precedes it, and the steps follow one another up to the seeding day."""
    with app.app_context():
        cases = seed_mediation(session, [people.licence], upload_dir=_dir(app), today=TODAY)
    now = dt.datetime.combine(TODAY, dt.time(23, 59), tzinfo=CHINA)
    for case in cases:
        events = session.exec(select(AuditEvent).where(
            AuditEvent.entity_type == "mediation_case", AuditEvent.entity_id == case.id)
            .order_by(col(AuditEvent.id))).all()
        instants = [event.occurred_at for event in events]
        assert instants == sorted(instants), case.number
        assert legal_date(instants[0]) == case.received_on and instants[-1] <= now
        entries = services.timeline(session, case, MediationPolicy(), now)
        assert entries[0].label == EVENT_LABELS[OPENED], case.number
        assert all(entry.at >= entries[0].at for entry in entries), case.number
        accepted = [e for e in events if e.action == f"mediation.{CaseAction.ACCEPT}"]
        assert [legal_date(e.occurred_at) for e in accepted] == (
            [case.decided_on] if accepted else [])
