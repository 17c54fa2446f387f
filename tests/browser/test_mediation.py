"""An SME disputes an amount owed under its open licence; the patentee agrees to mediate; the
office accepts and assigns a mediator; the mediator records an agreement that changes the
payment terms, accepted by both parties; the case shows the licence's new terms (issue 7)."""

from __future__ import annotations

import pytest
from flask import Flask
from playwright.sync_api import Page, expect

from marketplace.accounts.models import Role, User
from marketplace.db import get_session, transaction
from tests.browser.steps import follow_nav, login, logout
from tests.factories import make_patent, make_user
from tests.mediation.conftest import make_licence

pytestmark = pytest.mark.browser


def _people(app: Flask) -> tuple[User, User, User, User, int]:
    with app.app_context():
        session = get_session()
        with transaction(session):
            patentee = make_user(session, Role.PATENTEE, display_name="周教授")
            sme = make_user(session, Role.SME, display_name="李经理")
            licence = make_licence(session, make_patent(session, patentee, title="一种茶叶杀青机"),
                                   sme.organisation_id)
            mediator = make_user(session, Role.MEDIATOR, display_name="宋启明")
            office = make_user(session, Role.OFFICE, display_name="审查员王")
        assert licence.id is not None
        return patentee, sme, mediator, office, licence.id


def _open(page: Page, action: str) -> None:
    """Unfold the step's form, as a user clicks its title."""
    details = page.locator(f"details:has(#step-{action})")
    if not details.evaluate("element => element.open"):
        details.locator("summary").click()


def _step(page: Page, action: str) -> None:
    _open(page, action)
    confirm = page.locator(f"#{action}-confirm")
    if confirm.count():
        confirm.check()
    page.click(f"#{action}-submit")
    expect(page.locator(".flash-success")).to_be_visible()


def test_sme_disputes_an_amount_and_the_mediator_settles_it(
        page: Page, base_url: str, live_app: Flask) -> None:
    patentee, sme, mediator, office, licence_id = _people(live_app)

    login(page, base_url, sme)
    follow_nav(page, "#nav-mediation")
    page.click("text=申请调解")
    page.select_option("#subject", "amount_owed")
    page.fill("#claims", "许可方要求补缴的入门费比声明的标准多 2 万元。")
    page.set_input_files("#documents", files=[{"name": "收据.pdf", "mimeType": "application/pdf",
                                               "buffer": b"%PDF-1.4 receipt"}])
    page.click("#submit")
    expect(page.locator(".flash-success")).to_be_visible()
    expect(page.locator("#case-state")).to_have_text("待被申请人答复")
    expect(page.locator("#licence-record")).to_contain_text("KF-LIC-")
    expect(page.locator(".messages")).to_contain_text("收据.pdf")
    case_url = page.url
    logout(page)

    login(page, base_url, patentee)
    page.goto(case_url)
    _open(page, "answer")
    page.select_option("#answer-agree", "1")
    _step(page, "answer")
    expect(page.locator("#respondent-answer")).to_have_text("同意调解")
    logout(page)

    login(page, base_url, office)
    page.goto(case_url)
    _step(page, "accept")
    expect(page.locator("#case-state")).to_have_text("已受理")
    _open(page, "assign_mediator")
    page.select_option("#assign_mediator-mediator_id", label="宋启明")
    _step(page, "assign_mediator")
    expect(page.locator("#mediator")).to_have_text("宋启明")
    logout(page)

    login(page, base_url, mediator)
    follow_nav(page, "#nav-mediation")
    page.click(f"a[href='{case_url.removeprefix(base_url)}']")
    _step(page, "start_mediation")
    _open(page, "propose_terms")
    page.fill("#propose_terms-terms", "被许可人补缴 1 万元入门费；其余部分按新的付款方式支付。")
    page.select_option("#propose_terms-effect", "changes_payment")
    page.fill("#propose_terms-new_payment_terms", "入门费余款 1 万元，分两期于 2027 年 3 月和 "
                                                  "6 月底前支付。")
    _step(page, "propose_terms")
    logout(page)

    for party in (sme, patentee):
        login(page, base_url, party)
        page.goto(case_url)
        _step(page, "accept_terms")
        logout(page)

    login(page, base_url, mediator)
    page.goto(case_url)
    # The mediator follows the case on its timeline: filed, accepted, assigned, started, terms
    # proposed and accepted by both, with the mediation period still ahead.
    timeline = page.locator("#timeline")
    for entry in ("已提出调解申请", "办公室已受理", "已指派调解员", "调解已开始", "已提出协议条款"):
        expect(timeline).to_contain_text(entry)
    expect(timeline.locator(".timeline-entry.event", has_text="协议条款已被接受")).to_have_count(2)
    expect(timeline.locator(".deadline.upcoming")).to_contain_text("调解期限届满")
    # Recording the agreement ends the case: it is confirmed before it is taken.
    _open(page, "record_agreement")
    page.click("#record_agreement-submit")
    expect(page.locator("#record_agreement-confirm-errors")).to_be_visible()
    expect(page.locator("#case-state")).to_have_text("调解中")
    _step(page, "record_agreement")
    expect(page.locator("#case-state")).to_have_text("已达成调解协议")
    expect(timeline).to_contain_text("已记录调解协议")
    logout(page)

    login(page, base_url, sme)
    page.goto(case_url)
    expect(page.locator("#new-payment-terms")).to_contain_text("分两期于 2027 年 3 月")
    expect(page.locator("#deadlines")).to_contain_text("司法确认")
    page.goto(f"{base_url}/licences/{licence_id}")
    expect(page.locator(".mediated-terms")).to_contain_text("分两期于 2027 年 3 月")
