"""Declaring in a real browser: a university drafts a declaration with an estimate, is refused by
pre-examination for advertising language, corrects it, submits, the office announces it, and
anyone finds it in the public register and its CSV; then a withdrawal from request to
announcement."""

from __future__ import annotations

import csv
import io
import re

import pytest
from flask import Flask
from playwright.sync_api import Page, expect

from marketplace.accounts.models import Organisation, OrganisationKind, Role, User
from marketplace.db import get_session, transaction
from marketplace.declarations.rules import DeclarationStatus
from tests.browser.steps import follow_nav, login, logout
from tests.factories import make_declaration, make_patent, make_user

pytestmark = pytest.mark.browser


def _university_and_office(app: Flask, title: str, *,
                           announced: bool) -> tuple[User, User, int, int]:
    """A university patentee with a patent (declared and announced when asked), and an office
    user; returns them with the patent's and the declaration's ids (0 when none)."""
    with app.app_context():
        session = get_session()
        with transaction(session):
            university = Organisation(name=f"浙江农林大学（{title}）",
                                      kind=OrganisationKind.UNIVERSITY, region="330000")
            session.add(university)
            session.flush()
            user = make_user(session, Role.PATENTEE, organisation_id=university.id)
            patent = make_patent(session, university, title=title, ipc_codes=["A23F 3/06"])
            declaration = (make_declaration(session, patent, DeclarationStatus.ANNOUNCED)
                           if announced else None)
            office = make_user(session, Role.OFFICE)
        assert patent.id is not None
        return user, office, patent.id, declaration.id if declaration and declaration.id else 0


def test_university_declares_is_refused_corrects_and_office_announces(
        page: Page, base_url: str, live_app: Flask) -> None:
    title = "一种基于物联网的自动化杀青设备"
    university, office, patent_id, _ = _university_and_office(live_app, title, announced=False)
    login(page, base_url, university)
    page.goto(f"{base_url}/patents/{patent_id}")
    page.click("#declare")
    expect(page.locator("h1")).to_have_text("声明开放许可")

    page.select_option("#fee_method", "royalty_sales")
    expect(page.locator("#lump_sum_fen")).to_be_hidden()  # only the method's own fields
    page.fill("#royalty_rate_percent", "3.5")
    page.fill("#payment_terms", "提成费按季度结算，每季度结束后30日内支付。")
    page.fill("#licence_start", "2027-01-01")
    page.fill("#licence_years", "5")
    page.fill("#application_fields", "茶叶加工\n食品机械")
    page.select_option("#maturity_stage", "pilot")
    page.fill("#advantages", "杀青均匀度达到国际领先水平，能耗降低约20%。")
    page.fill("#contact_name", "李老师")
    page.fill("#contact_email", "tech@zafu.example.cn")
    page.click("#submit")
    expect(page.locator(".flash-success")).to_contain_text("草稿已保存")

    # The royalty estimate: inputs, arithmetic, then its royalty taken as the terms.
    page.click("text=许可使用费估算")
    page.select_option("#method", "industry_statistics")
    page.fill("#licence_years", "5")
    page.fill("#basis_source", "被许可人预计年净销售额（企业访谈）")
    page.fill("#annual_net_sales", "12000000")
    page.fill("#reference_rate_pct", "3")
    page.fill("#rate_source", "国家知识产权局2022年专利实施许可统计")
    page.fill("#coefficients-0-label", "技术成熟度")
    page.fill("#coefficients-0-value", "0.9")
    page.fill("#coefficients-0-source", "自行判断：中试阶段")
    page.click("#submit")
    expect(page.locator(".flash-success")).to_contain_text("估算已随草稿保存")
    expect(page.locator("ol.steps")).to_contain_text("= ¥32.4万")
    page.click("#apply-royalty_sales")
    expect(page.locator(".flash-success")).to_be_visible()
    expect(page.locator("#royalty_rate_percent")).to_have_value("2.7")
    page.click("text=取消")

    page.check("#confirm")
    page.click("#submit-declaration")
    expect(page.locator(".flashes .flash-error")).to_contain_text("预审发现 1 项")
    refusal = page.locator("#refusals li")
    expect(refusal).to_have_count(1)
    expect(refusal).to_contain_text("[D5]")
    expect(refusal).to_contain_text("国际领先")

    page.click("text=修改")
    page.fill("#advantages", "杀青均匀度提高，能耗降低约20%。")
    page.click("#submit")
    page.check("#confirm")
    page.click("#submit-declaration")
    expect(page.locator(".flash-success")).to_contain_text("已提交")
    expect(page.locator("#status")).to_contain_text("已提交")
    logout(page)

    login(page, base_url, office)
    follow_nav(page, "声明审查队列")
    page.click(f"#queue >> text={title}")
    expect(page.locator("#pre-examination")).to_contain_text("未发现不予公告的理由")
    page.check("#decision-decision-0")
    page.check("#decision-confirm")
    page.click("#decision-submit")
    expect(page.locator(".flash-success")).to_contain_text(re.compile(r"KF-OL-\d{4}-\d{6}"))
    logout(page)

    login(page, base_url, university)
    page.goto(f"{base_url}/declarations")
    page.click(f"#declarations >> text={title}")
    expect(page.locator("#status")).to_contain_text("已公告")
    expect(page.locator("#snapshot-hash")).to_have_text(re.compile(r"^[0-9a-f]{64}$"))
    expect(page.locator("#fee-standard")).to_contain_text("2.7")
    logout(page)

    # The public register, logged out: listed, its detail with number and hash, in the CSV.
    follow_nav(page, "开放许可公告")
    page.fill("#q", title)
    page.click("form.filters button[type=submit]")
    listed = page.locator("#register tbody tr", has_text=title)
    expect(listed).to_have_count(1)
    expect(listed).to_contain_text("净销售额的 2.7%")
    listed.locator("a").first.click()
    number = page.locator("#announcement-number")
    expect(number).to_have_text(re.compile(r"^KF-OL-\d{4}-\d{6}$"))
    expect(page.locator("#snapshot-hash")).to_have_text(re.compile(r"^[0-9a-f]{64}$"))
    expect(page.locator("#fee-standard")).to_contain_text("2.7")
    announcement = number.inner_text()
    snapshot_hash = page.locator("#snapshot-hash").inner_text()
    page.go_back()
    with page.expect_download() as download_info:
        page.click("#download-csv")
    path = download_info.value.path()
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
    assert [(r["announcement_number"], r["title"], r["snapshot_hash"]) for r in rows] == [
        (announcement, title, snapshot_hash)]


def test_patentee_withdraws_and_office_announces_the_withdrawal(
        page: Page, base_url: str, live_app: Flask) -> None:
    title = "一种茶叶连续揉捻机"
    university, office, _, declaration_id = _university_and_office(live_app, title,
                                                                   announced=True)
    login(page, base_url, university)
    page.goto(f"{base_url}/declarations/{declaration_id}")
    page.click("#withdraw")
    page.check("#confirm")
    page.click("#submit")  # no reason yet
    expect(page.locator("#reason-errors")).to_be_visible()
    page.fill("#reason", "该专利已作价入股新设公司，不再适宜开放许可。")
    page.click("#submit")
    expect(page.locator("#status")).to_contain_text("已申请撤回")
    logout(page)

    login(page, base_url, office)
    page.goto(f"{base_url}/office/declarations")
    page.click(f"#queue >> text={title}")
    expect(page.locator("main")).to_contain_text("该专利已作价入股新设公司")
    page.check("#withdrawal-decision-0")
    page.check("#withdrawal-confirm")
    page.click("#withdrawal-submit")
    expect(page.locator(".flash-success")).to_contain_text(re.compile(r"KF-OLW-\d{4}-\d{6}"))
    page.goto(f"{base_url}/declarations/{declaration_id}")
    expect(page.locator("#status")).to_contain_text("已撤回")
