"""Turn user input into whoosh query objects without ever invoking whoosh's query parser.

Any string is a valid query: it is analysed with the same analyzer as the documents, so
operators, quotes, brackets and wildcards are just characters that produce no terms.
"""

from __future__ import annotations

import math
import unicodedata
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any, Final

from whoosh import query as wq

from .analysis import MIXED_ANALYZER, find_ipc_codes, ipc_terms
from .schema import FACETS, IPC_FIELD, IPC_WEIGHT, TEXT_FIELD_WEIGHTS

__all__ = ["LONG_QUERY_TERMS", "MAX_QUERY_CHARS", "build_filter", "build_query"]

# Longer input is cut off: a technology need is a few thousand characters at most, and the cap
# bounds the analysis cost of hostile input.
MAX_QUERY_CHARS: Final = 10_000
# Queries with more distinct terms than this keep only their most informative ones...
LONG_QUERY_TERMS: Final = 30
# ...judged by their document frequency in the fields that carry a patent's vocabulary (more
# fields would make pasted essays slower to weigh for little difference).
_DF_FIELDS: Final = ("title", "abstract")
# Adjacent query words are also searched as a phrase (allowing one stop word in between) in
# these fields, so documents containing the words together rank first.
_PHRASE_FIELDS: Final = ("title", "abstract")
_PHRASE_SLOP: Final = 2
_PHRASE_MAX_WORDS: Final = 8
# Each broader IPC level of a code in the query counts this much less than the level below it.
_IPC_LEVEL_DECAY: Final = 0.5
_IPC_SUBCLASS_LEVEL: Final = 2


def _analyse(text: str) -> tuple[Counter[str], list[str]]:
    """Return the term frequencies of ``text`` and its words in order, one per position.

    At a position holding a search-mode word and its sub-words, the longest one is the word.
    """
    frequencies: Counter[str] = Counter()
    longest: dict[int, tuple[int, str]] = {}
    for token in MIXED_ANALYZER(text, positions=True, chars=True, mode="query"):
        frequencies[token.text] += 1
        span = token.endchar - token.startchar
        if span > longest.get(token.pos, (-1, ""))[0]:
            longest[token.pos] = (span, token.text)
    return frequencies, [longest[pos][1] for pos in sorted(longest)]


def _informative(frequencies: Counter[str], searcher: Any, limit: int) -> dict[str, float]:
    """Weight each term by TF×IDF against the index and keep the ``limit`` best, scaled to ≤ 1.

    Terms in no title or abstract are dropped: they can hardly match.
    """
    total = max(searcher.doc_count(), 1)
    scores: dict[str, float] = {}
    for term, tf in frequencies.items():
        df = max(searcher.doc_frequency(field, term) for field in _DF_FIELDS)
        if df:
            scores[term] = tf * math.log(1 + (total - df + 0.5) / (df + 0.5))
    best = sorted(scores.items(), key=lambda item: (-item[1], item[0]))[:limit]
    top = best[0][1] if best else 1.0
    return {term: score / top for term, score in best}


def _ipc_clauses(codes: list[tuple[str, ...]]) -> list[Any]:
    clauses = []
    for levels in codes:
        boost = IPC_WEIGHT
        for term in reversed(levels[_IPC_SUBCLASS_LEVEL:]):
            clauses.append(wq.Term(IPC_FIELD, term, boost=boost))
            boost *= _IPC_LEVEL_DECAY
    return clauses


def build_query(text: str, searcher: Any, *, max_terms: int = LONG_QUERY_TERMS) -> Any:
    """Build the whoosh query for user ``text``; never raises on any input.

    - Blank text matches every document (browsing).
    - IPC codes in the text (``C02F 3/28``, ``c02f3/28``, ``C02F``) search the IPC field, with
      broader levels of the code at lower weight, and are not searched as words.
    - Every other term is searched in each free-text field, boosted by the field's weight; the
      query's words in order are also searched as a phrase in title and abstract.
    - With more than ``max_terms`` distinct terms (a pasted technology need), only the
      ``max_terms`` most informative are kept, weighted by TF×IDF using ``searcher``'s
      document frequencies, and no phrase is added.
    - Text with nothing searchable in it (punctuation, emoji, stop words) matches nothing.
    """
    text = unicodedata.normalize("NFKC", text[:MAX_QUERY_CHARS])
    if not text.strip():
        return wq.Every()
    codes, words_text = find_ipc_codes(text)
    frequencies, words = _analyse(words_text)
    if len(frequencies) > max_terms:
        weights = _informative(frequencies, searcher, max_terms)
    else:
        weights = dict.fromkeys(frequencies, 1.0)
    clauses = _ipc_clauses(codes)
    for term, weight in weights.items():
        for field, field_weight in TEXT_FIELD_WEIGHTS.items():
            clauses.append(wq.Term(field, term, boost=field_weight * weight))
    if len(frequencies) <= max_terms and 2 <= len(words) <= _PHRASE_MAX_WORDS:
        for field in _PHRASE_FIELDS:
            phrase = wq.Phrase(field, words, slop=_PHRASE_SLOP, boost=TEXT_FIELD_WEIGHTS[field])
            clauses.append(phrase)
    # The preloaded OR adds up every clause's scores in an array: with tens to hundreds of
    # clauses it is several times faster than whoosh's default tree of union matchers.
    return wq.PreloadedOr(clauses) if clauses else wq.NullQuery


def _value_query(field: str, numeric: bool, value: str) -> Any:
    if field == IPC_FIELD:
        levels = ipc_terms(value)
        return wq.Term(IPC_FIELD, levels[-1]) if levels else wq.NullQuery
    if numeric:
        try:
            return wq.Term(field, int(value))
        except ValueError:
            return wq.NullQuery
    return wq.Term(field, value)


def build_filter(
    filters: Mapping[str, Sequence[str]] | None, *, ignore: str | None = None
) -> Any | None:
    """Build the whoosh filter for facet ``filters``, or ``None`` when nothing is filtered.

    Values of one facet are alternatives (OR); different facets must all hold (AND). A facet
    with no values does not filter. Values that cannot occur (a non-numeric year, a malformed
    IPC code) match nothing rather than raise. ``ignore`` leaves one facet out, for counting
    that facet's alternatives. The ``ipc`` filter accepts a code at any level (``C02F``,
    ``C02F 3/28``). Raises ``ValueError`` for a name that is not in ``schema.FACETS``.
    """
    clauses = []
    for name, values in (filters or {}).items():
        facet = FACETS.get(name)
        if facet is None:
            raise ValueError(f"unknown filter {name!r}; expected one of {sorted(FACETS)}")
        if name == ignore or not values:
            continue
        if isinstance(values, str):  # a bare string is one value, not a sequence of characters
            values = (values,)
        field = facet.filter_field or facet.field
        clauses.append(wq.Or([_value_query(field, facet.numeric, value) for value in values]))
    return wq.And(clauses) if clauses else None
