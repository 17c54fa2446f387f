"""What a search returns: a page of hits that explain themselves, plus facet counts."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import NamedTuple

from .embedding import Vectors
from .schema import IPC_FIELD

__all__ = ["FacetValue", "MatchedTerm", "SearchHit", "SearchPage"]

FacetValue = str | int


class MatchedTerm(NamedTuple):
    """One index term that a hit matched, and the field it matched in.

    Terms are as indexed: lower-cased and stemmed words (``batteri``), Chinese words, or IPC
    levels (``C02F``, ``C02F3/28``) in the ``ipc`` field.
    """

    field: str
    term: str


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One matching document and why it matched.

    ``score`` is the relevance score when ranked by relevance, ``None`` under another sort.
    ``highlights`` maps each free-text field with a match to an HTML snippet: the source text
    escaped, matches wrapped in ``<mark>``; fields without a match are absent.

    ``score`` ranks and means nothing across queries; ``relevance`` does: a calibrated,
    probability-like figure in [0, 1] (``calibration.py``) from ``coverage`` (the idf-weighted
    share of the query's informative terms found in the patent, 0..1) and, when the dense
    side is on, ``dense_margin``: ``dense_similarity`` (the cosine of the query's and the
    patent's vectors) minus the query's median cosine over the index's patents.
    All three are ``None`` for a blank query (browsing ranks nothing). ``term_pairs`` are the
    lexicon's pairs that carried the match across words or languages (``sludge``, ``污泥``).
    ``dense_similarity`` and ``dense_margin`` are ``None`` when the dense side is off or the
    patent has no vector yet.
    """

    id: str
    score: float | None
    highlights: Mapping[str, str]
    matched_terms: frozenset[MatchedTerm]
    dense_similarity: float | None = None
    dense_margin: float | None = None
    coverage: float | None = None
    relevance: float | None = None
    term_pairs: tuple[tuple[str, str], ...] = ()

    @property
    def matched_fields(self) -> frozenset[str]:
        """The fields in which any query term matched."""
        return frozenset(match.field for match in self.matched_terms)

    @property
    def shared_ipc(self) -> frozenset[str]:
        """The IPC levels (e.g. ``C02F``, ``C02F3/28``) shared with the query."""
        return frozenset(match.term for match in self.matched_terms if match.field == IPC_FIELD)


@dataclass(frozen=True, slots=True)
class SearchPage:
    """One page of results.

    ``total`` counts all matching documents; ``facets`` maps each requested facet to
    ``(value, count)`` pairs, most frequent first, counted over the documents matching the query
    and every filter except the facet's own (so a filtered facet still shows its alternatives).
    ``query_vector`` is the query's vector when the dense side is on (``None`` otherwise), so
    that explanations compare the hits' sentences with it without embedding the query again.
    ``with_words`` counts those of ``total`` holding the query's words or their equivalents
    (the others were matched in meaning only); ``None`` when browsing, without words.
    """

    total: int
    page: int
    per_page: int
    hits: list[SearchHit] = field(default_factory=list)
    facets: dict[str, list[tuple[FacetValue, int]]] = field(default_factory=dict)
    query_vector: Vectors | None = None
    with_words: int | None = None

    @property
    def pages(self) -> int:
        """The number of pages needed to show every match (0 when nothing matched)."""
        return math.ceil(self.total / self.per_page)
