"""Relevance measures of ranked runs against judgments: nDCG@k, Recall@k and MRR.

Definitions as in ``trec_eval`` and ``../shared/data/bm25_baseline.py``: graded gain
``2**grade - 1`` with a ``log2(rank + 1)`` discount, normalised by the ideal ordering of the
judged grades; recall counts documents with a grade above 0; the reciprocal rank is that of
the first such document anywhere in the run. Queries without any relevant document are left
out of the means.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass

Grades = Mapping[str, int]  # document id -> relevance grade


def ndcg_at(ranking: Sequence[str], grades: Grades, k: int = 10) -> float:
    """Normalised discounted cumulative gain of the first ``k`` documents of ``ranking``."""
    dcg = sum((2 ** grades.get(doc, 0) - 1) / math.log2(rank + 2)
              for rank, doc in enumerate(ranking[:k]))
    ideal = sorted((grade for grade in grades.values() if grade > 0), reverse=True)[:k]
    best = sum((2**grade - 1) / math.log2(rank + 2) for rank, grade in enumerate(ideal))
    return dcg / best if best else 0.0


def recall_at(ranking: Sequence[str], relevant: Collection[str], k: int = 100) -> float:
    """Share of the ``relevant`` documents found among the first ``k`` of ``ranking``."""
    if not relevant:
        return 0.0
    return sum(1 for doc in ranking[:k] if doc in relevant) / len(relevant)


def reciprocal_rank(ranking: Sequence[str], relevant: Collection[str]) -> float:
    """1 / the rank of the first relevant document (0 when there is none)."""
    for rank, doc in enumerate(ranking, start=1):
        if doc in relevant:
            return 1 / rank
    return 0.0


@dataclass(frozen=True, slots=True)
class Scores:
    """Means over the judged queries."""

    queries: int
    ndcg_10: float
    recall_100: float
    mrr: float


def evaluate(runs: Mapping[str, Sequence[str]], qrels: Mapping[str, Grades]) -> Scores:
    """Score ``runs`` (query id -> ranked document ids) against ``qrels``; a judged query
    missing from ``runs`` counts as an empty ranking."""
    ndcg, recall, mrr = [], [], []
    for query_id, grades in qrels.items():
        relevant = {doc for doc, grade in grades.items() if grade > 0}
        if not relevant:
            continue
        ranking = runs.get(query_id, ())
        ndcg.append(ndcg_at(ranking, grades, 10))
        recall.append(recall_at(ranking, relevant, 100))
        mrr.append(reciprocal_rank(ranking, relevant))
    if not ndcg:
        return Scores(0, 0.0, 0.0, 0.0)
    return Scores(len(ndcg), statistics.fmean(ndcg), statistics.fmean(recall),
                  statistics.fmean(mrr))


def read_qrels(lines: Iterable[str]) -> dict[str, dict[str, int]]:
    """Judgments from TSV lines ``query_id doc_id relevance``, a header line allowed."""
    qrels: dict[str, dict[str, int]] = {}
    for number, line in enumerate(lines, start=1):
        fields = line.split()
        if not fields:
            continue
        if len(fields) != 3:
            raise ValueError(f"qrels line {number}: expected query_id, doc_id, relevance")
        query_id, doc_id, grade = fields
        try:
            value = int(grade)
        except ValueError:
            if number == 1:  # the header
                continue
            raise ValueError(f"qrels line {number}: relevance {grade!r} is not a number") from None
        qrels.setdefault(query_id, {})[doc_id] = value
    return qrels


def ratio(value: float, reference: float) -> float | None:
    """``value`` as a multiple of ``reference`` (``None`` when the reference is 0)."""
    return value / reference if reference else None


@dataclass(frozen=True, slots=True)
class Target:
    """What issue 12 asks of a ranking on a development set, against plain BM25 measured in
    the same run: at least ``min_ndcg_ratio`` times its nDCG@10 and no less of its
    Recall@100; for a cross-language set, at least ``min_own_language_ratio`` times the
    nDCG@10 of the same queries in the patents' language."""

    min_ndcg_ratio: float = 1.20
    min_own_language_ratio: float = 0.60

    def monolingual_met(self, scores: Scores, baseline: Scores) -> bool:
        ndcg = ratio(scores.ndcg_10, baseline.ndcg_10)
        return (ndcg is not None and ndcg >= self.min_ndcg_ratio
                and scores.recall_100 >= baseline.recall_100)

    def cross_language_met(self, scores: Scores, own_language: Scores) -> bool:
        share = ratio(scores.ndcg_10, own_language.ndcg_10)
        return share is not None and share >= self.min_own_language_ratio
