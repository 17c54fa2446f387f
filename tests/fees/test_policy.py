"""The fee settings reach the rules from one place (DOMAIN D11–D14)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from flask import Flask

from marketplace.calendar import WorkingCalendar
from marketplace.fees.policy import current_policy, fee_calendar, fee_policy
from marketplace.fees.rules import FeePolicy


def test_policy_from_settings() -> None:
    config = {
        "OPEN_LICENSE_FEE_REDUCTION": Decimal("0.2"),
        "OPEN_LICENSE_FEE_POLICY_START": dt.date(2025, 1, 1),
        "RECORD_DATE_INCLUSIVE": False,
        "GENERAL_REDUCTION_YEARS": 6,
        "LATE_FEE_BASE": "reduced",
        "WITHDRAWAL_REPAYS_REDUCTIONS": True,
        "HOLIDAYS": (dt.date(2026, 10, 1),),
        "WORKDAYS_ON_WEEKENDS": (dt.date(2026, 9, 27),),
    }
    assert fee_policy(config) == FeePolicy(Decimal("0.2"), dt.date(2025, 1, 1), False, 6,
                                           "reduced", True)
    assert fee_calendar(config) == WorkingCalendar(frozenset({dt.date(2026, 10, 1)}),
                                                   frozenset({dt.date(2026, 9, 27)}))


def test_outside_an_app_the_documented_defaults_apply() -> None:
    assert current_policy() == (FeePolicy(), WorkingCalendar())


def test_inside_the_app_its_settings_apply(app: Flask) -> None:
    saved = app.config["GENERAL_REDUCTION_YEARS"]
    app.config["GENERAL_REDUCTION_YEARS"] = 6
    try:
        with app.app_context():
            assert current_policy()[0].general_reduction_years == 6
    finally:
        app.config["GENERAL_REDUCTION_YEARS"] = saved
