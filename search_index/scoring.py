"""Relevance: BM25F over the query's terms, then pseudo-relevance feedback (RM3).

BM25F (Robertson, Zaragoza & Taylor 2004): a term's frequency in each free-text field is
divided by that field's length normalisation, multiplied by the field's weight and summed over
the fields; the sum is saturated once (``tf / (k1 + tf)``) and multiplied by the term's IDF.
Unlike summing one BM25 per field, a term repeated in title, abstract and claim cannot score
three times over.

Pseudo-relevance feedback (RM3, Lavrenko & Croft 2001; Abdul-Jaleel et al. 2004): the best
documents of the first pass are taken as relevant; the terms that characterise them (frequent
in them, rare in the index) are added to the query, together weighing ``FEEDBACK_WEIGHT``
against the query's own terms, and so are the IPC subclasses most of them share. A need's own
words rarely name every way a patent describes the same technique; feedback adds the
patents' vocabulary. Feedback only re-ranks: the documents that match are still those holding
a query word (or a lexicon equivalent, or a queried IPC code), so counts and facets mean what
users expect.
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Mapping
from typing import Any, Final

import numpy as np
from numpy.typing import NDArray

from .analysis import MIXED_ANALYZER, ipc_terms
from .query import WeightedQuery, idf
from .schema import (
    BM25_K1,
    FEEDBACK_FIELDS,
    FIELD_LENGTH_NORMS,
    IPC_FIELD,
    TEXT_FIELD_WEIGHTS,
    analysed_terms,
    decode_terms,
)
from .snapshot import Snapshot
from .stopwords import BOILERPLATE
from .translation import frequency

__all__ = ["FEEDBACK_DOCS", "FEEDBACK_TERMS", "FEEDBACK_WEIGHT", "Scoring"]

Floats = NDArray[np.float64]
Ints = NDArray[np.int64]
TermScores = tuple[Ints, Floats]  # documents holding a term, and its BM25F score in each

# RM3 settings: the first pass's 5 best documents, 30 expansion terms, and the expansion
# weighing as much as the original query (5 documents ranked as well as 10 on the development
# sets and halve the cost of reading them).
FEEDBACK_DOCS: Final = 5
FEEDBACK_TERMS: Final = 30
FEEDBACK_WEIGHT: Final = 0.5
# An IPC subclass shared by at least this share of the feedback documents (weighted by score)
# is added, weighing up to IPC_FEEDBACK_WEIGHT times an average query term.
IPC_FEEDBACK_SHARE: Final = 0.5
IPC_FEEDBACK_WEIGHT: Final = 0.5
# No expansion term weighs more than this share of the heaviest query term: with very few
# feedback candidates (a small index), one term would otherwise carry the whole expansion.
_FEEDBACK_TERM_CAP: Final = 0.5
_IPC_LENGTH_NORM: Final = 0.4
_IPC_SUBCLASS_LEVEL: Final = 2


@functools.cache
def _boilerplate() -> frozenset[str]:
    return frozenset(token.text for token in MIXED_ANALYZER(BOILERPLATE))


def _useful(term: str) -> bool:
    """Whether a feedback term says something: not boilerplate, a bare number or a single
    Latin letter."""
    return (
        term not in _boilerplate()
        and not term.replace(".", "").isdigit()
        and not (len(term) == 1 and term.isascii())
    )


class Scoring:
    """Scores for one search over a snapshot; caches each term's scores for the search."""

    def __init__(self, snapshot: Snapshot) -> None:
        self.snapshot = snapshot
        self._documents = max(snapshot.live_count, 1)
        self._text: dict[str, TermScores | None] = {}
        self._ipc: dict[str, TermScores | None] = {}

    # Single terms

    def text_term(self, term: str) -> TermScores | None:
        """BM25F of a free-text term in every document holding it (live documents only),
        computed once per snapshot: a need's common words, and the translations of a need in
        the other language, recur from search to search."""
        if term not in self._text:
            self._text[term] = self.snapshot.derived(
                "bm25f", term, lambda: self._bm25f(term),
                lambda found: 0 if found is None else len(found[0]))
        return self._text[term]

    def _bm25f(self, term: str) -> TermScores | None:
        snapshot = self.snapshot
        docs: list[Ints] = []
        frequencies: list[Floats] = []
        for field, weight in TEXT_FIELD_WEIGHTS.items():
            found = snapshot.postings(field, term)
            if found is not None:
                norm = snapshot.length_norm(field, FIELD_LENGTH_NORMS[field])
                docs.append(found[0])
                frequencies.append(weight * found[1] / norm[found[0]])
        return self._saturate(docs, frequencies)

    def holding(self, term: str) -> Ints:
        """The live documents holding a free-text term (in any field), ascending."""
        found = self.text_term(term)
        return found[0] if found is not None else np.zeros(0, dtype=np.int64)

    def idf(self, term: str) -> float:
        """The term's IDF over the documents holding it in any free-text field (the highest
        for a term no document holds)."""
        return idf(self._documents, len(self.holding(term)))

    def ipc_term(self, term: str) -> TermScores | None:
        """BM25 of an IPC level in the IPC field."""
        if term not in self._ipc:
            found = self.snapshot.postings(IPC_FIELD, term)
            scores = None
            if found is not None:
                norm = self.snapshot.length_norm(IPC_FIELD, _IPC_LENGTH_NORM)
                scores = self._saturate([found[0]], [found[1] / norm[found[0]]])
            self._ipc[term] = scores
        return self._ipc[term]

    def _saturate(self, docs: list[Ints], frequencies: list[Floats]) -> TermScores | None:
        """Sum each document's field frequencies, drop deleted documents, apply BM25."""
        if not docs:
            return None
        holding: Ints
        frequency: Floats
        if len(docs) == 1:
            holding, frequency = docs[0], frequencies[0]
        else:
            holding, where = np.unique(np.concatenate(docs), return_inverse=True)
            frequency = np.bincount(where, weights=np.concatenate(frequencies)).astype(np.float64)
        if self.snapshot.live_count < self.snapshot.size:
            live = self.snapshot.live[holding]
            holding, frequency = holding[live], frequency[live]
        if not len(holding):
            return None
        rarity = idf(self._documents, len(holding))
        return holding, rarity * frequency / (BM25_K1 + frequency)

    # Whole queries

    def first_pass(self, query: WeightedQuery) -> Floats:
        """Each document's score for ``query``; 0 for documents that do not match it."""
        scores = np.zeros(self.snapshot.size)
        for term, weight in query.terms.items():
            found = self.text_term(term)
            if found is not None:
                scores[found[0]] += weight * found[1]
        for group in query.groups:
            self._add_group(scores, group.terms, group.weight)
        for term, weight in query.ipc.items():
            found = self.ipc_term(term)
            if found is not None:
                scores[found[0]] += weight * found[1]
        return scores

    def _add_group(self, scores: Floats, terms: tuple[str, ...], weight: float) -> None:
        """Add the group's terms' scores for the documents that hold every one of them."""
        parts = [part for term in terms if (part := self.text_term(term)) is not None]
        if len(parts) < len(terms):
            return
        docs, total = parts[0]
        for other_docs, other in parts[1:]:
            # Postings are ascending document numbers: keep those in both.
            docs, mine, theirs = np.intersect1d(docs, other_docs, assume_unique=True,
                                                return_indices=True)
            total = total[mine] + other[theirs]
        scores[docs] += weight * total

    def with_feedback(self, query: WeightedQuery, first: Floats) -> Floats:
        """Re-rank the first pass's matches with the query expanded by feedback (RM3)."""
        top = _best(first, FEEDBACK_DOCS)
        if not len(top):
            return first
        weights = first[top] / first[top[0]]
        own = sum(query.terms.values()) or 1.0
        final = first.copy()
        for term, weight in self._feedback_terms(query, top, weights, own).items():
            found = self.text_term(term)
            if found is not None:
                final[found[0]] += weight * found[1]
        average = own / max(len(query.terms), 1)
        for term, weight in self._feedback_ipc(top, weights, average).items():
            found = self.ipc_term(term)
            if found is not None:
                final[found[0]] += weight * found[1]
        final[first <= 0] = 0.0
        return final

    def _feedback_terms(
        self, query: WeightedQuery, top: Ints, weights: Floats, own: float
    ) -> dict[str, float]:
        mass: Counter[str] = Counter()
        for docnum, weight in zip(top.tolist(), weights.tolist(), strict=True):
            counts = self._document_terms(docnum)
            length = sum(counts.values()) or 1
            for term, count in counts.items():
                mass[term] += weight * count / length
        known = query.words
        snapshot = self.snapshot
        candidates: dict[str, float] = {}
        for term, value in mass.items():
            if term in known or not _useful(term):
                continue
            held = frequency(snapshot, term)
            if held > 1:
                candidates[term] = value * idf(self._documents, held)
        best = sorted(candidates.items(), key=lambda item: (-item[1], item[0]))[:FEEDBACK_TERMS]
        total = sum(value for _, value in best)
        if not total:
            return {}
        share = FEEDBACK_WEIGHT / (1 - FEEDBACK_WEIGHT) * own
        cap = _FEEDBACK_TERM_CAP * max(query.terms.values(), default=1.0)
        return {term: min(share * value / total, cap) for term, value in best}

    def _feedback_ipc(self, top: Ints, weights: Floats, average: float) -> dict[str, float]:
        shares: Counter[str] = Counter()
        for docnum, weight in zip(top.tolist(), weights.tolist(), strict=True):
            codes = self.snapshot.stored(docnum).get(IPC_FIELD) or ()
            subclasses = {levels[_IPC_SUBCLASS_LEVEL] for levels in map(ipc_terms, codes)
                          if levels}
            for subclass in subclasses:
                shares[subclass] += weight
        total = float(weights.sum())
        return {
            subclass: IPC_FEEDBACK_WEIGHT * average * value / total
            for subclass, value in shares.items()
            if value / total >= IPC_FEEDBACK_SHARE
        }

    def _document_terms(self, docnum: int) -> Mapping[str, int]:
        """The analysed terms of a document's title and abstract (cached per segment): read
        from the fields' columns, or analysed from the stored text where a column is empty
        (an index written before the columns existed, or a field without terms)."""

        def read() -> Counter[str]:
            counts: Counter[str] = Counter()
            stored: dict[str, Any] | None = None
            for field in FEEDBACK_FIELDS:
                value = self.snapshot.column_bytes(docnum, field)
                if value:
                    counts.update(decode_terms(value))
                else:
                    stored = stored if stored is not None else self.snapshot.stored(docnum)
                    counts.update(analysed_terms(stored.get(field) or ""))
            return counts

        return self.snapshot.document_memo(docnum, "terms", read, len)


def _best(scores: Floats, count: int) -> Ints:
    """The ``count`` best-scoring documents with a positive score, best first."""
    return best_first(scores, np.flatnonzero(scores > 0), count)


def best_first(scores: Floats, docs: Ints, count: int) -> Ints:
    """The ``count`` best of ``docs`` (ascending document numbers) by score, best first.

    Equal scores are ordered by document number, also across the cut-off, so that the first
    ``n`` of a longer list are always the list for ``n``: pages never overlap or skip.
    """
    if len(docs) > count:
        values = scores[docs]
        cutoff = -np.partition(-values, count - 1)[count - 1]
        better = docs[values > cutoff]
        tied = docs[values == cutoff]
        docs = np.concatenate([better, tied[: count - len(better)]])
    result: Ints = docs[np.lexsort((docs, -scores[docs]))]
    return result
