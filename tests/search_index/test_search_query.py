"""User text to queries: hostile input, IPC routing, long-need reduction, filters."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from search_index import PatentDocument, SearchIndex, SearchPage, build_filter, build_query
from search_index import query as query_module
from search_index.query import LONG_QUERY_TERMS, FilterTerm, WeightedQuery

HOSTILE = [
    '"unbalanced quote',
    "((( nested [brackets} ",
    "AND",
    "OR NOT AND",
    "杀青 AND NOT 设备 OR",
    "title:杀青",
    "ipc:C02F",
    "*",
    "?",
    "bat*ry? te?t",
    ":",
    "\\",
    "^2 ~3 +- !",
    "x" * 10_000,
    "杀青设备" * 2_500,
    "🔋💧🌱",
    "杀青🔋battery💧",
    "!!!???...。。。，，，",
    "",
    "   \t\n ",
    "\x00\x01",
    "C02F 3/",
    "' OR 1=1 --",
    "<script>alert(1)</script>",
    "Wi-Fi模块ｘ５ Ελληνικά русский 日本語のテキスト 한국어",
    "\u202etxet desrever",
]


@pytest.mark.parametrize("text", HOSTILE, ids=lambda text: repr(text[:20]))
def test_any_user_text_returns_a_page(index: SearchIndex, text: str) -> None:
    page = index.search(text, filters={"kind": ["invention"]})
    assert isinstance(page, SearchPage)
    assert page.total >= len(page.hits)


def test_operators_are_plain_words_not_syntax(search_ids: Callable[..., list[str]]) -> None:
    # "NOT" must not exclude anything: it is an English stop word.
    assert "cn-tea-fixing" in search_ids("杀青 NOT 设备")
    assert search_ids("title:杀青") == search_ids("title 杀青")


def test_text_without_searchable_terms_matches_nothing(index: SearchIndex) -> None:
    assert index.search("的了 🔋 ???").total == 0


@pytest.mark.parametrize("text", ["C02F 3/28", "C02F3/28", "c02f 3/28", "C02F", "找C02F3/28设备"])
def test_ipc_forms_find_the_document(search_ids: Callable[..., list[str]], text: str) -> None:
    assert "cn-anaerobic-reactor" in search_ids(text)


def test_ipc_group_ranks_exact_group_above_same_subclass(index: SearchIndex) -> None:
    page = index.search("C02F 3/28")
    ranked = [hit.id for hit in page.hits]
    # The membrane cleaner shares only the subclass (C02F 1/44).
    assert ranked.index("cn-anaerobic-reactor") < ranked.index("cn-membrane-cleaning")
    assert ranked.index("us-digester") < ranked.index("cn-membrane-cleaning")
    reactor = page.hits[ranked.index("cn-anaerobic-reactor")]
    assert {"C02F", "C02F3", "C02F3/28"} <= reactor.shared_ipc


def _built(index: SearchIndex, text: str, max_terms: int = LONG_QUERY_TERMS) -> WeightedQuery:
    """The query ``index.search(text)`` would run (reaching into the index for its searcher)."""
    query: WeightedQuery = index._with_snapshot(
        lambda snapshot: build_query(text, snapshot.searcher, max_terms=max_terms), None
    )
    return query


def test_ipc_codes_are_searched_only_in_the_ipc_field(index: SearchIndex) -> None:
    query = _built(index, "C02F 3/28 厌氧")
    assert query.ipc == {"C02F3/28": 2.0, "C02F3": 1.0, "C02F": 0.5}
    assert set(query.terms) == {"厌氧"}


# A technology need as companies write them: background, generic wording, then the point.
NEED = (
    "随着社会的不断发展，我公司在生产过程中产生大量高浓度有机废水，目前处理成本较高。"
    "为了解决以上问题，希望寻求一种厌氧反应器技术，利用厌氧消化处理废水并回收沼气，"
    "要求运行稳定、占地面积小、投资少，欢迎高校和科研院所合作。"
)
LONG_NEED = NEED * 19  # a pasted description of some 2,000 characters


def test_long_need_is_reduced_to_its_most_informative_terms(index: SearchIndex) -> None:
    # "技术" becomes common in the index; "厌氧" stays rare and is frequent in the need.
    index.upsert(
        PatentDocument(id=f"generic-{i}", title=f"机械结构{i}", abstract="本技术方案涉及机械结构。")
        for i in range(20)
    )
    query = _built(index, LONG_NEED, max_terms=8)
    assert len(query.terms) <= 8
    assert "厌氧" in query.terms
    assert "技术" not in query.terms
    assert max(query.terms.values()) == 1.0
    # In no document at all: cannot match, dropped.
    assert not set(query.terms) & {"欢迎", "科研院所", "投资"}


def test_long_need_finds_the_matching_patent_first(index: SearchIndex) -> None:
    page = index.search(LONG_NEED, facets=())
    assert page.hits[0].id == "cn-anaerobic-reactor"


def test_short_query_keeps_every_term_at_full_weight(index: SearchIndex) -> None:
    query = _built(index, "厌氧 反应器")
    assert query.terms == {"厌氧": 1.0, "反应器": 1.0, "反应": 1.0}
    assert not query.browse and not query.is_empty()


def test_blank_text_browses_and_symbols_look_for_nothing() -> None:
    assert build_query("  ", searcher=None).browse
    nothing = build_query("的了 🔋 ???", searcher=None)
    assert nothing.is_empty()


def test_filters_or_within_a_facet_and_across_facets() -> None:
    clauses = build_filter({"kind": ["invention", "design"], "region": ["浙江"], "ipc": []})
    assert clauses == (
        (FilterTerm("kind", "invention"), FilterTerm("kind", "design")),
        (FilterTerm("region", "浙江"),),
    )
    assert build_filter({"kind": []}) is None
    assert build_filter(None) is None
    assert build_filter({"kind": ["design"]}, ignore="kind") is None


def test_filter_values_that_cannot_occur_match_nothing() -> None:
    assert build_filter({"filing_year": ["twenty"]}) == ((),)
    assert build_filter({"ipc": ["not a code"]}) == ((),)
    assert build_filter({"ipc": ["C02F 3/00"], "filing_year": ["2019"]}) == (
        (FilterTerm("ipc", "C02F3"),), (FilterTerm("filing_year", 2019),)
    )


def test_a_bare_string_filter_value_is_one_value() -> None:
    assert build_filter({"region": "浙江"}) == ((FilterTerm("region", "浙江"),),)


def test_unknown_filter_names_are_a_programming_error() -> None:
    with pytest.raises(ValueError, match="unknown filter 'colour'"):
        build_filter({"colour": ["red"]})


def test_a_texts_query_is_built_once_per_snapshot_and_again_after_a_change(
        empty_index: SearchIndex, monkeypatch: pytest.MonkeyPatch) -> None:
    built: list[str] = []
    real = query_module.build_query
    monkeypatch.setattr(query_module, "build_query",
                        lambda text, searcher: built.append(text) or real(text, searcher))
    empty_index.upsert([PatentDocument(id="a", title="Sludge dewatering press")])
    first = empty_index.search("sludge press")
    assert empty_index.search("sludge press", page=2).total == first.total
    assert built == ["sludge press"]  # the second page reused the query
    empty_index.upsert([PatentDocument(id="b", title="Sludge drying belt")])
    assert empty_index.search("sludge press").total == 2
    assert built == ["sludge press", "sludge press"]  # a new snapshot, rarer words: built anew
