"""Royalties, the payment schedule and the statement, against hand-computed figures (D9, R1.6).

Every expected amount below was worked out by hand in the comment beside it; none is produced by
the code under test.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from marketplace.calendar import WorkingCalendar
from marketplace.declarations.terms import FeeMethod, FeeTerms, RoyaltyBase
from marketplace.licensing.policy import LicensingPolicy
from marketplace.licensing.royalties import (
    LicenceTimeline,
    LineStatus,
    Obligation,
    ObligationKind,
    Payment,
    Period,
    ReportFigures,
    RoyaltyReport,
    licence_statement,
    licence_years,
    payment_schedule,
    prorated_fen,
    report_problems,
    reporting_periods,
    royalty_fen,
)

POLICY = LicensingPolicy()  # quarterly, due 30 days after the period, weekends roll forward
SALES_3 = FeeTerms(FeeMethod.ROYALTY_SALES, royalty_rate_percent=Decimal("3"),
                   min_annual_fen=1_000_000)
TWO_YEARS = LicenceTimeline(date(2027, 1, 1), date(2028, 12, 31))


def sales(fen: int) -> ReportFigures:
    return ReportFigures(net_sales_fen=fen)


# --- One report ----------------------------------------------------------------------------------


@pytest.mark.parametrize(("terms", "figures", "expected"), [
    # 1,234,567 × 3.5 % = 43,209.845 fen → 43,210
    (FeeTerms(FeeMethod.ROYALTY_SALES, royalty_rate_percent=Decimal("3.5")),
     sales(1_234_567), 43_210),
    # 1,010 × 5 % = 50.5 fen → 51 (half-up; banker's rounding would give 50)
    (FeeTerms(FeeMethod.ROYALTY_SALES, royalty_rate_percent=Decimal("5")), sales(1_010), 51),
    # 1,000,001 × 2.5 % = 25,000.025 fen → 25,000
    (FeeTerms(FeeMethod.ROYALTY_SALES, royalty_rate_percent=Decimal("2.5")),
     sales(1_000_001), 25_000),
    # profit 999,999 × 7.25 % = 72,499.9275 fen → 72,500
    (FeeTerms(FeeMethod.ROYALTY_PROFIT, royalty_rate_percent=Decimal("7.25")),
     ReportFigures(profit_fen=999_999), 72_500),
    # a period without profit owes nothing
    (FeeTerms(FeeMethod.ROYALTY_PROFIT, royalty_rate_percent=Decimal("10")),
     ReportFigures(profit_fen=0), 0),
    # 12,345 units × 150 fen = 1,851,750 fen
    (FeeTerms(FeeMethod.PER_UNIT, per_unit_fen=150), ReportFigures(units=12_345), 1_851_750),
    # entry fee plus 1.5 % of net sales of ¥2,000,000: 200,000,000 × 1.5 % = 3,000,000 fen
    (FeeTerms(FeeMethod.ENTRY_PLUS_ROYALTY, entry_fee_fen=5_000_000,
              royalty_base=RoyaltyBase.NET_SALES, royalty_rate_percent=Decimal("1.5")),
     sales(200_000_000), 3_000_000),
    # entry fee plus 12.5 % of profit: 333 × 12.5 % = 41.625 fen → 42
    (FeeTerms(FeeMethod.ENTRY_PLUS_ROYALTY, entry_fee_fen=100,
              royalty_base=RoyaltyBase.PROFIT, royalty_rate_percent=Decimal("12.5")),
     ReportFigures(profit_fen=333), 42),
    # entry fee plus 80 fen a unit: 1,001 × 80 = 80,080 fen
    (FeeTerms(FeeMethod.ENTRY_PLUS_ROYALTY, entry_fee_fen=100,
              royalty_base=RoyaltyBase.UNITS, per_unit_fen=80),
     ReportFigures(units=1_001), 80_080),
])
def test_royalty_of_one_report(terms: FeeTerms, figures: ReportFigures, expected: int) -> None:
    assert royalty_fen(terms, figures) == expected


@pytest.mark.parametrize(("terms", "figures"), [
    (FeeTerms(FeeMethod.LUMP_SUM, lump_sum_fen=100), sales(1)),
    (FeeTerms(FeeMethod.FREE), sales(1)),
    (SALES_3, ReportFigures(units=5)),
    (SALES_3, sales(-1)),
])
def test_royalty_needs_running_terms_and_their_figure(
    terms: FeeTerms, figures: ReportFigures
) -> None:
    with pytest.raises(ValueError):
        royalty_fen(terms, figures)


# --- Periods -------------------------------------------------------------------------------------


def test_licence_years_follow_anniversaries_and_cut_the_last() -> None:
    timeline = LicenceTimeline(date(2027, 5, 10), date(2029, 12, 31))
    assert licence_years(timeline) == [
        Period(date(2027, 5, 10), date(2028, 5, 9)),
        Period(date(2028, 5, 10), date(2029, 5, 9)),
        Period(date(2029, 5, 10), date(2029, 12, 31)),
    ]


def test_quarterly_periods_and_their_due_dates_roll_over_weekends() -> None:
    periods = reporting_periods(LicenceTimeline(date(2027, 1, 1), date(2027, 12, 31)), POLICY)
    assert [(p.licence_year, p.period.start, p.period.end, p.due_on) for p in periods] == [
        (1, date(2027, 1, 1), date(2027, 3, 31), date(2027, 4, 30)),   # Fri
        (1, date(2027, 4, 1), date(2027, 6, 30), date(2027, 7, 30)),   # Fri
        (1, date(2027, 7, 1), date(2027, 9, 30), date(2027, 11, 1)),   # Sat 30 Oct → Mon
        (1, date(2027, 10, 1), date(2027, 12, 31), date(2028, 1, 31)),  # Sun 30 Jan → Mon
    ]


def test_monthly_periods_follow_the_month_end_rule() -> None:
    monthly = LicensingPolicy(report_months=1)
    periods = reporting_periods(LicenceTimeline(date(2027, 1, 31), date(2027, 4, 30)), monthly)
    assert [(p.period.start, p.period.end) for p in periods] == [
        (date(2027, 1, 31), date(2027, 2, 27)),  # 31 Jan + 1 month = 28 Feb
        (date(2027, 2, 28), date(2027, 3, 30)),  # 31 Jan + 2 months = 31 Mar
        (date(2027, 3, 31), date(2027, 4, 29)),
        (date(2027, 4, 30), date(2027, 4, 30)),  # cut at the licence's last day
    ]


def test_periods_stop_at_an_early_end() -> None:
    ended = LicenceTimeline(date(2027, 1, 1), date(2028, 12, 31), last_day=date(2027, 5, 15))
    periods = reporting_periods(ended, POLICY)
    assert [p.period for p in periods] == [Period(date(2027, 1, 1), date(2027, 3, 31)),
                                           Period(date(2027, 4, 1), date(2027, 5, 15))]
    assert periods[-1].due_on == date(2027, 6, 14)  # 15 May + 30 days, a Monday


def test_report_months_must_divide_a_year() -> None:
    with pytest.raises(ValueError, match="divide 12"):
        LicensingPolicy(report_months=5)


@pytest.mark.parametrize(("amount", "days", "year_days", "expected"), [
    (1_200_000, 365, 365, 1_200_000),
    (1_200_000, 236, 365, 775_890),  # 283,200,000 / 365 = 775,890.41
    (730_000, 181, 365, 362_000),    # 2,000 a day × 181
    (1_000, 1, 366, 3),              # 2.73 → 3
])
def test_pro_rata(amount: int, days: int, year_days: int, expected: int) -> None:
    assert prorated_fen(amount, days, year_days) == expected


# --- Schedules -----------------------------------------------------------------------------------


def amounts(schedule: list[Obligation]) -> list[tuple[ObligationKind, int, date, int | None]]:
    return [(o.kind, o.licence_year, o.due_on, o.amount_fen) for o in schedule]


def test_lump_sum_is_one_payment_at_the_start() -> None:
    terms = FeeTerms(FeeMethod.LUMP_SUM, lump_sum_fen=5_000_000)
    assert amounts(payment_schedule(terms, TWO_YEARS, POLICY)) == [
        (ObligationKind.LUMP_SUM, 1, date(2027, 1, 1), 5_000_000)]


def test_free_terms_owe_nothing() -> None:
    assert payment_schedule(FeeTerms(FeeMethod.FREE), TWO_YEARS, POLICY) == []


def test_annual_fee_on_each_anniversary_with_a_pro_rata_last_year() -> None:
    terms = FeeTerms(FeeMethod.ANNUAL_FIXED, annual_fee_fen=1_200_000)
    timeline = LicenceTimeline(date(2027, 5, 10), date(2029, 12, 31))
    assert amounts(payment_schedule(terms, timeline, POLICY)) == [
        (ObligationKind.ANNUAL_FEE, 1, date(2027, 5, 10), 1_200_000),
        (ObligationKind.ANNUAL_FEE, 2, date(2028, 5, 10), 1_200_000),
        # 10 May – 31 Dec 2029 is 236 of the year's 365 days: 1,200,000 × 236 / 365
        (ObligationKind.ANNUAL_FEE, 3, date(2029, 5, 10), 775_890),
    ]


def test_an_early_end_drops_later_fees_but_keeps_the_current_one_whole() -> None:
    terms = FeeTerms(FeeMethod.ANNUAL_FIXED, annual_fee_fen=1_200_000)
    lapsed = LicenceTimeline(date(2027, 5, 10), date(2029, 12, 31), last_day=date(2028, 8, 31))
    assert amounts(payment_schedule(terms, lapsed, POLICY)) == [
        (ObligationKind.ANNUAL_FEE, 1, date(2027, 5, 10), 1_200_000),
        (ObligationKind.ANNUAL_FEE, 2, date(2028, 5, 10), 1_200_000),  # no refund (Art. 47)
    ]


def test_entry_fee_then_royalties() -> None:
    terms = FeeTerms(FeeMethod.ENTRY_PLUS_ROYALTY, entry_fee_fen=2_000_000,
                     royalty_base=RoyaltyBase.UNITS, per_unit_fen=80)
    half_year = LicenceTimeline(date(2027, 1, 1), date(2027, 6, 30))
    q1 = RoyaltyReport(Period(date(2027, 1, 1), date(2027, 3, 31)), ReportFigures(units=1_001))
    assert amounts(payment_schedule(terms, half_year, POLICY, [q1])) == [
        (ObligationKind.ENTRY_FEE, 1, date(2027, 1, 1), 2_000_000),
        (ObligationKind.ROYALTY, 1, date(2027, 4, 30), 80_080),
        (ObligationKind.ROYALTY, 1, date(2027, 7, 30), None),  # not yet reported
    ]


YEAR_ONE = [
    RoyaltyReport(Period(date(2027, 1, 1), date(2027, 3, 31)), sales(10_000_000)),  # 300,000
    RoyaltyReport(Period(date(2027, 4, 1), date(2027, 6, 30)), sales(5_000_000)),   # 150,000
    RoyaltyReport(Period(date(2027, 7, 1), date(2027, 9, 30)), sales(0)),           # 0
    # 8,333,333 × 3 % = 249,999.99 → 250,000
    RoyaltyReport(Period(date(2027, 10, 1), date(2027, 12, 31)), sales(8_333_333)),
]


def test_annual_minimum_tops_up_the_year_once_every_report_is_in() -> None:
    schedule = payment_schedule(SALES_3, TWO_YEARS, POLICY, YEAR_ONE)
    year_one = [o for o in schedule if o.licence_year == 1]
    assert amounts(year_one) == [
        (ObligationKind.ROYALTY, 1, date(2027, 4, 30), 300_000),
        (ObligationKind.ROYALTY, 1, date(2027, 7, 30), 150_000),
        (ObligationKind.ROYALTY, 1, date(2027, 11, 1), 0),
        (ObligationKind.ROYALTY, 1, date(2028, 1, 31), 250_000),
        # minimum 1,000,000 − reported 700,000, due with the year's last report
        (ObligationKind.MINIMUM_TOP_UP, 1, date(2028, 1, 31), 300_000),
    ]
    year_two_top_up = [o for o in schedule
                       if o.licence_year == 2 and o.kind is ObligationKind.MINIMUM_TOP_UP]
    assert [(o.due_on, o.amount_fen) for o in year_two_top_up] == [(date(2029, 1, 30), None)]


def test_no_top_up_when_the_minimum_is_met() -> None:
    reports = [*YEAR_ONE[:3],
               RoyaltyReport(YEAR_ONE[3].period, sales(20_000_000))]  # 600,000: 1,050,000 in all
    schedule = payment_schedule(SALES_3, TWO_YEARS, POLICY, reports)
    assert not [o for o in schedule
                if o.licence_year == 1 and o.kind is ObligationKind.MINIMUM_TOP_UP]


def test_minimum_of_a_part_year_is_pro_rata() -> None:
    terms = FeeTerms(FeeMethod.ROYALTY_SALES, royalty_rate_percent=Decimal("2"),
                     min_annual_fen=730_000)
    half_year = LicenceTimeline(date(2027, 1, 1), date(2027, 6, 30))
    reports = [RoyaltyReport(Period(date(2027, 1, 1), date(2027, 3, 31)), sales(5_000_000)),
               RoyaltyReport(Period(date(2027, 4, 1), date(2027, 6, 30)), sales(2_000_000))]
    top_ups = [o for o in payment_schedule(terms, half_year, POLICY, reports)
               if o.kind is ObligationKind.MINIMUM_TOP_UP]
    # minimum 730,000 × 181/365 = 362,000; royalties 100,000 + 40,000
    assert [(o.due_on, o.amount_fen) for o in top_ups] == [(date(2027, 7, 30), 222_000)]


def test_holidays_move_report_due_dates() -> None:
    national_day = frozenset(date(2027, 10, d) for d in range(1, 8))
    policy = LicensingPolicy(report_due_days=1, calendar=WorkingCalendar(holidays=national_day))
    periods = reporting_periods(LicenceTimeline(date(2027, 7, 1), date(2027, 9, 30)), policy)
    assert periods[0].due_on == date(2027, 10, 8)  # 1 Oct is a holiday, through 7 Oct


# --- Report validation ---------------------------------------------------------------------------


SOME_SALES = ReportFigures(net_sales_fen=100)


def problems(terms: FeeTerms = SALES_3, start: date = date(2027, 1, 1),
             end: date = date(2027, 3, 31), figures: ReportFigures = SOME_SALES,
             filed: tuple[Period, ...] = ()) -> dict[str, list[str]]:
    found = report_problems(terms, TWO_YEARS, POLICY, period_start=start, period_end=end,
                            figures=figures, filed=filed)
    return {name: [str(m) for m in messages] for name, messages in found.items()}


def test_a_good_report_has_no_problems() -> None:
    assert problems() == {}


def test_negative_figures_are_refused() -> None:
    assert problems(figures=sales(-1)) == {"net_sales_fen": ["Must not be negative."]}
    profit = FeeTerms(FeeMethod.ROYALTY_PROFIT, royalty_rate_percent=Decimal("5"))
    assert problems(profit, figures=ReportFigures(profit_fen=-500)) == {
        "profit_fen": ["Must not be negative; report a loss as 0."]}


def test_the_figure_must_match_the_terms_base() -> None:
    assert problems(figures=ReportFigures(units=40)) == {
        "net_sales_fen": ["Required: this licence's royalty is computed on net sales (D9)."],
        "units": ["Not part of these terms: the royalty is computed on net sales, not on units "
                  "(D9)."],
    }


def test_terms_without_royalties_take_no_reports() -> None:
    assert problems(FeeTerms(FeeMethod.LUMP_SUM, lump_sum_fen=1)) == {
        "terms": ["These licence terms (lump sum) have no royalty reports."]}


def test_the_period_must_lie_within_the_licence() -> None:
    assert problems(start=date(2026, 10, 1), end=date(2026, 12, 31)) == {
        "period_start": ["The period must lie within the licence, 2027-01-01 to 2028-12-31."]}
    assert problems(start=date(2028, 10, 1), end=date(2029, 3, 31)) == {
        "period_end": ["The period must lie within the licence, 2027-01-01 to 2028-12-31."]}


def test_the_period_must_not_end_before_it_starts() -> None:
    assert problems(start=date(2027, 3, 31), end=date(2027, 1, 1)) == {
        "period_end": ["The period ends before it starts."]}


def test_the_period_must_be_a_reporting_period() -> None:
    assert problems(start=date(2027, 2, 1), end=date(2027, 3, 31)) == {
        "period_start": ["Reports follow the reporting periods of the licence: the one "
                         "containing 2027-02-01 runs from 2027-01-01 to 2027-03-31."]}


def test_periods_may_not_overlap() -> None:
    q1 = Period(date(2027, 1, 1), date(2027, 3, 31))
    assert problems(filed=(q1,)) == {
        "period_start": ["A report for 2027-01-01 to 2027-03-31 is already filed; periods may "
                         "not overlap."]}
    assert problems(start=date(2027, 4, 1), end=date(2027, 6, 30), filed=(q1,)) == {}


# --- Statement -----------------------------------------------------------------------------------


def test_statement_per_licence_year_and_calendar_year() -> None:
    schedule = payment_schedule(SALES_3, TWO_YEARS, POLICY, YEAR_ONE)
    payments = [Payment(date(2027, 4, 20), 300_000), Payment(date(2027, 7, 25), 150_000),
                Payment(date(2028, 1, 20), 250_000),
                Payment(date(2028, 3, 1), 300_000)]  # after the statement's day: not counted
    statement = licence_statement(schedule, payments, date(2028, 2, 15))

    statuses = [(line.obligation.kind, line.obligation.due_on, line.status)
                for line in statement.lines if line.obligation.licence_year == 1]
    assert statuses == [
        (ObligationKind.ROYALTY, date(2027, 4, 30), LineStatus.PAID),
        (ObligationKind.ROYALTY, date(2027, 7, 30), LineStatus.PAID),
        (ObligationKind.ROYALTY, date(2027, 11, 1), LineStatus.PAID),  # nil royalty
        (ObligationKind.ROYALTY, date(2028, 1, 31), LineStatus.PAID),
        (ObligationKind.MINIMUM_TOP_UP, date(2028, 1, 31), LineStatus.OVERDUE),
    ]
    first_2028 = next(line for line in statement.lines if line.obligation.licence_year == 2)
    assert first_2028.status is LineStatus.AWAITING_REPORT

    year_one = statement.by_licence_year[1]
    assert (year_one.scheduled_fen, year_one.due_fen, year_one.paid_fen,
            year_one.outstanding_fen, year_one.overdue_fen) == (
        1_000_000, 1_000_000, 700_000, 300_000, 300_000)
    # 2027 holds the royalties due in 2027 (Q1–Q3); 2028 the Q4 royalty and the top-up.
    y2027, y2028 = statement.by_calendar_year[2027], statement.by_calendar_year[2028]
    assert (y2027.scheduled_fen, y2027.paid_fen, y2027.overdue_fen) == (450_000, 450_000, 0)
    assert (y2028.scheduled_fen, y2028.paid_fen, y2028.overdue_fen) == (550_000, 250_000, 300_000)
    assert statement.total.overdue_fen == 300_000
    assert statement.credit_fen == 0


def test_missing_reports_are_counted_once_past_due() -> None:
    schedule = payment_schedule(SALES_3, TWO_YEARS, POLICY, YEAR_ONE[:1])
    statement = licence_statement(schedule, [], date(2027, 8, 1))
    assert [line.status for line in statement.lines[:3]] == [
        LineStatus.OVERDUE,          # Q1 reported, 300,000 unpaid since 30 Apr
        LineStatus.REPORT_OVERDUE,   # Q2 report was due 30 Jul
        LineStatus.AWAITING_REPORT,  # Q3 not yet due
    ]
    assert statement.total.reports_overdue == 1
    assert statement.total.overdue_fen == 300_000


def test_payments_go_to_the_oldest_amount_first_and_the_rest_is_credit() -> None:
    terms = FeeTerms(FeeMethod.ANNUAL_FIXED, annual_fee_fen=1_000_000)
    schedule = payment_schedule(terms, TWO_YEARS, POLICY)
    statement = licence_statement(schedule, [Payment(date(2027, 1, 1), 1_500_000)],
                                  date(2027, 6, 1))
    first, second = statement.lines
    assert (first.paid_fen, first.status) == (1_000_000, LineStatus.PAID)
    assert (second.paid_fen, second.outstanding_fen, second.status) == (
        500_000, 500_000, LineStatus.NOT_YET_DUE)
    assert statement.credit_fen == 0
    overpaid = licence_statement(schedule, [Payment(date(2027, 1, 1), 2_100_000)],
                                 date(2028, 6, 1))
    assert overpaid.credit_fen == 100_000
    assert overpaid.total.outstanding_fen == 0


def test_an_amount_is_overdue_only_after_its_due_date() -> None:
    schedule = payment_schedule(FeeTerms(FeeMethod.LUMP_SUM, lump_sum_fen=10), TWO_YEARS, POLICY)
    assert licence_statement(schedule, [], date(2027, 1, 1)).lines[0].status is (
        LineStatus.NOT_YET_DUE)
    assert licence_statement(schedule, [], date(2027, 1, 2)).lines[0].status is (
        LineStatus.OVERDUE)


def test_payments_must_be_positive() -> None:
    with pytest.raises(ValueError):
        Payment(date(2027, 1, 1), 0)
