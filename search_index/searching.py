"""Run one search against a snapshot and shape the result page."""

from __future__ import annotations

import dataclasses
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final, Literal, NamedTuple

import numpy as np
from numpy.typing import NDArray

from .analysis import has_han
from .calibration import relevance
from .coverage import coverage
from .embedding import query_rows
from .explain import Highlighter, find_matches, find_spans
from .query import WeightedQuery, build_filter, query_on
from .results import FacetValue, MatchedTerm, SearchHit, SearchPage
from .schema import ID_FIELD, IPC_FIELD, SORTS, TEXT_FIELD_WEIGHTS, SortKey
from .scoring import Scoring, best_first
from .snapshot import Snapshot
from .stopwords import is_informative
from .vectors import DenseMatrix

__all__ = ["DenseQuery", "Ranking", "fuse", "hits_for_ids", "language_codes", "ranked_ids",
           "run_search"]

Ranking = Literal["fused", "lexical", "dense"]

Ints = NDArray[np.int64]
Floats = NDArray[np.float64]
Mask = NDArray[np.bool_]

# Browsing (blank query) has no relevance to rank by, so it shows the newest first.
_BROWSE_SORT: Final = "date"
# Reciprocal-rank fusion (Cormack et al., SIGIR 2009): a document's fused score is the sum of
# 1 / (RRF_K + rank) over the lexical and the dense ranking. The dense ranking contributes its
# best DENSE_DEPTH documents under the filters; they join the lexical matches, so a patent that
# shares no word with the need (or is in the other language) can still be found.
# RRF_K is 10, not the paper's 60: chosen with the two rankings equally weighted over every
# development set at once (scripts/eval_search.py; README "Search and batch matching"). A larger
# K favours a patent that both rankings place fairly high over one that either places first;
# when they disagree, as across languages, such compromises are mostly irrelevant (Chinese needs
# over English patents: 0.45x their English version's nDCG@10 at 60, 0.63x at 10), at a cost
# within one language (English needs 1.91x BM25 at 60, 1.67x at 10; Chinese needs 2.17x, 1.95x).
RRF_K: Final = 10
DENSE_DEPTH: Final = 100
# A query of at most KEYWORD_WORDS informative words is a keyword search, where the words are
# the best evidence: its dense ranking counts KEYWORD_DENSE_WEIGHT of the fusion instead of half.
# Two-word keyword queries are where e5 is weakest (English AI set: dense 0.87x BM25 against
# lexical 1.05x, and the fused ranking at 0.94x fell below the lexical one). A quarter gives
# 1.05x there, at the cost of 0.002 nDCG@10 on the Chinese CCF titles (115 of their 958 are one
# or two words) and nothing on the needs (``scripts/eval_search.py --all``).
KEYWORD_WORDS: Final = 2
KEYWORD_DENSE_WEIGHT: Final = 0.25


@dataclass(frozen=True, slots=True)
class DenseQuery:
    """The dense side of one search: each document's row among the generation's vectors
    (``rows[docnum]``, -1 when it has no vector yet), the cosine of the query's vector with
    every row (one matrix product, shared by the searches of one query) and each document's
    language code (``language_codes``, ``codes`` by language name), for its ``baseline``: the
    query's median cosine over the patents of the document's language, how close the query is
    to any such patent, which the calibration takes out (``calibration.py``). By language,
    because a query is further from every patent of the other language: over a register of
    both, one median would favour every patent of the query's own language. A median is
    computed when a hit first needs it (a batch run, which builds no hit, never does).

    ``crossing`` holds the cosines of the query's row for patents in the other language
    (``embedding.crossing_vector``), when its vector carries one: the ranking reads them for
    those patents; hits keep the plain cosine, which calibration reads."""

    cosines: NDArray[np.float32]
    rows: Ints
    languages: Ints
    shifts: Mapping[str, NDArray[np.float32]] = dataclasses.field(default_factory=dict)
    crossing: NDArray[np.float32] | None = None
    codes: Mapping[str, int] = dataclasses.field(default_factory=dict)
    _medians: dict[tuple[bool, int], float] = dataclasses.field(
        default_factory=dict, compare=False, repr=False)

    @classmethod
    def of(cls, vector: NDArray[np.float32], matrix: DenseMatrix, rows: Ints,
           languages: Ints, shifts: Mapping[str, NDArray[np.float32]] | None = None,
           codes: Mapping[str, int] | None = None) -> DenseQuery:
        """The dense side of ``vector`` (flat or with its crossing row, ``query_rows``);
        ``languages[docnum]`` codes each document's language (``language_codes``, ``codes``
        by name); ``shifts`` by query language, the cross-language correction of each row
        (``language_bias.shifts``)."""
        own, other = query_rows(vector, matrix.matrix.shape[1])
        if other is None:
            return cls(matrix.matrix @ own, rows, languages, shifts or {}, None, codes or {})
        both = matrix.matrix @ np.stack([own, other], axis=1)
        return cls(np.ascontiguousarray(both[:, 0]), rows, languages, shifts or {},
                   np.ascontiguousarray(both[:, 1]), codes or {})

    def similarities(self, candidates: Mask, language: str | None = None
                     ) -> tuple[Ints, NDArray[np.float64]]:
        """The candidates that have a vector, and what the dense side ranks them by: each one's
        margin (the cosine above the query's median cosine in the patent's language, so that a
        patent in the other language, further from every query in this one, competes on the
        same footing), for a query in ``language`` read from its crossing row for a patent in
        the other language, less that patent's pull on any query in ``language``
        (``language_bias.py``). Within one language the order is the cosines'."""
        docs = np.flatnonzero(candidates & (self.rows >= 0))
        rows = self.rows[docs]
        scores = self.cosines[rows].astype(np.float64)
        codes = self.languages[docs]
        own = self.codes.get(language, -2) if language else -2
        crossing = self.crossing if language else None
        for code in np.unique(codes).tolist():
            at = codes == code
            if crossing is not None and code not in (own, -1):
                scores[at] = crossing[rows[at]] - self._median(code, crossing=True)
            else:
                scores[at] -= self._median(code)
        shift = self.shifts.get(language) if language else None
        if shift is not None:
            scores -= shift[rows]
        return docs, scores

    def similarity(self, docnum: int) -> float | None:
        row = int(self.rows[docnum])
        return float(self.cosines[row]) if row >= 0 else None

    def margin(self, docnum: int) -> float | None:
        """The cosine above the baseline of the document's language (``None``: no vector)."""
        similarity = self.similarity(docnum)
        return None if similarity is None else similarity - self.baseline(docnum)

    def baseline(self, docnum: int) -> float:
        """The query's median cosine over the documents with a vector in ``docnum``'s
        language (over all documents with a vector when none of its language has one)."""
        return self._median(int(self.languages[docnum]))

    def _median(self, code: int, *, crossing: bool = False) -> float:
        median = self._medians.get((crossing, code))
        if median is None:
            cosines = self.crossing if crossing and self.crossing is not None else self.cosines
            held = self.rows >= 0
            spoken = held & (self.languages == code)
            rows = self.rows[spoken if spoken.any() else held]
            median = float(np.median(cosines[rows])) if len(rows) else 0.0
            self._medians[(crossing, code)] = median
        return median


def language_codes(snapshot: Snapshot) -> tuple[Ints, dict[str, int]]:
    """Each document's language as a code (-1: none given), for ``DenseQuery.of``, and the
    code of each language."""
    codes = np.full(snapshot.size, -1, dtype=np.int64)
    table = snapshot.facet_table("language")
    codes[table.docs] = table.codes
    return codes, {str(value): code for code, value in enumerate(table.values)}


def _facet_value(value: Any) -> FacetValue | None:
    """A facet value as shown; ``None`` for a value that stands for "missing"."""
    if isinstance(value, bytes):
        value = value.decode("utf-8")
    if isinstance(value, int):
        return value if value > 0 else None
    return value or None


def _counts(
    snapshot: Snapshot, name: str, mask: Mask, limit: int
) -> list[tuple[FacetValue, int]]:
    """The ``limit`` most frequent values of facet ``name`` among the documents in ``mask``."""
    table = snapshot.facet_table(name)
    if not len(table.docs):
        return []
    counts = np.bincount(table.codes[mask[table.docs]], minlength=len(table.values))
    values: dict[FacetValue, int] = {}
    for code in np.flatnonzero(counts).tolist():
        value = _facet_value(table.values[code])
        if value is not None:
            values[value] = values.get(value, 0) + int(counts[code])
    return sorted(values.items(), key=lambda item: (-item[1], str(item[0])))[:limit]


def _sorted_by_column(snapshot: Snapshot, sort: str, docs: Ints, count: int) -> Ints:
    column, descending = SORTS.get(sort, SORTS[_BROWSE_SORT])
    # As floats, so that negating the missing value (the smallest integer) cannot overflow.
    keys = snapshot.sort_key(column)[docs].astype(np.float64)
    order = np.lexsort((docs, -keys if descending else keys))
    result: Ints = docs[order[:count]]
    return result


def _hit(
    snapshot: Snapshot,
    query: WeightedQuery,
    docnum: int,
    score: float | None,
    covered: float | None,
    matches: set[MatchedTerm],
    highlighter: Highlighter | None,
    dense: DenseQuery | None,
    chinese: bool | None,
) -> SearchHit:
    """The hit for ``docnum``; without a ``highlighter``, unexplained (scores only);
    ``chinese``: whether the query is in Chinese (``query.chinese``, computed once per search).

    Only informative terms (no stop words, boilerplate, numbers or single characters) are
    shown as evidence; the lexicon pairs are those whose every term the document holds. The
    calibrated relevance combines the coverage with the dense margin (the similarity above the
    query's baseline in the patent's language) when there is one.
    """
    stored = snapshot.stored(docnum)
    held = {match.term for match in matches}
    pairs = tuple(dict.fromkeys(group.pair for group in query.groups
                                if group.pair[0] and held.issuperset(group.terms)))
    evidence = {match for match in matches
                if match.field == IPC_FIELD or is_informative(match.term)}
    highlights = {}
    for field in TEXT_FIELD_WEIGHTS if highlighter is not None else ():
        terms = {match.term for match in evidence if match.field == field}
        text = stored.get(field) or ""
        spans = find_spans(text, terms) if terms else []
        if spans:
            assert highlighter is not None
            highlights[field] = highlighter(field, text, spans)
    similarity = dense.similarity(docnum) if dense else None
    margin = dense.margin(docnum) if dense else None
    known = covered is not None or similarity is not None
    languages = None if chinese is None else (
        "zh" if chinese else "en", "zh" if has_han(stored.get("title") or "") else "en")
    calibrated = relevance(covered, margin, languages=languages) \
        if score is not None and known else None
    return SearchHit(id=stored["id"], score=score, highlights=highlights,
                     matched_terms=frozenset(evidence), dense_similarity=similarity,
                     dense_margin=margin, coverage=covered, relevance=calibrated,
                     term_pairs=pairs)


def _id_mask(snapshot: Snapshot, ids: Collection[str]) -> Mask:
    """The live documents whose id is one of ``ids``."""
    mask = np.zeros(snapshot.size, dtype=np.bool_)
    for doc_id in set(ids):
        postings = snapshot.postings(ID_FIELD, doc_id)
        if postings is not None:
            mask[postings[0]] = True
    return mask & snapshot.live


def _matching(
    scoring: Scoring, query: WeightedQuery, ranked: bool
) -> tuple[Mask, NDArray[np.float64] | None]:
    """The documents that match ``query``, and their scores when ranked by relevance."""
    snapshot = scoring.snapshot
    if query.browse:
        return snapshot.live.copy(), None
    if query.is_empty():
        return np.zeros(snapshot.size, dtype=np.bool_), None
    first = scoring.first_pass(query)
    matched = first > 0
    return matched, scoring.with_feedback(query, first) if ranked else None


def _reciprocal_ranks(scores: Floats, docs: Ints, out: Floats, weight: float) -> None:
    """Add ``weight / (RRF_K + rank)`` to ``out`` for ``docs`` ranked by ``scores`` (best
    first)."""
    ranked = best_first(scores, docs, len(docs))
    out[ranked] += weight / (RRF_K + np.arange(1, len(ranked) + 1))


def dense_weight(query: WeightedQuery) -> float:
    """The dense ranking's share of the fusion for ``query``: a quarter for a keyword search,
    half otherwise."""
    return KEYWORD_DENSE_WEIGHT if query.length <= KEYWORD_WORDS else 0.5


def fuse(
    matched: Mask, scores: Floats, allowed: Mask, dense: DenseQuery, ranking: Ranking,
    language: str | None = None, weight: float = 0.5,
) -> tuple[Mask, Floats]:
    """The matches and scores of the fused (or dense) ranking among the ``allowed`` documents,
    from the lexical ``matched`` and ``scores`` of a query in ``language``, the dense ranking
    counting ``weight`` of the fusion; lexical alone while no document has a vector."""
    docs, similarity = dense.similarities(allowed, language)
    if not len(docs):
        return matched, scores
    cosines = np.zeros(len(matched), dtype=np.float64)
    cosines[docs] = similarity
    if ranking == "dense":
        dense_matched = np.zeros(len(matched), dtype=np.bool_)
        dense_matched[docs] = True
        return dense_matched, cosines
    fused = np.zeros(len(matched), dtype=np.float64)
    _reciprocal_ranks(scores, np.flatnonzero(matched & allowed), fused, 2 * (1 - weight))
    nearest = best_first(cosines, docs, DENSE_DEPTH)
    _reciprocal_ranks(cosines, nearest, fused, 2 * weight)
    with_nearest = matched.copy()
    with_nearest[nearest] = True
    return with_nearest, fused


class _Ranked(NamedTuple):
    """What a query matches: ``matched`` documents (those holding its words, and with a dense
    side its nearest in meaning), of them those ``worded``, which hold its words or their
    equivalents; their ``scores`` when ranked; the documents ``allowed`` by the filters."""

    matched: Mask
    worded: Mask
    scores: Floats | None
    allowed: Mask


def _ranked(
    scoring: Scoring,
    query: WeightedQuery,
    filters: Mapping[str, Sequence[str]] | None,
    dense: DenseQuery | None,
    ranking: Ranking,
    *,
    ranked: bool = True,
) -> _Ranked:
    """The matching documents, their scores when ``ranked`` (lexical, or fused with ``dense``
    unless ``ranking`` is ``"lexical"``) and the documents passing ``filters``."""
    snapshot = scoring.snapshot
    worded, scores = _matching(scoring, query, ranked)
    matched = worded
    allowed = snapshot.filter_mask(build_filter(filters))
    if ranked and not query.browse and dense is not None and ranking != "lexical":
        # Text without a searchable word (or only words of the other language) still has a
        # meaning the dense side can match.
        lexical = scores if scores is not None else np.zeros(snapshot.size)
        matched, scores = fuse(worded, lexical, allowed, dense, ranking, query.language,
                               dense_weight(query))
    return _Ranked(matched, worded, scores, allowed)


def run_search(
    snapshot: Snapshot,
    text: str,
    *,
    filters: Mapping[str, Sequence[str]] | None,
    sort: SortKey,
    page: int,
    per_page: int,
    facets: Sequence[str],
    facet_limit: int,
    ids: Collection[str] | None = None,
    explain: bool = True,
    dense: DenseQuery | None = None,
    ranking: Ranking = "fused",
) -> SearchPage:
    """Search ``snapshot`` and return the requested page (arguments already validated).

    ``ids`` keeps only those documents, scored exactly as in the unrestricted search.
    Without ``explain`` the hits carry no matched terms or highlights (same scores and order).

    Relevance ranks by BM25F with feedback (``scoring.py``), fused with the ``dense`` ranking
    when given (``ranking`` picks fused, lexical or dense alone); blank text browses newest
    first. Each facet is counted over the documents matching the query and every filter but
    its own.
    """
    query = query_on(snapshot, text)
    scoring = Scoring(snapshot)
    matched, worded, scores, allowed = _ranked(scoring, query, filters, dense, ranking,
                                               ranked=sort == "relevance")
    if ids is not None:
        matched &= _id_mask(snapshot, ids)
    selected = matched & allowed
    docs = np.flatnonzero(selected)
    wanted = page * per_page
    if scores is not None:
        ordered = best_first(scores, docs, wanted)
    else:
        ordered = _sorted_by_column(snapshot, sort, docs, wanted)
    page_docs = ordered[(page - 1) * per_page : wanted].tolist()
    hits = _hits(scoring, query, page_docs, scores, explain, dense)
    counts = {}
    for name in facets:
        if filters and filters.get(name):
            others = matched & snapshot.filter_mask(build_filter(filters, ignore=name))
        else:
            others = selected
        counts[name] = _counts(snapshot, name, others, facet_limit)
    return SearchPage(total=len(docs), page=page, per_page=per_page, hits=hits, facets=counts,
                      with_words=None if query.browse else int(np.count_nonzero(worded & selected)))


def ranked_ids(
    snapshot: Snapshot,
    text: str,
    *,
    count: int,
    filters: Mapping[str, Sequence[str]] | None = None,
    dense: DenseQuery | None = None,
    ranking: Ranking = "fused",
) -> list[tuple[str, float | None]]:
    """The ids and scores of the first ``count`` documents of ``run_search``'s ranking by
    relevance, in its order, without building hits (no coverage, relevance or stored fields):
    all a batch run keeps of each need."""
    query = query_on(snapshot, text)
    matched, _, scores, allowed = _ranked(Scoring(snapshot), query, filters, dense, ranking)
    docs = np.flatnonzero(matched & allowed)
    ids = snapshot.doc_ids()
    if scores is None:  # blank text browses, newest first, unscored
        return [(ids[doc], None) for doc in
                _sorted_by_column(snapshot, "relevance", docs, count).tolist()]
    return [(ids[doc], float(scores[doc])) for doc in best_first(scores, docs, count).tolist()]


def _hits(
    scoring: Scoring,
    query: WeightedQuery,
    docnums: list[int],
    scores: NDArray[np.float64] | None,
    explain: bool,
    dense: DenseQuery | None,
) -> list[SearchHit]:
    """The hits of ``docnums`` in that order, with coverage and calibrated relevance when
    ranked; explained (terms, highlights, lexicon pairs) if ``explain``."""
    snapshot = scoring.snapshot
    matches = find_matches(snapshot, query, docnums) if explain else {}
    covered = coverage(scoring, query, docnums) if scores is not None else {}
    highlighter = Highlighter() if explain else None
    chinese = query.chinese
    return [
        _hit(snapshot, query, docnum, float(scores[docnum]) if scores is not None else None,
             covered.get(docnum), matches.get(docnum, set()), highlighter, dense, chinese)
        for docnum in docnums
    ]


def hits_for_ids(
    snapshot: Snapshot,
    text: str,
    *,
    filters: Mapping[str, Sequence[str]] | None,
    ids: Collection[str],
    dense: DenseQuery | None = None,
    ranking: Ranking = "fused",
) -> dict[str, SearchHit]:
    """The unexplained hits (score, coverage, calibrated relevance) of those of ``ids`` that
    match ``text`` and ``filters``, scored exactly as ``run_search`` ranks them (scores
    ``None`` under blank text, which browses), in one pass however many ids there are."""
    query = query_on(snapshot, text)
    scoring = Scoring(snapshot)
    matched, _, scores, allowed = _ranked(scoring, query, filters, dense, ranking)
    selected = matched & _id_mask(snapshot, ids) & allowed
    hits = _hits(scoring, query, np.flatnonzero(selected).tolist(), scores, False, dense)
    return {hit.id: hit for hit in hits}
