"""Period and working-day arithmetic (DOMAIN R2.10). Expected dates are worked out by hand."""

from __future__ import annotations

from datetime import date

import pytest

from marketplace.calendar import WorkingCalendar, add_months, add_years, period_end

# Test data (not the official 2026 schedule): National Day 1–7 Oct 2026 (Thu–Wed) are holidays;
# Sun 20 Sep and Sat 10 Oct 2026 are adjusted working days (调休).
NATIONAL_DAY = frozenset(date(2026, 10, d) for d in range(1, 8))
ADJUSTED_WORKDAYS = frozenset({date(2026, 9, 20), date(2026, 10, 10)})
CAL = WorkingCalendar(holidays=NATIONAL_DAY, extra_workdays=ADJUSTED_WORKDAYS)
PLAIN = WorkingCalendar()


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2026, 3, 15), 1, date(2026, 4, 15)),  # corresponding day
        (date(2026, 1, 31), 1, date(2026, 2, 28)),  # no 31 Feb → last day of Feb
        (date(2024, 1, 31), 1, date(2024, 2, 29)),  # leap year
        (date(2026, 1, 31), 2, date(2026, 3, 31)),  # counted from the start, not chained
        (date(2025, 8, 31), 6, date(2026, 2, 28)),
        (date(2026, 11, 30), 3, date(2027, 2, 28)),  # across the year end
        (date(2024, 2, 29), 12, date(2025, 2, 28)),  # 29 Feb + 12 months
        (date(2024, 2, 29), 48, date(2028, 2, 29)),
        (date(2026, 3, 31), -1, date(2026, 2, 28)),  # backwards
        (date(2026, 1, 15), -1, date(2025, 12, 15)),
        (date(2026, 5, 5), 0, date(2026, 5, 5)),
    ],
)
def test_add_months_month_end_rule(start: date, months: int, expected: date) -> None:
    assert add_months(start, months) == expected


@pytest.mark.parametrize(
    ("start", "years", "expected"),
    [
        (date(2000, 9, 6), 20, date(2020, 9, 6)),
        (date(2024, 2, 29), 1, date(2025, 2, 28)),
        (date(2024, 2, 29), 4, date(2028, 2, 29)),
        (date(2025, 2, 28), -1, date(2024, 2, 28)),
    ],
)
def test_add_years(start: date, years: int, expected: date) -> None:
    assert add_years(start, years) == expected


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (date(2026, 9, 18), True),  # Friday
        (date(2026, 9, 19), False),  # Saturday
        (date(2026, 9, 20), True),  # Sunday made a working day
        (date(2026, 10, 1), False),  # holiday (Thursday)
        (date(2026, 10, 7), False),  # holiday (Wednesday)
        (date(2026, 10, 8), True),  # Thursday after the block
        (date(2026, 10, 10), True),  # Saturday made a working day
        (date(2026, 10, 11), False),  # Sunday
    ],
)
def test_is_working_day(day: date, working: bool) -> None:
    assert CAL.is_working_day(day) is working


def test_day_in_both_sets_is_a_working_day() -> None:
    both = WorkingCalendar(
        holidays=frozenset({date(2026, 10, 10)}), extra_workdays=ADJUSTED_WORKDAYS
    )
    assert both.is_working_day(date(2026, 10, 10))


@pytest.mark.parametrize(
    ("calendar", "start", "n", "expected"),
    [
        # Fri 6 Mar 2026 +5: Mon 9 (1) … Fri 13 (5); the weekend is skipped.
        (PLAIN, date(2026, 3, 6), 5, date(2026, 3, 13)),
        # +7: … Fri 13 (5), Mon 16 (6), Tue 17 (7).
        (PLAIN, date(2026, 3, 6), 7, date(2026, 3, 17)),
        # Wed 11 Mar +5: Thu 12, Fri 13, Mon 16, Tue 17, Wed 18; start day not counted.
        (PLAIN, date(2026, 3, 11), 5, date(2026, 3, 18)),
        # Wed 30 Sep +5: holidays 1–7 Oct, Thu 8 (1), Fri 9 (2), Sat 10 (3, 调休), Mon 12 (4),
        # Tue 13 (5).
        (CAL, date(2026, 9, 30), 5, date(2026, 10, 13)),
        # +7: … Tue 13 (5), Wed 14 (6), Thu 15 (7).
        (CAL, date(2026, 9, 30), 7, date(2026, 10, 15)),
        # Same block without the adjusted Saturday: Thu 8, Fri 9, Mon 12, Tue 13, Wed 14.
        (WorkingCalendar(holidays=NATIONAL_DAY), date(2026, 9, 30), 5, date(2026, 10, 14)),
        # Starting on a holiday: Thu 8 (1).
        (CAL, date(2026, 10, 3), 1, date(2026, 10, 8)),
        # Fri 18 Sep +1 lands on the working Sunday 20 Sep.
        (CAL, date(2026, 9, 18), 1, date(2026, 9, 20)),
        # Fri 18 Sep +7: Sun 20 (1), Mon 21 … Fri 25 (6), Mon 28 (7).
        (CAL, date(2026, 9, 18), 7, date(2026, 9, 28)),
        (CAL, date(2026, 10, 3), 0, date(2026, 10, 3)),
    ],
)
def test_add_working_days(calendar: WorkingCalendar, start: date, n: int, expected: date) -> None:
    assert calendar.add_working_days(start, n) == expected


def test_add_working_days_rejects_negative() -> None:
    with pytest.raises(ValueError):
        CAL.add_working_days(date(2026, 10, 3), -1)


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2026, 10, 1), date(2026, 10, 8)),  # holiday block → Thursday after
        (date(2026, 10, 10), date(2026, 10, 10)),  # adjusted working Saturday stays
        (date(2026, 10, 11), date(2026, 10, 12)),  # Sunday → Monday
        (date(2026, 10, 12), date(2026, 10, 12)),  # working day stays
    ],
)
def test_roll_to_working_day(day: date, expected: date) -> None:
    assert CAL.roll_to_working_day(day) == expected


@pytest.mark.parametrize(
    ("start", "months", "days", "calendar", "expected"),
    [
        # 3-month recordal window from 1 Jul 2026 ends 1 Oct 2026, a holiday → Thu 8 Oct.
        (date(2026, 7, 1), 3, 0, CAL, date(2026, 10, 8)),
        (date(2026, 7, 1), 3, 0, None, date(2026, 10, 1)),  # no calendar, no roll
        # 6-month grace from 31 Aug 2025 ends 28 Feb 2026 (Saturday) → Mon 2 Mar.
        (date(2025, 8, 31), 6, 0, PLAIN, date(2026, 3, 2)),
        (date(2025, 8, 31), 6, 0, None, date(2026, 2, 28)),
        # 30 days from 10 Sep 2026 (first day not counted) end 10 Oct, a working Saturday.
        (date(2026, 9, 10), 0, 30, CAL, date(2026, 10, 10)),
        # 30 days from 11 Sep end Sun 11 Oct → Mon 12 Oct.
        (date(2026, 9, 11), 0, 30, CAL, date(2026, 10, 12)),
        (date(2024, 2, 29), 12, 0, None, date(2025, 2, 28)),
    ],
)
def test_period_end(
    start: date, months: int, days: int, calendar: WorkingCalendar | None, expected: date
) -> None:
    assert period_end(start, months=months, days=days, calendar=calendar) == expected


def test_period_end_rejects_negative() -> None:
    with pytest.raises(ValueError):
        period_end(date(2026, 1, 1), months=-1)
