"""Steps every browser journey shares."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from marketplace.accounts.models import User
from tests.factories import DEFAULT_PASSWORD


def login(page: Page, base_url: str, user: User) -> None:
    page.goto(f"{base_url}/login")
    page.fill("#email", user.email)
    page.fill("#password", DEFAULT_PASSWORD)
    page.click("#submit")
    expect(page.locator(".flash-success")).to_be_visible()


def logout(page: Page) -> None:
    page.click("button:has-text('退出登录')")


def follow_nav(page: Page, link: str) -> None:
    """Open the navigation group holding ``link`` (an id selector, or the link's words) as a
    pointer does, hovering over it, and follow the link."""
    inner = link if link.startswith("#") else f".nav-links a:text-is('{link}')"
    group = page.locator(".site-nav .nav-group").filter(has=page.locator(inner))
    group.locator(".nav-group-label").hover()
    group.locator(inner).click()
