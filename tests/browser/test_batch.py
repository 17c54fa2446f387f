"""The office uploads a file of needs, follows the run computed in the background by the web
process (the production runner, a thread) and downloads it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from flask import Flask
from playwright.sync_api import Page, expect

from marketplace.accounts.models import Role
from marketplace.db import get_session, transaction
from marketplace.search.sync import search_index
from tests.browser.steps import follow_nav, login
from tests.factories import make_patent, make_user
from tests.search.conftest import document

pytestmark = pytest.mark.browser

NEEDS = [
    {"query_id": "zj-0001", "title": "绿茶杀青", "description": "希望按叶温自动控温，避免焦边。"},
    {"query_id": "zj-0002", "text": "锂离子电池隔膜防爆，提高安全性"},
]


def test_office_runs_a_batch_in_the_background_and_downloads_it(
        page: Page, base_url: str, live_app: Flask) -> None:
    assert live_app.config["BATCH_RUNNER"] == "thread"
    with live_app.app_context():
        session = get_session()
        with transaction(session):
            owner = make_user(session, Role.PATENTEE)
            tea = make_patent(session, owner, title="一种按叶温控温的绿茶杀青机",
                              abstract="叶温传感器控制加热，避免焦边。")
            battery = make_patent(session, owner, title="一种防爆锂离子电池隔膜",
                                  abstract="陶瓷涂层隔膜，提高电池安全性。")
            office = make_user(session, Role.OFFICE)
        search_index(live_app).upsert([document(session, tea), document(session, battery)])
        sources = {tea.source_id: "tea", battery.source_id: "battery"}

    login(page, base_url, office)
    follow_nav(page, "批量匹配")
    data = "".join(json.dumps(n, ensure_ascii=False) + "\n" for n in NEEDS).encode()
    page.set_input_files("#needs", files=[{"name": "zhejiang.jsonl",
                                           "mimeType": "application/json", "buffer": data}])
    page.fill("#top", "5")
    page.click("text=开始匹配")
    expect(page.locator(".flash-success")).to_contain_text("已将2条需求加入匹配队列")
    row = page.locator("#batch-runs tbody tr").first
    expect(row).to_contain_text("zhejiang.jsonl")
    # The page refreshes itself every 5 s until the run is done.
    expect(row.locator(".status")).to_contain_text("已完成", timeout=30_000)
    with page.expect_download() as download_info:
        row.locator("text=下载").click()
    lines = [line.split() for line in
             Path(download_info.value.path()).read_text(encoding="utf-8").splitlines()]
    assert all(len(fields) == 6 and fields[1] == "Q0" and fields[5] == "kaifang"
               for fields in lines)
    best = {fields[0]: sources.get(fields[2]) for fields in lines if fields[3] == "1"}
    assert best == {"zj-0001": "tea", "zj-0002": "battery"}
