"""Search snippets are cut between words, never inside one (issue 13, item 8)."""

from __future__ import annotations

import re

import pytest

from search_index.explain import Highlighter

ENGLISH = ("The invention discloses a lithium-ion battery state-of-charge estimation method based "
           "on fused data-driven and model-based estimation, comprising: collecting voltage, "
           "current and temperature data of the battery; building an equivalent circuit model "
           "and identifying its parameters; estimating the state of charge online using fused "
           "data-driven and model-based estimation; and correcting the model parameters for "
           "ageing so that the error does not exceed 3 %, and the computational load is small "
           "enough for the method to run in a battery management system.")
CHINESE = ("本发明公开了一种绿茶杀青设备，包括滚筒、加热装置和控制器。"
           "控制器根据叶温调节加热功率，") * 6 + "解决受热不均的问题。"
BOUNDARY = " ，。；：、,.;:"


def _spans(text: str, words: tuple[str, ...]) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for word in words for m in re.finditer(re.escape(word), text)]


@pytest.mark.parametrize(("text", "words"), [
    (ENGLISH, ("battery", "estimation", "small", "management")),
    (CHINESE, ("受热不均",)),
])
def test_every_excerpt_starts_and_ends_between_words(text: str, words: tuple[str, ...]) -> None:
    html = Highlighter()("abstract", text, _spans(text, words))
    excerpts = re.sub(r"</?mark[^>]*>", "", html).split(" … ")
    assert len(excerpts) >= 1 and any(word in html for word in words)
    for excerpt in excerpts:
        start = text.index(excerpt)
        end = start + len(excerpt)
        assert start == 0 or text[start - 1] in BOUNDARY, excerpt
        assert end == len(text) or text[end] in BOUNDARY or excerpt[-1] in BOUNDARY, excerpt
