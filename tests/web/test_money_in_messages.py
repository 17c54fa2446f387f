"""Amounts inside messages: written as people write money on the pages (¥20万 / RMB 200,000),
to the fen in the API and the downloads, and messages stored before amounts were typed still
read right."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from flask import Flask
from flask.ctx import RequestContext
from flask.testing import FlaskClient
from sqlmodel import Session

from marketplace.accounts.models import Role
from marketplace.declarations.rules import FeeMethod, terms_summary
from marketplace.declarations.terms import FeeTerms
from marketplace.errors import Amount, Message
from marketplace.fees.rules import DeclarationPeriod, FeePolicy, Owner, PatentFacts, ledger
from marketplace.notifications.models import Notification
from marketplace.patents.rules import PatentKind
from marketplace.web.errors import localise
from tests.conftest import Auth
from tests.factories import make_user


def _in(app: Flask, locale: str, path: str = "/") -> RequestContext:
    return app.test_request_context(path, headers={"Accept-Language": locale})


@pytest.mark.parametrize(("locale", "terms", "text"), [
    ("zh", FeeTerms(FeeMethod.LUMP_SUM, lump_sum_fen=20_000_000), "一次性支付 ¥20万"),
    ("en", FeeTerms(FeeMethod.LUMP_SUM, lump_sum_fen=20_000_000), "Lump sum of RMB 200,000"),
    ("zh", FeeTerms(FeeMethod.ANNUAL_FIXED, annual_fee_fen=680_050), "每年 ¥6,800.50"),
    ("en", FeeTerms(FeeMethod.ANNUAL_FIXED, annual_fee_fen=680_050), "RMB 6,800.50 a year"),
    ("zh", FeeTerms(FeeMethod.ROYALTY_SALES, royalty_rate_percent=Decimal("3.5"),
                    min_annual_fen=2_000_000), "净销售额的 3.5%，每年不低于 ¥2万"),
])
def test_a_fee_standard_writes_money_as_people_do(app: Flask, locale: str, terms: FeeTerms,
                                                  text: str) -> None:
    with _in(app, locale):
        assert localise(terms_summary(terms)) == text


def test_a_ledger_explanation_writes_money_as_people_do(app: Flask) -> None:
    facts = PatentFacts(kind=PatentKind.INVENTION, filing_date=date(2015, 3, 10),
                        grant_date=date(2019, 9, 20), owners=(Owner("某公司", False),),
                        declarations=(DeclarationPeriod(date(2025, 6, 1)),),
                        record_dates=(date(2025, 11, 20),))
    # Year 12 (due 2026-03-10): RMB 6,800 halved by the open-licence reduction.
    reason = ledger(facts, today=date(2019, 9, 20), policy=FeePolicy()).lines[12 - 5].reason
    with _in(app, "zh"):
        zh = localise(reason.message)
    with _in(app, "en"):
        en = localise(reason.message)
    assert "开放许可减缴后 ¥3,400; 应缴 ¥3,400：" in zh and "元" not in zh
    assert "open-licence amount RMB 3,400; payable RMB 3,400: " in en
    assert "RMB 3,400.00" in reason.text  # the plain English text keeps the fen


def test_a_non_round_amount_keeps_its_fen(app: Flask) -> None:
    message = Message("payable %(amount)s: %(choice)s",
                      {"amount": Amount(680_050), "choice": "x"})
    with _in(app, "zh"):
        assert localise(message) == "应缴 ¥6,800.50：x"
    with _in(app, "en"):
        assert localise(message) == "payable RMB 6,800.50: x"
    with _in(app, "zh", "/api/v1/notifications"):
        assert localise(message) == "应缴 ¥6,800.50：x"
    assert str(message) == "payable RMB 6,800.50: x"


def test_a_notification_stored_before_amounts_were_typed_still_reads_right(
        client: FlaskClient, auth: Auth, session: Session) -> None:
    user = make_user(session, Role.PATENTEE)
    session.add(Notification(
        user_id=user.id or 0, kind="fees.reminder",
        template="Annual fee for year %(year)d of %(patent)s (%(title)s) is due on %(due)s: "
                 "RMB %(amount)s.",
        params={"year": 12, "patent": "ZL201510123456.7", "title": "杀青设备",
                "due": "2026-06-10", "amount": "6,800.50"}))
    session.commit()
    auth.login(user)
    en = client.get("/notifications", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "is due on 10 Jun 2026: RMB 6,800.50." in en
    client.get("/lang/zh")
    zh = client.get("/notifications").get_data(as_text=True)
    assert "应于 2026年6月10日 前缴纳，金额 ¥6,800.50。" in zh
    api = client.get("/api/v1/notifications").json
    assert api["items"][0]["message"].endswith("应于 2026-06-10 前缴纳，金额 ¥6,800.50。")


def test_an_estimate_stored_before_amounts_were_typed_still_reads_right(app: Flask) -> None:
    old = {"template": "RMB %(amount)s once, for %(years)s years",
           "params": {"amount": "1,782,000.00", "years": "5"}}
    summary = Message.from_dict(old)
    assert summary == Message("%(amount)s once, for %(years)s years",
                              {"amount": Amount(178_200_000), "years": "5"})
    with _in(app, "zh"):
        assert localise(summary) == "一次性支付 ¥178.2万，许可 5 年"
    assert summary.to_dict()["params"]["amount"] == {"fen": 178_200_000}
    assert Message.from_dict(summary.to_dict()) == summary

