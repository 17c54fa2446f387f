"""The declarations API: every action, its validation (bad input changes nothing), its
permissions and its OpenAPI documentation."""

from __future__ import annotations

from typing import Any

import pytest
from flask.testing import FlaskClient
from sqlmodel import Session, func, select

from marketplace.accounts.models import Role, User
from marketplace.declarations.models import Declaration
from marketplace.declarations.rules import DeclarationStatus
from marketplace.patents.models import CoOwner, Patent
from tests.conftest import Auth
from tests.factories import make_declaration, make_patent, make_user

BODY: dict[str, Any] = {
    "fee_method": "lump_sum",
    "lump_sum_fen": 5_000_000,
    "payment_terms": "书面通知后30日内一次性支付。",
    "licence_start": "2027-01-01",
    "licence_end": "2031-12-31",
    "application_fields": ["茶叶加工"],
    "target_products": ["杀青机"],
    "maturity_stage": "pilot",
    "advantages": "能耗降低约20%。",
    "contact_email": "tech@example.cn",
}


def _count(session: Session) -> int:
    return session.exec(select(func.count()).select_from(Declaration)).one()


def _create(client: FlaskClient, patent: Patent, **changes: Any) -> Any:
    return client.post("/api/v1/declarations",
                       json={**BODY, "patent_id": patent.id, **changes})


def test_draft_check_submit_and_read(client: FlaskClient, session: Session,
                                     patent: Patent) -> None:
    response = _create(client, patent, advantages="世界领先的工艺")
    assert response.status_code == 201, response.json
    body = response.json
    assert (body["status"], body["display_status"]) == ("draft", "draft")
    assert body["fee_terms"] == {"method": "lump_sum", "lump_sum_fen": 5_000_000}
    declaration_id = body["id"]

    check = client.get(f"/api/v1/declarations/{declaration_id}/check").json
    assert check["passed"] is False
    assert [(f["rule"], f["code"], f["field"]) for f in check["refusals"]] == [
        ("D5", "advertising_language", "advantages")]

    refused = client.post(f"/api/v1/declarations/{declaration_id}/submission")
    assert refused.status_code == 422
    assert list(refused.json["errors"]) == ["advantages"]
    assert refused.json["errors"]["advantages"][0].startswith("[D5]")

    patched = client.patch(f"/api/v1/declarations/{declaration_id}",
                           json={"advantages": "能耗降低约20%。"})
    assert patched.status_code == 200, patched.json
    assert patched.json["fee_terms"]["lump_sum_fen"] == 5_000_000  # untouched fields kept
    submitted = client.post(f"/api/v1/declarations/{declaration_id}/submission")
    assert submitted.status_code == 200
    assert submitted.json["passed"] is True
    assert client.get(f"/api/v1/declarations/{declaration_id}").json["status"] == "submitted"
    listing = client.get("/api/v1/declarations?status=submitted").json
    assert [item["id"] for item in listing["items"]] == [declaration_id]


@pytest.mark.parametrize(("changes", "field_name"), [
    ({"lump_sum_fen": -100}, "lump_sum_fen"),
    ({"fee_method": "royalty_sales", "lump_sum_fen": None, "royalty_rate_percent": "150"},
     "royalty_rate_percent"),
    ({"licence_start": "2028-01-01", "licence_end": "2027-01-01"}, "licence_end"),
    ({"advantages": "x" * 100_000}, "advantages"),
    ({"know_how": "<script>alert(1)</script>"}, "know_how"),
    ({"lump_sum_fen": "面议"}, "lump_sum_fen"),
    ({"royalty_rate_percent": "NaN", "fee_method": "royalty_sales", "lump_sum_fen": None},
     "royalty_rate_percent"),
    ({"fee_method": None}, "fee_method"),
    ({"licence_years": 5}, "licence_years"),
])
def test_bad_input_is_422_by_field_and_changes_nothing(
        client: FlaskClient, session: Session, patent: Patent, changes: dict[str, Any],
        field_name: str) -> None:
    response = _create(client, patent, **changes)
    assert response.status_code == 422, response.json
    assert response.json["code"] in ("unprocessable_entity", "validation_failed")
    assert field_name in response.json["errors"]
    assert _count(session) == 0


def test_patch_refuses_bad_input_and_announced_terms(client: FlaskClient, session: Session,
                                                     patentee: User, patent: Patent) -> None:
    declaration_id = _create(client, patent).json["id"]
    response = client.patch(f"/api/v1/declarations/{declaration_id}",
                            json={"lump_sum_fen": -1}, headers={"Accept-Language": "en"})
    assert response.status_code == 422
    assert "negative" in response.json["errors"]["lump_sum_fen"][0]
    session.expire_all()
    assert session.get(Declaration, declaration_id).lump_sum_fen == 5_000_000  # type: ignore[union-attr]
    response = client.patch(f"/api/v1/declarations/{declaration_id}",
                            json={"lump_sum_fen": 6_000_000})
    assert response.status_code == 200, response.json
    assert response.json["fee_terms"] == {"method": "lump_sum", "lump_sum_fen": 6_000_000}
    response = client.patch(f"/api/v1/declarations/{declaration_id}",
                            json={"fee_method": "free"})  # the old figures go with the method
    assert response.json["fee_terms"] == {"method": "free"}
    announced = make_declaration(session, make_patent(session, patentee),
                                 DeclarationStatus.ANNOUNCED)
    response = client.patch(f"/api/v1/declarations/{announced.id}", json={"advantages": "改"})
    assert response.status_code == 409
    assert response.json["code"] == "invalid_state_transition"


def test_bulk_drafts(client: FlaskClient, session: Session, patentee: User) -> None:
    patents = [make_patent(session, patentee) for _ in range(3)]
    body = {**BODY, "patent_ids": [p.id for p in patents]}
    response = client.post("/api/v1/declarations/bulk", json=body)
    assert response.status_code == 201, response.json
    assert sorted(item["patent_id"] for item in response.json) == sorted(p.id for p in patents)
    again = client.post("/api/v1/declarations/bulk", json=body)
    assert again.status_code == 422
    assert len(again.json["errors"]["patent_ids"]) == 3


def test_consents_by_api(client: FlaskClient, session: Session, auth: Auth, patentee: User,
                         patent: Patent) -> None:
    partner = make_user(session, Role.PATENTEE)
    session.add_all([CoOwner(patent_id=patent.id or 0, name="合作企业", share=50,
                             organisation_id=partner.organisation_id),
                     CoOwner(patent_id=patent.id or 0, name="王某", share=10)])
    session.flush()
    declaration_id = _create(client, patent).json["id"]
    early = client.post(f"/api/v1/declarations/{declaration_id}/consent-requests",
                        json={"purpose": "withdraw"})
    assert early.status_code == 409  # withdrawal consents are asked once announced
    asked = client.post(f"/api/v1/declarations/{declaration_id}/consent-requests",
                        json={"purpose": "declare"})
    assert asked.json == []  # already asked when the draft was made
    lines = client.get(f"/api/v1/declarations/{declaration_id}/consents").json
    assert [(c["purpose"], c["co_owner_name"], c["on_platform"], c["given_at"])
            for c in lines] == [("declare", "合作企业", True, None),
                                ("declare", "王某", False, None),
                                ("withdraw", "合作企业", True, None),
                                ("withdraw", "王某", False, None)]
    missing = client.post(f"/api/v1/declarations/{declaration_id}/consents",
                          json={"purpose": "declare", "co_owner_name": "王某"})
    assert missing.status_code == 422
    assert set(missing.json["errors"]) == {"signatory", "signed_on"}
    written = client.post(f"/api/v1/declarations/{declaration_id}/consents",
                          json={"purpose": "declare", "co_owner_name": "王某",
                                "signatory": "王某", "signed_on": "2026-11-01"})
    assert written.status_code == 201, written.json
    assert written.json["method"] == "written"
    auth.logout()
    auth.login(partner)
    own = client.post(f"/api/v1/declarations/{declaration_id}/consents",
                      json={"purpose": "declare"})
    assert own.status_code == 201
    assert client.get(f"/api/v1/declarations/{declaration_id}").json["display_status"] == \
        "draft"


def test_office_decisions_and_withdrawal(client: FlaskClient, session: Session, auth: Auth,
                                         patentee: User, patent: Patent) -> None:
    declaration = make_declaration(session, patent, DeclarationStatus.SUBMITTED)
    other = make_declaration(session, make_patent(session, patentee),
                             DeclarationStatus.SUBMITTED)
    assert client.post(f"/api/v1/declarations/{declaration.id}/decision",
                       json={"decision": "announce"}).status_code == 403
    auth.logout()
    auth.login(make_user(session, Role.OFFICE))
    queue = client.get("/api/v1/office/declarations").json
    assert {declaration.id, other.id} <= {item["id"] for item in queue["items"]}
    announced = client.post(f"/api/v1/declarations/{declaration.id}/decision",
                            json={"decision": "announce"})
    assert announced.status_code == 200, announced.json
    assert announced.json["announcement_number"].startswith("KF-OL-")
    assert len(announced.json["snapshot_hash"]) == 64
    bad = client.post(f"/api/v1/declarations/{other.id}/decision",
                      json={"decision": "refuse", "finding_codes": ["made_up"]})
    assert bad.status_code == 422 and "finding_codes" in bad.json["errors"]
    refused = client.post(f"/api/v1/declarations/{other.id}/decision",
                          json={"decision": "refuse", "note": "请补充评价报告。"})
    assert refused.json["refusal_notice"]["note"] == "请补充评价报告。"
    assert refused.json["status"] == "refused"

    auth.logout()
    auth.login(patentee)
    assert client.post(f"/api/v1/declarations/{declaration.id}/withdrawal-request",
                       json={"reason": "<b>x</b>"}).status_code == 422
    requested = client.post(f"/api/v1/declarations/{declaration.id}/withdrawal-request",
                            json={"reason": "专利权已转让。"})
    assert requested.json["status"] == "withdrawal_requested"
    auth.logout()
    auth.login(make_user(session, Role.OFFICE))
    done = client.post(f"/api/v1/declarations/{declaration.id}/withdrawal-decision",
                       json={"decision": "announce"})
    assert done.json["status"] == "withdrawn"
    assert done.json["withdrawal_number"].startswith("KF-OLW-")
    flagged = client.post(f"/api/v1/declarations/{declaration.id}/false-materials",
                          json={"flagged_on": done.json["withdrawal_date"],
                                "note": "评价报告系伪造。"})
    assert flagged.status_code == 200, flagged.json
    assert flagged.json["false_materials_on"] == done.json["withdrawal_date"]


def test_estimate_by_api(client: FlaskClient, patent: Patent) -> None:
    declaration_id = _create(client, patent).json["id"]
    inputs = {"method": "industry_statistics", "licence_years": "5",
              "basis_source": "预计年销售额", "annual_net_sales": "12000000",
              "reference_rate_pct": "3", "rate_source": "2022年许可统计"}
    response = client.post(f"/api/v1/declarations/{declaration_id}/estimate", json=inputs)
    assert response.status_code == 200, response.json
    assert response.json["annual_fee"] == "360000.00"
    bad = client.post(f"/api/v1/declarations/{declaration_id}/estimate",
                      json={**inputs, "annual_net_sales": "-5"})
    assert bad.status_code == 422 and "annual_net_sales" in bad.json["errors"]
    applied = client.post(f"/api/v1/declarations/{declaration_id}/estimate/apply",
                          json={"method": "royalty_sales"})
    assert applied.status_code == 200, applied.json
    assert applied.json["fee_terms"] == {"method": "royalty_sales",
                                         "royalty_rate_percent": "3"}
    stored = client.get(f"/api/v1/declarations/{declaration_id}").json["estimate"]
    assert stored["annual_fee"] == "360000.00"


def test_others_are_denied(client: FlaskClient, session: Session, auth: Auth,
                           patent: Patent) -> None:
    declaration = make_declaration(session, patent)
    auth.logout()
    assert client.get(f"/api/v1/declarations/{declaration.id}").status_code == 401
    auth.login(make_user(session, Role.SME))
    assert client.get(f"/api/v1/declarations/{declaration.id}").status_code == 404
    assert _create(client, patent).status_code == 403
    auth.logout()
    auth.login(make_user(session, Role.PATENTEE))
    assert _create(client, patent).status_code == 403
    assert client.post(f"/api/v1/declarations/{declaration.id}/submission").status_code == 404
    assert client.get(f"/api/v1/declarations/{declaration.id}/check").status_code == 404


def test_every_action_is_documented(client: FlaskClient) -> None:
    paths = client.get("/api/v1/openapi.json").json["paths"]
    for path in ("/api/v1/declarations", "/api/v1/declarations/bulk",
                 "/api/v1/declarations/{declaration_id}",
                 "/api/v1/declarations/{declaration_id}/estimate",
                 "/api/v1/declarations/{declaration_id}/estimate/apply",
                 "/api/v1/declarations/{declaration_id}/consent-requests",
                 "/api/v1/declarations/{declaration_id}/consents",
                 "/api/v1/declarations/{declaration_id}/check",
                 "/api/v1/declarations/{declaration_id}/submission",
                 "/api/v1/office/declarations",
                 "/api/v1/declarations/{declaration_id}/decision",
                 "/api/v1/declarations/{declaration_id}/withdrawal-request",
                 "/api/v1/declarations/{declaration_id}/withdrawal-decision",
                 "/api/v1/declarations/{declaration_id}/false-materials"):
        assert path in paths, path
    post = paths["/api/v1/declarations"]["post"]
    assert "requestBody" in post and "201" in post["responses"]
