"""Ranking: BM25F computed by hand, feedback that re-ranks without widening the match, IPC
feedback, ties across pages, and parallel rebuilds that rank exactly as a single process."""

from __future__ import annotations

import math
import multiprocessing
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from search_index import PatentDocument, SearchIndex
from search_index.index import PARALLEL_REBUILD_DOCS
from search_index.query import build_query
from search_index.scoring import Scoring
from search_index.snapshot import Snapshot, among


def _first_pass(index: SearchIndex, text: str) -> dict[str, float]:
    """First-pass scores by document id, reaching into the index for its snapshot."""

    def use(snapshot: Snapshot) -> dict[str, float]:
        scores = Scoring(snapshot).first_pass(build_query(text, snapshot))
        return {snapshot.stored(int(d))["id"]: float(scores[d])
                for d in np.flatnonzero(scores)}

    result: dict[str, float] = index._with_snapshot(use, {})
    return result


def test_bm25f_by_hand(empty_index: SearchIndex) -> None:
    empty_index.upsert([
        PatentDocument(id="d1", title="pump pump"),
        PatentDocument(id="d2", title="valve", abstract="pump valve seal"),
        PatentDocument(id="d3", title="fan", abstract="blade"),
    ])
    idf = math.log(1 + (3 - 2 + 0.5) / (2 + 0.5))  # 3 documents, 2 hold "pump"
    # d1: title weight 2, tf 2, length 2 against an average title of 4/3 (b = 0.4).
    d1 = 2.0 * 2 / (0.6 + 0.4 * 2 / (4 / 3))
    # d2: abstract weight 1, tf 1, length 3 against an average abstract of 2.
    d2 = 1.0 * 1 / (0.6 + 0.4 * 3 / 2)
    assert _first_pass(empty_index, "pumps") == pytest.approx({
        "d1": idf * d1 / (0.9 + d1),
        "d2": idf * d2 / (0.9 + d2),
    })


def test_a_word_repeated_in_every_field_saturates_once(empty_index: SearchIndex) -> None:
    empty_index.upsert([
        PatentDocument(id="everywhere", title="pump", abstract="pump", first_claim="pump"),
        PatentDocument(id="title", title="pump"),
        PatentDocument(id="other", title="fan"),
    ])
    scores = _first_pass(empty_index, "pump")
    # Summing one BM25 per field would give nearly three times the title-only score.
    assert scores["title"] < scores["everywhere"] < 1.5 * scores["title"]


TEA = [
    PatentDocument(id="t1", title="滚筒杀青机", abstract="绿茶 茶叶 杀青 滚筒 叶温 控制"),
    PatentDocument(id="t2", title="茶叶杀青装置", abstract="绿茶 茶叶 杀青 叶温 热风"),
    PatentDocument(id="t3", title="绿茶加工设备", abstract="绿茶 茶叶 滚筒 叶温 揉捻"),
    PatentDocument(id="w1", title="滚筒洗衣机", abstract="洗衣机 滚筒 平衡环 振动"),
]


def test_feedback_brings_the_topical_patent_up(empty_index: SearchIndex) -> None:
    empty_index.upsert(TEA)
    first = _first_pass(empty_index, "滚筒 杀青")
    # On the words alone the washing machine (滚筒 in its title) beats the tea machine...
    assert first["w1"] > first["t3"]
    # ...but the best matches are about tea, and feedback from them reverses the order.
    ranked = [hit.id for hit in empty_index.search("滚筒 杀青").hits]
    assert ranked.index("t3") < ranked.index("w1")


def test_feedback_reranks_but_never_widens_the_match(empty_index: SearchIndex) -> None:
    empty_index.upsert(TEA)
    # 揉捻 is only in t3; feedback from t3 would match the other tea patents.
    page = empty_index.search("揉捻")
    assert page.total == 1
    assert [hit.id for hit in page.hits] == ["t3"]


def test_the_subclass_most_best_matches_share_is_preferred(empty_index: SearchIndex) -> None:
    # Same words, so only the IPC subclass tells them apart; without feedback the tie would
    # go to the first indexed, the odd one out.
    odd = PatentDocument(id="odd", title="过滤装置", abstract="过滤", ipc=("B01D 29/00",))
    same = [PatentDocument(id=f"water-{i}", title="过滤装置", abstract="过滤",
                           ipc=("C02F 1/44",)) for i in range(3)]
    empty_index.upsert([odd])
    empty_index.upsert(same)
    ranked = [hit.id for hit in empty_index.search("过滤").hits]
    assert ranked[-1] == "odd"
    assert len(set(_first_pass(empty_index, "过滤").values())) == 1


def test_equal_scores_never_repeat_or_skip_across_pages(empty_index: SearchIndex) -> None:
    empty_index.upsert(PatentDocument(id=f"same-{i:02d}", title="光伏逆变器") for i in range(25))
    pages = [empty_index.search("逆变器", page=n, per_page=10).hits for n in (1, 2, 3)]
    ids = [hit.id for page in pages for hit in page]
    assert sorted(ids) == [f"same-{i:02d}" for i in range(25)]


def _many(count: int) -> Iterator[PatentDocument]:
    topics = ["厌氧反应器 污水处理", "锂离子电池 隔膜", "茶叶 杀青 滚筒", "neural network training",
              "wind turbine blade"]
    for i in range(count):
        yield PatentDocument(
            id=f"p{i:05d}", title=f"{topics[i % 5]} {i % 7}",
            abstract=f"{topics[(i * 3) % 5]} {topics[i % 5]} 第{i % 11}种",
            kind="invention" if i % 3 else "utility_model", filing_year=2000 + i % 20,
        )


def _all_hits(index: SearchIndex, text: str) -> dict[str, float]:
    hits: dict[str, float] = {}
    page = 1
    while True:
        found = index.search(text, filters={"kind": ["invention"]}, page=page, per_page=100,
                             facets=())
        hits.update((hit.id, round(hit.score or 0.0, 9)) for hit in found.hits)
        if page >= found.pages:
            return hits
        page += 1


def test_a_parallel_rebuild_ranks_as_one_process(tmp_path: Path) -> None:
    count = PARALLEL_REBUILD_DOCS + 500
    single = SearchIndex(tmp_path / "single", processes=1)
    parallel = SearchIndex(tmp_path / "parallel", processes=2)
    assert single.rebuild(_many(count)) == parallel.rebuild(_many(count)) == count
    for text in ("污水处理 厌氧", "battery separator 锂电池", "training 7", "杀青"):
        # Same documents with the same scores (equal scores are ordered by position in the
        # index, which differs between one segment and one per process).
        assert _all_hits(single, text) == _all_hits(parallel, text)
        facets = ("filing_year", "kind")
        assert single.search(text, facets=facets).facets == parallel.search(
            text, facets=facets).facets
    single.close()
    parallel.close()


def test_a_failed_parallel_rebuild_stops_its_processes(tmp_path: Path) -> None:
    index = SearchIndex(tmp_path / "index", processes=2)
    index.upsert([PatentDocument(id="old", title="杀青机")])

    def broken() -> Iterator[PatentDocument]:
        yield from _many(PARALLEL_REBUILD_DOCS + 300)
        raise RuntimeError("database went away")

    with pytest.raises(RuntimeError, match="went away"):
        index.rebuild(broken())
    assert multiprocessing.active_children() == []
    assert [hit.id for hit in index.search("杀青").hits] == ["old"]
    index.close()


@pytest.mark.parametrize("seed", range(5))
def test_among_finds_exactly_the_documents_a_posting_list_holds(seed: int) -> None:
    rng = np.random.default_rng(seed)
    postings = np.unique(rng.integers(0, 1000, size=int(rng.integers(0, 300))))
    wanted = rng.integers(-5, 1010, size=50)
    assert among(wanted, postings).tolist() == np.isin(wanted, postings).tolist()
