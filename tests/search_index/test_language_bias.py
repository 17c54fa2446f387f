"""The query's language taken out of cosines across languages (language_bias.py)."""

from __future__ import annotations

import numpy as np
import pytest

from search_index import PatentDocument, SearchIndex
from search_index.analysis import has_han
from search_index.embedding import FakeEmbedder
from search_index.language_bias import SAMPLE, language_means, lexicon_sample, shifts
from search_index.searching import DenseQuery
from search_index.vectors import DenseMatrix


def test_the_samples_are_lexicon_members_of_one_language() -> None:
    chinese, english = lexicon_sample("zh"), lexicon_sample("en")
    assert len(chinese) == len(english) == SAMPLE
    assert all(has_han(member) for member in chinese)
    assert not any(has_han(member) for member in english)


def test_a_mean_is_the_mean_of_the_samples_query_vectors() -> None:
    embedder = FakeEmbedder()
    means = language_means(embedder)
    np.testing.assert_allclose(
        means["en"], embedder.embed_queries(lexicon_sample("en")).mean(axis=0), rtol=1e-6)


def test_only_rows_of_the_other_language_are_shifted_and_centred_on_their_median() -> None:
    matrix = np.array([[1, 0], [0, 1], [0.6, 0.8], [0.8, 0.6], [1, 0]], dtype=np.float32)
    rows = np.array([0, 1, 2, 3, 4, -1])  # document 5 has no vector
    languages = np.array([0, 1, 1, 1, -1, 1])  # 0 zh, 1 en, -1 none given
    means = {"zh": np.array([1.0, 0.0], dtype=np.float32)}
    found = shifts(matrix, rows, languages, {"zh": 0, "en": 1}, means)
    # English rows 1, 2, 3: pulls 0, 0.6, 0.8 toward Chinese queries, median 0.6.
    np.testing.assert_allclose(found["zh"], [0, -0.6, 0, 0.2, 0], atol=1e-6)


def test_a_query_ranks_the_other_language_by_what_it_shares_beyond_the_pull() -> None:
    # Two English patents equally close to a Chinese query; the second is closer to any
    # Chinese query (a hub), so the first ranks above it. English queries rank them as before.
    matrix = DenseMatrix(("f",), np.array([[0.0, 1.0], [0.6, 0.8], [0.8, 0.6]], np.float32),
                         ["zh-doc", "en-a", "en-b"], {"zh-doc": 0, "en-a": 1, "en-b": 2})
    rows = np.array([0, 1, 2])
    languages = np.array([0, 1, 1])
    vector = np.array([0.7071, 0.7071], dtype=np.float32)
    means = {"zh": np.array([1.0, 0.0], np.float32), "en": np.array([0.0, 1.0], np.float32)}
    dense = DenseQuery.of(vector, matrix, rows, languages,
                          shifts(matrix.matrix, rows, languages, {"zh": 0, "en": 1}, means))
    everything = np.ones(3, dtype=np.bool_)
    _, as_chinese = dense.similarities(everything, "zh")
    _, as_english = dense.similarities(everything, "en")
    _, unknown = dense.similarities(everything)
    margins = [dense.margin(doc) for doc in range(3)]
    assert margins[1] == pytest.approx(margins[2])
    assert as_chinese[1] > as_chinese[2]
    np.testing.assert_allclose(as_english, margins, atol=1e-6)
    np.testing.assert_allclose(unknown, margins, atol=1e-6)
    assert as_chinese[0] == pytest.approx(margins[0])  # its own language: unchanged
    assert dense.similarity(2) == pytest.approx(float(matrix.matrix[2] @ vector))


def test_languages_compete_on_their_margins_not_their_cosines() -> None:
    # A Chinese query is closer to every Chinese patent than to any English one; the English
    # patent standing out among the English ones ranks above the Chinese one that does not.
    cosines = {"zh-a": 0.90, "zh-b": 0.89, "zh-c": 0.88, "en-a": 0.86, "en-b": 0.80,
               "en-c": 0.79}
    angles = np.arccos(np.array(list(cosines.values())))
    matrix = DenseMatrix(("f",), np.stack([np.cos(angles), np.sin(angles)], axis=1)
                         .astype(np.float32), list(cosines), {k: i for i, k in
                                                               enumerate(cosines)})
    rows = np.arange(6)
    languages = np.array([0, 0, 0, 1, 1, 1])
    dense = DenseQuery.of(np.array([1.0, 0.0], np.float32), matrix, rows, languages)
    docs, scores = dense.similarities(np.ones(6, dtype=np.bool_), "zh")
    order = [list(cosines)[doc] for doc in docs[np.argsort(-scores, kind="stable")]]
    assert order[:2] == ["en-a", "zh-a"]  # by cosine, en-a would come fourth


def test_the_index_corrects_only_patents_in_the_other_language(empty_index: SearchIndex
                                                               ) -> None:
    embedder = FakeEmbedder()
    empty_index.embedder = embedder
    docs = [PatentDocument(id="zh", title="污泥脱水机", language="zh"),
            PatentDocument(id="en-1", title="Sludge dewatering press", language="en"),
            PatentDocument(id="en-2", title="Belt filter for sludge", language="en")]
    empty_index.upsert(docs)
    empty_index.add_vectors([d.id for d in docs],
                            embedder.embed_passages([d.title for d in docs]))
    query = embedder.embed_queries(["污泥脱水"])[0]
    hits = {hit.id: hit for hit in empty_index.search(
        "污泥脱水", query_vector=query, ranking="dense").hits}
    pulls = embedder.embed_passages([d.title for d in docs[1:]]) @ \
        language_means(embedder)["zh"]
    margins = {key: hits[key].dense_margin for key in ("en-1", "en-2")}
    expected = {key: margins[key] - (pull - float(np.median(pulls)))
                for key, pull in zip(("en-1", "en-2"), pulls, strict=True)}
    assert {hit.id: hit.score for hit in hits.values() if hit.id != "zh"} == \
        pytest.approx(expected, abs=1e-5)
    assert hits["zh"].score == pytest.approx(hits["zh"].dense_margin, abs=1e-6)
