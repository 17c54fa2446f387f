"""Choosing a word's translations on the patents: frequency, then coherence with the need's
other words (``search_index.translation``), over a stand-in index of postings."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pytest

from search_index import translation
from search_index.lexicon import Equivalent
from search_index.translation import ALTERNATIVES, candidates, choose


class Postings:
    """What the choice reads of an index: each term's abstracts, ascending."""

    def __init__(self, abstracts: Mapping[str, Sequence[int]], size: int) -> None:
        self.abstracts = {term: np.asarray(docs, dtype=np.int64)
                          for term, docs in abstracts.items()}
        self.size = size

    def doc_count(self) -> int:
        return self.size

    def doc_frequency(self, field: str, term: str) -> int:
        return len(self.abstracts.get(term, ())) if field == "abstract" else 0

    def postings(self, field: str, term: str) -> tuple[np.ndarray, np.ndarray] | None:
        docs = self.abstracts.get(term) if field == "abstract" else None
        return None if docs is None else (docs, np.ones(len(docs)))


def _said(*surfaces: str) -> tuple[Equivalent, ...]:
    return tuple(Equivalent(surface, (surface,)) for surface in surfaces)


def test_the_union_of_postings_is_numpys() -> None:
    rng = np.random.default_rng(7)
    for _ in range(50):
        arrays = [np.unique(rng.integers(0, 200, rng.integers(1, 40))) for _ in range(3)]
        assert np.array_equal(translation._union(arrays), np.unique(np.concatenate(arrays)))


def test_candidates_are_those_the_most_patents_hold_and_none_no_patent_holds() -> None:
    index = Postings({"a": [1], "b": [1, 2, 3], "c": [4, 5]}, size=10)
    assert candidates(_said("a", "b", "missing", "c"), index) == _said("b", "c", "a")
    assert candidates(_said("a", "b"), None) == _said("a", "b")


def test_a_rare_translation_one_patent_happens_to_share_does_not_outrank_a_coherent_one(
        ) -> None:
    # "forging": 锻造 in 20 patents, 12 of them with 模具 (the need's other word); 伪造 in one,
    # which holds 模具 too. Without the prior 伪造 would be perfectly coherent.
    forged = list(range(20))
    index = Postings({"锻造": forged, "伪造": [30], "模具": [*forged[:12], 30]}, size=40)
    chosen = choose([_said("锻造", "伪造"), _said("模具")], [True, False], index)
    assert chosen == [_said("锻造"), _said("模具")]


def test_without_context_or_an_index_a_word_keeps_its_first_alternatives() -> None:
    index = Postings({"a": [1], "b": [2], "c": [3], "d": [4]}, size=10)
    words = [_said("a", "b", "c", "d")]
    assert choose(words, [True], index) == [_said("a", "b", "c")[:ALTERNATIVES]]
    assert choose(words, [True], None) == [_said("a", "b", "c", "d")[:ALTERNATIVES]]
    assert choose(words, [False], index) == words  # a lexicon member keeps every equivalent


@pytest.mark.parametrize("share", [0.5, 0.2])
def test_a_translation_far_less_coherent_than_the_best_is_left_out(
        share: float, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(translation, "COHERENT_SHARE", share)
    # 客车: 10 patents, all with 座椅; 汽车: 10 patents, 3 with 座椅.
    index = Postings({"客车": range(10), "汽车": range(10, 20),
                      "座椅": [*range(10), 10, 11, 12]}, size=30)
    [bus, _] = choose([_said("客车", "汽车"), _said("座椅")], [True, False], index)
    # Coherence 10/20 = 0.5 against 3/20 = 0.15.
    assert bus == (_said("客车") if share == 0.5 else _said("客车", "汽车"))
