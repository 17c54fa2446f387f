"""Choosing a word's translations among those a dictionary gives.

A general dictionary lists every sense of a word: ``forging`` is 锻造 (the metal work) and 伪造
(counterfeiting), ``bus`` a coach (客车) and a busbar (母线). Searching every sense drifts a need
to patents about something else; searching none loses the word. The choice is made on the
patents themselves, in two steps:

1. **Frequency.** Of the translations the patents hold, the ``CANDIDATES`` that the most of them
   hold: a technical text's senses are the technical ones (Ballesteros and Croft, SIGIR 1998).
   A translation no patent holds could match nothing, and one most patents hold says little and
   costs the most to score: both are left out.
2. **Coherence.** Of those, the ``ALTERNATIVES`` whose patents hold the most of the need's other
   words (their translations and lexicon equivalents), leaving out those less than
   ``COHERENT_SHARE`` as coherent as the best: the right senses of a need's words occur
   together, the wrong ones with words the need never said (Gao et al., SIGIR 2001; Monz and
   Dorr, SIGIR 2005). A translation few patents hold is judged with ``PRIOR`` patents holding
   none of the other words, so that one patent's coincidence does not outweigh many. A word
   alone (a title of two words, a keyword) has no context: its candidates keep their order.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Final

import numpy as np
from numpy.typing import NDArray

from .lexicon import Equivalent

__all__ = ["ALTERNATIVES", "CANDIDATES", "COHERENT_SHARE", "COMMON_FLOOR", "COMMON_TRANSLATION",
           "PRIOR", "candidates", "choose", "frequency", "rarest"]

# A translation held by more than this share of the patents (and more than COMMON_FLOOR of
# them) is left out: a word that common says little and costs the most to score (on 100,000
# patents, mostly English, the common English senses of Chinese needs doubled a need page).
COMMON_TRANSLATION: Final = 0.05
COMMON_FLOOR: Final = 1000
# The translations of a word weighed by coherence, and the most searched.
CANDIDATES: Final = 5
ALTERNATIVES: Final = 3
# Patents holding none of the need's other words that every translation is judged with.
PRIOR: Final = 10
# A translation less coherent than this share of its word's most coherent one is left out.
COHERENT_SHARE: Final = 0.5

_FIELDS: Final = ("abstract", "title")

Ints = NDArray[np.int64]
Translations = tuple[Equivalent, ...]


def frequency(searcher: Any, term: str) -> int:
    """How many patents hold ``term`` in the abstract (or, for a word found in titles only, in
    the title): the field that carries a patent's vocabulary."""
    return int(searcher.doc_frequency(_FIELDS[0], term)
               or searcher.doc_frequency(_FIELDS[1], term))


def rarest(searcher: Any, terms: tuple[str, ...]) -> int:
    """How many patents hold the rarest of ``terms`` (``frequency``)."""
    return min(frequency(searcher, term) for term in terms)


def _held(searcher: Any, terms: tuple[str, ...]) -> int:
    """How many patents hold the rarest of ``terms``, or 0 when one is held by none, or by so
    many that it says little."""
    limit = max(COMMON_TRANSLATION * searcher.doc_count(), COMMON_FLOOR)
    frequencies = [frequency(searcher, term) for term in terms]
    return min(frequencies) if all(0 < f <= limit for f in frequencies) else 0


def candidates(translations: Translations, searcher: Any) -> Translations:
    """The ``CANDIDATES`` of ``translations`` that the most patents of ``searcher``'s index
    hold, most first (the first ones without an index to ask)."""
    if searcher is None:
        return translations[:CANDIDATES]
    held = [(e, count) for e in translations if (count := _held(searcher, e.terms))]
    held.sort(key=lambda pair: -pair[1])
    return tuple(e for e, _ in held[:CANDIDATES])


def _holding(searcher: Any, term: str) -> Ints:
    """The documents holding ``term`` in the abstract (or, for a word found in titles only, in
    the title), as ``frequency`` counts them: ascending, the postings' own array."""
    for field in _FIELDS:
        postings = searcher.postings(field, term)
        if postings is not None:
            docs: Ints = postings[0]
            return docs
    return np.zeros(0, dtype=np.int64)


def _all_of(searcher: Any, terms: tuple[str, ...]) -> Ints:
    """The documents holding every one of ``terms``."""
    docs = _holding(searcher, terms[0])
    for term in terms[1:]:
        docs = np.intersect1d(docs, _holding(searcher, term), assume_unique=True)
    return docs


def choose(words: Sequence[Translations], translated: Sequence[bool], searcher: Any
           ) -> list[Translations]:
    """Each of ``words``' equivalents: for a ``translated`` word, its ``ALTERNATIVES`` most
    coherent ones that are at least ``COHERENT_SHARE`` as coherent as the first (in the order of
    ``candidates`` where coherence ties), the others as they are."""
    several = [n for n, equivalents in enumerate(words)
               if translated[n] and len(equivalents) > 1]
    scores = _coherence(words, several, searcher) if searcher is not None and several else {}
    chosen = []
    for n, equivalents in enumerate(words):
        if n in scores:
            ranked = sorted(zip(scores[n], equivalents, strict=True), key=lambda p: -p[0])
            best = ranked[0][0]
            equivalents = tuple(e for score, e in ranked if score >= COHERENT_SHARE * best)
        chosen.append(equivalents[:ALTERNATIVES] if translated[n] else equivalents)
    return chosen


def _union(ascending: list[Ints]) -> Ints:
    """The union of ascending arrays, ascending: merged by a stable sort, which takes sorted
    runs as they are (far cheaper than ``np.unique``'s sort of the whole)."""
    if len(ascending) == 1:
        return ascending[0]
    merged = np.sort(np.concatenate(ascending), kind="stable")
    first = np.ones(len(merged), dtype=np.bool_)
    first[1:] = merged[1:] != merged[:-1]
    return merged[first]


def _coherence(words: Sequence[Translations], several: list[int], searcher: Any
               ) -> dict[int, list[float]]:
    """For each word of ``several`` (indexes into ``words``), each equivalent's coherence: how
    many of the other words its patents hold on average, with ``PRIOR`` patents holding none."""
    docs = {e.terms: _all_of(searcher, e.terms) for equivalents in words for e in equivalents}
    unions = [_union([docs[e.terms] for e in equivalents]) for equivalents in words]
    # How many of the words each patent holds.
    held = np.bincount(np.concatenate(unions), minlength=searcher.size)
    return {n: [float(np.sum(held[docs[e.terms]] - 1)) / (len(docs[e.terms]) + PRIOR)
                for e in words[n]] for n in several}
