"""Calibrated relevance: coverage of the query's words, a bounded monotone model, and
explanations without stop words, numbers or single characters."""

from __future__ import annotations

import math

from hypothesis import given
from hypothesis import strategies as st

from search_index import PatentDocument, SearchIndex
from search_index.calibration import (
    CROSS_LANGUAGE,
    DENSE_MODEL,
    LEXICAL_MODEL,
    Languages,
    relevance,
)
from search_index.explain import closest_sentence
from search_index.stopwords import is_informative

coverages = st.floats(min_value=0.0, max_value=1.0)
margins = st.floats(min_value=-2.0, max_value=2.0)
anything = st.one_of(st.none(), st.floats(allow_nan=True, allow_infinity=True))


languages = st.sampled_from([None, ("zh", "zh"), ("en", "zh"), ("zh", "en"), ("en", "en")])


@given(coverage=anything, margin=anything, pair=languages)
def test_relevance_is_a_probability_for_any_input(coverage: float | None,
                                                  margin: float | None,
                                                  pair: Languages | None) -> None:
    value = relevance(coverage, margin, languages=pair)
    assert 0.0 <= value <= 1.0 and not math.isnan(value)


@given(low=coverages, high=coverages, margin=st.one_of(st.none(), margins), pair=languages)
def test_relevance_never_falls_as_coverage_rises(low: float, high: float,
                                                 margin: float | None,
                                                 pair: Languages | None) -> None:
    low, high = sorted((low, high))
    assert relevance(low, margin, languages=pair) <= relevance(high, margin, languages=pair)


@given(coverage=coverages, low=margins, high=margins, pair=languages)
def test_relevance_never_falls_as_the_dense_margin_rises(coverage: float, low: float,
                                                         high: float,
                                                         pair: Languages | None) -> None:
    low, high = sorted((low, high))
    assert relevance(coverage, low, languages=pair) <= relevance(coverage, high, languages=pair)


@given(coverage=coverages, margin=margins, pair=languages)
def test_the_dense_side_only_ever_adds_to_the_words_evidence(coverage: float, margin: float,
                                                             pair: Languages | None) -> None:
    # A patent holding the need's words is as relevant with the dense side on as without it.
    assert relevance(coverage, margin, languages=pair) >= relevance(coverage) - 1e-12


def test_a_pair_across_languages_is_read_with_the_share_of_evidence_that_survives() -> None:
    # Measured on the same titles and patents in both languages (scripts/fit_cross_language.py):
    # the dense model reads a margin across languages times its scale, its intercept shifted.
    for (query, patent), crossing in CROSS_LANGUAGE.items():
        assert query != patent and 0.0 <= crossing.scale <= 1.0
        for margin in (0.02, 0.05, 0.08):
            expected = 1 / (1 + math.exp(-(DENSE_MODEL.intercept + crossing.shift
                                           + DENSE_MODEL.margin * margin * crossing.scale)))
            lexical = relevance(0.0)
            assert math.isclose(relevance(0.0, margin, languages=(query, patent)),
                                1 - (1 - lexical) * (1 - expected), rel_tol=1e-9)
    for same in (("zh", "zh"), ("en", "en")):
        assert relevance(0.0, 0.05, languages=same) == relevance(0.0, 0.05)
    # Without the dense side the language makes no difference.
    assert relevance(0.5, None, languages=("en", "zh")) == relevance(0.5)


def test_labels_read_the_margin_not_the_raw_cosine() -> None:
    # A patent no closer to the need than the need's typical patent is weak however high the
    # model's raw cosine (0.85 is ordinary for e5); one well above the rest is possible.
    assert relevance(0.0, 0.0) < 0.3
    assert relevance(0.0, 0.06) >= 0.3
    assert relevance(0.0, 0.08) >= 0.6


def test_every_signal_weighs_for_relevance_never_against() -> None:
    assert LEXICAL_MODEL.coverage > 0 and LEXICAL_MODEL.margin == 0
    assert DENSE_MODEL.coverage >= 0 and DENSE_MODEL.margin > 0


def test_coverage_is_the_share_of_the_need_found_and_ignores_stop_words(
        index: SearchIndex) -> None:
    whole = index.hits("自动化杀青设备", ids=["cn-tea-fixing"])["cn-tea-fixing"]
    assert whole.coverage == 1.0
    # Function words add nothing to find and take nothing away.
    padded = index.hits("的和做不上 自动化杀青设备", ids=["cn-tea-fixing"])["cn-tea-fixing"]
    assert padded.coverage == 1.0
    half = index.hits("杀青 污水", ids=["cn-tea-fixing"])["cn-tea-fixing"]
    assert half.coverage is not None and 0.0 < half.coverage < 1.0
    assert half.relevance is not None and whole.relevance is not None
    assert half.relevance < whole.relevance


def test_the_best_of_unrelated_patents_is_not_relevant(index: SearchIndex) -> None:
    page = index.search("猫咪逗猫玩具 自动激光逗猫棒 宠物用品设备", facets=())
    assert page.hits, "a generic word still matches something"
    best = page.hits[0]
    assert best.coverage is not None and best.coverage < 0.3
    assert best.relevance is not None and best.relevance < 0.3


def test_explanations_never_show_stop_words_numbers_or_single_characters(
        empty_index: SearchIndex) -> None:
    empty_index.upsert([PatentDocument(
        id="noise", title="一种上料装置和方法",
        abstract="本装置不需要人工做上料，62 g 茶叶一次装入，提高杀青效率。")])
    hit = empty_index.search("和 做 不 上 62 g 一种 装置 方法 茶叶", facets=()).hits[0]
    terms = {match.term for match in hit.matched_terms}
    assert terms == {"茶叶"}
    marked = "".join(hit.highlights.values())
    for noise in ("<mark>和", "<mark>做", "<mark>不", "<mark>上", "<mark>62", "<mark>g"):
        assert noise not in marked.replace('class="match term0">', ">")


def test_stop_word_list_covers_function_words_and_boilerplate_in_both_languages() -> None:
    for word in ("和", "做", "不", "上", "的", "一种", "所述", "装置", "62", "3.5", "g",
                 "method", "system", "comprising", "the", "of", "wherein"):
        assert not is_informative(word), word
    for word in ("污泥", "脱水", "杀青", "sludge", "batteri", "5G"):
        assert is_informative(word), word


def test_a_need_in_english_finds_a_chinese_patent_through_the_lexicon_pair(
        empty_index: SearchIndex) -> None:
    empty_index.upsert([PatentDocument(id="dewater", title="一种污泥脱水机",
                                       abstract="带式压滤，降低污泥含水率。")])
    hit = empty_index.search("sludge dewatering", facets=()).hits[0]
    assert ("sludge", "污泥") in hit.term_pairs
    assert hit.coverage is not None and hit.coverage > 0


def test_the_closest_sentence_is_the_one_sharing_most_words_or_most_similar() -> None:
    text = "一种茶叶加工设备。控制器根据叶温调节加热功率，避免焦边。外壳为不锈钢。"
    sentence, spans = closest_sentence(text, {"叶温", "加热"}) or ("", [])
    assert sentence == "控制器根据叶温调节加热功率，避免焦边。"
    assert [sentence[a:b] for a, b in spans] == ["叶温", "加热"]
    assert closest_sentence(text, {"猫"}) is None
    by_meaning = closest_sentence(text, set(), similarity=lambda parts: [
        1.0 if "不锈钢" in part else 0.0 for part in parts])
    assert by_meaning is not None and by_meaning[0] == "外壳为不锈钢。"
