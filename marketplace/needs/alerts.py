"""Alerts both ways, computed from the search outbox: never by re-running searches per request.

When the drain has put changed patents into the index, ``queue_changed_patents`` (called in the
drain's transaction) records them in the match outbox; after that commit
``process_pending`` takes them in batches and, in one transaction per batch,

1. updates every active need's kept matches with the changed patents' scores (a search
   restricted to those patents, so its cost does not grow with the register), telling a
   patentee when one of its patents newly matches a need well enough;
2. tests the changed patents that are announced open licences against every saved search and
   saved need, telling the SME once per patent and saved search when one matches above its
   threshold.

A batch that fails is rolled back and stays queued; ``marketplace needs refresh`` processes
what is left and recomputes every need's matches from scratch.

Declarations need nothing more than what they do anyway: enqueue the patent for the index in
the transaction that announces it (``search.indexing.enqueue``); the alert follows the drain.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import defaultdict
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Final
from urllib.parse import urlencode

from sqlalchemy import delete
from sqlmodel import Session, col, func, select

from marketplace.accounts.models import Organisation
from marketplace.db import Database, after_commit, batched_transactions
from marketplace.errors import N_, Message
from marketplace.needs import rules
from marketplace.needs.models import (
    AlertDelivery,
    AlertKind,
    MatchOutboxEntry,
    Need,
    NeedMatch,
    NeedStatus,
    SavedSearch,
)
from marketplace.needs.ranking import MatchSettings, materialise, need_query, replace_matches
from marketplace.notifications.services import notify
from marketplace.patents.models import Patent
from marketplace.search.embeddings import need_vector
from marketplace.search.services import ANNOUNCED, announced_among, clean_filters
from search_index import MAX_PER_PAGE, SearchIndex
from search_index.embedding import Vectors

__all__ = [
    "AlertOutcome",
    "alert_patentees",
    "alert_saved_searches",
    "handle_changed_patents",
    "pending",
    "process_pending",
    "queue_changed_patents",
    "refresh_all",
    "searches_per_batch",
]

log = logging.getLogger(__name__)

# Changed patents handled in one transaction by ``process_pending``.
PROCESS_BATCH: Final = 5_000
# Up to this many changed patents are scored by a search restricted to them.
INCREMENTAL_MAX: Final = MAX_PER_PAGE
MAX_LINK_CHARS: Final = 500

NEED_MATCH_KIND: Final = "needs.patent_matches_need"
SAVED_SEARCH_KIND: Final = "needs.open_licence_matches"


@dataclass
class AlertOutcome:
    needs_updated: int = 0
    patentee_alerts: int = 0
    sme_alerts: int = 0

    def add(self, other: AlertOutcome) -> None:
        self.needs_updated += other.needs_updated
        self.patentee_alerts += other.patentee_alerts
        self.sme_alerts += other.sme_alerts


def queue_changed_patents(session: Session, patent_ids: Collection[int]) -> None:
    """Record, in the caller's transaction, that these patents changed in the index; process
    them after the commit when the app asks for it (``session.info['process_matches']``)."""
    session.add_all(MatchOutboxEntry(patent_id=pid) for pid in sorted(set(patent_ids)))
    hook = session.info.get("process_matches")
    if hook is not None and patent_ids:
        after_commit(session, hook)


def _restricted_matches(index: SearchIndex, text: str, ids: Collection[str], *,
                        filters: dict[str, list[str]] | None = None,
                        vector: Vectors | None = None) -> dict[int, rules.Match]:
    """The score and calibrated relevance these patents get for ``text`` (a need's stored
    ``vector`` saves embedding it again), for the patents it ranks (a blank text lists, it
    does not rank: nothing)."""
    hits = index.hits(text, ids=ids, filters=filters, query_vector=vector)
    return {int(doc_id): rules.Match(hit.score, hit.relevance or 0.0)
            for doc_id, hit in hits.items() if doc_id.isdigit() and hit.score}


def _undelivered(session: Session, kind: AlertKind, subject_id: int,
                 patent_ids: Collection[int]) -> set[int]:
    if not patent_ids:
        return set()
    done = set(session.exec(select(AlertDelivery.patent_id).where(
        AlertDelivery.kind == kind, AlertDelivery.subject_id == subject_id,
        col(AlertDelivery.patent_id).in_(sorted(patent_ids)))))
    return set(patent_ids) - done


def alert_patentees(session: Session, need: Need, ranking: Sequence[tuple[int, rules.Match]],
                    before: Collection[int], settings: MatchSettings) -> int:
    """Tell the owners of patents that newly entered the need's kept matches with at least
    ``PATENTEE_ALERT_MIN_RELEVANCE`` % of calibrated relevance, once per need and patent;
    return how many patents."""
    assert need.id is not None
    pairs = dict(rules.newly_qualifying(before, ranking,
                                        min_relevance=settings.patentee_min_relevance))
    fresh = _undelivered(session, AlertKind.NEED_TO_PATENTEE, need.id, pairs.keys())
    patents = list(session.exec(select(Patent).where(col(Patent.id).in_(sorted(fresh))))) \
        if fresh else []
    by_owner: dict[int, list[Patent]] = defaultdict(list)
    for patent in sorted(patents, key=lambda p: (-pairs[p.id or 0], p.id or 0)):
        if patent.owner_id == need.organisation_id:
            continue
        assert patent.id is not None
        session.add(AlertDelivery(kind=AlertKind.NEED_TO_PATENTEE, subject_id=need.id,
                                  patent_id=patent.id, organisation_id=patent.owner_id))
        by_owner[patent.owner_id].append(patent)
    for owner_id, owned in by_owner.items():
        owner = session.get(Organisation, owner_id)
        assert owner is not None
        if len(owned) == 1:
            message = Message(N_("The technology need “%(need)s” matches your patent "
                                 "“%(patent)s”."), {"need": need.title, "patent": owned[0].title})
        else:
            message = Message(N_("The technology need “%(need)s” matches %(count)d of your "
                                 "patents, first of all “%(patent)s”."),
                              {"need": need.title, "count": len(owned),
                               "patent": owned[0].title})
        notify(session, owner, NEED_MATCH_KIND, message, link=f"/needs/{need.id}")
    session.flush()
    return sum(len(owned) for owned in by_owner.values())


def _search_link(saved: SavedSearch) -> str:
    if saved.need_id is not None:
        return f"/needs/{saved.need_id}"
    args = [("q", saved.query), ("open", "1"),
            *((name, value) for name, values in saved.filters.items() for value in values)]
    link = "/search?" + urlencode(args)
    return link if len(link) <= MAX_LINK_CHARS else "/alerts"


def _notify_sme(session: Session, saved: SavedSearch, hits: list[tuple[Patent, int]]) -> None:
    organisation = session.get(Organisation, saved.organisation_id)
    assert organisation is not None
    best, pct = hits[0]
    if len(hits) == 1:
        message = Message(N_("A newly announced open licence matches “%(search)s”: "
                             "“%(patent)s” (%(relevance)d%% relevant)."),
                          {"search": saved.name, "patent": best.title, "relevance": pct})
        link = f"/patents/{best.id}"
    else:
        message = Message(N_("%(count)d newly announced open licences match “%(search)s”, "
                             "first of all “%(patent)s”."),
                          {"count": len(hits), "search": saved.name, "patent": best.title})
        link = _search_link(saved)
    notify(session, organisation, SAVED_SEARCH_KIND, message, link=link)


def alert_saved_searches(session: Session, index: SearchIndex, announced: Collection[str],
                         today: dt.date) -> int:
    """Test announced patents against every saved search and active saved need; notify each
    SME once per patent and saved search at its threshold of calibrated relevance or above.
    Return the alerts sent."""
    ids = sorted(announced)
    if not ids:
        return 0
    searches = list(session.exec(select(SavedSearch).order_by(col(SavedSearch.id))))
    need_ids = sorted({s.need_id for s in searches if s.need_id is not None})
    needs = {n.id: n for n in session.exec(select(Need).where(col(Need.id).in_(need_ids)))} \
        if need_ids else {}
    sent = 0
    for saved in searches:
        assert saved.id is not None
        if saved.need_id is not None:
            need = needs[saved.need_id]
            if not rules.is_active(open_=need.status is NeedStatus.OPEN,
                                   valid_until=need.valid_until, today=today):
                continue
            text, filters = need_query(need), {}
            vector = need_vector(session, index, saved.need_id, text)
        else:
            text, filters = saved.query, clean_filters(saved.filters)
            vector = None
        filters["declaration_status"] = [ANNOUNCED]
        matches = _restricted_matches(index, text, ids, filters=filters, vector=vector)
        percents = {pid: rules.percent(match.relevance) or 0 for pid, match in matches.items()}
        qualifying = {pid: pct for pid, pct in percents.items() if pct >= saved.min_relevance}
        fresh = _undelivered(session, AlertKind.SAVED_SEARCH, saved.id, qualifying.keys())
        if not fresh:
            continue
        patents = {p.id: p for p in session.exec(
            select(Patent).where(col(Patent.id).in_(sorted(fresh))))}
        hits = sorted(((p, qualifying[pid]) for pid, p in patents.items() if pid is not None),
                      key=lambda item: (-item[1], item[0].id or 0))
        for patent, _ in hits:
            assert patent.id is not None
            session.add(AlertDelivery(kind=AlertKind.SAVED_SEARCH, subject_id=saved.id,
                                      patent_id=patent.id,
                                      organisation_id=saved.organisation_id))
        if hits:
            _notify_sme(session, saved, hits)
            sent += len(hits)
    session.flush()
    return sent


def _active_needs(session: Session, today: dt.date) -> list[Need]:
    return list(session.exec(select(Need).where(Need.status == NeedStatus.OPEN,
                                                col(Need.valid_until) >= today)
                             .order_by(col(Need.id))))


def handle_changed_patents(session: Session, index: SearchIndex, patent_ids: Collection[int],
                           settings: MatchSettings, today: dt.date) -> AlertOutcome:
    """Bring needs' kept matches and both kinds of alerts up to date with these patents, as
    the index now has them. Idempotent: alerts already delivered are not repeated.

    Up to ``INCREMENTAL_MAX`` changed patents are scored against each need by one search
    restricted to them; with more (an import), each need is rematched whole, which costs the
    same as one such search and keeps the ranking exact.
    """
    outcome = AlertOutcome()
    ids = [str(pid) for pid in sorted(set(patent_ids))]
    if not ids:
        return outcome
    needs = _active_needs(session, today)
    kept: dict[int, dict[int, rules.Match]] = defaultdict(dict)
    if needs and len(ids) <= INCREMENTAL_MAX:
        for match in session.exec(select(NeedMatch).where(
                col(NeedMatch.need_id).in_([n.id for n in needs]))):
            kept[match.need_id][match.patent_id] = rules.Match(match.score,
                                                               match.relevance or 0.0)
    for need in needs:
        assert need.id is not None
        if len(ids) > INCREMENTAL_MAX:
            ranking, before = materialise(session, index, need, settings)
        else:
            text = need_query(need)
            found = _restricted_matches(index, text, ids,
                                        vector=need_vector(session, index, need.id, text))
            changed: dict[int, rules.Match | None] = {int(pid): None for pid in ids}
            changed.update(found)
            current = kept[need.id]
            if not found and not current.keys() & changed.keys():
                continue
            ranking = rules.merge_matches(current, changed, settings.kept)
            before = replace_matches(session, need.id, ranking)
        outcome.needs_updated += 1
        outcome.patentee_alerts += alert_patentees(session, need, ranking, before, settings)
    outcome.sme_alerts = alert_saved_searches(session, index, announced_among(index, ids), today)
    return outcome


def process_pending(database: Database, index: SearchIndex, settings: MatchSettings, *,
                    today: dt.date, limit: int | None = None,
                    batch: int = PROCESS_BATCH) -> AlertOutcome:
    """Process queued patent changes in batches of ``batch``, one transaction each, until none
    is left (or ``limit`` patents); a failing batch is rolled back, stays queued and ends the
    run (the exception propagates)."""
    outcome = AlertOutcome()

    def step(session: Session, size: int) -> int:
        rows = list(session.exec(select(MatchOutboxEntry)
                                 .order_by(col(MatchOutboxEntry.id)).limit(size)))
        if rows:
            outcome.add(handle_changed_patents(
                session, index, {row.patent_id for row in rows}, settings, today))
            session.exec(delete(MatchOutboxEntry).where(
                col(MatchOutboxEntry.id).in_([row.id for row in rows])))
        return len(rows)

    for _ in batched_transactions(database, step, batch=batch, limit=limit):
        pass
    return outcome


def searches_per_batch(session: Session, today: dt.date) -> int:
    """How many searches matching a small batch of changed patents takes at most: one per
    active need and one per saved search."""
    needs = session.exec(select(func.count()).select_from(Need).where(
        Need.status == NeedStatus.OPEN, col(Need.valid_until) >= today)).one()
    return needs + session.exec(select(func.count()).select_from(SavedSearch)).one()


def pending(session: Session) -> int:
    """Patent changes waiting to be matched."""
    return session.exec(select(func.count()).select_from(MatchOutboxEntry)).one()


def refresh_all(session: Session, index: SearchIndex, settings: MatchSettings,
                today: dt.date) -> int:
    """Recompute every active need's kept matches from scratch (alerting patentees of new
    ones) with their calibrated relevance; return the number of needs."""
    needs = _active_needs(session, today)
    for need in needs:
        ranking, before = materialise(session, index, need, settings)
        alert_patentees(session, need, ranking, before, settings)
    session.flush()
    return len(needs)
