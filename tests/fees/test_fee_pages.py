"""Fee pages and API: a patent's schedule and payments, the patentee's ledger and eligibility,
statements (page, CSV, XLSX) and the office's totals, with every role's grants and denials.

"Today" is fixed at 2026-03-05 for the pages and services. The patent is Example A's invention
(filed 2015-03-10, granted 2019-09-20): year 12 falls due 2026-03-10, full 4,000; with the open
licence (declaration 2025-06-01, contract recorded 2025-11-20) the company pays 3,400.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterator

import pytest
from flask import Flask
from flask.testing import FlaskClient
from openpyxl import load_workbook
from sqlmodel import Session, select

from marketplace.accounts.models import Organisation, Role, User
from marketplace.fees import refresh, services, sources, views
from marketplace.fees.models import FeePayment
from marketplace.fees.rules import DeclarationPeriod
from marketplace.fees.standing import Part, organisation_standing
from marketplace.patents.models import Patent
from tests.conftest import Auth
from tests.factories import make_patent, make_user

TODAY = dt.date(2026, 3, 5)


@pytest.fixture(autouse=True)
def frozen_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(services, "legal_today", lambda: TODAY)
    monkeypatch.setattr(refresh, "legal_today", lambda: TODAY)
    monkeypatch.setattr(views, "legal_today", lambda: TODAY)


@pytest.fixture()
def open_licence(monkeypatch: pytest.MonkeyPatch) -> None:
    """What declarations and licensing will report once merged: a declaration announced
    2025-06-01 and a contract recorded 2025-11-20 on every patent."""
    facts = sources.OpenLicenceFacts(declarations=(DeclarationPeriod(dt.date(2025, 6, 1)),),
                                     record_dates=(dt.date(2025, 11, 20),))
    monkeypatch.setattr(sources, "open_licence_facts_many",
                        lambda session, patent_ids: dict.fromkeys(patent_ids, facts))


@pytest.fixture()
def owner(session: Session) -> User:
    return make_user(session, Role.PATENTEE)


@pytest.fixture()
def patent(app: Flask, session: Session, owner: User) -> Iterator[Patent]:
    patent = make_patent(session, owner, filing_date=dt.date(2015, 3, 10),
                         grant_date=dt.date(2019, 9, 20), title="一种茶叶杀青设备")
    with app.app_context():
        refresh.refresh_ledger(session, patent, cause=refresh.CAUSE_IMPORTED, actor=None,
                                today=dt.date(2026, 1, 1))
    session.commit()
    yield patent


def _html(client: FlaskClient, path: str, language: str = "en") -> str:
    response = client.get(path, headers={"Accept-Language": language})
    assert response.status_code == 200, response.status_code
    return response.get_data(as_text=True)


# --- A patent's fees -----------------------------------------------------------------------------


@pytest.mark.usefixtures("open_licence")
def test_owner_sees_schedule_and_records_a_payment(app: Flask, client: FlaskClient, auth: Auth,
                                                   session: Session, owner: User,
                                                   patent: Patent) -> None:
    auth.login(owner)
    with app.app_context():
        refresh.refresh_ledger(session, patent, cause=refresh.CAUSE_REFRESHED, actor=None,
                                today=TODAY)
    session.commit()
    html = _html(client, f"/patents/{patent.id}/fees")
    year_12 = html.split('id="year-12"')[1].split('<tr class="fee ')[0]
    assert "4,000.00" in year_12 and "3,400.00" in year_12 and "Due" in year_12
    assert f'action="/patents/{patent.id}/fees/payments"' in html
    response = client.post(f"/patents/{patent.id}/fees/payments",
                           data={"fee_year": "12", "paid_on": "2026-03-05", "amount": "3400.00",
                                 "reference": "CNIPA-2026-0305"})
    assert response.status_code == 302
    payment = session.exec(select(FeePayment)).one()
    assert (payment.amount_fen, payment.recorded_by_user_id) == (340000, owner.id)
    html = _html(client, f"/patents/{patent.id}/fees")
    assert "Paid" in html.split('id="year-12"')[1].split('<tr class="fee ')[0]
    history = html.split("<h2>History</h2>")[1]
    assert "Payment recorded" in history and "3,400.00" in history


def test_payment_form_shows_errors_next_to_fields(client: FlaskClient, auth: Auth,
                                                  owner: User, patent: Patent) -> None:
    auth.login(owner)
    response = client.post(f"/patents/{patent.id}/fees/payments",
                           data={"fee_year": "12", "paid_on": "2026-03-06", "amount": "4000"},
                           headers={"Accept-Language": "en"})
    assert response.status_code == 200
    block = response.get_data(as_text=True).split('id="paid_on"')[1].split("</div>")[0]
    assert "A payment cannot be dated in the future." in block


@pytest.mark.parametrize(("role", "status", "form"), [
    ("owner", 200, True), ("co_owner", 200, False), (Role.OFFICE, 200, False),
    (Role.PATENTEE, 403, False), (Role.SME, 403, False), (Role.MEDIATOR, 403, False),
    (None, 302, False),
])
def test_who_opens_a_patents_fee_page(client: FlaskClient, auth: Auth, session: Session,
                                      owner: User, patent: Patent, role: object, status: int,
                                      form: bool) -> None:
    from decimal import Decimal

    from marketplace.patents.models import CoOwner

    if role == "owner":
        auth.login(owner)
    elif role == "co_owner":
        co_user = make_user(session, Role.PATENTEE)
        session.add(CoOwner(patent_id=patent.id or 0, name="共有人",
                            organisation_id=co_user.organisation_id, share=Decimal(50)))
        session.commit()
        auth.login(co_user)
    elif isinstance(role, Role):
        auth.login(make_user(session, role))
    response = client.get(f"/patents/{patent.id}/fees")
    assert response.status_code == status
    if status == 200:
        assert ("/fees/payments" in response.get_data(as_text=True)) is form
    detail = client.get(f"/patents/{patent.id}")
    if detail.status_code == 200:
        assert (f"/patents/{patent.id}/fees" in detail.get_data(as_text=True)) is (status == 200)


def test_other_patentee_cannot_post_a_payment(client: FlaskClient, auth: Auth, session: Session,
                                              patent: Patent) -> None:
    auth.login(make_user(session, Role.PATENTEE))
    response = client.post(f"/patents/{patent.id}/fees/payments",
                           data={"fee_year": "12", "paid_on": "2026-03-05", "amount": "4000"})
    assert response.status_code == 403
    assert session.exec(select(FeePayment)).first() is None


def test_ledger_api(client: FlaskClient, auth: Auth, session: Session, owner: User,
                    patent: Patent) -> None:
    assert client.get(f"/api/v1/patents/{patent.id}/fees").status_code == 401
    auth.login(owner)
    body = client.get(f"/api/v1/patents/{patent.id}/fees").json
    assert [line["fee_year"] for line in body["lines"]] == list(range(5, 21))
    assert body["header"]["settled_through"] == "2026-01-01"
    year_12 = body["lines"][12 - 5]
    assert (year_12["status"], year_12["payable_fen"]) == ("due", 400000)
    created = client.post(f"/api/v1/patents/{patent.id}/fee-payments",
                          json={"fee_year": 12, "paid_on": "2026-03-05", "amount_fen": 400000})
    assert created.status_code == 201, created.json
    assert created.json["amount_fen"] == 400000
    body = client.get(f"/api/v1/patents/{patent.id}/fees").json
    assert body["lines"][12 - 5]["status"] == "paid"
    assert body["payments"][0]["paid_on"] == "2026-03-05"
    bad = client.post(f"/api/v1/patents/{patent.id}/fee-payments",
                      json={"fee_year": 13, "paid_on": "2026-03-05", "amount_fen": 0})
    assert (bad.status_code, list(bad.json["errors"])) == (422, ["amount_fen"])
    future = client.post(f"/api/v1/patents/{patent.id}/fee-payments",
                         json={"fee_year": 13, "paid_on": "2026-03-06", "amount_fen": 600000})
    assert (future.status_code, list(future.json["errors"])) == (422, ["paid_on"])


def test_ledger_api_denies_other_organisations(client: FlaskClient, auth: Auth,
                                               session: Session, patent: Patent) -> None:
    auth.login(make_user(session, Role.PATENTEE))
    assert client.get(f"/api/v1/patents/{patent.id}/fees").status_code == 403
    response = client.post(f"/api/v1/patents/{patent.id}/fee-payments",
                           json={"fee_year": 12, "paid_on": "2026-03-05", "amount_fen": 400000})
    assert (response.status_code, response.json["code"]) == (403, "forbidden")


# --- The patentee's ledger and eligibility -------------------------------------------------------


def test_portfolio_ledger_and_eligibility(client: FlaskClient, auth: Auth, session: Session,
                                          owner: User, patent: Patent) -> None:
    auth.login(owner)
    html = _html(client, "/fees/ledger")
    to_pay = html.split("<h2>To pay now</h2>")[1].split("</table>")[0]
    assert "一种茶叶杀青设备" in to_pay and "4,000.00" in to_pay  # year 12, due 2026-03-10
    refused = client.post("/fees/eligibility", data={"eligible": "y", "basis": "", "year": ""},
                          headers={"Accept-Language": "en"})
    assert refused.status_code == 200
    block = refused.get_data(as_text=True).split('id="basis"')[1].split("</div>")[0]
    assert "Required when eligible." in block
    response = client.post("/fees/eligibility",
                           data={"eligible": "y", "basis": "事业单位", "year": "2026"})
    assert response.status_code == 302
    org = session.get(Organisation, owner.organisation_id)
    session.refresh(org)
    assert org is not None and org.fee_reduction_eligible
    # From 2026-03-05 on: year 12 (due 2026-03-10) is 4,000 × 0.15 = 600.
    html = _html(client, "/fees/ledger")
    assert "600.00" in html.split("<h2>To pay now</h2>")[1].split("</table>")[0]


# --- Statements ----------------------------------------------------------------------------------


@pytest.fixture()
def paid_with_open_licence(app: Flask, session: Session, owner: User, patent: Patent,
                           open_licence: None) -> Patent:
    with app.app_context():
        services.record_payment(session, actor=owner, patent_id=patent.id or 0, today=TODAY,
                                new=services.NewPayment(12, dt.date(2026, 3, 1), 340000))
    session.commit()
    return patent


def test_statement_page_shows_open_licence_savings(client: FlaskClient, auth: Auth,
                                                    owner: User,
                                                    paid_with_open_licence: Patent) -> None:
    auth.login(owner)
    html = _html(client, "/fees/statements?year=2026")
    # 2026: year 12 only. Full 4,000; open-licence reduction 600; paid 3,400; nothing owed.
    assert "3,400.00" in html and "4,000.00" in html
    assert '<strong>600.00</strong>' in html.split('id="open-licence-savings"')[1][:80]
    assert "一种茶叶杀青设备" in html
    # 2027 holds year 13 (due 2027-03-10): 6,000 × 0.85 = 5,100 under the open licence.
    later = _html(client, "/fees/statements?year=2027")
    assert "5,100.00" in later and "<td>12</td>" not in later and "<td>13</td>" in later


def test_statement_csv(client: FlaskClient, auth: Auth, owner: User,
                       paid_with_open_licence: Patent) -> None:
    auth.login(owner)
    response = client.get("/fees/statements.csv?year=2026", headers={"Accept-Language": "en"})
    assert response.status_code == 200
    assert response.headers["Content-Disposition"].endswith('-2026.csv"')
    text = response.get_data().decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text[1:])))
    assert len(rows) == 2  # the fee and the totals row
    fee, totals = rows
    assert (fee["Title"], fee["Fee year"], fee["Due date"]) == ("一种茶叶杀青设备", "12",
                                                                 "2026-03-10")
    assert (fee["Full fee (RMB)"], fee["Open-licence reduction (RMB)"],
            fee["Saved by open licensing (RMB)"], fee["Fee due (RMB)"], fee["Paid (RMB)"],
            fee["Owed (RMB)"]) == ("4000.00", "600.00", "600.00", "3400.00", "3400.00", "0.00")
    assert (totals["Patent number"], totals["Saved by open licensing (RMB)"]) == ("Total",
                                                                                 "600.00")


def test_statement_xlsx_in_chinese(client: FlaskClient, auth: Auth, owner: User,
                                   paid_with_open_licence: Patent) -> None:
    auth.login(owner)
    response = client.get("/fees/statements.xlsx?year=2026", headers={"Accept-Language": "zh"})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.get_data())).active
    assert sheet is not None and sheet.title == "2026"
    rows = list(sheet.iter_rows(values_only=True))
    headings, fee, totals = rows
    record = dict(zip(headings, fee, strict=True))
    assert record["名称"] == "一种茶叶杀青设备"
    assert (record["开放许可节省（元）"], record["应缴年费（元）"]) == (600, 3400)
    assert dict(zip(headings, totals, strict=True))["已缴（元）"] == 3400


@pytest.mark.parametrize(("role", "status"), [(Role.SME, 403), (Role.MEDIATOR, 403),
                                              (None, 302)])
def test_statement_denials(client: FlaskClient, auth: Auth, session: Session,
                           role: Role | None, status: int) -> None:
    if role is not None:
        auth.login(make_user(session, role))
    for path in ("/fees/statements", "/fees/statements.csv", "/fees/statements.xlsx"):
        assert client.get(path).status_code == status


def test_other_patentee_sees_only_its_own_statement(client: FlaskClient, auth: Auth,
                                                    session: Session, owner: User,
                                                    paid_with_open_licence: Patent) -> None:
    auth.login(make_user(session, Role.PATENTEE))
    html = _html(client, f"/fees/statements?year=2026&organisation_id={owner.organisation_id}")
    assert "一种茶叶杀青设备" not in html


def test_office_sees_any_statement_and_the_platform_totals(
        client: FlaskClient, auth: Auth, session: Session, owner: User,
        paid_with_open_licence: Patent) -> None:
    auth.login(make_user(session, Role.OFFICE))
    html = _html(client, f"/fees/statements?year=2026&organisation_id={owner.organisation_id}")
    assert "一种茶叶杀青设备" in html
    totals = _html(client, "/office/fees")
    row_2026 = totals.split('<th scope="row">2026</th>')[1].split("</tr>")[0]
    assert "600.00" in row_2026 and "3,400.00" in row_2026


def test_office_totals_are_for_the_office_only(client: FlaskClient, auth: Auth,
                                               owner: User) -> None:
    auth.login(owner)
    assert client.get("/office/fees").status_code == 403


# --- Paid, payable now, late, not yet due (issue 13 item 6) -------------------------------------


def _dd(html: str, id_: str) -> str:
    return html.split(f'id="{id_}">')[1].split("</dd>")[0]


def test_patent_page_never_calls_a_fee_not_yet_late_owed(client: FlaskClient, auth: Auth,
                                                         owner: User, patent: Patent) -> None:
    """On 2026-03-05 year 12 (due 2026-03-10, RMB 4,000) is payable but not late: the page
    says so instead of "Paid up" beside "Owed now 4,000"; years 13–20 are a projection:
    3 × 6,000 + 5 × 8,000 = 58,000."""
    auth.login(owner)
    html = _html(client, f"/patents/{patent.id}/fees")
    assert "No fee is late; the next is payable by" in _dd(html, "fee-state")
    assert "Paid up" not in _dd(html, "fee-state")
    assert "4,000.00" in _dd(html, "standing-payable")
    assert "1 fee, the first due by" in _dd(html, "standing-payable")
    assert _dd(html, "standing-late") == "—"
    not_yet_due = _dd(html, "standing-not-yet-due")
    assert "58,000.00" in not_yet_due and "8 fees from" in not_yet_due
    assert "Owed now" not in html
    # Years not yet due are marked as projected and owe nothing yet ("—", not 0.00).
    year_13 = html.split('id="year-13"')[1].split("</tr>")[0]
    assert "projected" in year_13 and "—" in year_13


def test_patent_page_in_chinese(client: FlaskClient, auth: Auth, owner: User,
                                patent: Patent) -> None:
    auth.login(owner)
    html = _html(client, f"/patents/{patent.id}/fees", "zh")
    assert "4,000.00" in _dd(html, "standing-payable")
    assert "当前欠缴" not in html and "已缴清" not in _dd(html, "fee-state")


def test_totals_list_the_open_licence_saving_once(client: FlaskClient, auth: Auth,
                                                  owner: User, patent: Patent) -> None:
    """With no open licence both are 0.00: one line ("Saved by open licensing"), not two."""
    auth.login(owner)
    html = _html(client, f"/patents/{patent.id}/fees")
    totals = html.split('class="facts totals"')[1].split("</dl>")[0]
    assert "Saved by open licensing" in totals and "Open-licence reductions" not in totals


def test_portfolio_standing_sums_every_patent(app: Flask, client: FlaskClient, auth: Auth,
                                              session: Session, owner: User,
                                              patent: Patent) -> None:
    """Two Example A patents: 2 × 4,000 payable now, 2 × 58,000 not yet due."""
    second = make_patent(session, owner, filing_date=dt.date(2015, 3, 10),
                         grant_date=dt.date(2019, 9, 20), title="第二件")
    with app.app_context():
        refresh.refresh_ledger(session, second, cause=refresh.CAUSE_IMPORTED, actor=None,
                                today=TODAY)
    session.commit()
    result = organisation_standing(session, owner.organisation_id)
    assert result.payable == Part(2, 800_000, dt.date(2026, 3, 10))
    assert result.not_yet_due.amount_fen == 2 * 5_800_000
    assert result.late == Part()
    auth.login(owner)
    html = _html(client, "/fees/ledger")
    assert "8,000.00" in _dd(html, "standing-payable")
    chart = html.split('id="chart-portfolio-fees"')[1].split("</figure>")[0]
    assert "<svg" in chart and "2027*" in chart and "Projected" in chart
INJECTION = '=HYPERLINK("http://x","y")'


def test_statements_never_hold_a_formula(client: FlaskClient, auth: Auth, session: Session,
                                         owner: User, paid_with_open_licence: Patent) -> None:
    paid_with_open_licence.title = INJECTION
    session.add(paid_with_open_licence)
    session.commit()
    auth.login(owner)
    text = client.get("/fees/statements.csv?year=2026",
                      headers={"Accept-Language": "en"}).get_data().decode("utf-8-sig")
    fee = next(csv.DictReader(io.StringIO(text)))
    assert fee["Title"] == "'" + INJECTION
    response = client.get("/fees/statements.xlsx?year=2026", headers={"Accept-Language": "en"})
    sheet = load_workbook(io.BytesIO(response.get_data())).active
    assert sheet is not None
    titles = [cell for cell in sheet["A":"Z"] for cell in cell if cell.value and
              "HYPERLINK" in str(cell.value)]
    assert [(cell.value, cell.data_type) for cell in titles] == [("'" + INJECTION, "s")]
