"""The public register's pages, without logging in: lists, filters, paging, detail, statistics."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest
from flask.testing import FlaskClient
from sqlmodel import Session

from marketplace.fees.models import AnnualFee
from marketplace.fees.rules import FeeStatus, GeneralCode, OpenLicenceCode, ReductionKind
from marketplace.register import views
from tests.factories import make_organisation, make_patent
from tests.register.conftest import Register

EN = {"Accept-Language": "en"}


def _page(client: FlaskClient, url: str) -> str:
    response = client.get(url, headers=EN)
    assert response.status_code == 200, url
    return response.get_data(as_text=True)


def _numbers(html: str) -> list[str]:
    return re.findall(r">(KF-OLW?-\d{4}-\d{6})</a>", html)


def test_lists_announced_declarations_newest_first_never_drafts(
        client: FlaskClient, register: Register) -> None:
    html = _page(client, "/announcements")
    assert _numbers(html) == [register.free.announcement_number,
                              register.royalty.announcement_number,
                              register.withdrawn.announcement_number]
    assert "一种未公告的草稿" not in html and "一种已提交未公告的装置" not in html
    assert "3.5 % of net sales, at least RMB 20,000 a year" in html
    assert "浙江农林大学" in html and "Withdrawn" in html


def test_filters_by_fee_method_kind_ipc_text_patentee_and_dates(
        client: FlaskClient, register: Register) -> None:
    free, royalty, withdrawn = (register.free.announcement_number,
                                register.royalty.announcement_number,
                                register.withdrawn.announcement_number)
    cases = {
        "fee_method=free": [free],
        "kind=utility_model": [free],
        "ipc=a23f": [royalty, withdrawn],
        "ipc=C02F+3/28": [free],
        "q=揉捻": [withdrawn],
        "q=茶叶研究所": [free],
        f"patentee={register.university_id}": [royalty, withdrawn],
        "date_from=2026-01-01&date_to=2026-06-30": [royalty],
    }
    for query, expected in cases.items():
        assert _numbers(_page(client, f"/announcements?{query}")) == expected, query


def test_a_bad_filter_is_shown_next_to_its_field_and_ignored(
        client: FlaskClient, register: Register) -> None:
    html = _page(client, "/announcements?date_from=yesterday&kind=spaceship")
    assert 'id="date_from-errors"' in html
    assert len(_numbers(html)) == 3


def test_pages(client: FlaskClient, register: Register,
               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(views, "PER_PAGE", 2)
    first = _numbers(_page(client, "/announcements"))
    second = _numbers(_page(client, "/announcements?page=2"))
    assert first == [register.free.announcement_number, register.royalty.announcement_number]
    assert second == [register.withdrawn.announcement_number]


def test_withdrawals_list_newest_withdrawal_first(client: FlaskClient,
                                                  register: Register) -> None:
    html = _page(client, "/announcements/withdrawals")
    assert _numbers(html) == [register.withdrawn.withdrawal_number]
    assert "10 Jul 2025" in html


def test_detail_shows_the_frozen_terms_and_their_hash(client: FlaskClient,
                                                      register: Register) -> None:
    d = register.royalty
    html = _page(client, f"/announcements/{d.announcement_number}")
    assert f'<dd id="announcement-number">{d.announcement_number}</dd>' in html
    assert f'<code id="snapshot-hash">{d.snapshot_hash}</code>' in html
    assert "1 Jan 2027 – 31 Dec 2031" in html
    for text in ("茶叶加工", "杀青机", "提供工艺参数和现场调试两次。", "0571-88000000",
                 "A23F 3/06, A23N 12/08"):
        assert text in html


def test_withdrawal_detail_by_either_number(client: FlaskClient, register: Register) -> None:
    d = register.withdrawn
    for number in (d.announcement_number, d.withdrawal_number, str(d.withdrawal_number).lower()):
        html = _page(client, f"/announcements/{number}")
        assert f"withdrawal {d.withdrawal_number} announced on 10 Jul 2025" in html


def test_text_is_escaped(client: FlaskClient, register: Register) -> None:
    html = _page(client, f"/announcements/{register.withdrawn.announcement_number}")
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_drafts_submissions_and_unknown_numbers_are_not_found(
        client: FlaskClient, register: Register) -> None:
    assert client.get("/announcements/KF-OL-2026-999999").status_code == 404
    assert client.get(f"/announcements/{register.draft.id}").status_code == 404


def test_statistics(client: FlaskClient, register: Register) -> None:
    html = _page(client, "/statistics")
    by_year = html[html.index('id="stats-by-year"'):html.index('id="stats-by-fee-method"')]
    rows = re.findall(r"<tr><td>(\d{4})</td><td>(\d+)</td><td>(\d+)</td></tr>", by_year)
    assert rows == [("2026", "2", "0"), ("2025", "1", "1")]
    assert "In force: 2 · withdrawn: 1" in html
    by_method = html[html.index('id="stats-by-fee-method"'):html.index('id="stats-savings"')]
    assert re.findall(r"<tr><td>([^<]+)</td><td>(\d+)</td></tr>", by_method) == [
        ("Lump sum", "1"), ("Royalty on net sales", "1"), ("Free licence", "1")]
    assert "59,000+" in html and "17,000+" in html
    assert "No savings recorded yet." in html


def test_nav_and_home_link_the_register(client: FlaskClient) -> None:
    html = _page(client, "/")
    assert 'id="nav-register" href="/announcements"' in html or \
        'href="/announcements" id="nav-register"' in html
    assert 'id="home-register"' in html


def test_statistics_show_the_open_licence_savings_by_due_year(
        client: FlaskClient, session: Session) -> None:
    """Savings are the ledger's ``open_licence_saving_fen`` summed by due year (lapsed fees
    left out, as in `statements.year_totals`): 2025: 600.00 + 135.00; 2026: 1,200.00; and a
    fee due in 2031 is a projection, in its own column and series, never added to "saved"."""
    owner = make_organisation(session)
    for due, saving, status in ((dt.date(2025, 3, 10), 60_000, FeeStatus.PAID),
                                (dt.date(2025, 9, 1), 13_500, FeeStatus.PAID),
                                (dt.date(2025, 10, 1), 99_900, FeeStatus.LAPSED),
                                (dt.date(2026, 3, 10), 120_000, FeeStatus.DUE),
                                (dt.date(2031, 3, 10), 90_000, FeeStatus.NOT_YET_DUE)):
        patent = make_patent(session, owner)
        assert patent.id is not None
        session.add(AnnualFee(
            patent_id=patent.id, fee_year=8, due_date=due, full_fen=800_000,
            general_payable_fen=800_000, open_licence_payable_fen=680_000, payable_fen=680_000,
            reduction_kind=ReductionKind.OPEN_LICENCE, reduction_fen=120_000,
            reason_code="open_licence", general_code=GeneralCode.OUTSIDE_WINDOW,
            general_rate=Decimal("1"), open_licence_code=OpenLicenceCode.APPLIES,
            status=status, open_licence_saving_fen=saving))
    session.commit()
    html = _page(client, "/statistics")
    savings = html[html.index('id="stats-savings"'):html.index('id="stats-pilot"')]
    table = savings[savings.index('id="stats-savings-by-year"'):]
    rows = re.findall(r'<th scope="row">(\d{4})[^<]*(?:<small>([^<]+)</small>)?</th>'
                      r'<td class="num">([^<]+)</td><td class="num">([^<]+)</td>', table)
    assert rows == [("2025", "", "735.00", "—"), ("2026", "", "1,200.00", "—"),
                    ("2031", "projection", "—", "900.00")]
    assert 'id="savings-actual-total">1,935.00<' in savings
    assert 'id="savings-projected-total">900.00<' in savings
    chart = savings[savings.index('id="chart-savings"'):]
    assert "<svg" in chart and "Saved (fees already due)" in chart
    assert "Projected (fees not yet due)" in chart and "<script" not in chart


@pytest.mark.parametrize("page", ["-5", "0", "abc", "99999999999999999999", "100001"])
def test_every_register_list_takes_any_page_number(client: FlaskClient, page: str) -> None:
    """Out-of-range pages show the first page (PostgreSQL refuses a negative OFFSET)."""
    for url in ("/announcements", "/announcements/withdrawals", "/announcements/recordals"):
        assert client.get(url, query_string={"page": page}).status_code == 200, url
