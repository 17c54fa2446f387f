"""Sentences ranked by stored vectors: the sentence the vectors say is closest wins, even with no
word shared with the query, and int8 rows keep the vectors' directions."""

from __future__ import annotations

import numpy as np

from search_index.embedding import FakeEmbedder, pack_rows, unpack_rows
from search_index.explain import closest_sentence, sentence_texts, stored_similarity

TEXT = "一种茶叶加工设备。控制器根据叶温调节加热功率，避免焦边。外壳为不锈钢。"
MODEL = FakeEmbedder(synonyms={"leaf temperature": "concept-leaf-temperature",
                               "叶温": "concept-leaf-temperature"})


def test_the_closest_sentence_is_the_one_the_stored_vectors_say() -> None:
    pieces = sentence_texts(TEXT)
    vectors = unpack_rows(pack_rows(MODEL.embed_passages(pieces)), MODEL.dim)
    query = MODEL.embed_queries(["keep the leaf temperature steady"])[0]
    similarity = stored_similarity(query, pieces, vectors)
    # Words shared with the query point at the first sentence (茶叶); meaning at the second.
    assert closest_sentence(TEXT, {"茶叶"}) == ("一种茶叶加工设备。", [(2, 4)])
    closest = closest_sentence(TEXT, {"茶叶"}, similarity)
    assert closest == ("控制器根据叶温调节加热功率，避免焦边。", [])


def test_sentences_without_a_stored_vector_fall_back_to_the_shared_words() -> None:
    pieces = sentence_texts(TEXT)
    query = MODEL.embed_queries(["keep the leaf temperature steady"])[0]
    other_text = stored_similarity(query, ["另一段文字。"], MODEL.embed_passages(["另一段文字。"]))
    assert closest_sentence(TEXT, {"茶叶"}, other_text) == ("一种茶叶加工设备。", [(2, 4)])
    assert closest_sentence(TEXT, {"猫"}, other_text) is None
    assert len(pieces) == 3


def test_int8_rows_keep_the_cosines_of_the_vectors() -> None:
    vectors = MODEL.embed_passages(sentence_texts(TEXT))
    packed = pack_rows(vectors)
    assert len(packed) == vectors.size  # one byte a component
    restored = unpack_rows(packed, MODEL.dim)
    assert np.allclose(np.linalg.norm(restored, axis=1), 1.0, atol=1e-5)
    assert np.allclose(restored @ restored.T, vectors @ vectors.T, atol=0.02)
    assert unpack_rows(pack_rows(vectors[:0]), MODEL.dim).shape == (0, MODEL.dim)
