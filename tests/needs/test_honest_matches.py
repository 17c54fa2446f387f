"""The need page on calibrated relevance: only strong and possible open licences are offered,
each with its label; a need that nothing answers says so plainly; a match in meaning alone (the
dense side) is offered too; the patent owner's list of needs shows the same calibrated
figures."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from flask.testing import FlaskClient
from sqlmodel import Session, select

from marketplace.accounts.models import Role
from marketplace.needs.models import Need, NeedMatch
from marketplace.needs.rules import percent
from marketplace.notifications.models import Notification
from search_index import SearchIndex
from search_index.embedding import FakeEmbedder, passage_text
from tests.conftest import Auth
from tests.factories import make_patent, make_user
from tests.search.conftest import IndexPatents

LATER = (dt.date.today() + dt.timedelta(days=90)).isoformat()
CAT_TOY = {
    "title": "猫咪自动逗猫玩具",
    "description": "我们做宠物用品，想要一种能自动移动的逗猫激光玩具，猫咪不会玩腻，设备安全耐咬。",
    "industry": "宠物用品", "region": "330000", "cooperation_mode": "licence",
    "valid_until": LATER,
}


def _tea_and_wastewater(session: Session, index_patents: IndexPatents) -> None:
    owner = make_user(session, Role.PATENTEE)
    tea = make_patent(session, owner, title="一种自动控温的绿茶滚筒杀青设备",
                      abstract="控制器根据叶温调节加热功率，避免焦边和受热不均。")
    water = make_patent(session, owner, title="一种污泥自动脱水设备",
                        abstract="带式压滤机降低污泥含水率，设备安全可靠。")
    fixing = make_patent(session, owner, title="一种连续式茶叶杀青装置", abstract="网带输送。")
    index_patents([tea, water, fixing], announced=[tea, water])


def test_a_need_nothing_answers_shows_no_strong_match_and_no_hit_labelled_strong(
        client: FlaskClient, auth: Auth, session: Session, index_patents: IndexPatents,
        index: SearchIndex) -> None:
    _tea_and_wastewater(session, index_patents)
    sme = make_user(session, Role.SME)
    auth.login(sme)
    response = client.post("/needs/new", data=CAT_TOY)
    assert response.status_code == 302
    # Generic words (自动, 设备, 安全) do match: the best of them was "100 %" before.
    assert index.search("猫咪自动逗猫玩具 设备安全", facets=()).hits
    html = client.get(response.headers["Location"], headers={"Accept-Language": "en"}) \
        .get_data(as_text=True)
    open_section = html.split('id="open-licences"')[1].split("</section>")[0]
    assert "No strong match yet." in open_section
    assert 'class="hit"' not in open_section
    assert 'href="#need-alert"' in open_section and 'href="#other-patents"' in open_section
    assert "Strong match" not in html and "Possible match" not in html
    assert "100% relevant" not in html
    zh = client.get(response.headers["Location"], headers={"Accept-Language": "zh"}) \
        .get_data(as_text=True)
    assert "尚无强匹配" in zh and "强匹配 ·" not in zh


def test_open_licences_are_offered_with_their_label_and_calibrated_percentage(
        client: FlaskClient, auth: Auth, session: Session, index_patents: IndexPatents,
        index: SearchIndex) -> None:
    _tea_and_wastewater(session, index_patents)
    sme = make_user(session, Role.SME)
    auth.login(sme)
    response = client.post("/needs/new", data={
        **CAT_TOY, "title": "自动控温的绿茶杀青设备", "industry": "茶叶加工",
        "description": "绿茶滚筒杀青受热不均，焦边：希望根据叶温调节加热功率。"})
    need = session.exec(select(Need).where(Need.organisation_id == sme.organisation_id)).one()
    html = client.get(response.headers["Location"], headers={"Accept-Language": "en"}) \
        .get_data(as_text=True)
    open_section = html.split('id="open-licences"')[1].split("</section>")[0]
    [kept] = [m for m in session.exec(select(NeedMatch).where(NeedMatch.need_id == need.id))
              if m.rank == 1]
    assert kept.relevance is not None
    pct = percent(kept.relevance)
    assert pct is not None and pct >= 30, "the tea patent answers this need"
    label = "Strong match" if pct >= 60 else "Possible match"
    assert f"{label} · {pct}% relevant" in open_section
    assert "No strong match yet." not in open_section or label == "Possible match"
    api = client.get(f"/api/v1/needs/{need.id}/matches").json
    assert api["announced"][0]["relevance"] == pct
    assert api["announced"][0]["label"] == ("strong" if pct >= 60 else "possible")


def test_the_best_of_weak_matches_tells_no_patentee(
        client: FlaskClient, auth: Auth, session: Session, index_patents: IndexPatents) -> None:
    owner = make_user(session, Role.PATENTEE)
    tea = make_patent(session, owner, title="一种自动控温的绿茶滚筒杀青设备",
                      abstract="控制器根据叶温调节加热功率，设备安全可靠。")
    index_patents([tea])
    auth.login(make_user(session, Role.SME))
    need_id = client.post("/api/v1/needs", json=CAT_TOY).json["id"]
    # The tea patent is the need's best (and only) match: once "100 %", now weak.
    [kept] = session.exec(select(NeedMatch).where(NeedMatch.need_id == need_id)).all()
    assert kept.patent_id == tea.id and kept.rank == 1
    assert (percent(kept.relevance) or 0) < 30
    session.expire_all()
    assert session.exec(select(Notification).where(Notification.user_id == owner.id)).all() \
        == []
    auth.login(owner)
    html = client.get(f"/patents/{tea.id}", headers={"Accept-Language": "en"}) \
        .get_data(as_text=True)
    needs = html.split('id="matching-needs"')[1].split("</section>")[0]
    assert f"Weak match · {percent(kept.relevance)}% relevant" in needs


def test_a_match_across_languages_shows_the_lexicon_pair_and_the_closest_sentence(
        client: FlaskClient, auth: Auth, session: Session, index_patents: IndexPatents) -> None:
    owner = make_user(session, Role.PATENTEE)
    press = make_patent(session, owner, title="一种带式压滤机",
                        abstract="机架上设有滤带。滤带挤压污泥，降低污泥含水率。")
    index_patents([press], announced=[press])
    auth.login(make_user(session, Role.SME))
    response = client.post("/needs/new", data={
        **CAT_TOY, "title": "Sludge press", "industry": "Waste water",
        "description": "Our sludge is too wet to haul away."})
    html = client.get(response.headers["Location"], headers={"Accept-Language": "en"}) \
        .get_data(as_text=True)
    hit = html.split(f'data-patent-id="{press.id}"')[1].split("</li>")[0]
    assert '<mark class="term">sludge</mark> ↔ <mark class="term">污泥</mark>' in hit.lower()
    sentence = hit.split('class="snippet closest-sentence"')[1].split("</p>")[0]
    assert "Matched in meaning" in sentence
    # "press" is 挤压 to the dictionary, "sludge" 污泥 to the lexicon: both are marked.
    assert "滤带<mark" in sentence and ">挤压</mark>" in sentence and ">污泥</mark>" in sentence


# The fake embedder knows one meaning in both languages: the need below and the dewatering
# patent share no word (nor a lexicon entry), only this.
MEANING = {"moisture out of filter cake": "concept-dewatering", "污泥脱水": "concept-dewatering"}
FILTER_CAKE = {**CAT_TOY, "title": "Filter cake press", "industry": "Waste water",
               "description": "Our plant must squeeze the moisture out of filter cake before "
                              "it is hauled away."}


@pytest.fixture()
def meaning_index(index: SearchIndex) -> Iterator[SearchIndex]:
    original = index.embedder
    index.embedder = FakeEmbedder(synonyms=MEANING)
    yield index
    index.embedder = original


def _register_with_vectors(session: Session, index_patents: IndexPatents,
                           index: SearchIndex) -> int:
    """Announced open licences on six patents of several fields, each with its vector; the
    dewatering patent's id."""
    owner = make_user(session, Role.PATENTEE)
    patents = [make_patent(session, owner, title=title, abstract=abstract) for title, abstract in (
        ("一种叠螺式污泥脱水装置", "采用叠螺结构对市政污泥脱水，出泥含固率高。"),
        ("一种自动控温的绿茶滚筒杀青设备", "控制器根据叶温调节加热功率，避免焦边和受热不均。"),
        ("一种锂离子电池正极材料", "通过包覆改性提高循环稳定性，设备安全可靠。"),
        ("一种电动汽车充电桩的夜间充电调度方法", "根据电网负荷安排车辆夜间充电。"),
        ("一种混凝土预制构件的蒸汽养护装置", "养护室内设有蒸汽管道和喷淋装置。"),
        ("一种连续式茶叶杀青装置", "网带输送鲜叶。"))]
    index_patents(patents, announced=patents)
    assert index.embedder is not None
    index.add_vectors([str(p.id) for p in patents], index.embedder.embed_passages(
        [passage_text(p.title, p.abstract or "") for p in patents]))
    return patents[0].id or 0


def test_a_match_in_meaning_alone_is_offered_and_an_unrelated_need_still_is_not(
        client: FlaskClient, auth: Auth, session: Session, index_patents: IndexPatents,
        meaning_index: SearchIndex) -> None:
    dewatering = _register_with_vectors(session, index_patents, meaning_index)
    auth.login(make_user(session, Role.SME))
    response = client.post("/needs/new", data=FILTER_CAKE)
    html = client.get(response.headers["Location"], headers={"Accept-Language": "en"}) \
        .get_data(as_text=True)
    open_section = html.split('id="open-licences"')[1].split("</section>")[0]
    # No shared word: the dense side alone found it, and its margin over the need's other
    # patents makes it at least a possible match, offered as an open licence to take.
    hit = open_section.split(f'data-patent-id="{dewatering}"')[1].split("</li>")[0]
    assert "Strong match ·" in hit or "Possible match ·" in hit

    response = client.post("/needs/new", data=CAT_TOY)
    html = client.get(response.headers["Location"], headers={"Accept-Language": "en"}) \
        .get_data(as_text=True)
    open_section = html.split('id="open-licences"')[1].split("</section>")[0]
    assert "No strong match yet" in open_section
    assert "Strong match ·" not in html
    assert f'data-patent-id="{dewatering}"' not in open_section
