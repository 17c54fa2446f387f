"""What a user of the search page checks: matching, highlighting, facets, filters, paging."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
from collections.abc import Callable
from datetime import datetime
from operator import attrgetter
from pathlib import Path

import pytest

from search_index import MAX_PER_PAGE, PatentDocument, SearchIndex

SearchIds = Callable[..., list[str]]


# Matching


@pytest.mark.parametrize("query", ["杀青", "自动化", "自动化杀青设备", "杀青 设备", "茶叶杀青"])
def test_chinese_words_inside_longer_words_are_found(search_ids: SearchIds, query: str) -> None:
    assert search_ids(query)[0] == "cn-tea-fixing"


def test_english_inflections_match(search_ids: SearchIds) -> None:
    assert search_ids("batteries")[0] == "us-battery"
    assert "us-digester" in search_ids("digesting")
    assert "us-washer" in search_ids("Washing Machines")


def test_mixed_script_query_finds_both_languages(search_ids: SearchIds) -> None:
    assert {"cn-battery", "us-battery"} <= set(search_ids("锂离子 battery")[:2])


def test_title_outranks_claim_only_match(search_ids: SearchIds, index: SearchIndex) -> None:
    claim_only = PatentDocument(
        id="claim-only",
        title="一种绿茶加工方法",
        first_claim="一种方法，其特征在于，采用滚筒杀青。",
    )
    index.upsert([claim_only])
    ranked = search_ids("杀青")
    assert ranked.index("cn-tea-fixing") < ranked.index("claim-only")


def test_hits_explain_why_they_matched(index: SearchIndex) -> None:
    hit = index.search("厌氧 C02F 3/28").hits[0]
    assert hit.id == "cn-anaerobic-reactor"
    assert {"title", "abstract", "ipc"} <= hit.matched_fields
    assert "C02F3/28" in hit.shared_ipc
    assert hit.score is not None and hit.score > 0


# Highlighting


def test_highlight_marks_the_matched_word_in_chinese(index: SearchIndex) -> None:
    hit = index.search("杀青").hits[0]
    assert hit.highlights["title"] == '自动化<mark class="match term0">杀青</mark>设备'
    assert '<mark class="match term0">杀青</mark>' in hit.highlights["abstract"]


def test_highlight_marks_stemmed_matches_and_escapes_html(index: SearchIndex) -> None:
    hit = index.search("washing").hits[0]
    title = hit.highlights["title"]
    assert '<mark class="match term0">washing</mark>' in title
    assert "<script>" not in title
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; drum" in title
    assert "&lt;b&gt;" in index.search("vibration").hits[0].highlights["abstract"]


def test_long_fields_are_excerpted(index: SearchIndex) -> None:
    long_abstract = "背景技术。" * 100 + "本装置采用电磁杀青。" + "其他说明。" * 100
    index.upsert([PatentDocument(id="long", title="茶叶加工装置", abstract=long_abstract)])
    [hit] = index.search("电磁").hits
    assert "<mark" in hit.highlights["abstract"]
    assert len(hit.highlights["abstract"]) < 300


# Facets and filters


def test_facet_counts_cover_all_matches(index: SearchIndex) -> None:
    facets = index.search("", facets=("kind", "region", "ipc", "filing_year")).facets
    assert facets["kind"] == [("invention", 5), ("utility_model", 3), ("design", 1)]
    assert facets["region"][:2] == [("江苏", 2), ("广东", 2)] or facets["region"][:2] == [
        ("广东", 2), ("江苏", 2)
    ]  # fmt: skip
    assert ("C02F", 3) in facets["ipc"]
    assert ("A23F", 2) in facets["ipc"]
    assert (2020, 2) in facets["filing_year"]


def test_facet_counts_reflect_the_query(index: SearchIndex) -> None:
    facets = index.search("茶叶", facets=("kind", "patentee")).facets
    assert dict(facets["kind"]) == {"invention": 1, "utility_model": 1}
    assert facets["patentee"][0] == ("杭州茶机科技有限公司", 2)


def test_filtered_facet_still_shows_its_alternatives(index: SearchIndex) -> None:
    page = index.search("", filters={"region": ["江苏"]}, facets=("region", "kind"))
    assert page.total == 2
    # Other regions stay visible so the user can switch or add one...
    assert dict(page.facets["region"])["浙江"] == 2
    # ...while other facets count only what the region filter lets through.
    assert dict(page.facets["kind"]) == {"utility_model": 1, "invention": 1}


def test_filters_combine_or_within_and_across_facets(search_ids: SearchIds) -> None:
    found = search_ids("", filters={"region": ["江苏", "浙江"], "kind": ["invention"]})
    assert sorted(found) == ["cn-membrane-cleaning", "cn-tea-fixing"]


@pytest.mark.parametrize("code", ["C02F", "C02F 3/28", "C02F3/28", "C02F 3/00"])
def test_ipc_filter_accepts_any_level(search_ids: SearchIds, code: str) -> None:
    assert "cn-anaerobic-reactor" in search_ids("", filters={"ipc": [code]})
    assert "cn-tea-fixing" not in search_ids("", filters={"ipc": [code]})


def test_numeric_filters_and_impossible_values(index: SearchIndex) -> None:
    assert {hit.id for hit in index.search("", filters={"filing_year": ["2020"]}).hits} == {
        "cn-tea-roller", "cn-membrane-cleaning"
    }  # fmt: skip
    assert index.search("", filters={"filing_year": ["soon"]}).total == 0


def test_unknown_names_are_rejected(index: SearchIndex) -> None:
    with pytest.raises(ValueError, match="unknown facets"):
        index.search("茶", facets=("colour",))
    with pytest.raises(ValueError, match="unknown sort"):
        index.search("茶", sort="random")  # type: ignore[arg-type]


# Paging and sorting


SOLAR = [
    PatentDocument(
        id=f"solar-{i:02d}",
        title=f"太阳能电池组件 第{i}代",
        kind="invention",
        fee_amount=100.0 * i,
        announced_at=datetime(2024, 1, i % 28 + 1, i % 24),  # all different, not in id order
        filing_year=2000 + i % 20,
    )
    for i in range(1, 46)
]
UNDATED = PatentDocument(id="solar-undated", title="太阳能电池组件")


@pytest.fixture
def many(empty_index: SearchIndex) -> SearchIndex:
    """45 solar patents with fees and dates, and one with neither."""
    empty_index.upsert([*SOLAR, UNDATED])
    return empty_index


def test_pages_partition_the_results(many: SearchIndex) -> None:
    pages = [many.search("太阳能", page=n, per_page=20) for n in (1, 2, 3)]
    assert [len(page.hits) for page in pages] == [20, 20, 6]
    assert {page.total for page in pages} == {46}
    assert pages[0].pages == 3
    seen = [hit.id for page in pages for hit in page.hits]
    assert len(set(seen)) == 46


def test_out_of_range_paging_is_clamped_or_empty(many: SearchIndex) -> None:
    assert many.search("太阳能", page=99).hits == []
    assert many.search("太阳能", page=99).total == 46
    assert len(many.search("太阳能", page=-3, per_page=5).hits) == 5
    assert many.search("太阳能", per_page=10_000).per_page == MAX_PER_PAGE


def test_sort_by_fee_is_cheapest_first_with_unpriced_last(many: SearchIndex) -> None:
    hits = many.search("太阳能", sort="fee", per_page=100).hits
    assert [hit.id for hit in hits] == [doc.id for doc in SOLAR] + [UNDATED.id]
    assert all(hit.score is None for hit in hits)


def test_sort_by_date_is_newest_first_with_undated_last(many: SearchIndex) -> None:
    newest_first = sorted(SOLAR, key=attrgetter("announced_at"), reverse=True)
    hits = many.search("太阳能", sort="date", per_page=100).hits
    assert [hit.id for hit in hits] == [doc.id for doc in newest_first] + [UNDATED.id]


def test_sort_by_filing_year_is_newest_first(many: SearchIndex) -> None:
    year = {doc.id: doc.filing_year for doc in SOLAR}
    hits = many.search("", sort="filing_year", per_page=100).hits
    years = [year[hit.id] for hit in hits[:-1]]
    assert years == sorted(years, reverse=True)
    assert hits[-1].id == UNDATED.id


def test_blank_query_browses_everything_newest_first(index: SearchIndex) -> None:
    page = index.search("", per_page=100)
    assert page.total == 9
    assert [hit.id for hit in page.hits[:2]] == ["us-washer", "cn-tea-roller"]


# Writing


def test_upsert_replaces_by_id(index: SearchIndex, corpus: dict[str, PatentDocument]) -> None:
    rewritten = dataclasses.replace(
        corpus["cn-tea-fixing"], title="滚筒式绿茶烘干机", abstract="", first_claim=""
    )
    assert index.upsert([rewritten]) == 1
    assert index.doc_count() == 9
    assert [hit.id for hit in index.search("烘干机").hits] == ["cn-tea-fixing"]
    assert index.search("杀青").total == 0


def test_upsert_of_a_repeated_id_keeps_the_last(empty_index: SearchIndex) -> None:
    first = PatentDocument(id="p1", title="杀青机")
    assert empty_index.upsert([first, dataclasses.replace(first, title="揉捻机")]) == 1
    assert empty_index.doc_count() == 1
    assert empty_index.search("杀青").total == 0


def test_delete_removes_documents(index: SearchIndex) -> None:
    assert index.delete(["cn-tea-fixing", "no-such-id"]) == 1
    assert index.doc_count() == 8
    assert "cn-tea-fixing" not in [hit.id for hit in index.search("杀青").hits]
    assert index.delete([]) == 0


def test_clear_empties_the_index(index: SearchIndex) -> None:
    index.clear()
    assert index.doc_count() == 0
    assert index.search("").total == 0


def test_other_instances_see_committed_changes(index: SearchIndex, index_path: Path) -> None:
    with SearchIndex(index_path) as reader:
        assert reader.search("揉捻").total == 1
        index.delete(["cn-tea-roller"])
        assert reader.search("揉捻").total == 0


def test_a_missing_index_searches_as_empty(tmp_path: Path) -> None:
    missing = SearchIndex(tmp_path / "never-created")
    assert missing.doc_count() == 0
    assert missing.search("茶", facets=("kind",)).facets == {"kind": []}
    assert not (tmp_path / "never-created").exists()


def test_only_patent_documents_are_accepted(empty_index: SearchIndex) -> None:
    with pytest.raises(TypeError, match="expected PatentDocument"):
        empty_index.upsert([{"id": "x", "title": "dict"}])  # type: ignore[list-item]
    with pytest.raises(ValueError, match="blank"):
        PatentDocument(id=" ", title="x")
    with pytest.raises(ValueError, match="kind"):
        PatentDocument(id="x", title="x", kind="patent")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="tuple of strings"):
        PatentDocument(id="x", title="x", ipc="C02F 3/28")  # type: ignore[arg-type]


def test_the_package_stands_alone() -> None:
    # A fresh interpreter, so that modules other tests imported do not count.
    code = (
        "import sys, search_index; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in {'flask', 'marketplace'}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
