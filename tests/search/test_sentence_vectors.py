"""The sentence closest to a need in meaning: each sentence of a patent's abstract is embedded
with the patent (in the background), stored, and compared with the need's stored vector on the
need page by a dot product, so a need in English shows the Chinese sentence that answers it,
with no model call on the page; without stored sentence vectors the page falls back to the
sentence sharing the most words."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import delete
from sqlmodel import Session, select

from marketplace.accounts.models import Role
from marketplace.patents.models import Patent
from marketplace.search import embeddings, sync
from marketplace.search.models import PatentSentenceEmbeddings
from search_index import SearchIndex
from tests.conftest import Auth
from tests.factories import make_patent, make_user
from tests.needs.test_needs_pages import need_form
from tests.search.test_embeddings import CountingEmbedder, drain

# What the fake model "understands": leaf warmth and 叶温 mean the same. The lexicon knows
# green tea ↔ 绿茶 only, so the words shared with the need are in the first sentence.
LEAF_TEMPERATURE = {"leaf warmth": "concept-leaf-temperature",
                    "叶温": "concept-leaf-temperature"}
ABSTRACT = "本实用新型公开了一种绿茶杀青机。控制器根据叶温调节加热功率。外壳为不锈钢。"
ENGLISH_NEED = need_form(title="Steady leaf warmth for green tea",
                         description="Our green tea machine must hold the leaf warmth steady.",
                         industry="Tea", technical_indicators="")


@pytest.fixture()
def model(index: SearchIndex) -> Iterator[CountingEmbedder]:
    original = index.embedder
    index.embedder = CountingEmbedder(synonyms=LEAF_TEMPERATURE)
    yield index.embedder
    index.embedder = original


def _embedded_tea_patent(app: Flask, session: Session, index: SearchIndex) -> Patent:
    tea = make_patent(session, make_user(session, Role.PATENTEE), title="一种绿茶杀青机",
                      abstract=ABSTRACT)
    drain(app, session, [tea])
    embeddings.process_outbox(app.extensions["db"], index)
    return tea


def _closest_sentence(client: FlaskClient, url: str, patent: Patent) -> str:
    html = client.get(url, headers={"Accept-Language": "en"}).get_data(as_text=True)
    hit = html.split(f'data-patent-id="{patent.id}"')[1].split("</li>")[0]
    if 'class="snippet closest-sentence"' not in hit:
        return ""
    return hit.split('class="snippet closest-sentence"')[1].split("</p>")[0]


def test_the_need_page_shows_the_sentence_closest_in_meaning_without_embedding(
        app: Flask, session: Session, index: SearchIndex, model: CountingEmbedder,
        client: FlaskClient, auth: Auth) -> None:
    tea = _embedded_tea_patent(app, session, index)
    auth.login(make_user(session, Role.SME))
    need_page = client.post("/needs/new", data=ENGLISH_NEED).headers["Location"]
    embedded = (model.passages, model.queries)

    sentence = _closest_sentence(client, need_page, tea)
    assert "Matched in meaning" in sentence
    assert "控制器根据叶温调节加热功率。" in sentence
    assert (model.passages, model.queries) == embedded  # the page embedded nothing
    matches = client.get(f"/api/v1{need_page}/matches").get_json()
    [explained] = [item["explanation"] for item in matches["others"]
                   if item["patent"]["id"] == tea.id]
    assert explained["in_meaning"] and explained["sentence"] == "控制器根据叶温调节加热功率。"

    # Without the sentence vectors: the sentence sharing the most words (绿茶, by the lexicon).
    session.execute(delete(PatentSentenceEmbeddings))
    session.commit()
    fallback = _closest_sentence(client, need_page, tea)
    assert "Matched in meaning" in fallback
    assert "本实用新型公开了一种" in fallback and "叶温" not in fallback


def test_the_search_page_shows_the_sentence_closest_to_the_search_in_meaning(
        app: Flask, session: Session, index: SearchIndex, model: CountingEmbedder,
        client: FlaskClient, auth: Auth) -> None:
    tea = _embedded_tea_patent(app, session, index)
    auth.login(make_user(session, Role.SME))
    sentence = _closest_sentence(client, "/search?q=green+tea+leaf+warmth", tea)
    assert "控制器根据叶温调节加热功率。" in sentence


def test_sentence_vectors_survive_a_rebuild_and_follow_a_changed_text(
        app: Flask, session: Session, index: SearchIndex, model: CountingEmbedder,
        client: FlaskClient, auth: Auth) -> None:
    tea = _embedded_tea_patent(app, session, index)
    stored = session.exec(select(PatentSentenceEmbeddings)).one()
    assert len(stored.vectors) == 3 * model.dim  # three sentences, one int8 row each
    before = (stored.content_hash, stored.vectors)
    embedded = model.passages

    assert sync.rebuild(app.extensions["db"], index) == 1
    assert model.passages == embedded
    session.refresh(stored)
    assert (stored.content_hash, stored.vectors) == before

    tea.abstract = "本实用新型公开了一种绿茶杀青机。滚筒内壁设有导叶板。叶温过高时自动报警。"
    session.add(tea)
    drain(app, session, [tea])
    embeddings.process_outbox(app.extensions["db"], index)
    session.refresh(stored)
    assert stored.content_hash != before[0] and stored.vectors != before[1]
    assert session.exec(select(PatentSentenceEmbeddings)).all() == [stored]

    auth.login(make_user(session, Role.SME))
    need_page = client.post("/needs/new", data=ENGLISH_NEED).headers["Location"]
    assert "叶温过高时自动报警。" in _closest_sentence(client, need_page, tea)


def test_the_search_page_counts_the_patents_with_the_words_apart_from_those_close_in_meaning(
        app: Flask, session: Session, index: SearchIndex, model: CountingEmbedder,
        client: FlaskClient, auth: Auth) -> None:
    _embedded_tea_patent(app, session, index)
    boiler = make_patent(session, make_user(session, Role.PATENTEE), title="一种燃气锅炉",
                         abstract="燃气锅炉的燃烧器。")
    drain(app, session, [boiler])
    embeddings.process_outbox(app.extensions["db"], index)
    auth.login(make_user(session, Role.SME))

    def total(query: str, language: str) -> str:
        html = client.get(f"/search?q={query}", headers={"Accept-Language": language}
                          ).get_data(as_text=True)
        total = html.split('<p class="total">')[1].split("</p>")[0]
        assert 'href="#filters"' in total  # on a phone the filters follow the results
        return " ".join(total.split("<a ")[0].split())

    # 绿茶 is "green tea" to the lexicon; the boiler is only the search's nearest in meaning.
    assert total("green tea", "en") == "2 patents: 1 with your words, 1 matched in meaning"
    assert total("green tea", "zh") == "共2件专利：其中1件含您的用词，1件语义匹配"
    assert total("leaf warmth", "en") == "2 patents matched in meaning; none holds your words"
    assert total("绿茶", "en") == "2 patents: 1 with your words, 1 matched in meaning"
    assert total("绿茶", "zh") == "共2件专利：其中1件含您的用词，1件语义匹配"
    api = client.get("/api/v1/search?q=green+tea").get_json()
    assert (api["total"], api["with_words"]) == (2, 1)
