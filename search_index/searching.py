"""Run one search against an open whoosh searcher and shape the result page."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from whoosh import query as wq
from whoosh import sorting

from .query import build_filter, build_query
from .results import FacetValue, Highlighter, MatchedTerm, SearchHit, SearchPage
from .schema import FACETS, SORTS, TEXT_FIELD_WEIGHTS, SortKey

__all__ = ["run_search"]

# Browsing (blank query) has no relevance to rank by, so it shows the newest first.
_BROWSE_SORT = "date"


def _sort_facet(sort: SortKey, query: Any) -> Any | None:
    if sort == "relevance" and not isinstance(query, wq.Every):
        return None
    column, descending = SORTS.get(sort, SORTS[_BROWSE_SORT])
    return sorting.FieldFacet(column, reverse=descending)


def _facet_value(value: Any) -> FacetValue | None:
    """Convert a whoosh group key to a facet value; ``None`` for a document without a value."""
    if isinstance(value, bytes):  # list columns return raw bytes
        value = value.decode("utf-8")
    if isinstance(value, int):
        # Numeric columns read missing values as their default (0 or far below it).
        return value if value > 0 else None
    return value or None


def _facet_counts(
    searcher: Any,
    query: Any,
    filters: Mapping[str, Sequence[str]] | None,
    names: Sequence[str],
    limit: int,
) -> dict[str, list[tuple[FacetValue, int]]]:
    """Count facet values over the matches of ``query`` and every filter but the facet's own."""
    active = {name for name, values in (filters or {}).items() if values}
    # Facets without a filter of their own share one pass over the matches; each filtered
    # facet needs a pass that leaves its own filter out.
    passes: dict[str | None, list[str]] = {}
    for name in names:
        passes.setdefault(name if name in active else None, []).append(name)
    counts: dict[str, list[tuple[FacetValue, int]]] = {}
    for ignore, group in passes.items():
        results = searcher.search(
            query,
            filter=build_filter(filters, ignore=ignore),
            limit=None,
            scored=False,
            groupedby={
                name: sorting.FieldFacet(FACETS[name].field, allow_overlap=FACETS[name].multi)
                for name in group
            },
            maptype=sorting.Count,
        )
        for name in group:
            values: dict[FacetValue, int] = {}
            for key, count in results.groups(name).items():
                value = _facet_value(key)
                if value is not None:
                    values[value] = count
            ranked = sorted(values.items(), key=lambda item: (-item[1], str(item[0])))
            counts[name] = ranked[:limit]
    return counts


def _hit(hit: Any, ranked: bool, highlighter: Highlighter) -> SearchHit:
    matched = frozenset(
        MatchedTerm(field, term.decode("utf-8")) for field, term in hit.matched_terms()
    )
    fields = {match.field for match in matched}
    highlights = {
        field: highlighter(hit, field) for field in TEXT_FIELD_WEIGHTS if field in fields
    }
    return SearchHit(
        id=hit["id"],
        score=float(hit.score) if ranked else None,
        highlights=highlights,
        matched_terms=matched,
    )


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
) -> SearchPage:
    """Search ``searcher`` and return the requested page (arguments already validated)."""
    query = build_query(text, searcher)
    sortedby = _sort_facet(sort, query)
    results = searcher.search(
        query,
        filter=build_filter(filters),
        limit=page * per_page,
        sortedby=sortedby,
        terms=True,
    )
    highlighter = Highlighter()
    return SearchPage(
        total=len(results),
        page=page,
        per_page=per_page,
        hits=[_hit(hit, sortedby is None, highlighter) for hit in results[(page - 1) * per_page :]],
        facets=_facet_counts(searcher, query, filters, facets, facet_limit) if facets else {},
    )
