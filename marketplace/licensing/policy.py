"""The licensing settings (DOMAIN D9, D10), passed to the rules rather than read by them."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from marketplace.calendar import WorkingCalendar

__all__ = ["LicensingPolicy"]

_MONTHS_PER_YEAR = 12


@dataclass(frozen=True)
class LicensingPolicy:
    """Mirrors RECORDAL_DUE_MONTHS, RECORDAL_DECISION_WORKING_DAYS, RECORDAL_REMINDER_DAYS,
    ROYALTY_REPORT_MONTHS, ROYALTY_REPORT_DUE_DAYS and the working-day calendar (HOLIDAYS,
    WORKDAYS_ON_WEEKENDS). The defaults are the settings' defaults."""

    recordal_due_months: int = 3
    recordal_decision_working_days: int = 7
    recordal_reminder_days: tuple[int, ...] = (30, 7)
    report_months: int = 3
    report_due_days: int = 30
    calendar: WorkingCalendar = field(default_factory=WorkingCalendar)

    def __post_init__(self) -> None:
        if self.recordal_due_months < 1:
            raise ValueError("recordal_due_months must be at least 1")
        if self.recordal_decision_working_days < 0:
            raise ValueError("recordal_decision_working_days must be >= 0")
        if any(days < 0 for days in self.recordal_reminder_days):
            raise ValueError("recordal_reminder_days cannot be negative")
        if self.report_months < 1 or _MONTHS_PER_YEAR % self.report_months:
            # Periods then tile each licence year exactly, so the annual minimum can be settled
            # per year from whole periods.
            raise ValueError("report_months must divide 12 (1, 2, 3, 4, 6 or 12)")
        if self.report_due_days < 0:
            raise ValueError("report_due_days must be >= 0")

    @property
    def periods_per_year(self) -> int:
        return _MONTHS_PER_YEAR // self.report_months

    @classmethod
    def from_config(cls, config: Mapping[str, Any]) -> LicensingPolicy:
        """The policy from the app's settings (``current_app.config`` or ``load_settings``)."""
        return cls(
            recordal_due_months=int(config["RECORDAL_DUE_MONTHS"]),
            recordal_decision_working_days=int(config["RECORDAL_DECISION_WORKING_DAYS"]),
            recordal_reminder_days=tuple(config["RECORDAL_REMINDER_DAYS"]),
            report_months=int(config["ROYALTY_REPORT_MONTHS"]),
            report_due_days=int(config["ROYALTY_REPORT_DUE_DAYS"]),
            calendar=WorkingCalendar.from_settings(config),
        )
