"""The background embedding runs the model outside any write transaction: on SQLite a batch of
patents takes the model seconds, and while it works every other request must still be able to
write (a payment, a need, the search drain of the next import)."""

from __future__ import annotations

from pathlib import Path

from flask import Flask
from sqlmodel import Session, func, select

from marketplace.accounts.models import Role
from marketplace.db import get_session, transaction
from marketplace.patents.models import Patent
from marketplace.search import embeddings, sync
from marketplace.search.indexing import enqueue
from marketplace.search.models import EmbeddingOutboxEntry, IndexAction, PatentEmbedding
from search_index import SearchIndex
from tests.factories import make_patent, make_user
from tests.sqlite_writes import WatchingEmbedder


def _drained(app: Flask, path: Path, title: str, count: int
             ) -> tuple[Session, SearchIndex, WatchingEmbedder, list[Patent]]:
    """``count`` patents titled ``title`` indexed by the drain, their embedding queued, and the
    index watching the write lock while it embeds."""
    session = get_session()
    index = sync.search_index(app)
    watching = WatchingEmbedder(path)
    index.embedder = watching
    with transaction(session):
        owner = make_user(session, Role.PATENTEE)
        patents = [make_patent(session, owner, title=f"{title} {n}") for n in range(count)]
        enqueue(session, [p.id or 0 for p in patents], IndexAction.UPSERT)
    sync.drain(app.extensions["db"], index)
    return session, index, watching, patents


def test_the_model_runs_while_other_writers_can_write(file_app: tuple[Flask, Path]) -> None:
    app, path = file_app
    with app.app_context():
        session, index, watching, patents = _drained(app, path, "一种污泥脱水设备", 3)
        queued = session.exec(select(func.count()).select_from(EmbeddingOutboxEntry)).one()
        assert queued == 3
        session.commit()  # end the read, to see what the background work commits

        assert embeddings.process_outbox(app.extensions["db"], index) == 3

        assert watching.free and all(watching.free)
        stored = session.exec(select(PatentEmbedding.patent_id)).all()
        assert sorted(stored) == sorted(p.id or 0 for p in patents)
        assert session.exec(select(func.count()).select_from(EmbeddingOutboxEntry)).one() == 0
        assert index.vector_count() == 3


def test_embedding_a_backlog_by_hand_leaves_the_database_free(
        file_app: tuple[Flask, Path]) -> None:
    app, path = file_app
    with app.app_context():
        session, index, watching, _ = _drained(app, path, "一种电池热失控预警方法", 2)
        backlog = embeddings.backlog(session, watching)
        session.commit()  # end the read, to see what the background work commits

        assert embeddings.embed_backlog(app.extensions["db"], index, backlog) == 2

        assert watching.free and all(watching.free)
        assert embeddings.backlog(session, watching) == []
