"""Text analysis shared by indexing, querying and highlighting.

One analyzer handles mixed Chinese/Latin text, because patent titles and abstracts routinely mix
scripts (``5G通讯电缆``, ``LiFePO4正极材料``). IPC codes get their own normalisation into
hierarchical terms so that a code can be found by any of its levels.
"""

from __future__ import annotations

import functools
import logging
import re
import unicodedata
from collections.abc import Iterator
from typing import Any

import jieba
from whoosh.analysis import STOP_WORDS, Token, Tokenizer
from whoosh.lang import stemmer_for_language

__all__ = [
    "MIXED_ANALYZER",
    "STOP_WORDS_EN",
    "STOP_WORDS_ZH",
    "find_ipc_codes",
    "has_han",
    "ipc_terms",
    "latin_terms",
    "mixed_analyzer",
    "warm_up",
]

# CJK Extension A, Unified Ideographs and Compatibility Ideographs.
_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# A run is either Han script (segmented by jieba) or one non-Han "word": a decimal number kept
# whole (3.5, 1.2.3) or a run of letters/digits (battery, 5G, LiFePO4). Everything else
# (punctuation, symbols, emoji, whitespace) separates tokens and is dropped.
_RUN = re.compile(rf"(?P<han>[{_HAN}]+)|\d+(?:\.\d+)+|(?:(?![{_HAN}])[^\W_])+")
_HAN_CHAR = re.compile(rf"[{_HAN}]")

# Function words and patent boilerplate that carry no technical meaning. Content words that
# merely happen to be frequent (方法, 装置, 系统) stay: BM25's IDF already damps them, and users do
# search for "检测方法".
STOP_WORDS_ZH: frozenset[str] = frozenset({
    "的", "了", "和", "与", "及", "及其", "以及", "或", "或者", "其", "其中", "该", "所述",
    "一种", "一个", "是", "在", "于", "为", "为了", "对", "将", "把", "被", "由", "从", "等",
    "之", "并", "且", "而", "本", "本发明", "随着", "目前", "通过", "进行", "可以", "能够",
})  # fmt: skip
# Whoosh's English list plus claim boilerplate.
STOP_WORDS_EN: frozenset[str] = frozenset(STOP_WORDS) | frozenset(
    {"said", "wherein", "whereby", "thereof", "therein", "comprising", "comprises"}
)
_STOP_WORDS: frozenset[str] = STOP_WORDS_EN | STOP_WORDS_ZH


@functools.cache
def _jieba_ready() -> None:
    """Load jieba's dictionary once per process, quietly (it logs at DEBUG by default)."""
    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()


def warm_up() -> None:
    """Load jieba's dictionary now (a second or so) rather than on the first Chinese text."""
    _jieba_ready()


def _han_words(run: str) -> Iterator[tuple[int, str, int, int]]:
    """Yield ``(group, word, start, end)`` for a Han run in jieba search mode.

    The words are exactly those of ``jieba.cut_for_search``: the precise-mode words plus their
    dictionary sub-words of two and three characters (自动化 → 自动化, 自动). Unlike
    ``cut_for_search`` this keeps offsets and the precise word each sub-word came from
    (``group``), so a sub-word can share its parent's position and phrases still line up.
    Words come in offset order, the longer first, as the highlighter's fragmenters expect.
    """
    _jieba_ready()
    start = 0
    for group, word in enumerate(jieba.dt.cut(run, HMM=True)):
        length = len(word)
        if length <= 2:  # most words: no sub-words
            yield group, word, start, start + length
        else:
            pieces = [(0, length)] + [
                (i, i + size)
                for size in (2, 3)
                if length > size
                for i in range(length - size + 1)
                if jieba.dt.FREQ.get(word[i : i + size])
            ]
            for begin, end in sorted(pieces, key=lambda piece: (piece[0], -piece[1])):
                yield group, word[begin:end], start + begin, start + end
        start += length


def has_han(text: str) -> bool:
    """Whether ``text`` contains a Han character (a Chinese word rather than a Latin one)."""
    return _HAN_CHAR.search(text) is not None


_STEM = functools.lru_cache(maxsize=100_000)(stemmer_for_language("en"))


class MixedAnalyzer(Tokenizer):  # type: ignore[misc]
    """The analyzer for mixed Chinese/Latin text, with positions and character offsets.

    - Han runs are segmented in jieba search mode; every word of a run's precise segmentation
      takes one position and its sub-words share it.
    - Latin words and numbers take one position each and are kept whole.
    - Every token is NFKC-normalised and lower-cased: NFKC folds the full-width Latin letters
      and digits (ＬＥＤ, １２) that Chinese text often uses into ASCII. It runs per token, so
      character offsets into the original text stay valid for highlighting.
    - Stop words are dropped without renumbering positions (renumbering would give a word's
      search-mode sub-words distinct positions).
    - Latin words are stemmed (Snowball English).

    One pass instead of whoosh's chain of tokenizer and filters: the same tokens at a third
    less cost per token, which counts when indexing.
    """

    def __call__(
        self,
        value: str,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        mode: str = "",
        **kwargs: Any,
    ) -> Iterator[Any]:
        # Whoosh's contract: one Token object is re-used for every yielded token.
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        normalize = unicodedata.normalize
        pos = start_pos
        for match in _RUN.finditer(value):
            han = match.lastgroup == "han"
            if han:
                pieces: Iterator[tuple[int, str, int, int]] = _han_words(match.group())
            else:
                pieces = iter([(0, match.group(), 0, match.end() - match.start())])
            last_group = 0
            for group, original, start, end in pieces:
                if group != last_group:
                    pos += 1
                    last_group = group
                text = normalize("NFKC", original).lower()
                stopped = text in _STOP_WORDS
                if stopped and removestops:
                    continue
                token.text = text if han or stopped else _STEM(text)
                token.boost = 1.0
                token.stopped = stopped
                if keeporiginal:
                    token.original = original
                if positions:
                    token.pos = pos
                if chars:
                    token.startchar = start_char + match.start() + start
                    token.endchar = start_char + match.start() + end
                yield token
            pos += 1


def mixed_analyzer() -> Any:
    """Return a new analyzer for mixed Chinese/Latin text (see ``MixedAnalyzer``)."""
    return MixedAnalyzer()


MIXED_ANALYZER: Any = mixed_analyzer()


def latin_terms(text: str) -> Iterator[tuple[str, int, int]]:
    """The terms the analyzer makes of the Latin words and numbers in ``text``, with their
    start and end characters; Chinese is skipped.

    Highlighting uses it to find where stemmed words occur (Chinese words are found by plain
    substring search), which spares running jieba over every hit. Equivalent to the non-Han
    tokens of ``MIXED_ANALYZER`` but several times faster.
    """
    for match in _RUN.finditer(text):
        if match.lastgroup == "han":
            continue
        word = unicodedata.normalize("NFKC", match.group()).lower()
        if word not in _STOP_WORDS:
            yield _STEM(word), match.start(), match.end()


# IPC: section letter, two-digit class, subclass letter, then optionally "main group/subgroup".
# Spaces between the parts and leading zeros in the main group (C02F 003/28) are tolerated.
_IPC = re.compile(
    r"(?<![A-Za-z0-9])([A-Ha-h])\s?(\d{2})\s?([A-Za-z])"
    r"(?:\s*(\d{1,4})\s*/\s*(\d{2,6}))?(?![A-Za-z0-9/])"
)


def _terms_from_match(match: re.Match[str]) -> tuple[str, ...]:
    section, klass, subclass, main, sub = match.groups()
    levels = [section.upper(), f"{section}{klass}".upper(), f"{section}{klass}{subclass}".upper()]
    if main is not None:
        levels.append(f"{levels[-1]}{int(main)}")
        # Trailing zeros beyond two digits are padding in fixed-width exports (3/280000 = 3/28).
        sub = sub.rstrip("0").ljust(2, "0")
        # "/00" denotes the main group itself, which is already the previous level.
        if sub != "00":
            levels.append(f"{levels[-1]}/{sub}")
    return tuple(levels)


def ipc_terms(code: str) -> tuple[str, ...]:
    """Return the hierarchical index terms of one IPC code, broadest first.

    ``"C02F 3/28"`` → ``("C", "C02", "C02F", "C02F3", "C02F3/28")``; ``"C02F 3/00"`` ends at the
    main group ``"C02F3"``; ``"C02F"`` ends at the subclass. Returns ``()`` when ``code`` is not
    an IPC code (at least down to the subclass).
    """
    match = _IPC.fullmatch(unicodedata.normalize("NFKC", code).strip())
    return _terms_from_match(match) if match else ()


def find_ipc_codes(text: str) -> tuple[list[tuple[str, ...]], str]:
    """Find IPC-looking codes (subclass or finer) in free text.

    Returns the hierarchical terms of each code found and the text with those codes blanked
    out, so the caller can analyse the rest as ordinary words.
    """
    found = [_terms_from_match(match) for match in _IPC.finditer(text)]
    return found, _IPC.sub(" ", text)
