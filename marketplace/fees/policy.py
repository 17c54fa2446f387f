"""The fee settings, read in one place: app config → ``FeePolicy`` and the working calendar.

Every page, API call, CLI command and service that computes a ledger takes its policy from here,
so the calculator and the persisted ledger always apply the same settings (DOMAIN D11–D14).
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from marketplace.calendar import WorkingCalendar, china_today
from marketplace.fees.rules import FeePolicy

# Fee deadlines run on China's calendar day.
legal_today = china_today


def fee_policy(config: Mapping[str, Any]) -> FeePolicy:
    """The fee settings of DOMAIN D11–D14 as the rules take them."""
    return FeePolicy(
        open_license_reduction=Decimal(config["OPEN_LICENSE_FEE_REDUCTION"]),
        policy_start=config["OPEN_LICENSE_FEE_POLICY_START"],
        record_date_inclusive=bool(config["RECORD_DATE_INCLUSIVE"]),
        general_reduction_years=int(config["GENERAL_REDUCTION_YEARS"]),
        late_fee_base=config["LATE_FEE_BASE"],
        withdrawal_repays_reductions=bool(config["WITHDRAWAL_REPAYS_REDUCTIONS"]),
    )


def fee_calendar(config: Mapping[str, Any]) -> WorkingCalendar:
    """Working days for the end of the 6-month grace period (R2.10, R5.8): HOLIDAYS and
    WORKDAYS_ON_WEEKENDS; a grace period ending on a rest day ends on the next working day."""
    return WorkingCalendar.from_settings(config)


def current_policy() -> tuple[FeePolicy, WorkingCalendar]:
    """The running app's fee policy and calendar; outside an app (a script, a unit test), the
    settings' defaults, i.e. DOMAIN Part A's decisions."""
    from flask import current_app, has_app_context

    if has_app_context():
        config: Mapping[str, Any] = current_app.config
    else:
        from marketplace.config import SETTINGS

        config = {setting.name: setting.default for setting in SETTINGS}
    return fee_policy(config), fee_calendar(config)
