"""Why a hit matched: the query terms each hit contains, and highlighted snippets.

Which terms a hit contains is read from the postings the search has just scored (so it agrees
with the ranking exactly), for the hits of one page only. Where they occur is found in the
stored text: Chinese words by plain substring search and Latin words by the cheap Latin-only
analysis, so that no hit is run through jieba again.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Collection, Iterator, Sequence
from typing import Any, Final

import numpy as np
from whoosh import highlight
from whoosh.analysis import Token

from .analysis import has_han, latin_terms
from .embedding import Vectors
from .query import WeightedQuery
from .results import MatchedTerm
from .schema import IPC_FIELD, TEXT_FIELD_WEIGHTS
from .snapshot import Snapshot, among

__all__ = [
    "Highlighter",
    "Similarity",
    "Span",
    "closest_sentence",
    "find_matches",
    "find_spans",
    "sentence_texts",
    "sentences",
    "stored_similarity",
]

Span = tuple[int, int]  # start and end character of one occurrence


def find_matches(
    snapshot: Snapshot, query: WeightedQuery, docnums: Sequence[int]
) -> dict[int, set[MatchedTerm]]:
    """Map each of ``docnums`` to the query's terms (with their equivalents and IPC codes) it
    contains, and the fields it contains them in."""
    found: dict[int, set[MatchedTerm]] = {docnum: set() for docnum in docnums}
    if not docnums:
        return found
    wanted = np.array(sorted(found), dtype=np.int64)
    pairs = [(field, term) for term in sorted(query.words) for field in TEXT_FIELD_WEIGHTS]
    pairs += [(IPC_FIELD, term) for term in sorted(query.ipc)]
    for field, term in pairs:
        postings = snapshot.postings(field, term)
        if postings is None:
            continue
        for docnum in wanted[among(wanted, postings[0])].tolist():
            found[docnum].add(MatchedTerm(field, term))
    return found


def find_spans(text: str, terms: Collection[str]) -> list[Span]:
    """Where ``terms`` (index terms: Chinese words, stemmed Latin words) occur in ``text``."""
    spans: list[Span] = []
    latin = set()
    for term in terms:
        if has_han(term):
            start = text.find(term)
            while start != -1:
                spans.append((start, start + len(term)))
                start = text.find(term, start + 1)
        else:
            latin.add(term)
    if latin:
        spans.extend((start, end) for term, start, end in latin_terms(text) if term in latin)
    return spans


# A sentence ends at Chinese or Latin end punctuation (a Latin full stop only before a space,
# so that 3.5 and e.g. stay whole) or a line break.
_SENTENCE_END: Final = re.compile(r"[。！？；!?;]+|\.(?=\s)|\n+")
_MIN_SENTENCE_CHARS: Final = 4
# Ranks sentences by closeness to the query, e.g. the cosine of their vectors (an Embedder).
Similarity = Callable[[Sequence[str]], Sequence[float]]


def sentences(text: str) -> list[Span]:
    """Where the sentences of ``text`` are (start, end), surrounding whitespace left out."""
    found: list[Span] = []
    start = 0
    for end in [match.end() for match in _SENTENCE_END.finditer(text)] + [len(text)]:
        piece = text[start:end]
        stripped = piece.strip()
        if len(stripped) >= _MIN_SENTENCE_CHARS:
            begin = start + piece.index(stripped)
            found.append((begin, begin + len(stripped)))
        start = end
    return found


def sentence_texts(text: str) -> list[str]:
    """The sentences of ``text`` (those of ``sentences``), as they are embedded one by one."""
    return [text[start:end] for start, end in sentences(text)]


def stored_similarity(query: Vectors, texts: Sequence[str], vectors: Vectors) -> Similarity:
    """Closeness to the query by vectors computed ahead: the dot product of ``query`` with the
    row of ``vectors`` of each sentence of ``texts`` (``-inf`` for a sentence not among them)."""
    closeness = dict(zip(texts, (vectors @ np.asarray(query, dtype=np.float32)).tolist(),
                         strict=True))
    return lambda pieces: [closeness.get(piece, -math.inf) for piece in pieces]


def closest_sentence(text: str, terms: Collection[str],
                     similarity: Similarity | None = None) -> tuple[str, list[Span]] | None:
    """The sentence of ``text`` closest to the query and where ``terms`` occur in it.

    With ``similarity`` (e.g. the cosine of an embedding of the query and of each sentence)
    the most similar sentence; without it, or when it knows none of the sentences (``-inf``),
    the sentence holding the most distinct ``terms`` (the earliest of equals), or ``None``
    when no sentence holds any.
    """
    pieces = sentence_texts(text)
    if not pieces:
        return None
    found = [sorted(find_spans(piece, terms)) if terms else [] for piece in pieces]
    closeness = list(similarity(pieces)) if similarity is not None else []
    if closeness and max(closeness) > -math.inf:
        best = max(range(len(pieces)), key=lambda i: (closeness[i], -i))
    else:
        held = [len({piece[a:b] for a, b in spans_}) for piece, spans_ in zip(pieces, found,
                                                                              strict=True)]
        best = max(range(len(pieces)), key=lambda i: (held[i], -i))
        if not held[best]:
            return None
    return pieces[best], found[best]


# Titles and other short fields are shown whole; long fields as up to three excerpts.
_SHORT_FIELDS: Final = frozenset({"title", "patentee", "application_fields"})
_WHOLE: Final = 2**15
_EXCERPTS: Final = 3
_EXCERPT_CHARS: Final = 160
_EXCERPT_CONTEXT: Final = 40


# Where an excerpt may start or end: between words (a space) or after a Chinese punctuation mark.
_BOUNDARIES: Final = frozenset(" \t\n，。；：、！？,.;:!?")


class _WordFragmenter(highlight.PinpointFragmenter):  # type: ignore[misc]
    """Excerpts that never cut a word in two: an excerpt that starts or ends inside the text is
    trimmed to the nearest word boundary within it (never past its first or last match)."""

    def fragment_matches(self, text: str, tokens: Sequence[Token]) -> Iterator[Any]:
        for fragment in super().fragment_matches(text, tokens):
            first = fragment.matches[0].startchar if fragment.matches else fragment.endchar
            last = fragment.matches[-1].endchar if fragment.matches else fragment.startchar
            start, end = fragment.startchar, fragment.endchar
            if start > 0 and text[start - 1] not in _BOUNDARIES:
                cut = next((i for i in range(start, first) if text[i] in _BOUNDARIES), None)
                if cut is not None:
                    fragment.startchar = cut + 1
            if end < len(text) and text[end] not in _BOUNDARIES:
                cut = next((i for i in range(end - 1, last - 1, -1) if text[i] in _BOUNDARIES),
                           None)
                if cut is not None:
                    fragment.endchar = cut + 1 if text[cut] != " " else cut
            yield fragment


class Highlighter:
    """Renders a field's text as HTML with the given spans wrapped in ``<mark>``.

    One instance per page keeps each term's CSS class (``<mark class="match term0">``) the
    same across the page's hits.
    """

    def __init__(self) -> None:
        # HtmlFormatter escapes the source text (&, <, >) around and inside the marks.
        self._formatter = highlight.HtmlFormatter(tagname="mark", between=" … ")
        self._whole = highlight.PinpointFragmenter(maxchars=_WHOLE, surround=_WHOLE)
        self._excerpts = _WordFragmenter(maxchars=_EXCERPT_CHARS, surround=_EXCERPT_CONTEXT)
        self._scorer = highlight.BasicFragmentScorer()

    def __call__(self, field: str, text: str, spans: Sequence[Span]) -> str:
        """Return ``text`` escaped, with ``spans`` marked: all of it for short fields, else the
        best excerpts around the spans; ``""`` if there are no spans."""
        # Overlapping spans (a Chinese word and its sub-words) are marked as one.
        merged: list[Span] = []
        for start, end in sorted(spans):
            if merged and start < merged[-1][1]:
                merged[-1] = (merged[-1][0], max(merged[-1][1], end))
            else:
                merged.append((start, end))
        tokens = [
            Token(text=text[start:end], startchar=start, endchar=end, matched=True)
            for start, end in merged
        ]
        fragmenter = self._whole if field in _SHORT_FIELDS else self._excerpts
        fragments = highlight.top_fragments(
            fragmenter.fragment_matches(text, tokens), _EXCERPTS, self._scorer, highlight.FIRST
        )
        return str(self._formatter.format(fragments))
