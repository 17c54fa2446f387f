"""The relevance measures of scripts/eval_search.py, on hand-computed cases."""

from __future__ import annotations

import math

import pytest

from marketplace.search.evaluation import (
    Scores,
    Target,
    evaluate,
    ndcg_at,
    ratio,
    read_qrels,
    recall_at,
    reciprocal_rank,
)


def test_ndcg_of_the_ideal_ranking_is_one_and_of_no_hit_zero() -> None:
    grades = {"a": 1, "b": 1}
    assert ndcg_at(["a", "b", "x"], grades) == 1.0
    assert ndcg_at(["x", "y"], grades) == 0.0
    assert ndcg_at([], grades) == 0.0


def test_ndcg_hand_computed() -> None:
    # Relevant documents at ranks 2 and 3 of 2 relevant: (1/log2(3) + 1/log2(4)) / (1 + 1/log2(3)).
    expected = (1 / math.log2(3) + 0.5) / (1 + 1 / math.log2(3))
    assert ndcg_at(["x", "a", "b"], {"a": 1, "b": 1}) == pytest.approx(expected)
    assert expected == pytest.approx(0.6934, abs=1e-4)


def test_ndcg_uses_graded_gains_and_cuts_at_k() -> None:
    grades = {"a": 2, "b": 1}
    # b (gain 1) before a (gain 3): (1 + 3/log2(3)) / (3 + 1/log2(3)).
    expected = (1 + 3 / math.log2(3)) / (3 + 1 / math.log2(3))
    assert ndcg_at(["b", "a"], grades) == pytest.approx(expected)
    assert ndcg_at(["x", "y", "a"], grades, k=2) == 0.0


def test_recall_counts_relevant_documents_within_k() -> None:
    assert recall_at(["a", "x", "b"], {"a", "b", "c", "d"}, k=2) == 0.25
    assert recall_at(["a", "x", "b"], {"a", "b", "c", "d"}, k=100) == 0.5
    assert recall_at(["a"], set()) == 0.0


def test_reciprocal_rank_is_that_of_the_first_relevant_document() -> None:
    assert reciprocal_rank(["x", "y", "a", "b"], {"a", "b"}) == pytest.approx(1 / 3)
    assert reciprocal_rank(["x"], {"a"}) == 0.0


def test_evaluate_averages_over_judged_queries_only() -> None:
    qrels = {"q1": {"a": 1}, "q2": {"b": 1, "c": 0}, "q3": {"d": 0}}
    scores = evaluate({"q1": ["a"], "q2": ["c", "b"]}, qrels)
    assert scores.queries == 2  # q3 has no relevant document
    assert scores.mrr == pytest.approx((1 + 0.5) / 2)
    assert scores.recall_100 == 1.0
    assert scores.ndcg_10 == pytest.approx((1 + 1 / math.log2(3)) / 2)
    # A judged query without a run scores 0.
    assert evaluate({}, {"q1": {"a": 1}}).mrr == 0.0


def test_read_qrels_skips_the_header_and_rejects_bad_lines() -> None:
    lines = ["query_id\tdoc_id\trelevance", "q1\ta\t1", "q1\tb\t0", "", "q2\tc\t2"]
    assert read_qrels(lines) == {"q1": {"a": 1, "b": 0}, "q2": {"c": 2}}
    with pytest.raises(ValueError, match="line 2"):
        read_qrels(["q\td\t1", "q\td"])
    with pytest.raises(ValueError, match="line 2: relevance 'high'"):
        read_qrels(["q\td\t1", "q\te\thigh"])


def test_ratio_is_a_multiple_and_none_against_zero() -> None:
    assert ratio(0.6, 0.5) == pytest.approx(1.2)
    assert ratio(0.3, 0.0) is None


def test_targets_of_issue_12() -> None:
    target = Target()
    bm25 = Scores(30, ndcg_10=0.50, recall_100=0.80, mrr=0.6)
    # 1.2× nDCG@10 with the same recall meets it; more nDCG with less recall does not.
    assert target.monolingual_met(Scores(30, 0.60, 0.80, 0.7), bm25)
    assert not target.monolingual_met(Scores(30, 0.59, 0.90, 0.7), bm25)
    assert not target.monolingual_met(Scores(30, 0.90, 0.79, 0.9), bm25)
    assert not target.monolingual_met(Scores(30, 0.90, 0.90, 0.9), Scores(0, 0.0, 0.0, 0.0))
    # Across languages: at least 0.60× the same queries in the patents' language.
    own = Scores(958, 0.50, 0.70, 0.6)
    assert target.cross_language_met(Scores(958, 0.30, 0.40, 0.4), own)
    assert not target.cross_language_met(Scores(958, 0.29, 0.70, 0.4), own)
