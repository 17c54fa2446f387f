"""The mediation services: who may take each step, what each step changes, the outcome's effect
on the licence and the fee ledger, deadlines in working days (D16)."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from flask import Flask
from sqlmodel import Session, select

from marketplace.accounts.models import Role, User
from marketplace.audit.models import AuditEvent
from marketplace.calendar import WorkingCalendar
from marketplace.errors import (
    Conflict,
    InvalidStateTransition,
    NotFound,
    PermissionDenied,
    ValidationFailed,
)
from marketplace.fees.models import FeeLedger
from marketplace.licensing.rules import LicenceEvent, LicenceState
from marketplace.mediation import services
from marketplace.mediation.models import AgreementEffect, CaseRecusal, MediationCase
from marketplace.mediation.rules import (
    CaseState,
    ConflictReason,
    MediationPolicy,
    RefusalGround,
    RespondentAnswer,
)
from marketplace.notifications.models import Notification
from tests.factories import make_user
from tests.mediation.conftest import People, open_as

pytestmark = pytest.mark.usefixtures("ctx")

POLICY = MediationPolicy()
DAY = dt.date(2026, 11, 23)


def _accepted(session: Session, people: People, app: Flask) -> MediationCase:
    case = open_as(session, people, app)
    assert case.id is not None
    services.answer(session, actor=people.patentee, case_id=case.id, agree=True)
    services.accept(session, actor=people.office, case_id=case.id, today=DAY)
    return case


def _in_mediation(session: Session, people: People, app: Flask) -> MediationCase:
    case = _accepted(session, people, app)
    assert case.id is not None and people.mediator.id is not None
    services.assign_mediator(session, actor=people.office, case_id=case.id,
                             mediator_id=people.mediator.id)
    services.start_mediation(session, actor=people.mediator, case_id=case.id)
    return case


def _agreed_terms(session: Session, people: People, app: Flask,
                  effect: AgreementEffect, new_terms: str = "") -> MediationCase:
    case = _in_mediation(session, people, app)
    assert case.id is not None
    services.propose_terms(session, actor=people.mediator, case_id=case.id,
                           terms="被许可人补缴入门费 2 万元。", effect=effect,
                           new_payment_terms=new_terms)
    services.accept_terms(session, actor=people.sme, case_id=case.id)
    services.accept_terms(session, actor=people.patentee, case_id=case.id)
    return case


def _events(session: Session, action: str) -> list[AuditEvent]:
    return list(session.exec(select(AuditEvent).where(AuditEvent.action == action)).all())


# --- Opening -------------------------------------------------------------------------------------


def test_licensee_opens_a_case_the_patentee_is_notified(
        session: Session, people: People, app: Flask) -> None:
    case = open_as(session, people, app)
    assert re.fullmatch(r"KF-MED-2026-\d{6}", case.number)
    assert case.state is CaseState.AWAITING_RESPONDENT
    assert case.respondent_organisation_id == people.patentee.organisation_id
    assert case.patent_id == people.licence.patent_id
    notes = session.exec(select(Notification).where(
        Notification.user_id == people.patentee.id)).all()
    assert [n.kind for n in notes] == ["mediation.opened"]
    assert notes[0].link == f"/mediation/cases/{case.id}"
    assert [e.entity_id for e in _events(session, "mediation.opened")] == [case.id]


def test_case_numbers_count_up(session: Session, people: People, app: Flask) -> None:
    first, second = open_as(session, people, app), open_as(session, people, app)
    assert int(second.number[-6:]) == int(first.number[-6:]) + 1


def test_patentee_opens_against_the_licensee(session: Session, people: People,
                                             app: Flask) -> None:
    case = open_as(session, people, app, opener=people.patentee)
    assert case.applicant_organisation_id == people.patentee.organisation_id
    assert case.respondent_organisation_id == people.sme.organisation_id


@pytest.mark.parametrize("role", [Role.SME, Role.PATENTEE, Role.MEDIATOR, Role.OFFICE])
def test_only_a_party_opens_a_case(session: Session, people: People, app: Flask,
                                   role: Role) -> None:
    with pytest.raises(NotFound):
        open_as(session, people, app, opener=make_user(session, role))


def test_documents_are_stored_privately_and_a_bad_type_is_refused(
        session: Session, people: People, app: Flask) -> None:
    assert people.licence.id is not None
    new = services.NewCase(people.licence.id, services.DisputeSubject.AMOUNT_OWED, "欠款")
    case = services.open_case(session, actor=people.sme, new=new, documents=[
        services.Upload(io.BytesIO(b"%PDF-1.4 invoice"), "发票.pdf")],
        storage=people.storage(app))
    [message] = services.messages(session, case)
    assert message.original_name == "发票.pdf" and message.file_kind is not None
    assert (people.storage(app).directory / str(message.stored_name)).exists()
    with pytest.raises(ValidationFailed) as error:
        services.open_case(session, actor=people.sme, new=new, documents=[
            services.Upload(io.BytesIO(b"MZ\x90\x00\x03binary"), "x.exe")],
            storage=people.storage(app))
    assert "documents" in error.value.errors
    before = set(people.storage(app).directory.iterdir())
    with pytest.raises(ValidationFailed):  # a good file then a bad one: nothing is kept
        services.open_case(session, actor=people.sme, new=new, documents=[
            services.Upload(io.BytesIO(b"%PDF-1.4 ok"), "ok.pdf"),
            services.Upload(io.BytesIO(b"\x00\x01binary"), "bad.bin")],
            storage=people.storage(app))
    assert set(people.storage(app).directory.iterdir()) == before


# --- Answer and acceptance -----------------------------------------------------------------------


def test_only_the_respondent_answers(session: Session, people: People, app: Flask) -> None:
    case = open_as(session, people, app)
    assert case.id is not None
    with pytest.raises(PermissionDenied):
        services.answer(session, actor=people.sme, case_id=case.id, agree=True)
    with pytest.raises(NotFound):
        services.answer(session, actor=make_user(session, Role.PATENTEE), case_id=case.id,
                        agree=True)
    services.answer(session, actor=people.patentee, case_id=case.id, agree=False)
    assert case.respondent_answer is RespondentAnswer.DECLINED


def test_office_accepts_only_after_the_respondent_agreed(
        session: Session, people: People, app: Flask) -> None:
    case = open_as(session, people, app)
    assert case.id is not None
    with pytest.raises(InvalidStateTransition):
        services.accept(session, actor=people.office, case_id=case.id)
    services.answer(session, actor=people.patentee, case_id=case.id, agree=True)
    with pytest.raises(PermissionDenied):
        services.accept(session, actor=people.patentee, case_id=case.id)
    services.accept(session, actor=people.office, case_id=case.id, today=DAY)
    assert (case.state, case.decided_on) == (CaseState.ACCEPTED, DAY)
    with pytest.raises(InvalidStateTransition):
        services.refuse(session, actor=people.office, case_id=case.id,
                        ground=RefusalGround.COURT_ACCEPTED, details="")


def test_refusal_records_its_ground(session: Session, people: People, app: Flask) -> None:
    case = open_as(session, people, app)
    assert case.id is not None
    with pytest.raises(ValidationFailed) as error:
        services.refuse(session, actor=people.office, case_id=case.id,
                        ground=RefusalGround.OTHER, details=" ")
    assert "details" in error.value.errors
    services.refuse(session, actor=people.office, case_id=case.id,
                    ground=RefusalGround.ARBITRATION_APPLIED, details="仲裁委已受理", today=DAY)
    assert case.state is CaseState.REFUSED
    assert case.refusal_ground is RefusalGround.ARBITRATION_APPLIED
    [event] = _events(session, "mediation.refuse")
    assert event.after is not None and event.after["ground"] == "arbitration_applied"


# --- Mediators -----------------------------------------------------------------------------------


def test_mediator_of_a_partys_organisation_cannot_be_assigned(
        session: Session, people: People, app: Flask) -> None:
    case = _accepted(session, people, app)
    assert case.id is not None
    insider = make_user(session, Role.MEDIATOR, organisation_id=people.sme.organisation_id)
    assert insider.id is not None
    with pytest.raises(Conflict) as error:
        services.assign_mediator(session, actor=people.office, case_id=case.id,
                                 mediator_id=insider.id)
    assert error.value.errors["mediator"] == [
        "The mediator belongs to the applicant's organisation."]
    with pytest.raises(ValidationFailed):  # not a mediator at all
        services.assign_mediator(session, actor=people.office, case_id=case.id,
                                 mediator_id=people.sme.id or 0)


def test_declared_conflict_is_a_recusal(session: Session, people: People, app: Flask) -> None:
    case = _in_mediation(session, people, app)
    assert case.id is not None and people.mediator.id is not None
    with pytest.raises(PermissionDenied):
        services.declare_conflict(session, actor=people.office, case_id=case.id, note="x")
    services.declare_conflict(session, actor=people.mediator, case_id=case.id,
                              note="曾为申请人提供咨询")
    assert case.mediator_id is None and case.state is CaseState.ACCEPTED
    [recusal] = session.exec(select(CaseRecusal)).all()
    assert recusal.reason is ConflictReason.DECLARED_CONFLICT
    with pytest.raises(NotFound):  # no longer the case's mediator
        services.get_case(session, actor=people.mediator, case_id=case.id)
    with pytest.raises(Conflict):
        services.assign_mediator(session, actor=people.office, case_id=case.id,
                                 mediator_id=people.mediator.id)


def test_objection_upheld_removes_the_mediator_dismissed_keeps_it(
        session: Session, people: People, app: Flask) -> None:
    case = _accepted(session, people, app)
    assert case.id is not None and people.mediator.id is not None
    services.assign_mediator(session, actor=people.office, case_id=case.id,
                             mediator_id=people.mediator.id)
    with pytest.raises(PermissionDenied):
        services.object_to_mediator(session, actor=people.mediator, case_id=case.id,
                                    reason="x")
    services.object_to_mediator(session, actor=people.patentee, case_id=case.id,
                                reason="调解员与被许可人有业务往来")
    with pytest.raises(InvalidStateTransition):
        services.start_mediation(session, actor=people.mediator, case_id=case.id)
    with pytest.raises(PermissionDenied):
        services.decide_objection(session, actor=people.sme, case_id=case.id, uphold=True,
                                  reason="x")
    services.decide_objection(session, actor=people.office, case_id=case.id, uphold=False,
                              reason="无证据")
    assert case.mediator_id == people.mediator.id
    services.object_to_mediator(session, actor=people.sme, case_id=case.id, reason="再次异议")
    services.decide_objection(session, actor=people.office, case_id=case.id, uphold=True,
                              reason="存在利害关系")
    assert case.mediator_id is None
    with pytest.raises(Conflict) as error:
        services.assign_mediator(session, actor=people.office, case_id=case.id,
                                 mediator_id=people.mediator.id)
    assert error.value.errors["mediator"] == [
        "An objection to this mediator was upheld in this case."]


def test_start_needs_a_mediator(session: Session, people: People, app: Flask) -> None:
    case = _accepted(session, people, app)
    assert case.id is not None
    with pytest.raises(InvalidStateTransition):
        services.start_mediation(session, actor=people.office, case_id=case.id)


# --- Mediation -----------------------------------------------------------------------------------


def test_messages_and_meetings(session: Session, people: People, app: Flask) -> None:
    case = _in_mediation(session, people, app)
    assert case.id is not None
    services.post_message(session, actor=people.patentee, case_id=case.id, body="我方意见",
                          upload=None, storage=people.storage(app))
    with pytest.raises(ValidationFailed):
        services.post_message(session, actor=people.sme, case_id=case.id, body=" ",
                              upload=None, storage=people.storage(app))
    with pytest.raises(NotFound):
        services.post_message(session, actor=make_user(session, Role.MEDIATOR),
                              case_id=case.id, body="x", upload=None,
                              storage=people.storage(app))
    with pytest.raises(PermissionDenied):
        services.schedule_meeting(session, actor=people.sme, case_id=case.id,
                                  starts_at=dt.datetime(2026, 12, 1, 2, tzinfo=dt.UTC),
                                  place="x", online_link="")
    services.schedule_meeting(session, actor=people.mediator, case_id=case.id,
                              starts_at=dt.datetime(2026, 12, 1, 2, tzinfo=dt.UTC),
                              place="", online_link="https://meet.example.cn/abc")
    assert [m.body for m in services.messages(session, case)] == ["我方意见"]
    assert len(services.meetings(session, case)) == 1


def test_one_extension_with_reason(session: Session, people: People, app: Flask) -> None:
    case = _in_mediation(session, people, app)
    assert case.id is not None
    before = services.deadlines(case, POLICY, DAY).mediation
    with pytest.raises(ValidationFailed):
        services.extend_deadline(session, actor=people.mediator, case_id=case.id, days=10,
                                 reason="", policy=POLICY)
    services.extend_deadline(session, actor=people.mediator, case_id=case.id, days=10,
                             reason="需补充财务资料", policy=POLICY)
    after = services.deadlines(case, POLICY, DAY).mediation
    assert before == dt.date(2026, 12, 23) and after == dt.date(2027, 1, 4)  # 2 Jan is a Sat.
    with pytest.raises(InvalidStateTransition):
        services.extend_deadline(session, actor=people.office, case_id=case.id, days=5,
                                 reason="again", policy=POLICY)


# --- Deadlines -----------------------------------------------------------------------------------


def test_acceptance_deadline_counts_working_days_past_a_holiday() -> None:
    policy = MediationPolicy(calendar=WorkingCalendar(
        holidays=frozenset(dt.date(2026, 10, d) for d in range(1, 8))))
    case = MediationCase(number="x", licence_id=1, patent_id=1, applicant_organisation_id=1,
                         respondent_organisation_id=2, subject="amount_owed", claims="x",
                         state=CaseState.AWAITING_RESPONDENT, received_on=dt.date(2026, 9, 29))
    # 30 Sep is day 1; 1–7 Oct are holidays, 3–4 and 10–11 Oct weekends: 8, 9, 12, 13 Oct.
    assert services.deadlines(case, policy, dt.date(2026, 10, 13)).acceptance == \
        dt.date(2026, 10, 13)
    assert not services.deadlines(case, policy, dt.date(2026, 10, 13)).acceptance_overdue
    assert services.deadlines(case, policy, dt.date(2026, 10, 14)).acceptance_overdue
    case.decided_on, case.state = dt.date(2026, 9, 1), CaseState.IN_MEDIATION
    # Accepted 1 Sep: 30 days → 1 Oct, a holiday, rolls to 8 Oct.
    assert services.deadlines(case, policy, dt.date(2026, 10, 8)).mediation == \
        dt.date(2026, 10, 8)
    assert services.deadlines(case, policy, dt.date(2026, 10, 9)).mediation_overdue


# --- Outcomes ------------------------------------------------------------------------------------


def test_agreement_needs_both_parties(session: Session, people: People, app: Flask) -> None:
    case = _in_mediation(session, people, app)
    assert case.id is not None
    services.propose_terms(session, actor=people.mediator, case_id=case.id, terms="和解",
                           effect=AgreementEffect.NONE, new_payment_terms="")
    services.accept_terms(session, actor=people.sme, case_id=case.id)
    with pytest.raises(InvalidStateTransition):
        services.record_agreement(session, actor=people.mediator, case_id=case.id)
    with pytest.raises(PermissionDenied):
        services.accept_terms(session, actor=people.mediator, case_id=case.id)
    # New terms need new acceptances.
    services.propose_terms(session, actor=people.mediator, case_id=case.id, terms="和解二",
                           effect=AgreementEffect.NONE, new_payment_terms="")
    assert not case.applicant_accepted_terms
    with pytest.raises(ValidationFailed):
        services.propose_terms(session, actor=people.mediator, case_id=case.id, terms="x",
                               effect=AgreementEffect.CHANGES_PAYMENT, new_payment_terms="")


def test_agreement_ending_the_licence_ends_it(session: Session, people: People,
                                              app: Flask) -> None:
    case = _agreed_terms(session, people, app, AgreementEffect.ENDS_LICENCE)
    assert case.id is not None
    with pytest.raises(PermissionDenied):
        services.record_agreement(session, actor=people.office, case_id=case.id)
    services.record_agreement(session, actor=people.mediator, case_id=case.id, today=DAY)
    assert case.state is CaseState.AGREEMENT
    licence = people.licence
    session.refresh(licence)
    assert licence.state is LicenceState.ENDED
    assert (licence.end_reason, licence.ended_on) == (LicenceEvent.TERMINATED_BY_MEDIATION, DAY)
    assert session.exec(select(FeeLedger).where(
        FeeLedger.patent_id == licence.patent_id)).first() is not None


def test_agreement_changing_payment_terms_is_audited_and_refreshes_the_ledger(
        session: Session, people: People, app: Flask) -> None:
    case = _agreed_terms(session, people, app, AgreementEffect.CHANGES_PAYMENT,
                         "入门费改为分两期支付")
    assert case.id is not None
    assert session.exec(select(FeeLedger).where(
        FeeLedger.patent_id == case.patent_id)).first() is None
    services.record_agreement(session, actor=people.mediator, case_id=case.id, today=DAY)
    [event] = _events(session, "licence.payment_terms_changed")
    assert event.entity_id == people.licence.id
    assert event.after == {"case": case.number, "payment_terms": "入门费改为分两期支付"}
    assert session.exec(select(FeeLedger).where(
        FeeLedger.patent_id == case.patent_id)).first() is not None
    assert people.licence.state is LicenceState.EFFECTIVE


def test_judicial_confirmation_window(session: Session, people: People, app: Flask) -> None:
    case = _agreed_terms(session, people, app, AgreementEffect.NONE)
    assert case.id is not None
    services.record_agreement(session, actor=people.mediator, case_id=case.id, today=DAY)
    assert services.deadlines(case, POLICY, DAY).confirmation == dt.date(2026, 12, 23)
    with pytest.raises(ValidationFailed):
        services.file_confirmation(session, actor=people.sme, case_id=case.id,
                                   filed_on=dt.date(2026, 12, 24), policy=POLICY)
    with pytest.raises(PermissionDenied):
        services.file_confirmation(session, actor=people.office, case_id=case.id,
                                   filed_on=dt.date(2026, 12, 1), policy=POLICY)
    services.file_confirmation(session, actor=people.sme, case_id=case.id,
                               filed_on=dt.date(2026, 12, 1), policy=POLICY)
    services.record_confirmation(session, actor=people.office, case_id=case.id,
                                 confirmed=True, decided_on=dt.date(2026, 12, 15))
    assert case.state is CaseState.CONFIRMED
    with pytest.raises(InvalidStateTransition):
        services.record_confirmation(session, actor=people.office, case_id=case.id,
                                     confirmed=False, decided_on=dt.date(2026, 12, 16))


def test_termination_tells_the_parties_about_the_court(
        session: Session, people: People, app: Flask) -> None:
    case = _in_mediation(session, people, app)
    assert case.id is not None
    with pytest.raises(PermissionDenied):
        services.terminate(session, actor=people.sme, case_id=case.id, reason="x")
    services.terminate(session, actor=people.mediator, case_id=case.id, reason="双方分歧过大")
    assert case.state is CaseState.TERMINATED
    note = session.exec(select(Notification).where(
        Notification.user_id == people.sme.id,
        Notification.kind == "mediation.terminated")).one()
    assert "people's court" in note.template


def test_only_the_applicant_withdraws_while_open(session: Session, people: People,
                                                 app: Flask) -> None:
    case = _in_mediation(session, people, app)
    assert case.id is not None
    with pytest.raises(PermissionDenied):
        services.withdraw(session, actor=people.patentee, case_id=case.id)
    services.withdraw(session, actor=people.sme, case_id=case.id)
    assert case.state is CaseState.WITHDRAWN
    with pytest.raises(InvalidStateTransition):
        services.withdraw(session, actor=people.sme, case_id=case.id)


# --- Lists and figures ---------------------------------------------------------------------------


def test_lists_and_statistics(session: Session, people: People, app: Flask) -> None:
    settled = _agreed_terms(session, people, app, AgreementEffect.NONE)
    assert settled.id is not None
    services.record_agreement(session, actor=people.mediator, case_id=settled.id,
                              today=dt.date(2026, 11, 30))
    waiting = open_as(session, people, app)
    withdrawn = open_as(session, people, app)
    assert withdrawn.id is not None
    services.withdraw(session, actor=people.sme, case_id=withdrawn.id,
                      today=dt.date(2026, 11, 24))
    outsider: User = make_user(session, Role.SME)
    assert services.list_cases(session, actor=outsider) == []
    assert services.list_cases(session, actor=people.mediator) == [settled]
    assert len(services.list_cases(session, actor=people.patentee)) == 3
    assert services.list_cases(session, actor=people.office, state=CaseState.AWAITING_RESPONDENT) \
        == [waiting]
    with pytest.raises(NotFound):
        services.statistics(session, actor=people.mediator)
    figures = services.statistics(session, actor=people.office)
    assert figures.total == 3
    assert figures.by_state == {CaseState.AGREEMENT: 1, CaseState.AWAITING_RESPONDENT: 1,
                                CaseState.WITHDRAWN: 1}
    # Received 20 Nov: accepted 23 Nov (3 days); outcomes on 30 Nov (10) and 24 Nov (4).
    assert figures.median_days_to_acceptance == 3
    assert figures.median_days_to_outcome == 7
    assert figures.settled_share == 0.5
