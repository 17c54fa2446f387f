"""An SME posts a need in Chinese, sees ranked patents with highlighted reasons, saves it, and is
told when a matching open licence is announced."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from flask import Flask
from playwright.sync_api import Page, expect

from marketplace.accounts.models import Role, User
from marketplace.db import get_session, transaction
from marketplace.declarations.rules import DeclarationStatus
from marketplace.search.sync import search_index
from tests.browser.steps import follow_nav, login, logout
from tests.factories import make_declaration, make_patent, make_user
from tests.search.conftest import document

pytestmark = pytest.mark.browser


def _patentee_with_tea_patents(app: Flask) -> tuple[int, int, int]:
    """An open-licence tea patent, one without a licence offer, and one to announce later."""
    with app.app_context():
        session = get_session()
        with transaction(session):
            owner = make_user(session, Role.PATENTEE)
            announced = make_patent(session, owner, title="一种按叶温自动控温的绿茶滚筒杀青机",
                                    abstract="控制器根据叶温和含水率调节加热功率，解决受热不均、"
                                             "焦边爆点的问题。")
            other = make_patent(session, owner, title="一种连续式茶叶杀青装置",
                                abstract="网带输送，热风杀青。")
            later = make_patent(session, owner, title="一种电磁加热的名优绿茶杀青设备",
                                abstract="电磁加热线圈，叶温传感器，自动控温，避免焦边。")
            make_declaration(session, later, DeclarationStatus.SUBMITTED)
        search_index(app).upsert([document(session, announced, announced=True),
                                  document(session, other), document(session, later)])
        assert announced.id and other.id and later.id
        return announced.id, other.id, later.id


def _user(app: Flask, role: Role) -> User:
    with app.app_context():
        session = get_session()
        with transaction(session):
            return make_user(session, role, display_name="杨晓梅")


def test_sme_posts_a_chinese_need_sees_explained_matches_and_saves_it(
        page: Page, base_url: str, live_app: Flask) -> None:
    announced, other, later = _patentee_with_tea_patents(live_app)
    sme = _user(live_app, Role.SME)
    login(page, base_url, sme)
    follow_nav(page, "技术需求")
    page.click("text=发布需求")
    expect(page.locator("h1")).to_have_text("发布技术需求")
    page.fill("#title", "绿茶杀青受热不均，求自动控温的杀青设备")
    page.fill("#description", "我们是雅安的一家中小茶企，现有滚筒杀青机靠人工看火，叶温忽高忽低，"
                              "经常焦边爆点。希望找到根据叶温自动调节加热的连续式杀青设备。")
    page.fill("#industry", "茶叶加工")
    page.fill("#technical_indicators", "每小时处理鲜叶不少于300公斤")
    page.fill("#budget_min", "200000")
    page.fill("#budget_max", "600000")
    page.select_option("#region", "510000")
    page.select_option("#cooperation_mode", "licence")
    page.fill("#valid_until", (dt.date.today() + dt.timedelta(days=120)).isoformat())
    page.click("#submit")

    expect(page.locator(".flash-success")).to_contain_text("需求已发布")
    # Other journeys share the live server's register: pick our patents out by id.
    first = page.locator(f'#open-licences li.hit[data-patent-id="{announced}"]')
    expect(first.locator(".hit-title mark").first).to_be_visible()
    expect(first.locator(".badge.open")).to_have_text("开放许可")
    expect(first.locator(".why")).to_contain_text("匹配理由")
    expect(first.locator(".why .fields")).to_contain_text("标题")
    expect(first.locator(".why mark.term", has_text="杀青")).to_be_visible()
    expect(first.locator(".badge.relevance")).to_contain_text("%")
    for patent_id in (other, later):
        expect(page.locator(f'#other-patents li.hit[data-patent-id="{patent_id}"]')) \
            .to_be_visible()

    page.fill("#min_relevance", "10")
    page.click("#need-alert #submit")
    expect(page.locator(".flash-success")).to_contain_text("已保存")
    expect(page.locator("#need-alert")).to_contain_text("提醒已开启")
    follow_nav(page, "我的提醒")
    expect(page.locator("table.alerts tbody tr")).to_have_count(1)
    expect(page.locator("table.alerts")).to_contain_text("绿茶杀青受热不均")

    # The office announces the patentee's submitted declaration of the later patent.
    office = _user(live_app, Role.OFFICE)
    logout(page)
    login(page, base_url, office)
    page.goto(f"{base_url}/office/declarations")
    page.click("#queue >> text=一种电磁加热的名优绿茶杀青设备")
    page.check("#decision-decision-0")
    page.check("#decision-confirm")
    page.click("#decision-submit")
    expect(page.locator(".flash-success")).to_contain_text(re.compile(r"KF-OL-\d{4}-\d{6}"))
    logout(page)

    login(page, base_url, sme)
    expect(page.locator("#nav-notifications .badge.unread")).to_have_text("1")
    page.click("#nav-notifications")
    notice = page.locator("li.notification.unread")
    expect(notice).to_contain_text("一种电磁加热的名优绿茶杀青设备")
    notice.locator("button:has-text('打开')").click()
    expect(page.locator("h1")).to_have_text("一种电磁加热的名优绿茶杀青设备")
    expect(page.locator("#nav-notifications .badge.unread")).to_have_count(0)
