"""Keeping the search index in step with the database (STYLE §5: outbox, drain, rebuild).

The database is the source of truth. A change writes an outbox row in its own transaction
(``indexing.enqueue``); after the commit the outbox is drained to empty, batch by batch: each
batch claims its rows (``FOR UPDATE SKIP LOCKED`` on PostgreSQL; SQLite has one writer at a
time), applies them to the index and deletes them only once the index has committed, so a
crash or a busy index leaves them for the next drain. In the web process the drain runs in a
background thread (`drainer`, one per process, ``SEARCH_DRAIN=thread``), so a 5,000-row import
answers at once and is searchable moments later; CLI commands drain before they exit.
``marketplace search sync`` (cron) applies whatever a stopped process left. ``rebuild``
recreates the index from the database.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from decimal import Decimal

from flask import Flask, current_app
from sqlmodel import Session, col, func, select

from marketplace.accounts.models import Organisation
from marketplace.background import Background, follow_commit
from marketplace.db import Database, batched_transactions, transaction
from marketplace.declarations.models import Declaration
from marketplace.declarations.public import current_public_declarations
from marketplace.declarations.rules import headline_fee_fen
from marketplace.patents.models import Patent
from marketplace.search.embeddings import vector_batches
from marketplace.search.models import SearchOutboxEntry
from search_index import IndexBusy, PatentDocument, SearchIndex
from search_index.embedding import make_embedder

log = logging.getLogger(__name__)

DRAIN_BATCH = 500
# How long the background drain waits before it tries again while another process writes the
# index (its rows are still pending).
BUSY_RETRY_SECONDS = 1.0


def patent_document(patent: Patent, owner: Organisation,
                    declaration: Declaration | None = None) -> PatentDocument:
    """The index's view of a patent, with its latest announced declaration, if any."""
    assert patent.id is not None
    terms = declaration.fee_terms if declaration else None
    fee_fen = headline_fee_fen(terms)
    return PatentDocument(
        id=str(patent.id),
        title=patent.title,
        abstract=patent.abstract or "",
        first_claim=patent.first_claim or "",
        ipc=tuple(patent.ipc_codes),
        patentees=(owner.name, *(a for a in patent.applicants if a != owner.name)),
        kind=patent.kind.value if patent.kind else None,
        legal_status=patent.legal_status.value,
        region=owner.region,
        filing_year=patent.filing_date.year if patent.filing_date else None,
        grant_year=patent.grant_date.year if patent.grant_date else None,
        language=patent.language,
        declaration_status=declaration.status.value if declaration else None,
        fee_method=terms.method.value if terms else None,
        licence_end=declaration.licence_end if declaration else None,
        application_fields=tuple(declaration.application_fields) if declaration else (),
        # The document's contract is float yuan (sorting and display only); exact fen → yuan.
        fee_amount=float(Decimal(fee_fen) / 100) if fee_fen is not None else None,
        announced_at=declaration.announced_at if declaration else None,
    )


def _documents(session: Session, patent_ids: set[int]) -> dict[int, PatentDocument]:
    patents = list(session.exec(select(Patent).where(col(Patent.id).in_(sorted(patent_ids)))))
    owner_ids = sorted({p.owner_id for p in patents})
    owners = {o.id: o for o in session.exec(
        select(Organisation).where(col(Organisation.id).in_(owner_ids)))}
    declarations = current_public_declarations(session, patent_ids)
    return {p.id: patent_document(p, owners[p.owner_id], declarations.get(p.id))
            for p in patents if p.id is not None}


def drain_batch(session: Session, index: SearchIndex, *, limit: int = DRAIN_BATCH) -> int:
    """Apply up to ``limit`` outbox rows to the index, then delete them (caller commits).

    Raises ``IndexBusy`` (rows kept) when another process is writing the index.
    """
    rows = list(session.exec(select(SearchOutboxEntry)
                             .order_by(col(SearchOutboxEntry.id)).limit(limit)
                             .with_for_update(skip_locked=True)))
    if not rows:
        return 0
    ids = {row.entity_id for row in rows}
    documents = _documents(session, ids)
    index.upsert(documents.values())
    index.delete(str(i) for i in ids - documents.keys())
    # Features that follow the index (need matching, alerts) queue their work here, in this
    # transaction: it is done for sure once the rows are gone.
    for hook in session.info.get("indexed_hooks", ()):
        hook(session, ids)
    for row in rows:
        session.delete(row)
    return len(rows)


def drain_until_busy(database: Database, index: SearchIndex, *, batch: int | None = None,
                     limit: int | None = None) -> int:
    """Drain in batches of ``batch`` (``DRAIN_BATCH``), one transaction each, until empty or
    ``limit`` rows; raises ``IndexBusy`` (the rows not yet applied kept) when another writer
    holds the index."""
    return sum(batched_transactions(
        database, lambda session, size: drain_batch(session, index, limit=size),
        batch=batch or DRAIN_BATCH, limit=limit))


def drain(database: Database, index: SearchIndex, *, limit: int | None = None) -> int:
    """Drain in batches, one transaction each, until empty, busy or ``limit`` rows."""
    try:
        return drain_until_busy(database, index, limit=limit)
    except IndexBusy:
        log.info("search index busy; outbox rows left for the next drain")
        return 0


def pending(session: Session) -> int:
    return session.exec(select(func.count()).select_from(SearchOutboxEntry)).one()


def _all_documents(session: Session) -> Iterator[PatentDocument]:
    owners = {o.id: o for o in session.exec(select(Organisation))}
    declarations = current_public_declarations(session)
    for patent in session.exec(select(Patent).order_by(col(Patent.id)).execution_options(
            yield_per=1000)):
        yield patent_document(patent, owners[patent.owner_id], declarations.get(patent.id or 0))


def rebuild(database: Database, index: SearchIndex) -> int:
    """Rebuild the index from the database into a fresh generation and swap it in.

    Outbox rows present when the rebuild starts are covered by it and deleted; rows added
    meanwhile stay for the next drain. The stored patent vectors go into the new generation
    too (never embedded again).
    """
    session = database.new_session()
    try:
        with transaction(session):
            last = session.exec(select(func.max(SearchOutboxEntry.id))).one()
            vectors = vector_batches(session, index.embedder) if index.embedder else ()
            count = index.rebuild(_all_documents(session), vectors)
            if last is not None:
                for row in session.exec(select(SearchOutboxEntry)
                                        .where(col(SearchOutboxEntry.id) <= last)):
                    session.delete(row)
    finally:
        session.close()
    return count


def search_index(app: Flask) -> SearchIndex:
    """The app's index (one instance per app: it caches its searcher and, up to
    ``SEARCH_CACHE_MB``, the arrays of its searches)."""
    index: SearchIndex | None = app.extensions.get("search_index")
    if index is None:
        index = SearchIndex(app.config["SEARCH_INDEX_DIR"],
                            embedder=make_embedder(app.config["SEARCH_EMBEDDER"],
                                                  app.config["SEARCH_EMBED_THREADS"]),
                            cache_mb=app.config["SEARCH_CACHE_MB"])
        app.extensions["search_index"] = index
    return index


def _drain_once(app: Flask) -> bool:
    """Drain to empty; False if the index was busy (rows left to try again)."""
    with app.app_context():
        try:
            drain_until_busy(app.extensions["db"], search_index(app),
                             batch=int(app.config["SEARCH_DRAIN_BATCH"]))
        except IndexBusy:
            log.info("search index busy; outbox rows left for the next drain")
            return False
        except Exception:
            log.exception("draining the search outbox failed; rows stay for the next drain")
    return True


def drainer(app: Flask) -> Background:
    """The app's background drain (one per process): woken after each commit that queued
    changes, it drains the outbox to empty in batches of ``SEARCH_DRAIN_BATCH``; while another
    process writes the index it tries again every ``BUSY_RETRY_SECONDS``."""
    found: Background = app.extensions["search_drainer"]
    return found


def drain_after_commit() -> None:
    """After-commit hook: wake the background drain (web requests with ``SEARCH_DRAIN=thread``)
    or drain now (CLI commands, scripts, ``inline``); never fails the committed work."""
    follow_commit(drainer(current_app._get_current_object()))  # type: ignore[attr-defined]


def init_app(app: Flask) -> None:
    app.extensions["search_drainer"] = Background(
        "search-drain", lambda: _drain_once(app), retry_seconds=BUSY_RETRY_SECONDS)
    app.extensions["db"].session_factory.configure(info={"drain_outbox": drain_after_commit})
