"""Fee pages separate what was paid, what is payable now, what is late, what is not yet due
(a projection) and what is repayable; one line per amount (issue 13 item 6).

The patent is Example A's invention (filed 2015-03-10, granted 2019-09-20, fees from the grant
year 5: year 12 due 2026-03-10 is RMB 4,000 full; years 13–15 RMB 6,000; 16–20 RMB 8,000), its
owner not eligible for the general reduction and no open licence: payable = full fee.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlmodel import Session

from marketplace.accounts.models import Role, User
from marketplace.fees import refresh, services, views
from marketplace.fees.rules import FeeStatus
from marketplace.fees.standing import Part, organisation_standing, standing
from marketplace.patents.models import Patent
from tests.conftest import Auth
from tests.factories import make_patent, make_user


class Line:
    """A ledger line with only the fields the standing reads."""

    def __init__(self, status: FeeStatus, due: dt.date, payable: int, paid: int = 0,
                 owed: int = 0, clawback: int = 0) -> None:
        self.status, self.due_date, self.payable_fen = status, due, payable
        self.paid_fen, self.amount_owed_fen, self.clawback_fen = paid, owed, clawback


def test_standing_puts_each_amount_in_one_place_only() -> None:
    """Hand-computed: year 10 paid 900; year 11 in grace owes 900 + late fee 45 = 945;
    year 12 payable 1,200 (300 of it paid already: owes 900); years 13 and 14 not yet due,
    1,200 each; a repayable saving of 180 counted in year 12's owed amount counts once."""
    lines = [
        Line(FeeStatus.PAID, dt.date(2024, 3, 10), 900, paid=900),
        Line(FeeStatus.IN_GRACE, dt.date(2025, 3, 10), 900, owed=945),
        Line(FeeStatus.DUE, dt.date(2026, 3, 10), 1200, paid=300, owed=900 + 180, clawback=180),
        Line(FeeStatus.NOT_YET_DUE, dt.date(2027, 3, 10), 1200),
        Line(FeeStatus.NOT_YET_DUE, dt.date(2028, 3, 10), 1200),
    ]
    result = standing(lines)
    assert result.paid_fen == 1200
    assert result.late == Part(1, 945, dt.date(2025, 3, 10))
    assert result.payable == Part(1, 900, dt.date(2026, 3, 10))
    assert result.not_yet_due == Part(2, 2400, dt.date(2027, 3, 10))
    assert result.repayable_fen == 180
    assert result.owed_now_fen == 945 + 900 + 180


TODAY = dt.date(2026, 3, 5)


@pytest.fixture(autouse=True)
def frozen_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(services, "legal_today", lambda: TODAY)
    monkeypatch.setattr(refresh, "legal_today", lambda: TODAY)
    monkeypatch.setattr(views, "legal_today", lambda: TODAY)


@pytest.fixture()
def owner(session: Session) -> User:
    return make_user(session, Role.PATENTEE)


@pytest.fixture()
def patent(app: Flask, session: Session, owner: User) -> Iterator[Patent]:
    patent = make_patent(session, owner, filing_date=dt.date(2015, 3, 10),
                         grant_date=dt.date(2019, 9, 20), title="一种茶叶杀青设备")
    with app.app_context():
        refresh.refresh_ledger(session, patent, cause=refresh.CAUSE_IMPORTED, actor=None,
                                today=TODAY)
    session.commit()
    yield patent


def _html(client: FlaskClient, path: str, language: str = "en") -> str:
    client.get(f"/lang/{language}")  # the login remembered the browser's (none: Chinese)
    response = client.get(path, headers={"Accept-Language": language})
    assert response.status_code == 200, response.status_code
    return response.get_data(as_text=True)


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


def test_calculator_asks_the_required_facts_first_and_folds_the_rest(
        client: FlaskClient) -> None:
    """Kind, dates and patentees show; the optional facts are folded until one is given."""
    blank = _html(client, "/fees/calculator")
    folded = blank[blank.index('<details id="optional-facts"'):]
    assert folded.startswith('<details id="optional-facts">')  # closed
    assert 'id="filing_date"' in blank[:blank.index('<details id="optional-facts"')]
    assert 'id="settled_through"' in folded
    base = {"kind": "invention", "filing_date": "2015-03-10", "grant_date": "2019-09-20",
            "owners-0-name": "浙江大学"}
    html = client.get("/fees/calculator", query_string=base).get_data(as_text=True)
    assert '<details id="optional-facts">' in html and 'id="result-title"' in html
    html = client.get("/fees/calculator",
                      query_string={**base, "settled_through": "2025-12-31"}).get_data(
                          as_text=True)
    assert '<details id="optional-facts" open>' in html
