"""Need matching: one ranking for the need page, alerts and ``marketplace match``.

Every caller that turns a technology need into ranked patents goes through :func:`match_need`,
so the batch run measured by ``scripts/eval_search.py`` is exactly what users see. The ranking
itself (BM25F over title, abstract, claim and the declaration's fields, the bilingual lexicon,
pseudo-relevance feedback with IPC subclasses) lives in ``search_index``; see
``search_index/scoring.py``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from search_index import SearchIndex, SearchPage
from search_index.embedding import Vectors
from search_index.searching import Ranking


def match_need(index: SearchIndex, text: str, *,
               filters: Mapping[str, Sequence[str]] | None = None,
               page: int = 1, per_page: int = 10, explain: bool = True,
               query_vector: Vectors | None = None, ranking: Ranking = "fused") -> SearchPage:
    """Patents that answer ``text`` (a need in plain words, any language), best first.

    Each hit says why it matched (terms, fields, shared IPC levels, highlighted snippets)
    unless ``explain`` is off (for callers that keep only ids and scores); no facets are
    counted. With the dense side on, the ranking fuses BM25F with the cosine of the need's
    vector (``query_vector``, the need's stored one; else ``text`` is embedded) and the
    patents' (``ranking`` ``"lexical"`` or ``"dense"`` for one side alone).
    """
    return index.search(text, filters=filters, sort="relevance", page=page,
                        per_page=per_page, facets=(), explain=explain,
                        query_vector=query_vector, ranking=ranking)


def ranked_ids(index: SearchIndex, text: str, *, count: int,
               query_vector: Vectors | None = None, ranking: Ranking = "fused"
               ) -> list[tuple[str, float | None]]:
    """The ids and scores of :func:`match_need`'s first ``count`` hits, in order, read at once
    without building the hits: what a batch run keeps of each need."""
    return index.ranked(text, count=count, query_vector=query_vector, ranking=ranking)
