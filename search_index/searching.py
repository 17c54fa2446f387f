"""Run one search against a snapshot and shape the result page."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from typing import Any, Final

import numpy as np
from numpy.typing import NDArray

from .calibration import relevance
from .coverage import coverage
from .explain import Highlighter, find_matches, find_spans
from .query import WeightedQuery, build_filter, build_query
from .results import FacetValue, MatchedTerm, SearchHit, SearchPage
from .schema import ID_FIELD, IPC_FIELD, SORTS, TEXT_FIELD_WEIGHTS, SortKey
from .scoring import Scoring, best_first
from .snapshot import Snapshot
from .stopwords import is_informative

__all__ = ["hits_for_ids", "run_search"]

Ints = NDArray[np.int64]
Mask = NDArray[np.bool_]

# Browsing (blank query) has no relevance to rank by, so it shows the newest first.
_BROWSE_SORT: Final = "date"


def _facet_value(value: Any) -> FacetValue | None:
    """A facet value as shown; ``None`` for a value that stands for "missing"."""
    if isinstance(value, bytes):
        value = value.decode("utf-8")
    if isinstance(value, int):
        return value if value > 0 else None
    return value or None


def _counts(
    snapshot: Snapshot, name: str, mask: Mask, limit: int
) -> list[tuple[FacetValue, int]]:
    """The ``limit`` most frequent values of facet ``name`` among the documents in ``mask``."""
    table = snapshot.facet_table(name)
    if not len(table.docs):
        return []
    counts = np.bincount(table.codes[mask[table.docs]], minlength=len(table.values))
    values: dict[FacetValue, int] = {}
    for code in np.flatnonzero(counts).tolist():
        value = _facet_value(table.values[code])
        if value is not None:
            values[value] = values.get(value, 0) + int(counts[code])
    return sorted(values.items(), key=lambda item: (-item[1], str(item[0])))[:limit]


def _sorted_by_column(snapshot: Snapshot, sort: str, docs: Ints, count: int) -> Ints:
    column, descending = SORTS.get(sort, SORTS[_BROWSE_SORT])
    # As floats, so that negating the missing value (the smallest integer) cannot overflow.
    keys = snapshot.sort_key(column)[docs].astype(np.float64)
    order = np.lexsort((docs, -keys if descending else keys))
    result: Ints = docs[order[:count]]
    return result


def _hit(
    snapshot: Snapshot,
    query: WeightedQuery,
    docnum: int,
    score: float | None,
    covered: float | None,
    matches: set[MatchedTerm],
    highlighter: Highlighter | None,
) -> SearchHit:
    """The hit for ``docnum``; without a ``highlighter``, unexplained (scores only).

    Only informative terms (no stop words, boilerplate, numbers or single characters) are
    shown as evidence; the lexicon pairs are those whose every term the document holds.
    """
    stored = snapshot.stored(docnum)
    held = {match.term for match in matches}
    pairs = tuple(dict.fromkeys(group.pair for group in query.groups
                                if group.pair[0] and held.issuperset(group.terms)))
    evidence = {match for match in matches
                if match.field == IPC_FIELD or is_informative(match.term)}
    highlights = {}
    for field in TEXT_FIELD_WEIGHTS if highlighter is not None else ():
        terms = {match.term for match in evidence if match.field == field}
        text = stored.get(field) or ""
        spans = find_spans(text, terms) if terms else []
        if spans:
            assert highlighter is not None
            highlights[field] = highlighter(field, text, spans)
    calibrated = relevance(covered) if score is not None and covered is not None else None
    return SearchHit(id=stored["id"], score=score, highlights=highlights,
                     matched_terms=frozenset(evidence), coverage=covered,
                     relevance=calibrated, term_pairs=pairs)


def _id_mask(snapshot: Snapshot, ids: Collection[str]) -> Mask:
    """The live documents whose id is one of ``ids``."""
    mask = np.zeros(snapshot.size, dtype=np.bool_)
    for doc_id in set(ids):
        postings = snapshot.postings(ID_FIELD, doc_id)
        if postings is not None:
            mask[postings[0]] = True
    return mask & snapshot.live


def _matching(
    scoring: Scoring, query: WeightedQuery, ranked: bool
) -> tuple[Mask, NDArray[np.float64] | None]:
    """The documents that match ``query``, and their scores when ranked by relevance."""
    snapshot = scoring.snapshot
    if query.browse:
        return snapshot.live.copy(), None
    if query.is_empty():
        return np.zeros(snapshot.size, dtype=np.bool_), None
    first = scoring.first_pass(query)
    matched = first > 0
    return matched, scoring.with_feedback(query, first) if ranked else None


def run_search(
    snapshot: Snapshot,
    text: str,
    *,
    filters: Mapping[str, Sequence[str]] | None,
    sort: SortKey,
    page: int,
    per_page: int,
    facets: Sequence[str],
    facet_limit: int,
    ids: Collection[str] | None = None,
    explain: bool = True,
) -> SearchPage:
    """Search ``snapshot`` and return the requested page (arguments already validated).

    ``ids`` keeps only those documents, scored exactly as in the unrestricted search.
    Without ``explain`` the hits carry no matched terms or highlights (same scores and order).

    Relevance ranks by BM25F with feedback (``scoring.py``); blank text browses newest first.
    Each facet is counted over the documents matching the query and every filter but its own.
    """
    query = build_query(text, snapshot)
    scoring = Scoring(snapshot)
    matched, scores = _matching(scoring, query, sort == "relevance")
    if ids is not None:
        matched &= _id_mask(snapshot, ids)
    selected = matched & snapshot.filter_mask(build_filter(filters))
    docs = np.flatnonzero(selected)
    wanted = page * per_page
    if scores is not None:
        ordered = best_first(scores, docs, wanted)
    else:
        ordered = _sorted_by_column(snapshot, sort, docs, wanted)
    page_docs = ordered[(page - 1) * per_page : wanted].tolist()
    hits = _hits(snapshot, scoring, query, page_docs, scores, explain)
    counts = {}
    for name in facets:
        if filters and filters.get(name):
            others = matched & snapshot.filter_mask(build_filter(filters, ignore=name))
        else:
            others = selected
        counts[name] = _counts(snapshot, name, others, facet_limit)
    return SearchPage(total=len(docs), page=page, per_page=per_page, hits=hits, facets=counts)


def _hits(
    snapshot: Snapshot,
    scoring: Scoring,
    query: WeightedQuery,
    docnums: list[int],
    scores: NDArray[np.float64] | None,
    explain: bool,
) -> list[SearchHit]:
    """The hits of ``docnums`` in that order, with coverage and calibrated relevance when
    ranked; explained (terms, highlights, lexicon pairs) if ``explain``."""
    matches = find_matches(snapshot, query, docnums) if explain else {}
    covered = coverage(scoring, query, docnums) if scores is not None else {}
    highlighter = Highlighter() if explain else None
    return [
        _hit(snapshot, query, docnum, float(scores[docnum]) if scores is not None else None,
             covered.get(docnum), matches.get(docnum, set()), highlighter)
        for docnum in docnums
    ]


def hits_for_ids(
    snapshot: Snapshot,
    text: str,
    *,
    filters: Mapping[str, Sequence[str]] | None,
    ids: Collection[str],
) -> dict[str, SearchHit]:
    """The unexplained hits (score, coverage, calibrated relevance) of those of ``ids`` that
    match ``text`` and ``filters``, scored exactly as ``run_search`` ranks them (scores
    ``None`` under blank text, which browses), in one pass however many ids there are."""
    query = build_query(text, snapshot)
    scoring = Scoring(snapshot)
    matched, scores = _matching(scoring, query, True)
    selected = matched & _id_mask(snapshot, ids) & snapshot.filter_mask(build_filter(filters))
    hits = _hits(snapshot, scoring, query, np.flatnonzero(selected).tolist(), scores, False)
    return {hit.id: hit for hit in hits}
