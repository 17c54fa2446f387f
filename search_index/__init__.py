"""Framework-free full-text search for patents: Chinese and English text, IPC codes, facets.

The app converts its rows into :class:`PatentDocument` values and talks to :class:`SearchIndex`;
nothing here knows about Flask or the database, so the adapter can be replaced wholesale.
"""

from .documents import PatentDocument, PatentKind
from .index import DEFAULT_FACETS, MAX_PER_PAGE, IndexBusy, SearchIndex
from .query import build_filter, build_query
from .results import FacetValue, MatchedTerm, SearchHit, SearchPage
from .schema import FACETS, SortKey

__all__ = [
    "DEFAULT_FACETS",
    "FACETS",
    "MAX_PER_PAGE",
    "FacetValue",
    "IndexBusy",
    "MatchedTerm",
    "PatentDocument",
    "PatentKind",
    "SearchHit",
    "SearchIndex",
    "SearchPage",
    "SortKey",
    "build_filter",
    "build_query",
]
