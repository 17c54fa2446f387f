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
from whoosh.analysis import STOP_WORDS, Filter, StemFilter, StopFilter, Token, Tokenizer

__all__ = [
    "MIXED_ANALYZER",
    "STOP_WORDS_EN",
    "STOP_WORDS_ZH",
    "find_ipc_codes",
    "ipc_terms",
    "mixed_analyzer",
]

# CJK Extension A, Unified Ideographs and Compatibility Ideographs.
_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# A run is either Han script (segmented by jieba) or one non-Han "word": a decimal number kept
# whole (3.5, 1.2.3) or a run of letters/digits (battery, 5G, LiFePO4). Everything else
# (punctuation, symbols, emoji, whitespace) separates tokens and is dropped.
_RUN = re.compile(rf"(?P<han>[{_HAN}]+)|\d+(?:\.\d+)+|(?:(?![{_HAN}])[^\W_])+")

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


@functools.cache
def _jieba_ready() -> None:
    """Load jieba's dictionary once per process, quietly (it logs at DEBUG by default)."""
    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()


def _han_words(run: str) -> Iterator[tuple[int, str, int, int]]:
    """Yield ``(group, word, start, end)`` for a Han run in jieba search mode.

    The words are exactly those of ``jieba.cut_for_search``: the precise-mode words plus their
    dictionary sub-words of two and three characters (自动化 → 自动化, 自动). Unlike
    ``cut_for_search`` this keeps offsets and the precise word each sub-word came from
    (``group``), so a sub-word can share its parent's position and phrases still line up.
    Words come in offset order, the longer first, as the highlighter's fragmenters expect.
    """
    _jieba_ready()
    for group, (word, start, _) in enumerate(jieba.tokenize(run, HMM=True)):
        pieces = [(0, len(word))] + [
            (i, i + size)
            for size in (2, 3)
            if len(word) > size
            for i in range(len(word) - size + 1)
            if jieba.get_FREQ(word[i : i + size])
        ]
        for begin, end in sorted(pieces, key=lambda piece: (piece[0], -piece[1])):
            yield group, word[begin:end], start + begin, start + end


class MixedTokenizer(Tokenizer):  # type: ignore[misc]
    """Tokenizer for mixed Chinese/Latin text with positions and character offsets.

    Han runs are segmented in jieba search mode; every word of a Han run's precise segmentation
    takes one position and its sub-words share it. Latin words and numbers take one position
    each and are kept whole (normalising and stemming happen in later filters).
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
        pos = start_pos
        for match in _RUN.finditer(value):
            if match.lastgroup == "han":
                pieces: Iterator[tuple[int, str, int, int]] = _han_words(match.group())
            else:
                pieces = iter([(0, match.group(), 0, match.end() - match.start())])
            last_group = 0
            for group, text, start, end in pieces:
                if group != last_group:
                    pos += 1
                    last_group = group
                token.text = text
                token.boost = 1.0
                token.stopped = False
                if keeporiginal:
                    token.original = text
                if positions:
                    token.pos = pos
                if chars:
                    token.startchar = start_char + match.start() + start
                    token.endchar = start_char + match.start() + end
                yield token
            pos += 1


class NormalizeFilter(Filter):  # type: ignore[misc]
    """NFKC-normalise and lower-case each token.

    NFKC folds full-width Latin letters and digits (ＬＥＤ, １２) that Chinese text often uses
    into ASCII, so they match their half-width spelling. It runs per token so character
    offsets into the original text stay valid for highlighting.
    """

    def __call__(self, tokens: Iterator[Any]) -> Iterator[Any]:
        for token in tokens:
            token.text = unicodedata.normalize("NFKC", token.text).lower()
            yield token


def mixed_analyzer() -> Any:
    """Return a new analyzer: mixed tokenizer → NFKC/lower-case → stop words → English stemming.

    Stop words are removed without renumbering positions (renumbering would give a word's
    search-mode sub-words distinct positions); phrase queries allow for the gaps.
    """
    return (
        MixedTokenizer()
        | NormalizeFilter()
        | StopFilter(stoplist=STOP_WORDS_EN | STOP_WORDS_ZH, minsize=1, renumber=False)
        | StemFilter(lang="en")
    )


MIXED_ANALYZER: Any = mixed_analyzer()


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
