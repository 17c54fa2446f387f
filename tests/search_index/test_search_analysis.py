"""The mixed Chinese/Latin analyzer and IPC normalisation."""

from __future__ import annotations

import unicodedata

import jieba
import pytest

from search_index.analysis import MIXED_ANALYZER, find_ipc_codes, ipc_terms


def terms(text: str) -> list[str]:
    return [token.text for token in MIXED_ANALYZER(text)]


@pytest.mark.parametrize(
    "text",
    ["自动化杀青设备", "中华人民共和国专利法", "一种基于深度学习的锂离子电池防爆装置"],
)
def test_han_words_are_those_of_jieba_search_mode(text: str) -> None:
    stop_words = {"的", "一种"}
    assert set(terms(text)) == set(jieba.cut_for_search(text)) - stop_words


def test_sub_words_share_their_parent_word_position() -> None:
    tokens = [(t.text, t.pos) for t in MIXED_ANALYZER("自动化杀青设备", positions=True)]
    assert tokens == [("自动化", 0), ("自动", 0), ("杀青", 1), ("设备", 2)]


def test_latin_words_are_lower_cased_stemmed_and_stop_words_dropped() -> None:
    assert terms("The Batteries are Charging wirelessly") == ["batteri", "charg", "wireless"]


def test_numbers_and_alphanumeric_codes_stay_whole() -> None:
    assert terms("厚度3.5mm，5G模块，LiFePO4正极，2019年") == [
        "厚度", "3.5", "mm", "5g", "模块", "lifepo4", "正极", "2019", "年",
    ]  # fmt: skip


def test_full_width_latin_matches_half_width() -> None:
    assert terms("ＬＥＤ灯１２Ｖ") == terms("LED灯12V") == ["led", "灯", "12v"]


def test_chinese_stop_words_are_removed_but_content_words_kept() -> None:
    assert terms("一种茶叶的杀青方法及其装置") == ["茶叶", "杀青", "方法", "装置"]


def test_punctuation_emoji_and_symbols_produce_no_terms() -> None:
    assert terms("！？……🔋💧 --- ()[]{} ***") == []


def test_character_offsets_point_into_the_original_text() -> None:
    text = "新型ＬＥＤ光源与USB接口组合"
    tokens = [(t.text, t.startchar, t.endchar) for t in MIXED_ANALYZER(text, chars=True)]
    assert [term for term, _, _ in tokens] == ["新型", "led", "光源", "usb", "接口", "组合"]
    for term, start, end in tokens:
        assert unicodedata.normalize("NFKC", text[start:end]).lower() == term


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("C02F 3/28", ("C", "C02", "C02F", "C02F3", "C02F3/28")),
        ("C02F3/28", ("C", "C02", "C02F", "C02F3", "C02F3/28")),
        ("c02f 003/28", ("C", "C02", "C02F", "C02F3", "C02F3/28")),
        ("C02F 3/280000", ("C", "C02", "C02F", "C02F3", "C02F3/28")),
        ("H01M 10/0525", ("H", "H01", "H01M", "H01M10", "H01M10/0525")),
        ("C02F 3/00", ("C", "C02", "C02F", "C02F3")),
        ("C02F", ("C", "C02", "C02F")),
        ("Ｃ０２Ｆ　３／２８", ("C", "C02", "C02F", "C02F3", "C02F3/28")),
    ],
)
def test_ipc_codes_become_hierarchical_terms(code: str, expected: tuple[str, ...]) -> None:
    assert ipc_terms(code) == expected


@pytest.mark.parametrize("code", ["", "C02", "Z99Z 1/00", "C02F 3/2", "battery", "C02F3"])
def test_non_ipc_codes_give_no_terms(code: str) -> None:
    assert ipc_terms(code) == ()


def test_ipc_codes_are_found_in_free_text_and_removed_from_it() -> None:
    codes, rest = find_ipc_codes("用于C02F3/28的厌氧装置 and h01m batteries")
    assert [levels[-1] for levels in codes] == ["C02F3/28", "H01M"]
    assert terms(rest) == ["用于", "厌氧", "装置", "batteri"]
