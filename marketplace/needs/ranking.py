"""A need's matching patents: the explained lists of its page, and the kept top matches.

Every ranking of a need goes through ``marketplace.search.matching.match_need``, the one
matcher shared with the batch runs. The kept matches (``NeedMatch``) are rewritten whenever the
need is saved and kept in step with patent changes by ``alerts.handle_changed_patents``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlmodel import Session, col, select

from marketplace.db import utcnow
from marketplace.needs import rules
from marketplace.needs.models import Need, NeedMatch, NeedStatus
from marketplace.patents.models import Patent
from marketplace.search.embeddings import need_vector
from marketplace.search.explain import ResultItem, field_classes, load_results
from marketplace.search.matching import match_need
from marketplace.search.services import ANNOUNCED
from search_index import MAX_PER_PAGE, SearchIndex

__all__ = [
    "MatchSettings",
    "NeedResults",
    "PatentNeed",
    "best_scores",
    "materialise",
    "need_query",
    "need_results",
    "needs_for_patent",
    "reference_score",
    "replace_matches",
]


@dataclass(frozen=True)
class MatchSettings:
    """The settings of matching and alerts (``NEED_MATCHES_KEPT`` and the thresholds)."""

    kept: int = 50
    alert_min_relevance: int = 50
    patentee_min_relevance: int = 60

    @classmethod
    def from_config(cls, config: Mapping[str, Any]) -> MatchSettings:
        return cls(kept=int(config["NEED_MATCHES_KEPT"]),
                   alert_min_relevance=int(config["ALERT_MIN_RELEVANCE"]),
                   patentee_min_relevance=int(config["PATENTEE_ALERT_MIN_RELEVANCE"]))


def need_query(need: Need) -> str:
    return rules.need_text(need.title, need.description, need.industry,
                           need.technical_indicators)


@dataclass(frozen=True)
class NeedResults:
    """A need's page: announced open licences first, then the other patents; ``best`` is the
    best score of any patent (the 100 % of relevance)."""

    announced: list[ResultItem]
    others: list[ResultItem]
    best: float | None

    def relevance(self, item: ResultItem) -> int:
        return rules.relevance(item.hit.score, self.best)


def need_results(session: Session, index: SearchIndex, need: Need, *,
                 per_list: int = 10) -> NeedResults:
    """The need's best announced open licences and its best other patents, explained."""
    text = need_query(need)
    vector = need_vector(session, index, need.id) if need.id is not None else None
    open_page = match_need(index, text, filters={"declaration_status": [ANNOUNCED]},
                           per_page=per_list, query_vector=vector)
    open_ids = {hit.id for hit in open_page.hits}
    # Announced patents also rank among all patents; ask for enough to fill the list without them.
    all_page = match_need(index, text, per_page=min(per_list + len(open_ids), MAX_PER_PAGE),
                          query_vector=vector)
    other_hits = [hit for hit in all_page.hits if hit.id not in open_ids][:per_list]
    best_hits = [*all_page.hits[:1], *open_page.hits[:1]]
    best = max((hit.score for hit in best_hits if hit.score is not None), default=None)
    leaders = load_results(session, all_page.hits[:5])
    classes = field_classes([item.patent for item in leaders])
    return NeedResults(
        announced=load_results(session, open_page.hits, announced=open_ids, classes=classes),
        others=load_results(session, other_hits, classes=classes),
        best=best,
    )


def replace_matches(session: Session, need_id: int,
                    ranking: Sequence[tuple[int, float]]) -> set[int]:
    """Make the need's kept matches ``ranking`` (ranked in order; patents no longer in the
    database are skipped); return the patents kept before."""
    existing = {row.patent_id: row for row in session.exec(
        select(NeedMatch).where(NeedMatch.need_id == need_id))}
    wanted = [pid for pid, _ in ranking]
    present = set(session.exec(select(Patent.id).where(col(Patent.id).in_(wanted)))) \
        if wanted else set()
    now = utcnow()
    rank = 0
    kept: set[int] = set()
    for pid, score in ranking:
        if pid not in present:
            continue
        rank += 1
        kept.add(pid)
        row = existing.get(pid) or NeedMatch(need_id=need_id, patent_id=pid, rank=rank,
                                             score=score)
        row.rank, row.score, row.computed_at = rank, score, now
        session.add(row)
    for pid, row in existing.items():
        if pid not in kept:
            session.delete(row)
    session.flush()
    return set(existing)


def materialise(session: Session, index: SearchIndex, need: Need,
                settings: MatchSettings) -> tuple[list[tuple[int, float]], set[int]]:
    """Recompute the need's kept matches from scratch; return the new ranking and the patents
    kept before."""
    assert need.id is not None
    scores: dict[int, float] = {}
    if need.status is NeedStatus.OPEN:
        text = need_query(need)
        vector = need_vector(session, index, need.id)
        page_number = 1
        while len(scores) < settings.kept:
            page = match_need(index, text, page=page_number,
                              per_page=min(settings.kept, MAX_PER_PAGE), explain=False,
                              query_vector=vector)
            scores.update((int(hit.id), hit.score) for hit in page.hits
                          if hit.id.isdigit() and hit.score)
            if page_number >= page.pages:
                break
            page_number += 1
    ranking = rules.top_matches(scores, settings.kept)
    before = replace_matches(session, need.id, ranking)
    return ranking, before


def best_scores(session: Session, need_ids: Collection[int]) -> dict[int, float]:
    """Each need's best kept score (its 100 % of relevance), for the needs that have one."""
    if not need_ids:
        return {}
    return {match.need_id: match.score for match in session.exec(select(NeedMatch).where(
        col(NeedMatch.need_id).in_(sorted(need_ids)), NeedMatch.rank == 1))}


def reference_score(index: SearchIndex, query: str,
                    filters: Mapping[str, Sequence[str]]) -> float | None:
    """A saved search's reference of relevance: the best score in the whole register now."""
    best = index.search(query, filters=filters, per_page=1, facets=(), explain=False)
    return best.hits[0].score if best.hits else None


@dataclass(frozen=True)
class PatentNeed:
    """An active need that one patent matches, as its owner sees it."""

    need: Need
    rank: int
    relevance: int


def needs_for_patent(session: Session, patent_id: int, today: dt.date) -> list[PatentNeed]:
    """The active needs among whose kept matches the patent is, most relevant first."""
    rows = session.exec(
        select(NeedMatch, Need).join(Need, col(Need.id) == NeedMatch.need_id)
        .where(NeedMatch.patent_id == patent_id, Need.status == NeedStatus.OPEN,
               col(Need.valid_until) >= today)).all()
    best = best_scores(session, [need.id for _, need in rows if need.id is not None])
    found = [PatentNeed(need, match.rank, rules.relevance(match.score, best.get(match.need_id)))
             for match, need in rows]
    return sorted(found, key=lambda item: (-item.relevance, item.rank, item.need.id or 0))
