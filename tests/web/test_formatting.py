"""Values written as people write them, in the page's language; words per kind of object."""

from __future__ import annotations

import datetime as dt

import pytest
from flask import Flask
from flask.ctx import RequestContext

from marketplace.accounts.models import Organisation, OrganisationKind
from marketplace.errors import Message
from marketplace.licensing.rules import (
    LICENCE_STATE_NAMES,
    RECORDAL_STATE_NAMES,
    LicenceState,
    RecordalState,
)
from marketplace.mediation.rules import STATE_LABELS, CaseState
from marketplace.web.errors import localise
from marketplace.web.formatting import format_day, format_instant, format_money, organisation_name


def _in(app: Flask, locale: str, path: str = "/") -> RequestContext:
    return app.test_request_context(path, headers={"Accept-Language": locale})


@pytest.mark.parametrize(("locale", "fen", "text"), [
    ("zh", 30_000_000, "¥30万"), ("zh", 4_500_000, "¥4.5万"), ("zh", 680_000, "¥6,800"),
    ("zh", 4_567_800, "¥45,678"), ("zh", 12_345, "¥123.45"),
    ("en", 30_000_000, "RMB 300,000"), ("en", 12_345, "RMB 123.45"), ("en", None, "—"),
])
def test_money_as_people_write_it(app: Flask, locale: str, fen: int | None, text: str) -> None:
    with _in(app, locale):
        assert format_money(fen) == text


def test_one_date_format_per_language_and_china_time(app: Flask) -> None:
    instant = dt.datetime(2027, 2, 28, 17, 30, tzinfo=dt.UTC)  # 1 March in China
    with _in(app, "zh"):
        assert format_day(dt.date(2027, 3, 1)) == "2027年3月1日"
        assert format_day(instant) == "2027年3月1日"
        assert format_instant(instant) == "2027年3月1日 01:30 北京时间"
    with _in(app, "en"):
        assert format_day("2027-03-01") == "1 Mar 2027"
        assert format_instant(instant) == "1 Mar 2027, 01:30 China time"


def test_dates_in_messages_follow_the_page_and_stay_iso_in_the_api(app: Flask) -> None:
    message = Message("due %(date)s", {"date": "2027-03-01"})
    with _in(app, "en"):
        assert localise(message) == "due 1 Mar 2027"
    with _in(app, "en", "/api/v1/fees/calculate"):
        assert localise(message) == "due 2027-03-01"


def test_the_english_name_of_an_organisation_in_the_english_ui(app: Flask) -> None:
    university = Organisation(name="浙江大学", name_en="Zhejiang University",
                              kind=OrganisationKind.UNIVERSITY, region="330000")
    unnamed = Organisation(name="杭州绿源茶业有限公司", kind=OrganisationKind.ENTERPRISE,
                           region="330000")
    with _in(app, "en"):
        assert organisation_name(university) == "Zhejiang University"
        assert organisation_name(unnamed) == "杭州绿源茶业有限公司"
    with _in(app, "zh"):
        assert organisation_name(university) == "浙江大学"


def test_a_refusal_and_a_pending_state_are_named_per_kind_of_object(app: Flask) -> None:
    with _in(app, "zh"):
        assert localise(RECORDAL_STATE_NAMES[RecordalState.REFUSED]) == "不予备案"
        assert localise(RECORDAL_STATE_NAMES[RecordalState.PENDING]) == "待审查"
        assert localise(STATE_LABELS[CaseState.REFUSED]) == "不予受理"
        assert localise(LICENCE_STATE_NAMES[LicenceState.PENDING]) == "待生效"
    with _in(app, "en"):
        assert localise(RECORDAL_STATE_NAMES[RecordalState.REFUSED]) == "refused"
    assert str(RECORDAL_STATE_NAMES[RecordalState.PENDING]) == "pending"
