"""Need matching: one ranking for the need page, alerts and ``marketplace match``.

Every caller that turns a technology need into ranked patents goes through :func:`match_need`,
so the batch run measured by ``scripts/eval_search.py`` is exactly what users see.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from search_index import SearchIndex, SearchPage


def match_need(index: SearchIndex, text: str, *,
               filters: Mapping[str, Sequence[str]] | None = None,
               page: int = 1, per_page: int = 10) -> SearchPage:
    """Patents that answer ``text`` (a need in plain words, any language), best first."""
    return index.search(text, filters=filters, sort="relevance", page=page,
                        per_page=per_page)
