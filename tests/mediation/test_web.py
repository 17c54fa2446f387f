"""Mediation through the pages and the API: forms and bodies validated, bad input changes
nothing, documents served as attachments only (D16)."""

from __future__ import annotations

import datetime as dt
import io

from flask import Flask
from flask.testing import FlaskClient
from sqlmodel import Session, select

from marketplace.accounts.models import Role
from marketplace.calendar import china_today
from marketplace.mediation import services
from marketplace.mediation.models import CaseMessage, MediationCase
from marketplace.mediation.rules import CaseState
from tests.conftest import Auth
from tests.factories import make_user
from tests.mediation.conftest import People, assigned_case, open_as


def _open_through_page(client: FlaskClient, people: People) -> MediationCase:
    response = client.post("/mediation/open", data={
        "licence_id": str(people.licence.id), "subject": "amount_owed",
        "claims": "许可方多收了 2 万元入门费。",
        "documents": [(io.BytesIO(b"%PDF-1.4 receipt"), "收据.pdf")]},
        content_type="multipart/form-data")
    assert response.status_code == 302, response.get_data(as_text=True)[:500]
    case_id = int(response.headers["Location"].rsplit("/", 1)[-1])
    case = client.application.extensions["db"].new_session().get(MediationCase, case_id)
    assert case is not None
    return case


def test_open_answer_accept_through_pages(client: FlaskClient, auth: Auth, session: Session,
                                          people: People) -> None:
    auth.login(people.sme)
    case = _open_through_page(client, people)
    page = client.get(f"/mediation/cases/{case.id}").get_data(as_text=True)
    assert case.number in page and people.licence.snapshot_hash in page
    assert "收据.pdf" in page
    auth.logout()
    auth.login(people.patentee)
    response = client.post(f"/mediation/cases/{case.id}/steps/answer",
                           data={"answer-agree": "1"})
    assert response.status_code == 302
    auth.logout()
    auth.login(people.office)
    # A refusal on "other" without details is refused next to the field, and changes nothing.
    response = client.post(f"/mediation/cases/{case.id}/steps/refuse",
                           data={"refuse-ground": "other", "refuse-details": "",
                                 "refuse-confirm": "y"})
    assert response.status_code == 422
    assert "请说明其他不予受理的理由。" in response.get_data(as_text=True)
    response = client.post(f"/mediation/cases/{case.id}/steps/accept", data={})
    assert response.status_code == 302
    session.expire_all()
    stored = session.get(MediationCase, case.id)
    assert stored is not None and stored.state is CaseState.ACCEPTED
    assert stored.refusal_ground is None


def test_document_is_an_attachment_with_its_real_type(
        client: FlaskClient, auth: Auth, session: Session, people: People) -> None:
    auth.login(people.sme)
    case = _open_through_page(client, people)
    message = session.exec(select(CaseMessage).where(CaseMessage.case_id == case.id)).one()
    for url in (f"/mediation/cases/{case.id}/documents/{message.id}",
                f"/api/v1/mediation/cases/{case.id}/messages/{message.id}/document"):
        response = client.get(url)
        assert response.data == b"%PDF-1.4 receipt"
        response.close()
        assert response.mimetype == "application/pdf"
        assert response.headers["Content-Disposition"].startswith("attachment")
        assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_a_text_document_says_its_charset_once(
        client: FlaskClient, auth: Auth, session: Session, people: People) -> None:
    auth.login(people.sme)
    case = _open_through_page(client, people)
    response = client.post(f"/api/v1/mediation/cases/{case.id}/messages",
                           data={"body": "说明", "document": (io.BytesIO("对账说明".encode()),
                                                             "说明.txt")},
                           content_type="multipart/form-data")
    assert response.status_code == 201, response.json
    url = f"/api/v1/mediation/cases/{case.id}/messages/{response.json['id']}/document"
    download = client.get(url)
    assert download.data == "对账说明".encode()
    download.close()
    assert download.headers["Content-Type"] == "text/plain; charset=utf-8"


def test_api_opens_a_case_and_takes_steps(app: Flask, client: FlaskClient, auth: Auth,
                                          session: Session, people: People) -> None:
    auth.login(people.patentee)
    response = client.post("/api/v1/mediation/cases", json={
        "licence_id": people.licence.id, "subject": "scope_of_use", "claims": ""})
    assert response.status_code == 422 and "claims" in response.json["errors"]
    response = client.post("/api/v1/mediation/cases", json={
        "licence_id": people.licence.id, "subject": "scope_of_use", "claims": "超范围使用"})
    assert response.status_code == 201
    body = response.json
    assert body["part"] == "applicant" and body["case"]["state"] == "awaiting_respondent"
    assert body["licence_record"]["snapshot_hash"] == people.licence.snapshot_hash
    case_id = body["case"]["id"]
    auth.logout()
    auth.login(people.sme)
    response = client.post(f"/api/v1/mediation/cases/{case_id}/steps", json={"action": "answer"})
    assert response.status_code == 422 and "agree" in response.json["errors"]
    response = client.post(f"/api/v1/mediation/cases/{case_id}/steps",
                           json={"action": "answer", "agree": True})
    assert response.status_code == 200
    assert response.json["case"]["respondent_answer"] == "agreed"
    response = client.post(f"/api/v1/mediation/cases/{case_id}/messages",
                           data={"body": "补充材料",
                                 "document": (io.BytesIO(b"MZ\x90\x00"), "x.exe")},
                           content_type="multipart/form-data")
    assert response.status_code == 422 and "documents" in response.json["errors"]
    assert client.get(f"/api/v1/mediation/cases/{case_id}/messages").json == []
    auth.logout()
    auth.login(people.office)
    response = client.post(f"/api/v1/mediation/cases/{case_id}/steps", json={"action": "accept"})
    assert response.json["case"]["state"] == "accepted"
    figures = client.get("/api/v1/mediation/statistics").json
    assert figures["total"] == 1 and figures["by_subject"] == {"scope_of_use": 1}


def test_office_list_flags_an_overdue_acceptance(app: Flask, client: FlaskClient, auth: Auth,
                                                 session: Session, people: People) -> None:
    with app.app_context():
        late = open_as(session, people, app, today=dt.date(2026, 1, 5))
        on_time = open_as(session, people, app, today=china_today())
    auth.login(people.office)
    page = client.get("/mediation/cases").get_data(as_text=True)
    rows = {number: row for row in page.split("<tr")[2:]
            for number in (late.number, on_time.number) if number in row}
    assert "已逾期" in rows[late.number] and "已逾期" not in rows[on_time.number]
    auth.logout()
    auth.login(make_user(session, Role.SME))
    assert late.number not in client.get("/mediation/cases").get_data(as_text=True)


def test_mediator_schedules_a_meeting_through_the_page(
        app: Flask, client: FlaskClient, auth: Auth, session: Session, people: People) -> None:
    case = assigned_case(session, people, app)
    auth.login(people.mediator)
    url = f"/mediation/cases/{case.id}/steps/schedule_meeting"
    response = client.post(url, data={"schedule_meeting-starts_at": "2026-12-01T09:30",
                                      "schedule_meeting-online_link": "not a link"})
    assert response.status_code == 422
    assert services.meetings(session, case) == []
    response = client.post(url, data={"schedule_meeting-starts_at": "2026-12-01T09:30",
                                      "schedule_meeting-place": "北京市海淀区调解中心 3 号室"})
    assert response.status_code == 302
    [meeting] = services.meetings(session, case)
    # Typed in China time, as the label says: 09:30 in Beijing is 01:30 UTC.
    assert meeting.starts_at == dt.datetime(2026, 12, 1, 1, 30, tzinfo=dt.UTC)
    assert "北京市海淀区调解中心 3 号室" in client.get(f"/mediation/cases/{case.id}").get_data(
        as_text=True)
