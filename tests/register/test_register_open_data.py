"""Open data without login: CSV (BOM, one row per declaration), streamed JSON, the Atom feed, and
the API (filters, paging, validation, detail)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

from flask import Flask
from flask.testing import FlaskClient
from sqlmodel import Session

from marketplace.declarations.rules import DeclarationStatus
from marketplace.declarations.terms import content_hash
from marketplace.patents.models import Patent
from marketplace.patents.rules import LegalStatus
from marketplace.register.exports import CSV_COLUMNS
from tests.factories import make_declaration, make_organisation, make_patent
from tests.register.conftest import Register

ATOM = "{http://www.w3.org/2005/Atom}"


def test_csv_has_a_bom_the_documented_columns_and_one_row_each(
        client: FlaskClient, register: Register) -> None:
    response = client.get("/announcements.csv", headers={"Accept-Language": "en"})
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    body = response.get_data()
    assert body.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert [r["announcement_number"] for r in rows] == [
        register.free.announcement_number, register.royalty.announcement_number,
        register.withdrawn.announcement_number]
    royalty = rows[1]
    assert royalty["title"] == "一种自动化杀青设备"
    assert royalty["patentees"] == "浙江农林大学"
    assert royalty["main_ipc"] == "A23F 3/06"
    assert royalty["ipc_codes"] == "A23F 3/06; A23N 12/08"
    assert royalty["fee_method"] == "royalty_sales"
    assert royalty["fee_standard"] == "3.5 % of net sales, at least RMB 20,000.00 a year"
    assert royalty["licence_start"] == "2027-01-01"
    assert royalty["status"] == "announced"
    assert royalty["snapshot_hash"] == register.royalty.snapshot_hash
    withdrawn = rows[2]
    assert withdrawn["status"] == "withdrawn"
    assert withdrawn["withdrawal_number"] == register.withdrawn.withdrawal_number
    assert withdrawn["withdrawal_date"] == "2025-07-10"
    assert withdrawn["advantages"].startswith("'=HYPERLINK")  # no spreadsheet formula
    assert [r["patent_status"] for r in rows] == ["in_force"] * 3


def test_a_lapsed_patent_shows_as_lapsed(client: FlaskClient, session: Session,
                                         register: Register) -> None:
    """Unpaid after the grace window the patent lapses (D13): the register says so."""
    patent = session.get(Patent, register.royalty.patent_id)
    assert patent is not None
    patent.legal_status = LegalStatus.LAPSED
    session.commit()
    number = register.royalty.announcement_number
    html = client.get(f"/announcements/{number}",
                      headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert '<dd id="patent-status">Lapsed</dd>' in html
    data = client.get(f"/api/v1/register/declarations/{number}").get_json()
    assert data["patent_status"] == "lapsed"


def test_downloads_take_the_list_filters(client: FlaskClient, register: Register) -> None:
    body = client.get("/announcements.csv?fee_method=free").get_data().decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(body)))
    assert [r["announcement_number"] for r in rows] == [register.free.announcement_number]
    data = client.get("/announcements.json?kind=invention").get_json()
    assert [i["announcement_number"] for i in data["items"]] == [
        register.royalty.announcement_number, register.withdrawn.announcement_number]


def test_json_download_items_match_their_snapshot(client: FlaskClient,
                                                  register: Register) -> None:
    response = client.get("/announcements.json")
    assert response.mimetype == "application/json"
    data = json.loads(response.get_data(as_text=True))
    assert "generated_at" in data
    free = data["items"][0]
    assert free["fee_terms"] == {"method": "free"}
    assert free["kind"] == "utility_model"
    assert free["contact"] == {"name": "李老师", "phone": "0571-88000000",
                               "email": "tech@example.cn"}
    assert free["snapshot_hash"] == content_hash(register.free.snapshot or {})


def test_atom_feed_parses_and_has_stable_ids(app: Flask, client: FlaskClient,
                                             register: Register) -> None:
    host = urlsplit(app.config["SITE_URL"]).hostname
    response = client.get("/announcements.atom")
    assert response.mimetype == "application/atom+xml"
    feed = ET.fromstring(response.get_data())
    entries = feed.findall(f"{ATOM}entry")
    ids = [e.findtext(f"{ATOM}id") for e in entries]
    assert ids == [
        f"tag:{host},2026-09-15:{register.free.announcement_number}",
        f"tag:{host},2026-03-02:{register.royalty.announcement_number}",
        f"tag:{host},2025-07-10:{register.withdrawn.withdrawal_number}",
        f"tag:{host},2025-06-10:{register.withdrawn.announcement_number}"]
    assert [e.findtext(f"{ATOM}updated") for e in entries][2] == "2025-07-10T00:00:00+00:00"
    assert feed.findtext(f"{ATOM}updated") == entries[0].findtext(f"{ATOM}updated")
    # The markup in the withdrawn declaration's text never reaches the feed unescaped.
    assert b"<script>" not in response.get_data()
    assert client.get("/announcements.atom").get_data() == response.get_data()


def test_api_lists_with_filters_and_pages(client: FlaskClient, register: Register) -> None:
    data = client.get("/api/v1/register/declarations?per_page=2").get_json()
    assert data["total"] == 3 and data["pages"] == 2
    assert [i["announcement_number"] for i in data["items"]] == [
        register.free.announcement_number, register.royalty.announcement_number]
    item = data["items"][1]
    assert item["licence_end"] == "2031-12-31" and item["patentees"] == ["浙江农林大学"]
    assert item["fee_terms"] == {"method": "royalty_sales", "royalty_rate_percent": "3.5",
                                 "min_annual_fen": 2_000_000}
    data = client.get("/api/v1/register/declarations?ipc=C02F&fee_method=free").get_json()
    assert [i["announcement_number"] for i in data["items"]] == [
        register.free.announcement_number]
    data = client.get("/api/v1/register/declarations?withdrawals=true").get_json()
    assert [i["withdrawal_number"] for i in data["items"]] == [
        register.withdrawn.withdrawal_number]


def test_api_rejects_bad_filters(client: FlaskClient, register: Register) -> None:
    response = client.get("/api/v1/register/declarations?fee_method=haggle&per_page=500"
                          "&date_from=2026-05-01&date_to=2026-01-01")
    assert response.status_code == 422
    body = response.get_json()
    assert body["code"] == "unprocessable_entity"
    errors = json.dumps(body["errors"])
    for field in ("fee_method", "per_page"):
        assert field in errors
    response = client.get("/api/v1/register/declarations?date_from=2026-05-01"
                          "&date_to=2026-01-01")
    assert response.status_code == 422 and "date_to" in json.dumps(response.get_json())


def test_api_detail_has_the_snapshot_and_its_hash(client: FlaskClient,
                                                  register: Register) -> None:
    d = register.royalty
    data = client.get(f"/api/v1/register/declarations/{d.announcement_number}").get_json()
    assert data["snapshot"] == d.snapshot
    assert data["snapshot_hash"] == content_hash(data["snapshot"]) == d.snapshot_hash
    missing = client.get("/api/v1/register/declarations/KF-OL-2026-999999")
    assert missing.status_code == 404 and missing.get_json()["code"] == "not_found"


def test_api_is_in_the_openapi_document(client: FlaskClient) -> None:
    paths = client.get("/api/v1/openapi.json").get_json()["paths"]
    assert "/api/v1/register/declarations" in paths
    assert "/api/v1/register/declarations/{number}" in paths


INJECTION = '=HYPERLINK("http://x","y")'


def test_csv_neutralises_formulas_in_single_and_list_columns(
        client: FlaskClient, session: Session) -> None:
    patent = make_patent(session, make_organisation(session), title=INJECTION,
                         ipc_codes=["@SUM(1+1)", "A23F 3/06"])
    declaration = make_declaration(session, patent, DeclarationStatus.ANNOUNCED,
                                   dt.date(2026, 3, 2))
    session.commit()
    body = client.get("/announcements.csv").get_data().decode("utf-8-sig")
    row = next(r for r in csv.DictReader(io.StringIO(body))
               if r["announcement_number"] == declaration.announcement_number)
    assert row["title"] == "'" + INJECTION
    assert row["ipc_codes"] == "'@SUM(1+1); A23F 3/06"


def test_downloads_and_the_api_keep_amounts_to_the_fen(client: FlaskClient,
                                                        register: Register) -> None:
    for locale, text in (("en", "3.5 % of net sales, at least RMB 20,000.00 a year"),
                         ("zh", "净销售额的 3.5%，每年不低于 ¥20,000.00")):
        headers = {"Accept-Language": locale}
        body = client.get("/announcements.csv", headers=headers).get_data().decode("utf-8-sig")
        rows = {r["announcement_number"]: r for r in csv.DictReader(io.StringIO(body))}
        assert rows[register.royalty.announcement_number]["fee_standard"] == text
        api = client.get(f"/api/v1/register/declarations/{register.royalty.announcement_number}",
                         headers=headers).json
        assert api["fee_standard"] == text
