"""Run one search against an open whoosh searcher and shape the result page."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from typing import Any

from whoosh import query as wq
from whoosh import sorting

from .explain import Highlighter, Span, find_matches
from .query import build_filter, build_query
from .results import FacetValue, MatchedTerm, SearchHit, SearchPage
from .schema import FACETS, ID_FIELD, SORTS, TEXT_FIELD_WEIGHTS, SortKey

__all__ = ["run_search"]

# Browsing (blank query) has no relevance to rank by, so it shows the newest first.
_BROWSE_SORT = "date"


def _sort_facet(sort: SortKey, query: Any) -> Any | None:
    if sort == "relevance" and not isinstance(query, wq.Every):
        return None
    column, descending = SORTS.get(sort, SORTS[_BROWSE_SORT])
    return sorting.FieldFacet(column, reverse=descending)


def _grouping(names: Sequence[str]) -> dict[str, Any] | None:
    facets = {
        name: sorting.FieldFacet(FACETS[name].field, allow_overlap=FACETS[name].multi)
        for name in names
    }
    return facets or None


def _facet_value(value: Any) -> FacetValue | None:
    """Convert a whoosh group key to a facet value; ``None`` for a document without a value."""
    if isinstance(value, bytes):  # list columns return raw bytes
        value = value.decode("utf-8")
    if isinstance(value, int):
        # Numeric columns read missing values as their default (0 or far below it).
        return value if value > 0 else None
    return value or None


def _counts(results: Any, name: str, limit: int) -> list[tuple[FacetValue, int]]:
    """The ``limit`` most frequent values of facet ``name`` in grouped ``results``."""
    values: dict[FacetValue, int] = {}
    for key, count in results.groups(name).items():
        value = _facet_value(key)
        if value is not None:
            values[value] = count
    return sorted(values.items(), key=lambda item: (-item[1], str(item[0])))[:limit]


def _hit(
    hit: Any, matches: dict[MatchedTerm, list[Span]], ranked: bool, highlighter: Highlighter
) -> SearchHit:
    stored = hit.fields()
    highlights = {}
    for field in TEXT_FIELD_WEIGHTS:
        spans = [span for term, found in matches.items() if term.field == field for span in found]
        if spans:
            highlights[field] = highlighter(field, stored[field], spans)
    return SearchHit(
        id=stored["id"],
        score=float(hit.score) if ranked else None,
        highlights=highlights,
        matched_terms=frozenset(matches),
    )


def _restrict(query: Any, ids: Collection[str]) -> Any:
    """``query`` over the documents with these ids only, scored by ``query`` alone; the id
    terms drive the matcher, which skips straight to them."""
    if not ids:
        return wq.NullQuery
    return wq.Require(query, wq.Or([wq.Term(ID_FIELD, doc_id) for doc_id in sorted(set(ids))]))


def run_search(
    searcher: Any,
    text: str,
    *,
    filters: Mapping[str, Sequence[str]] | None,
    sort: SortKey,
    page: int,
    per_page: int,
    facets: Sequence[str],
    facet_limit: int,
    ids: Collection[str] | None = None,
) -> SearchPage:
    """Search ``searcher`` and return the requested page (arguments already validated).

    Facets without a filter of their own are counted in the main pass; each filtered facet
    needs a pass of its own that leaves its filter out. ``ids`` restricts the search to those
    documents.
    """
    query = build_query(text, searcher)
    sortedby = _sort_facet(sort, query)
    searched = query if ids is None else _restrict(query, ids)
    filtered = {name for name, values in (filters or {}).items() if values}
    shared = [name for name in facets if name not in filtered]
    # Every match is scored (limit=None): the preloaded OR scores all postings anyway, so
    # whoosh's top-N pruning would only add overhead, and the total comes out exact.
    results = searcher.search(
        searched,
        filter=build_filter(filters),
        limit=None,
        sortedby=sortedby,
        groupedby=_grouping(shared),
        maptype=sorting.Count,
    )
    counts = {name: _counts(results, name, facet_limit) for name in shared}
    for name in facets:
        if name in filtered:
            alternatives = searcher.search(
                searched,
                filter=build_filter(filters, ignore=name),
                limit=None,
                scored=False,
                groupedby=_grouping([name]),
                maptype=sorting.Count,
            )
            counts[name] = _counts(alternatives, name, facet_limit)

    hits = results[(page - 1) * per_page : page * per_page]
    matches = find_matches(searcher, query, (hit.docnum for hit in hits))
    highlighter = Highlighter()
    ranked = sortedby is None
    return SearchPage(
        total=len(results),
        page=page,
        per_page=per_page,
        hits=[_hit(hit, matches[hit.docnum], ranked, highlighter) for hit in hits],
        facets={name: counts[name] for name in facets},
    )
