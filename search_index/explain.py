"""Why a hit matched: the query terms each hit contains, and highlighted snippets.

Queries are scored with whoosh's preloaded OR matcher, which is fast but cannot report which
terms matched. So matches are worked out afterwards, for the hits of one page only, from the
postings of each query term, which also hold the character offsets that highlighting needs
(no re-analysis of the text, which would mean running jieba again over every hit).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, Final

from whoosh import highlight
from whoosh.analysis import Token

from .results import MatchedTerm

__all__ = ["Highlighter", "Span", "find_matches"]

Span = tuple[int, int]  # start and end character of one occurrence


def find_matches(
    searcher: Any, query: Any, docnums: Iterable[int]
) -> dict[int, dict[MatchedTerm, list[Span]]]:
    """Map each of ``docnums`` to the terms of ``query`` it contains and where.

    Occurrences are listed for fields that store character offsets, otherwise left empty.
    """
    wanted = sorted(set(docnums))
    found: dict[int, dict[MatchedTerm, list[Span]]] = {docnum: {} for docnum in wanted}
    reader = searcher.reader()
    for field, term in sorted(set(query.iter_all_terms())):
        if (field, term) not in reader:
            continue
        with_chars = searcher.schema[field].supports("characters")
        postings = searcher.postings(field, term)
        for docnum in wanted:
            if postings.is_active() and postings.id() < docnum:
                postings.skip_to(docnum)
            if not postings.is_active():
                break
            if postings.id() == docnum:
                spans = postings.value_as("characters") if with_chars else []
                found[docnum][MatchedTerm(field, term)] = [(s, e) for _, s, e in spans]
    return found


# Titles and other short fields are shown whole; long fields as up to three excerpts.
_SHORT_FIELDS: Final = frozenset({"title", "patentee", "application_fields"})
_WHOLE: Final = 2**15
_EXCERPTS: Final = 3
_EXCERPT_CHARS: Final = 160
_EXCERPT_CONTEXT: Final = 40


class Highlighter:
    """Renders a field's text as HTML with the given spans wrapped in ``<mark>``.

    One instance per page keeps each term's CSS class (``<mark class="match term0">``) the
    same across the page's hits.
    """

    def __init__(self) -> None:
        # HtmlFormatter escapes the source text (&, <, >) around and inside the marks.
        self._formatter = highlight.HtmlFormatter(tagname="mark", between=" … ")
        self._whole = highlight.PinpointFragmenter(maxchars=_WHOLE, surround=_WHOLE)
        self._excerpts = highlight.PinpointFragmenter(
            maxchars=_EXCERPT_CHARS, surround=_EXCERPT_CONTEXT
        )
        self._scorer = highlight.BasicFragmentScorer()

    def __call__(self, field: str, text: str, spans: Sequence[Span]) -> str:
        """Return ``text`` escaped, with ``spans`` marked: all of it for short fields, else the
        best excerpts around the spans; ``""`` if there are no spans."""
        # Where spans overlap (a Chinese word and its sub-words), mark the longest.
        longest: dict[int, int] = {}
        for start, end in spans:
            longest[start] = max(end, longest.get(start, end))
        tokens = [
            Token(text=text[start:end], startchar=start, endchar=end, matched=True)
            for start, end in sorted(longest.items())
        ]
        fragmenter = self._whole if field in _SHORT_FIELDS else self._excerpts
        fragments = highlight.top_fragments(
            fragmenter.fragment_matches(text, tokens), _EXCERPTS, self._scorer, highlight.FIRST
        )
        return str(self._formatter.format(fragments))
