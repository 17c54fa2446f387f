"""No integer, however large, is a server error: beyond a signed 64-bit integer it is a 404 in a
path, a 422 in an API argument (query, header or JSON body), a field error or "absent" in a page's
query string; on SQLite and on PostgreSQL, anonymously and logged in. Every GET route of the app
is walked with a huge number in each integer slot and each integer query parameter."""

from __future__ import annotations

import re
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlmodel import Session

from marketplace.accounts.models import Role
from tests.conftest import Auth
from tests.factories import make_user

HUGE = 204583879050584148410368  # > 2**63 - 1
JUST_OVER = 2**63
NEGATIVE = -(2**63) - 1
#: Integer query parameters of the pages (their forms' IntegerFields and ``query_int``s).
PAGE_INTEGER_ARGS = ("page", "patentee", "filing_year", "licence", "year", "organisation_id",
                     "fee_year", "per_page", "top", "min_relevance")
ROLES = (None, Role.PATENTEE, Role.SME, Role.OFFICE, Role.MEDIATOR)


def _get_routes(app: Flask) -> list[tuple[str, list[str]]]:
    """(rule, its int slots) of every GET route but the static files."""
    routes = []
    for rule in app.url_map.iter_rules():
        if "GET" not in (rule.methods or ()) or rule.endpoint == "static":
            continue
        if any(type(c).__name__ not in {"BoundedIntConverter", "UnicodeConverter"}
               for c in rule._converters.values()):
            continue  # path:… (Swagger UI assets)
        routes.append((rule.rule, [name for name, converter in rule._converters.items()
                                   if type(converter).__name__ == "BoundedIntConverter"]))
    return sorted(routes)


def _fill(rule: str, values: dict[str, Any]) -> str:
    return re.sub(r"<(?:[^:<>]+:)?([^<>]+)>", lambda m: str(values.get(m[1], "KF-OL-2026-1")),
                  rule)


def _api_integer_query_args(client: FlaskClient) -> dict[str, list[str]]:
    """Each API GET path (OpenAPI form) with its documented integer query parameters."""
    paths = client.get("/api/v1/openapi.json").json["paths"]
    found: dict[str, list[str]] = {}
    for path, operations in paths.items():
        parameters = operations.get("get", {}).get("parameters", [])
        names = [p["name"] for p in parameters
                 if p["in"] == "query" and p.get("schema", {}).get("type") == "integer"]
        if names:
            found[path] = names
    return found


@pytest.fixture()
def as_role(client: FlaskClient, auth: Auth, session: Session):  # type: ignore[no-untyped-def]
    def login(role: Role | None) -> None:
        if role is not None:
            auth.login(make_user(session, role))
    return login


@pytest.mark.parametrize("role", ROLES, ids=lambda r: r.value if r else "anonymous")
def test_every_get_route_survives_huge_integers(app: Flask, client: FlaskClient, as_role: Any,
                                                role: Role | None) -> None:
    as_role(role)
    failures = []
    api_args = _api_integer_query_args(client)
    for rule, slots in _get_routes(app):
        for slot in slots:
            url = _fill(rule, {s: (HUGE if s == slot else 1) for s in slots})
            status = client.get(url).status_code
            if status != 404:
                failures.append((url, status))
        openapi_path = re.sub(r"<(?:[^:<>]+:)?([^<>]+)>", r"{\1}", rule)
        names = api_args.get(openapi_path) if rule.startswith("/api/") else PAGE_INTEGER_ARGS
        for value in (HUGE, JUST_OVER, NEGATIVE, 2**62) if names else ():
            query = "&".join(f"{name}={value}" for name in names)
            response = client.get(f"{_fill(rule, dict.fromkeys(slots, 1))}?{query}")
            response.close()  # the downloads are read whole by their own test
            beyond = value != 2**62  # 2**62 fits: only no server error is asked
            if response.status_code >= 500 or (
                    beyond and rule.startswith("/api/") and response.status_code not in (
                        401, 403, 404, 422)):
                failures.append((f"{rule}?{query}", response.status_code))
    assert failures == [], "\n".join(f"{status} {url}" for url, status in failures)


def test_the_register_api_refuses_a_huge_patentee_with_a_field_error(
        client: FlaskClient) -> None:
    response = client.get(f"/api/v1/register/declarations?patentee={HUGE}")
    assert response.status_code == 422
    assert "patentee" in response.json["errors"]


def test_a_huge_id_in_a_path_is_not_found(client: FlaskClient, auth: Auth,
                                          session: Session) -> None:
    auth.login(make_user(session, Role.SME))
    assert client.get(f"/api/v1/licences/{HUGE}").status_code == 404
    assert client.get(f"/needs/{JUST_OVER}").status_code == 404
    assert client.get(f"/needs/{2**63 - 1}").status_code == 404
    assert client.get(f"/needs/{2**31 - 1}").status_code == 404  # the largest id: none such


def _integer_properties(spec: dict[str, Any], schema: dict[str, Any]) -> list[str]:
    if "$ref" in schema:
        schema = spec["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]
    return [name for name, prop in schema.get("properties", {}).items()
            if prop.get("type") == "integer" and not prop.get("readOnly")]


@pytest.mark.parametrize("role", ROLES[1:], ids=lambda r: r.value)
def test_every_api_body_refuses_huge_integers(client: FlaskClient, as_role: Any,
                                              role: Role) -> None:
    as_role(role)
    spec = client.get("/api/v1/openapi.json").json
    failures = []
    tried = 0
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            if not isinstance(operation, dict):
                continue
            body = operation.get("requestBody", {}).get("content", {}).get("application/json")
            if method not in {"post", "put", "patch"} or body is None:
                continue
            names = _integer_properties(spec, body["schema"])
            if not names:
                continue
            tried += 1
            url = re.sub(r"{[^}]+}", "1", path)
            response = client.open(url, method=method.upper(),
                                   json=dict.fromkeys(names, HUGE),
                                   headers={"Idempotency-Key": "huge"})
            if response.status_code >= 500:
                failures.append((method, url, response.status_code))
    assert tried > 5 and failures == []


def test_a_huge_integer_in_a_body_is_a_field_error(client: FlaskClient, auth: Auth,
                                                   session: Session) -> None:
    auth.login(make_user(session, Role.SME))
    response = client.post("/api/v1/licences", json={"declaration_id": HUGE},
                           headers={"Idempotency-Key": "k"})
    assert response.status_code == 422 and "declaration_id" in response.json["errors"]
    response = client.post("/api/v1/needs", json={
        "title": "t", "description": "d", "industry": "i", "region": "330000",
        "cooperation_mode": "licence", "valid_until": "2030-01-01", "budget_min_fen": HUGE})
    assert response.status_code == 422 and "budget_min_fen" in response.json["errors"]


def test_an_id_beyond_an_integer_column_is_a_field_error(client: FlaskClient, auth: Auth,
                                                        session: Session) -> None:
    """Ids are 32-bit INTEGER columns on PostgreSQL: 2**31 is refused before the query, while
    an amount of that size is a number like any other (found by the fuzz run on PostgreSQL)."""
    auth.login(make_user(session, Role.SME))
    response = client.post("/api/v1/mediation/cases", json={
        "licence_id": 2**31, "subject": "amount_owed", "claims": "c"})
    assert response.status_code == 422 and "licence_id" in response.json["errors"]
    response = client.get(f"/api/v1/patents?owner_id={-(2**40)}")
    assert response.status_code == 422 and "owner_id" in response.json["errors"]
    response = client.post("/api/v1/needs", json={
        "title": "t", "description": "d", "industry": "i", "region": "330000",
        "cooperation_mode": "licence", "valid_until": "2030-01-01", "budget_min_fen": 2**31})
    assert response.status_code != 422 or "budget_min_fen" not in response.json["errors"]


@pytest.mark.parametrize("path", ["/announcements.csv", "/announcements.json"])
def test_a_download_with_a_bad_filter_is_refused_before_anything_is_sent(
        client: FlaskClient, path: str) -> None:
    for query in (f"patentee={HUGE}", "fee_method=no-such-method", "date_from=yesterday"):
        response = client.get(f"{path}?{query}", headers={"Accept-Language": "en"})
        body = response.get_data()  # read whole: a cut stream would raise here
        assert response.status_code == 422, (query, body[:200])
        assert b"filters" in body


def test_a_good_download_is_sent_whole(client: FlaskClient) -> None:
    csv = client.get("/announcements.csv?patentee=1&fee_method=lump_sum")
    assert csv.status_code == 200 and csv.get_data().startswith(b"\xef\xbb\xbfannouncement")
    json_download = client.get("/announcements.json?patentee=1")
    assert json_download.status_code == 200 and json_download.json["items"] == []
