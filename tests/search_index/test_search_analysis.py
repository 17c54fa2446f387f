"""The mixed Chinese/Latin analyzer and IPC normalisation."""

from __future__ import annotations

import itertools
import json
import re
import unicodedata
from collections.abc import Iterator
from typing import Any

import jieba
import numpy as np
import pytest
from whoosh.analysis import Filter, StemFilter, StopFilter, Token, Tokenizer

from search_index import analysis
from search_index.analysis import (
    MIXED_ANALYZER,
    STOP_WORDS_EN,
    STOP_WORDS_ZH,
    find_ipc_codes,
    has_han,
    ipc_terms,
    latin_terms,
)
from tests.conftest import SHARED_DATA


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


# The one-pass analyzer against whoosh's own chain of tokenizer and filters, on real text.


class _Pieces(Tokenizer):  # type: ignore[misc]
    """The analyzer's segmentation without normalising, stop words or stemming."""

    def __call__(self, value: str, positions: bool = False, chars: bool = False,
                 removestops: bool = True, mode: str = "", **kwargs: Any) -> Iterator[Any]:
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        pos = 0
        for match in analysis._RUN.finditer(value):
            if match.lastgroup == "han":
                pieces = analysis._han_words(match.group())
            else:
                pieces = iter([(0, match.group(), 0, match.end() - match.start())])
            last = 0
            for group, text, start, end in pieces:
                if group != last:
                    pos, last = pos + 1, group
                token.text, token.boost, token.stopped = text, 1.0, False
                token.pos = pos
                token.startchar, token.endchar = match.start() + start, match.start() + end
                yield token
            pos += 1


class _Normalise(Filter):  # type: ignore[misc]
    def __call__(self, tokens: Iterator[Any]) -> Iterator[Any]:
        for token in tokens:
            token.text = unicodedata.normalize("NFKC", token.text).lower()
            yield token


def _dev_texts() -> list[str]:
    texts = ["ＬＥＤ灯１２Ｖ The Batteries are Charging 3.5mm 5G模块 Wi-Fi 自动化杀青设备"]
    for name in ("ccf_bdci2022_patent_zh", "google_patents_ai_en"):
        path = SHARED_DATA / name / "corpus.jsonl"
        if not path.exists():
            pytest.skip(f"{path} is not available")
        with path.open(encoding="utf-8") as lines:
            for line in itertools.islice(lines, 300):
                record = json.loads(line)
                texts += [record["title"], record["abstract"] or ""]
    return texts


def test_one_pass_analyzer_equals_whoosh_filter_chain_on_patent_text() -> None:
    chain = (_Pieces() | _Normalise()
             | StopFilter(stoplist=STOP_WORDS_EN | STOP_WORDS_ZH, minsize=1, renumber=False)
             | StemFilter(lang="en"))
    for text in _dev_texts():
        for removestops in (True, False):
            ours = [(t.text, t.pos, t.startchar, t.endchar, t.stopped) for t in
                    MIXED_ANALYZER(text, positions=True, chars=True, removestops=removestops)]
            theirs = [(t.text, t.pos, t.startchar, t.endchar, t.stopped) for t in
                      chain(text, positions=True, chars=True, removestops=removestops)]
            assert ours == theirs, text[:40]


def test_latin_terms_are_the_analyzers_latin_tokens() -> None:
    for text in _dev_texts():
        expected = [(t.text, t.startchar, t.endchar) for t in MIXED_ANALYZER(text, chars=True)
                    if not has_han(t.text)]
        assert list(latin_terms(text)) == expected


# Expert-scored phrase pairs (USPTO phrase matching): the analyzer's notion of shared words
# should agree with patent experts' similarity scores better than plain words do.


def _ranks(values: list[float]) -> np.ndarray[Any, np.dtype[np.float64]]:
    order = np.argsort(values, kind="stable")
    ranks = np.empty(len(values))
    ranks[order] = np.arange(len(values))
    sorted_values = np.asarray(values)[order]
    for value in np.unique(sorted_values):  # ties share their mean rank
        tied = order[sorted_values == value]
        ranks[tied] = ranks[tied].mean()
    return ranks


def _spearman(x: list[float], y: list[float]) -> float:
    return float(np.corrcoef(_ranks(x), _ranks(y))[0, 1])


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a | b else 0.0


@pytest.fixture(scope="module")
def phrase_pairs() -> list[dict[str, Any]]:
    path = SHARED_DATA / "uspto_phrase_matching_en" / "pairs.jsonl"
    if not path.exists():
        pytest.skip(f"{path} is not available")
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines]


def test_analyzed_terms_agree_with_experts_better_than_plain_words(
        phrase_pairs: list[dict[str, Any]]) -> None:
    scores = [pair["score"] for pair in phrase_pairs]

    def plain(text: str) -> set[str]:
        return set(re.findall(r"[a-z0-9]+", text.lower()))

    plain_similarity = [_jaccard(plain(p["anchor"]), plain(p["target"])) for p in phrase_pairs]
    analyzed = [_jaccard(set(terms(p["anchor"])), set(terms(p["target"]))) for p in phrase_pairs]
    # Stemming links inflections (abatement / abating) that experts score as close.
    assert _spearman(analyzed, scores) > _spearman(plain_similarity, scores) + 0.02
    equivalent = [p for p in phrase_pairs if p["score"] == 1.0]
    linked = sum(1 for p in equivalent if set(terms(p["anchor"])) & set(terms(p["target"])))
    assert linked / len(equivalent) > 0.95
