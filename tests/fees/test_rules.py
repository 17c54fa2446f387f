"""Annual-fee rules (DOMAIN D11–D18, R4–R5). Every expected value is worked out by hand."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from marketplace.calendar import WorkingCalendar
from marketplace.fees.rules import (
    ClawbackCode,
    DeclarationPeriod,
    FeePolicy,
    FeeStatus,
    OpenLicenceCode,
    Owner,
    PatentFacts,
    PatentKind,
    Payment,
    ReasonCode,
    ReductionKind,
    compensation_fee_years,
    completed_months_late,
    due_date,
    fee_status,
    fee_year_of,
    full_fee,
    general_reduction_rate,
    grace_end,
    grant_fee_year,
    late_fee,
    ledger,
    open_licence_check,
    open_licence_reduction_applies,
    patent_term_expiry,
    payable,
    schedule,
)

D = Decimal
INV = PatentKind.INVENTION
UM = PatentKind.UTILITY_MODEL
DES = PatentKind.DESIGN
POLICY = FeePolicy()
REDUCED_BASE = FeePolicy(late_fee_base="reduced")

# --- Terms (D18, R5.9) -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "filed", "adjustment", "extension", "expected"),
    [
        (INV, date(2000, 9, 6), 0, 0, date(2020, 9, 5)),  # R5.9 worked example
        (INV, date(2000, 9, 6), 30, 0, date(2020, 10, 5)),  # 5 Sep + 30 days
        (INV, date(2000, 9, 6), 30, 365, date(2021, 10, 5)),  # + 365 more, no 29 Feb crossed
        (UM, date(2015, 4, 1), 0, 0, date(2025, 3, 31)),
        (DES, date(2021, 6, 1), 0, 0, date(2036, 5, 31)),  # filed on the cut-over: 15 years
        (DES, date(2021, 5, 31), 0, 0, date(2031, 5, 30)),  # one day earlier: 10 years
        (UM, date(2004, 2, 29), 0, 0, date(2014, 2, 27)),  # anniversary 28 Feb 2014, minus 1
        (INV, date(2004, 2, 29), 0, 0, date(2024, 2, 28)),  # 2024 is a leap year
    ],
)
def test_patent_term_expiry(
    kind: PatentKind, filed: date, adjustment: int, extension: int, expected: date
) -> None:
    assert patent_term_expiry(kind, filed, adjustment, extension) == expected


@pytest.mark.parametrize(
    ("kind", "adjustment", "extension"), [(UM, 30, 0), (DES, 0, 10), (INV, -1, 0)]
)
def test_term_compensation_only_for_inventions_and_not_negative(
    kind: PatentKind, adjustment: int, extension: int
) -> None:
    with pytest.raises(ValueError):
        patent_term_expiry(kind, date(2015, 1, 1), adjustment, extension)


# --- Fee table (R5.1–R5.3) ---------------------------------------------------------------------

INVENTION_TABLE = {
    1: 900, 2: 900, 3: 900, 4: 1200, 5: 1200, 6: 1200, 7: 2000, 8: 2000, 9: 2000, 10: 4000,
    11: 4000, 12: 4000, 13: 6000, 14: 6000, 15: 6000, 16: 8000, 17: 8000, 18: 8000, 19: 8000,
    20: 8000,
}
UTILITY_TABLE = {
    1: 600, 2: 600, 3: 600, 4: 900, 5: 900, 6: 1200, 7: 1200, 8: 1200, 9: 2000, 10: 2000,
}
DESIGN_15_TABLE = {**UTILITY_TABLE, 11: 3000, 12: 3000, 13: 3000, 14: 3000, 15: 3000}
NEW_DESIGN = date(2021, 6, 1)
OLD_DESIGN = date(2021, 5, 31)


@pytest.mark.parametrize(
    ("kind", "filed", "year", "expected"),
    [(INV, date(2015, 1, 1), y, fee) for y, fee in INVENTION_TABLE.items()]
    + [(UM, date(2015, 1, 1), y, fee) for y, fee in UTILITY_TABLE.items()]
    + [(DES, NEW_DESIGN, y, fee) for y, fee in DESIGN_15_TABLE.items()]
    + [(DES, OLD_DESIGN, y, fee) for y, fee in UTILITY_TABLE.items()],
)
def test_full_fee_table(kind: PatentKind, filed: date, year: int, expected: int) -> None:
    assert full_fee(kind, year, filed) == D(expected)


@pytest.mark.parametrize(
    ("kind", "filed", "year"),
    [
        (INV, date(2015, 1, 1), 21),
        (INV, date(2015, 1, 1), 0),
        (UM, date(2015, 1, 1), 11),
        (DES, OLD_DESIGN, 11),  # filed before 2021-06-01: 10-year term
        (DES, NEW_DESIGN, 16),
    ],
)
def test_full_fee_outside_term_raises(kind: PatentKind, filed: date, year: int) -> None:
    with pytest.raises(ValueError):
        full_fee(kind, year, filed)


# Invention filed 2010-03-01: normal expiry 2030-02-28; year 21 = 2030-03-01 .. 2031-02-28;
# year 22 = 2031-03-01 .. 2032-02-29 (2032 is a leap year).
@pytest.mark.parametrize(
    ("adjustment", "extension", "expected"),
    [
        (0, 0, []),
        (364, 0, []),  # expires 2031-02-27: year 21 is a part-year, free
        (365, 0, [21]),  # expires 2031-02-28: year 21 complete
        (400, 0, [21]),  # expires 2031-04-04: year 22 a free part-year
        (200, 530, [21]),  # 730 days → 2032-02-28, one day short of year 22
        (200, 531, [21, 22]),  # 731 days → 2032-02-29
    ],
)
def test_compensation_fee_years(adjustment: int, extension: int, expected: list[int]) -> None:
    assert compensation_fee_years(INV, date(2010, 3, 1), adjustment, extension) == expected


# --- Fee years and due dates (D17, R5.5–R5.7) --------------------------------------------------


@pytest.mark.parametrize(
    ("filed", "on", "expected"),
    [
        (date(2015, 3, 10), date(2015, 3, 10), 1),
        (date(2015, 3, 10), date(2016, 3, 9), 1),
        (date(2015, 3, 10), date(2016, 3, 10), 2),
        (date(2015, 3, 10), date(2019, 9, 20), 5),
        (date(2015, 3, 10), date(2020, 1, 5), 5),
        (date(2024, 2, 29), date(2025, 2, 27), 1),
        (date(2024, 2, 29), date(2025, 2, 28), 2),  # anniversary rolls to 28 Feb
        (date(2024, 2, 29), date(2028, 2, 28), 4),
        (date(2024, 2, 29), date(2028, 2, 29), 5),
    ],
)
def test_fee_year_of(filed: date, on: date, expected: int) -> None:
    assert fee_year_of(filed, on) == expected


def test_fee_year_before_filing_raises() -> None:
    with pytest.raises(ValueError):
        fee_year_of(date(2015, 3, 10), date(2015, 3, 9))


def test_grant_fee_year() -> None:
    assert grant_fee_year(date(2015, 3, 10), date(2019, 9, 20)) == 5


@pytest.mark.parametrize(
    ("filed", "granted", "year", "expected"),
    [
        (date(2015, 3, 10), date(2019, 9, 20), 5, date(2019, 9, 20)),  # grant year: at grant
        (date(2015, 3, 10), date(2019, 9, 20), 6, date(2020, 3, 10)),
        (date(2015, 3, 10), date(2019, 9, 20), 12, date(2026, 3, 10)),
        (date(2015, 3, 10), date(2019, 9, 20), 20, date(2034, 3, 10)),
        (date(2024, 2, 29), date(2025, 6, 1), 2, date(2025, 6, 1)),
        (date(2024, 2, 29), date(2025, 6, 1), 3, date(2026, 2, 28)),  # common year → 28 Feb
        (date(2024, 2, 29), date(2025, 6, 1), 5, date(2028, 2, 29)),  # leap year → 29 Feb
    ],
)
def test_due_date(filed: date, granted: date, year: int, expected: date) -> None:
    assert due_date(filed, year, granted) == expected


def test_no_fee_before_grant_year() -> None:
    with pytest.raises(ValueError):
        due_date(date(2015, 3, 10), 4, date(2019, 9, 20))


def test_schedule_runs_from_grant_year_to_expiry() -> None:
    items = schedule(INV, date(2015, 3, 10), date(2019, 9, 20))
    assert [i.fee_year for i in items] == list(range(5, 21))
    assert items[0].due_date == date(2019, 9, 20)
    assert items[1].due_date == date(2020, 3, 10)
    assert items[-1].due_date == date(2034, 3, 10)
    assert [i.full_fee for i in items] == [D(INVENTION_TABLE[y]) for y in range(5, 21)]
    assert not any(i.is_compensation for i in items)


def test_schedule_adds_full_compensation_years_at_8000() -> None:
    items = schedule(INV, date(2010, 3, 1), date(2014, 5, 1), adjustment_days=400)
    last = items[-1]
    assert (last.fee_year, last.due_date, last.full_fee, last.is_compensation) == (
        21, date(2030, 3, 1), D("8000"), True,
    )
    assert items[-2].fee_year == 20 and not items[-2].is_compensation


def test_design_filed_before_cutover_has_no_years_11_to_15() -> None:
    items = schedule(DES, OLD_DESIGN, date(2022, 1, 10))
    assert [i.fee_year for i in items] == list(range(1, 11))
    assert [i.fee_year for i in schedule(DES, NEW_DESIGN, date(2022, 1, 10))][-1] == 15


# --- General reduction (D12, R4.12–R4.13) ------------------------------------------------------


@pytest.mark.parametrize(
    ("owners", "eligible", "year", "grant_year", "policy", "expected"),
    [
        (1, True, 5, 5, POLICY, "0.85"),  # first year of the window
        (1, True, 14, 5, POLICY, "0.85"),  # tenth year
        (1, True, 15, 5, POLICY, "0"),  # window over (Example B)
        (1, True, 4, 5, POLICY, "0"),
        (2, True, 5, 5, POLICY, "0.70"),
        (3, True, 14, 5, POLICY, "0.70"),
        (2, False, 5, 5, POLICY, "0"),  # one co-owner not eligible
        (1, False, 5, 5, POLICY, "0"),
        (1, True, 10, 5, FeePolicy(general_reduction_years=6), "0.85"),
        (1, True, 11, 5, FeePolicy(general_reduction_years=6), "0"),
    ],
)
def test_general_reduction_rate(
    owners: int, eligible: bool, year: int, grant_year: int, policy: FeePolicy, expected: str
) -> None:
    assert general_reduction_rate(owners, eligible, year, grant_year, policy) == D(expected)


def test_general_reduction_needs_an_owner() -> None:
    with pytest.raises(ValueError):
        general_reduction_rate(0, True, 5, 5, POLICY)


# --- Open-licence reduction (D11, D14, R4.3–R4.4) ----------------------------------------------

DECL_2024 = (DeclarationPeriod(date(2024, 6, 1)),)


@pytest.mark.parametrize(
    ("due", "records", "periods", "policy", "code"),
    [
        # Policy start boundary (D11): 2024-08-05 no, 2024-08-06 yes.
        (date(2024, 8, 5), [date(2024, 7, 1)], DECL_2024, POLICY, "before_policy_start"),
        (date(2024, 8, 6), [date(2024, 7, 1)], DECL_2024, POLICY, "open_licence_applies"),
        # Record date boundary: on the due date counts only when inclusive.
        (date(2025, 3, 10), [date(2025, 3, 10)], DECL_2024, POLICY, "open_licence_applies"),
        (
            date(2025, 3, 10), [date(2025, 3, 10)], DECL_2024,
            FeePolicy(record_date_inclusive=False), "no_recorded_contract",
        ),
        (
            date(2025, 3, 10), [date(2025, 3, 9)], DECL_2024,
            FeePolicy(record_date_inclusive=False), "open_licence_applies",
        ),
        (date(2025, 3, 10), [date(2025, 3, 11)], DECL_2024, POLICY, "no_recorded_contract"),
        (date(2025, 3, 10), [], DECL_2024, POLICY, "no_recorded_contract"),
        # Announcement boundary: in force from its announcement day.
        (
            date(2025, 3, 10), [date(2025, 3, 10)], (DeclarationPeriod(date(2025, 3, 10)),),
            POLICY, "open_licence_applies",
        ),
        (
            date(2025, 3, 10), [date(2025, 3, 1)], (DeclarationPeriod(date(2025, 3, 11)),),
            POLICY, "no_declaration_in_force",
        ),
        (date(2025, 3, 10), [date(2024, 7, 1)], (), POLICY, "no_declaration_in_force"),
        # Withdrawal boundary (D14): effective on its announcement day.
        (
            date(2026, 3, 9), [date(2024, 10, 1)],
            (DeclarationPeriod(date(2024, 9, 1), date(2026, 3, 10)),), POLICY,
            "open_licence_applies",
        ),
        (
            date(2026, 3, 10), [date(2024, 10, 1)],
            (DeclarationPeriod(date(2024, 9, 1), date(2026, 3, 10)),), POLICY,
            "declaration_withdrawn",
        ),
        (
            date(2026, 3, 11), [date(2024, 10, 1)],
            (DeclarationPeriod(date(2024, 9, 1), date(2026, 3, 10)),), POLICY,
            "declaration_withdrawn",
        ),
    ],
)
def test_open_licence_check(
    due: date,
    records: list[date],
    periods: tuple[DeclarationPeriod, ...],
    policy: FeePolicy,
    code: str,
) -> None:
    check = open_licence_check(due, records, periods, policy)
    assert check.code.value == code
    assert check.applies is (code == "open_licence_applies")
    assert open_licence_reduction_applies(due, records, periods, policy) is check.applies


def test_redeclared_patent_names_trigger_and_declaration_in_force() -> None:
    first = DeclarationPeriod(date(2024, 9, 1), date(2025, 1, 10))
    second = DeclarationPeriod(date(2025, 3, 1))
    records = [date(2025, 5, 1), date(2024, 10, 1), date(2026, 1, 1)]
    gap = open_licence_check(date(2025, 2, 1), records, (first, second), POLICY)
    assert gap.code is OpenLicenceCode.WITHDRAWN
    check = open_licence_check(date(2025, 6, 1), records, (first, second), POLICY)
    assert check.applies
    assert check.record_date == date(2024, 10, 1)  # the earliest recordal on or before due
    assert check.declaration == second
    assert "2024-10-01" in check.text


def test_withdrawal_cannot_precede_announcement() -> None:
    with pytest.raises(ValueError):
        DeclarationPeriod(date(2025, 3, 1), date(2025, 2, 28))


# --- Best of, never stacked (D12, R4.5) --------------------------------------------------------


@pytest.mark.parametrize(
    ("full", "rate", "ol", "policy", "general", "ol_pay", "pay", "kind", "code"),
    [
        ("900", "0", False, POLICY, "900", None, "900", "none", "no_reduction"),
        ("4000", "0", True, POLICY, "4000", "3400", "3400", "open_licence", "open_licence_only"),
        ("4000", "0.85", False, POLICY, "600", None, "600", "general", "general_only"),
        (
            "4000", "0.85", True, POLICY, "600", "3400", "600", "general",
            "general_beats_open_licence",
        ),
        # Co-owned: 30 % payable beats 85 %; never 6000 × 0.30 × 0.85 = 1530.
        (
            "6000", "0.70", True, POLICY, "1800", "5100", "1800", "general",
            "general_beats_open_licence",
        ),
        # Equal amounts: the general reduction is preferred.
        (
            "2000", "0.70", True, FeePolicy(open_license_reduction=D("0.70")), "600", "600",
            "600", "general", "tie_prefers_general",
        ),
        (
            "2000", "0.70", True, FeePolicy(open_license_reduction=D("0.90")), "600", "200",
            "200", "open_licence", "open_licence_beats_general",
        ),
        ("1.10", "0", True, POLICY, "1.10", "0.94", "0.94", "open_licence", "open_licence_only"),
    ],
)
def test_payable(
    full: str, rate: str, ol: bool, policy: FeePolicy, general: str, ol_pay: str | None,
    pay: str, kind: str, code: str,
) -> None:
    a = payable(D(full), D(rate), ol, policy)
    assert a.general_payable == D(general)
    assert a.open_licence_payable == (None if ol_pay is None else D(ol_pay))
    assert a.payable == D(pay)
    assert a.reduction_kind.value == kind
    assert a.reason_code.value == code
    assert a.reduction_amount == D(full) - D(pay)


@pytest.mark.parametrize(
    "kwargs",
    [
        {"open_license_reduction": D("1")},
        {"open_license_reduction": D("-0.1")},
        {"general_reduction_years": -1},
        {"late_fee_base": "net"},
    ],
)
def test_fee_policy_rejects_bad_values(kwargs: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        FeePolicy(**kwargs)  # type: ignore[arg-type]


# --- Late fees, grace and status (D13, R5.8) ---------------------------------------------------


@pytest.mark.parametrize(
    ("due", "paid", "months"),
    [
        (date(2026, 6, 1), date(2026, 5, 1), 0),  # early
        (date(2026, 6, 1), date(2026, 6, 1), 0),
        (date(2026, 6, 1), date(2026, 6, 30), 0),
        (date(2026, 6, 1), date(2026, 7, 1), 0),  # the 1st month ends on the corresponding day
        (date(2026, 6, 1), date(2026, 7, 2), 1),  # one whole month exceeded
        (date(2026, 6, 1), date(2026, 8, 1), 1),
        (date(2026, 6, 1), date(2026, 8, 2), 2),
        (date(2026, 6, 1), date(2026, 8, 15), 2),  # Example C
        (date(2026, 6, 1), date(2026, 11, 1), 4),
        (date(2026, 6, 1), date(2026, 11, 2), 5),
        (date(2026, 6, 1), date(2026, 12, 1), 5),  # last day of grace
        (date(2026, 6, 1), date(2026, 12, 2), 6),
        (date(2026, 1, 31), date(2026, 2, 28), 0),  # month-end: 1st month ends 28 Feb
        (date(2026, 1, 31), date(2026, 3, 1), 1),
        (date(2026, 1, 31), date(2026, 3, 31), 1),
        (date(2026, 1, 31), date(2026, 4, 1), 2),
        (date(2024, 1, 31), date(2024, 2, 29), 0),  # leap year: 1st month ends 29 Feb
        (date(2024, 1, 31), date(2024, 3, 1), 1),
        (date(2025, 11, 30), date(2026, 1, 1), 1),  # across the year end
    ],
)
def test_completed_months_late(due: date, paid: date, months: int) -> None:
    assert completed_months_late(due, paid) == months


EX_C_DUE = date(2026, 6, 1)


@pytest.mark.parametrize(
    ("paid", "policy", "expected"),
    [
        (date(2026, 7, 1), POLICY, "0"),  # < 1 month exceeded: 0 %
        (date(2026, 7, 2), POLICY, "200"),  # 5 % of 4000
        (date(2026, 8, 1), POLICY, "200"),
        (date(2026, 8, 2), POLICY, "400"),  # 10 %
        (date(2026, 8, 15), POLICY, "400"),  # Example C, literal Art. 115 reading
        (date(2026, 9, 2), POLICY, "600"),  # 15 %
        (date(2026, 10, 2), POLICY, "800"),  # 20 %
        (date(2026, 11, 2), POLICY, "1000"),  # 25 %
        (date(2026, 12, 1), POLICY, "1000"),  # still 25 % on the last day of grace
        (date(2026, 12, 20), POLICY, "1000"),  # capped at 25 %, never 30 %
        (date(2026, 8, 15), REDUCED_BASE, "340"),  # Example C, reduced-base reading
        (date(2026, 12, 1), REDUCED_BASE, "850"),
    ],
)
def test_late_fee_bands(paid: date, policy: FeePolicy, expected: str) -> None:
    assert late_fee(D("4000"), D("3400"), EX_C_DUE, paid, policy) == D(expected)


@pytest.mark.parametrize(
    ("due", "calendar", "expected"),
    [
        (date(2026, 6, 1), None, date(2026, 12, 1)),
        (date(2025, 8, 31), None, date(2026, 2, 28)),
        (date(2025, 8, 31), WorkingCalendar(), date(2026, 3, 2)),  # Sat 28 Feb → Mon 2 Mar
    ],
)
def test_grace_end(due: date, calendar: WorkingCalendar | None, expected: date) -> None:
    assert grace_end(due, calendar) == expected


@pytest.mark.parametrize(
    ("today", "paid", "expected"),
    [
        (date(2025, 5, 31), None, "not_yet_due"),
        (date(2025, 6, 1), None, "due"),  # payable during the preceding patent year (R5.7)
        (date(2026, 6, 1), None, "due"),
        (date(2026, 6, 2), None, "in_grace"),
        (date(2026, 12, 1), None, "in_grace"),
        (date(2026, 12, 2), None, "lapsed"),
        (date(2026, 7, 1), date(2026, 5, 20), "paid"),
        (date(2027, 1, 1), date(2026, 12, 1), "paid"),
        (date(2027, 1, 1), date(2026, 12, 2), "lapsed"),  # too late, not accepted
    ],
)
def test_fee_status(today: date, paid: date | None, expected: str) -> None:
    assert fee_status(EX_C_DUE, today, paid).value == expected


def test_fee_status_grace_rolls_with_calendar() -> None:
    due, paid, today = date(2025, 8, 31), date(2026, 3, 2), date(2026, 4, 1)
    assert fee_status(due, today, paid, WorkingCalendar()) is FeeStatus.PAID
    assert fee_status(due, today, paid) is FeeStatus.LAPSED


# --- Ledger: DOMAIN §4.2 examples --------------------------------------------------------------

# Invention filed 2015-03-10, granted 2019-09-20 (patent year 5: 2019-03-10 .. 2020-03-09).
# Year n is due 2015-03-10 + (n − 1) years, so year 11 on 2025-03-10 and year 12 on 2026-03-10.
# Declaration announced 2025-06-01; contract recorded 2025-11-20, before year 12's due date.
FILED, GRANTED = date(2015, 3, 10), date(2019, 9, 20)
UNIVERSITY = (Owner("Zhejiang University", True),)
COMPANY = (Owner("Hangzhou Widgets Co.", False),)
DECLARED = (DeclarationPeriod(date(2025, 6, 1)),)
RECORDED = (date(2025, 11, 20),)


def facts(owners: tuple[Owner, ...] = UNIVERSITY, **changes: object) -> PatentFacts:
    base = PatentFacts(
        kind=INV, filing_date=FILED, grant_date=GRANTED, owners=owners,
        declarations=DECLARED, record_dates=RECORDED,
    )
    return replace(base, **changes)  # type: ignore[arg-type]


EXAMPLE_B = [  # year, full, general payable (85 % off), open-licence payable, payable
    (5, "1200", "180", None, "180"),
    (6, "1200", "180", None, "180"),
    (7, "2000", "300", None, "300"),
    (8, "2000", "300", None, "300"),
    (9, "2000", "300", None, "300"),
    (10, "4000", "600", None, "600"),
    (11, "4000", "600", None, "600"),
    (12, "4000", "600", "3400", "600"),
    (13, "6000", "900", "5100", "900"),
    (14, "6000", "900", "5100", "900"),
    (15, "6000", "6000", "5100", "5100"),  # general window (years 5–14) over
    (16, "8000", "8000", "6800", "6800"),
    (17, "8000", "8000", "6800", "6800"),
    (18, "8000", "8000", "6800", "6800"),
    (19, "8000", "8000", "6800", "6800"),
    (20, "8000", "8000", "6800", "6800"),
]


@pytest.mark.parametrize(("year", "full", "general", "ol", "pay"), EXAMPLE_B)
def test_example_b_university(
    year: int, full: str, general: str, ol: str | None, pay: str
) -> None:
    lines = {line.fee_year: line for line in ledger(facts(), today=GRANTED, policy=POLICY).lines}
    line = lines[year]
    assert (line.full_fee, line.general_payable, line.payable) == (D(full), D(general), D(pay))
    assert line.open_licence_payable == (None if ol is None else D(ol))
    expected_kind = ReductionKind.GENERAL if year <= 14 else ReductionKind.OPEN_LICENCE
    assert line.reduction_kind is expected_kind


EXAMPLE_A = [  # full-fee patentee: year 12 pays 3,400; 16–20 pay 6,800
    (11, "4000", "4000"),  # due 2025-03-10, before the declaration
    (12, "4000", "3400"),
    (13, "6000", "5100"),
    (15, "6000", "5100"),
    (16, "8000", "6800"),
    (18, "8000", "6800"),
    (20, "8000", "6800"),
]


@pytest.mark.parametrize(("year", "full", "pay"), EXAMPLE_A)
def test_example_a_full_fee_patentee(year: int, full: str, pay: str) -> None:
    result = ledger(facts(COMPANY), today=GRANTED, policy=POLICY)
    lines = {line.fee_year: line for line in result.lines}
    assert (lines[year].full_fee, lines[year].payable) == (D(full), D(pay))


def test_example_b_reason_names_the_record_date() -> None:
    line = ledger(facts(), today=GRANTED, policy=POLICY).lines[12 - 5]
    assert line.fee_year == 12
    assert line.reason.code == ReasonCode.GENERAL_BEATS_OPEN_LICENCE.value
    assert line.open_licence.record_date == date(2025, 11, 20)
    assert "2025-11-20" in line.reason.text
    year_11 = ledger(facts(), today=GRANTED, policy=POLICY).lines[11 - 5]
    assert year_11.open_licence.code is OpenLicenceCode.NO_DECLARATION


ON_TIME = tuple(
    Payment(year, paid_on, D(amount))
    for year, paid_on, amount in [
        (5, date(2019, 9, 20), "180"),
        (6, date(2020, 3, 1), "180"),
        (7, date(2021, 3, 1), "300"),
        (8, date(2022, 3, 1), "300"),
        (9, date(2023, 3, 1), "300"),
        (10, date(2024, 3, 1), "600"),
        (11, date(2025, 3, 1), "600"),
        (12, date(2026, 3, 1), "600"),
    ]
)


def test_ledger_statuses_late_fee_and_totals() -> None:
    # Today 2027-05-01: year 13 (due 2027-03-10) is one whole month late (2027-04-10 passed,
    # 2027-05-10 not yet): late fee 5 % of 6,000 = 300. Year 14 (due 2028-03-10) is payable
    # during year 13 (R5.7): DUE, 900 owed. Years 15–20 are not yet due.
    result = ledger(facts(payments=ON_TIME), today=date(2027, 5, 1), policy=POLICY)
    by_year = {line.fee_year: line for line in result.lines}
    assert all(by_year[y].status is FeeStatus.PAID for y in range(5, 13))
    assert by_year[12].paid_on == date(2026, 3, 1)
    assert (by_year[13].status, by_year[13].late_fee, by_year[13].amount_owed) == (
        FeeStatus.IN_GRACE, D("300"), D("1200"),
    )
    assert (by_year[14].status, by_year[14].amount_owed) == (FeeStatus.DUE, D("900"))
    assert all(by_year[y].status is FeeStatus.NOT_YET_DUE for y in range(15, 21))
    assert result.lapsed_on is None
    assert result.expiry == date(2035, 3, 9)
    assert result.grant_fee_year == 5

    t = result.totals
    # full: 1200×2 + 2000×3 + 4000×3 + 6000×3 + 8000×5 = 78,400
    assert t.full == D("78400")
    # payable: 180×2 + 300×3 + 600×3 + 900×2 + 5100 + 6800×5 = 43,960
    assert t.payable == D("43960")
    # general: 1020×2 + 1700×3 + 3400×3 + 5100×2 = 27,540; open licence: 900 + 1200×5 = 6,900
    assert (t.general_reductions, t.open_licence_reductions) == (D("27540"), D("6900"))
    assert t.open_licence_savings == D("6900")
    assert (t.paid, t.late_fees, t.clawback, t.owed) == (D("3060"), D("300"), D("0"), D("2100"))


def test_ledger_last_day_of_grace_then_lapse() -> None:
    # Year 13 due 2027-03-10, grace ends 2027-09-10.
    last_day = ledger(facts(payments=ON_TIME), today=date(2027, 9, 10), policy=POLICY)
    y13 = last_day.lines[13 - 5]
    assert (y13.status, y13.late_fee, y13.amount_owed) == (FeeStatus.IN_GRACE, D("1500"), D("2400"))

    late_payment = Payment(13, date(2027, 9, 11), D("2400"))  # after grace: not accepted
    result = ledger(
        facts(payments=(*ON_TIME, late_payment)), today=date(2027, 9, 11), policy=POLICY
    )
    assert result.lapsed_on == date(2027, 3, 10)
    assert all(line.status is FeeStatus.LAPSED for line in result.lines[13 - 5 :])
    assert all(line.status is FeeStatus.PAID for line in result.lines[: 13 - 5])
    assert result.lines[13 - 5].paid_amount == D("0")
    # Nothing is owed on a lapsed patent; totals cover years 5–12 only.
    assert (result.totals.owed, result.totals.paid) == (D("0"), D("3060"))
    assert result.totals.full == D("20400")  # 1200×2 + 2000×3 + 4000×3


# Example C on a ledger: invention filed 2015-06-01, granted 2019-01-15 (year 4); year 12 due
# 2026-06-01, full fee 4,000; contract recorded 2025-12-01 → pays 3,400. Years 4–11 were paid
# in full on their due dates (year 4 at grant, year n ≥ 5 on 1 June 2014 + n).
EARLIER_YEARS = (
    Payment(4, date(2019, 1, 15), D("1200")),
    *(
        Payment(y, date(2014 + y, 6, 1), D(a))
        for y, a in [(5, 1200), (6, 1200), (7, 2000), (8, 2000), (9, 2000), (10, 4000), (11, 4000)]
    ),
)


def example_c(payments: tuple[Payment, ...]) -> PatentFacts:
    return PatentFacts(
        kind=INV, filing_date=date(2015, 6, 1), grant_date=date(2019, 1, 15), owners=COMPANY,
        declarations=(DeclarationPeriod(date(2025, 1, 10)),), record_dates=(date(2025, 12, 1),),
        payments=EARLIER_YEARS + payments,
    )


@pytest.mark.parametrize(
    ("amount", "policy", "status", "late", "owed"),
    [
        ("3800", POLICY, "paid", "400", "0"),  # literal Art. 115: 3,400 + 400
        ("3740", REDUCED_BASE, "paid", "340", "0"),  # reduced base: 3,400 + 340
        # 3,740 is short under the literal reading; owed as of today (2026-08-20): 3,800 − 3,740.
        ("3740", POLICY, "in_grace", "400", "60"),
    ],
)
def test_example_c_on_ledger(
    amount: str, policy: FeePolicy, status: str, late: str, owed: str
) -> None:
    payment = Payment(12, date(2026, 8, 15), D(amount))
    line = ledger(example_c((payment,)), today=date(2026, 8, 20), policy=policy).lines[12 - 4]
    assert (line.fee_year, line.due_date, line.payable) == (12, date(2026, 6, 1), D("3400"))
    assert (line.status.value, line.late_fee, line.amount_owed) == (status, D(late), D(owed))


def test_partial_payment_late_fee_follows_completing_payment() -> None:
    # 3,000 early, 600 on 2026-07-15 (1 whole month late: 5 % of 4,000 = 200): 3,600 settles it.
    payments = (Payment(12, date(2026, 5, 1), D("3000")), Payment(12, date(2026, 7, 15), D("600")))
    line = ledger(example_c(payments), today=date(2026, 9, 1), policy=POLICY).lines[12 - 4]
    assert (line.status, line.paid_on, line.late_fee, line.paid_amount) == (
        FeeStatus.PAID, date(2026, 7, 15), D("200"), D("3600"),
    )


def test_false_materials_claws_back_open_licence_savings() -> None:
    # Company patent (Example A). Years 5–11 paid in full, 12 and 13 at the reduced 3,400 / 5,100.
    # Flag on 2027-06-01: 600 + 900 become owed; year 14 (due 2028-03-10) is no longer reduced.
    full_years = [(6, 1200), (7, 2000), (8, 2000), (9, 2000), (10, 4000), (11, 4000)]
    paid = (
        Payment(5, GRANTED, D("1200")),
        *(Payment(y, date(2014 + y, 3, 1), D(a)) for y, a in full_years),
        Payment(12, date(2026, 3, 1), D("3400")),
        Payment(13, date(2027, 3, 1), D("5100")),
    )
    result = ledger(
        facts(COMPANY, payments=paid, false_materials_flagged_on=date(2027, 6, 1)),
        today=date(2027, 6, 15), policy=POLICY,
    )
    by_year = {line.fee_year: line for line in result.lines}
    assert (by_year[12].status, by_year[12].clawback, by_year[12].amount_owed) == (
        FeeStatus.PAID, D("600"), D("600"),
    )
    assert by_year[13].clawback == D("900")
    assert by_year[13].clawback_reason is not None
    assert by_year[13].clawback_reason.code == ClawbackCode.FALSE_MATERIALS.value
    assert by_year[14].open_licence.code is OpenLicenceCode.FALSE_MATERIALS
    assert (by_year[14].payable, by_year[14].status, by_year[14].amount_owed) == (
        D("6000"), FeeStatus.DUE, D("6000"),
    )
    assert by_year[20].payable == D("8000")
    assert (result.totals.clawback, result.totals.owed) == (D("1500"), D("7500"))


@pytest.mark.parametrize(
    ("withdrawn_on", "policy", "year_13_payable", "year_12_clawback"),
    [
        (date(2027, 3, 10), POLICY, "6000", "0"),  # withdrawn on year 13's due date
        (date(2027, 3, 11), POLICY, "5100", "0"),  # the day after: year 13 still reduced
        (date(2027, 3, 10), FeePolicy(withdrawal_repays_reductions=True), "6000", "600"),
    ],
)
def test_withdrawal(
    withdrawn_on: date, policy: FeePolicy, year_13_payable: str, year_12_clawback: str
) -> None:
    patent = facts(COMPANY, declarations=(DeclarationPeriod(date(2025, 6, 1), withdrawn_on),))
    lines = {line.fee_year: line for line in ledger(patent, today=GRANTED, policy=policy).lines}
    assert lines[12].payable == D("3400")
    assert lines[13].payable == D(year_13_payable)
    assert lines[12].clawback == D(year_12_clawback)
    assert lines[20].payable == D("8000")  # no declaration in force any more


def test_compensation_year_is_never_reduced() -> None:
    # Filed 2010-03-01, granted 2021-05-01 (year 12): general window years 12–21, but year 21
    # is a term-compensation year (400 adjustment days) and stays at 8,000.
    patent = PatentFacts(
        kind=INV, filing_date=date(2010, 3, 1), grant_date=date(2021, 5, 1), owners=UNIVERSITY,
        adjustment_days=400, declarations=DECLARED, record_dates=RECORDED,
    )
    lines = ledger(patent, today=date(2021, 5, 1), policy=POLICY).lines
    grant_year = lines[0]
    assert (grant_year.fee_year, grant_year.due_date, grant_year.payable) == (
        12, date(2021, 5, 1), D("600"),
    )
    year_20, year_21 = lines[-2], lines[-1]
    assert (year_20.fee_year, year_20.payable) == (20, D("1200"))  # 8,000 × 15 %
    assert (year_21.fee_year, year_21.is_compensation, year_21.payable) == (21, True, D("8000"))
    assert year_21.open_licence.code is OpenLicenceCode.COMPENSATION_FEE


@pytest.mark.parametrize(
    "payment", [Payment(4, date(2019, 9, 20), D("1200")), Payment(5, date(2019, 9, 20), D("0"))]
)
def test_ledger_rejects_bad_payments(payment: Payment) -> None:
    with pytest.raises(ValueError):
        ledger(facts(payments=(payment,)), today=GRANTED, policy=POLICY)
