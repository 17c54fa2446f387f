"""The search page and API: who searches what, facets, sorting, paging, highlights, any input."""

from __future__ import annotations

import re

import pytest
from flask.testing import FlaskClient
from sqlmodel import Session

from marketplace.accounts.models import Role
from marketplace.fees.rules import PatentKind
from marketplace.patents.models import Patent
from marketplace.search.explain import safe_highlight
from search_index import PatentDocument, SearchIndex
from tests.conftest import Auth
from tests.factories import make_patent, make_user
from tests.search.conftest import IndexPatents, document


def _hit_ids(html: str) -> list[int]:
    return [int(i) for i in re.findall(r'<li class="hit" data-patent-id="(\d+)"', html)]


def _tea_register(session: Session, index_patents: IndexPatents) -> tuple[Patent, Patent]:
    """Two tea-fixing patents: one an announced open licence, one not."""
    owner = make_user(session, Role.PATENTEE)
    announced = make_patent(session, owner, title="一种电磁加热式名优绿茶滚筒杀青机")
    private = make_patent(session, owner, title="一种余热回收式杀青装置",
                          kind=PatentKind.UTILITY_MODEL)
    index_patents([announced, private], announced=[announced])
    return announced, private


@pytest.mark.parametrize("crafted", [
    "",
    "&declaration_status=",
    "&declaration_status=draft&declaration_status=announced",
    "&open=0",
    "&open_only=false",
])
def test_public_search_never_shows_unannounced_patents(
        client: FlaskClient, session: Session, index_patents: IndexPatents,
        crafted: str) -> None:
    announced, _private = _tea_register(session, index_patents)
    page = client.get(f"/search?q=杀青{crafted}")
    assert page.status_code == 200
    assert _hit_ids(page.get_data(as_text=True)) == [announced.id]
    api = client.get(f"/api/v1/search?q=杀青{crafted}")
    assert api.status_code == 200  # unknown parameters are ignored
    assert [item["patent"]["id"] for item in api.json["items"]] == [announced.id]
    assert api.json["open_only"] is True


def test_logged_in_users_search_the_whole_register_or_open_licences_only(
        client: FlaskClient, auth: Auth, session: Session,
        index_patents: IndexPatents) -> None:
    announced, private = _tea_register(session, index_patents)
    auth.login(make_user(session, Role.SME))
    html = client.get("/search?q=杀青").get_data(as_text=True)
    assert set(_hit_ids(html)) == {announced.id, private.id}
    open_badge = html.split(f'data-patent-id="{announced.id}"')[1].split("</h3>")[0]
    assert 'class="badge open"' in open_badge
    private_title = html.split(f'data-patent-id="{private.id}"')[1].split("</h3>")[0]
    assert 'class="badge open"' not in private_title
    assert _hit_ids(client.get("/search?q=杀青&open=1").get_data(as_text=True)) == [announced.id]
    api = client.get("/api/v1/search?q=杀青&open_only=true").json
    assert [item["patent"]["id"] for item in api["items"]] == [announced.id]
    assert [item["announced"] for item in api["items"]] == [True]


def test_facets_count_and_link_to_add_and_remove_filters(
        client: FlaskClient, auth: Auth, session: Session,
        index_patents: IndexPatents) -> None:
    _announced, private = _tea_register(session, index_patents)
    auth.login(make_user(session, Role.SME))
    html = client.get("/search?q=杀青").get_data(as_text=True)
    kind_facet = html.split('id="facet-kind"')[1].split("</section>")[0]
    links = dict(re.findall(r'<a href="([^"]+)"[^>]*>([^<]+)</a> <span class="count">1</span>',
                            kind_facet))
    assert len(links) == 2  # invention 1, utility model 1
    add_utility = next(href for href in links if "kind=utility_model" in href)
    filtered = client.get(add_utility.replace("&amp;", "&")).get_data(as_text=True)
    assert _hit_ids(filtered) == [private.id]
    # The facet still offers the alternative, and the selected value's link removes it.
    kind_facet = filtered.split('id="facet-kind"')[1].split("</section>")[0]
    selected = re.search(r'<a href="([^"]+)" class="selected"', kind_facet)
    assert selected and "kind=" not in selected.group(1)
    assert "kind=invention" in kind_facet
    ipc_facet = filtered.split('id="facet-ipc"')[1].split("</section>")[0]
    assert "A23F" in ipc_facet
    api = client.get("/api/v1/search?q=杀青&kind=utility_model").json
    assert {f["value"]: f["count"] for f in api["facets"]["kind"]} == {
        "invention": 1, "utility_model": 1}
    assert api["total"] == 1


def test_sort_by_fee_and_paging_keep_repeated_filters(
        client: FlaskClient, session: Session, index: SearchIndex) -> None:
    owner = make_user(session, Role.PATENTEE)
    patents = [make_patent(session, owner, title=f"一种茶叶杀青机{i}") for i in range(3)]
    fees = [30_000, 10_000, 20_000]
    index.upsert([document(session, p, announced=True, fee_yuan=fee)
                  for p, fee in zip(patents, fees, strict=True)])
    cheapest_first = [patents[1].id, patents[2].id, patents[0].id]
    api = client.get("/api/v1/search?q=杀青&sort=fee").json
    assert [item["patent"]["id"] for item in api["items"]] == cheapest_first
    first = client.get("/api/v1/search?q=杀青&sort=fee&per_page=2&page=2").json
    assert [item["patent"]["id"] for item in first["items"]] == cheapest_first[2:]
    html = client.get("/search?q=杀青&kind=invention&kind=utility_model&sort=fee") \
        .get_data(as_text=True)
    assert _hit_ids(html) == cheapest_first


def _fields(doc: PatentDocument) -> dict[str, object]:
    return {name: getattr(doc, name) for name in doc.__dataclass_fields__}


def test_highlights_are_escaped_and_user_text_too(
        client: FlaskClient, session: Session, index_patents: IndexPatents) -> None:
    owner = make_user(session, Role.PATENTEE)
    evil = make_patent(session, owner, title="<script>alert(1)</script> 杀青 & <b>机</b>",
                       abstract="<img src=x onerror=alert(2)> 杀青设备")
    index_patents([], announced=[evil])
    html = client.get('/search?q=杀青"><svg onload=x>').get_data(as_text=True)
    assert _hit_ids(html) == [evil.id]
    assert "<script>alert" not in html
    assert "<img src=x" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert '<mark class="match term0">杀青</mark>' in html
    assert 'value="杀青&#34;&gt;&lt;svg onload=x&gt;"' in html
    assert "<svg" not in html
    highlight = client.get("/api/v1/search?q=杀青").json["items"][0]["explanation"]
    assert "<script>" not in highlight["highlights"]["title"]
    assert highlight["words"]["title"] == ["杀青"]


def test_a_highlight_that_is_not_ours_is_escaped_again() -> None:
    ours = 'a &lt;b&gt; <mark class="match term0">杀青</mark>'
    assert str(safe_highlight(ours)) == ours
    forged = '<mark class="match term0">x</mark><img src=x onerror=alert(1)>'
    assert "<img" not in str(safe_highlight(forged))


@pytest.mark.parametrize("text", [
    '"', "'", '"杀青', "((杀青", "杀青))", "[C02F", "AND", "OR NOT *", "杀青 AND NOT", "*?~^",
    "🍵🔥 杀青", "x" * 10_000, "杀青" * 6_000, "\\", "%", "%(name)s", "C02F 3/28", "c02f3/28",
    "{{ 7*7 }}", "\t\n", "ـ", "\u200b", "a" * 200 + " " + "b" * 200,
])
def test_any_input_gives_a_page_not_an_error(
        client: FlaskClient, session: Session, index_patents: IndexPatents,
        text: str) -> None:
    _tea_register(session, index_patents)
    page = client.get("/search", query_string={"q": text, "ipc": text, "filing_year": text,
                                               "page": text, "sort": text})
    assert page.status_code == 200
    if text == "{{ 7*7 }}":
        assert 'value="{{ 7*7 }}"' in page.get_data(as_text=True)
    api = client.get("/api/v1/search", query_string={"q": text})
    assert api.status_code == 200


def test_api_rejects_malformed_filters_with_field_errors(client: FlaskClient) -> None:
    response = client.get("/api/v1/search?kind=spaceship&per_page=1000&region=999999")
    assert response.status_code == 422
    assert set(response.json["errors"]) == {"kind", "per_page", "region"}


def test_search_is_linked_from_home_and_navigation(client: FlaskClient) -> None:
    html = client.get("/").get_data(as_text=True)
    assert 'action="/search"' in html
    assert 'href="/search"' in html.split("</nav>")[0]


def test_openapi_documents_search_needs_and_notifications(client: FlaskClient) -> None:
    spec = client.get("/api/v1/openapi.json").json
    parameters = {p["name"] for p in spec["paths"]["/api/v1/search"]["get"]["parameters"]}
    assert {"q", "kind", "ipc", "fee_method", "patentee", "region", "filing_year",
            "open_only", "sort", "page", "per_page"} <= parameters
    assert {"/api/v1/needs", "/api/v1/needs/{need_id}/matches", "/api/v1/saved-searches",
            "/api/v1/notifications"} <= set(spec["paths"])
