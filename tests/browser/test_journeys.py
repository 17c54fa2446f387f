"""What users do in a real browser: register, log in, switch language, see a patent; import."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import World
from tests.factories import DEFAULT_PASSWORD, uscc_with_check

pytestmark = pytest.mark.browser


def test_sme_registers_logs_in_switches_language_and_sees_a_patent(
        page: Page, base_url: str, world: World) -> None:
    _, patent_id = world.patentee_with_patent()
    page.goto(f"{base_url}/register")
    expect(page.locator("h1")).to_have_text("注册贵单位")
    page.fill("#organisation_name", "苏州精工智能装备有限公司")
    page.select_option("#kind", "enterprise")
    page.fill("#uscc", uscc_with_check("91320500MA1X00002"))
    page.select_option("#region", "320000")
    page.select_option("#role", "sme")
    page.fill("#display_name", "周强")
    page.fill("#email", "zhou@jinggong.example.cn")
    page.fill("#password", "a long password")
    page.fill("#confirm", "a long password")
    page.click("#submit")
    expect(page.locator(".flash-success")).to_contain_text("zhou@jinggong.example.cn")
    page.goto(base_url + world.confirmation_link("zhou@jinggong.example.cn"))
    expect(page.locator(".flash-success")).to_be_visible()

    page.click("button:has-text('退出登录')")
    page.goto(f"{base_url}/login")
    page.fill("#email", "zhou@jinggong.example.cn")
    page.fill("#password", "a long password")
    page.click("#submit")
    expect(page.locator(".flash-success")).to_contain_text("已登录")

    page.click("a[hreflang=en]")
    expect(page.locator("nav")).to_contain_text("Patent register")
    page.goto(f"{base_url}/patents/{patent_id}")
    expect(page.locator("h1")).to_have_text("一种基于物联网的自动化杀青设备")
    expect(page.locator("dl.facts")).to_contain_text("Application number")
    page.goto(f"{base_url}/patents/{patent_id}")
    expect(page.locator("dl.facts")).to_contain_text("Expiry")  # language choice remembered


def test_patentee_import_with_a_bad_row_shows_the_row(
        page: Page, base_url: str, world: World, tmp_path: object) -> None:
    user, _ = world.patentee_with_patent()
    page.goto(f"{base_url}/login")
    page.fill("#email", user.email)
    page.fill("#password", DEFAULT_PASSWORD)
    page.click("#submit")
    csv = (
        "application_number,kind,title,filing_date,grant_date,ipc\n"
        "202110123456.7,invention,一种茶叶杀青方法,2021-03-01,2023-05-06,A23F 3/06\n"
        "202110123457.3,invention,一种错误校验位的专利,2021-03-02,2023-05-06,A23F 3/06\n"
    ).encode()
    page.goto(f"{base_url}/portfolio/import")
    page.set_input_files("#file", files=[{"name": "portfolio.csv", "mimeType": "text/csv",
                                          "buffer": csv}])
    page.click("#submit")
    errors = page.locator("#import-errors tbody tr")
    expect(errors).to_have_count(1)
    expect(errors.first.locator("td").nth(0)).to_have_text("3")
    expect(errors.first.locator("td").nth(1)).to_have_text("application_number")
    expect(page.locator(".flash-error")).to_be_visible()
