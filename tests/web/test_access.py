"""Who may open what: every role's grants and denials, for pages and the API."""

from __future__ import annotations

import io

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlmodel import Session

from marketplace.accounts.models import Role
from marketplace.declarations.rules import DeclarationStatus
from marketplace.mediation import services
from tests.conftest import Auth
from tests.factories import make_declaration, make_patent, make_user
from tests.mediation.conftest import make_people, open_as

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
    ("/search", {ANONYMOUS: 200, Role.PATENTEE: 200, Role.SME: 200, Role.MEDIATOR: 200,
                 Role.OFFICE: 200}),
    ("/needs", {ANONYMOUS: 302, Role.PATENTEE: 200, Role.SME: 200, Role.MEDIATOR: 200,
                Role.OFFICE: 200}),
    ("/needs/new", {ANONYMOUS: 302, Role.PATENTEE: 403, Role.SME: 200, Role.MEDIATOR: 403,
                    Role.OFFICE: 403}),
    ("/alerts", {ANONYMOUS: 302, Role.PATENTEE: 403, Role.SME: 200, Role.MEDIATOR: 403,
                 Role.OFFICE: 403}),
    ("/notifications", {ANONYMOUS: 302, Role.PATENTEE: 200, Role.SME: 200, Role.MEDIATOR: 200,
                        Role.OFFICE: 200}),
    ("/declarations", {ANONYMOUS: 302, Role.PATENTEE: 200, Role.SME: 403, Role.MEDIATOR: 403,
                       Role.OFFICE: 403}),
    ("/portfolio/declare", {ANONYMOUS: 302, Role.PATENTEE: 200, Role.SME: 403,
                            Role.MEDIATOR: 403, Role.OFFICE: 403}),
    ("/office/declarations", {ANONYMOUS: 302, Role.PATENTEE: 403, Role.SME: 403,
                              Role.MEDIATOR: 403, Role.OFFICE: 200}),
    ("/fees/calculator", {ANONYMOUS: 200, Role.PATENTEE: 200, Role.SME: 200, Role.MEDIATOR: 200,
                          Role.OFFICE: 200}),
    ("/fees/ledger", {ANONYMOUS: 302, Role.PATENTEE: 200, Role.SME: 403, Role.MEDIATOR: 403,
                      Role.OFFICE: 403}),
    ("/fees/statements", {ANONYMOUS: 302, Role.PATENTEE: 200, Role.SME: 403,
                          Role.MEDIATOR: 403, Role.OFFICE: 200}),
    ("/fees/statements.csv", {ANONYMOUS: 302, Role.PATENTEE: 200, Role.SME: 403,
                              Role.MEDIATOR: 403, Role.OFFICE: 200}),
    ("/fees/statements.xlsx", {ANONYMOUS: 302, Role.PATENTEE: 200, Role.SME: 403,
                               Role.MEDIATOR: 403, Role.OFFICE: 200}),
    ("/office/fees", {ANONYMOUS: 302, Role.PATENTEE: 403, Role.SME: 403, Role.MEDIATOR: 403,
                      Role.OFFICE: 200}),
    ("/announcements", {ANONYMOUS: 200, Role.PATENTEE: 200, Role.SME: 200,
        Role.MEDIATOR: 200, Role.OFFICE: 200}),
    ("/announcements/withdrawals", {ANONYMOUS: 200, Role.PATENTEE: 200, Role.SME: 200,
        Role.MEDIATOR: 200, Role.OFFICE: 200}),
    ("/announcements.csv", {ANONYMOUS: 200, Role.PATENTEE: 200, Role.SME: 200,
        Role.MEDIATOR: 200, Role.OFFICE: 200}),
    ("/announcements.json", {ANONYMOUS: 200, Role.PATENTEE: 200, Role.SME: 200,
        Role.MEDIATOR: 200, Role.OFFICE: 200}),
    ("/announcements.atom", {ANONYMOUS: 200, Role.PATENTEE: 200, Role.SME: 200,
        Role.MEDIATOR: 200, Role.OFFICE: 200}),
    ("/announcements/recordals", {ANONYMOUS: 200, Role.PATENTEE: 200, Role.SME: 200,
        Role.MEDIATOR: 200, Role.OFFICE: 200}),
    ("/statistics", {ANONYMOUS: 200, Role.PATENTEE: 200, Role.SME: 200,
        Role.MEDIATOR: 200, Role.OFFICE: 200}),
    ("/mediation/cases", {ANONYMOUS: 302, Role.PATENTEE: 200, Role.SME: 200, Role.MEDIATOR: 200,
                          Role.OFFICE: 200}),
    ("/mediation/open", {ANONYMOUS: 302, Role.PATENTEE: 200, Role.SME: 200, Role.MEDIATOR: 403,
                         Role.OFFICE: 403}),
    ("/office/mediation/statistics", {ANONYMOUS: 302, Role.PATENTEE: 403, Role.SME: 403,
                                      Role.MEDIATOR: 403, Role.OFFICE: 200}),
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
    ("/api/v1/search", {ANONYMOUS: 200, Role.PATENTEE: 200, Role.SME: 200, Role.MEDIATOR: 200,
                        Role.OFFICE: 200}),
    ("/api/v1/needs", {ANONYMOUS: 401, Role.PATENTEE: 200, Role.SME: 200, Role.MEDIATOR: 200,
                       Role.OFFICE: 200}),
    ("/api/v1/saved-searches", {ANONYMOUS: 401, Role.PATENTEE: 403, Role.SME: 200,
                                Role.MEDIATOR: 403, Role.OFFICE: 403}),
    ("/api/v1/notifications", {ANONYMOUS: 401, Role.PATENTEE: 200, Role.SME: 200,
                               Role.MEDIATOR: 200, Role.OFFICE: 200}),
    ("/api/v1/declarations", {ANONYMOUS: 401, Role.PATENTEE: 200, Role.SME: 403,
                              Role.MEDIATOR: 403, Role.OFFICE: 200}),
    ("/api/v1/office/declarations", {ANONYMOUS: 401, Role.PATENTEE: 403, Role.SME: 403,
                                     Role.MEDIATOR: 403, Role.OFFICE: 200}),
    # The calculator is POST only (public; see tests/fees/test_calculator.py).
    ("/api/v1/fees/calculate", {ANONYMOUS: 405, Role.SME: 405}),
    ("/api/v1/register/declarations", {ANONYMOUS: 200, Role.PATENTEE: 200, Role.SME: 200,
                                       Role.MEDIATOR: 200, Role.OFFICE: 200}),
    ("/api/v1/mediation/cases", {ANONYMOUS: 401, Role.PATENTEE: 200, Role.SME: 200,
                                 Role.MEDIATOR: 200, Role.OFFICE: 200}),
    ("/api/v1/mediation/statistics", {ANONYMOUS: 401, Role.PATENTEE: 403, Role.SME: 403,
                                      Role.MEDIATOR: 403, Role.OFFICE: 200}),
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


# Declaration routes by actor: the declaring patentee ("owner"), another patentee ("stranger"),
# the other roles and anonymous visitors. {patent}, {draft} and {announced} are filled in.
# Pages send anonymous visitors to the login page (302); the API answers 401.
_A, _O, _X, _S, _M, _F = "anonymous", "owner", "stranger", "sme", "mediator", "office"
DECLARATION_RULES: list[tuple[str, str, dict[str, int]]] = [
    ("GET", "/patents/{patent}/declare", {_A: 302, _O: 200, _X: 403, _S: 403, _F: 403}),
    ("POST", "/patents/{patent}/declare", {_A: 302, _X: 403, _S: 403, _F: 403}),
    ("GET", "/declarations/{draft}", {_A: 302, _O: 200, _X: 404, _S: 404, _M: 404, _F: 200}),
    ("GET", "/declarations/{announced}", {_A: 302, _O: 200, _X: 200, _S: 200, _F: 200}),
    ("GET", "/declarations/{draft}/edit", {_A: 302, _O: 200, _X: 404, _S: 403, _F: 403}),
    ("POST", "/declarations/{draft}/edit", {_A: 302, _X: 404, _S: 403, _F: 403}),
    ("GET", "/declarations/{draft}/estimate", {_A: 302, _O: 200, _X: 404, _S: 403, _F: 403}),
    ("POST", "/declarations/{draft}/estimate", {_A: 302, _X: 404, _S: 403, _F: 403}),
    ("POST", "/declarations/{draft}/estimate/apply", {_A: 302, _X: 404, _S: 403, _F: 403}),
    ("GET", "/declarations/{draft}/check", {_A: 302, _O: 200, _X: 404, _S: 403, _F: 200}),
    ("POST", "/declarations/{draft}/submit", {_A: 302, _X: 404, _S: 403, _F: 403}),
    ("GET", "/declarations/{draft}/consents", {_A: 302, _O: 200, _X: 404, _S: 403, _F: 403}),
    ("POST", "/declarations/{draft}/consents/request", {_A: 302, _X: 404, _S: 403, _F: 403}),
    ("POST", "/declarations/{draft}/consents/give", {_A: 302, _X: 404, _S: 403, _F: 403}),
    ("POST", "/declarations/{draft}/consents/written/declare",
     {_A: 302, _X: 404, _S: 403, _F: 403}),
    ("GET", "/declarations/{announced}/withdraw", {_A: 302, _O: 200, _X: 403, _S: 403,
                                                   _F: 403}),
    ("POST", "/declarations/{announced}/withdraw", {_A: 302, _X: 403, _S: 403, _F: 403}),
    ("GET", "/office/declarations/{draft}", {_A: 302, _O: 403, _X: 403, _S: 403, _F: 200}),
    ("POST", "/office/declarations/{draft}", {_A: 302, _O: 403, _X: 403, _S: 403}),
    ("GET", "/api/v1/declarations/{draft}", {_A: 401, _O: 200, _X: 404, _S: 404, _F: 200}),
    ("GET", "/api/v1/declarations/{announced}", {_A: 401, _S: 200, _M: 200}),
    ("PATCH", "/api/v1/declarations/{draft}", {_A: 401, _X: 404, _S: 403, _F: 403}),
    ("POST", "/api/v1/declarations", {_A: 401, _S: 403, _M: 403, _F: 403}),
    ("POST", "/api/v1/declarations/bulk", {_A: 401, _S: 403, _F: 403}),
    ("POST", "/api/v1/declarations/{draft}/estimate", {_A: 401, _X: 404, _S: 403, _F: 403}),
    ("POST", "/api/v1/declarations/{draft}/estimate/apply",
     {_A: 401, _X: 404, _S: 403, _F: 403}),
    ("POST", "/api/v1/declarations/{draft}/consent-requests",
     {_A: 401, _X: 404, _S: 403, _F: 403}),
    ("GET", "/api/v1/declarations/{draft}/consents", {_A: 401, _O: 200, _X: 404, _S: 404,
                                                      _F: 200}),
    ("POST", "/api/v1/declarations/{draft}/consents", {_A: 401, _X: 404, _S: 403, _F: 403}),
    ("GET", "/api/v1/declarations/{draft}/check", {_A: 401, _O: 200, _X: 404, _S: 403,
                                                   _F: 200}),
    ("POST", "/api/v1/declarations/{draft}/submission", {_A: 401, _X: 404, _S: 403,
                                                         _F: 403}),
    ("POST", "/api/v1/declarations/{draft}/decision", {_A: 401, _O: 403, _X: 403, _S: 403}),
    ("POST", "/api/v1/declarations/{announced}/withdrawal-request",
     {_A: 401, _X: 403, _S: 403, _F: 403}),
    ("POST", "/api/v1/declarations/{announced}/withdrawal-decision",
     {_A: 401, _O: 403, _S: 403}),
    ("POST", "/api/v1/declarations/{announced}/false-materials", {_A: 401, _O: 403, _S: 403}),
]


API_BODIES: dict[str, dict[str, object]] = {
    "estimate": {"method": "industry_statistics", "licence_years": "5", "basis_source": "x",
                 "annual_net_sales": "1000000", "reference_rate_pct": "3", "rate_source": "x"},
    "apply": {"method": "lump_sum"},
    "consent-requests": {"purpose": "declare"},
    "consents": {"purpose": "declare"},
    "withdrawal-request": {"reason": "x"},
    "withdrawal-decision": {"decision": "announce"},
    "decision": {"decision": "announce"},
    "false-materials": {"flagged_on": "2026-11-21", "note": "x"},
}


@pytest.mark.parametrize(("method", "path", "actor", "status"), [
    (method, path, actor, status)
    for method, path, by_actor in DECLARATION_RULES for actor, status in by_actor.items()])
def test_declaration_access(client: FlaskClient, auth: Auth, session: Session, method: str,
                            path: str, actor: str, status: int) -> None:
    owner = make_user(session, Role.PATENTEE)
    patent = make_patent(session, owner)
    draft = make_declaration(session, patent)
    announced = make_declaration(session, make_patent(session, owner),
                                 DeclarationStatus.ANNOUNCED)
    users = {_O: lambda: owner, _X: lambda: make_user(session, Role.PATENTEE),
             _S: lambda: make_user(session, Role.SME),
             _M: lambda: make_user(session, Role.MEDIATOR),
             _F: lambda: make_user(session, Role.OFFICE)}
    if actor != _A:
        auth.login(users[actor]())
    url = path.format(patent=patent.id, draft=draft.id, announced=announced.id)
    if "/api/" in url:  # a valid body, so that the answer is about the actor, not the input
        body = dict(API_BODIES.get(url.rsplit("/", 1)[-1], {}))
        body.update({"patent_id": patent.id, "patent_ids": [patent.id]}
                    if url.endswith(("declarations", "bulk")) else {})
        response = client.open(url, method=method, json=body)
    else:
        response = client.open(url, method=method, data={"purpose": "declare"})
    assert response.status_code == status, response.get_data(as_text=True)[:300]
    if status == 302:
        assert "/login" in response.headers["Location"]


@pytest.mark.parametrize("role", [ANONYMOUS, *Role])
@pytest.mark.parametrize("path", ["/announcements/{number}", "/announcements/{withdrawal}",
                                  "/api/v1/register/declarations/{number}"])
def test_public_register_entries_are_open_to_all(client: FlaskClient, auth: Auth,
                                                 session: Session, path: str,
                                                 role: Role | None) -> None:
    owner = make_user(session, Role.PATENTEE)
    announced = make_declaration(session, make_patent(session, owner),
                                 DeclarationStatus.ANNOUNCED)
    withdrawn = make_declaration(session, make_patent(session, owner),
                                 DeclarationStatus.WITHDRAWN)
    if role is not None:
        auth.login(make_user(session, role))
    url = path.format(number=announced.announcement_number,
                      withdrawal=withdrawn.withdrawal_number)
    assert client.get(url).status_code == 200
# Mediation case routes by actor: the case's applicant (the licensee SME), its respondent (the
# patentee), its assigned mediator, the office, and everyone else: another SME, another
# patentee, another mediator, anonymous. A case exists only for the first four (D16): the others
# get 404 (anonymous: the login page, or 401 from the API). {case} and {doc} are filled in;
# POSTs carry no valid body, so a party's answer is about the input (422) or the step (409).
_AP, _RE, _ME, _OS, _OP, _OM = ("applicant", "respondent", "case-mediator", "other-sme",
                                "other-patentee", "other-mediator")
_OUTSIDERS = {_OS: 404, _OP: 404, _OM: 404}
MEDIATION_RULES: list[tuple[str, str, dict[str, int]]] = [
    ("GET", "/mediation/cases/{case}", {_A: 302, _AP: 200, _RE: 200, _ME: 200, _F: 200,
                                        **_OUTSIDERS}),
    ("GET", "/mediation/cases/{case}/documents/{doc}", {_A: 302, _AP: 200, _RE: 200, _ME: 200,
                                                        _F: 200, **_OUTSIDERS}),
    ("POST", "/mediation/cases/{case}/messages", {_A: 302, _AP: 422, _ME: 422, **_OUTSIDERS}),
    ("POST", "/mediation/cases/{case}/steps/terminate", {_A: 302, _ME: 422, _F: 422,
                                                         **_OUTSIDERS}),
    ("POST", "/mediation/cases/{case}/steps/withdraw", {_A: 302, **_OUTSIDERS}),
    ("GET", "/api/v1/mediation/cases/{case}", {_A: 401, _AP: 200, _RE: 200, _ME: 200, _F: 200,
                                               **_OUTSIDERS}),
    ("GET", "/api/v1/mediation/cases/{case}/messages", {_A: 401, _AP: 200, _RE: 200, _ME: 200,
                                                        _F: 200, **_OUTSIDERS}),
    ("POST", "/api/v1/mediation/cases/{case}/messages", {_A: 401, _RE: 422, _F: 422,
                                                         **_OUTSIDERS}),
    ("GET", "/api/v1/mediation/cases/{case}/messages/{doc}/document",
     {_A: 401, _AP: 200, _RE: 200, _ME: 200, _F: 200, **_OUTSIDERS}),
    ("POST", "/api/v1/mediation/cases/{case}/steps", {_A: 401, _AP: 403, _RE: 403, _ME: 409,
                                                      _F: 403, **_OUTSIDERS}),
]


@pytest.mark.parametrize(("method", "path", "actor", "status"), [
    (method, path, actor, status)
    for method, path, by_actor in MEDIATION_RULES for actor, status in by_actor.items()])
def test_mediation_case_access(app: Flask, client: FlaskClient, auth: Auth, session: Session,
                               method: str, path: str, actor: str, status: int) -> None:
    people = make_people(session)
    case = open_as(session, people, app)
    assert case.id is not None and people.mediator.id is not None
    with app.app_context():
        services.answer(session, actor=people.patentee, case_id=case.id, agree=True)
        services.accept(session, actor=people.office, case_id=case.id)
        services.assign_mediator(session, actor=people.office, case_id=case.id,
                                 mediator_id=people.mediator.id)
        services.start_mediation(session, actor=people.mediator, case_id=case.id)
        document = services.post_message(
            session, actor=people.sme, case_id=case.id, body="发票",
            upload=services.Upload(io.BytesIO(b"%PDF-1.4 x"), "invoice.pdf"),
            storage=people.storage(app))
    users = {_AP: lambda: people.sme, _RE: lambda: people.patentee,
             _ME: lambda: people.mediator, _F: lambda: people.office,
             _OS: lambda: make_user(session, Role.SME),
             _OP: lambda: make_user(session, Role.PATENTEE),
             _OM: lambda: make_user(session, Role.MEDIATOR)}
    if actor != _A:
        auth.login(users[actor]())
    url = path.format(case=case.id, doc=document.id)
    body = {"action": "record_agreement"} if url.endswith("/steps") else {}
    response = (client.open(url, method=method, json=body) if "/api/" in url and body
                else client.open(url, method=method, data={}))
    text = response.get_data(as_text=True)
    response.close()
    assert response.status_code == status, text[:300]
    if status in (401, 404):
        assert case.number not in text and "invoice.pdf" not in text
# Licensing routes by actor: the licensee SME, another SME, the licensor patentee, another
# patentee, the mediator, the office and anonymous visitors. {licence} is an effective licence
# (free terms) with a pending record-filing {recordal}; {payment} its payment; {number} the
# announcement; {patent} the licensed patent.
_L, _Y = "licensee", "other_sme"
LICENSING_RULES: list[tuple[str, str, dict[str, int]]] = [
    ("GET", "/licences", {_A: 302, _L: 200, _Y: 200, _O: 200, _M: 403, _F: 403}),
    ("GET", "/licences/{licence}", {_A: 302, _L: 200, _Y: 404, _O: 200, _X: 404, _M: 403,
                                    _F: 200}),
    ("GET", "/licences/{licence}/notice", {_A: 302, _L: 200, _Y: 404, _O: 200, _X: 404,
                                           _M: 403, _F: 200}),
    ("GET", "/licences/{licence}/notice.zh.pdf", {_A: 302, _L: 200, _Y: 404, _X: 404, _M: 403,
                                                  _F: 200}),
    ("GET", "/licences/{licence}/notice.en.pdf", {_A: 302, _O: 200, _Y: 404}),
    ("GET", "/licences/{licence}/recordal-package", {_A: 302, _L: 200, _Y: 404, _O: 200,
                                                     _X: 404, _M: 403, _F: 200}),
    ("GET", "/licences/{licence}/pay", {_A: 302, _L: 200, _Y: 404, _O: 403, _M: 403, _F: 403}),
    ("POST", "/licences/{licence}/pay", {_A: 302, _Y: 404, _O: 403, _M: 403, _F: 403}),
    ("GET", "/licences/{licence}/payments/{payment}/proof", {_A: 302, _L: 404, _Y: 404,
                                                             _X: 404, _M: 403}),
    ("POST", "/licences/{licence}/payments/{payment}/confirm", {_A: 302, _L: 403, _Y: 403,
                                                                _M: 403, _F: 403}),
    ("GET", "/licences/{licence}/report", {_A: 302, _L: 200, _Y: 404, _O: 403, _F: 403}),
    ("POST", "/licences/{licence}/recordal", {_A: 302, _M: 403, _F: 403}),
    ("POST", "/licences/{licence}/terminate", {_A: 302, _M: 403, _F: 403}),
    ("POST", "/licences/{licence}/terminate/confirm", {_A: 302, _M: 403, _F: 403}),
    ("GET", "/open-licences/{number}/take", {_A: 302, _L: 200, _Y: 200, _O: 403, _M: 403,
                                             _F: 403}),
    ("POST", "/open-licences/{number}/take", {_A: 302, _O: 403, _M: 403, _F: 403}),
    ("GET", "/office/recordals", {_A: 302, _L: 403, _O: 403, _M: 403, _F: 200}),
    ("GET", "/office/recordals/{recordal}", {_A: 302, _L: 403, _O: 403, _M: 403, _F: 200}),
    ("POST", "/office/recordals/{recordal}/accept", {_A: 302, _L: 403, _O: 403, _M: 403}),
    ("POST", "/office/recordals/{recordal}/refuse", {_A: 302, _L: 403, _O: 403, _M: 403}),
    ("GET", "/patents/{patent}/negotiated-licences", {_A: 302, _O: 200, _X: 403, _L: 403,
                                                      _M: 403, _F: 403}),
    ("POST", "/patents/{patent}/negotiated-licences", {_A: 302, _X: 403, _L: 403, _F: 403}),
    ("GET", "/api/v1/licences", {_A: 401, _L: 200, _O: 200, _M: 403, _F: 403}),
    ("POST", "/api/v1/licences", {_A: 401, _O: 403, _M: 403, _F: 403}),
    ("GET", "/api/v1/licences/{licence}", {_A: 401, _L: 200, _Y: 404, _O: 200, _X: 404,
                                           _M: 403, _F: 200}),
    ("POST", "/api/v1/licences/{licence}/payments", {_A: 401, _Y: 404, _O: 403, _M: 403,
                                                     _F: 403}),
    ("POST", "/api/v1/licence-payments/{payment}/confirm", {_A: 401, _L: 403, _Y: 403,
                                                            _X: 404, _M: 403, _F: 403}),
    ("POST", "/api/v1/licences/{licence}/reports", {_A: 401, _Y: 404, _O: 403, _F: 403}),
    ("POST", "/api/v1/licences/{licence}/recordals", {_A: 401, _Y: 404, _X: 404, _M: 403,
                                                      _F: 403}),
    ("POST", "/api/v1/licences/{licence}/termination", {_A: 401, _Y: 404, _X: 404, _M: 403,
                                                        _F: 403}),
    ("POST", "/api/v1/licences/{licence}/termination/confirm", {_A: 401, _Y: 404, _M: 403,
                                                                _F: 403}),
    ("GET", "/api/v1/office/recordals", {_A: 401, _L: 403, _O: 403, _M: 403, _F: 200}),
    ("POST", "/api/v1/recordals/{recordal}/accept", {_A: 401, _L: 403, _O: 403, _M: 403}),
    ("POST", "/api/v1/recordals/{recordal}/refuse", {_A: 401, _L: 403, _O: 403, _M: 403}),
    ("GET", "/api/v1/recorded-licences", {_A: 200, _L: 200, _M: 200}),
    ("GET", "/api/v1/patents/{patent}/negotiated-licences", {_A: 401, _O: 200, _X: 403,
                                                             _L: 403, _F: 403}),
    ("POST", "/api/v1/patents/{patent}/negotiated-licences", {_A: 401, _X: 403, _L: 403,
                                                              _F: 403}),
]

LICENSING_BODIES: dict[str, dict[str, object]] = {
    "payments": {"amount_fen": 100, "paid_on": "2026-11-21"},
    "reports": {"period_start": "2026-12-01", "period_end": "2027-02-28", "net_sales_fen": 1},
    "termination": {"from_day": "2099-01-01"},
    "accept": {"record_date": "2026-11-21"},
    "refuse": {"grounds": ["duplicate"]},
    "negotiated-licences": {"kind": "ordinary", "licensee_name": "某公司",
                            "start": "2027-01-01"},
}


@pytest.mark.parametrize(("method", "path", "actor", "status"), [
    (method, path, actor, status)
    for method, path, by_actor in LICENSING_RULES for actor, status in by_actor.items()])
def test_licensing_access(client: FlaskClient, auth: Auth, session: Session, method: str,
                          path: str, actor: str, status: int) -> None:
    import datetime as dt

    from marketplace.declarations.terms import FeeMethod, FeeTerms
    from marketplace.licensing import recordals, services
    from marketplace.licensing.policy import LicensingPolicy
    from tests.licensing.conftest import declared

    owner = make_user(session, Role.PATENTEE)
    licensee = make_user(session, Role.SME)
    patent = make_patent(session, owner)
    declaration = declared(session, patent, FeeTerms(FeeMethod.FREE))
    now = dt.datetime(2026, 11, 21, 2, tzinfo=dt.UTC)
    licence = services.take_licence(session, actor=licensee,
                                    declaration_id=declaration.id or 0,
                                    policy=LicensingPolicy(), now=now)
    payment = services.record_payment(
        session, actor=licensee, licence_id=licence.id or 0,
        new=services.NewPayment(100, dt.date(2026, 11, 21)), proof=None,
        upload_dir="/nonexistent", max_bytes=1024, now=now)
    recordal = recordals.file_recordal(session, actor=licensee, licence_id=licence.id or 0,
                                       now=now)
    users = {_L: lambda: licensee, _O: lambda: owner,
             _X: lambda: make_user(session, Role.PATENTEE),
             _Y: lambda: make_user(session, Role.SME),
             _M: lambda: make_user(session, Role.MEDIATOR),
             _F: lambda: make_user(session, Role.OFFICE)}
    if actor != _A:
        auth.login(users[actor]())
    url = path.format(licence=licence.id, payment=payment.id, recordal=recordal.id,
                      patent=patent.id, number=declaration.announcement_number)
    if "/api/" in url:
        body = dict(LICENSING_BODIES.get(url.rsplit("/", 1)[-1], {}))
        if url.endswith("/licences"):
            body = {"declaration_id": declaration.id}
        response = client.open(url, method=method, json=body,
                               headers={"Idempotency-Key": "access"})
    else:
        response = client.open(url, method=method)
    assert response.status_code == status, response.get_data(as_text=True)[:300]
    if status == 302:
        assert "/login" in response.headers["Location"]
