"""A need's matching patents: the explained lists of its page, and the kept top matches.

Every ranking of a need goes through ``marketplace.search.matching.match_need``, the one
matcher shared with the batch runs. The kept matches (``NeedMatch``) are rewritten whenever the
need is saved and kept in step with patent changes by ``alerts.handle_changed_patents``.
Relevance is the index's calibrated figure (``SearchHit.relevance``), labelled strong,
possible or weak by ``MATCH_STRONG_MIN`` and ``MATCH_POSSIBLE_MIN``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, insert
from sqlmodel import Session, col, select

from marketplace.db import utcnow
from marketplace.needs import rules
from marketplace.needs.models import Need, NeedMatch, NeedStatus
from marketplace.patents.models import Patent
from marketplace.search.embeddings import need_vector, query_vector
from marketplace.search.explain import ResultItem, field_classes, load_results
from marketplace.search.matching import match_need
from marketplace.search.services import ANNOUNCED
from search_index import MAX_PER_PAGE, SearchIndex
from search_index.embedding import Vectors

__all__ = [
    "Labelled",
    "MatchSettings",
    "NeedResults",
    "PatentNeed",
    "materialise",
    "need_query",
    "need_results",
    "needs_for_patent",
    "ranked_matches",
    "replace_matches",
]


@dataclass(frozen=True)
class MatchSettings:
    """The settings of matching, labels and alerts (``NEED_MATCHES_KEPT``, the label bands
    and the alert thresholds, all in % of calibrated relevance)."""

    kept: int = 50
    alert_min_relevance: int = 30
    patentee_min_relevance: int = 60
    strong_min: int = 60
    possible_min: int = 30

    @classmethod
    def from_config(cls, config: Mapping[str, Any]) -> MatchSettings:
        return cls(kept=int(config["NEED_MATCHES_KEPT"]),
                   alert_min_relevance=int(config["ALERT_MIN_RELEVANCE"]),
                   patentee_min_relevance=int(config["PATENTEE_ALERT_MIN_RELEVANCE"]),
                   strong_min=int(config["MATCH_STRONG_MIN"]),
                   possible_min=int(config["MATCH_POSSIBLE_MIN"]))

    def band(self, pct: int | None) -> rules.Band | None:
        return rules.band(pct, strong_min=self.strong_min, possible_min=self.possible_min)


@dataclass(frozen=True)
class Labelled:
    """A relevance as shown: the percentage and its label (``None`` when not ranked)."""

    pct: int | None
    band: rules.Band | None

    @classmethod
    def of(cls, relevance: float | None, settings: MatchSettings) -> Labelled:
        pct = rules.percent(relevance)
        return cls(pct, settings.band(pct))


def need_query(need: Need) -> str:
    return rules.need_text(need.title, need.description, need.industry,
                           need.technical_indicators)


@dataclass(frozen=True)
class NeedResults:
    """A need's page: the announced open licences that match strongly or possibly (weak ones
    are never offered as licences to take), then the other matches of the register (weak open
    licences and patents not offered under an open licence), each with its own label."""

    announced: list[ResultItem]
    others: list[ResultItem]
    settings: MatchSettings

    def relevance(self, item: ResultItem) -> Labelled:
        return Labelled.of(item.hit.relevance, self.settings)

    @property
    def strong(self) -> bool:
        """Whether any open licence matches strongly."""
        return any(self.relevance(item).band is rules.Band.STRONG for item in self.announced)


def need_results(session: Session, index: SearchIndex, need: Need, settings: MatchSettings,
                 *, per_list: int = 10) -> NeedResults:
    """The need's best announced open licences (strong and possible only) and its best other
    matches, explained."""
    text = need_query(need)
    vector = need_vector(session, index, need.id, text) if need.id is not None else None
    open_page = match_need(index, text, filters={"declaration_status": [ANNOUNCED]},
                           per_page=per_list, query_vector=vector)
    open_ids = {hit.id for hit in open_page.hits}
    offered = [hit for hit in open_page.hits
               if Labelled.of(hit.relevance, settings).band in (rules.Band.STRONG,
                                                                rules.Band.POSSIBLE)]
    offered_ids = {hit.id for hit in offered}
    # Announced patents also rank among all patents; ask for enough to fill the list without them.
    all_page = match_need(index, text, per_page=min(per_list + len(offered), MAX_PER_PAGE),
                          query_vector=vector)
    other_hits = [hit for hit in all_page.hits if hit.id not in offered_ids][:per_list]
    leaders = load_results(session, all_page.hits[:5])
    classes = field_classes([item.patent for item in leaders])
    query = query_vector(index, vector)
    return NeedResults(
        announced=load_results(session, offered, announced=open_ids, classes=classes,
                               query=query),
        others=load_results(session, other_hits, announced=open_ids, classes=classes,
                            query=query),
        settings=settings,
    )


def replace_matches(session: Session, need_id: int,
                    ranking: Sequence[tuple[int, rules.Match]]) -> set[int]:
    """Make the need's kept matches ``ranking`` (ranked in order; patents no longer in the
    database are skipped); return the patents kept before. Two statements whatever the
    number of matches (a delete and one multi-row insert), not an object per match."""
    before = set(session.exec(select(NeedMatch.patent_id).where(NeedMatch.need_id == need_id)))
    wanted = [pid for pid, _ in ranking]
    present = set(session.exec(select(Patent.id).where(col(Patent.id).in_(wanted)))) \
        if wanted else set()
    now = utcnow()
    rows = [{"need_id": need_id, "patent_id": pid, "rank": rank, "score": match.score,
             "relevance": match.relevance, "computed_at": now}
            for rank, (pid, match) in enumerate(
                ((pid, match) for pid, match in ranking if pid in present), start=1)]
    session.execute(delete(NeedMatch).where(col(NeedMatch.need_id) == need_id))
    if rows:
        session.execute(insert(NeedMatch), rows)
    return before


def ranked_matches(index: SearchIndex, text: str, vector: Vectors | None,
                   kept: int) -> list[tuple[int, rules.Match]]:
    """The ``kept`` best matches of a need's ``text`` (and its ``vector``), from the index
    alone: callers rank before their write transaction begins, so a database writer never waits
    for a search."""
    matches: dict[int, rules.Match] = {}
    page_number = 1
    while len(matches) < kept:
        page = match_need(index, text, page=page_number, per_page=min(kept, MAX_PER_PAGE),
                          explain=False, query_vector=vector)
        matches.update((int(hit.id), rules.Match(hit.score, hit.relevance or 0.0))
                       for hit in page.hits if hit.id.isdigit() and hit.score)
        if page_number >= page.pages:
            break
        page_number += 1
    return rules.top_matches(matches, kept)


def materialise(session: Session, index: SearchIndex, need: Need,
                settings: MatchSettings) -> tuple[list[tuple[int, rules.Match]], set[int]]:
    """Recompute the need's kept matches from scratch; return the new ranking and the patents
    kept before."""
    assert need.id is not None
    text = need_query(need)
    ranking = (ranked_matches(index, text, need_vector(session, index, need.id, text),
                              settings.kept)
               if need.status is NeedStatus.OPEN else [])
    before = replace_matches(session, need.id, ranking)
    return ranking, before


@dataclass(frozen=True)
class PatentNeed:
    """An active need that one patent matches, as its owner sees it."""

    need: Need
    rank: int
    relevance: Labelled


def needs_for_patent(session: Session, patent_id: int, today: dt.date,
                     settings: MatchSettings) -> list[PatentNeed]:
    """The active needs among whose kept matches the patent is, most relevant first (a match
    kept before relevance was calibrated shows no figure until the next refresh)."""
    rows = session.exec(
        select(NeedMatch, Need).join(Need, col(Need.id) == NeedMatch.need_id)
        .where(NeedMatch.patent_id == patent_id, Need.status == NeedStatus.OPEN,
               col(Need.valid_until) >= today)).all()
    found = [PatentNeed(need, match.rank, Labelled.of(match.relevance, settings))
             for match, need in rows]
    return sorted(found, key=lambda item: (-(item.relevance.pct or 0), item.rank,
                                           item.need.id or 0))
