"""Pure rules of open-licence mediation (DOMAIN D16; Part B §7, R7.1–R7.5).

No Flask, no database, no settings module: the settings arrive as a `MediationPolicy`, the
holiday calendar inside it as a `WorkingCalendar`. The case workflow is the table `WORKFLOW`:
each action, the states it may be taken in, the state it leads to and who may take it. A step
outside the table raises `InvalidStateTransition`; an actor outside it `PermissionDenied`.
Every text a user may see is marked with `N_` and wrapped in a `Message`.

The case states follow the issue and R7.5 (DERIVED)::

    submitted → awaiting respondent → accepted → in mediation → agreement → confirmation filed
        │               │                │            │                         │
        └───────┬───────┘                └──────┬─────┘                         ├→ confirmed
                ↓                               ↓                               └→ not confirmed
             refused                        terminated

    withdrawn: from submitted, awaiting respondent, accepted or in mediation (the applicant)

Decisions where the sources are silent (R7.2 UNCONFIRMED, OQ-8), each documented on its step:

- The office may refuse straight from *submitted* when an Art. 8 ground needs no answer from
  the respondent (a court has accepted the case, arbitration was applied for, already decided).
- The applicant may withdraw while the case is open (submitted, awaiting respondent, accepted,
  in mediation): mediation is voluntary (Ann. 590 Art. 3). After a refusal or an outcome there is
  nothing left to withdraw, and one party cannot undo an agreement both signed.
- The mediator or the office may terminate an accepted case before mediation starts (the
  respondent withdraws its consent, no mediator can be found), as well as during mediation.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any

from marketplace.calendar import WorkingCalendar, period_end
from marketplace.errors import (
    N_,
    P_,
    Conflict,
    InvalidStateTransition,
    Message,
    PermissionDenied,
    ValidationFailed,
)

__all__ = [
    "ACTION_LABELS",
    "ACTOR_LABELS",
    "CONFLICT_LABELS",
    "GROUND_LABELS",
    "STATE_LABELS",
    "SUBJECT_LABELS",
    "TERMINAL_STATES",
    "WORKFLOW",
    "CaseAction",
    "CaseActor",
    "CaseState",
    "ConflictReason",
    "DisputeSubject",
    "Extension",
    "MediationPolicy",
    "Objection",
    "ObjectionOutcome",
    "Refusal",
    "RefusalGround",
    "RespondentAnswer",
    "Step",
    "acceptance_deadline",
    "allowed_actions",
    "check_acceptance",
    "check_agreement",
    "check_confirmation_filing",
    "check_mediator_assignable",
    "check_start",
    "confirmation_deadline",
    "confirmation_window_open",
    "decide_objection",
    "grant_extension",
    "is_overdue",
    "mediation_deadline",
    "mediator_conflicts",
    "next_state",
    "object_to_mediator",
    "validate_refusal",
]


# --- Vocabulary ----------------------------------------------------------------------------------


class CaseState(StrEnum):
    """Where a mediation case stands (R7.5; the issue's state machine)."""

    SUBMITTED = "submitted"
    AWAITING_RESPONDENT = "awaiting_respondent"
    ACCEPTED = "accepted"
    REFUSED = "refused"
    IN_MEDIATION = "in_mediation"
    AGREEMENT = "agreement"
    TERMINATED = "terminated"
    WITHDRAWN = "withdrawn"
    CONFIRMATION_FILED = "confirmation_filed"
    CONFIRMED = "confirmed"
    NOT_CONFIRMED = "not_confirmed"


class CaseActor(StrEnum):
    """The part a user plays in one case; the service works it out from the case and the user.

    ``MEDIATOR`` is the mediator assigned to this case, never any other mediator.
    """

    APPLICANT = "applicant"
    RESPONDENT = "respondent"
    MEDIATOR = "mediator"
    OFFICE = "office"


class CaseAction(StrEnum):
    """Everything that can be done to a case; see `WORKFLOW` for where and by whom."""

    NOTIFY_RESPONDENT = "notify_respondent"
    ANSWER = "answer"
    ACCEPT = "accept"
    REFUSE = "refuse"
    ASSIGN_MEDIATOR = "assign_mediator"
    DECLARE_CONFLICT = "declare_conflict"
    OBJECT_TO_MEDIATOR = "object_to_mediator"
    DECIDE_OBJECTION = "decide_objection"
    START_MEDIATION = "start_mediation"
    POST_MESSAGE = "post_message"
    SCHEDULE_MEETING = "schedule_meeting"
    EXTEND_DEADLINE = "extend_deadline"
    PROPOSE_TERMS = "propose_terms"
    ACCEPT_TERMS = "accept_terms"
    RECORD_AGREEMENT = "record_agreement"
    TERMINATE = "terminate"
    WITHDRAW = "withdraw"
    FILE_CONFIRMATION = "file_confirmation"
    RECORD_CONFIRMED = "record_confirmed"
    RECORD_NOT_CONFIRMED = "record_not_confirmed"


class DisputeSubject(StrEnum):
    """What the dispute is about (Ann. 590 Art. 4 [SECONDARY]; the issue's list)."""

    PAYMENT_METHOD_OR_STANDARD = "payment_method_or_standard"
    AMOUNT_OWED = "amount_owed"
    LICENCE_TERM = "licence_term"
    SCOPE_OF_USE = "scope_of_use"
    KNOW_HOW_OR_SUPPORT = "know_how_or_support"
    OTHER = "other"


class RefusalGround(StrEnum):
    """Why the office does not accept a case: Ann. 590 Art. 8 items 1–5 (R7.2 [SECONDARY])."""

    OTHER_PARTY_DOES_NOT_AGREE = "other_party_does_not_agree"
    COURT_ACCEPTED = "court_accepted"
    ARBITRATION_APPLIED = "arbitration_applied"
    ALREADY_DECIDED = "already_decided"
    OTHER = "other"


class RespondentAnswer(StrEnum):
    """The respondent's answer to the application; mediation is voluntary (Art. 3, Art. 8(1))."""

    PENDING = "pending"
    AGREED = "agreed"
    DECLINED = "declined"


class ObjectionOutcome(StrEnum):
    """Where a party's objection to the assigned mediator stands (D16; recusal is UNCONFIRMED)."""

    PENDING = "pending"
    UPHELD = "upheld"
    DISMISSED = "dismissed"


class ConflictReason(StrEnum):
    """Why a mediator cannot be assigned to a case (D16; R7.2 UNCONFIRMED, weak analogy)."""

    APPLICANT_ORGANISATION = "applicant_organisation"
    RESPONDENT_ORGANISATION = "respondent_organisation"
    DECLARED_CONFLICT = "declared_conflict"
    OBJECTION_UPHELD = "objection_upheld"


STATE_LABELS: Mapping[CaseState, Message] = {
    CaseState.SUBMITTED: Message(N_("submitted")),
    CaseState.AWAITING_RESPONDENT: Message(N_("awaiting the respondent")),
    CaseState.ACCEPTED: Message(N_("accepted for mediation")),
    CaseState.REFUSED: Message(P_("mediation", "refused")),
    CaseState.IN_MEDIATION: Message(N_("in mediation")),
    CaseState.AGREEMENT: Message(N_("settled by agreement")),
    CaseState.TERMINATED: Message(N_("terminated without agreement")),
    CaseState.WITHDRAWN: Message(N_("withdrawn")),
    CaseState.CONFIRMATION_FILED: Message(N_("filed for judicial confirmation")),
    CaseState.CONFIRMED: Message(N_("judicially confirmed")),
    CaseState.NOT_CONFIRMED: Message(N_("not confirmed by the court")),
}

ACTOR_LABELS: Mapping[CaseActor, Message] = {
    CaseActor.APPLICANT: Message(N_("the applicant")),
    CaseActor.RESPONDENT: Message(N_("the respondent")),
    CaseActor.MEDIATOR: Message(N_("the mediator")),
    CaseActor.OFFICE: Message(N_("the office")),
}

ACTION_LABELS: Mapping[CaseAction, Message] = {
    CaseAction.NOTIFY_RESPONDENT: Message(N_("notify the respondent")),
    CaseAction.ANSWER: Message(N_("answer the application")),
    CaseAction.ACCEPT: Message(N_("accept the case")),
    CaseAction.REFUSE: Message(N_("refuse the case")),
    CaseAction.ASSIGN_MEDIATOR: Message(N_("assign a mediator")),
    CaseAction.DECLARE_CONFLICT: Message(N_("declare a conflict of interest")),
    CaseAction.OBJECT_TO_MEDIATOR: Message(N_("object to the mediator")),
    CaseAction.DECIDE_OBJECTION: Message(N_("decide an objection to the mediator")),
    CaseAction.START_MEDIATION: Message(N_("start the mediation")),
    CaseAction.POST_MESSAGE: Message(N_("post a message or document")),
    CaseAction.SCHEDULE_MEETING: Message(N_("schedule a meeting")),
    CaseAction.EXTEND_DEADLINE: Message(N_("extend the mediation period")),
    CaseAction.PROPOSE_TERMS: Message(N_("propose agreement terms")),
    CaseAction.ACCEPT_TERMS: Message(N_("accept the agreement terms")),
    CaseAction.RECORD_AGREEMENT: Message(N_("record the mediation agreement")),
    CaseAction.TERMINATE: Message(N_("terminate the mediation")),
    CaseAction.WITHDRAW: Message(N_("withdraw the application")),
    CaseAction.FILE_CONFIRMATION: Message(N_("record the application for judicial confirmation")),
    CaseAction.RECORD_CONFIRMED: Message(N_("record the court's confirmation")),
    CaseAction.RECORD_NOT_CONFIRMED: Message(N_("record the court's refusal to confirm")),
}

SUBJECT_LABELS: Mapping[DisputeSubject, Message] = {
    DisputeSubject.PAYMENT_METHOD_OR_STANDARD: Message(N_("Payment method or standard")),
    DisputeSubject.AMOUNT_OWED: Message(N_("Amount owed")),
    DisputeSubject.LICENCE_TERM: Message(N_("Licence term")),
    DisputeSubject.SCOPE_OF_USE: Message(N_("Scope of use")),
    DisputeSubject.KNOW_HOW_OR_SUPPORT: Message(N_("Quality of know-how or technical support")),
    DisputeSubject.OTHER: Message(N_("Other")),
}

GROUND_LABELS: Mapping[RefusalGround, Message] = {
    RefusalGround.OTHER_PARTY_DOES_NOT_AGREE: Message(
        N_("The other party does not agree to mediation (Ann. 590 Art. 8(1))")),
    RefusalGround.COURT_ACCEPTED: Message(
        N_("A party has sued and the court has accepted the case (Ann. 590 Art. 8(2))")),
    RefusalGround.ARBITRATION_APPLIED: Message(
        N_("A party has applied for arbitration (Ann. 590 Art. 8(3))")),
    RefusalGround.ALREADY_DECIDED: Message(
        N_("A court or arbitral body has already decided the dispute (Ann. 590 Art. 8(4))")),
    RefusalGround.OTHER: Message(N_("Another ground for non-acceptance (Ann. 590 Art. 8(5))")),
}

CONFLICT_LABELS: Mapping[ConflictReason, Message] = {
    ConflictReason.APPLICANT_ORGANISATION: Message(
        N_("The mediator belongs to the applicant's organisation.")),
    ConflictReason.RESPONDENT_ORGANISATION: Message(
        N_("The mediator belongs to the respondent's organisation.")),
    ConflictReason.DECLARED_CONFLICT: Message(
        N_("The mediator has declared a conflict of interest in this case.")),
    ConflictReason.OBJECTION_UPHELD: Message(
        N_("An objection to this mediator was upheld in this case.")),
}


# --- The workflow --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Step:
    """One action of the workflow: the states it may be taken in, where it leads, who may take it.

    ``target`` is ``None`` for an action that records something and leaves the state as it is.
    """

    action: CaseAction
    sources: frozenset[CaseState]
    target: CaseState | None
    actors: frozenset[CaseActor]


def _step(
    action: CaseAction,
    sources: set[CaseState],
    target: CaseState | None,
    actors: set[CaseActor],
) -> Step:
    return Step(action, frozenset(sources), target, frozenset(actors))


# Short names for the table below.
_S = CaseState
_A = CaseActor
_OPEN = {_S.SUBMITTED, _S.AWAITING_RESPONDENT, _S.ACCEPTED, _S.IN_MEDIATION}
_MEDIATOR_STAGE = {_S.ACCEPTED, _S.IN_MEDIATION}
_PARTIES = {_A.APPLICANT, _A.RESPONDENT}

_STEPS = (
    # The office forwards the application to the other party (Ann. 590 Art. 4).
    _step(CaseAction.NOTIFY_RESPONDENT, {_S.SUBMITTED}, _S.AWAITING_RESPONDENT, {_A.OFFICE}),
    # The respondent agrees or declines; it may change its answer until the office decides.
    _step(CaseAction.ANSWER, {_S.AWAITING_RESPONDENT}, None, {_A.RESPONDENT}),
    # Acceptance needs the respondent's agreement (`check_acceptance`, Art. 8(1)).
    _step(CaseAction.ACCEPT, {_S.AWAITING_RESPONDENT}, _S.ACCEPTED, {_A.OFFICE}),
    # Refusal on an Art. 8 ground (`validate_refusal`); from *submitted* too (module docstring).
    _step(CaseAction.REFUSE, {_S.SUBMITTED, _S.AWAITING_RESPONDENT}, _S.REFUSED, {_A.OFFICE}),
    # Assignment, and reassignment after a recusal or an upheld objection
    # (`check_mediator_assignable`, `object_to_mediator`, `decide_objection`).
    _step(CaseAction.ASSIGN_MEDIATOR, _MEDIATOR_STAGE, None, {_A.OFFICE}),
    _step(CaseAction.DECLARE_CONFLICT, _MEDIATOR_STAGE, None, {_A.MEDIATOR}),
    _step(CaseAction.OBJECT_TO_MEDIATOR, _MEDIATOR_STAGE, None, _PARTIES),
    _step(CaseAction.DECIDE_OBJECTION, _MEDIATOR_STAGE, None, {_A.OFFICE}),
    # Needs an assigned mediator and no pending objection (`check_start`).
    _step(CaseAction.START_MEDIATION, {_S.ACCEPTED}, _S.IN_MEDIATION, {_A.MEDIATOR, _A.OFFICE}),
    # Once the respondent knows of the case, until it closes.
    _step(CaseAction.POST_MESSAGE, {_S.AWAITING_RESPONDENT, *_MEDIATOR_STAGE}, None,
          {*_PARTIES, _A.MEDIATOR, _A.OFFICE}),
    _step(CaseAction.SCHEDULE_MEETING, _MEDIATOR_STAGE, None, {_A.MEDIATOR}),
    # One extension with its reason (`grant_extension`).
    _step(CaseAction.EXTEND_DEADLINE, _MEDIATOR_STAGE, None, {_A.MEDIATOR, _A.OFFICE}),
    # The mediator proposes terms, each party accepts them, the mediator records the agreement
    # (`check_agreement`).
    _step(CaseAction.PROPOSE_TERMS, {_S.IN_MEDIATION}, None, {_A.MEDIATOR}),
    _step(CaseAction.ACCEPT_TERMS, {_S.IN_MEDIATION}, None, _PARTIES),
    _step(CaseAction.RECORD_AGREEMENT, {_S.IN_MEDIATION}, _S.AGREEMENT, {_A.MEDIATOR}),
    # Termination without agreement; the parties keep the court route (Law Art. 52, R1.9).
    _step(CaseAction.TERMINATE, _MEDIATOR_STAGE, _S.TERMINATED, {_A.MEDIATOR, _A.OFFICE}),
    # Withdrawal by the applicant while the case is open (module docstring).
    _step(CaseAction.WITHDRAW, _OPEN, _S.WITHDRAWN, {_A.APPLICANT}),
    # Judicial confirmation: the parties apply jointly within the window
    # (`check_confirmation_filing`; Civil Procedure Law Arts. 205–206, R7.4), then report the
    # court's ruling.
    _step(CaseAction.FILE_CONFIRMATION, {_S.AGREEMENT}, _S.CONFIRMATION_FILED, _PARTIES),
    _step(CaseAction.RECORD_CONFIRMED, {_S.CONFIRMATION_FILED}, _S.CONFIRMED,
          {*_PARTIES, _A.OFFICE}),
    _step(CaseAction.RECORD_NOT_CONFIRMED, {_S.CONFIRMATION_FILED}, _S.NOT_CONFIRMED,
          {*_PARTIES, _A.OFFICE}),
)

#: The case workflow (D16, R7.5), one `Step` per action: the states the action is allowed in,
#: the state it leads to (``None``: unchanged) and the case roles allowed to take it.
WORKFLOW: Mapping[CaseAction, Step] = {step.action: step for step in _STEPS}

#: States no action leaves: refused, terminated, withdrawn, confirmed, not confirmed. (An
#: agreement is an outcome too, but it may still go to the court for confirmation.)
TERMINAL_STATES: frozenset[CaseState] = frozenset(
    state for state in CaseState
    if not any(state in step.sources and step.target is not None for step in WORKFLOW.values())
)


def _check_actor(step: Step, actor: CaseActor) -> None:
    if actor not in step.actors:
        raise PermissionDenied(Message(
            N_("As %(actor)s you may not %(action)s."),
            {"actor": ACTOR_LABELS[actor], "action": ACTION_LABELS[step.action]},
        ))


def next_state(state: CaseState, action: CaseAction, actor: CaseActor) -> CaseState:
    """The state a case in ``state`` moves to when ``actor`` takes ``action`` (D16, R7.5).

    The actor is checked first: an action outside the actor's part raises `PermissionDenied`
    whatever the state. An action the state does not allow raises `InvalidStateTransition`.
    Actions that only record something return ``state`` unchanged.
    """
    step = WORKFLOW[action]
    _check_actor(step, actor)
    if state not in step.sources:
        raise InvalidStateTransition(Message(
            N_("Cannot %(action)s: the case is %(state)s."),
            {"action": ACTION_LABELS[action], "state": STATE_LABELS[state]},
        ))
    return state if step.target is None else step.target


def allowed_actions(state: CaseState, actor: CaseActor) -> tuple[CaseAction, ...]:
    """What ``actor`` may do to a case in ``state``, in `CaseAction` order (the page's buttons).

    The guards (`check_acceptance`, `check_start`, ...) still apply when the action is taken.
    """
    return tuple(
        action for action in CaseAction
        if state in WORKFLOW[action].sources and actor in WORKFLOW[action].actors
    )


# --- Guards on single steps ----------------------------------------------------------------------


def check_acceptance(answer: RespondentAnswer) -> None:
    """The office may accept only once the respondent has agreed to mediate (Ann. 590 Art. 8(1)).

    Raises `InvalidStateTransition` otherwise; a respondent who declined leaves only refusal.
    """
    if answer is RespondentAnswer.PENDING:
        raise InvalidStateTransition(N_("The respondent has not yet agreed to mediate."))
    if answer is RespondentAnswer.DECLINED:
        raise InvalidStateTransition(N_(
            "The respondent declined to mediate; the case can only be refused "
            "(Ann. 590 Art. 8(1))."))


@dataclass(frozen=True)
class Refusal:
    """The office's refusal of a case: the Art. 8 ground and, for ``OTHER``, what it is."""

    ground: RefusalGround
    details: str = ""


def validate_refusal(ground: RefusalGround, details: str, answer: RespondentAnswer) -> Refusal:
    """A refusal with its ground recorded (D16, Ann. 590 Art. 8).

    ``OTHER`` (Art. 8(5)) needs the ground written out in ``details``. "The other party does not
    agree" cannot be given once the respondent has agreed; it may be given while the answer is
    pending, since a respondent who does not answer has not agreed (older SIPO practice, R7.2).
    Raises `ValidationFailed` with errors keyed ``ground`` or ``details``.
    """
    details = details.strip()
    errors: dict[str, list[str | Message]] = {}
    if ground is RefusalGround.OTHER and not details:
        errors["details"] = [N_("Say what the other ground for refusal is.")]
    if (ground is RefusalGround.OTHER_PARTY_DOES_NOT_AGREE
            and answer is RespondentAnswer.AGREED):
        errors["ground"] = [N_("The respondent has agreed to mediate.")]
    if errors:
        raise ValidationFailed(N_("The refusal is not valid."), errors)
    return Refusal(ground, details)


def check_start(*, mediator_assigned: bool, objection_pending: bool) -> None:
    """Mediation starts only with an assigned mediator against whom no objection is pending (D16).

    Raises `InvalidStateTransition`.
    """
    if not mediator_assigned:
        raise InvalidStateTransition(N_("Assign a mediator before the mediation starts."))
    if objection_pending:
        raise InvalidStateTransition(N_(
            "The office must decide the objection to the mediator before the mediation starts."))


def check_agreement(*, applicant_accepted: bool, respondent_accepted: bool) -> None:
    """An agreement is recorded only when both parties have accepted its terms (D16, R7.2).

    The service resets both acceptances whenever the terms change. Raises
    `InvalidStateTransition` naming the party that has not accepted.
    """
    missing = [
        ACTOR_LABELS[actor]
        for actor, accepted in ((CaseActor.APPLICANT, applicant_accepted),
                                (CaseActor.RESPONDENT, respondent_accepted))
        if not accepted
    ]
    if len(missing) == 2:
        raise InvalidStateTransition(N_("Neither party has accepted the agreement terms yet."))
    if missing:
        raise InvalidStateTransition(Message(
            N_("The agreement terms still need the acceptance of %(party)s."),
            {"party": missing[0]},
        ))


# --- Settings and deadlines ----------------------------------------------------------------------


@dataclass(frozen=True)
class MediationPolicy:
    """The mediation settings of D16, passed in rather than read.

    Mirrors MEDIATION_ACCEPT_WORKING_DAYS, MEDIATION_DAYS, MEDIATION_EXTENSION_DAYS and
    JUDICIAL_CONFIRMATION_DAYS, with the HOLIDAYS / WORKDAYS_ON_WEEKENDS calendar.
    """

    accept_working_days: int = 5
    mediation_days: int = 30
    extension_max_days: int = 30
    confirmation_days: int = 30
    calendar: WorkingCalendar = field(default_factory=WorkingCalendar)

    def __post_init__(self) -> None:
        for name in ("accept_working_days", "mediation_days", "extension_max_days",
                     "confirmation_days"):
            if getattr(self, name) < 0:
                raise ValueError(f"{name} must be >= 0")

    @classmethod
    def from_settings(cls, settings: Mapping[str, Any]) -> MediationPolicy:
        """The policy from the app's settings (``app.config`` or ``load_settings``)."""
        return cls(
            accept_working_days=settings["MEDIATION_ACCEPT_WORKING_DAYS"],
            mediation_days=settings["MEDIATION_DAYS"],
            extension_max_days=settings["MEDIATION_EXTENSION_DAYS"],
            confirmation_days=settings["JUDICIAL_CONFIRMATION_DAYS"],
            calendar=WorkingCalendar.from_settings(settings),
        )


def acceptance_deadline(received_on: date, policy: MediationPolicy) -> date:
    """Last day for the office to accept or refuse (D16; Ann. 590 Art. 7, R7.2).

    The ``accept_working_days``-th working day after the day of receipt: the day of receipt is
    not counted (Regs Art. 5, R2.10), whatever kind of day it is, so an application received on
    a Saturday counts Monday as day 1. ``received_on`` is the date, in China, on which the
    application reached the office (submitted on the platform).
    """
    return policy.calendar.add_working_days(received_on, policy.accept_working_days)


@dataclass(frozen=True)
class Extension:
    """The one extension of the mediation period: its length in days and why (D16)."""

    days: int
    reason: str


def grant_extension(
    previous: Extension | None, *, days: int, reason: str, policy: MediationPolicy
) -> Extension:
    """Extend the mediation period once, by 1 to ``extension_max_days`` days, with a reason (D16).

    Ann. 590 says nothing on extensions (R7.2 UNCONFIRMED), hence the setting. A second
    extension raises `InvalidStateTransition`; a blank reason or a length out of range raises
    `ValidationFailed` keyed ``reason`` / ``days``.
    """
    if previous is not None:
        raise InvalidStateTransition(N_("The mediation period has already been extended once."))
    errors: dict[str, list[str | Message]] = {}
    if policy.extension_max_days < 1:
        errors["days"] = [N_("The mediation period cannot be extended.")]
    elif not 1 <= days <= policy.extension_max_days:
        errors["days"] = [Message(N_("Extend by 1 to %(max)s days."),
                                  {"max": policy.extension_max_days})]
    reason = reason.strip()
    if not reason:
        errors["reason"] = [N_("Give the reason for the extension.")]
    if errors:
        raise ValidationFailed(N_("The extension is incomplete."), errors)
    return Extension(days, reason)


def mediation_deadline(
    accepted_on: date, policy: MediationPolicy, extension: Extension | None = None
) -> date:
    """Last day of the mediation (D16; Ann. 590 Art. 18, R7.2): ``mediation_days`` calendar days
    from the acceptance, plus the extension if one was granted.

    The day of acceptance is not counted and a last day that is not a working day moves to the
    next working day (Regs Art. 5, R2.10): accepted 1 Sep, 30 days → 1 Oct, rolled past the
    National Day holidays.
    """
    days = policy.mediation_days + (extension.days if extension else 0)
    return period_end(accepted_on, days=days, calendar=policy.calendar)


def confirmation_deadline(agreement_effective_on: date, policy: MediationPolicy) -> date:
    """Last day to apply jointly for judicial confirmation of a mediation agreement (D16, R7.4).

    ``confirmation_days`` (30) days from the agreement taking effect (Civil Procedure Law
    Art. 205): the first day is not counted and a last day on a holiday or weekend moves to the
    next working day (Civil Procedure Law Art. 85).
    """
    return period_end(agreement_effective_on, days=policy.confirmation_days,
                      calendar=policy.calendar)


def confirmation_window_open(
    agreement_effective_on: date, as_of: date, policy: MediationPolicy
) -> bool:
    """True while the parties may still apply for judicial confirmation (D16, R7.4)."""
    return agreement_effective_on <= as_of <= confirmation_deadline(agreement_effective_on, policy)


def check_confirmation_filing(
    agreement_effective_on: date, filed_on: date, policy: MediationPolicy
) -> None:
    """The application for judicial confirmation must be filed within the window (D16, R7.4).

    Raises `ValidationFailed` keyed ``filed_on`` for a date before the agreement took effect or
    after the last day (Civil Procedure Law Art. 205).
    """
    if filed_on < agreement_effective_on:
        raise ValidationFailed(N_("The filing date is not valid."), {
            "filed_on": [N_("The application cannot precede the agreement taking effect.")]})
    last_day = confirmation_deadline(agreement_effective_on, policy)
    if filed_on > last_day:
        raise ValidationFailed(N_("The filing date is not valid."), {
            "filed_on": [Message(
                N_("The window for judicial confirmation closed on %(date)s."),
                {"date": last_day.isoformat()})]})


def is_overdue(deadline: date, *, done_on: date | None, as_of: date) -> bool:
    """True when a step due by ``deadline`` was still not done at the end of ``as_of`` (D16).

    Used for the office's acceptance decision (`acceptance_deadline`) and for the outcome of the
    mediation (`mediation_deadline`). A step done after ``as_of`` counts as not done yet, so
    the flag can be asked about any past day.
    """
    done = done_on is not None and done_on <= as_of
    return not done and as_of > deadline


# --- Mediators: conflicts and objections ---------------------------------------------------------


def mediator_conflicts(
    *,
    mediator_organisation_id: int | None,
    applicant_organisation_id: int,
    respondent_organisation_id: int,
    declared_conflict: bool,
    objection_upheld: bool,
) -> tuple[ConflictReason, ...]:
    """Every reason the mediator cannot be assigned to this case; empty when it can (D16).

    A mediator may not belong to either party's organisation, nor be assigned after declaring
    a conflict of interest in the case or after an objection against it was upheld (recusal).
    Ann. 590's recusal rules are UNCONFIRMED (R7.2); these are the issue's.
    """
    candidates = (
        (mediator_organisation_id is not None
         and mediator_organisation_id == applicant_organisation_id,
         ConflictReason.APPLICANT_ORGANISATION),
        (mediator_organisation_id is not None
         and mediator_organisation_id == respondent_organisation_id,
         ConflictReason.RESPONDENT_ORGANISATION),
        (declared_conflict, ConflictReason.DECLARED_CONFLICT),
        (objection_upheld, ConflictReason.OBJECTION_UPHELD),
    )
    return tuple(reason for applies, reason in candidates if applies)


def check_mediator_assignable(reasons: Sequence[ConflictReason]) -> None:
    """Raise `Conflict` when `mediator_conflicts` found any reason; ``errors["mediator"]`` lists
    them all (D16). Usage: ``check_mediator_assignable(mediator_conflicts(...))``."""
    if reasons:
        raise Conflict(N_("This mediator cannot be assigned to the case."),
                       {"mediator": [CONFLICT_LABELS[reason] for reason in reasons]})


@dataclass(frozen=True)
class Objection:
    """A party's objection to the assigned mediator and the office's decision on it (D16)."""

    by: CaseActor
    reason: str
    outcome: ObjectionOutcome = ObjectionOutcome.PENDING
    decision_reason: str = ""


def object_to_mediator(by: CaseActor, reason: str) -> Objection:
    """A party objects to the assigned mediator, with a reason; the office decides (D16).

    Only the parties may object (`WORKFLOW`, raises `PermissionDenied`); a blank reason raises
    `ValidationFailed` keyed ``reason``.
    """
    _check_actor(WORKFLOW[CaseAction.OBJECT_TO_MEDIATOR], by)
    reason = reason.strip()
    if not reason:
        raise ValidationFailed(N_("The objection is incomplete."), {
            "reason": [N_("Give the reason for the objection.")]})
    return Objection(by, reason)


def decide_objection(objection: Objection, *, uphold: bool, reason: str) -> Objection:
    """The office upholds or dismisses a pending objection, with its reason (D16).

    Upheld: the mediator leaves the case and cannot be assigned to it again
    (`ConflictReason.OBJECTION_UPHELD`). A decided objection raises `InvalidStateTransition`;
    a blank reason raises `ValidationFailed` keyed ``reason``.
    """
    if objection.outcome is not ObjectionOutcome.PENDING:
        raise InvalidStateTransition(N_("This objection has already been decided."))
    reason = reason.strip()
    if not reason:
        raise ValidationFailed(N_("The decision is incomplete."), {
            "reason": [N_("Give the reason for the decision.")]})
    outcome = ObjectionOutcome.UPHELD if uphold else ObjectionOutcome.DISMISSED
    return Objection(objection.by, objection.reason, outcome, reason)
