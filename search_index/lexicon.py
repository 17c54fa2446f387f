"""Cross-language and synonym expansion from the hand-written domain lexicon, and translation
of the other words by a general dictionary.

A need written in Chinese should also find English patents on the same thing, and an
abbreviation its spelled-out form. When the query contains a member of a lexicon group, every
other member is added as an *equivalent*: a set of index terms that a document must contain
together (so ``lithium ion battery`` adds nothing for a document that merely mentions ions).
Chinese members are found in the query text as substrings, because jieba may segment the same
words differently in different sentences; Latin members are found as sequences of analysed
words. Where matches overlap, the longest wins (``太阳能电池`` means solar cell, not battery).

The words no lexicon member covers are looked up in the general dictionary (``dictionary.py``):
a Chinese word (or, when the dictionary lacks a compound, its longest headwords) brings its
English senses, and an English word or phrase the Chinese headwords having it as a sense. Such
a *translation* is less sure than a lexicon equivalent (a word has several senses; the query
builder weighs it lower and shares the weight among the alternatives).
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass

from . import dictionary
from .analysis import MIXED_ANALYZER, has_han
from .lexicon_data import GROUPS
from .stopwords import is_informative

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
    other members of its group; or, for a ``translation``, a word the lexicon lacks and its
    translations by the general dictionary."""

    start: int
    end: int
    equivalents: tuple[Equivalent, ...]
    translation: bool = False


@functools.lru_cache(maxsize=20_000)
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
        if _overlaps(start, end, taken):
            continue
        taken.append((start, end))
        others = _absent(lexicon.members[group], present)
        if others:
            matches.append(LexiconMatch(start, end, others))
    matches.extend(_translations(words, present, taken))
    return sorted(matches, key=lambda m: m.start)


def _overlaps(start: int, end: int, taken: Collection[tuple[int, int]]) -> bool:
    return any(start < other_end and other_start < end for other_start, other_end in taken)


def _absent(equivalents: Iterable[Equivalent], present: Collection[str]
            ) -> tuple[Equivalent, ...]:
    """The ``equivalents`` the query does not already hold in full."""
    return tuple(e for e in equivalents if e.terms and not all(t in present for t in e.terms))


def _translations(words: Sequence[Word], present: Collection[str],
                  taken: list[tuple[int, int]]) -> Iterator[LexiconMatch]:
    """Dictionary translations of the words outside the lexicon matches ``taken`` (which it
    extends): each Chinese word, or its longest headwords, to English senses; each English
    phrase (longest first), to Chinese headwords."""
    for word in words:
        if not has_han(word.term) or not is_informative(word.term) \
                or _overlaps(word.start, word.end, taken):
            continue
        senses = dictionary.chinese_senses(word.term)
        pieces = [(0, len(word.term))] if senses else dictionary.segment(word.term)
        for begin, end in pieces:
            found = _absent((Equivalent(sense, _all_of(sense)) for sense in
                             dictionary.chinese_senses(word.term[begin:end])), present)
            if found:
                yield LexiconMatch(word.start + begin, word.start + end, found, translation=True)
        taken.append((word.start, word.end))
    latin = [word for word in words if not has_han(word.term)]
    for size in range(min(dictionary.longest_sense(), len(latin)), 0, -1):
        for i in range(len(latin) - size + 1):
            start, end = latin[i].start, latin[i + size - 1].end
            phrase = tuple(word.term for word in latin[i : i + size])
            if _overlaps(start, end, taken) or (size == 1 and not is_informative(phrase[0])):
                continue
            found = _absent((Equivalent(headword, _all_of(headword)) for headword in
                             dictionary.english_headwords(phrase)), present)
            if found:
                taken.append((start, end))
                yield LexiconMatch(start, end, found, translation=True)
