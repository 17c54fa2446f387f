"""Rules of needs and alerts: budgets in fen, activity, relevance, keeping the best matches."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from marketplace.needs import rules

TODAY = dt.date(2026, 11, 21)


@pytest.mark.parametrize(("yuan", "fen"), [
    ("0", 0), ("1", 100), ("0.01", 1), ("12.5", 1250), (Decimal("500000.00"), 50_000_000),
    (300_000, 30_000_000),
])
def test_yuan_become_exact_fen(yuan: str | Decimal | int, fen: int) -> None:
    assert rules.yuan_to_fen(yuan) == fen
    assert rules.fen_to_yuan(fen) == Decimal(str(yuan)).quantize(Decimal("0.01"))


@pytest.mark.parametrize("bad", ["0.001", "-1", "abc", "NaN", "Infinity", "1e-3"])
def test_amounts_that_are_not_whole_fen_are_refused(bad: str) -> None:
    with pytest.raises(ValueError):
        rules.yuan_to_fen(bad)


def test_need_problems_name_each_field() -> None:
    ok = rules.need_problems(budget_min_fen=100, budget_max_fen=100, valid_until=TODAY,
                             today=TODAY)
    assert ok == {}
    problems = rules.need_problems(budget_min_fen=200, budget_max_fen=100,
                                   valid_until=TODAY - dt.timedelta(days=1), today=TODAY)
    assert set(problems) == {"budget_max_fen", "valid_until"}
    assert set(rules.need_problems(budget_min_fen=-1, budget_max_fen=None, valid_until=TODAY,
                                   today=TODAY)) == {"budget_min_fen"}


def test_a_need_is_active_while_open_up_to_its_last_day() -> None:
    assert rules.is_active(open_=True, valid_until=TODAY, today=TODAY)
    assert not rules.is_active(open_=True, valid_until=TODAY, today=TODAY + dt.timedelta(1))
    assert not rules.is_active(open_=False, valid_until=TODAY, today=TODAY)


@pytest.mark.parametrize(("relevance", "expected"), [
    (0.0, 0), (0.304, 30), (0.305, 30), (0.6, 60), (1.0, 100), (None, None),
])
def test_relevance_is_shown_as_a_whole_percentage(relevance: float | None,
                                                  expected: int | None) -> None:
    assert rules.percent(relevance) == expected


@pytest.mark.parametrize(("pct", "expected"), [
    (100, rules.Band.STRONG), (60, rules.Band.STRONG), (59, rules.Band.POSSIBLE),
    (30, rules.Band.POSSIBLE), (29, rules.Band.WEAK), (0, rules.Band.WEAK), (None, None),
])
def test_labels_follow_the_bands(pct: int | None, expected: rules.Band | None) -> None:
    assert rules.band(pct, strong_min=60, possible_min=30) == expected


def test_need_text_joins_what_the_sme_wrote() -> None:
    text = rules.need_text(" 杀青设备 ", "受热不均", "茶叶加工", None)
    assert text == "杀青设备\n受热不均\n茶叶加工"


def _m(score: float, relevance: float = 0.5) -> rules.Match:
    return rules.Match(score, relevance)


def test_top_matches_break_ties_by_patent() -> None:
    assert rules.top_matches({3: _m(1.0), 1: _m(2.0), 2: _m(1.0)}, 2) == [(1, _m(2.0)),
                                                                          (2, _m(1.0))]
    assert rules.top_matches({1: _m(1.0)}, 0) == []


def test_merge_moves_changed_patents_and_keeps_the_others() -> None:
    current = {1: _m(9.0), 2: _m(5.0), 3: _m(4.0)}
    merged = rules.merge_matches(current, {2: None, 4: _m(6.0), 3: _m(8.0)}, keep=3)
    assert merged == [(1, _m(9.0)), (3, _m(8.0)), (4, _m(6.0))]
    # A weak newcomer does not enter a full list; one that left is not replaced by a stranger.
    assert rules.merge_matches(current, {5: _m(1.0)}, keep=3) == [(1, _m(9.0)), (2, _m(5.0)),
                                                                  (3, _m(4.0))]
    assert rules.merge_matches(current, {1: None}, keep=3) == [(2, _m(5.0)), (3, _m(4.0))]


def test_newly_qualifying_pairs_are_new_and_calibrated_relevant_enough() -> None:
    # The ranking score does not decide: a top-ranked patent of low relevance never qualifies.
    after = [(1, _m(10.0, 0.9)), (2, _m(7.0, 0.7)), (3, _m(5.0, 0.5)), (4, _m(4.0, 0.1))]
    assert rules.newly_qualifying({1}, after, min_relevance=60) == [(2, 70)]
    assert rules.newly_qualifying(set(), after, min_relevance=50) == [(1, 90), (2, 70),
                                                                       (3, 50)]
    assert rules.newly_qualifying(set(), [(1, _m(10.0, 0.2))], min_relevance=30) == []
