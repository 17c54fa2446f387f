"""A saved need's kept matches and patentee alerts, computed after the commit that saved it.

Posting or changing a need writes the need and a row of the need outbox (``queue_need``) in the
request's transaction, and the request answers without waiting for the embedding model or a
search. After the commit ``process_queued`` takes the queued needs in batches: it embeds each
need's text (unless the vector of that text is stored: a need saved again unchanged is not
embedded again) and ranks its ``NEED_MATCHES_KEPT`` best patents from the index, outside any
write transaction; then, in one short write transaction per batch, it stores the vectors,
replaces the kept matches, tells the patentees whose patents newly match well
(``alerts.alert_patentees``) and deletes the rows it handled.

In the web process a background thread does this (``SEARCH_DRAIN=thread``); CLI commands and
``inline`` do it before they return. The queue is in the database: rows left by a process that
died after the commit are processed by the next run, in any process, or by ``marketplace needs
refresh``. The need page ranks live, so it shows the same matches meanwhile.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from typing import Final

from sqlmodel import Session, col, delete, func, select

from marketplace.db import Database, after_commit, transaction
from marketplace.needs import rules
from marketplace.needs.alerts import AlertOutcome, alert_patentees
from marketplace.needs.models import Need, NeedOutboxEntry, NeedStatus
from marketplace.needs.ranking import MatchSettings, need_query, ranked_matches, replace_matches
from marketplace.search.embeddings import embed_need, need_vector, store_need_vector
from search_index import SearchIndex
from search_index.embedding import Vectors

__all__ = ["NEED_BATCH", "pending", "process_queued", "queue_need"]

# Needs ranked, then written in one transaction: each takes the model and a search (about a
# tenth of a second), so a batch holds no lock long and a killed run loses little.
NEED_BATCH: Final = 16


def queue_need(session: Session, need_id: int) -> None:
    """Queue the need for matching in the caller's transaction; process the queue after the
    commit when the app asks for it (``session.info['match_needs']``)."""
    session.add(NeedOutboxEntry(need_id=need_id))
    hook = session.info.get("match_needs")
    if hook is not None:
        after_commit(session, hook)


@dataclass(frozen=True)
class _Ranked:
    """A need's text as it was read, its vector (``embedded``: computed now, not stored yet)
    and its kept matches."""

    need_id: int
    text: str
    vector: Vectors | None
    embedded: bool
    ranking: list[tuple[int, rules.Match]]


Embed = Callable[[SearchIndex, str], Vectors | None]


def _rank(index: SearchIndex, need: Need, stored: Vectors | None, settings: MatchSettings,
          embed: Embed) -> _Ranked:
    assert need.id is not None
    text = need_query(need)
    vector = stored if stored is not None else embed(index, text)
    ranking = (ranked_matches(index, text, vector, settings.kept)
               if need.status is NeedStatus.OPEN else [])
    return _Ranked(need.id, text, vector, stored is None, ranking)


def _save(session: Session, index: SearchIndex, ranked: Sequence[_Ranked],
          rows: Collection[int], settings: MatchSettings) -> AlertOutcome:
    """Write what was ranked for the needs whose queue ``rows`` are still there and not taken by
    another process (``FOR UPDATE SKIP LOCKED`` on PostgreSQL; SQLite has one writer at a time),
    then delete those rows. A need closed or changed since it was read is left as it is: closing
    dropped its matches, a change queued it again."""
    claimed = dict(session.exec(
        select(NeedOutboxEntry.id, NeedOutboxEntry.need_id)
        .where(col(NeedOutboxEntry.id).in_(sorted(rows)))
        .with_for_update(skip_locked=True)).all())
    taken = set(claimed.values())
    outcome = AlertOutcome()
    for item in ranked:
        need = session.get(Need, item.need_id) if item.need_id in taken else None
        if need is None or need.status is not NeedStatus.OPEN or need_query(need) != item.text:
            continue
        if item.embedded:
            store_need_vector(session, index, item.need_id, item.text, item.vector)
        before = replace_matches(session, item.need_id, item.ranking)
        outcome.needs_updated += 1
        outcome.patentee_alerts += alert_patentees(session, need, item.ranking, before, settings)
    if claimed:
        session.exec(delete(NeedOutboxEntry).where(col(NeedOutboxEntry.id).in_(sorted(claimed))))
    return outcome


def process_queued(database: Database, index: SearchIndex, settings: MatchSettings, *,
                   limit: int | None = None, batch: int = NEED_BATCH,
                   embed: Embed = embed_need) -> AlertOutcome:
    """Match queued needs, one committed batch of ``batch`` at a time, until the queue is empty
    (or ``limit`` rows are done); ``embed`` embeds a need's text (the web process's matching
    does it at a lower CPU priority). The model and the searches run between a read and a
    short write transaction, never inside one: on SQLite a writer holds the database's only
    write lock. A failing batch is rolled back and stays queued (the exception propagates)."""
    outcome = AlertOutcome()
    done = 0
    while limit is None or done < limit:
        size = batch if limit is None else min(batch, limit - done)
        with database.new_session() as session:
            rows = {row_id: need_id for row_id, need_id in session.exec(
                select(NeedOutboxEntry.id, NeedOutboxEntry.need_id)
                .order_by(col(NeedOutboxEntry.id)).limit(size)) if row_id is not None}
            needs = list(session.exec(select(Need).where(
                col(Need.id).in_(sorted(set(rows.values())))).order_by(col(Need.id))))
            stored = {need.id: need_vector(session, index, need.id, need_query(need))
                      for need in needs if need.id is not None}
        ranked = [_rank(index, need, stored[need.id], settings, embed)
                  for need in needs if need.id is not None]
        if rows:
            with database.new_session() as session, transaction(session):
                outcome.add(_save(session, index, ranked, rows.keys(), settings))
        done += len(rows)
        if len(rows) < size:
            break
    return outcome


def pending(session: Session) -> int:
    """Needs waiting for their kept matches."""
    return session.exec(select(func.count()).select_from(NeedOutboxEntry)).one()
