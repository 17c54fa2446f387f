"""Settings come from the environment, with DOMAIN Part A's defaults; production is strict."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from marketplace.config import SETTINGS, ConfigError, load_settings


def test_defaults_follow_domain_part_a(tmp_path: Path) -> None:
    settings = load_settings({}, tmp_path)
    assert settings["DATABASE_URL"] == f"sqlite:///{tmp_path / 'marketplace.sqlite3'}"
    assert settings["SEARCH_INDEX_DIR"] == str(tmp_path / "search-index")
    assert settings["OPEN_LICENSE_FEE_REDUCTION"] == Decimal("0.15")
    assert settings["OPEN_LICENSE_FEE_POLICY_START"] == dt.date(2024, 8, 6)
    assert settings["RECORDAL_DECISION_WORKING_DAYS"] == 7
    assert settings["MEDIATION_ACCEPT_WORKING_DAYS"] == 5
    assert settings["MEDIATION_DAYS"] == 30
    assert settings["GENERAL_REDUCTION_YEARS"] == 10
    assert settings["LATE_FEE_BASE"] == "full"
    assert settings["BLOCK_DURING_FEE_GRACE"] is True
    assert settings["REQUIRE_FAVOURABLE_EVALUATION"] is True
    assert settings["WITHDRAWAL_REPAYS_REDUCTIONS"] is False
    assert settings["RECORD_DATE_INCLUSIVE"] is True
    assert settings["FEE_CAP_FIXED_CNY"] == Decimal("20000000")
    assert settings["SESSION_COOKIE_SECURE"] is False


def test_every_part_a_setting_is_declared() -> None:
    names = {s.name for s in SETTINGS}
    part_a = {"BLOCK_DURING_FEE_GRACE", "REQUIRE_FAVOURABLE_EVALUATION", "FEE_CAP_FIXED_CNY",
              "FEE_CAP_NET_SALES_PCT", "FEE_CAP_PROFIT_PCT", "RECORDAL_DECISION_WORKING_DAYS",
              "OPEN_LICENSE_FEE_REDUCTION", "OPEN_LICENSE_FEE_POLICY_START",
              "RECORD_DATE_INCLUSIVE", "GENERAL_REDUCTION_YEARS", "LATE_FEE_BASE",
              "WITHDRAWAL_REPAYS_REDUCTIONS", "MEDIATION_ACCEPT_WORKING_DAYS", "MEDIATION_DAYS"}
    assert part_a <= names


def test_environment_overrides_are_parsed(tmp_path: Path) -> None:
    settings = load_settings({"BLOCK_DURING_FEE_GRACE": "false", "MEDIATION_DAYS": "45",
                              "HOLIDAYS": "2026-10-01, 2026-10-02",
                              "OPEN_LICENSE_FEE_REDUCTION": "0.2"}, tmp_path)
    assert settings["BLOCK_DURING_FEE_GRACE"] is False
    assert settings["MEDIATION_DAYS"] == 45
    assert settings["HOLIDAYS"] == (dt.date(2026, 10, 1), dt.date(2026, 10, 2))
    assert settings["OPEN_LICENSE_FEE_REDUCTION"] == Decimal("0.2")


def test_bad_values_are_named(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as info:
        load_settings({"MEDIATION_DAYS": "thirty", "LATE_FEE_BASE": "half"}, tmp_path)
    assert "MEDIATION_DAYS" in str(info.value) and "LATE_FEE_BASE" in str(info.value)


def test_development_key_is_generated_once(tmp_path: Path) -> None:
    first = load_settings({}, tmp_path)["SECRET_KEY"]
    assert len(first) == 64
    assert load_settings({}, tmp_path)["SECRET_KEY"] == first


def test_production_refuses_to_start_without_secret_key(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="SECRET_KEY"):
        load_settings({"MARKETPLACE_ENV": "production"}, tmp_path)
    settings = load_settings({"MARKETPLACE_ENV": "production", "SECRET_KEY": "s" * 40},
                             tmp_path)
    assert settings["SESSION_COOKIE_SECURE"] is True
