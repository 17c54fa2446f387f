"""The licensing rules: taking, formation (D9), the licence's end, the state machines, recordal
dates (D10) and negotiated licences (R1.8). Dates and amounts are worked out by hand."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from marketplace.calendar import WorkingCalendar
from marketplace.config import ConfigError, load_settings
from marketplace.declarations.terms import FeeMethod, FeeTerms, RoyaltyBase
from marketplace.errors import InvalidStateTransition, Message, ValidationFailed
from marketplace.fees.rules import DeclarationPeriod
from marketplace.licensing.policy import LicensingPolicy
from marketplace.licensing.royalties import Period
from marketplace.licensing.rules import (
    RECORDAL_REFUSAL_GROUNDS,
    DeclarationStanding,
    FirstPayment,
    FirstPaymentKind,
    LicenceEnd,
    LicenceEvent,
    LicenceState,
    NegotiatedKind,
    PatentStanding,
    Recordal,
    RecordalRefusalGround,
    RecordalState,
    RecordalTiming,
    accept_recordal,
    first_payment_due,
    formation,
    legal_date,
    licence_end,
    licence_transition,
    negotiated_licence_refusals,
    recordal_decision_deadline,
    recordal_due_date,
    recordal_filing_problems,
    recordal_reminder_dates,
    recordal_timing,
    refuse_recordal,
    take_refusals,
    taken_licence_period,
)
from marketplace.patents.rules import LegalStatus

POLICY = LicensingPolicy()
# 2026 National Day: 1–7 October off (Thu–Wed); Sunday 27 Sep and Saturday 10 Oct worked (调休).
NATIONAL_DAY = frozenset(date(2026, 10, d) for d in range(1, 8))
ADJUSTED = frozenset({date(2026, 9, 27), date(2026, 10, 10)})
CHINA_2026 = LicensingPolicy(calendar=WorkingCalendar(NATIONAL_DAY, ADJUSTED))


def texts(messages: list[Message]) -> list[str]:
    return [str(m) for m in messages]


# --- Taking a licence ----------------------------------------------------------------------------

DAY = date(2027, 3, 15)
ANNOUNCED = DeclarationStanding(announced_on=date(2027, 1, 10), licence_end=date(2030, 12, 31))
IN_FORCE = PatentStanding(LegalStatus.IN_FORCE, expiry=date(2041, 5, 31))


def test_a_licence_may_be_taken_on_an_announced_declaration_of_a_patent_in_force() -> None:
    assert take_refusals(DAY, ANNOUNCED, IN_FORCE) == []
    assert take_refusals(DAY, ANNOUNCED, IN_FORCE, [LicenceState.ENDED]) == []
    assert take_refusals(date(2027, 1, 10), ANNOUNCED, IN_FORCE) == []  # announcement day


@pytest.mark.parametrize(("declaration", "expected"), [
    (DeclarationStanding(None, date(2030, 12, 31)),
     "The declaration has not been announced; an open licence exists only from its "
     "announcement (R1.4)."),
    (DeclarationStanding(date(2027, 3, 16), date(2030, 12, 31)),
     "The declaration has not been announced; an open licence exists only from its "
     "announcement (R1.4)."),
    # the withdrawal takes effect on the day of its announcement (R3.10)
    (DeclarationStanding(date(2027, 1, 10), date(2030, 12, 31), withdrawn_on=DAY),
     "The declaration was withdrawn by announcement on 2027-03-15; licences can no longer be "
     "taken under it (R1.5, R3.10)."),
    (DeclarationStanding(date(2025, 1, 10), date(2027, 3, 14)),
     "The declaration's licence period ended on 2027-03-14 (R2.2)."),
])
def test_declaration_refusals(declaration: DeclarationStanding, expected: str) -> None:
    assert texts(take_refusals(DAY, declaration, IN_FORCE)) == [expected]


def test_a_withdrawal_announced_later_does_not_stop_today() -> None:
    later = DeclarationStanding(date(2027, 1, 10), date(2030, 12, 31),
                                withdrawn_on=date(2027, 3, 16))
    assert take_refusals(DAY, later, IN_FORCE) == []


@pytest.mark.parametrize(("patent", "expected"), [
    (PatentStanding(LegalStatus.PENDING, expiry=None),
     "The patent has not been granted; only granted patents in force can be licensed "
     "(R2.1, R3.5)."),
    (PatentStanding(LegalStatus.EXPIRED, expiry=date(2027, 3, 1)),
     "The patent's term ended on 2027-03-01 (Patent Law Art. 42, D18)."),
    # still marked in force, but its term ended yesterday
    (PatentStanding(LegalStatus.IN_FORCE, expiry=date(2027, 3, 14)),
     "The patent's term ended on 2027-03-14 (Patent Law Art. 42, D18)."),
    (PatentStanding(LegalStatus.LAPSED, expiry=date(2041, 5, 31), status_since=date(2026, 5, 31)),
     "The patent lapsed from 2026-05-31 for an unpaid annual fee (Patent Law Art. 44, D13)."),
    (PatentStanding(LegalStatus.INVALIDATED, expiry=date(2041, 5, 31),
                    status_since=date(2027, 2, 1)),
     "The patent was invalidated on 2027-02-01 (Patent Law Art. 47)."),
    (PatentStanding(LegalStatus.SURRENDERED, expiry=date(2041, 5, 31),
                    status_since=date(2027, 3, 15)),
     "The patent was surrendered on 2027-03-15 (Patent Law Art. 44)."),
])
def test_patent_refusals(patent: PatentStanding, expected: str) -> None:
    assert texts(take_refusals(DAY, ANNOUNCED, patent)) == [expected]


def test_the_patent_expiry_day_itself_is_still_in_force() -> None:
    assert take_refusals(DAY, ANNOUNCED, PatentStanding(LegalStatus.IN_FORCE, expiry=DAY)) == []


def test_one_licence_per_organisation_and_declaration() -> None:
    assert texts(take_refusals(DAY, ANNOUNCED, IN_FORCE, [LicenceState.EFFECTIVE])) == [
        "Your organisation already holds a licence in force under this declaration (D9)."]
    assert texts(take_refusals(DAY, ANNOUNCED, IN_FORCE, [LicenceState.PENDING])) == [
        "Your organisation has already given notice under this declaration; make the first "
        "payment to complete that licence (D9)."]


def test_every_reason_is_given_at_once() -> None:
    withdrawn = DeclarationStanding(date(2025, 1, 1), date(2026, 12, 31),
                                    withdrawn_on=date(2026, 6, 1))
    expired = PatentStanding(LegalStatus.EXPIRED, expiry=date(2027, 1, 1))
    assert len(take_refusals(DAY, withdrawn, expired, [LicenceState.EFFECTIVE])) == 4


def test_taken_licence_period() -> None:
    # taken after the declared start: from the day of notice
    assert taken_licence_period(DAY, date(2027, 1, 1), date(2030, 12, 31), date(2041, 5, 31)) == (
        Period(DAY, date(2030, 12, 31)))
    # taken before the declared start: from the declared start; cut at the patent's expiry (D7)
    assert taken_licence_period(DAY, date(2027, 7, 1), date(2030, 12, 31), date(2029, 2, 28)) == (
        Period(date(2027, 7, 1), date(2029, 2, 28)))


# --- First payment and formation (D9) -----------------------------------------------------------

START, END = date(2027, 1, 1), date(2028, 12, 31)


@pytest.mark.parametrize(("terms", "expected"), [
    (FeeTerms(FeeMethod.LUMP_SUM, lump_sum_fen=5_000_000),
     FirstPayment(FirstPaymentKind.LUMP_SUM, 5_000_000, START, Period(START, END))),
    (FeeTerms(FeeMethod.ANNUAL_FIXED, annual_fee_fen=1_200_000),
     FirstPayment(FirstPaymentKind.FIRST_ANNUAL_FEE, 1_200_000, START,
                  Period(START, date(2027, 12, 31)))),
    (FeeTerms(FeeMethod.ENTRY_PLUS_ROYALTY, entry_fee_fen=300_000,
              royalty_base=RoyaltyBase.NET_SALES, royalty_rate_percent=Decimal("2")),
     FirstPayment(FirstPaymentKind.ENTRY_FEE, 300_000, START, Period(START, END))),
    (FeeTerms(FeeMethod.FREE), FirstPayment(FirstPaymentKind.NOTHING, 0, None, None)),
    # running royalties: nothing up front; the first quarter's report, due 30 Apr
    (FeeTerms(FeeMethod.ROYALTY_SALES, royalty_rate_percent=Decimal("3")),
     FirstPayment(FirstPaymentKind.FIRST_REPORT, None, date(2027, 4, 30),
                  Period(START, date(2027, 3, 31)))),
    (FeeTerms(FeeMethod.ROYALTY_PROFIT, royalty_rate_percent=Decimal("10")),
     FirstPayment(FirstPaymentKind.FIRST_REPORT, None, date(2027, 4, 30),
                  Period(START, date(2027, 3, 31)))),
    (FeeTerms(FeeMethod.PER_UNIT, per_unit_fen=150),
     FirstPayment(FirstPaymentKind.FIRST_REPORT, None, date(2027, 4, 30),
                  Period(START, date(2027, 3, 31)))),
])
def test_first_payment_due(terms: FeeTerms, expected: FirstPayment) -> None:
    assert first_payment_due(terms, START, END, POLICY) == expected


def test_first_annual_fee_of_a_licence_shorter_than_a_year_is_pro_rata() -> None:
    terms = FeeTerms(FeeMethod.ANNUAL_FIXED, annual_fee_fen=3_650_000)
    first = first_payment_due(terms, START, date(2027, 3, 31), POLICY)
    assert first.amount_fen == 900_000  # 90 of 365 days: 10,000 a day
    assert first.upfront and first.required


def test_first_payment_of_incomplete_terms_is_an_error() -> None:
    with pytest.raises(ValueError, match="incomplete"):
        first_payment_due(FeeTerms(FeeMethod.LUMP_SUM), START, END, POLICY)


LUMP = first_payment_due(FeeTerms(FeeMethod.LUMP_SUM, lump_sum_fen=1), START, END, POLICY)
FREE = first_payment_due(FeeTerms(FeeMethod.FREE), START, END, POLICY)
REPORT = first_payment_due(FeeTerms(FeeMethod.PER_UNIT, per_unit_fen=1), START, END, POLICY)
EARLY = datetime(2027, 1, 5, 2, 0, tzinfo=UTC)
LATE = datetime(2027, 1, 9, 20, 30, tzinfo=UTC)


def test_formation_notice_then_payment() -> None:
    formed = formation(LUMP, EARLY, LATE)
    assert formed.effective and formed.effective_at == LATE and formed.missing == ()
    # 20:30 UTC is 04:30 the next day in China: the licence takes effect on 10 January
    assert formed.effective_on == date(2027, 1, 10)


def test_formation_payment_then_notice() -> None:
    formed = formation(LUMP, LATE, EARLY)
    assert formed.effective_at == LATE


@pytest.mark.parametrize(("first", "notice", "payment", "missing"), [
    (LUMP, None, LATE, ["The written notice to the patentee has not been given (R1.6)."]),
    (LUMP, EARLY, None, ["The first payment due under the announced terms has not been made "
                         "(R1.6, D9)."]),
    (LUMP, None, None, ["The written notice to the patentee has not been given (R1.6).",
                        "The first payment due under the announced terms has not been made "
                        "(R1.6, D9)."]),
    (REPORT, EARLY, None, ["The first royalty report has not been filed and paid; under "
                           "running-royalty terms it is the first payment (R1.6, D9)."]),
    (FREE, None, None, ["The written notice to the patentee has not been given (R1.6)."]),
])
def test_no_licence_until_both_exist(
    first: FirstPayment, notice: datetime | None, payment: datetime | None, missing: list[str]
) -> None:
    formed = formation(first, notice, payment)
    assert not formed.effective and formed.effective_on is None
    assert texts(list(formed.missing)) == missing


def test_a_free_licence_is_formed_by_notice_alone() -> None:
    assert formation(FREE, EARLY, None).effective_at == EARLY


def test_instants_must_carry_their_zone() -> None:
    with pytest.raises(ValueError):
        formation(LUMP, datetime(2027, 1, 5), LATE)
    with pytest.raises(ValueError):
        legal_date(datetime(2027, 1, 5))


# --- The licence's end ---------------------------------------------------------------------------

PERIOD_END = date(2030, 12, 31)


@pytest.mark.parametrize(("patent", "kwargs", "expected"), [
    (IN_FORCE, {}, LicenceEnd(PERIOD_END, LicenceEvent.PERIOD_ENDED)),
    (PatentStanding(LegalStatus.IN_FORCE, expiry=date(2029, 8, 31)), {},
     LicenceEnd(date(2029, 8, 31), LicenceEvent.PATENT_EXPIRED)),
    # lapse takes effect from the unpaid fee's due date: the licence's last day is the day before
    (PatentStanding(LegalStatus.LAPSED, expiry=date(2041, 5, 31), status_since=date(2028, 9, 1)),
     {}, LicenceEnd(date(2028, 8, 31), LicenceEvent.PATENT_LAPSED)),
    (PatentStanding(LegalStatus.INVALIDATED, expiry=date(2041, 5, 31),
                    status_since=date(2029, 1, 15)),
     {}, LicenceEnd(date(2029, 1, 14), LicenceEvent.PATENT_INVALIDATED)),
    (PatentStanding(LegalStatus.SURRENDERED, expiry=date(2041, 5, 31),
                    status_since=date(2029, 3, 1)),
     {}, LicenceEnd(date(2029, 2, 28), LicenceEvent.PATENT_SURRENDERED)),
    (IN_FORCE, {"terminated_by_agreement_from": date(2028, 7, 1)},
     LicenceEnd(date(2028, 6, 30), LicenceEvent.TERMINATED_BY_AGREEMENT)),
    (IN_FORCE, {"terminated_by_mediation_from": date(2028, 3, 1)},
     LicenceEnd(date(2028, 2, 29), LicenceEvent.TERMINATED_BY_MEDIATION)),
    # the earliest wins
    (PatentStanding(LegalStatus.LAPSED, expiry=date(2041, 5, 31), status_since=date(2028, 9, 1)),
     {"terminated_by_agreement_from": date(2028, 7, 1)},
     LicenceEnd(date(2028, 6, 30), LicenceEvent.TERMINATED_BY_AGREEMENT)),
    # a period ending on the expiry day ends with its period
    (PatentStanding(LegalStatus.IN_FORCE, expiry=PERIOD_END), {},
     LicenceEnd(PERIOD_END, LicenceEvent.PERIOD_ENDED)),
])
def test_licence_end(patent: PatentStanding, kwargs: dict[str, date], expected: LicenceEnd) -> None:
    assert licence_end(PERIOD_END, patent, **kwargs) == expected


def test_licence_end_needs_the_date_of_a_lapse() -> None:
    with pytest.raises(ValueError, match="lapsed"):
        licence_end(PERIOD_END, PatentStanding(LegalStatus.LAPSED, expiry=date(2041, 5, 31)))


def test_an_ended_licence_is_out_of_force_from_the_next_day() -> None:
    end = LicenceEnd(date(2028, 6, 30), LicenceEvent.TERMINATED_BY_AGREEMENT)
    assert end.ended_from == date(2028, 7, 1)
    assert not end.has_ended(date(2028, 6, 30)) and end.has_ended(date(2028, 7, 1))


# --- Licence state machine -----------------------------------------------------------------------

P, E, X = LicenceState.PENDING, LicenceState.EFFECTIVE, LicenceState.ENDED
ENDINGS = [LicenceEvent.PERIOD_ENDED, LicenceEvent.PATENT_EXPIRED, LicenceEvent.PATENT_LAPSED,
           LicenceEvent.PATENT_INVALIDATED, LicenceEvent.PATENT_SURRENDERED,
           LicenceEvent.TERMINATED_BY_AGREEMENT, LicenceEvent.TERMINATED_BY_MEDIATION]
ALLOWED = [
    (P, LicenceEvent.FIRST_PAYMENT, E),
    *[(P, event, X) for event in ENDINGS],  # a licence never paid for ends too
    *[(E, event, X) for event in ENDINGS],
]
REFUSED = [
    (E, LicenceEvent.FIRST_PAYMENT),
    (X, LicenceEvent.FIRST_PAYMENT),
    *[(X, event) for event in ENDINGS],
]


@pytest.mark.parametrize(("state", "event", "expected"), ALLOWED)
def test_allowed_licence_transitions(
    state: LicenceState, event: LicenceEvent, expected: LicenceState
) -> None:
    assert licence_transition(state, event) is expected


@pytest.mark.parametrize(("state", "event"), REFUSED)
def test_refused_licence_transitions(state: LicenceState, event: LicenceEvent) -> None:
    with pytest.raises(InvalidStateTransition):
        licence_transition(state, event)


def test_every_pair_is_either_allowed_or_refused() -> None:
    covered = {(s, e) for s, e, _ in ALLOWED} | set(REFUSED)
    assert covered == {(s, e) for s in LicenceState for e in LicenceEvent}


def test_refusal_names_the_state_and_step() -> None:
    with pytest.raises(InvalidStateTransition) as info:
        licence_transition(E, LicenceEvent.FIRST_PAYMENT)
    assert info.value.message == "Not possible for a licence that is effective: first payment."


# --- Record-filing dates (D10) -------------------------------------------------------------------


@pytest.mark.parametrize(("effective_on", "due"), [
    (date(2027, 11, 30), date(2028, 2, 29)),  # month-end rule, leap year; a Tuesday
    (date(2026, 11, 30), date(2027, 3, 1)),   # 28 Feb 2027 is a Sunday → Monday
    (date(2025, 11, 30), date(2026, 3, 2)),   # 28 Feb 2026 is a Saturday → Monday
    (date(2027, 1, 15), date(2027, 4, 15)),   # plain corresponding day, a Thursday
])
def test_recordal_due_three_months_after_effect(effective_on: date, due: date) -> None:
    assert recordal_due_date(effective_on, POLICY) == due


def test_recordal_due_date_rolls_over_a_holiday() -> None:
    # 1 July + 3 months = 1 October, National Day: due on the first working day, 8 October
    assert recordal_due_date(date(2026, 7, 1), CHINA_2026) == date(2026, 10, 8)


def test_recordal_months_are_a_setting() -> None:
    assert recordal_due_date(date(2027, 1, 15), LicensingPolicy(recordal_due_months=1)) == (
        date(2027, 2, 15))


def test_recordal_reminders() -> None:
    assert recordal_reminder_dates(date(2027, 11, 30), POLICY) == [
        date(2028, 1, 30), date(2028, 2, 22)]  # 30 and 7 days before 29 Feb
    early = LicensingPolicy(recordal_reminder_days=(100, 7))
    # 100 days before the due date is before the licence took effect: no such reminder
    assert recordal_reminder_dates(date(2027, 11, 30), early) == [date(2028, 2, 22)]


@pytest.mark.parametrize(("policy", "deadline"), [
    # Tue 29, Wed 30 Sep, [1–7 Oct off], Thu 8, Fri 9, Sat 10 (worked), Mon 12, Tue 13
    (CHINA_2026, date(2026, 10, 13)),
    # without holidays: Tue 29, Wed 30, Thu 1, Fri 2, Mon 5, Tue 6, Wed 7
    (POLICY, date(2026, 10, 7)),
])
def test_office_decides_within_seven_working_days(policy: LicensingPolicy, deadline: date) -> None:
    assert recordal_decision_deadline(date(2026, 9, 28), policy) == deadline


@pytest.mark.parametrize(("filed_on", "today", "timing"), [
    (None, date(2028, 1, 29), RecordalTiming.NOT_DUE_YET),
    (None, date(2028, 1, 30), RecordalTiming.DUE_SOON),    # first reminder day
    (None, date(2028, 2, 29), RecordalTiming.DUE_SOON),    # the due date itself
    (None, date(2028, 3, 1), RecordalTiming.OVERDUE),
    (date(2028, 2, 29), date(2028, 6, 1), RecordalTiming.FILED_IN_TIME),
    (date(2028, 3, 1), date(2028, 6, 1), RecordalTiming.FILED_LATE),
])
def test_recordal_timing(filed_on: date | None, today: date, timing: RecordalTiming) -> None:
    assert recordal_timing(date(2027, 11, 30), filed_on, today, POLICY) is timing


# --- Recordal state machine ----------------------------------------------------------------------

FILED = Recordal(filed_on=date(2028, 1, 10))
REASON = RECORDAL_REFUSAL_GROUNDS[RecordalRefusalGround.FEE_IN_GRACE]


def test_acceptance_sets_the_record_date_and_number() -> None:
    accepted = accept_recordal(FILED, record_date=date(2028, 1, 17), record_number=" 2028-OL-17 ")
    assert (accepted.state, accepted.record_date, accepted.record_number) == (
        RecordalState.ACCEPTED, date(2028, 1, 17), "2028-OL-17")
    assert accepted.filed_on == FILED.filed_on


def test_refusal_keeps_its_reasons() -> None:
    refused = refuse_recordal(FILED, reasons=[REASON])
    assert refused.state is RecordalState.REFUSED
    assert texts(list(refused.refusal_reasons)) == [
        "The annual fee is in its late-payment period (R3.13)."]
    assert refused.record_date is None


@pytest.mark.parametrize("decided", [
    accept_recordal(FILED, record_date=date(2028, 1, 17), record_number="R1"),
    refuse_recordal(FILED, reasons=[REASON]),
])
def test_a_decided_filing_cannot_be_decided_again(decided: Recordal) -> None:
    with pytest.raises(InvalidStateTransition):
        accept_recordal(decided, record_date=date(2028, 1, 18), record_number="R2")
    with pytest.raises(InvalidStateTransition):
        refuse_recordal(decided, reasons=[REASON])


def test_acceptance_input_is_checked() -> None:
    with pytest.raises(ValidationFailed) as info:
        accept_recordal(FILED, record_date=date(2028, 1, 9), record_number="  ")
    assert info.value.errors == {
        "record_date": ["The record date cannot be before the filing date, 2028-01-10."],
        "record_number": ["A record number is required."],
    }


def test_a_refusal_needs_a_reason() -> None:
    with pytest.raises(ValidationFailed) as info:
        refuse_recordal(FILED, reasons=[])
    assert info.value.errors == {"reasons": ["Give at least one reason."]}


def test_every_refusal_ground_has_a_message() -> None:
    assert set(RECORDAL_REFUSAL_GROUNDS) == set(RecordalRefusalGround)


@pytest.mark.parametrize(("state", "recordals", "expected"), [
    (E, [], []),
    (E, [RecordalState.REFUSED], []),  # refused: may be filed again
    (P, [], ["Only a licence in force can be filed for record; this one is pending (R3.9)."]),
    (X, [], ["Only a licence in force can be filed for record; this one is ended (R3.9)."]),
    (E, [RecordalState.PENDING],
     ["A record-filing of this licence is awaiting the office's decision (R3.13)."]),
    (E, [RecordalState.REFUSED, RecordalState.ACCEPTED],
     ["The licence is already recorded (R3.13)."]),
])
def test_who_can_be_filed(
    state: LicenceState, recordals: list[RecordalState], expected: list[str]
) -> None:
    assert texts(recordal_filing_problems(state, recordals)) == expected


# --- Negotiated licences (R1.8) ------------------------------------------------------------------

IN_FORCE_DECLARATION = DeclarationPeriod(announced_on=date(2027, 1, 10))
WITHDRAWN = DeclarationPeriod(announced_on=date(2027, 1, 10), withdrawn_on=date(2028, 6, 1))
R18 = ("An open-licence declaration announced on 2027-01-10 is in force: the patentee may grant "
       "ordinary licences only, not exclusive or sole ones (Patent Law Art. 51(3), R1.8).")


@pytest.mark.parametrize(("kind", "start", "end", "declarations", "expected"), [
    (NegotiatedKind.ORDINARY, date(2027, 3, 1), None, [IN_FORCE_DECLARATION], []),
    (NegotiatedKind.EXCLUSIVE, date(2027, 3, 1), date(2029, 2, 28), [IN_FORCE_DECLARATION],
     [R18]),
    (NegotiatedKind.SOLE, date(2027, 3, 1), None, [IN_FORCE_DECLARATION], [R18]),
    # starts on the withdrawal's announcement day: the declaration is no longer in force
    (NegotiatedKind.EXCLUSIVE, date(2028, 6, 1), None, [WITHDRAWN], []),
    # starts the day before: still in force that day
    (NegotiatedKind.EXCLUSIVE, date(2028, 5, 31), None, [WITHDRAWN], [R18]),
    # ended before the declaration was announced
    (NegotiatedKind.SOLE, date(2025, 1, 1), date(2027, 1, 9), [IN_FORCE_DECLARATION], []),
    # runs into a later declaration
    (NegotiatedKind.SOLE, date(2025, 1, 1), None, [IN_FORCE_DECLARATION], [R18]),
    (NegotiatedKind.EXCLUSIVE, date(2027, 3, 1), None, [], []),
])
def test_negotiated_licences(
    kind: NegotiatedKind, start: date, end: date | None,
    declarations: list[DeclarationPeriod], expected: list[str],
) -> None:
    assert texts(negotiated_licence_refusals(kind, start, end, declarations)) == expected


# --- Settings ------------------------------------------------------------------------------------


def test_policy_from_settings(tmp_path: Path) -> None:
    settings = load_settings({"RECORDAL_DUE_MONTHS": "2", "RECORDAL_REMINDER_DAYS": "7, 30",
                              "ROYALTY_REPORT_MONTHS": "6", "HOLIDAYS": "2026-10-01",
                              "WORKDAYS_ON_WEEKENDS": "2026-10-10"}, tmp_path)
    policy = LicensingPolicy.from_config(settings)
    assert policy == LicensingPolicy(
        recordal_due_months=2, recordal_decision_working_days=7, recordal_reminder_days=(30, 7),
        report_months=6, report_due_days=30,
        calendar=WorkingCalendar(frozenset({date(2026, 10, 1)}), frozenset({date(2026, 10, 10)})))
    assert LicensingPolicy.from_config(load_settings({}, tmp_path)) == POLICY


def test_reminder_days_cannot_be_negative(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="RECORDAL_REMINDER_DAYS"):
        load_settings({"RECORDAL_REMINDER_DAYS": "30, -7"}, tmp_path)
