"""Date arithmetic for legal periods: months, years and working days (DOMAIN R2.10).

Pure functions over ``datetime.date``. Regs Art. 5 (R2.10): the first day of a period is not
counted; a period in months or years ends on the corresponding day of the last month, or on that
month's last day when it has no such day; an end day that is not a working day moves to the first
working day after it. Holidays and adjusted weekend working days (调休) are passed in as data
(settings HOLIDAYS and WORKDAYS_ON_WEEKENDS); nothing here reads settings.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

_SATURDAY = 5
_ONE_DAY = timedelta(days=1)



#: Legal days (announcements, deadlines, due dates) are calendar days in China.
CHINA = ZoneInfo("Asia/Shanghai")


def legal_date(instant: datetime) -> date:
    """The calendar day in China on which ``instant`` (timezone-aware) falls."""
    if instant.tzinfo is None:
        raise ValueError("instants must be timezone-aware (UTC)")
    return instant.astimezone(CHINA).date()


def china_today() -> date:
    """Today's date in China."""
    return datetime.now(CHINA).date()


def _days_in_month(year: int, month: int) -> int:
    """Number of days in ``month`` of ``year``."""
    first_of_next = date(year + month // 12, month % 12 + 1, 1)
    return (first_of_next - _ONE_DAY).day


def add_months(d: date, n: int) -> date:
    """The corresponding day ``n`` months after (or before, if negative) ``d`` (R2.10).

    When the target month has no corresponding day, the result is that month's last day, so
    31 Jan + 1 month = 28/29 Feb and 29 Feb + 12 months = 28 Feb in a common year.
    """
    month_index = d.year * 12 + d.month - 1 + n
    year, month0 = divmod(month_index, 12)
    return date(year, month0 + 1, min(d.day, _days_in_month(year, month0 + 1)))


def add_years(d: date, n: int) -> date:
    """The corresponding day ``n`` years after ``d``; 29 Feb → 28 Feb in a common year (R2.10)."""
    return add_months(d, 12 * n)


@dataclass(frozen=True)
class WorkingCalendar:
    """Working days: Monday–Friday, minus ``holidays``, plus ``extra_workdays`` (R2.10).

    ``holidays`` are statutory rest days on weekdays (e.g. 1–7 Oct); ``extra_workdays`` are the
    weekend days made working days by the State Council's adjustment (调休). A date in both sets
    is a working day.
    """

    holidays: frozenset[date] = frozenset()
    extra_workdays: frozenset[date] = frozenset()

    @classmethod
    def from_settings(cls, settings: Mapping[str, Any]) -> WorkingCalendar:
        """The calendar of the HOLIDAYS and WORKDAYS_ON_WEEKENDS settings."""
        return cls(holidays=frozenset(settings["HOLIDAYS"]),
                   extra_workdays=frozenset(settings["WORKDAYS_ON_WEEKENDS"]))

    def is_working_day(self, d: date) -> bool:
        """True when ``d`` is a working day under this calendar (R2.10)."""
        if d in self.extra_workdays:
            return True
        return d.weekday() < _SATURDAY and d not in self.holidays

    def roll_to_working_day(self, d: date) -> date:
        """``d`` itself if a working day, else the first working day after it (R2.10)."""
        while not self.is_working_day(d):
            d += _ONE_DAY
        return d

    def add_working_days(self, start: date, n: int) -> date:
        """The ``n``-th working day after ``start``; ``start`` itself is not counted (R2.10).

        Used for "decide within N working days" limits (D10 recordal, D16 mediation acceptance).
        ``n = 0`` returns ``start``.
        """
        if n < 0:
            raise ValueError(f"working days must be >= 0, got {n}")
        d = start
        for _ in range(n):
            d = self.roll_to_working_day(d + _ONE_DAY)
        return d


def period_end(
    start: date,
    *,
    months: int = 0,
    days: int = 0,
    calendar: WorkingCalendar | None = None,
) -> date:
    """Last day of a "within N months / N days" period starting on ``start`` (R2.10).

    The first day is not counted, so a period of N days ends ``start + N days`` and a period of
    N months ends on the corresponding day N months later (month-end rule, ``add_months``). With a
    ``calendar``, an end day that is not a working day rolls forward to the next working day;
    without one, no roll-forward is applied. Used for the 3-month recordal limit (D10), the 6-month
    annual-fee grace (D13, R5.8) and 30-day mediation limits (D16).
    """
    if months < 0 or days < 0:
        raise ValueError("a period cannot be negative")
    end = add_months(start, months) + timedelta(days=days)
    return end if calendar is None else calendar.roll_to_working_day(end)
