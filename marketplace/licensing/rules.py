"""Pure legal rules of open licences: taking, formation, end, record-filing, negotiated licences.

No Flask, no database: plain dates, instants, enums and the frozen `FeeTerms` in; results,
reasons (translatable `Message`s citing their DOMAIN rule) or ``InvalidStateTransition`` out.
Settings arrive as a `LicensingPolicy`. Money and royalties live in `royalties`.

* Taking a licence (Law Art. 51(1), R1.6, D9): who may take one on a given day, the licence
  period, the first payment the frozen terms require, and when the licence takes effect.
* The licence's end (R1.8 notes, Law Art. 44 and 47, D7) and its state machine.
* Record-filing (Regs Art. 87, R2.5, R2.6, R3.9, R3.13, D10): due date, reminders, the office's
  decision deadline and the recordal state machine.
* Negotiated licences while an open licence is in force (Law Art. 51(3), R1.8).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from enum import StrEnum

from marketplace.calendar import legal_date
from marketplace.calendar import period_end as end_of_period
from marketplace.declarations.terms import FeeMethod, FeeTerms
from marketplace.errors import N_, P_, InvalidStateTransition, Message, ValidationFailed
from marketplace.fees.rules import DeclarationPeriod
from marketplace.licensing.policy import LicensingPolicy
from marketplace.licensing.royalties import (
    LicenceTimeline,
    ObligationKind,
    Period,
    payment_schedule,
)
from marketplace.patents.rules import LegalStatus

__all__ = [
    "END_EVENTS",
    "LICENCE_EVENT_NAMES",
    "LICENCE_STATE_NAMES",
    "LICENCE_TRANSITIONS",
    "RECORDAL_REFUSAL_GROUNDS",
    "RECORDAL_STATE_NAMES",
    "RECORDAL_TRANSITIONS",
    "DeclarationStanding",
    "FirstPayment",
    "FirstPaymentKind",
    "Formation",
    "LicenceEnd",
    "LicenceEvent",
    "LicenceState",
    "NegotiatedKind",
    "PatentStanding",
    "Recordal",
    "RecordalEvent",
    "RecordalRefusalGround",
    "RecordalState",
    "RecordalTiming",
    "accept_recordal",
    "first_payment_due",
    "formation",
    "legal_date",
    "licence_end",
    "licence_transition",
    "negotiated_licence_refusals",
    "recordal_decision_deadline",
    "recordal_due_date",
    "recordal_filing_problems",
    "recordal_reminder_dates",
    "recordal_timing",
    "recordal_transition",
    "refuse_recordal",
    "take_refusals",
    "taken_licence_period",
]

_ONE_DAY = timedelta(days=1)



# --- Taking a licence (Law Art. 50–51, R1.4–R1.6, R3.10) ----------------------------------------


@dataclass(frozen=True)
class DeclarationStanding:
    """The declaration a licence would be taken under.

    ``announced_on`` is ``None`` until the office announces it (R1.4); ``withdrawn_on`` is the
    date of the withdrawal announcement, effective from that day (R1.5, R3.10); ``licence_end``
    the last day of the announced licence period (R2.2(4)).
    """

    announced_on: date | None
    licence_end: date
    withdrawn_on: date | None = None


@dataclass(frozen=True)
class PatentStanding:
    """The patent's legal standing. ``expiry`` is the last day of its term (D18).

    For LAPSED, INVALIDATED and SURRENDERED, ``status_since`` is the first day the patent is no
    longer in force: the due date of the unpaid annual fee for a lapse (D13), the date of the
    invalidation decision (Law Art. 47), the surrender's effective date (Law Art. 44).
    """

    status: LegalStatus
    expiry: date | None
    status_since: date | None = None

    def out_of_force_from(self) -> tuple[date, LicenceEvent] | None:
        """The first day out of force by lapse, invalidation or surrender, if known."""
        event = _STATUS_EVENTS.get(self.status)
        if event is None or self.status_since is None:
            return None
        return self.status_since, event


class LicenceState(StrEnum):
    """PENDING: notice given, first payment not yet made; EFFECTIVE: both exist (D9)."""

    PENDING = "pending"
    EFFECTIVE = "effective"
    ENDED = "ended"


class LicenceEvent(StrEnum):
    """What moves a licence: its first payment, or one of the ways it ends."""

    FIRST_PAYMENT = "first_payment"
    PERIOD_ENDED = "period_ended"
    PATENT_EXPIRED = "patent_expired"
    PATENT_LAPSED = "patent_lapsed"
    PATENT_INVALIDATED = "patent_invalidated"
    PATENT_SURRENDERED = "patent_surrendered"
    TERMINATED_BY_AGREEMENT = "terminated_by_agreement"
    TERMINATED_BY_MEDIATION = "terminated_by_mediation"


END_EVENTS: frozenset[LicenceEvent] = frozenset(LicenceEvent) - {LicenceEvent.FIRST_PAYMENT}

_STATUS_EVENTS: Mapping[LegalStatus, LicenceEvent] = {
    LegalStatus.LAPSED: LicenceEvent.PATENT_LAPSED,
    LegalStatus.INVALIDATED: LicenceEvent.PATENT_INVALIDATED,
    LegalStatus.SURRENDERED: LicenceEvent.PATENT_SURRENDERED,
}


def _patent_refusal(day: date, patent: PatentStanding) -> Message | None:
    if patent.status is LegalStatus.PENDING:
        return Message(N_("The patent has not been granted; only granted patents in force can "
                          "be licensed (R2.1, R3.5)."))
    expired = patent.status is LegalStatus.EXPIRED or (
        patent.expiry is not None and day > patent.expiry)
    if expired:
        return Message(N_("The patent's term ended on %(date)s (Patent Law Art. 42, D18)."),
                       {"date": patent.expiry.isoformat() if patent.expiry else "—"})
    if patent.status in _STATUS_EVENTS and (
            patent.status_since is None or patent.status_since <= day):
        since = patent.status_since.isoformat() if patent.status_since else "—"
        return {
            LegalStatus.LAPSED: Message(
                N_("The patent lapsed from %(date)s for an unpaid annual fee "
                   "(Patent Law Art. 44, D13)."), {"date": since}),
            LegalStatus.INVALIDATED: Message(
                N_("The patent was invalidated on %(date)s (Patent Law Art. 47)."),
                {"date": since}),
            LegalStatus.SURRENDERED: Message(
                N_("The patent was surrendered on %(date)s (Patent Law Art. 44)."),
                {"date": since}),
        }[patent.status]
    return None


def take_refusals(
    day: date,
    declaration: DeclarationStanding,
    patent: PatentStanding,
    holder_licences: Iterable[LicenceState] = (),
) -> list[Message]:
    """Why an organisation may not take a licence under ``declaration`` on ``day``; empty if it
    may (Law Art. 51(1), R1.4–R1.6, D9).

    The declaration must be announced on or before ``day`` (R1.4) and not withdrawn by an
    announcement dated on or before it (R1.5, R3.10); its licence period must not have ended
    (R2.2(4)); the patent must be in force on ``day`` (granted, within its term, not lapsed,
    invalidated or surrendered: Law Art. 42, 44, 47); and ``holder_licences``, the states of the
    organisation's licences under the same declaration, must hold none pending or effective (one
    licence per organisation and declaration at a time).
    """
    reasons: list[Message] = []
    if declaration.announced_on is None or declaration.announced_on > day:
        reasons.append(Message(N_("The declaration has not been announced; an open licence "
                                  "exists only from its announcement (R1.4).")))
    if declaration.withdrawn_on is not None and declaration.withdrawn_on <= day:
        reasons.append(Message(
            N_("The declaration was withdrawn by announcement on %(date)s; licences can no "
               "longer be taken under it (R1.5, R3.10)."),
            {"date": declaration.withdrawn_on.isoformat()}))
    if declaration.licence_end < day:
        reasons.append(Message(
            N_("The declaration's licence period ended on %(date)s (R2.2)."),
            {"date": declaration.licence_end.isoformat()}))
    patent_reason = _patent_refusal(day, patent)
    if patent_reason is not None:
        reasons.append(patent_reason)
    states = set(holder_licences)
    if LicenceState.EFFECTIVE in states:
        reasons.append(Message(N_("Your organisation already holds a licence in force under "
                                  "this declaration (D9).")))
    elif LicenceState.PENDING in states:
        reasons.append(Message(N_("Your organisation has already given notice under this "
                                  "declaration; make the first payment to complete that "
                                  "licence (D9).")))
    return reasons


def taken_licence_period(
    taken_on: date, declared_start: date, declared_end: date, patent_expiry: date | None
) -> Period:
    """The period of a licence taken on ``taken_on`` (R2.2(4), R3.12, D7).

    It starts on the day notice is given, or the declared period's first day if later, and ends
    on the declared period's last day or the patent's expiry, whichever is earlier. Raises
    ``ValueError`` when nothing is left (`take_refusals` explains why).
    """
    end = declared_end if patent_expiry is None else min(declared_end, patent_expiry)
    return Period(max(taken_on, declared_start), end)


# --- Formation (D9, R1.6) ------------------------------------------------------------------------


class FirstPaymentKind(StrEnum):
    """What the frozen terms require first (D9)."""

    LUMP_SUM = "lump_sum"
    FIRST_ANNUAL_FEE = "first_annual_fee"
    ENTRY_FEE = "entry_fee"
    NOTHING = "nothing"
    FIRST_REPORT = "first_report"


_UPFRONT = {
    ObligationKind.LUMP_SUM: FirstPaymentKind.LUMP_SUM,
    ObligationKind.ANNUAL_FEE: FirstPaymentKind.FIRST_ANNUAL_FEE,
    ObligationKind.ENTRY_FEE: FirstPaymentKind.ENTRY_FEE,
}


@dataclass(frozen=True)
class FirstPayment:
    """The first payment due under the announced terms (D9, R1.6).

    * LUMP_SUM, FIRST_ANNUAL_FEE, ENTRY_FEE: ``amount_fen`` up front, due on the licence's start;
      ``period`` is what it pays for.
    * NOTHING (FREE terms): no payment; notice alone forms the licence.
    * FIRST_REPORT (running royalties): nothing up front. The first payment is the royalty of the
      first reporting period (``period``), computed from its report and due on ``due_on``;
      ``amount_fen`` is ``None`` because the report decides it.
    """

    kind: FirstPaymentKind
    amount_fen: int | None
    due_on: date | None
    period: Period | None

    @property
    def upfront(self) -> bool:
        return self.kind in _UPFRONT.values()

    @property
    def required(self) -> bool:
        """Whether formation waits for a payment event (all but NOTHING)."""
        return self.kind is not FirstPaymentKind.NOTHING


def first_payment_due(
    terms: FeeTerms, licence_start: date, period_end: date, policy: LicensingPolicy
) -> FirstPayment:
    """What must be paid first under ``terms`` for a licence from ``licence_start`` to
    ``period_end`` (D9, R1.6): the lump sum; the first annual fee (pro rata when the whole
    period is shorter than a year); the entry fee; nothing for FREE terms; for running royalties
    the first report, with no amount up front. It is the first item of `payment_schedule`.
    """
    if terms.method is FeeMethod.FREE:
        return FirstPayment(FirstPaymentKind.NOTHING, 0, None, None)
    schedule = payment_schedule(terms, LicenceTimeline(licence_start, period_end), policy)
    if not schedule:
        raise ValueError(f"incomplete {terms.method.value} terms: nothing to pay")
    first = schedule[0]
    if first.kind in _UPFRONT:
        return FirstPayment(_UPFRONT[first.kind], first.amount_fen, first.due_on, first.period)
    return FirstPayment(FirstPaymentKind.FIRST_REPORT, None, first.due_on, first.period)


@dataclass(frozen=True)
class Formation:
    """Whether a licence has taken effect, when, and what is still missing (D9)."""

    effective_at: datetime | None
    missing: tuple[Message, ...]

    @property
    def effective(self) -> bool:
        return self.effective_at is not None

    @property
    def effective_on(self) -> date | None:
        """The effective date in China: the start of the record-filing period (D10)."""
        return None if self.effective_at is None else legal_date(self.effective_at)


_NO_NOTICE = Message(N_("The written notice to the patentee has not been given (R1.6)."))
_NO_PAYMENT = Message(N_("The first payment due under the announced terms has not been made "
                         "(R1.6, D9)."))
_NO_FIRST_REPORT = Message(N_("The first royalty report has not been filed and paid; under "
                              "running-royalty terms it is the first payment (R1.6, D9)."))


def formation(
    first: FirstPayment, notice_given_at: datetime | None, first_payment_at: datetime | None
) -> Formation:
    """When the licence takes effect (Law Art. 51(1), R1.6, D9).

    A licence takes effect when both the written notice and the first payment ``first`` names
    exist, at the later of the two instants, in whichever order they came. Under FREE terms
    nothing is to be paid and the notice alone forms it. Under running royalties
    ``first_payment_at`` is when the first period's report was filed with its royalty paid (or
    filed, if the royalty is nil). Instants are timezone-aware.
    """
    for instant in (notice_given_at, first_payment_at):
        if instant is not None and instant.tzinfo is None:
            raise ValueError("instants must be timezone-aware (UTC)")
    missing: list[Message] = []
    if notice_given_at is None:
        missing.append(_NO_NOTICE)
    if first.required and first_payment_at is None:
        missing.append(
            _NO_FIRST_REPORT if first.kind is FirstPaymentKind.FIRST_REPORT else _NO_PAYMENT)
    if missing or notice_given_at is None:
        return Formation(None, tuple(missing))
    effective_at = notice_given_at
    if first.required and first_payment_at is not None:
        effective_at = max(notice_given_at, first_payment_at)
    return Formation(effective_at, ())


# --- The licence's end and state machine (R1.8 notes, Law Art. 44, 47) -------------------------


@dataclass(frozen=True)
class LicenceEnd:
    """The last day a licence is in force and what ends it there."""

    last_day: date
    reason: LicenceEvent

    @property
    def ended_from(self) -> date:
        """The first day the licence is no longer in force."""
        return self.last_day + _ONE_DAY

    def has_ended(self, day: date) -> bool:
        return day > self.last_day


def licence_end(
    period_end: date,
    patent: PatentStanding,
    *,
    terminated_by_agreement_from: date | None = None,
    terminated_by_mediation_from: date | None = None,
) -> LicenceEnd:
    """When and why a licence ends: the earliest of (R1.8 notes, D7, Law Art. 44, 47)

    * the last day of its licence period (``period_end``);
    * the patent's expiry (its last day, D18);
    * the day before a lapse takes effect (the unpaid fee's due date, D13; Law Art. 44);
    * the day before the invalidation decision (not retroactive for a licence already performed,
      Law Art. 47) or the surrender (Law Art. 44);
    * the day before a termination agreed by the parties, or ordered by a mediation outcome
      (D16), takes effect.

    On a tie the reason listed first wins. Raises ``ValueError`` for a lapsed, invalidated or
    surrendered patent without ``status_since``.
    """
    if patent.status in _STATUS_EVENTS and patent.status_since is None:
        raise ValueError(f"a {patent.status.value} patent needs the date it took effect")
    candidates: list[tuple[date, LicenceEvent]] = [(period_end, LicenceEvent.PERIOD_ENDED)]
    if patent.expiry is not None:
        candidates.append((patent.expiry, LicenceEvent.PATENT_EXPIRED))
    ended = patent.out_of_force_from()
    if ended is not None:
        candidates.append((ended[0] - _ONE_DAY, ended[1]))
    for effective_from, event in (
        (terminated_by_agreement_from, LicenceEvent.TERMINATED_BY_AGREEMENT),
        (terminated_by_mediation_from, LicenceEvent.TERMINATED_BY_MEDIATION),
    ):
        if effective_from is not None:
            candidates.append((effective_from - _ONE_DAY, event))
    last_day, reason = min(candidates, key=lambda c: c[0])
    return LicenceEnd(last_day, reason)


#: The licence state machine (D9, R1.6): the first payment makes a pending licence effective;
#: any end event ends a pending or effective one. Nothing leaves ENDED.
LICENCE_TRANSITIONS: Mapping[tuple[LicenceState, LicenceEvent], LicenceState] = {
    (LicenceState.PENDING, LicenceEvent.FIRST_PAYMENT): LicenceState.EFFECTIVE,
    **{(LicenceState.PENDING, event): LicenceState.ENDED for event in END_EVENTS},
    **{(LicenceState.EFFECTIVE, event): LicenceState.ENDED for event in END_EVENTS},
}

LICENCE_STATE_NAMES: Mapping[LicenceState, Message] = {
    LicenceState.PENDING: Message(P_("licence", "pending")),
    LicenceState.EFFECTIVE: Message(P_("licence", "effective")),
    LicenceState.ENDED: Message(P_("licence", "ended")),
}
LICENCE_EVENT_NAMES: Mapping[LicenceEvent, Message] = {
    LicenceEvent.FIRST_PAYMENT: Message(N_("first payment")),
    LicenceEvent.PERIOD_ENDED: Message(N_("end of the licence period")),
    LicenceEvent.PATENT_EXPIRED: Message(N_("expiry of the patent")),
    LicenceEvent.PATENT_LAPSED: Message(N_("lapse of the patent")),
    LicenceEvent.PATENT_INVALIDATED: Message(N_("invalidation of the patent")),
    LicenceEvent.PATENT_SURRENDERED: Message(N_("surrender of the patent")),
    LicenceEvent.TERMINATED_BY_AGREEMENT: Message(N_("termination by agreement")),
    LicenceEvent.TERMINATED_BY_MEDIATION: Message(N_("termination by a mediation outcome")),
}


def licence_transition(state: LicenceState, event: LicenceEvent) -> LicenceState:
    """The state after ``event``, per `LICENCE_TRANSITIONS`; raises ``InvalidStateTransition``
    for any other pair (a second first payment, anything after the end)."""
    try:
        return LICENCE_TRANSITIONS[state, event]
    except KeyError:
        raise InvalidStateTransition(Message(
            N_("Not possible for a licence that is %(state)s: %(event)s."),
            {"state": LICENCE_STATE_NAMES[state], "event": LICENCE_EVENT_NAMES[event]})) from None


# --- Record-filing (Regs Art. 87, R2.5, R2.6, R3.9, R3.13, D10) --------------------------------


def recordal_due_date(effective_on: date, policy: LicensingPolicy) -> date:
    """Last day to record-file a licence that took effect on ``effective_on`` (D10, R2.5, R2.6,
    R3.9): ``policy.recordal_due_months`` later, month-end rule, rolled to a working day (R2.10).
    Took effect 30 Nov → due 28/29 Feb (or the next working day)."""
    return end_of_period(effective_on, months=policy.recordal_due_months,
                         calendar=policy.calendar)


def recordal_reminder_dates(effective_on: date, policy: LicensingPolicy) -> list[date]:
    """Days on which to remind both parties of the record-filing due date (D10): each of
    ``policy.recordal_reminder_days`` before it, after ``effective_on``, earliest first."""
    due = recordal_due_date(effective_on, policy)
    reminders = {due - timedelta(days=n) for n in policy.recordal_reminder_days}
    return sorted(day for day in reminders if day > effective_on)


def recordal_decision_deadline(filed_on: date, policy: LicensingPolicy) -> date:
    """Last day for the office to decide a record-filing received on ``filed_on``: the
    ``policy.recordal_decision_working_days``-th working day after it (D10, R3.13, R2.10)."""
    return policy.calendar.add_working_days(filed_on, policy.recordal_decision_working_days)


class RecordalTiming(StrEnum):
    """Where a licence stands against its record-filing due date (D10)."""

    NOT_DUE_YET = "not_due_yet"
    DUE_SOON = "due_soon"
    OVERDUE = "overdue"
    FILED_IN_TIME = "filed_in_time"
    FILED_LATE = "filed_late"


def recordal_timing(
    effective_on: date, filed_on: date | None, today: date, policy: LicensingPolicy
) -> RecordalTiming:
    """Filed in time or late; else overdue after the due date, due soon from the first reminder
    day (D10)."""
    due = recordal_due_date(effective_on, policy)
    if filed_on is not None:
        return RecordalTiming.FILED_IN_TIME if filed_on <= due else RecordalTiming.FILED_LATE
    if today > due:
        return RecordalTiming.OVERDUE
    reminders = recordal_reminder_dates(effective_on, policy)
    if reminders and today >= reminders[0]:
        return RecordalTiming.DUE_SOON
    return RecordalTiming.NOT_DUE_YET


class RecordalState(StrEnum):
    PENDING = "pending"
    ACCEPTED = "accepted"
    REFUSED = "refused"


class RecordalEvent(StrEnum):
    ACCEPT = "accept"
    REFUSE = "refuse"


#: The recordal state machine (D10): the office accepts or refuses a pending filing, once.
RECORDAL_TRANSITIONS: Mapping[tuple[RecordalState, RecordalEvent], RecordalState] = {
    (RecordalState.PENDING, RecordalEvent.ACCEPT): RecordalState.ACCEPTED,
    (RecordalState.PENDING, RecordalEvent.REFUSE): RecordalState.REFUSED,
}

RECORDAL_STATE_NAMES: Mapping[RecordalState, Message] = {
    RecordalState.PENDING: Message(P_("recordal", "pending")),
    RecordalState.ACCEPTED: Message(P_("recordal", "accepted")),
    RecordalState.REFUSED: Message(P_("recordal", "refused")),
}


def recordal_transition(state: RecordalState, event: RecordalEvent) -> RecordalState:
    """The state after ``event``; raises ``InvalidStateTransition`` unless the filing is pending."""
    try:
        return RECORDAL_TRANSITIONS[state, event]
    except KeyError:
        raise InvalidStateTransition(Message(
            N_("A record-filing that is %(state)s has already been decided."),
            {"state": RECORDAL_STATE_NAMES[state]})) from None


@dataclass(frozen=True)
class Recordal:
    """A record-filing and, once decided, the office's decision (D10).

    Acceptance sets the *record date* (what the fee ledger's 15 % reduction keys on, D11) and the
    record number; refusal its reasons.
    """

    filed_on: date
    state: RecordalState = RecordalState.PENDING
    record_date: date | None = None
    record_number: str | None = None
    refusal_reasons: tuple[Message, ...] = ()


def accept_recordal(recordal: Recordal, *, record_date: date, record_number: str) -> Recordal:
    """The filing accepted with its record date and number (D10, R3.13). Raises
    ``InvalidStateTransition`` unless pending, ``ValidationFailed`` for a record date before the
    filing or an empty number."""
    state = recordal_transition(recordal.state, RecordalEvent.ACCEPT)
    errors: dict[str, list[str | Message]] = {}
    if record_date < recordal.filed_on:
        errors["record_date"] = [Message(N_("The record date cannot be before the filing date, "
                                            "%(date)s."),
                                          {"date": recordal.filed_on.isoformat()})]
    if not record_number.strip():
        errors["record_number"] = [Message(N_("A record number is required."))]
    if errors:
        raise ValidationFailed(Message(N_("The acceptance is incomplete.")), errors)
    return replace(recordal, state=state, record_date=record_date,
                   record_number=record_number.strip())


def refuse_recordal(recordal: Recordal, *, reasons: Sequence[Message]) -> Recordal:
    """The filing refused with at least one reason (D10, R3.13). Raises
    ``InvalidStateTransition`` unless pending, ``ValidationFailed`` without a reason."""
    state = recordal_transition(recordal.state, RecordalEvent.REFUSE)
    if not reasons:
        raise ValidationFailed(Message(N_("A refusal states its reasons.")),
                               {"reasons": [Message(N_("Give at least one reason."))]})
    return replace(recordal, state=state, refusal_reasons=tuple(reasons))


class RecordalRefusalGround(StrEnum):
    """Grounds on which record-filings are commonly refused (R3.13; list UNCONFIRMED)."""

    NOT_RIGHT_HOLDER = "not_right_holder"
    PATENT_TERMINATED = "patent_terminated"
    FEE_IN_GRACE = "fee_in_grace"
    OWNERSHIP_DISPUTE = "ownership_dispute"
    TERM_EXCEEDS_PATENT = "term_exceeds_patent"
    DUPLICATE = "duplicate"
    SUSPENDED = "suspended"
    PLEDGE_WITHOUT_CONSENT = "pledge_without_consent"
    DOCUMENTS_INSUFFICIENT = "documents_insufficient"


RECORDAL_REFUSAL_GROUNDS: Mapping[RecordalRefusalGround, Message] = {
    RecordalRefusalGround.NOT_RIGHT_HOLDER: Message(
        N_("The licensor is not the lawful holder of the patent (R3.13).")),
    RecordalRefusalGround.PATENT_TERMINATED: Message(
        N_("The patent has terminated (R3.13).")),
    RecordalRefusalGround.FEE_IN_GRACE: Message(
        N_("The annual fee is in its late-payment period (R3.13).")),
    RecordalRefusalGround.OWNERSHIP_DISPUTE: Message(
        N_("The ownership of the patent is in dispute (R3.13).")),
    RecordalRefusalGround.TERM_EXCEEDS_PATENT: Message(
        N_("The licence period exceeds the patent's term (R3.12, R3.13).")),
    RecordalRefusalGround.DUPLICATE: Message(
        N_("The licence has already been filed for record (R3.13).")),
    RecordalRefusalGround.SUSPENDED: Message(
        N_("Procedures on the patent are suspended or it is under preservation (R3.13).")),
    RecordalRefusalGround.PLEDGE_WITHOUT_CONSENT: Message(
        N_("The patent is pledged without the pledgee's consent (R3.13).")),
    RecordalRefusalGround.DOCUMENTS_INSUFFICIENT: Message(
        N_("The documents do not prove that the licence was reached (Regs Art. 87, R3.9).")),
}


def recordal_filing_problems(
    licence_state: LicenceState, recordals: Iterable[RecordalState] = ()
) -> list[Message]:
    """Why a licence cannot be filed for record now; empty if it can (R2.5, R3.9, R3.13).

    Only an effective licence (notice given and first payment made, R3.9) is filed, and not
    while an earlier filing of it is pending or accepted (a duplicate, R3.13); after a refusal it
    may be filed again.
    """
    problems: list[Message] = []
    if licence_state is not LicenceState.EFFECTIVE:
        problems.append(Message(
            N_("Only a licence in force can be filed for record; this one is %(state)s "
               "(R3.9)."),
            {"state": LICENCE_STATE_NAMES[licence_state]}))
    states = set(recordals)
    if RecordalState.ACCEPTED in states:
        problems.append(Message(N_("The licence is already recorded (R3.13).")))
    elif RecordalState.PENDING in states:
        problems.append(Message(N_("A record-filing of this licence is awaiting the office's "
                                   "decision (R3.13).")))
    return problems


# --- Negotiated licences during an open licence (Law Art. 51(3), R1.8) --------------------------


class NegotiatedKind(StrEnum):
    """The kinds of licence a patentee may negotiate outside the open licence."""

    ORDINARY = "ordinary"
    EXCLUSIVE = "exclusive"
    SOLE = "sole"


def negotiated_licence_refusals(
    kind: NegotiatedKind,
    start: date,
    end: date | None,
    declarations: Sequence[DeclarationPeriod],
) -> list[Message]:
    """Why the patentee may not grant a negotiated licence of ``kind`` from ``start`` to ``end``
    (``None``: open-ended); empty if it may (Law Art. 51(3), R1.8).

    Ordinary licences, on any negotiated terms, are always allowed. An exclusive or sole licence
    is refused when its period meets a time an open-licence declaration on the patent is in force:
    from its announcement until the day before its withdrawal announcement (R3.10); a
    declaration not withdrawn is in force indefinitely.
    """
    if end is not None and end < start:
        raise ValueError("a licence cannot end before it starts")
    if kind is NegotiatedKind.ORDINARY:
        return []
    refusals: list[Message] = []
    for declaration in declarations:
        declared_until = (None if declaration.withdrawn_on is None
                          else declaration.withdrawn_on - _ONE_DAY)
        starts_in_time = declared_until is None or start <= declared_until
        if starts_in_time and (end is None or declaration.announced_on <= end):
            refusals.append(Message(
                N_("An open-licence declaration announced on %(date)s is in force: the patentee "
                   "may grant ordinary licences only, not exclusive or sole ones "
                   "(Patent Law Art. 51(3), R1.8)."),
                {"date": declaration.announced_on.isoformat()}))
    return refusals
