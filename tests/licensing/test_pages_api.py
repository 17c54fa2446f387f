"""The licensing pages and API: one licence per double-submitted form or retried request, payments
with proof, the notice page and PDFs, the office's decisions, negotiated licences."""

from __future__ import annotations

import io
import re

import pytest
from flask.testing import FlaskClient
from sqlmodel import Session, select

from marketplace.accounts.models import User
from marketplace.calendar import china_today
from marketplace.declarations.terms import FeeMethod, FeeTerms
from marketplace.licensing.models import (
    Licence,
    LicencePayment,
    LicenceRecordal,
    NegotiatedLicence,
)
from marketplace.licensing.rules import LicenceState, NegotiatedKind, RecordalState
from marketplace.patents.models import Patent
from tests.conftest import Auth
from tests.licensing.conftest import declared, lump_sum


def today() -> str:
    """Today in China: the day the pages record notices, payments and filings."""
    return china_today().isoformat()


def _token(html: str) -> str:
    match = re.search(r'id="token" name="token" type="hidden" value="([^"]+)"', html)
    assert match, "no idempotency token in the form"
    return match.group(1)


def test_a_double_submitted_take_form_makes_one_licence(
        client: FlaskClient, auth: Auth, session: Session, sme: User, patent: Patent) -> None:
    declaration = declared(session, patent, lump_sum())
    auth.login(sme)
    url = f"/open-licences/{declaration.announcement_number}/take"
    page = client.get(url).get_data(as_text=True)
    assert "RMB" in page or "元" in page
    token = _token(page)
    first = client.post(url, data={"token": token, "confirm": "y"})
    second = client.post(url, data={"token": token, "confirm": "y"})
    assert first.status_code == second.status_code == 302
    assert first.headers["Location"] == second.headers["Location"]
    assert len(session.exec(select(Licence)).all()) == 1
    # A new token (another visit) is refused: the organisation already gave notice.
    again = client.post(url, data={"token": "another", "confirm": "y"}, follow_redirects=True)
    assert "已" in again.get_data(as_text=True) or "already" in again.get_data(as_text=True)
    assert len(session.exec(select(Licence)).all()) == 1


def test_paying_on_the_page_with_a_proof_forms_the_licence(
        client: FlaskClient, auth: Auth, session: Session, sme: User, patent: Patent) -> None:
    declaration = declared(session, patent, lump_sum(5_000_000))
    auth.login(sme)
    client.post(f"/open-licences/{declaration.announcement_number}/take",
                data={"token": "t-1", "confirm": "y"})
    licence = session.exec(select(Licence)).one()
    page = client.get(f"/licences/{licence.id}/pay").get_data(as_text=True)
    token = _token(page)
    data = {"token": token, "amount": "50,000", "paid_on": today(),
            "reference": "BOC-1", "proof": (io.BytesIO(b"%PDF-1.4\n%%EOF\n"), "receipt.pdf")}
    response = client.post(f"/licences/{licence.id}/pay", data=data,
                           content_type="multipart/form-data")
    assert response.status_code == 302, response.get_data(as_text=True)[:500]
    session.refresh(licence)
    assert licence.state is LicenceState.EFFECTIVE
    assert licence.number is not None and licence.number.startswith("KF-LIC-")
    payment = session.exec(select(LicencePayment)).one()
    assert payment.amount_fen == 5_000_000
    proof = client.get(f"/licences/{licence.id}/payments/{payment.id}/proof")
    assert proof.data.startswith(b"%PDF")
    proof.close()
    detail = client.get(f"/licences/{licence.id}").get_data(as_text=True)
    assert licence.number in detail and "receipt.pdf" in detail


def test_a_proof_named_pdf_holding_html_is_never_served_as_a_page(
        client: FlaskClient, auth: Auth, session: Session, sme: User, patent: Patent) -> None:
    declaration = declared(session, patent, lump_sum(5_000_000))
    auth.login(sme)
    client.post(f"/open-licences/{declaration.announcement_number}/take",
                data={"token": "t-1", "confirm": "y"})
    licence = session.exec(select(Licence)).one()
    html = b"<html><body><script>alert(document.cookie)</script></body></html>"
    response = client.post(f"/licences/{licence.id}/pay", data={
        "token": "t-2", "amount": "50,000", "paid_on": today(), "reference": "BOC-1",
        "proof": (io.BytesIO(html), "receipt.pdf")}, content_type="multipart/form-data")
    assert response.status_code == 302, response.get_data(as_text=True)[:500]
    payment = session.exec(select(LicencePayment)).one()
    proof = client.get(f"/licences/{licence.id}/payments/{payment.id}/proof")
    assert proof.data == html
    proof.close()
    assert proof.headers["Content-Type"] == "text/plain; charset=utf-8"  # sniffed, not "PDF"
    assert proof.headers["X-Content-Type-Options"] == "nosniff"
    assert proof.headers["Content-Disposition"].startswith("attachment")
    assert "receipt.pdf.txt" in proof.headers["Content-Disposition"]


def test_the_notice_page_and_pdfs(client: FlaskClient, auth: Auth, session: Session,
                                  sme: User, patent: Patent) -> None:
    declaration = declared(session, patent, lump_sum())
    auth.login(sme)
    client.post(f"/open-licences/{declaration.announcement_number}/take",
                data={"token": "t-1", "confirm": "y"})
    licence = session.exec(select(Licence)).one()
    page = client.get(f"/licences/{licence.id}/notice").get_data(as_text=True)
    assert declaration.announcement_number in page
    assert licence.snapshot_hash in page
    for locale in ("zh", "en"):
        pdf = client.get(f"/licences/{licence.id}/notice.{locale}.pdf")
        assert pdf.mimetype == "application/pdf" and pdf.data.startswith(b"%PDF")


def test_api_take_and_pay_are_idempotent(client: FlaskClient, auth: Auth, session: Session,
                                         sme: User, patent: Patent) -> None:
    declaration = declared(session, patent, lump_sum(100_000))
    auth.login(sme)
    headers = {"Idempotency-Key": "take-1"}
    first = client.post("/api/v1/licences", json={"declaration_id": declaration.id},
                        headers=headers)
    again = client.post("/api/v1/licences", json={"declaration_id": declaration.id},
                        headers=headers)
    assert first.status_code == again.status_code == 201
    assert first.json["id"] == again.json["id"]
    assert first.json["state"] == "pending"
    assert first.json["snapshot_hash"] == declaration.snapshot_hash
    refused = client.post("/api/v1/licences", json={"declaration_id": declaration.id},
                          headers={"Idempotency-Key": "take-2"})
    assert refused.status_code == 409
    licence_id = first.json["id"]
    body = {"amount_fen": 100_000, "paid_on": today(), "reference": "x"}
    pay = {"Idempotency-Key": "pay-1"}
    one = client.post(f"/api/v1/licences/{licence_id}/payments", json=body, headers=pay)
    two = client.post(f"/api/v1/licences/{licence_id}/payments", json=body, headers=pay)
    assert one.status_code == two.status_code == 201 and one.json["id"] == two.json["id"]
    assert len(session.exec(select(LicencePayment)).all()) == 1
    detail = client.get(f"/api/v1/licences/{licence_id}").json
    assert detail["state"] == "effective" and detail["number"].startswith("KF-LIC-")
    assert detail["statement"]["total"]["paid_fen"] == 100_000
    bad = client.post(f"/api/v1/licences/{licence_id}/payments",
                      json={"amount_fen": -5, "paid_on": "x"}, headers={"Idempotency-Key": "b"})
    assert bad.status_code == 422 and set(bad.json["errors"]) == {"amount_fen",
                                                                           "paid_on"}


@pytest.mark.parametrize("headers", [{}, {"Idempotency-Key": "   "}])
def test_api_take_and_pay_need_an_idempotency_key(
        client: FlaskClient, auth: Auth, session: Session, sme: User, patent: Patent,
        headers: dict[str, str]) -> None:
    declaration = declared(session, patent, lump_sum(100_000))
    auth.login(sme)
    take = client.post("/api/v1/licences", json={"declaration_id": declaration.id},
                       headers=headers)
    assert take.status_code == 428
    assert take.json["code"] == "precondition_required"
    assert "Idempotency-Key" in take.json["message"] and "Idempotency-Key" in take.json["errors"]
    assert session.exec(select(Licence)).all() == []
    licence_id = client.post("/api/v1/licences", json={"declaration_id": declaration.id},
                             headers={"Idempotency-Key": "take"}).json["id"]
    body = {"amount_fen": 100_000, "paid_on": today(), "reference": "x"}
    pay = client.post(f"/api/v1/licences/{licence_id}/payments", json=body, headers=headers)
    assert pay.status_code == 428 and pay.json["code"] == "precondition_required"
    assert session.exec(select(LicencePayment)).all() == []


def test_the_api_document_says_the_idempotency_key_is_required(client: FlaskClient) -> None:
    paths = client.get("/api/v1/openapi.json").json["paths"]
    for path in ("/api/v1/licences", "/api/v1/licences/{licence_id}/payments"):
        parameters = paths[path]["post"]["parameters"]
        key = next(p for p in parameters if p["name"] == "Idempotency-Key")
        assert key["in"] == "header" and key["required"] is True
        assert "428" in paths[path]["post"]["responses"]


def test_office_accepts_on_the_page_and_the_register_lists_it(
        client: FlaskClient, auth: Auth, session: Session, sme: User, patentee: User,
        office: User, patent: Patent) -> None:
    declaration = declared(session, patent, FeeTerms(FeeMethod.FREE))
    auth.login(sme)
    client.post(f"/open-licences/{declaration.announcement_number}/take",
                data={"token": "t-1", "confirm": "y"})
    licence = session.exec(select(Licence)).one()
    client.post(f"/licences/{licence.id}/recordal")
    recordal = session.exec(select(LicenceRecordal)).one()
    auth.logout()
    auth.login(office)
    queue = client.get("/office/recordals").get_data(as_text=True)
    assert licence.number and licence.number in queue
    assert "KF-REC-" not in client.get("/announcements/recordals").get_data(as_text=True)
    page = client.get(f"/office/recordals/{recordal.id}")
    assert page.status_code == 200
    refused = client.post(f"/office/recordals/{recordal.id}/refuse",
                          data={"note": "x", "confirm_refusal": "y"})
    assert refused.status_code == 200  # no ground chosen: the form again, nothing changed
    session.refresh(recordal)
    assert recordal.state is RecordalState.PENDING
    done = client.post(f"/office/recordals/{recordal.id}/accept",
                       data={"record_date": today()})
    assert done.status_code == 200  # not confirmed: the form again, nothing recorded
    session.refresh(recordal)
    assert recordal.state is RecordalState.PENDING
    done = client.post(f"/office/recordals/{recordal.id}/accept",
                       data={"record_date": today(), "confirm_record": "y"})
    assert done.status_code == 302
    session.refresh(recordal)
    assert recordal.state is RecordalState.ACCEPTED
    public = client.get("/api/v1/recorded-licences").json
    assert [i["record_number"] for i in public["items"]] == [recordal.record_number]
    auth.logout()
    register = client.get("/announcements/recordals").get_data(as_text=True)
    assert recordal.record_number and recordal.record_number in register
    assert declaration.announcement_number and declaration.announcement_number in register


def test_negotiated_exclusive_licence_refused_on_the_page(
        client: FlaskClient, auth: Auth, session: Session, patentee: User,
        patent: Patent) -> None:
    declared(session, patent, lump_sum())
    auth.login(patentee)
    url = f"/patents/{patent.id}/negotiated-licences"
    page = client.post(url, data={"kind": "exclusive", "licensee_name": "某公司",
                                  "start": "2027-01-01"})
    assert page.status_code == 200
    assert "flash-error" in page.get_data(as_text=True)
    assert session.exec(select(NegotiatedLicence)).all() == []
    ok = client.post(url, data={"kind": "ordinary", "licensee_name": "某公司",
                                "start": "2027-01-01"})
    assert ok.status_code == 302
    assert [n.kind for n in session.exec(select(NegotiatedLicence))] == [NegotiatedKind.ORDINARY]


def _first_payment(html: str) -> str:
    match = re.search(r'<li id="first-payment">(.*?)</li>', html, re.S)
    assert match, "no first-payment step on the page"
    return match.group(1)


def test_the_take_page_previews_the_notice_and_nothing_is_taken_before_confirming(
        client: FlaskClient, auth: Auth, session: Session, sme: User, patent: Patent) -> None:
    declaration = declared(session, patent, lump_sum(45_000_000))
    auth.login(sme)
    url = f"/open-licences/{declaration.announcement_number}/take"
    page = client.get(url).get_data(as_text=True)
    # The notice as it will be given: parties, patent, the frozen terms and their hash.
    preview = page[page.index('id="notice-preview"'):page.index('id="what-follows"')]
    for fact in (declaration.announcement_number, declaration.snapshot_hash,
                 patent.patent_number, "450,000"):
        assert fact in preview, fact
    # The first payment's amount and deadline (a lump sum is due when the licence starts,
    # which is today: the declared start is already past), then the record-filing step.
    assert "¥45万" in _first_payment(page)
    assert china_today().strftime("%Y") in _first_payment(page)
    steps = re.findall(r"<li[ >]", page[page.index('class="next-steps"'):
                                         page.index("</ol>", page.index('class="next-steps"'))])
    assert len(steps) == 3  # notice, first payment, record-filing
    # Without the confirmation nothing is given.
    unconfirmed = client.post(url, data={"token": _token(page)})
    assert unconfirmed.status_code == 200
    assert 'id="confirm-errors"' in unconfirmed.get_data(as_text=True)
    assert session.exec(select(Licence)).all() == []
    confirmed = client.post(url, data={"token": _token(page), "confirm": "y"})
    assert confirmed.status_code == 302
    licence = session.exec(select(Licence)).one()
    assert licence.first_payment_fen == 45_000_000


def test_a_free_licence_preview_has_no_payment_step(
        client: FlaskClient, auth: Auth, session: Session, sme: User, patent: Patent) -> None:
    declaration = declared(session, patent, FeeTerms(FeeMethod.FREE))
    auth.login(sme)
    page = client.get(f"/open-licences/{declaration.announcement_number}/take").get_data(
        as_text=True)
    step = _first_payment(page)
    assert "无需支付" in step and "人民币" not in step and "RMB" not in step
