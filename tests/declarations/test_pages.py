"""Declaration pages: drafting, bad input next to its field, dry run, refused and accepted
submissions, the office's decisions, consents, withdrawal, the estimate; escaping and CSRF."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlmodel import Session, func, select

from marketplace.accounts.models import Organisation, Role, User
from marketplace.declarations.models import Declaration
from marketplace.declarations.rules import DeclarationStatus
from marketplace.declarations.terms import FeeMethod
from marketplace.patents.models import CoOwner, Patent
from tests.conftest import Auth, csrf_token_from
from tests.factories import make_declaration, make_patent, make_user

FORM = {
    "fee_method": "royalty_sales",
    "royalty_rate_percent": "3.5",
    "min_annual_fen": "20,000",
    "lump_sum_fen": "999",  # another method's figure: ignored
    "payment_terms": "提成费按季度结算。",
    "licence_start": "2027-01-01",
    "licence_years": "5",
    "application_fields": "茶叶加工\n食品机械",
    "target_products": "杀青机",
    "maturity_stage": "pilot",
    "advantages": "能耗降低约20%。",
    "know_how": "提供工艺参数。",
    "know_how_price_fen": "5000",
    "contact_name": "李老师",
    "contact_phone": "0571-88000000",
    "contact_email": "tech@example.cn",
}


#: The box ticked to confirm a binding act.
CONFIRM = {"confirm": "y"}

def _count(session: Session) -> int:
    return session.exec(select(func.count()).select_from(Declaration)).one()


def _only(session: Session) -> Declaration:
    session.expire_all()
    return session.exec(select(Declaration)).one()


def test_patentee_drafts_from_the_patent_page(client: FlaskClient, session: Session,
                                              patent: Patent) -> None:
    page = client.get(f"/patents/{patent.id}").get_data(as_text=True)
    assert f"/patents/{patent.id}/declare" in page
    response = client.post(f"/patents/{patent.id}/declare", data=FORM)
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    declaration = _only(session)
    terms = declaration.fee_terms
    assert terms is not None
    assert (terms.method, terms.royalty_rate_percent, terms.min_annual_fen, terms.lump_sum_fen) \
        == (FeeMethod.ROYALTY_SALES, Decimal("3.5"), 2_000_000, None)
    assert (declaration.licence_start, declaration.licence_end) == (
        dt.date(2027, 1, 1), dt.date(2031, 12, 31))
    assert declaration.application_fields == ["茶叶加工", "食品机械"]
    detail = client.get(response.headers["Location"],
                        headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "3.5 % of net sales, at least RMB 20,000 a year" in detail
    chinese = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "净销售额的 3.5%，每年不低于 ¥2万" in chinese
    assert f"/declarations/{declaration.id}" in client.get(f"/patents/{patent.id}").get_data(
        as_text=True)


@pytest.mark.parametrize(("changes", "field_name", "text"), [
    ({"fee_method": "lump_sum", "lump_sum_fen": "-100"}, "lump_sum_fen", "negative"),
    ({"royalty_rate_percent": "150"}, "royalty_rate_percent", "cannot exceed 100"),
    ({"licence_years": "", "licence_end": "2026-12-31"}, "licence_end", "ends before"),
    ({"advantages": "好" * 100_000}, "advantages", "At most 2000 characters"),
    ({"know_how": "<script>alert(1)</script>"}, "know_how", "HTML"),
    ({"fee_method": "lump_sum", "lump_sum_fen": "面议"}, "lump_sum_fen", "面议"),
    ({"royalty_rate_percent": "3-5%"}, "royalty_rate_percent", "ranges"),
    ({"licence_end": "2030-01-01"}, "licence_years", "not both"),
])
def test_bad_input_is_shown_next_to_its_field_and_changes_nothing(
        client: FlaskClient, session: Session, patent: Patent, changes: dict[str, str],
        field_name: str, text: str) -> None:
    response = client.post(f"/patents/{patent.id}/declare", data={**FORM, **changes},
                           headers={"Accept-Language": "en"})
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    errors = re.search(rf'<ul class="errors" id="{field_name}-errors">(.*?)</ul>', html, re.S)
    assert errors is not None, html[:3000]
    assert text in errors.group(1)
    assert "<script>alert(1)</script>" not in html
    assert _count(session) == 0


def test_submission_with_advertising_is_refused_then_corrected(
        client: FlaskClient, session: Session, patent: Patent) -> None:
    client.post(f"/patents/{patent.id}/declare",
                data={**FORM, "advantages": "国内最先进的杀青工艺"})
    declaration = _only(session)
    check = client.get(f"/declarations/{declaration.id}/check",
                       headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert 'data-code="advertising_language"' in check and "[D5]" in check
    response = client.post(f"/declarations/{declaration.id}/submit", data=CONFIRM,
                           headers={"Accept-Language": "en"})
    html = response.get_data(as_text=True)
    assert "Submission refused by pre-examination" in html
    assert "最先进" in html
    assert _only(session).status is DeclarationStatus.DRAFT

    edit = client.get(f"/declarations/{declaration.id}/edit").get_data(as_text=True)
    assert "国内最先进的杀青工艺" in edit  # the form shows the stored values
    response = client.post(f"/declarations/{declaration.id}/edit",
                           data={**FORM, "advantages": "能耗降低约20%。"})
    assert response.status_code == 302
    response = client.post(f"/declarations/{declaration.id}/submit", data=CONFIRM)
    assert response.status_code == 302
    assert _only(session).status is DeclarationStatus.SUBMITTED


def test_office_announces_and_the_patentee_sees_number_and_hash(
        client: FlaskClient, session: Session, auth: Auth, patentee: User,
        patent: Patent) -> None:
    declaration = make_declaration(session, patent, DeclarationStatus.SUBMITTED)
    auth.logout()
    auth.login(make_user(session, Role.OFFICE))
    queue = client.get("/office/declarations").get_data(as_text=True)
    assert f"/office/declarations/{declaration.id}" in queue
    page = client.get(f"/office/declarations/{declaration.id}").get_data(as_text=True)
    assert "decision-decision" in page
    response = client.post(f"/office/declarations/{declaration.id}",
                           data={"decision-decision": "announce", "decision-submit": "1",
                                 "decision-confirm": "y"})
    assert response.status_code == 302
    stored = _only(session)
    assert stored.status is DeclarationStatus.ANNOUNCED
    assert stored.announcement_number is not None
    auth.logout()
    auth.login(patentee)
    detail = client.get(f"/declarations/{declaration.id}").get_data(as_text=True)
    assert stored.announcement_number in detail
    assert stored.snapshot_hash is not None and stored.snapshot_hash in detail


def test_office_refuses_with_reasons_the_patentee_sees(
        client: FlaskClient, session: Session, auth: Auth, patentee: User,
        patent: Patent) -> None:
    declaration = make_declaration(session, patent, DeclarationStatus.SUBMITTED)
    auth.logout()
    auth.login(make_user(session, Role.OFFICE))
    response = client.post(f"/office/declarations/{declaration.id}",
                           data={"decision-decision": "refuse", "decision-note": "",
                                 "decision-submit": "1", "decision-confirm": "y"},
                           headers={"Accept-Language": "en"})
    assert response.status_code == 200
    assert "Give at least one reason" in response.get_data(as_text=True)
    response = client.post(f"/office/declarations/{declaration.id}",
                           data={"decision-decision": "refuse",
                                 "decision-note": "许可期限说明不清，请补正。",
                                 "decision-submit": "1", "decision-confirm": "y"})
    assert response.status_code == 302
    auth.logout()
    auth.login(patentee)
    detail = client.get(f"/declarations/{declaration.id}").get_data(as_text=True)
    assert 'id="refusal-notice"' in detail and "许可期限说明不清，请补正。" in detail


def test_consents_page_for_co_owners(client: FlaskClient, session: Session, auth: Auth,
                                     patentee: User, patent: Patent) -> None:
    partner = make_user(session, Role.PATENTEE)
    session.add_all([CoOwner(patent_id=patent.id or 0, name="合作企业", share=Decimal(40),
                             organisation_id=partner.organisation_id),
                     CoOwner(patent_id=patent.id or 0, name="王某", share=Decimal(10))])
    session.flush()
    client.post(f"/patents/{patent.id}/declare", data=FORM)
    declaration = _only(session)
    page = client.get(f"/declarations/{declaration.id}/consents").get_data(as_text=True)
    assert "合作企业" in page and "王某" in page
    response = client.post(f"/declarations/{declaration.id}/consents/written/declare",
                           data={"declare-co_owner_name": "王某", "declare-signatory": "王某",
                                 "declare-signed_on": "2099-01-01"},
                           headers={"Accept-Language": "en"})
    html = response.get_data(as_text=True)
    assert re.search(r'id="declare-signed_on-errors">\s*<li>Cannot be in the future', html)
    response = client.post(f"/declarations/{declaration.id}/consents/written/declare",
                           data={"declare-co_owner_name": "王某", "declare-signatory": "王某",
                                 "declare-signed_on": "2026-11-01"})
    assert response.status_code == 302

    auth.logout()
    auth.login(partner)
    listing = client.get("/declarations").get_data(as_text=True)
    assert 'id="consent-requests"' in listing
    response = client.post(f"/declarations/{declaration.id}/consents/give",
                           data={"purpose": "declare"})
    assert response.status_code == 302
    assert client.get(f"/declarations/{declaration.id}/edit").status_code == 403
    auth.logout()
    auth.login(patentee)
    response = client.post(f"/declarations/{declaration.id}/submit", data=CONFIRM)
    assert response.status_code == 302
    assert _only(session).status is DeclarationStatus.SUBMITTED


def test_withdrawal_request_and_office_announcement(
        client: FlaskClient, session: Session, auth: Auth, patentee: User,
        patent: Patent) -> None:
    declaration = make_declaration(session, patent, DeclarationStatus.ANNOUNCED)
    response = client.post(f"/declarations/{declaration.id}/withdraw",
                           data={"reason": "", "confirm": "y"},
                           headers={"Accept-Language": "en"})
    assert re.search(r'id="reason-errors">\s*<li>Required', response.get_data(as_text=True))
    response = client.post(f"/declarations/{declaration.id}/withdraw",
                           data={"reason": "专利权已转让。", "confirm": "y"})
    assert response.status_code == 302
    auth.logout()
    auth.login(make_user(session, Role.OFFICE))
    response = client.post(f"/office/declarations/{declaration.id}",
                           data={"withdrawal-decision": "announce", "withdrawal-submit": "1",
                                 "withdrawal-confirm": "y"})
    assert response.status_code == 302
    stored = _only(session)
    assert stored.status is DeclarationStatus.WITHDRAWN
    assert stored.withdrawal_number is not None and stored.withdrawal_number.startswith("KF-OLW-")


def test_bulk_drafts_from_the_portfolio(client: FlaskClient, session: Session,
                                        patentee: User) -> None:
    patents = [make_patent(session, patentee) for _ in range(2)]
    page = client.get("/portfolio/declare").get_data(as_text=True)
    assert all(f'value="{p.id}"' in page for p in patents)
    response = client.post("/portfolio/declare",
                           data={**FORM, "patent_ids": [str(p.id) for p in patents]})
    assert response.status_code == 302
    assert _count(session) == 2


def test_estimate_is_worked_out_stored_and_applied(client: FlaskClient, session: Session,
                                                   patent: Patent) -> None:
    declaration = make_declaration(session, patent)
    data = {"method": "industry_statistics", "licence_years": "5",
            "basis_source": "预计年销售额", "annual_net_sales": "12000000",
            "reference_rate_pct": "3", "rate_source": "2022年许可统计",
            "coefficients-0-label": "成熟度", "coefficients-0-value": "0.9",
            "coefficients-0-source": "自行判断"}
    bad = client.post(f"/declarations/{declaration.id}/estimate",
                      data={**data, "coefficients-0-source": ""},
                      headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert re.search(r'id="coefficients-0-source-errors">\s*<li>Say where', bad)
    response = client.post(f"/declarations/{declaration.id}/estimate", data=data)
    assert response.status_code == 302
    page = client.get(f"/declarations/{declaration.id}/estimate",
                      headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "RMB 324,000" in page  # 12,000,000 × 3 % × 0.9
    assert "自行判断" in page
    draft_page = client.get(f"/declarations/{declaration.id}").get_data(as_text=True)
    assert 'id="stored-estimate"' in draft_page and "¥32.4万" in draft_page
    response = client.post(f"/declarations/{declaration.id}/estimate/apply",
                           data={"method": "annual_fixed"})
    assert response.status_code == 302
    assert _only(session).annual_fee_fen == 32_400_000


def test_user_text_is_escaped(client: FlaskClient, session: Session, patentee: User) -> None:
    patent = make_patent(session, patentee, title="<script>alert('t')</script>")
    declaration = make_declaration(session, patent)
    declaration.contact_name = "O'Brien & <Co>"
    session.flush()
    html = client.get(f"/declarations/{declaration.id}").get_data(as_text=True)
    assert "<script>alert" not in html
    assert "&lt;script&gt;" in html
    assert "&amp; &lt;Co&gt;" in html


def test_posts_need_the_csrf_token(app: Flask, client: FlaskClient, session: Session,
                                   patent: Patent) -> None:
    app.config["WTF_CSRF_ENABLED"] = True
    try:
        response = client.post(f"/patents/{patent.id}/declare", data=FORM)
        assert response.status_code == 400
        assert _count(session) == 0
        page = client.get(f"/patents/{patent.id}/declare").get_data(as_text=True)
        response = client.post(f"/patents/{patent.id}/declare",
                               data={**FORM, "csrf_token": csrf_token_from(page)})
        assert response.status_code == 302
        declaration = _only(session)
        response = client.post(f"/declarations/{declaration.id}/submit")
        assert response.status_code == 400
        assert _only(session).status is DeclarationStatus.DRAFT
    finally:
        app.config["WTF_CSRF_ENABLED"] = False


def test_other_patentees_cannot_touch_a_draft(client: FlaskClient, session: Session,
                                              auth: Auth) -> None:
    owner = make_user(session, Role.PATENTEE)
    declaration = make_declaration(session, make_patent(session, owner))
    auth.login(make_user(session, Role.PATENTEE))
    assert client.get(f"/declarations/{declaration.id}").status_code == 404
    assert client.post(f"/declarations/{declaration.id}/edit", data=FORM).status_code == 404
    assert client.post(f"/declarations/{declaration.id}/submit").status_code == 404
    assert session.get(Organisation, owner.organisation_id) is not None
