"""Browser journey (issue 13): an SME logs in, sees on its dashboard a new match and a payment
due, and follows each link to the page where it acts on it."""

from __future__ import annotations

import pytest
from flask import Flask
from playwright.sync_api import Page, expect

from marketplace.db import get_session, transaction
from tests.browser.steps import login
from tests.dashboard.worlds import build_sme_world

pytestmark = pytest.mark.browser


def test_sme_follows_its_dashboard_to_the_new_match_and_the_payment(
        page: Page, base_url: str, live_app: Flask) -> None:
    with live_app.app_context():
        session = get_session()
        with transaction(session):
            world = build_sme_world(live_app, session)
    login(page, base_url, world.sme)
    page.goto(f"{base_url}/")
    need = page.locator(f"#need-{world.need_id}")
    expect(need).to_contain_text("2 项新的开放许可匹配")
    licence = page.locator(f"#licence-{world.licence_id}")
    expect(licence).to_contain_text("12 天后")
    expect(licence).to_contain_text("45,000.00")

    need.locator(".badge.new").click()
    expect(page).to_have_url(f"{base_url}/needs/{world.need_id}")
    expect(page.locator("h1")).to_contain_text("连续式自动杀青设备")

    page.goto(f"{base_url}/")
    page.locator(f"#licence-{world.licence_id} a:has-text('付款')").click()
    expect(page).to_have_url(f"{base_url}/licences/{world.licence_id}/pay")
    expect(page.locator("body")).to_contain_text("¥4.5万")
