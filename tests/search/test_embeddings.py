"""Embeddings as data: queued by the search drain, embedded once per text version, stored in
the database, kept by a rebuild, done by hand with ``marketplace search embed`` (resumable after
kill -9), a need's vector stored when it is saved and never computed on its page."""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import delete
from sqlmodel import Session, col, func, select

from marketplace.accounts.models import Role
from marketplace.db import Database
from marketplace.patents.models import Patent
from marketplace.search import embeddings, sync
from marketplace.search.indexing import enqueue
from marketplace.search.models import (
    EmbeddingOutboxEntry,
    IndexAction,
    NeedEmbedding,
    PatentEmbedding,
    PatentSentenceEmbeddings,
)
from search_index import SearchIndex
from search_index.embedding import FakeEmbedder, Vectors
from search_index.language_bias import lexicon_sample
from tests.conftest import Auth
from tests.factories import make_patent, make_user
from tests.needs.test_needs_pages import need_form
from tests.search.test_sync_resilience import committed, kill_when_ready

SYNONYMS = {"moisture out of filter cake": "concept-dewatering", "污泥脱水": "concept-dewatering"}


class CountingEmbedder(FakeEmbedder):
    """The fake embedder, counting the texts it embeds."""

    def __init__(self, synonyms: Mapping[str, str] = SYNONYMS) -> None:
        super().__init__(synonyms=synonyms)
        self.passages = 0
        self.queries = 0

    def embed_passages(self, texts: Sequence[str]) -> Vectors:
        self.passages += len(texts)
        return super().embed_passages(texts)

    def embed_queries(self, texts: Sequence[str]) -> Vectors:
        self.queries += len(texts)
        return super().embed_queries(texts)


@pytest.fixture()
def counting(index: SearchIndex) -> Iterator[CountingEmbedder]:
    original = index.embedder
    index.embedder = CountingEmbedder()
    yield index.embedder
    index.embedder = original


def drain(app: Flask, session: Session, patents: Sequence[Patent]) -> None:
    enqueue(session, [p.id or 0 for p in patents], IndexAction.UPSERT)
    session.commit()
    sync.drain(app.extensions["db"], sync.search_index(app))


def _rows(session: Session) -> list[tuple[int, str]]:
    return list(session.exec(select(PatentEmbedding.patent_id, PatentEmbedding.content_hash)
                             .order_by(col(PatentEmbedding.patent_id))).all())


def test_drained_patents_are_embedded_once_and_a_rebuild_never_embeds_again(
        app: Flask, session: Session, index: SearchIndex, counting: CountingEmbedder) -> None:
    database: Database = app.extensions["db"]
    user = make_user(session, Role.PATENTEE)
    sludge = make_patent(session, user, title="一种污泥脱水装置", abstract="叠螺式污泥脱水。")
    others = [make_patent(session, user, title=f"一种茶叶杀青设备{i}") for i in range(2)]
    drain(app, session, [sludge, *others])
    # Lexical matching works at once; the vectors wait in the queue.
    assert [hit.id for hit in index.search("杀青设备1").hits][:1] == [str(others[1].id)]
    assert counting.passages == 0 and index.vector_count() == 0
    assert len(session.exec(select(EmbeddingOutboxEntry)).all()) == 3

    assert embeddings.process_outbox(database, index) == 3
    assert counting.passages == 3 * 2  # each patent's text, and its abstract's one sentence
    assert [pid for pid, _ in _rows(session)] == sorted(p.id or 0 for p in [sludge, *others])
    assert session.exec(select(EmbeddingOutboxEntry)).all() == []
    need = "squeeze the moisture out of filter cake"
    assert [hit.id for hit in index.search(need, ranking="lexical").hits] == []
    assert [hit.id for hit in index.search(need).hits][:1] == [str(sludge.id)]

    assert sync.rebuild(database, index) == 3
    assert counting.passages == 6  # the stored vectors went into the new generation
    assert index.vector_count() == 3
    assert [hit.id for hit in index.search(need).hits][:1] == [str(sludge.id)]

    # A new version of one text is embedded again: that one only, its row replaced.
    before = dict(_rows(session))
    sludge.abstract = "带式压滤机对污泥脱水，泥饼含水率低。"
    session.add(sludge)
    drain(app, session, [sludge, others[0]])
    embeddings.process_outbox(database, index)
    assert counting.passages == 6 + 2
    after = dict(_rows(session))
    assert after.keys() == before.keys()
    assert [pid for pid in after if after[pid] != before[pid]] == [sludge.id]


def test_search_embed_does_the_backlog_and_shows_progress(
        app: Flask, session: Session, index: SearchIndex, counting: CountingEmbedder,
        client: FlaskClient, auth: Auth) -> None:
    user = make_user(session, Role.PATENTEE)
    patents = [make_patent(session, user, title=f"一种污水处理装置{i}") for i in range(3)]
    session.commit()
    office = make_user(session, Role.OFFICE)
    auth.login(office)
    page = client.get("/office/match", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "0 of 3 patents embedded" in page

    result = app.test_cli_runner().invoke(args=["search", "embed"])
    assert result.exit_code == 0, result.output
    assert "embedded 3 patents; 3 of 3 have a vector" in result.output
    assert counting.passages == 3 * 2 and index.vector_count() == 3
    page = client.get("/office/match", headers={"Accept-Language": "zh"}).get_data(as_text=True)
    assert "3 / 3" in page

    again = app.test_cli_runner().invoke(args=["search", "embed"])
    assert "embedded 0 patents; 3 of 3 have a vector" in again.output
    assert counting.passages == 6
    assert len(_rows(session)) == len(patents)


def test_a_need_is_embedded_when_saved_and_its_page_never_embeds(
        app: Flask, session: Session, index: SearchIndex, counting: CountingEmbedder,
        client: FlaskClient, auth: Auth) -> None:
    owner = make_user(session, Role.PATENTEE)
    tea = make_patent(session, owner, title="一种自动控温的绿茶滚筒杀青机")
    drain(app, session, [tea])
    embeddings.process_outbox(app.extensions["db"], index)
    sme = make_user(session, Role.SME)
    auth.login(sme)
    response = client.post("/needs/new", data=need_form())
    assert response.status_code == 302
    # The need, and once per index the lexicon sample of each language that cross-language
    # cosines are corrected by (language_bias.py), when its matches were first ranked.
    sample = len(lexicon_sample("zh") + lexicon_sample("en"))
    assert counting.queries == 1 + sample
    stored = session.exec(select(NeedEmbedding)).one()
    assert stored.model == counting.name and len(stored.vector) == 4 * counting.dim

    html = client.get(response.headers["Location"]).get_data(as_text=True)
    assert f'data-patent-id="{tea.id}"' in html
    assert counting.queries == 1 + sample  # the page used the stored vector

    # Saved again unchanged: nothing to embed; changed: embedded again, the row replaced.
    location = response.headers["Location"]
    client.post(f"{location}/edit", data=need_form())
    assert counting.queries == 1 + sample
    client.post(f"{location}/edit", data=need_form(title="求污泥脱水设备"))
    assert counting.queries == 2 + sample
    assert session.exec(select(func.count()).select_from(NeedEmbedding)).one() == 1


# A backlog that is killed


# Runs in a child process: ``marketplace search embed`` in batches of 5, with an embedder that
# stops dead in its third batch (two calls a batch: the patents' texts, then their sentences).
# The parent kills it there.
CHILD = """
import json, sys, time
from pathlib import Path
from marketplace import create_app
from marketplace.search import embeddings, sync
from search_index.embedding import FakeEmbedder

config, ready = json.loads(sys.argv[1]), Path(sys.argv[2])
app = create_app(config)
embeddings.EMBED_BATCH = 5
calls = []

class Stalling(FakeEmbedder):
    def embed_passages(self, texts):
        calls.append(1)
        if len(calls) == 5:
            ready.write_text("stalled")
            time.sleep(600)
        return super().embed_passages(texts)

sync.search_index(app).embedder = Stalling()
app.test_cli_runner().invoke(args=["search", "embed"], catch_exceptions=False)
"""


def test_a_backlog_killed_midway_converges_when_run_again(app: Flask, tmp_path: Path) -> None:
    index = sync.search_index(app)
    index.clear()
    with committed(app) as (session, user):
        patents = [make_patent(session, user, title=f"一种收敛嵌入装置{i}号") for i in range(23)]
        session.commit()
        ids = [p.id or 0 for p in patents]
        try:
            config = {name: app.config[name] for name in
                      ("MARKETPLACE_ENV", "DATABASE_URL", "SECRET_KEY", "SEARCH_INDEX_DIR",
                       "UPLOAD_DIR", "SEARCH_EMBEDDER", "SEARCH_EMBED_RUNNER")}
            kill_when_ready(tmp_path, CHILD, [json.dumps(config)])

            # Two batches are stored and indexed; the third died with the process.
            assert len(_rows(session)) == 10
            assert index.vector_count() == 10
            session.rollback()  # end the read, so that SQLite lets the command write

            result = app.test_cli_runner().invoke(args=["search", "embed"])
            assert result.exit_code == 0, result.output
            assert "embedded 13 patents; 23 of 23 have a vector" in result.output
            assert [pid for pid, _ in _rows(session)] == sorted(ids)  # one row each
            assert index.vector_count() == 23
        finally:
            session.rollback()
            for table in (PatentEmbedding, PatentSentenceEmbeddings):
                session.execute(delete(table).where(col(table.patent_id).in_(ids)))
            session.execute(delete(EmbeddingOutboxEntry)
                            .where(col(EmbeddingOutboxEntry.patent_id).in_(ids)))
            session.commit()
            index.clear()
