"""Mediation services: open a case from a licence, answer, accept or refuse, assign a mediator,
mediate, record the outcome (DOMAIN D16; Part B §7).

Every function takes the session and the acting user, works out the user's part in the case
(`case_part`) and lets the pure `rules.WORKFLOW` decide. Anyone without a part in a case gets
`NotFound`, never a hint that the case exists (confidentiality, Ann. 590 Art. 3). Each legal
step is audited; the session is flushed, never committed.
"""

from __future__ import annotations

import datetime as dt
import statistics as stats
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from sqlmodel import Session, col, select

from marketplace import files
from marketplace.accounts.models import Organisation, Role, User
from marketplace.audit.models import AuditEvent
from marketplace.audit.services import record_event
from marketplace.calendar import china_today, legal_date
from marketplace.db import utcnow
from marketplace.declarations.services import next_public_number
from marketplace.errors import N_, Message, NotFound, ValidationFailed
from marketplace.fees.refresh import refresh_ledger
from marketplace.licensing.lifecycle import end_licence
from marketplace.licensing.models import Licence, LicencePayment, LicenceRecordal, RoyaltyReport
from marketplace.licensing.rules import LicenceEvent
from marketplace.mediation import rules
from marketplace.mediation.models import (
    AgreementEffect,
    CaseMeeting,
    CaseMessage,
    CaseObjection,
    CaseRecusal,
    MediationCase,
)
from marketplace.mediation.rules import (
    CaseAction,
    CaseActor,
    CaseState,
    ConflictReason,
    DisputeSubject,
    MediationPolicy,
    ObjectionOutcome,
    RefusalGround,
    RespondentAnswer,
)
from marketplace.mediation.timeline import CaseEvent, Deadline, TimelineEntry, build_timeline
from marketplace.notifications.services import notify
from marketplace.patents.models import Patent

CASE_SERIES = "KF-MED"
LEDGER_CAUSE = "mediation.agreement"
SETTLED_STATES = frozenset({CaseState.AGREEMENT, CaseState.CONFIRMATION_FILED,
                            CaseState.CONFIRMED, CaseState.NOT_CONFIRMED})
OUTCOME_STATES = SETTLED_STATES | {CaseState.TERMINATED, CaseState.WITHDRAWN}


@dataclass(frozen=True)
class Storage:
    """Where case documents go (UPLOAD_DIR/mediation) and the largest accepted (MAX_UPLOAD_MB)."""

    directory: Path
    max_bytes: int


@dataclass(frozen=True)
class Upload:
    """A document as received: its bytes and the client's file name."""

    stream: IO[bytes]
    filename: str


# --- Who is who ----------------------------------------------------------------------------------


def case_part(case: MediationCase, user: User) -> CaseActor | None:
    """The part ``user`` plays in ``case``; ``None`` for everyone who may not see it (D16)."""
    if user.role is Role.OFFICE:
        return CaseActor.OFFICE
    if user.role is Role.MEDIATOR:
        return CaseActor.MEDIATOR if case.mediator_id == user.id else None
    if user.organisation_id == case.applicant_organisation_id:
        return CaseActor.APPLICANT
    if user.organisation_id == case.respondent_organisation_id:
        return CaseActor.RESPONDENT
    return None


def _not_found() -> NotFound:
    return NotFound(N_("No such mediation case."))


def get_case(session: Session, *, actor: User, case_id: int) -> MediationCase:
    """The case, for its parties' users, its mediator and the office; `NotFound` otherwise."""
    case = session.get(MediationCase, case_id)
    if case is None or case_part(case, actor) is None:
        raise _not_found()
    return case


def _take(session: Session, actor: User, case_id: int,
          action: CaseAction) -> tuple[MediationCase, CaseActor, CaseState]:
    """Load the case and check ``action`` against the workflow: the case, the actor's part and
    the state the step leads to. The caller checks its guards, then moves the case."""
    case = get_case(session, actor=actor, case_id=case_id)
    part = case_part(case, actor)
    assert part is not None  # get_case lets only those with a part through
    return case, part, rules.next_state(case.state, action, part)


def _audit(session: Session, actor: User | None, case: MediationCase, action: CaseAction,
           before: CaseState, **after: Any) -> None:
    session.add(case)
    session.flush()
    record_event(session, actor=actor, action=f"mediation.{action.value}",
                 entity_type="mediation_case", entity_id=case.id,
                 before={"state": before.value},
                 after={"state": case.state.value, **after})


def _link(case: MediationCase) -> str:
    return f"/mediation/cases/{case.id}"


def _tell_parties(session: Session, case: MediationCase, kind: str, message: Message) -> None:
    for organisation_id in (case.applicant_organisation_id, case.respondent_organisation_id):
        organisation = session.get(Organisation, organisation_id)
        if organisation is not None:
            notify(session, organisation, kind, message, _link(case))


# --- Opening -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class NewCase:
    licence_id: int
    subject: DisputeSubject
    claims: str


def open_case(session: Session, *, actor: User, new: NewCase, documents: Sequence[Upload],
              storage: Storage, today: dt.date | None = None) -> MediationCase:
    """A party to a licence (its licensee's or licensor's users) applies for mediation (D16).

    The case is numbered ``KF-MED-<year>-<nnnnnn>``, forwarded to the respondent, who is
    notified, and carries the licence's record by reference (`licence_record`). Documents are
    stored privately; a rejected upload raises `ValidationFailed` keyed ``documents``.
    """
    today = today or china_today()
    licence = session.get(Licence, new.licence_id)
    if licence is None or actor.role not in (Role.SME, Role.PATENTEE) or actor.organisation_id \
            not in (licence.licensee_organisation_id, licence.licensor_organisation_id):
        raise NotFound(N_("No such licence."))
    claims = new.claims.strip()
    if not claims:
        raise ValidationFailed(N_("The application is incomplete."),
                               {"claims": [N_("State your claims.")]})
    respondent = (licence.licensor_organisation_id
                  if actor.organisation_id == licence.licensee_organisation_id
                  else licence.licensee_organisation_id)
    number = next_public_number(session, CASE_SERIES, today.year)
    case = MediationCase(number=number, licence_id=new.licence_id, patent_id=licence.patent_id,
                         applicant_organisation_id=actor.organisation_id,
                         respondent_organisation_id=respondent, opened_by_id=actor.id,
                         subject=new.subject, claims=claims, received_on=today)
    session.add(case)
    session.flush()
    record_event(session, actor=actor, action="mediation.opened", entity_type="mediation_case",
                 entity_id=case.id, after={"number": number, "licence_id": licence.id,
                                           "subject": new.subject.value})
    attached: list[CaseMessage] = []
    try:
        for upload in documents:
            attached.append(_attach(session, case, actor, CaseActor.APPLICANT, "", upload,
                                    storage))
    except ValidationFailed:
        # The request rolls back: leave no stored file behind without its row.
        for message in attached:
            files.remove_stored(storage.directory, message.stored_name or "")
        raise
    # The platform forwards the application to the respondent at once (Ann. 590 Art. 4).
    case.state = rules.next_state(case.state, CaseAction.NOTIFY_RESPONDENT, CaseActor.OFFICE)
    _audit(session, None, case, CaseAction.NOTIFY_RESPONDENT, CaseState.SUBMITTED)
    organisation = session.get(Organisation, respondent)
    assert organisation is not None
    notify(session, organisation, "mediation.opened", Message(
        N_("Mediation case %(number)s was opened against you; say whether you agree to "
           "mediate."), {"number": number}), _link(case))
    return case


def _attach(session: Session, case: MediationCase, actor: User, part: CaseActor, body: str,
            upload: Upload | None, storage: Storage) -> CaseMessage:
    stored: files.StoredFile | None = None
    if upload is not None:
        try:
            stored = files.store(storage.directory, upload.stream, upload.filename,
                                 storage.max_bytes)
        except files.UploadRejected as error:
            raise ValidationFailed(N_("The document was not accepted."),
                                   {"documents": [error.detail]}) from None
    assert case.id is not None
    message = CaseMessage(case_id=case.id, author_id=actor.id, author_part=part, body=body)
    if stored is not None:
        message.stored_name, message.original_name = stored.stored_name, stored.original_name
        message.file_kind, message.file_size = stored.kind, stored.size
        message.file_sha256 = stored.sha256
    session.add(message)
    session.flush()
    record_event(session, actor=actor, action="mediation.message", entity_type="mediation_case",
                 entity_id=case.id, after={"message_id": message.id,
                                           "document": stored.sha256 if stored else None})
    return message


# --- The respondent and acceptance ---------------------------------------------------------------


def answer(session: Session, *, actor: User, case_id: int, agree: bool) -> MediationCase:
    """The respondent agrees to mediate or declines (Ann. 590 Art. 3, Art. 8(1))."""
    case, _, _ = _take(session, actor, case_id, CaseAction.ANSWER)
    case.respondent_answer = RespondentAnswer.AGREED if agree else RespondentAnswer.DECLINED
    case.respondent_answered_at = utcnow()
    _audit(session, actor, case, CaseAction.ANSWER, case.state,
           answer=case.respondent_answer.value)
    applicant = session.get(Organisation, case.applicant_organisation_id)
    assert applicant is not None
    notify(session, applicant, "mediation.answered", Message(
        N_("The respondent agreed to mediate case %(number)s.") if agree else
        N_("The respondent declined to mediate case %(number)s."), {"number": case.number}),
        _link(case))
    return case


def accept(session: Session, *, actor: User, case_id: int,
           today: dt.date | None = None) -> MediationCase:
    """The office accepts the case once the respondent has agreed (D16, Ann. 590 Art. 7–8)."""
    case, _, target = _take(session, actor, case_id, CaseAction.ACCEPT)
    rules.check_acceptance(case.respondent_answer)
    case.state = target
    case.decided_on = today or china_today()
    _audit(session, actor, case, CaseAction.ACCEPT, CaseState.AWAITING_RESPONDENT,
           decided_on=case.decided_on)
    _tell_parties(session, case, "mediation.accepted", Message(
        N_("Mediation case %(number)s was accepted."), {"number": case.number}))
    return case


def refuse(session: Session, *, actor: User, case_id: int, ground: RefusalGround,
           details: str, today: dt.date | None = None) -> MediationCase:
    """The office refuses the case on an Art. 8 ground, recorded (D16)."""
    case, _, state = _take(session, actor, case_id, CaseAction.REFUSE)
    before = case.state
    refusal = rules.validate_refusal(ground, details, case.respondent_answer)
    case.state, case.refusal_ground, case.refusal_details = state, refusal.ground, refusal.details
    case.decided_on = today or china_today()
    _audit(session, actor, case, CaseAction.REFUSE, before, ground=ground.value,
           details=refusal.details)
    _tell_parties(session, case, "mediation.refused", Message(
        N_("Mediation case %(number)s was not accepted: %(ground)s"),
        {"number": case.number, "ground": rules.GROUND_LABELS[ground]}))
    return case


# --- Mediators -----------------------------------------------------------------------------------


def mediators(session: Session) -> list[User]:
    """Every active user with the mediator role."""
    statement = select(User).where(User.role == Role.MEDIATOR, col(User.active).is_(True))
    return list(session.exec(statement.order_by(col(User.display_name))).all())


def _recused(session: Session, case: MediationCase, mediator_id: int) -> set[ConflictReason]:
    statement = select(CaseRecusal).where(CaseRecusal.case_id == case.id,
                                          CaseRecusal.mediator_id == mediator_id)
    return {recusal.reason for recusal in session.exec(statement).all()}


def pending_objection(session: Session, case: MediationCase) -> CaseObjection | None:
    statement = select(CaseObjection).where(CaseObjection.case_id == case.id,
                                            CaseObjection.outcome == ObjectionOutcome.PENDING)
    return session.exec(statement).first()


def assign_mediator(session: Session, *, actor: User, case_id: int,
                    mediator_id: int) -> MediationCase:
    """The office assigns a mediator free of conflicts (D16); `Conflict` lists the reasons."""
    case, _, _ = _take(session, actor, case_id, CaseAction.ASSIGN_MEDIATOR)
    mediator = session.get(User, mediator_id)
    if mediator is None or mediator.role is not Role.MEDIATOR or not mediator.active:
        raise ValidationFailed(N_("Choose a mediator."),
                               {"mediator": [N_("This user is not a mediator.")]})
    recused = _recused(session, case, mediator_id)
    rules.check_mediator_assignable(rules.mediator_conflicts(
        mediator_organisation_id=mediator.organisation_id,
        applicant_organisation_id=case.applicant_organisation_id,
        respondent_organisation_id=case.respondent_organisation_id,
        declared_conflict=ConflictReason.DECLARED_CONFLICT in recused,
        objection_upheld=ConflictReason.OBJECTION_UPHELD in recused))
    case.mediator_id = mediator_id
    _audit(session, actor, case, CaseAction.ASSIGN_MEDIATOR, case.state, mediator_id=mediator_id)
    message = Message(N_("You were assigned mediation case %(number)s."), {"number": case.number})
    notify(session, mediator, "mediation.assigned", message, _link(case))
    _tell_parties(session, case, "mediation.mediator_assigned", Message(
        N_("A mediator was assigned to case %(number)s."), {"number": case.number}))
    return case


def _unassign(session: Session, case: MediationCase, reason: ConflictReason, note: str) -> None:
    assert case.id is not None and case.mediator_id is not None
    session.add(CaseRecusal(case_id=case.id, mediator_id=case.mediator_id, reason=reason,
                            note=note))
    case.mediator_id = None
    if case.state is CaseState.IN_MEDIATION:
        case.state = CaseState.ACCEPTED  # a new mediator starts the mediation again


def declare_conflict(session: Session, *, actor: User, case_id: int, note: str) -> MediationCase:
    """The assigned mediator declares a conflict of interest and leaves the case (recusal)."""
    case, _, _ = _take(session, actor, case_id, CaseAction.DECLARE_CONFLICT)
    before = case.state
    _unassign(session, case, ConflictReason.DECLARED_CONFLICT, note.strip())
    _audit(session, actor, case, CaseAction.DECLARE_CONFLICT, before, mediator_id=actor.id,
           note=note.strip())
    return case


def object_to_mediator(session: Session, *, actor: User, case_id: int,
                       reason: str) -> CaseObjection:
    """A party objects to the assigned mediator with a reason; the office decides (D16)."""
    case, part, _ = _take(session, actor, case_id, CaseAction.OBJECT_TO_MEDIATOR)
    if case.mediator_id is None:
        raise ValidationFailed(N_("There is no mediator to object to."), {})
    if pending_objection(session, case) is not None:
        raise ValidationFailed(N_("An objection is already waiting for the office."), {})
    objection = rules.object_to_mediator(part, reason)
    assert case.id is not None
    row = CaseObjection(case_id=case.id, mediator_id=case.mediator_id, by=part,
                        reason=objection.reason)
    session.add(row)
    _audit(session, actor, case, CaseAction.OBJECT_TO_MEDIATOR, case.state,
           mediator_id=case.mediator_id, reason=objection.reason)
    return row


def decide_objection(session: Session, *, actor: User, case_id: int, uphold: bool,
                     reason: str) -> CaseObjection:
    """The office upholds (the mediator leaves, recusal recorded) or dismisses an objection."""
    case, _, _ = _take(session, actor, case_id, CaseAction.DECIDE_OBJECTION)
    row = pending_objection(session, case)
    if row is None:
        raise NotFound(N_("No objection is waiting for a decision."))
    decided = rules.decide_objection(
        rules.Objection(row.by, row.reason, row.outcome), uphold=uphold, reason=reason)
    row.outcome, row.decision_reason, row.decided_by_id = (decided.outcome,
                                                           decided.decision_reason, actor.id)
    session.add(row)
    before = case.state
    if uphold and case.mediator_id == row.mediator_id:
        _unassign(session, case, ConflictReason.OBJECTION_UPHELD, decided.decision_reason)
    _audit(session, actor, case, CaseAction.DECIDE_OBJECTION, before,
           outcome=decided.outcome.value, reason=decided.decision_reason)
    return row


# --- Mediation -----------------------------------------------------------------------------------


def start_mediation(session: Session, *, actor: User, case_id: int) -> MediationCase:
    """The mediation starts with an assigned, unchallenged mediator (D16)."""
    case, _, target = _take(session, actor, case_id, CaseAction.START_MEDIATION)
    rules.check_start(mediator_assigned=case.mediator_id is not None,
                      objection_pending=pending_objection(session, case) is not None)
    case.state = target
    _audit(session, actor, case, CaseAction.START_MEDIATION, CaseState.ACCEPTED)
    return case


def post_message(session: Session, *, actor: User, case_id: int, body: str,
                 upload: Upload | None, storage: Storage) -> CaseMessage:
    """A message, a document or both, seen by the parties, the mediator and the office."""
    case, part, _ = _take(session, actor, case_id, CaseAction.POST_MESSAGE)
    body = body.strip()
    if not body and upload is None:
        raise ValidationFailed(N_("The message is empty."),
                               {"body": [N_("Write a message or attach a document.")]})
    return _attach(session, case, actor, part, body, upload, storage)


def messages(session: Session, case: MediationCase) -> list[CaseMessage]:
    statement = select(CaseMessage).where(CaseMessage.case_id == case.id)
    return list(session.exec(statement.order_by(col(CaseMessage.id))).all())


def get_document(session: Session, *, actor: User, case_id: int,
                 message_id: int) -> CaseMessage:
    """A document of a case, for those who may see the case only (`NotFound` otherwise)."""
    case = get_case(session, actor=actor, case_id=case_id)
    message = session.get(CaseMessage, message_id)
    if message is None or message.case_id != case.id or message.stored_name is None:
        raise NotFound(N_("No such document."))
    return message


def schedule_meeting(session: Session, *, actor: User, case_id: int, starts_at: dt.datetime,
                     place: str, online_link: str) -> CaseMeeting:
    """The mediator schedules a meeting: a time and a place or an online link."""
    case, _, _ = _take(session, actor, case_id, CaseAction.SCHEDULE_MEETING)
    place, online_link = place.strip(), online_link.strip()
    if not place and not online_link:
        raise ValidationFailed(N_("The meeting is incomplete."),
                               {"place": [N_("Give a place or an online link.")]})
    assert case.id is not None
    meeting = CaseMeeting(case_id=case.id, starts_at=starts_at, place=place,
                          online_link=online_link, scheduled_by_id=actor.id)
    session.add(meeting)
    _audit(session, actor, case, CaseAction.SCHEDULE_MEETING, case.state,
           starts_at=starts_at.isoformat(), place=place, online_link=online_link)
    _tell_parties(session, case, "mediation.meeting", Message(
        N_("A meeting was scheduled in case %(number)s."), {"number": case.number}))
    return meeting


def meetings(session: Session, case: MediationCase) -> list[CaseMeeting]:
    statement = select(CaseMeeting).where(CaseMeeting.case_id == case.id)
    return list(session.exec(statement.order_by(col(CaseMeeting.starts_at))).all())


def _extension(case: MediationCase) -> rules.Extension | None:
    if case.extension_days is None:
        return None
    return rules.Extension(case.extension_days, case.extension_reason)


def extend_deadline(session: Session, *, actor: User, case_id: int, days: int, reason: str,
                    policy: MediationPolicy) -> MediationCase:
    """Extend the mediation period once, with its reason (D16)."""
    case, _, _ = _take(session, actor, case_id, CaseAction.EXTEND_DEADLINE)
    extension = rules.grant_extension(_extension(case), days=days, reason=reason, policy=policy)
    case.extension_days, case.extension_reason = extension.days, extension.reason
    _audit(session, actor, case, CaseAction.EXTEND_DEADLINE, case.state, days=extension.days,
           reason=extension.reason)
    return case


# --- Outcomes ------------------------------------------------------------------------------------


def propose_terms(session: Session, *, actor: User, case_id: int, terms: str,
                  effect: AgreementEffect, new_payment_terms: str) -> MediationCase:
    """The mediator writes down the agreement terms; both acceptances start again (D16)."""
    case, _, _ = _take(session, actor, case_id, CaseAction.PROPOSE_TERMS)
    terms, new_payment_terms = terms.strip(), new_payment_terms.strip()
    errors: dict[str, list[str | Message]] = {}
    if not terms:
        errors["terms"] = [N_("Write the terms of the agreement.")]
    if effect is AgreementEffect.CHANGES_PAYMENT and not new_payment_terms:
        errors["new_payment_terms"] = [N_("Write the new payment terms.")]
    if errors:
        raise ValidationFailed(N_("The agreement terms are incomplete."), errors)
    case.proposed_terms, case.agreement_effect = terms, effect
    case.new_payment_terms = (new_payment_terms if effect is AgreementEffect.CHANGES_PAYMENT
                              else "")
    case.applicant_accepted_terms = case.respondent_accepted_terms = False
    _audit(session, actor, case, CaseAction.PROPOSE_TERMS, case.state, terms=terms,
           effect=effect.value, new_payment_terms=case.new_payment_terms)
    _tell_parties(session, case, "mediation.terms", Message(
        N_("Agreement terms were proposed in case %(number)s."), {"number": case.number}))
    return case


def accept_terms(session: Session, *, actor: User, case_id: int) -> MediationCase:
    """A party accepts the proposed terms."""
    case, part, _ = _take(session, actor, case_id, CaseAction.ACCEPT_TERMS)
    if not case.proposed_terms:
        raise ValidationFailed(N_("No terms have been proposed yet."), {})
    if part is CaseActor.APPLICANT:
        case.applicant_accepted_terms = True
    else:
        case.respondent_accepted_terms = True
    _audit(session, actor, case, CaseAction.ACCEPT_TERMS, case.state, party=part.value)
    return case


def record_agreement(session: Session, *, actor: User, case_id: int,
                     today: dt.date | None = None) -> MediationCase:
    """The mediator records the agreement both parties accepted; the licence and the fee
    ledger follow its effect (D16): ending the licence goes through `end_licence`."""
    case, _, target = _take(session, actor, case_id, CaseAction.RECORD_AGREEMENT)
    rules.check_agreement(applicant_accepted=case.applicant_accepted_terms,
                          respondent_accepted=case.respondent_accepted_terms)
    case.state = target
    case.outcome_on = today or china_today()
    _audit(session, actor, case, CaseAction.RECORD_AGREEMENT, CaseState.IN_MEDIATION,
           terms=case.proposed_terms, effect=case.agreement_effect.value,
           new_payment_terms=case.new_payment_terms, outcome_on=case.outcome_on)
    licence = session.get(Licence, case.licence_id)
    assert licence is not None
    if case.agreement_effect is AgreementEffect.ENDS_LICENCE:
        end_licence(session, licence=licence, event=LicenceEvent.TERMINATED_BY_MEDIATION,
                    on=case.outcome_on, actor=actor)
    if case.agreement_effect is AgreementEffect.CHANGES_PAYMENT:
        record_event(session, actor=actor, action="licence.payment_terms_changed",
                     entity_type="licence", entity_id=licence.id,
                     after={"case": case.number, "payment_terms": case.new_payment_terms})
    if case.agreement_effect is not AgreementEffect.NONE:
        patent = session.get(Patent, case.patent_id)
        assert patent is not None
        refresh_ledger(session, patent, cause=LEDGER_CAUSE, actor=actor, today=case.outcome_on)
    _tell_parties(session, case, "mediation.agreement", Message(
        N_("Case %(number)s ended in a mediation agreement. You may apply jointly for judicial "
           "confirmation within the window shown on the case."), {"number": case.number}))
    return case


def terminate(session: Session, *, actor: User, case_id: int, reason: str,
              today: dt.date | None = None) -> MediationCase:
    """The mediation ends without agreement; the parties are told the court remains (R1.9)."""
    case, _, state = _take(session, actor, case_id, CaseAction.TERMINATE)
    before = case.state
    reason = reason.strip()
    if not reason:
        raise ValidationFailed(N_("The termination is incomplete."),
                               {"reason": [N_("Say why the mediation ends.")]})
    case.state, case.outcome_note, case.outcome_on = state, reason, today or china_today()
    _audit(session, actor, case, CaseAction.TERMINATE, before, reason=reason)
    _tell_parties(session, case, "mediation.terminated", Message(
        N_("The mediation of case %(number)s ended without agreement. You may still take the "
           "dispute to the people's court (Patent Law Art. 52)."), {"number": case.number}))
    return case


def withdraw(session: Session, *, actor: User, case_id: int,
             today: dt.date | None = None) -> MediationCase:
    """The applicant withdraws the application while the case is open."""
    case, _, state = _take(session, actor, case_id, CaseAction.WITHDRAW)
    before, case.state = case.state, state
    case.outcome_on = today or china_today()
    _audit(session, actor, case, CaseAction.WITHDRAW, before)
    _tell_parties(session, case, "mediation.withdrawn", Message(
        N_("The application in case %(number)s was withdrawn."), {"number": case.number}))
    return case


def file_confirmation(session: Session, *, actor: User, case_id: int, filed_on: dt.date,
                      policy: MediationPolicy) -> MediationCase:
    """Record the joint application for judicial confirmation, within the window (R7.4)."""
    case, _, target = _take(session, actor, case_id, CaseAction.FILE_CONFIRMATION)
    assert case.outcome_on is not None
    rules.check_confirmation_filing(case.outcome_on, filed_on, policy)
    case.state = target
    case.confirmation_filed_on = filed_on
    _audit(session, actor, case, CaseAction.FILE_CONFIRMATION, CaseState.AGREEMENT,
           filed_on=filed_on)
    return case


def record_confirmation(session: Session, *, actor: User, case_id: int, confirmed: bool,
                        decided_on: dt.date) -> MediationCase:
    """Record the court's ruling on the application for confirmation."""
    action = CaseAction.RECORD_CONFIRMED if confirmed else CaseAction.RECORD_NOT_CONFIRMED
    case, _, target = _take(session, actor, case_id, action)
    assert case.confirmation_filed_on is not None
    if decided_on < case.confirmation_filed_on:
        raise ValidationFailed(N_("The date is not valid."), {"decided_on": [
            N_("The court cannot rule before the application was filed.")]})
    case.state, case.confirmation_decided_on = target, decided_on
    _audit(session, actor, case, action, CaseState.CONFIRMATION_FILED, decided_on=decided_on)
    return case


# --- Reading -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class LicenceRecord:
    """The licence's record as attached to the case, read from the licensing tables (D16)."""

    licence: Licence
    payments: list[LicencePayment]
    reports: list[RoyaltyReport]
    recordals: list[LicenceRecordal]


def licence_record(session: Session, case: MediationCase) -> LicenceRecord:
    licence = session.get(Licence, case.licence_id)
    assert licence is not None
    return LicenceRecord(
        licence,
        list(session.exec(select(LicencePayment).where(LicencePayment.licence_id == licence.id)
                          .order_by(col(LicencePayment.paid_on))).all()),
        list(session.exec(select(RoyaltyReport).where(RoyaltyReport.licence_id == licence.id)
                          .order_by(col(RoyaltyReport.period_start))).all()),
        list(session.exec(select(LicenceRecordal).where(LicenceRecordal.licence_id == licence.id)
                          .order_by(col(LicenceRecordal.filed_on))).all()))


@dataclass(frozen=True)
class Deadlines:
    """The case's deadlines as of a day, with the overdue flags the office sees (D16)."""

    acceptance: dt.date
    acceptance_overdue: bool
    mediation: dt.date | None
    mediation_overdue: bool
    confirmation: dt.date | None


def deadlines(case: MediationCase, policy: MediationPolicy, as_of: dt.date) -> Deadlines:
    acceptance = rules.acceptance_deadline(case.received_on, policy)
    mediation = (rules.mediation_deadline(case.decided_on, policy, _extension(case))
                 if case.decided_on and case.state not in (CaseState.REFUSED,) else None)
    outcome_on = case.outcome_on if case.state in OUTCOME_STATES else None
    return Deadlines(
        acceptance=acceptance,
        acceptance_overdue=rules.is_overdue(acceptance, done_on=case.decided_on, as_of=as_of),
        mediation=mediation,
        mediation_overdue=(mediation is not None
                           and rules.is_overdue(mediation, done_on=outcome_on, as_of=as_of)),
        confirmation=(rules.confirmation_deadline(case.outcome_on, policy)
                      if case.outcome_on and case.state in SETTLED_STATES else None))


def list_cases(session: Session, *, actor: User,
               state: CaseState | None = None) -> list[MediationCase]:
    """The cases ``actor`` may see: all for the office, the assigned ones for a mediator, their
    organisation's for the parties' users."""
    statement = select(MediationCase)
    if actor.role is Role.MEDIATOR:
        statement = statement.where(MediationCase.mediator_id == actor.id)
    elif actor.role is not Role.OFFICE:
        statement = statement.where(
            (MediationCase.applicant_organisation_id == actor.organisation_id)
            | (MediationCase.respondent_organisation_id == actor.organisation_id))
    if state is not None:
        statement = statement.where(MediationCase.state == state)
    return list(session.exec(statement.order_by(col(MediationCase.id).desc())).all())


def my_licences(session: Session, *, actor: User) -> list[Licence]:
    """The licences the actor's organisation is a party to (it may open a case from them)."""
    statement = select(Licence).where(
        (Licence.licensee_organisation_id == actor.organisation_id)
        | (Licence.licensor_organisation_id == actor.organisation_id))
    return list(session.exec(statement.order_by(col(Licence.id).desc())).all())


@dataclass(frozen=True)
class Statistics:
    """The office's figures (issue 7 §7)."""

    total: int
    by_state: dict[CaseState, int]
    by_subject: dict[DisputeSubject, int]
    median_days_to_acceptance: float | None
    median_days_to_outcome: float | None
    settled_share: float | None


def statistics(session: Session, *, actor: User) -> Statistics:
    """Cases by state and subject, median days to acceptance and to outcome, share settled
    among the cases that reached an outcome. Office only (`NotFound` for others, as a case)."""
    if actor.role is not Role.OFFICE:
        raise _not_found()
    cases = list(session.exec(select(MediationCase)).all())
    accepted = [(c.decided_on - c.received_on).days for c in cases
                if c.decided_on and c.state not in (CaseState.REFUSED,)
                and c.state is not CaseState.AWAITING_RESPONDENT]
    outcomes = [c for c in cases if c.state in OUTCOME_STATES and c.outcome_on]
    to_outcome = [(c.outcome_on - c.received_on).days for c in outcomes if c.outcome_on]
    settled = sum(1 for c in outcomes if c.state in SETTLED_STATES)
    return Statistics(
        total=len(cases),
        by_state=dict(Counter(c.state for c in cases)),
        by_subject=dict(Counter(c.subject for c in cases)),
        median_days_to_acceptance=stats.median(accepted) if accepted else None,
        median_days_to_outcome=stats.median(to_outcome) if to_outcome else None,
        settled_share=settled / len(outcomes) if outcomes else None)


def agreed_payment_terms(session: Session, licence_id: int) -> list[MediationCase]:
    """The licence's mediation agreements that changed its payment terms, oldest first: the
    licence page shows them beside the frozen terms (the parties and the office see both)."""
    return list(session.exec(
        select(MediationCase)
        .where(MediationCase.licence_id == licence_id,
               col(MediationCase.state).in_(sorted(SETTLED_STATES)),
               MediationCase.agreement_effect == AgreementEffect.CHANGES_PAYMENT)
        .order_by(col(MediationCase.outcome_on), col(MediationCase.id))))


def _event_part(case: MediationCase, user: User | None) -> CaseActor | None:
    """The part the author of an event played, a mediator since replaced included."""
    if user is None:
        return None
    if user.role is Role.MEDIATOR:
        return CaseActor.MEDIATOR
    return case_part(case, user)


def _message_detail(message: CaseMessage) -> str:
    text = " ".join(message.body.split())
    if len(text) > _TIMELINE_EXCERPT:
        text = text[:_TIMELINE_EXCERPT].rstrip() + "…"
    return " · ".join(part for part in (text, message.original_name or "") if part)


_TIMELINE_EXCERPT = 80


def timeline(session: Session, case: MediationCase, policy: MediationPolicy,
             now: dt.datetime) -> list[TimelineEntry]:
    """The case from filing to outcome with its deadlines, oldest first (`timeline.py`)."""
    events = session.exec(select(AuditEvent).where(
        AuditEvent.entity_type == "mediation_case", AuditEvent.entity_id == case.id)
        .order_by(col(AuditEvent.id))).all()
    author_ids = {e.actor_user_id for e in events if e.actor_user_id is not None}
    authors = {u.id: u for u in session.exec(select(User).where(col(User.id).in_(author_ids)))}
    case_events = [CaseEvent(e.occurred_at, e.action.removeprefix("mediation."),
                             _event_part(case, authors.get(e.actor_user_id)))
                   for e in events if e.action.startswith("mediation.")]
    due = deadlines(case, policy, legal_date(now))
    marks = [Deadline(due.acceptance, Message(N_("Office to decide on acceptance")),
                      done=case.decided_on is not None)]
    if due.mediation is not None:
        marks.append(Deadline(due.mediation, Message(N_("Mediation period ends")),
                              done=case.outcome_on is not None))
    if due.confirmation is not None:
        marks.append(Deadline(due.confirmation,
                              Message(N_("Last day to apply for judicial confirmation")),
                              done=case.confirmation_filed_on is not None))
    return build_timeline(
        case_events,
        [(m.created_at, m.author_part, _message_detail(m)) for m in messages(session, case)],
        [(m.starts_at, m.place or m.online_link or "") for m in meetings(session, case)],
        marks, now)
