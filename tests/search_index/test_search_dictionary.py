"""The general dictionary: a need's everyday words reach patents in the other language."""

from __future__ import annotations

import pytest

from search_index import PatentDocument, SearchIndex, build_query, translation
from search_index import query as query_module
from search_index.analysis import latin_terms
from search_index.dictionary import (
    chinese_senses,
    clean_sense,
    english_headwords,
    segment,
)
from search_index.query import DICTIONARY_WEIGHT, LEXICON_WEIGHT, WeightedQuery

DISHWASHER = PatentDocument(
    id="us-dishwasher", title="Dishwasher with a rotating spray arm",
    abstract="A dishwasher whose spray arm turns under water pressure to reach every rack.",
    language="en")
EXTINGUISHER = PatentDocument(
    id="cn-extinguisher", title="一种便携式灭火器",
    abstract="本实用新型公开了一种便携式灭火器，包括筒体、喷嘴和压力表，结构简单、操作方便。",
    language="zh")
OTHERS = [
    PatentDocument(id="us-washer", title="Washing machine drum with lifters", language="en"),
    PatentDocument(id="cn-boiler", title="一种燃气锅炉", abstract="燃气锅炉的燃烧器。",
                   language="zh"),
]


@pytest.fixture
def world(empty_index: SearchIndex) -> SearchIndex:
    empty_index.upsert([DISHWASHER, EXTINGUISHER, *OTHERS])
    return empty_index


def _ids(index: SearchIndex, text: str) -> list[str]:
    return [hit.id for hit in index.search(text, ranking="lexical").hits]


def test_a_chinese_need_finds_the_english_patent_by_a_word_the_lexicon_lacks(
        world: SearchIndex) -> None:
    assert _ids(world, "想买一台省水的洗碗机") == ["us-dishwasher"]


def test_an_english_need_finds_the_chinese_patent_by_a_word_the_lexicon_lacks(
        world: SearchIndex) -> None:
    assert _ids(world, "a small fire extinguisher for kitchens") == ["cn-extinguisher"]


def test_the_match_is_explained_by_the_word_and_its_translation(world: SearchIndex) -> None:
    hit = world.search("洗碗机", ranking="lexical").hits[0]
    assert ("洗碗机", "dishwasher") in hit.term_pairs


def test_a_translation_weighs_less_than_the_word_and_is_shared_among_the_senses() -> None:
    query = build_query("纸箱", None)  # not in the lexicon: a carton, a cardboard box
    weights = {group.pair[1]: group.weight * len(group.terms) for group in query.groups}
    assert set(weights) == {"carton", "cardboard box"}
    assert sum(weights.values()) == pytest.approx(DICTIONARY_WEIGHT * query.terms["纸箱"])
    assert all(weight < query.terms["纸箱"] for weight in weights.values())


def test_translations_the_index_cannot_match_are_left_out(world: SearchIndex) -> None:
    query = world._with_snapshot(  # the index holds "dishwash" but no carton or cardboard
        lambda snapshot: build_query("洗碗机和纸箱", snapshot), None)
    assert query is not None
    assert [group.pair for group in query.groups] == [("洗碗机", "dishwasher")]
    # The one translation weighs what the word's senses would have shared: the word's terms
    # (洗碗机 and its part 洗碗) times DICTIONARY_WEIGHT.
    mass = query.terms["洗碗机"] + query.terms["洗碗"]
    assert query.groups[0].weight == pytest.approx(DICTIONARY_WEIGHT * mass)


def test_the_lexicon_wins_over_the_dictionary() -> None:
    query = build_query("冰箱", None)  # in the lexicon as refrigerator; the dictionary adds icebox
    assert [(group.pair, group.weight) for group in query.groups] == [
        (("冰箱", "refrigerator"), pytest.approx(LEXICON_WEIGHT))]


def test_senses_are_plain_phrases_without_notes_names_or_classifiers() -> None:
    assert clean_sense("to electroplate") == "electroplate"
    assert clean_sense("(coll.) modem") == "modem"
    assert clean_sense("Shuili township in Nantou county") is None  # a place name
    assert clean_sense("CL:台[tai2]") is None
    assert clean_sense("variant of 乾[gan1]") is None
    assert clean_sense("a device for doing several things at once") is None  # not a term
    assert chinese_senses("污泥") == ("mud", "sludge")
    assert chinese_senses("的") == ()  # single characters are not translated


def test_a_compound_the_dictionary_lacks_is_translated_by_its_longest_parts() -> None:
    assert not chinese_senses("印染厂")
    assert segment("印染厂") == [(0, 2)]
    assert chinese_senses("印染")


def test_an_english_sense_lists_the_headwords_having_it_earliest_first() -> None:
    assert "洗碗机" in english_headwords(("dishwash",))
    headwords = english_headwords(("bus",))
    assert headwords[0] == "公共汽车"  # "bus" is its first sense
    assert "母线" in headwords  # an electrical bus: a later sense
    assert english_headwords(("水",)) == ()


def test_a_plural_the_stemmer_cuts_differently_finds_the_singular_sense() -> None:
    buses = [term for term, _, _ in latin_terms("buses")]
    assert buses != ["bus"]
    assert english_headwords(tuple(buses)) == english_headwords(("bus",))


def _chinese_titles(index: SearchIndex, *titles: str) -> None:
    index.upsert([PatentDocument(id=f"cn-{n}", title=title, language="zh")
                  for n, title in enumerate(titles)])


def _translations(index: SearchIndex, text: str, word: str) -> list[str]:
    return [group.pair[1] for group in _query(index, text).groups if group.pair[0] == word]


def test_the_translations_the_patents_use_most_are_searched(
        empty_index: SearchIndex, monkeypatch: pytest.MonkeyPatch) -> None:
    _chinese_titles(empty_index, "客车车门", "一种客车空调", "客车顶灯", "汽车雨刷", "汽车天窗",
                    "母线槽")
    monkeypatch.setattr(translation, "ALTERNATIVES", 2)
    assert _translations(empty_index, "a bus", "bus") == ["客车", "汽车"]
    # Without an index to ask, the headwords having the sense earliest.
    assert [group.pair[1] for group in build_query("bus", None).groups] == ["公共汽车", "公车"]


def test_the_translations_whose_patents_hold_the_needs_other_words_are_searched(
        empty_index: SearchIndex) -> None:
    # 母线 (a busbar) and 汽车 (a car) are as frequent as 客车 (a coach), but only coaches
    # have seats here: "bus" is 客车 in a need about seats, and "seat" is 座椅 on a bus.
    _chinese_titles(empty_index, "一种客车座椅", "客车座椅调节机构", "母线槽", "母线排",
                    "汽车雨刷", "汽车天窗", "一种座位", "一种座位")
    assert _translations(empty_index, "a bus", "bus") == ["客车", "母线", "汽车"]
    assert _translations(empty_index, "a bus seat", "bus") == ["客车"]
    assert _translations(empty_index, "a bus seat", "seat") == ["座椅"]


def test_only_the_most_informative_words_are_translated(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(query_module, "TRANSLATED_WORDS", 2)
    query = build_query("纸箱、灭火器和洗碗机", None)
    assert len({group.pair[0] for group in query.groups}) == 2


def _numbered(prefix: str, title: str, count: int) -> list[PatentDocument]:
    """``count`` English patents titled ``title`` and their number."""
    return [PatentDocument(id=f"{prefix}-{n}", title=f"{title} {n}", language="en")
            for n in range(count)]


def test_a_translation_most_patents_hold_is_left_out(
        empty_index: SearchIndex, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(translation, "COMMON_FLOOR", 1)
    empty_index.upsert([*_numbered("carton", "Carton number", 3),
                        *_numbered("other", "Dishwasher rack", 40)])
    # 3 of 43 hold carton: over 5 %
    assert [group.pair for group in _query(empty_index, "纸箱").groups] == []
    monkeypatch.setattr(translation, "COMMON_TRANSLATION", 0.1)
    assert [group.pair for group in _query(empty_index, "纸箱").groups] == [("纸箱", "carton")]


def _query(index: SearchIndex, text: str) -> WeightedQuery:
    query = index._with_snapshot(lambda snapshot: build_query(text, snapshot), None)
    assert query is not None
    return query


# A need as an SME pastes it: more distinct words than LONG_QUERY_TERMS, none of them in the
# English patents' own words.
LONG_CHINESE_NEED = (
    "我们是一家位于浙江的小型餐饮连锁企业，旗下门店每天中午和晚上要清洗大量碗碟，目前全部依靠"
    "人工洗涤，耗费人力和用水，高峰时段经常来不及。希望找到一种适合商用厨房的洗碗机，"
    "能够节约用水和洗涤剂，占地面积不要太大，价格在中小企业可以承受的范围内，并且维护简单。"
)


def test_a_long_chinese_need_keeps_the_words_the_english_patents_hold_in_translation(
        empty_index: SearchIndex) -> None:
    empty_index.upsert([DISHWASHER, *OTHERS])
    query = _query(empty_index, LONG_CHINESE_NEED)
    assert len(build_query(LONG_CHINESE_NEED, None).terms) > query_module.LONG_QUERY_TERMS
    # No patent holds a word of the need, yet the word the dictionary carries across is kept.
    assert "洗碗机" in query.terms
    assert ("洗碗机", "dishwasher") in {group.pair for group in query.groups}
    assert _ids(empty_index, LONG_CHINESE_NEED)[0] == "us-dishwasher"


OVEN = PatentDocument(id="us-oven", title="Oven with a steam generator", language="en")


def test_the_words_translated_are_those_with_the_rarest_translations(
        empty_index: SearchIndex, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(query_module, "TRANSLATED_WORDS", 1)
    empty_index.upsert([OVEN, *_numbered("carton", "Carton number", 5),
                        *_numbered("other", "Washing drum", 100)])
    # 纸箱 comes first and weighs as much, but five patents hold a carton and one an oven.
    assert [group.pair for group in _query(empty_index, "纸箱和烤箱").groups] == [
        ("烤箱", "oven")]


def test_a_word_whose_translations_no_patent_holds_takes_no_translation_slot(
        empty_index: SearchIndex, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(query_module, "TRANSLATED_WORDS", 1)
    empty_index.upsert([OVEN, *OTHERS])
    # No patent holds carton or cardboard: the one slot goes to the oven.
    assert [group.pair for group in _query(empty_index, "纸箱和烤箱").groups] == [
        ("烤箱", "oven")]


# A need pasted in English, longer than LONG_QUERY_TERMS, over Chinese patents.
LONG_ENGLISH_NEED = (
    "We run a small chain of restaurants and wash up a great many plates by hand every noon and "
    "evening, so our staff and water bills keep growing. We are looking for a fire extinguisher "
    "that suits a commercial kitchen, saves floor space, costs what a small firm can afford and "
    "is simple to maintain, plus training for cooks."
)


def test_a_long_need_weighs_no_function_word_however_rare_in_the_patents(
        empty_index: SearchIndex) -> None:
    # Latin "so" and "up" in two Chinese abstracts: among the rarest terms of a Chinese index.
    empty_index.upsert([EXTINGUISHER, *OTHERS, PatentDocument(
        id="cn-flue", title="一种烟气脱硫装置",
        abstract="脱除烟气中的SO 和粉尘，启动时up指示灯亮。", language="zh")])
    assert len(build_query(LONG_ENGLISH_NEED, None).terms) > query_module.LONG_QUERY_TERMS
    query = _query(empty_index, LONG_ENGLISH_NEED)
    assert not {"so", "up"} & set(query.terms)
    assert "extinguish" in query.terms
    assert _ids(empty_index, LONG_ENGLISH_NEED)[0] == "cn-extinguisher"
