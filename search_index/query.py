"""Turn user input into a weighted bag of index terms, never through a query parser.

Any string is a valid query: it is analysed with the same analyzer as the documents, so
operators, quotes, brackets and wildcards are just characters that produce no terms.
"""

from __future__ import annotations

import math
import unicodedata
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Final

from .analysis import MIXED_ANALYZER, find_ipc_codes, has_han, ipc_terms
from .lexicon import Equivalent, LexiconMatch, Word, find_equivalents
from .schema import FACETS, IPC_FIELD, IPC_WEIGHT
from .stopwords import is_informative
from .translation import candidates, choose, frequency, rarest

__all__ = [
    "DICTIONARY_WEIGHT",
    "LEXICON_WEIGHT",
    "LONG_QUERY_TERMS",
    "MAX_QUERY_CHARS",
    "TRANSLATED_WORDS",
    "FilterClause",
    "FilterTerm",
    "TermGroup",
    "WeightedQuery",
    "build_filter",
    "build_query",
    "gloss",
    "idf",
    "query_on",
]

# Longer input is cut off: a technology need is a few thousand characters at most, and the cap
# bounds the analysis cost of hostile input.
MAX_QUERY_CHARS: Final = 10_000
# Queries with more distinct terms than this keep only their most informative ones, judged by
# their document frequency (``translation.frequency``), or their translations' for a word no
# patent holds.
LONG_QUERY_TERMS: Final = 30
# A lexicon equivalent (a translation or synonym) counts this much of the words it stands for.
LEXICON_WEIGHT: Final = 0.6
# A dictionary translation of a word the lexicon lacks counts this much of the word, shared
# among the word's translations that the index holds (a word with three senses brings three
# alternatives of a third each: Pirkola's structured translation, approximated).
DICTIONARY_WEIGHT: Final = 0.6
# Only the query's most informative words (by the weight of their terms and the rarity of their
# translations) are translated: each translation is a few more terms to score, and a pasted need
# has dozens of words. 20: the Chinese needs over English patents gain nothing from more (0.66x
# their English version at 20 and at 30, 0.61x at 15), and the need page p95 at 100,000 patents
# stays well within 100 ms (``scripts/bench_search.py``).
TRANSLATED_WORDS: Final = 20
# The most words a query's gloss (its words said in the other language) holds.
GLOSS_TERMS: Final = 30
# Each broader IPC level of a code in the query counts this much less than the level below it.
_IPC_LEVEL_DECAY: Final = 0.5
_IPC_SUBCLASS_LEVEL: Final = 2


@dataclass(frozen=True, slots=True)
class TermGroup:
    """Terms that only count for a document containing all of them, each at ``weight``.

    ``covers`` are the query's own terms the group stands for, and ``pair`` the lexicon pair
    as written (the query's words, the equivalent): what explanations show.
    """

    terms: tuple[str, ...]
    weight: float
    covers: frozenset[str] = frozenset()
    pair: tuple[str, str] = ("", "")


@dataclass(frozen=True, slots=True)
class WeightedQuery:
    """What a search looks for.

    ``terms`` are searched in every free-text field and any of them makes a document match;
    ``groups`` are lexicon equivalents of query words (all terms of a group must occur);
    ``ipc`` are IPC levels searched in the IPC field. ``browse`` (blank input) matches every
    document; otherwise a query with nothing to look for matches none. ``length`` is how many
    informative words the text has (one per position: a Chinese word's parts do not count).
    """

    terms: Mapping[str, float] = field(default_factory=dict)
    groups: tuple[TermGroup, ...] = ()
    ipc: Mapping[str, float] = field(default_factory=dict)
    browse: bool = False
    length: int = 0

    @property
    def words(self) -> frozenset[str]:
        """Every free-text term the query mentions, its own and its equivalents'."""
        return frozenset(self.terms) | {term for group in self.groups for term in group.terms}

    def is_empty(self) -> bool:
        return not (self.browse or self.terms or self.groups or self.ipc)

    @property
    def language(self) -> str | None:
        """``"zh"`` or ``"en"``, as ``chinese`` says; ``None`` without terms."""
        chinese = self.chinese
        return None if chinese is None else "zh" if chinese else "en"

    @property
    def chinese(self) -> bool | None:
        """Whether the query is written in Chinese: most of its own terms are Chinese words (an
        English need naming a Chinese word, or a Chinese one naming a unit, keeps its
        language); ``None`` without terms."""
        han = sum(1 for term in self.terms if has_han(term))
        return han > len(self.terms) - han if self.terms else None


def _analyse(text: str) -> tuple[Counter[str], list[Word]]:
    """Return the term frequencies of ``text`` and its words in order, one per position.

    At a position holding a search-mode word and its sub-words, the longest one is the word.
    """
    frequencies: Counter[str] = Counter()
    longest: dict[int, Word] = {}
    for token in MIXED_ANALYZER(text, positions=True, chars=True, mode="query"):
        frequencies[token.text] += 1
        word = longest.get(token.pos)
        if word is None or token.endchar - token.startchar > word.end - word.start:
            longest[token.pos] = Word(token.text, token.startchar, token.endchar)
    return frequencies, [longest[pos] for pos in sorted(longest)]


def idf(documents: int, frequency: int) -> float:
    """BM25's inverse document frequency of a term ``frequency`` of ``documents`` hold."""
    return math.log(1 + (documents - frequency + 0.5) / (frequency + 0.5))


def _informative(frequencies: Counter[str], searcher: Any, limit: int,
                 carried: Mapping[str, int]) -> dict[str, float]:
    """Weight each term by TF×IDF against the index and keep the ``limit`` best, scaled to ≤ 1.

    A Latin term that says nothing (an English function word, patent boilerplate, a bare
    number: ``stopwords.is_informative``) is left out: one that a few Chinese patents hold
    ("so", "up") would be among a Chinese index's rarest terms and a long English need's
    heaviest. Chinese terms are all weighed: a single character (钢, 水) names a material.

    A term no title or abstract holds is judged by the frequency of its translations
    (``carried``): a Chinese need over English patents is searched through them. A term
    neither holds is dropped: it can hardly match.
    """
    total = max(searcher.doc_count(), 1)
    scores: dict[str, float] = {}
    for term, tf in frequencies.items():
        if not has_han(term) and not is_informative(term):
            continue
        df = frequency(searcher, term) or carried.get(term, 0)
        if df:
            scores[term] = tf * idf(total, df)
    best = sorted(scores.items(), key=lambda item: (-item[1], item[0]))[:limit]
    top = best[0][1] if best else 1.0
    return {term: score / top for term, score in best}


def _ipc_weights(codes: list[tuple[str, ...]]) -> dict[str, float]:
    weights: dict[str, float] = {}
    for levels in codes:
        boost = IPC_WEIGHT
        for term in reversed(levels[_IPC_SUBCLASS_LEVEL:]):
            weights[term] = max(weights.get(term, 0.0), boost)
            boost *= _IPC_LEVEL_DECAY
    return weights


@dataclass(frozen=True, slots=True)
class _Found:
    """A lexicon member or dictionary word as the query wrote it, with the query's terms it
    stands for and the equivalents worth searching."""

    match: LexiconMatch
    written: str
    source: frozenset[str]
    equivalents: tuple[Equivalent, ...]
    # How many patents hold its most frequent equivalent (0 without an index to ask).
    frequency: int


def _found(text: str, words: list[Word], frequencies: Counter[str], searcher: Any
           ) -> list[_Found]:
    """The query's lexicon members and dictionary words; a dictionary word keeps the
    translations ``translation`` chooses for it on ``searcher``'s index (none is kept if no
    patent holds any)."""
    matches = []
    for match in find_equivalents(text, words, frequencies):
        equivalents = candidates(match.equivalents, searcher) if match.translation \
            else match.equivalents
        if equivalents:
            matches.append((match, equivalents))
    chosen = choose([equivalents for _, equivalents in matches],
                    [match.translation for match, _ in matches], searcher)
    found = []
    for (match, _), equivalents in zip(matches, chosen, strict=True):
        written = text[match.start : match.end]
        most = 0 if searcher is None else max(rarest(searcher, e.terms) for e in equivalents)
        found.append(_Found(match, written,
                            frozenset(token.text for token in MIXED_ANALYZER(written)),
                            equivalents, most))
    return found


def _carried(found: list[_Found]) -> dict[str, int]:
    """For each informative query term a lexicon member or dictionary word covers, how many
    patents hold its most frequent equivalent (a phrase's function words, "out" of "roll it
    out", carry nothing)."""
    carried: dict[str, int] = {}
    for item in found:
        for term in filter(is_informative, item.source):
            carried[term] = max(carried.get(term, 0), item.frequency)
    return carried


def _equivalents(found: list[_Found], weights: Mapping[str, float], searcher: Any
                 ) -> tuple[TermGroup, ...]:
    """Groups for the query's lexicon equivalents, each as heavy as ``LEXICON_WEIGHT`` times the
    words it stands for (those that survived term selection), and for the dictionary
    translations of the ``TRANSLATED_WORDS`` most informative other words (by their weight and
    the rarity of their translations), ``DICTIONARY_WEIGHT`` times the word shared among its
    translations."""
    total = max(searcher.doc_count(), 1) if searcher is not None else 1
    weighed = [(item, mass) for item in found
               if (mass := sum(weights.get(term, 0.0) for term in item.source))]
    translated = {id(item) for item, _ in sorted(
        ((item, mass) for item, mass in weighed if item.match.translation),
        key=lambda pair: -pair[1] * idf(total, pair[0].frequency),
    )[:TRANSLATED_WORDS]}
    groups: dict[tuple[str, ...], TermGroup] = {}
    for item, mass in weighed:
        share = LEXICON_WEIGHT * mass
        if item.match.translation:
            if id(item) not in translated:
                continue
            share = DICTIONARY_WEIGHT * mass / len(item.equivalents)
        for equivalent in item.equivalents:
            weight = share / len(equivalent.terms)
            known = groups.get(equivalent.terms)
            if known is None or weight > known.weight:
                groups[equivalent.terms] = TermGroup(equivalent.terms, weight, item.source,
                                                     (item.written, equivalent.surface))
    return tuple(groups.values())


def build_query(text: str, searcher: Any, *, max_terms: int = LONG_QUERY_TERMS) -> WeightedQuery:
    """Build the weighted query for user ``text``; never raises on any input.

    - Blank text browses every document.
    - IPC codes in the text (``C02F 3/28``, ``c02f3/28``, ``C02F``) search the IPC field, with
      broader levels of the code at lower weight, and are not searched as words.
    - Every other term is searched in each free-text field, weight 1.
    - With more than ``max_terms`` distinct terms (a pasted technology need), only the
      ``max_terms`` most informative are kept, weighted by TF×IDF using ``searcher``'s document
      frequencies (all of them without a searcher).
    - Words found in the domain lexicon bring their equivalents (translations, synonyms); the
      other words their translations by the general dictionary, where the index holds them.
    - Text with nothing searchable in it (punctuation, emoji, stop words) matches nothing.
    """
    text = unicodedata.normalize("NFKC", text[:MAX_QUERY_CHARS])
    if not text.strip():
        return WeightedQuery(browse=True)
    codes, words_text = find_ipc_codes(text)
    frequencies, words = _analyse(words_text)
    found = _found(words_text, words, frequencies, searcher)
    if len(frequencies) > max_terms and searcher is not None:
        weights = _informative(frequencies, searcher, max_terms, _carried(found))
    else:
        weights = dict.fromkeys(frequencies, 1.0)
    groups = _equivalents(found, weights, searcher)
    return WeightedQuery(terms=weights, groups=groups, ipc=_ipc_weights(codes),
                         length=sum(1 for word in words if is_informative(word.term)))


def query_on(snapshot: Any, text: str) -> WeightedQuery:
    """``build_query(text, snapshot)``, remembered with the snapshot: the search box builds a
    text's query for its gloss before embedding it, then again to search, and a result page's
    next page or facet searches the same text."""
    query: WeightedQuery = snapshot.derived("query", text, lambda: build_query(text, snapshot),
                                            _size)
    return query


def _size(query: WeightedQuery) -> int:
    """A query's size in cache elements: its terms and its groups' terms."""
    return len(query.terms) + sum(len(group.terms) for group in query.groups) + len(query.ipc)


def gloss(query: WeightedQuery) -> str:
    """The query's words said in the other language than its own: for each word, its heaviest
    equivalent (a lexicon member, or the dictionary translation the index holds most weight
    for), heaviest first, at most ``GLOSS_TERMS``: what the need says in the words of patents in
    that language, as short as the need. Empty without any, or without words."""
    chinese = query.chinese
    if chinese is None:
        return ""
    said: dict[str, str] = {}  # each word of the query, its heaviest equivalent
    for group in sorted(query.groups, key=lambda g: -g.weight):
        if has_han(group.pair[1]) != chinese:
            said.setdefault(group.pair[0], group.pair[1])
    return " ".join(list(dict.fromkeys(said.values()))[:GLOSS_TERMS])


@dataclass(frozen=True, slots=True)
class FilterTerm:
    """One indexed value of a filter field (an IPC level, a kind, a year...)."""

    field: str
    value: str | int


# Alternatives of one facet; an empty clause (only impossible values) matches nothing.
FilterClause = tuple[FilterTerm, ...]


def _filter_term(field_name: str, numeric: bool, value: str) -> FilterTerm | None:
    if field_name == IPC_FIELD:
        levels = ipc_terms(value)
        return FilterTerm(IPC_FIELD, levels[-1]) if levels else None
    if numeric:
        try:
            return FilterTerm(field_name, int(value))
        except ValueError:
            return None
    return FilterTerm(field_name, value)


def build_filter(
    filters: Mapping[str, Sequence[str]] | None, *, ignore: str | None = None
) -> tuple[FilterClause, ...] | None:
    """Build the clauses of facet ``filters``, or ``None`` when nothing is filtered.

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
        field_name = facet.filter_field or facet.field
        terms = (_filter_term(field_name, facet.numeric, str(value)) for value in values)
        clauses.append(tuple(term for term in terms if term is not None))
    return tuple(clauses) if clauses else None
