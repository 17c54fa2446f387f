"""Text that cannot be stored (NUL and other C0 controls, lone surrogates) is refused with an
error on its field wherever it would be stored, on SQLite and on PostgreSQL alike (PostgreSQL
refuses NUL in text, so without the check it would surface as a server error); in query
strings, which are searched and never stored, it counts as spaces. Any text, fuzzed with
hypothesis, gives a page or a validation error, never a server error."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from flask import Flask
from flask.testing import FlaskClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlmodel import Session, select

from marketplace.accounts.models import Role
from marketplace.needs.models import Need, SavedSearch
from marketplace.plaintext import cleaned, is_storable, unstorable_fields
from marketplace.search import sync
from tests.conftest import Auth
from tests.factories import make_patent, make_user
from tests.search.conftest import document
from tests.search_index.test_search_fuzz import FRAGMENTS

LATER = (dt.date.today() + dt.timedelta(days=60)).isoformat()
UNSTORABLE = ["\x00", "a\x00b", "\x1b[31m", "\x08", "\x0b", "\x0c", "\x1f", "\ud800", "x\udfffy"]
STORABLE = ["", "a\tb\nc\r\n", "杀青设备 🍵", "\u200b\u202e", "\x7f", "\ufeffＬＥＤ", "' OR 1=1 --"]
TEXT = st.one_of(
    st.text(max_size=200),
    st.lists(st.sampled_from(FRAGMENTS), max_size=30).map(" ".join),
)


def _need(**overrides: object) -> dict[str, object]:
    return {"title": "Cold-weather state of charge", "description": "SOC drifts in the cold.",
            "industry": "Batteries", "region": "340000", "cooperation_mode": "licence",
            "valid_until": LATER, **overrides}


@pytest.mark.parametrize("text", UNSTORABLE)
def test_unstorable_text_is_found_in_text_lists_and_mappings(text: str) -> None:
    assert not is_storable(text)
    assert not is_storable(["ok", text])
    assert not is_storable({"ok": {"nested": [text]}})
    assert not is_storable({text: "ok"})
    assert unstorable_fields([("title", "ok"), ("q", text), ("q", "ok"), ("b", [text])]) \
        == ["b", "q"]
    assert is_storable(cleaned(text)) and len(cleaned(text)) == len(text)


@pytest.mark.parametrize("text", STORABLE)
def test_ordinary_text_is_storable(text: str) -> None:
    assert is_storable(text) and is_storable([text, {"k": text}]) and is_storable(42)
    assert unstorable_fields([("title", text)]) == [] and cleaned(text) == text


@pytest.mark.parametrize("text", ["a\x00b", "\ud800"])
def test_api_refuses_the_field_and_stores_nothing(client: FlaskClient, auth: Auth,
                                                  session: Session, text: str) -> None:
    auth.login(make_user(session, Role.SME))
    # Raw JSON: a lone surrogate is valid JSON escaping (\\ud800) but not encodable text.
    body = json.dumps(_need(description=text))
    response = client.post("/api/v1/needs", data=body, content_type="application/json",
                           headers={"Accept-Language": "en"})
    assert response.status_code == 422
    assert response.json is not None
    assert set(response.json) == {"code", "status", "message", "errors"}
    assert list(response.json["errors"]) == ["description"]
    assert "control characters" in response.json["errors"]["description"][0]
    saved = client.post("/api/v1/saved-searches", json={"name": "x", "query": text})
    assert saved.status_code == 422 and list(saved.json["errors"]) == ["query"]  # type: ignore[index]
    assert session.exec(select(Need)).all() == []
    assert session.exec(select(SavedSearch)).all() == []


def test_query_strings_are_searched_with_control_characters_as_spaces(
        app: Flask, client: FlaskClient, auth: Auth, session: Session) -> None:
    owner = make_user(session, Role.PATENTEE)
    patent = make_patent(session, owner, title="一种绿茶杀青设备", abstract="滚筒杀青。")
    index = sync.search_index(app)
    index.clear()
    try:
        index.upsert([document(session, patent)])
        auth.login(owner)
        assert client.get("/portfolio?text=%E6%9D%80%1B").status_code == 200
        auth.logout()
        auth.login(make_user(session, Role.SME))
        clean = client.get("/api/v1/search", query_string={"q": "杀青 设备"}).json
        dirty = client.get("/api/v1/search", query_string={"q": "杀青\x00设备\x1b"})
        assert dirty.status_code == 200 and dirty.json == clean
        assert [item["patent"]["id"] for item in clean["items"]] == [patent.id]  # type: ignore[index]
        for url in ("/search?q=%E6%9D%80%E9%9D%92%00", "/needs?q=%00", "/announcements?q=%00"):
            assert client.get(url).status_code == 200, url
        assert client.get("/api/v1/needs", query_string={"q": "电池\x00"}).status_code == 200
    finally:
        index.clear()


def test_a_page_form_shows_the_error_next_to_the_field(client: FlaskClient, auth: Auth,
                                                        session: Session) -> None:
    auth.login(make_user(session, Role.SME))
    data = {"title": "求自动控温的杀青设备", "description": "滚筒杀青机\x00受热不均",
            "industry": "茶叶加工", "region": "510000", "cooperation_mode": "licence",
            "valid_until": LATER}
    response = client.post("/needs/new", data=data, headers={"Accept-Language": "zh"})
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    block = html.split('id="description"')[1].split("</div>")[0]
    assert "请删除文本中的控制字符" in block
    assert 'class="errors"' not in html.split('id="title"')[1].split("</div>")[0]
    assert session.exec(select(Need)).all() == []


@settings(max_examples=60, deadline=None, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(text=TEXT)
def test_any_text_in_searches_and_needs_answers_without_a_server_error(
        client: FlaskClient, auth: Auth, session: Session, text: str) -> None:
    if not getattr(client, "_fuzz_logged_in", False):
        auth.login(make_user(session, Role.SME))
        client._fuzz_logged_in = True  # type: ignore[attr-defined]
    for url in ("/search", "/needs"):
        page = client.get(url, query_string={"q": text})
        assert page.status_code == 200
    api = client.get("/api/v1/search", query_string={"q": text, "ipc": text})
    assert api.status_code in (200, 422)
    posted = client.post("/api/v1/needs", json=_need(title=text or "x", description=text))
    if posted.status_code == 201:
        need_id = posted.json["id"]  # type: ignore[index]
        stored = client.get(f"/api/v1/needs/{need_id}").json
        assert (stored["title"], stored["description"]) == (text or "x", text)  # type: ignore[index]
        assert client.get(f"/needs/{need_id}").status_code == 200
        assert client.get(f"/api/v1/needs/{need_id}/matches").status_code == 200
    else:
        assert posted.status_code == 422
        assert set(posted.json["errors"]) <= {"title", "description"}  # type: ignore[index]
