"""An SME opens a need that no patent on the register answers and is told so plainly: no hit is
labelled strong, and the page offers to save the need and to look at the other patents."""

from __future__ import annotations

import datetime as dt

import pytest
from flask import Flask
from playwright.sync_api import Page, expect

from marketplace.accounts.models import Role
from marketplace.db import get_session, transaction
from marketplace.search.sync import search_index
from tests.browser.steps import login
from tests.factories import make_need, make_patent, make_user
from tests.search.conftest import document

pytestmark = pytest.mark.browser


def test_a_need_nothing_answers_shows_the_honest_no_strong_match_state(
        page: Page, base_url: str, live_app: Flask) -> None:
    with live_app.app_context():
        session = get_session()
        with transaction(session):
            owner = make_user(session, Role.PATENTEE)
            tea = make_patent(session, owner, title="一种自动控温的绿茶杀青设备",
                              abstract="控制器根据叶温调节加热功率，设备安全可靠。")
            water = make_patent(session, owner, title="一种污泥自动脱水设备",
                                abstract="带式压滤机降低污泥含水率。")
            sme = make_user(session, Role.SME)
            need = make_need(session, sme, title="猫咪自动逗猫玩具",
                             description="想要一种能自动移动的逗猫激光玩具，设备安全耐咬，"
                                         "猫咪不会玩腻。",
                             industry="宠物用品",
                             valid_until=dt.date.today() + dt.timedelta(days=60))
        search_index(live_app).upsert([document(session, tea, announced=True),
                                       document(session, water, announced=True)])
        need_id = need.id

    login(page, base_url, sme)
    page.goto(f"{base_url}/needs/{need_id}")
    open_licences = page.locator("#open-licences")
    expect(open_licences).to_contain_text("尚无强匹配")
    expect(open_licences.locator("li.hit")).to_have_count(0)
    expect(open_licences.locator("a[href='#need-alert']")).to_be_visible()
    open_licences.locator("a[href='#other-patents']").click()
    expect(page.locator("#other-patents h2")).to_have_text("登记簿上的其他匹配结果")
    expect(page.locator(".badge.relevance-strong")).to_have_count(0)
    expect(page.locator(".badge.relevance", has_text="强匹配")).to_have_count(0)
