"""Portfolio import through the API, the upload page and the CLI; patent pages."""

from __future__ import annotations

import io
import json
from pathlib import Path

from flask import Flask
from flask.testing import FlaskClient
from sqlmodel import Session, func, select

from marketplace.accounts.models import Role
from marketplace.patents.models import Patent
from tests.conftest import Auth
from tests.factories import app_number_with_check, make_patent, make_user

CSV = (
    "application_number,kind,title,filing_date,grant_date,ipc\n"
    f"{app_number_with_check('202110123456')},invention,一种茶叶杀青方法,2021-03-01,2023-05-06,"
    "A23F 3/06\n"
    "202110123457.3,invention,校验位错误,2021-03-02,2023-05-06,A23F 3/06\n"
).encode()

JSONL = (
    b'{"id": "EP0049154B2", "title": "In place gas cleaning of diffusion elements", '
    b'"abstract": "", "claims": "", "ipc": ["B08B5/00", "C02F3/20"], "applicant": ["WPC"], '
    b'"app_date": "1981-09-29", "pub_date": "1995-02-15", "lang": "en"}\n'
)


def _count(session: Session) -> int:
    return session.exec(select(func.count()).select_from(Patent)).one()


def test_api_import_reports_rows_and_imports_nothing(client: FlaskClient, auth: Auth,
                                                     session: Session) -> None:
    auth.login(make_user(session, Role.PATENTEE))
    response = client.post("/api/v1/portfolio/import",
                           data={"file": (io.BytesIO(CSV), "portfolio.csv")})
    assert response.status_code == 422
    rows = response.json["errors"]["rows"]
    assert [(e["row"], e["column"]) for e in rows] == [(3, "application_number")]
    assert response.json["errors"]["rows_omitted"] == 0
    assert _count(session) == 0


def test_api_import_skip_invalid(client: FlaskClient, auth: Auth, session: Session) -> None:
    auth.login(make_user(session, Role.PATENTEE))
    response = client.post("/api/v1/portfolio/import?skip_invalid=true",
                           data={"file": (io.BytesIO(CSV), "portfolio.csv")})
    assert response.status_code == 200
    assert (response.json["created"], [e["row"] for e in response.json["errors"]]) == (1, [3])


def test_api_import_shared_jsonl_shape(client: FlaskClient, auth: Auth, session: Session) -> None:
    auth.login(make_user(session, Role.PATENTEE))
    response = client.post("/api/v1/portfolio/import",
                           data={"file": (io.BytesIO(JSONL), "corpus.jsonl")})
    assert response.status_code == 200, response.json
    patent = session.exec(select(Patent)).one()
    assert (patent.jurisdiction, patent.publication_number) == ("EP", "EP0049154B2")


def test_sme_cannot_import(client: FlaskClient, auth: Auth, session: Session) -> None:
    auth.login(make_user(session, Role.SME))
    response = client.post("/api/v1/portfolio/import",
                           data={"file": (io.BytesIO(CSV), "portfolio.csv")})
    assert response.status_code == 403


def test_upload_page_shows_row_report(client: FlaskClient, auth: Auth, session: Session) -> None:
    auth.login(make_user(session, Role.PATENTEE))
    html = client.post("/portfolio/import", data={"file": (io.BytesIO(CSV), "p.csv")},
                       headers={"Accept-Language": "en"}).get_data(as_text=True)
    report = html.split('id="import-errors"')[1]
    assert '<td class="row">3</td><td>application_number</td>' in report
    assert _count(session) == 0


def test_patent_page_shows_register_data(client: FlaskClient, auth: Auth,
                                         session: Session) -> None:
    owner = make_user(session, Role.PATENTEE)
    patent = make_patent(session, owner, title="一种基于物联网的自动化杀青设备")
    auth.login(make_user(session, Role.SME))
    html = client.get(f"/patents/{patent.id}", headers={"Accept-Language": "en"}).get_data(
        as_text=True)
    assert "一种基于物联网的自动化杀青设备" in html
    assert patent.application_number in html
    assert "2039" in html  # expiry: filed 2019-03-15, 20 years


def test_cli_import_all_or_nothing_then_skip_invalid(app: Flask, session: Session,
                                                     tmp_path: Path) -> None:
    user = make_user(session, Role.PATENTEE)
    session.commit()
    source = tmp_path / "portfolio.csv"
    source.write_bytes(CSV)
    runner = app.test_cli_runner()
    result = runner.invoke(args=["import", "patents", str(source), "--owner", user.email])
    assert result.exit_code == 1
    assert "row 3, application_number" in result.output
    report = tmp_path / "report.json"
    result = runner.invoke(args=["import", "patents", str(source), "--owner", user.email,
                                 "--skip-invalid", "--report", str(report)])
    assert result.exit_code == 0, result.output
    assert json.loads(report.read_text())["created"] == 1
    assert _count(session) == 1
