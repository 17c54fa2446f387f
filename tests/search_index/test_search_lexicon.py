"""The bilingual domain lexicon: a need in one language finds patents written in the other."""

from __future__ import annotations

import json
import statistics
from collections.abc import Callable
from typing import Any

import pytest

from search_index import PatentDocument, SearchIndex, build_query
from search_index.analysis import MIXED_ANALYZER, has_han
from search_index.lexicon_data import GROUPS
from tests.conftest import SHARED_DATA

SearchIds = Callable[..., list[str]]


def test_a_chinese_need_finds_the_english_patent_after_the_chinese_one(
        search_ids: SearchIds) -> None:
    found = search_ids("锂离子电池")
    assert found[:2] == ["cn-battery", "us-battery"]


def test_an_english_need_finds_chinese_patents(search_ids: SearchIds) -> None:
    found = search_ids("anaerobic digestion")
    assert found[0] == "us-digester"
    assert "cn-anaerobic-reactor" in found  # 厌氧


def test_an_equivalent_counts_only_with_all_its_words(index: SearchIndex) -> None:
    index.upsert([PatentDocument(id="ion-exchange", title="Ion exchange resin column")])
    found = [hit.id for hit in index.search("锂离子电池").hits]
    assert "us-battery" in found
    assert "ion-exchange" not in found


def test_the_longest_lexicon_match_wins() -> None:
    groups = {group.terms for group in build_query("太阳能电池板", None).groups}
    assert ("cell", "solar") in groups
    assert ("batteri",) not in groups  # 电池 inside 太阳能电池 is not a battery


def test_equivalents_are_weighted_below_the_words_they_stand_for() -> None:
    query = build_query("lithium ion battery", None)
    assert set(query.terms) == {"lithium", "ion", "batteri"}
    assert query.groups
    for group in query.groups:
        assert set(group.terms) != set(query.terms)
        # Together they weigh LEXICON_WEIGHT (0.6) of the three words they translate.
        assert group.weight * len(group.terms) == pytest.approx(0.6 * 3)


def test_every_group_has_two_members_and_no_member_is_in_two_groups() -> None:
    seen: dict[str, int] = {}
    for number, group in enumerate(GROUPS):
        analysed = [tuple(t.text for t in MIXED_ANALYZER(member)) for member in group]
        assert len(group) >= 2 and all(analysed), group
        assert any(has_han(member) for member in group), group  # bilingual
        for member in group:
            key = member.lower()
            assert seen.setdefault(key, number) == number, f"{member!r} is in two groups"


def test_pairs_the_lexicon_links_are_scored_as_related_by_experts() -> None:
    """USPTO phrase pairs without a shared word, linked only through a lexicon equivalent,
    are scored by patent experts above the average pair."""
    path = SHARED_DATA / "uspto_phrase_matching_en" / "pairs.jsonl"
    if not path.exists():
        pytest.skip(f"{path} is not available")
    with path.open(encoding="utf-8") as lines:
        pairs: list[dict[str, Any]] = [json.loads(line) for line in lines]
    queries: dict[str, Any] = {}
    linked = []
    for pair in pairs:
        query = queries.get(pair["anchor"]) or build_query(pair["anchor"], None)
        queries[pair["anchor"]] = query
        target = {token.text for token in MIXED_ANALYZER(pair["target"])}
        if set(query.terms) & target:
            continue
        if any(set(group.terms) <= target for group in query.groups):
            linked.append(pair["score"])
    assert len(linked) >= 10
    assert statistics.fmean(linked) > statistics.fmean(pair["score"] for pair in pairs)
