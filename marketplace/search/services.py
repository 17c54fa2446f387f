"""Searching the register: who may search what, and results loaded from the database.

The public searches announced open-licence declarations only (the register); logged-in users
search every patent, or open licences only when they ask. The restriction is added here, after
the user's filters, so that no parameter can lift it.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Final

from sqlmodel import Session

from marketplace.accounts.models import User
from marketplace.search.embeddings import query_vector
from marketplace.search.explain import ResultItem, load_results
from search_index import SearchIndex, SearchPage, SortKey

__all__ = [
    "ANNOUNCED",
    "MAX_FILTER_VALUES",
    "SEARCH_FACETS",
    "SORT_KEYS",
    "SearchCriteria",
    "SearchResults",
    "announced_among",
    "effective_filters",
    "search_patents",
]

# The index's declaration status of an announced open licence.
ANNOUNCED: Final = "announced"
# What users filter by and see counted, in display order.
SEARCH_FACETS: Final = ("kind", "ipc", "fee_method", "patentee", "region", "filing_year")
SORT_KEYS: Final[tuple[SortKey, ...]] = ("relevance", "date", "fee", "filing_year")
MAX_FILTER_VALUES: Final = 20
MAX_FILTER_VALUE_CHARS: Final = 200


@dataclass(frozen=True)
class SearchCriteria:
    """A search as the user asked for it (already within bounds)."""

    q: str = ""
    filters: Mapping[str, Sequence[str]] = field(default_factory=dict)
    open_only: bool = False
    sort: SortKey = "relevance"
    page: int = 1
    per_page: int = 20


@dataclass(frozen=True)
class SearchResults:
    criteria: SearchCriteria
    page: SearchPage
    items: list[ResultItem]
    open_only: bool

    @property
    def pages(self) -> int:
        return self.page.pages


def clean_filters(filters: Mapping[str, Sequence[str]]) -> dict[str, list[str]]:
    """Only the facets users may filter by, each with a bounded number of bounded values."""
    cleaned: dict[str, list[str]] = {}
    for name in SEARCH_FACETS:
        values = [str(v)[:MAX_FILTER_VALUE_CHARS] for v in filters.get(name, ()) if str(v)]
        if values:
            cleaned[name] = list(dict.fromkeys(values))[:MAX_FILTER_VALUES]
    return cleaned


def effective_filters(filters: Mapping[str, Sequence[str]], *, logged_in: bool,
                      open_only: bool) -> dict[str, list[str]]:
    """The filters the index applies: the user's, plus announced declarations only for the
    public (always) and for logged-in users who ask for open licences only."""
    applied = clean_filters(filters)
    if not logged_in or open_only:
        applied["declaration_status"] = [ANNOUNCED]
    return applied


def announced_among(index: SearchIndex, ids: Collection[str]) -> set[str]:
    """Which of these indexed patents are announced open licences."""
    return set(index.scores("", ids=ids, filters={"declaration_status": [ANNOUNCED]}))


def search_patents(session: Session, index: SearchIndex, *, actor: User | None,
                   criteria: SearchCriteria) -> SearchResults:
    """One page of the register for ``actor`` (``None``: the public), with facet counts."""
    open_only = actor is None or criteria.open_only
    page = index.search(
        criteria.q,
        filters=effective_filters(criteria.filters, logged_in=actor is not None,
                                  open_only=criteria.open_only),
        sort=criteria.sort,
        page=criteria.page,
        per_page=criteria.per_page,
        facets=SEARCH_FACETS,
    )
    ids = [hit.id for hit in page.hits]
    announced = set(ids) if open_only else announced_among(index, ids)
    # No "class of the best matches" here: a few search words do not make a technical field.
    return SearchResults(criteria=criteria, page=page,
                         items=load_results(session, page.hits, announced=announced,
                                            classes=frozenset(),
                                            query=query_vector(index, page.query_vector)),
                         open_only=open_only)
