"""Cross-language and synonym expansion from the hand-written domain lexicon.

A need written in Chinese should also find English patents on the same thing, and an
abbreviation its spelled-out form. When the query contains a member of a lexicon group, every
other member is added as an *equivalent*: a set of index terms that a document must contain
together (so ``lithium ion battery`` adds nothing for a document that merely mentions ions).
Chinese members are found in the query text as substrings, because jieba may segment the same
words differently in different sentences; Latin members are found as sequences of analysed
words. Where matches overlap, the longest wins (``太阳能电池`` means solar cell, not battery).
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from .analysis import MIXED_ANALYZER, has_han
from .lexicon_data import GROUPS

__all__ = ["Equivalent", "LexiconMatch", "Word", "find_equivalents"]

# A Chinese word longer than this is represented by its search-mode pieces when a document
# must contain it: the pieces are indexed whichever way jieba segments the surrounding text.
_WHOLE_WORD_CHARS = 3


@dataclass(frozen=True, slots=True)
class Word:
    """One word of the analysed query: its index term and where it stands in the text."""

    term: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Equivalent:
    """A lexicon member as index terms that must all occur in a matching document."""

    surface: str
    terms: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class LexiconMatch:
    """A lexicon member found in the query (``start``..``end`` of the normalised text) and the
    other members of its group."""

    start: int
    end: int
    equivalents: tuple[Equivalent, ...]


def _all_of(surface: str) -> tuple[str, ...]:
    """The index terms a document must contain to contain ``surface``."""
    terms = {token.text for token in MIXED_ANALYZER(surface)}
    return tuple(sorted(
        term for term in terms
        if len(term) <= _WHOLE_WORD_CHARS or not has_han(term)
        or not any(other != term and other in term for other in terms)
    ))


def _words(surface: str) -> tuple[str, ...]:
    """The analysed words of a Latin member, in order (one per position)."""
    return tuple(token.text for token in MIXED_ANALYZER(surface))


@dataclass(frozen=True, slots=True)
class _Lexicon:
    members: tuple[tuple[Equivalent, ...], ...]  # per group
    han: dict[str, int]  # normalised Chinese member -> group
    latin: dict[tuple[str, ...], int]  # analysed words of a Latin member -> group
    longest_latin: int


def _normalise(text: str) -> str:
    return unicodedata.normalize("NFKC", text).lower()


@functools.cache
def _lexicon() -> _Lexicon:
    members: list[tuple[Equivalent, ...]] = []
    han: dict[str, int] = {}
    latin: dict[tuple[str, ...], int] = {}
    for number, group in enumerate(GROUPS):
        equivalents = tuple(Equivalent(surface, _all_of(surface)) for surface in group)
        members.append(tuple(e for e in equivalents if e.terms))
        for surface in group:
            if has_han(surface):
                han[_normalise(surface)] = number
            elif _words(surface):
                latin[_words(surface)] = number
    return _Lexicon(tuple(members), han, latin, max(map(len, latin), default=0))


def find_equivalents(
    text: str, words: Sequence[Word], present: Collection[str]
) -> list[LexiconMatch]:
    """Lexicon members in the query and their equivalents; where matches overlap the longest
    is kept.

    ``text`` is the NFKC-normalised query, ``words`` its analysed words in order (one per
    position, with character offsets into ``text``) and ``present`` all its index terms. An
    equivalent whose terms are all ``present`` already adds nothing and is left out.
    """
    lexicon = _lexicon()
    lowered = text.lower()
    found: list[tuple[int, int, int]] = []
    for surface, number in lexicon.han.items():
        start = lowered.find(surface)
        while start != -1:
            found.append((start, start + len(surface), number))
            start = lowered.find(surface, start + 1)
    terms = [word.term for word in words]
    for i in range(len(terms)):
        for size in range(1, min(lexicon.longest_latin, len(terms) - i) + 1):
            latin = lexicon.latin.get(tuple(terms[i : i + size]))
            if latin is not None:
                found.append((words[i].start, words[i + size - 1].end, latin))
    taken: list[tuple[int, int]] = []
    matches = []
    for start, end, group in sorted(found, key=lambda m: (m[0] - m[1], m[0])):
        if any(start < other_end and other_start < end for other_start, other_end in taken):
            continue
        taken.append((start, end))
        others = tuple(e for e in lexicon.members[group] if not all(t in present for t in e.terms))
        if others:
            matches.append(LexiconMatch(start, end, others))
    return sorted(matches, key=lambda m: m.start)
