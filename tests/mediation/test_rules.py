"""Pure tests of the mediation rules (DOMAIN D16, R7.2–R7.5). Dates are worked out by hand."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from marketplace.calendar import WorkingCalendar
from marketplace.config import load_settings
from marketplace.errors import Conflict, InvalidStateTransition, PermissionDenied, ValidationFailed
from marketplace.mediation.rules import (
    ACTION_LABELS,
    ACTOR_LABELS,
    CONFLICT_LABELS,
    GROUND_LABELS,
    STATE_LABELS,
    SUBJECT_LABELS,
    TERMINAL_STATES,
    CaseAction,
    CaseActor,
    CaseState,
    ConflictReason,
    DisputeSubject,
    Extension,
    MediationPolicy,
    ObjectionOutcome,
    Refusal,
    RefusalGround,
    RespondentAnswer,
    acceptance_deadline,
    allowed_actions,
    check_acceptance,
    check_agreement,
    check_confirmation_filing,
    check_mediator_assignable,
    check_start,
    confirmation_deadline,
    confirmation_window_open,
    decide_objection,
    grant_extension,
    is_overdue,
    mediation_deadline,
    mediator_conflicts,
    next_state,
    object_to_mediator,
    validate_refusal,
)

S = CaseState
A = CaseActor
Act = CaseAction

# The issue's state machine, written out independently of the module's table:
# action -> (states it is allowed in, resulting state or None when unchanged, who may take it).
OPEN = {S.SUBMITTED, S.AWAITING_RESPONDENT, S.ACCEPTED, S.IN_MEDIATION}
MEDIATION = {S.ACCEPTED, S.IN_MEDIATION}
PARTIES = {A.APPLICANT, A.RESPONDENT}
EXPECTED: dict[CaseAction, tuple[set[CaseState], CaseState | None, set[CaseActor]]] = {
    Act.NOTIFY_RESPONDENT: ({S.SUBMITTED}, S.AWAITING_RESPONDENT, {A.OFFICE}),
    Act.ANSWER: ({S.AWAITING_RESPONDENT}, None, {A.RESPONDENT}),
    Act.ACCEPT: ({S.AWAITING_RESPONDENT}, S.ACCEPTED, {A.OFFICE}),
    Act.REFUSE: ({S.SUBMITTED, S.AWAITING_RESPONDENT}, S.REFUSED, {A.OFFICE}),
    Act.ASSIGN_MEDIATOR: (MEDIATION, None, {A.OFFICE}),
    Act.DECLARE_CONFLICT: (MEDIATION, None, {A.MEDIATOR}),
    Act.OBJECT_TO_MEDIATOR: (MEDIATION, None, PARTIES),
    Act.DECIDE_OBJECTION: (MEDIATION, None, {A.OFFICE}),
    Act.START_MEDIATION: ({S.ACCEPTED}, S.IN_MEDIATION, {A.MEDIATOR, A.OFFICE}),
    Act.POST_MESSAGE: ({S.AWAITING_RESPONDENT, S.ACCEPTED, S.IN_MEDIATION}, None, set(A)),
    Act.SCHEDULE_MEETING: (MEDIATION, None, {A.MEDIATOR}),
    Act.EXTEND_DEADLINE: (MEDIATION, None, {A.MEDIATOR, A.OFFICE}),
    Act.PROPOSE_TERMS: ({S.IN_MEDIATION}, None, {A.MEDIATOR}),
    Act.ACCEPT_TERMS: ({S.IN_MEDIATION}, None, PARTIES),
    Act.RECORD_AGREEMENT: ({S.IN_MEDIATION}, S.AGREEMENT, {A.MEDIATOR}),
    Act.TERMINATE: (MEDIATION, S.TERMINATED, {A.MEDIATOR, A.OFFICE}),
    Act.WITHDRAW: (OPEN, S.WITHDRAWN, {A.APPLICANT}),
    Act.FILE_CONFIRMATION: ({S.AGREEMENT}, S.CONFIRMATION_FILED, PARTIES),
    Act.RECORD_CONFIRMED: ({S.CONFIRMATION_FILED}, S.CONFIRMED, {*PARTIES, A.OFFICE}),
    Act.RECORD_NOT_CONFIRMED: ({S.CONFIRMATION_FILED}, S.NOT_CONFIRMED, {*PARTIES, A.OFFICE}),
}
MATRIX = [(state, action) for state in CaseState for action in CaseAction]


def an_allowed_actor(action: CaseAction) -> CaseActor:
    return sorted(EXPECTED[action][2])[0]


def test_the_expected_table_covers_every_action() -> None:
    assert set(EXPECTED) == set(CaseAction)


@pytest.mark.parametrize(("state", "action"), [
    (state, action) for state, action in MATRIX if state in EXPECTED[action][0]
])
def test_allowed_transition(state: CaseState, action: CaseAction) -> None:
    target = EXPECTED[action][1]
    assert next_state(state, action, an_allowed_actor(action)) == (target or state)


@pytest.mark.parametrize(("state", "action"), [
    (state, action) for state, action in MATRIX if state not in EXPECTED[action][0]
])
def test_refused_transition(state: CaseState, action: CaseAction) -> None:
    with pytest.raises(InvalidStateTransition) as info:
        next_state(state, action, an_allowed_actor(action))
    assert info.value.status == 409
    assert info.value.detail.params == {"action": ACTION_LABELS[action],
                                        "state": STATE_LABELS[state]}


def test_refused_transition_message_reads_in_english() -> None:
    with pytest.raises(InvalidStateTransition) as info:
        next_state(S.WITHDRAWN, Act.ACCEPT, A.OFFICE)
    assert info.value.message == "Cannot accept the case: the case is withdrawn."
    assert info.value.detail.template == "Cannot %(action)s: the case is %(state)s."


@pytest.mark.parametrize(("action", "actor"), [(a, r) for a in CaseAction for r in CaseActor])
def test_who_may_take_each_action(action: CaseAction, actor: CaseActor) -> None:
    sources, target, actors = EXPECTED[action]
    state = sorted(sources)[0]
    if actor in actors:
        assert next_state(state, action, actor) == (target or state)
    else:
        with pytest.raises(PermissionDenied) as info:
            next_state(state, action, actor)
        assert info.value.status == 403


def test_permission_is_checked_before_the_state() -> None:
    # The applicant can never accept a case, whatever the case's state.
    with pytest.raises(PermissionDenied) as info:
        next_state(S.REFUSED, Act.ACCEPT, A.APPLICANT)
    assert info.value.message == "As the applicant you may not accept the case."


@pytest.mark.parametrize(("state", "actor"), [(s, r) for s in CaseState for r in CaseActor])
def test_allowed_actions_lists_what_the_actor_may_do(state: CaseState, actor: CaseActor) -> None:
    expected = [action for action in CaseAction
                if state in EXPECTED[action][0] and actor in EXPECTED[action][2]]
    assert list(allowed_actions(state, actor)) == expected


def test_allowed_actions_examples() -> None:
    assert allowed_actions(S.IN_MEDIATION, A.APPLICANT) == (
        Act.OBJECT_TO_MEDIATOR, Act.POST_MESSAGE, Act.ACCEPT_TERMS, Act.WITHDRAW)
    assert allowed_actions(S.AGREEMENT, A.MEDIATOR) == ()
    assert allowed_actions(S.SUBMITTED, A.OFFICE) == (Act.NOTIFY_RESPONDENT, Act.REFUSE)


def test_terminal_states() -> None:
    assert set(TERMINAL_STATES) == {S.REFUSED, S.TERMINATED, S.WITHDRAWN, S.CONFIRMED,
                                    S.NOT_CONFIRMED}


def test_withdrawal_is_the_applicants_while_the_case_is_open() -> None:
    for state in CaseState:
        if state in OPEN:
            assert next_state(state, Act.WITHDRAW, A.APPLICANT) is S.WITHDRAWN
        else:
            with pytest.raises(InvalidStateTransition):
                next_state(state, Act.WITHDRAW, A.APPLICANT)
    with pytest.raises(PermissionDenied):
        next_state(S.IN_MEDIATION, Act.WITHDRAW, A.RESPONDENT)


def test_a_full_happy_path() -> None:
    state = S.SUBMITTED
    for action, actor in [
        (Act.NOTIFY_RESPONDENT, A.OFFICE), (Act.ANSWER, A.RESPONDENT), (Act.ACCEPT, A.OFFICE),
        (Act.ASSIGN_MEDIATOR, A.OFFICE), (Act.START_MEDIATION, A.MEDIATOR),
        (Act.PROPOSE_TERMS, A.MEDIATOR), (Act.ACCEPT_TERMS, A.APPLICANT),
        (Act.ACCEPT_TERMS, A.RESPONDENT), (Act.RECORD_AGREEMENT, A.MEDIATOR),
        (Act.FILE_CONFIRMATION, A.APPLICANT), (Act.RECORD_CONFIRMED, A.OFFICE),
    ]:
        state = next_state(state, action, actor)
    assert state is S.CONFIRMED


@pytest.mark.parametrize(("labels", "enum"), [
    (STATE_LABELS, CaseState), (ACTOR_LABELS, CaseActor), (ACTION_LABELS, CaseAction),
    (SUBJECT_LABELS, DisputeSubject), (GROUND_LABELS, RefusalGround),
    (CONFLICT_LABELS, ConflictReason),
])
def test_every_value_has_a_label(labels: object, enum: type) -> None:
    assert isinstance(labels, dict) and set(labels) == set(enum)


def test_subjects_and_refusal_grounds_follow_the_issue_and_art_8() -> None:
    assert [s.value for s in DisputeSubject] == [
        "payment_method_or_standard", "amount_owed", "licence_term", "scope_of_use",
        "know_how_or_support", "other"]
    assert [g.value for g in RefusalGround] == [
        "other_party_does_not_agree", "court_accepted", "arbitration_applied",
        "already_decided", "other"]
    assert "Art. 8(2)" in str(GROUND_LABELS[RefusalGround.COURT_ACCEPTED])


# --- Guards ---------------------------------------------------------------------------------------


def test_acceptance_needs_the_respondents_agreement() -> None:
    check_acceptance(RespondentAnswer.AGREED)
    with pytest.raises(InvalidStateTransition, match="not yet agreed"):
        check_acceptance(RespondentAnswer.PENDING)
    with pytest.raises(InvalidStateTransition, match="can only be refused"):
        check_acceptance(RespondentAnswer.DECLINED)


def test_refusal_records_its_ground() -> None:
    assert validate_refusal(RefusalGround.COURT_ACCEPTED, "", RespondentAnswer.PENDING) == Refusal(
        RefusalGround.COURT_ACCEPTED, "")
    assert validate_refusal(RefusalGround.OTHER_PARTY_DOES_NOT_AGREE, "",
                            RespondentAnswer.DECLINED).ground is (
        RefusalGround.OTHER_PARTY_DOES_NOT_AGREE)
    # A respondent who has not answered has not agreed.
    validate_refusal(RefusalGround.OTHER_PARTY_DOES_NOT_AGREE, "", RespondentAnswer.PENDING)
    assert validate_refusal(RefusalGround.OTHER, "  outside CNIPA's remit ",
                            RespondentAnswer.AGREED).details == "outside CNIPA's remit"


def test_refusal_other_needs_details() -> None:
    with pytest.raises(ValidationFailed) as info:
        validate_refusal(RefusalGround.OTHER, "   ", RespondentAnswer.PENDING)
    assert info.value.status == 422
    assert set(info.value.errors) == {"details"}


def test_refusal_cannot_say_the_respondent_disagrees_when_it_agreed() -> None:
    with pytest.raises(ValidationFailed) as info:
        validate_refusal(RefusalGround.OTHER_PARTY_DOES_NOT_AGREE, "", RespondentAnswer.AGREED)
    assert info.value.errors == {"ground": ["The respondent has agreed to mediate."]}


def test_start_needs_a_mediator_and_no_pending_objection() -> None:
    check_start(mediator_assigned=True, objection_pending=False)
    with pytest.raises(InvalidStateTransition, match="Assign a mediator"):
        check_start(mediator_assigned=False, objection_pending=False)
    with pytest.raises(InvalidStateTransition, match="objection"):
        check_start(mediator_assigned=True, objection_pending=True)


def test_agreement_needs_both_parties() -> None:
    check_agreement(applicant_accepted=True, respondent_accepted=True)
    with pytest.raises(InvalidStateTransition, match="Neither party"):
        check_agreement(applicant_accepted=False, respondent_accepted=False)
    with pytest.raises(InvalidStateTransition) as info:
        check_agreement(applicant_accepted=True, respondent_accepted=False)
    assert info.value.message == "The agreement terms still need the acceptance of the respondent."
    with pytest.raises(InvalidStateTransition, match="of the applicant"):
        check_agreement(applicant_accepted=False, respondent_accepted=True)


# --- Deadlines ------------------------------------------------------------------------------------

# Test data (not the official schedule): National Day 1–7 Oct 2026 (Thu–Wed) are holidays;
# Sun 20 Sep and Sat 10 Oct 2026 are adjusted working days (调休).
CAL = WorkingCalendar(holidays=frozenset(date(2026, 10, d) for d in range(1, 8)),
                      extra_workdays=frozenset({date(2026, 9, 20), date(2026, 10, 10)}))
POLICY = MediationPolicy(calendar=CAL)
PLAIN = MediationPolicy()


@pytest.mark.parametrize(("policy", "received", "expected"), [
    # Mon 7 Sep: Tue 8 (1), Wed 9, Thu 10, Fri 11, Mon 14 (5); the day of receipt is not counted.
    (PLAIN, date(2026, 9, 7), date(2026, 9, 14)),
    # Received on Saturday 12 Sep: Mon 14 (1) … Fri 18 (5).
    (PLAIN, date(2026, 9, 12), date(2026, 9, 18)),
    # Fri 18 Sep: the adjusted Sunday 20 (1), Mon 21 … Thu 24 (5).
    (POLICY, date(2026, 9, 18), date(2026, 9, 24)),
    # Wed 30 Sep: holidays 1–7 Oct; Thu 8 (1), Fri 9 (2), Sat 10 (3, 调休), Mon 12, Tue 13 (5).
    (POLICY, date(2026, 9, 30), date(2026, 10, 13)),
    # Received during the holiday (Sat 3 Oct): the same five days.
    (POLICY, date(2026, 10, 3), date(2026, 10, 13)),
    # Seven working days when the setting says so: … Tue 13 (5), Wed 14, Thu 15 (7).
    (MediationPolicy(accept_working_days=7, calendar=CAL), date(2026, 9, 30), date(2026, 10, 15)),
])
def test_acceptance_deadline_in_working_days(
    policy: MediationPolicy, received: date, expected: date
) -> None:
    assert acceptance_deadline(received, policy) == expected


@pytest.mark.parametrize(("policy", "accepted", "extension", "expected"), [
    # 30 days from Mon 14 Sep: Wed 14 Oct.
    (POLICY, date(2026, 9, 14), None, date(2026, 10, 14)),
    # From Tue 1 Sep: Thu 1 Oct is a holiday, so the last day is Thu 8 Oct.
    (POLICY, date(2026, 9, 1), None, date(2026, 10, 8)),
    # From Thu 10 Sep: Sat 10 Oct is an adjusted working day and stays the last day.
    (POLICY, date(2026, 9, 10), None, date(2026, 10, 10)),
    # From Thu 15 Oct: Sat 14 Nov rolls to Mon 16 Nov.
    (PLAIN, date(2026, 10, 15), None, date(2026, 11, 16)),
    # Extended by 20 days: 50 days from Mon 14 Sep is Tue 3 Nov.
    (POLICY, date(2026, 9, 14), Extension(20, "expert report"), date(2026, 11, 3)),
    # MEDIATION_DAYS = 45: Thu 29 Oct.
    (MediationPolicy(mediation_days=45, calendar=CAL), date(2026, 9, 14), None,
     date(2026, 10, 29)),
])
def test_mediation_deadline(
    policy: MediationPolicy, accepted: date, extension: Extension | None, expected: date
) -> None:
    assert mediation_deadline(accepted, policy, extension) == expected


def test_one_extension_with_reason_and_length() -> None:
    extension = grant_extension(None, days=30, reason="  waiting for the audit  ", policy=POLICY)
    assert extension == Extension(30, "waiting for the audit")
    with pytest.raises(InvalidStateTransition, match="already been extended once"):
        grant_extension(extension, days=5, reason="again", policy=POLICY)


@pytest.mark.parametrize(("days", "reason", "fields"), [
    (10, "", {"reason"}),
    (10, "   ", {"reason"}),
    (0, "audit", {"days"}),
    (31, "audit", {"days"}),
    (-3, "", {"days", "reason"}),
])
def test_extension_refusals(days: int, reason: str, fields: set[str]) -> None:
    with pytest.raises(ValidationFailed) as info:
        grant_extension(None, days=days, reason=reason, policy=POLICY)
    assert set(info.value.errors) == fields


def test_extension_limit_follows_the_setting() -> None:
    assert grant_extension(None, days=60, reason="audit",
                           policy=MediationPolicy(extension_max_days=60)).days == 60
    with pytest.raises(ValidationFailed) as info:
        grant_extension(None, days=31, reason="audit", policy=POLICY)
    assert info.value.errors == {"days": ["Extend by 1 to 30 days."]}
    with pytest.raises(ValidationFailed) as info:
        grant_extension(None, days=1, reason="audit",
                        policy=MediationPolicy(extension_max_days=0))
    assert info.value.errors == {"days": ["The mediation period cannot be extended."]}


@pytest.mark.parametrize(("done_on", "as_of", "overdue"), [
    (None, date(2026, 10, 13), False),  # the last day itself
    (None, date(2026, 10, 14), True),
    (date(2026, 10, 12), date(2026, 10, 20), False),  # done in time
    (date(2026, 10, 16), date(2026, 10, 20), False),  # done late: no longer an open flag
    (date(2026, 10, 16), date(2026, 10, 15), True),  # as of the 15th it was not done yet
    (None, date(2026, 10, 1), False),
])
def test_overdue_flag(done_on: date | None, as_of: date, overdue: bool) -> None:
    assert is_overdue(date(2026, 10, 13), done_on=done_on, as_of=as_of) is overdue


def test_overdue_acceptance_and_mediation_as_of_a_date() -> None:
    received = date(2026, 9, 30)
    deadline = acceptance_deadline(received, POLICY)  # Tue 13 Oct
    assert not is_overdue(deadline, done_on=None, as_of=date(2026, 10, 13))
    assert is_overdue(deadline, done_on=None, as_of=date(2026, 10, 14))
    accepted = date(2026, 9, 14)
    assert is_overdue(mediation_deadline(accepted, POLICY), done_on=None, as_of=date(2026, 10, 15))
    extended = mediation_deadline(accepted, POLICY, Extension(20, "expert report"))
    assert not is_overdue(extended, done_on=None, as_of=date(2026, 10, 15))


def test_judicial_confirmation_window() -> None:
    # 30 days from Tue 1 Sep is Thu 1 Oct, a holiday: the window closes on Thu 8 Oct.
    effective = date(2026, 9, 1)
    assert confirmation_deadline(effective, POLICY) == date(2026, 10, 8)
    # 30 days from Mon 14 Sep: Wed 14 Oct.
    assert confirmation_deadline(date(2026, 9, 14), POLICY) == date(2026, 10, 14)
    assert confirmation_deadline(date(2026, 9, 14),
                                 MediationPolicy(confirmation_days=15)) == date(2026, 9, 29)
    assert not confirmation_window_open(effective, date(2026, 8, 31), POLICY)
    assert confirmation_window_open(effective, effective, POLICY)
    assert confirmation_window_open(effective, date(2026, 10, 8), POLICY)
    assert not confirmation_window_open(effective, date(2026, 10, 9), POLICY)


def test_confirmation_filing_date() -> None:
    effective = date(2026, 9, 1)
    check_confirmation_filing(effective, effective, POLICY)
    check_confirmation_filing(effective, date(2026, 10, 8), POLICY)
    with pytest.raises(ValidationFailed) as info:
        check_confirmation_filing(effective, date(2026, 10, 9), POLICY)
    assert info.value.errors == {
        "filed_on": ["The window for judicial confirmation closed on 2026-10-08."]}
    with pytest.raises(ValidationFailed, match="not valid"):
        check_confirmation_filing(effective, date(2026, 8, 31), POLICY)


def test_policy_from_settings(tmp_path: Path) -> None:
    policy = MediationPolicy.from_settings(load_settings({}, tmp_path))
    assert policy == MediationPolicy()
    policy = MediationPolicy.from_settings(load_settings({
        "MEDIATION_ACCEPT_WORKING_DAYS": "7", "MEDIATION_DAYS": "45",
        "MEDIATION_EXTENSION_DAYS": "15", "JUDICIAL_CONFIRMATION_DAYS": "20",
        "HOLIDAYS": "2026-10-01,2026-10-02", "WORKDAYS_ON_WEEKENDS": "2026-10-10",
    }, tmp_path))
    assert (policy.accept_working_days, policy.mediation_days, policy.extension_max_days,
            policy.confirmation_days) == (7, 45, 15, 20)
    assert policy.calendar == WorkingCalendar(
        holidays=frozenset({date(2026, 10, 1), date(2026, 10, 2)}),
        extra_workdays=frozenset({date(2026, 10, 10)}))


def test_policy_rejects_negative_periods() -> None:
    with pytest.raises(ValueError, match="mediation_days"):
        MediationPolicy(mediation_days=-1)


# --- Mediators ------------------------------------------------------------------------------------

APPLICANT_ORG, RESPONDENT_ORG, MEDIATION_BODY = 1, 2, 3


def conflicts(org: int | None, *, declared: bool = False,
              upheld: bool = False) -> tuple[ConflictReason, ...]:
    return mediator_conflicts(mediator_organisation_id=org,
                              applicant_organisation_id=APPLICANT_ORG,
                              respondent_organisation_id=RESPONDENT_ORG,
                              declared_conflict=declared, objection_upheld=upheld)


def test_mediator_conflict_reasons() -> None:
    assert conflicts(MEDIATION_BODY) == ()
    assert conflicts(None) == ()
    assert conflicts(APPLICANT_ORG) == (ConflictReason.APPLICANT_ORGANISATION,)
    assert conflicts(RESPONDENT_ORG) == (ConflictReason.RESPONDENT_ORGANISATION,)
    assert conflicts(MEDIATION_BODY, declared=True) == (ConflictReason.DECLARED_CONFLICT,)
    assert conflicts(MEDIATION_BODY, upheld=True) == (ConflictReason.OBJECTION_UPHELD,)
    assert conflicts(APPLICANT_ORG, declared=True, upheld=True) == (
        ConflictReason.APPLICANT_ORGANISATION, ConflictReason.DECLARED_CONFLICT,
        ConflictReason.OBJECTION_UPHELD)


def test_a_conflicted_mediator_cannot_be_assigned() -> None:
    check_mediator_assignable(conflicts(MEDIATION_BODY))
    with pytest.raises(Conflict) as info:
        check_mediator_assignable(conflicts(RESPONDENT_ORG, declared=True))
    assert info.value.status == 409
    assert info.value.errors == {"mediator": [
        "The mediator belongs to the respondent's organisation.",
        "The mediator has declared a conflict of interest in this case.",
    ]}


def test_objection_and_the_offices_decision() -> None:
    objection = object_to_mediator(A.RESPONDENT, "  worked for the licensee last year ")
    assert (objection.by, objection.reason, objection.outcome) == (
        A.RESPONDENT, "worked for the licensee last year", ObjectionOutcome.PENDING)
    upheld = decide_objection(objection, uphold=True, reason="confirmed by the body")
    assert (upheld.outcome, upheld.decision_reason) == (ObjectionOutcome.UPHELD,
                                                        "confirmed by the body")
    dismissed = decide_objection(objection, uphold=False, reason="no link found")
    assert dismissed.outcome is ObjectionOutcome.DISMISSED
    assert dismissed.reason == objection.reason
    with pytest.raises(InvalidStateTransition, match="already been decided"):
        decide_objection(upheld, uphold=False, reason="second thoughts")


def test_objection_refusals() -> None:
    for actor in (A.MEDIATOR, A.OFFICE):
        with pytest.raises(PermissionDenied):
            object_to_mediator(actor, "reason")
    with pytest.raises(ValidationFailed) as info:
        object_to_mediator(A.APPLICANT, "  ")
    assert set(info.value.errors) == {"reason"}
    pending = object_to_mediator(A.APPLICANT, "reason")
    with pytest.raises(ValidationFailed) as info:
        decide_objection(pending, uphold=True, reason="")
    assert set(info.value.errors) == {"reason"}
