"""Framework-free full-text search for patents: Chinese and English text, IPC codes, facets.

The app converts its rows into :class:`PatentDocument` values and talks to :class:`SearchIndex`;
nothing here knows about Flask or the database, so the adapter can be replaced wholesale::

    index = SearchIndex("/var/lib/kaifang/search")
    index.open_or_create()
    index.upsert(documents)            # raises IndexBusy while another writer is active
    page = index.search("杀青 设备", filters={"kind": ["invention"]}, sort="relevance")
    for hit in page.hits:
        print(hit.id, hit.highlights.get("title"), hit.matched_fields, hit.shared_ipc)

Whoosh stores the index (analysis, postings, stored fields, columns, one writer at a time);
ranking reads its postings into numpy arrays and scores them in bulk: BM25F over the text
fields, a bilingual lexicon, and pseudo-relevance feedback (``scoring.py``).

Changing the schema or the analysis (e.g. the stop words) takes effect for documents indexed
afterwards; run :meth:`SearchIndex.rebuild` to re-index everything.
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
