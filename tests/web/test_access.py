"""Who may open what: every role's grants and denials, for pages and the API."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient
from sqlmodel import Session

from marketplace.accounts.models import Role
from tests.conftest import Auth
from tests.factories import make_patent, make_user

ANONYMOUS = None

# (path, role → expected status); 302 for anonymous pages means "sent to the login page".
PAGE_RULES: list[tuple[str, dict[Role | None, int]]] = [
    ("/", {ANONYMOUS: 200, Role.PATENTEE: 200, Role.SME: 200, Role.MEDIATOR: 200,
           Role.OFFICE: 200}),
    ("/portfolio", {ANONYMOUS: 302, Role.PATENTEE: 200, Role.SME: 403, Role.MEDIATOR: 403,
                    Role.OFFICE: 403}),
    ("/portfolio/import", {ANONYMOUS: 302, Role.PATENTEE: 200, Role.SME: 403,
                           Role.MEDIATOR: 403, Role.OFFICE: 403}),
    ("/patents", {ANONYMOUS: 302, Role.PATENTEE: 200, Role.SME: 200, Role.MEDIATOR: 200,
                  Role.OFFICE: 200}),
    ("/account", {ANONYMOUS: 302, Role.PATENTEE: 200, Role.SME: 200, Role.MEDIATOR: 200,
                  Role.OFFICE: 200}),
    ("/office/users", {ANONYMOUS: 302, Role.PATENTEE: 403, Role.SME: 403, Role.MEDIATOR: 403,
                       Role.OFFICE: 200}),
    ("/office/match", {ANONYMOUS: 302, Role.PATENTEE: 403, Role.SME: 403, Role.MEDIATOR: 403,
                       Role.OFFICE: 200}),
]

API_RULES: list[tuple[str, dict[Role | None, int]]] = [
    ("/api/v1/health", {ANONYMOUS: 200, Role.SME: 200}),
    ("/api/v1/me", {ANONYMOUS: 401, Role.PATENTEE: 200, Role.SME: 200, Role.MEDIATOR: 200,
                    Role.OFFICE: 200}),
    ("/api/v1/patents", {ANONYMOUS: 401, Role.PATENTEE: 200, Role.SME: 200,
                         Role.MEDIATOR: 200, Role.OFFICE: 200}),
    ("/api/v1/tokens", {ANONYMOUS: 401, Role.SME: 200}),
]


def _cases(rules: list[tuple[str, dict[Role | None, int]]]) -> list[tuple[str, Role | None, int]]:
    return [(path, role, status) for path, by_role in rules for role, status in by_role.items()]


@pytest.mark.parametrize(("path", "role", "status"), _cases(PAGE_RULES + API_RULES))
def test_access(client: FlaskClient, auth: Auth, session: Session, path: str,
                role: Role | None, status: int) -> None:
    if role is not None:
        auth.login(make_user(session, role))
    response = client.get(path)
    assert response.status_code == status
    if status == 302:
        assert "/login" in response.headers["Location"]
    if path.startswith("/api/") and status == 401:
        assert response.json == {"code": "unauthorized", "status": 401,
                                 "message": response.json["message"]}


def test_patentee_cannot_change_another_organisations_patent(
        client: FlaskClient, auth: Auth, session: Session) -> None:
    owner = make_user(session, Role.PATENTEE)
    intruder = make_user(session, Role.PATENTEE)
    patent = make_patent(session, owner)
    auth.login(intruder)
    response = client.post(f"/api/v1/patents/{patent.id}/encumbrances",
                           json={"kind": "pledge", "pledgee_consent": True})
    assert response.status_code == 403
    assert response.json["code"] == "forbidden"
    page = client.get(f"/patents/{patent.id}").get_data(as_text=True)
    assert "/encumbrances" not in page


def test_owner_records_encumbrance_via_api(client: FlaskClient, auth: Auth,
                                           session: Session) -> None:
    owner = make_user(session, Role.PATENTEE)
    patent = make_patent(session, owner)
    auth.login(owner)
    response = client.post(f"/api/v1/patents/{patent.id}/encumbrances",
                           json={"kind": "pledge", "pledgee_consent": False,
                                 "reference": "ZY2025-001"})
    assert response.status_code == 201
    detail = client.get(f"/api/v1/patents/{patent.id}").json
    assert [e["kind"] for e in detail["encumbrances"]] == ["pledge"]


def test_pledge_without_consent_answer_is_refused(client: FlaskClient, auth: Auth,
                                                  session: Session) -> None:
    owner = make_user(session, Role.PATENTEE)
    patent = make_patent(session, owner)
    auth.login(owner)
    response = client.post(f"/api/v1/patents/{patent.id}/encumbrances", json={"kind": "pledge"})
    assert response.status_code == 422
    assert "pledgee_consent" in response.json["errors"]
