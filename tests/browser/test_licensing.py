"""Licensing in a real browser: an enterprise takes an open licence on an announced declaration,
pays with a proof, the licence takes effect, it files the recordal, the office accepts it, and
the university sees the record date on the licence and the open-licence savings on its fee
statement (issue 5, issue 6)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

import pytest
from flask import Flask
from playwright.sync_api import Page, expect
from sqlmodel import select

from marketplace.accounts.models import Organisation, OrganisationKind, Role, User
from marketplace.calendar import china_today
from marketplace.db import get_session, transaction
from marketplace.declarations.rules import DeclarationStatus
from marketplace.declarations.terms import FeeMethod, FeeTerms
from marketplace.licensing.models import Licence
from tests.browser.steps import login, logout
from tests.factories import DECLARATION_CONTENT, make_declaration, make_patent, make_user

pytestmark = pytest.mark.browser


def _world(app: Flask) -> tuple[User, User, User, str]:
    """A university (not eligible for the general reduction) whose invention's year-12 fee
    falls due 20 days from today, declared with a RMB 50,000 lump sum; an enterprise; the
    office. Returns them and the announcement number."""
    due = china_today() + dt.timedelta(days=20)
    filed = due.replace(year=due.year - 11)
    with app.app_context():
        session = get_session()
        with transaction(session):
            university = Organisation(name="浙江农林大学（许可）",
                                      kind=OrganisationKind.UNIVERSITY, region="330000")
            session.add(university)
            session.flush()
            patentee = make_user(session, Role.PATENTEE, organisation_id=university.id)
            patent = make_patent(session, university, title="一种茶叶连续杀青装置",
                                 filing_date=filed, grant_date=filed + dt.timedelta(days=1200))
            content = dataclasses.replace(
                DECLARATION_CONTENT, licence_start=china_today(),
                fee_terms=FeeTerms(FeeMethod.LUMP_SUM, lump_sum_fen=5_000_000))
            declaration = make_declaration(session, patent, DeclarationStatus.ANNOUNCED,
                                           announced_on=china_today() - dt.timedelta(days=30),
                                           content=content)
            sme = make_user(session, Role.SME)
            office = make_user(session, Role.OFFICE)
        assert declaration.announcement_number is not None
        return patentee, sme, office, declaration.announcement_number


def test_sme_takes_pays_files_and_the_office_records(page: Page, base_url: str,
                                                     live_app: Flask) -> None:
    patentee, sme, office, number = _world(live_app)

    login(page, base_url, sme)
    # From the public register's entry to the take-licence page.
    page.goto(f"{base_url}/announcements?q={number}")
    page.click(f"text={number}")
    expect(page.locator("#announcement-number")).to_have_text(number)
    page.click("#take-licence")
    # The notice is previewed with the amount and deadline of the first payment; clicking
    # without confirming gives no notice.
    expect(page.locator("#notice-preview")).to_contain_text(number)
    expect(page.locator("#first-payment")).to_contain_text("¥5万")
    page.click("#agree")
    expect(page.locator("#confirm-errors")).to_be_visible()
    with live_app.app_context():
        held = get_session().exec(select(Licence).where(
            Licence.licensee_organisation_id == sme.organisation_id)).all()
    assert held == []
    page.check("#confirm")
    page.click("#agree")
    expect(page.locator(".flash-success")).to_be_visible()
    expect(page.locator("#licence-number")).to_have_text(re.compile(r"KF-NTC-\d{4}-\d{6}"))

    page.click("#pay-link")
    expect(page.locator("#amount")).to_have_value("50000")
    page.fill("#reference", "中国银行 回单 0001")
    page.set_input_files("#proof", files=[{"name": "回单.pdf", "mimeType": "application/pdf",
                                           "buffer": b"%PDF-1.4\n% receipt\n%%EOF\n"}])
    page.click("#payment-form [type=submit]")
    expect(page.locator(".flash-success")).to_be_visible()
    expect(page.locator("#licence-number")).to_have_text(re.compile(r"KF-LIC-\d{4}-\d{6}"))
    expect(page.locator("#effective-on")).to_be_visible()
    expect(page.locator("#payments")).to_contain_text("回单.pdf")

    page.click("#file-recordal")
    expect(page.locator(".flash-success")).to_be_visible()
    expect(page.locator("#recordals li")).to_have_count(1)
    licence_url = page.url
    logout(page)

    login(page, base_url, office)
    page.goto(f"{base_url}/office/recordals")
    page.click("a[href*='/office/recordals/']")
    page.fill("#record_date", china_today().isoformat())
    page.check("#confirm_record")
    page.click("#accept-form [type=submit]")
    expect(page.locator(".flash-success")).to_be_visible()
    logout(page)

    login(page, base_url, patentee)
    page.goto(licence_url)
    today = china_today()
    expect(page.locator(".record-date")).to_have_text(f"{today.year}年{today.month}月{today.day}日")
    page.goto(f"{base_url}/fees/statements?year={(china_today() + dt.timedelta(days=20)).year}")
    # Year 12 of an invention: RMB 4,000 full, 15 % off from the record date: RMB 600 saved.
    expect(page.locator("#open-licence-savings")).to_contain_text("600.00")


def test_sme_files_a_royalty_report_and_sees_the_royalty(page: Page, base_url: str,
                                                         live_app: Flask) -> None:
    with live_app.app_context():
        session = get_session()
        with transaction(session):
            patentee = make_user(session, Role.PATENTEE)
            patent = make_patent(session, patentee, title="一种茶叶揉捻机")
            # 3.5 % of net sales (the factories' terms), from today.
            content = dataclasses.replace(DECLARATION_CONTENT, licence_start=china_today())
            declaration = make_declaration(session, patent, DeclarationStatus.ANNOUNCED,
                                           announced_on=china_today(), content=content)
            sme = make_user(session, Role.SME)
    login(page, base_url, sme)
    page.goto(f"{base_url}/open-licences/{declaration.announcement_number}/take")
    page.check("#confirm")
    page.click("#agree")
    page.click("#report-link")
    page.fill("#net_sales", "1,234,567.89")
    page.click("#report-form [type=submit]")
    expect(page.locator(".flash-success")).to_contain_text("43,209.88")
    # 1,234,567.89 × 3.5 % = 43,209.876… → RMB 43,209.88 (half-up to the fen).
    expect(page.locator("#reports .royalty")).to_have_text("¥43,209.88")
