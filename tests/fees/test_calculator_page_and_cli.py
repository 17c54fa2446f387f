"""The calculator page (both languages, no JavaScript) and ``marketplace fees calculate``."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urlencode

from flask import Flask
from flask.testing import FlaskClient

from marketplace.fees.api import CALCULATOR_EXAMPLE

# Example B as the form sends it (GET: a calculation has a URL).
FORM = {
    "kind": "invention", "filing_date": "2015-03-10", "grant_date": "2019-09-20",
    "owners-0-name": "浙江大学", "owners-0-eligible": "y", "owners-0-basis": "事业单位",
    "declarations-0-announced_on": "2025-06-01", "record_dates-0": "2025-11-20",
    "settled_through": "2025-12-31", "payments-0-fee_year": "12",
    "payments-0-paid_on": "2026-03-01", "payments-0-amount": "600.00", "as_of": "2026-03-20",
}


def _page(client: FlaskClient, language: str, **changes: str) -> str:
    query = urlencode({**FORM, **changes})
    response = client.get(f"/fees/calculator?{query}", headers={"Accept-Language": language})
    assert response.status_code == 200
    return response.get_data(as_text=True)


def _year_row(html: str, year: int) -> str:
    return html.split(f'id="year-{year}"')[1].split('<tr class="fee ')[0]


def test_empty_calculator_form(client: FlaskClient) -> None:
    html = client.get("/fees/calculator", headers={"Accept-Language": "en"}).get_data(
        as_text=True)
    assert '<form method="get"' in html
    assert 'name="owners-0-name"' in html and 'name="payments-7-amount"' in html
    assert "id=\"year-" not in html


def test_calculator_page_in_english(client: FlaskClient) -> None:
    html = _page(client, "en")
    year_15 = _year_row(html, 15)
    # Year 15: general window over; 6,000 × 0.85 = 5,100 under the open licence.
    assert "6,000.00" in year_15 and "5,100.00" in year_15
    assert "Open-licence reduction" in year_15
    assert "open-licence contract recorded 20 Nov 2025" in year_15
    year_12 = _year_row(html, 12)
    assert "600.00" in year_12 and "Paid" in year_12
    assert "浙江大学 (事业单位)" in year_12  # the eligibility that triggered the reduction
    assert "Saved by open licensing" in html


def test_calculator_page_in_chinese(client: FlaskClient) -> None:
    html = _page(client, "zh")
    year_15 = _year_row(html, 15)
    assert "5,100.00" in year_15
    assert "开放许可" in year_15  # the reason, translated
    assert "Open-licence reduction" not in html
    assert "年费计算器" in html


def test_calculator_page_shows_errors_next_to_fields(client: FlaskClient) -> None:
    html = _page(client, "en", grant_date="2014-01-01")
    block = html.split('id="grant_date"')[1].split("</div>")[0]
    assert "The grant date is before the filing date." in block
    assert 'id="year-' not in html


def test_calculator_page_payment_error_on_its_row(client: FlaskClient) -> None:
    html = _page(client, "en", **{"payments-0-fee_year": "3"})
    block = html.split('id="payments-0-fee_year"')[1].split("</div>")[0]
    assert "This patent has no annual fee for that year." in block


def test_calculator_page_needs_a_patentee(client: FlaskClient) -> None:
    html = _page(client, "en", **{"owners-0-name": ""})
    block = html.split('id="owners-0-name"')[1].split("</div>")[0]
    assert "Name at least one patentee." in block


def test_worked_example_link(client: FlaskClient) -> None:
    html = client.get("/fees/calculator", headers={"Accept-Language": "en"}).get_data(
        as_text=True)
    link = html.split('href="/fees/calculator?')[1].split('"')[0].replace("&amp;", "&")
    result = client.get(f"/fees/calculator?{link}", headers={"Accept-Language": "en"})
    assert 'id="year-20"' in result.get_data(as_text=True)


def test_cli_table(app: Flask, tmp_path: Path) -> None:
    path = tmp_path / "patent.json"
    path.write_text(json.dumps(CALCULATOR_EXAMPLE, ensure_ascii=False), encoding="utf-8")
    result = app.test_cli_runner().invoke(args=["fees", "calculate", str(path)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    year_16 = next(line for line in lines if line.strip().startswith("16 "))
    assert "8,000.00" in year_16 and "6,800.00" in year_16 and "open_licence" in year_16
    assert "why: general reduction 85% for 浙江大学 (事业单位)" in result.output
    assert "owed 900.00" in result.output


def test_cli_json_equals_the_api(app: Flask, client: FlaskClient, tmp_path: Path) -> None:
    path = tmp_path / "patent.json"
    path.write_text(json.dumps(CALCULATOR_EXAMPLE), encoding="utf-8")
    result = app.test_cli_runner().invoke(args=["fees", "calculate", "--json", str(path)])
    assert result.exit_code == 0, result.output
    api = client.post("/api/v1/fees/calculate", json=CALCULATOR_EXAMPLE,
                      headers={"Accept-Language": "en"}).json
    assert json.loads(result.output) == api


def test_cli_reports_invalid_input(app: Flask, tmp_path: Path) -> None:
    path = tmp_path / "patent.json"
    path.write_text(json.dumps({**CALCULATOR_EXAMPLE, "grant_date": "2010-01-01"}))
    result = app.test_cli_runner().invoke(args=["fees", "calculate", str(path)])
    assert result.exit_code != 0
    assert "grant_date" in result.output


def test_calculator_page_incomplete_payment_row(client: FlaskClient) -> None:
    html = _page(client, "en", **{"payments-1-fee_year": "13"})
    block = html.split('id="payments-1-amount"')[1].split("</div>")[0]
    assert "Fill in the year, the day and the amount." in block
    assert 'id="year-' not in html


def test_calculator_page_withdrawal_needs_announcement(client: FlaskClient) -> None:
    html = _page(client, "en", **{"declarations-1-withdrawn_on": "2026-01-01"})
    block = html.split('id="declarations-1-announced_on"')[1].split("</div>")[0]
    assert "A withdrawn declaration was announced first." in block
