"""The navigation: grouped by task, the current page marked, a phone menu without JavaScript."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, expect

pytestmark = pytest.mark.browser


def test_the_phone_menu_opens_without_javascript_and_marks_the_page(
        browser: Browser, base_url: str) -> None:
    context = browser.new_context(locale="zh-CN", java_script_enabled=False,
                                  viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(f"{base_url}/announcements/recordals")
    recordals = page.locator(".site-nav a[aria-current=page]")
    expect(recordals).to_be_hidden()
    page.click("text=菜单")
    expect(recordals).to_be_visible()
    expect(recordals).to_have_text("已备案许可")
    group = page.locator(".site-nav .nav-group.is-current .nav-group-label")
    expect(group).to_have_text("公开信息")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    context.close()


def test_a_desktop_shows_the_groups_and_the_pages_of_the_current_one(
        browser: Browser, base_url: str) -> None:
    context = browser.new_context(locale="en-US", viewport={"width": 1366, "height": 900})
    page = context.new_page()
    page.goto(f"{base_url}/lang/en")
    page.goto(f"{base_url}/statistics")
    expect(page.locator(".site-nav .nav-group-label")).to_have_text(["Find", "Public register"])
    expect(page.locator(".sub-nav a[aria-current=page]")).to_have_text("Statistics")
    calculator = page.locator(".site-nav .nav-links a", has_text="Fee calculator")
    expect(calculator).to_be_hidden()
    page.hover(".site-nav .nav-group-label:text-is('Find')")
    expect(calculator).to_be_visible()
    context.close()
