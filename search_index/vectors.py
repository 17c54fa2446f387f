"""The vector index on disk: patent vectors beside the whoosh index, in the same generation.

::

    <generation>/vectors/<model>/00000001.npz   ids (str) and float32 rows, written atomically
    <generation>/vectors/<model>/00000002.npz   a later batch; a repeated id replaces the row

A rebuild writes all vectors into the new generation before it is published, so the swap of
``CURRENT`` switches lexical and dense sides together. Vectors arriving afterwards (the
background embedding) are appended as new files while the writer lock of the generation is
held; a reader loads only files it has not seen. Brute force over a float32 matrix costs about
10 ms per query at 100,000 patents × 384 dimensions, so no approximate index is needed.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

import numpy as np
from numpy.typing import NDArray

from .embedding import Vectors

__all__ = ["DenseMatrix", "VectorFiles"]

_NAME: Final = re.compile(r"^\d{8}\.npz$")


def _slug(model: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]", "_", model)


class VectorFiles:
    """The vector files of one model in one generation."""

    def __init__(self, generation: Path, model: str) -> None:
        self.directory = generation / "vectors" / _slug(model)

    def names(self) -> list[str]:
        """The files written so far, oldest first."""
        try:
            return sorted(name for name in os.listdir(self.directory) if _NAME.match(name))
        except FileNotFoundError:
            return []

    def append(self, ids: Sequence[str], vectors: Vectors) -> None:
        """Write one batch as the next file (the caller holds the generation's writer lock)."""
        if len(ids) != len(vectors):
            raise ValueError(f"{len(ids)} ids for {len(vectors)} vectors")
        if not ids:
            return
        self.directory.mkdir(parents=True, exist_ok=True)
        names = self.names()
        number = int(names[-1][:8]) + 1 if names else 1
        temporary = self.directory / f".{number:08d}.tmp.npz"
        np.savez(temporary, ids=np.array(list(ids), dtype=np.str_),
                 vectors=np.asarray(vectors, dtype=np.float32))
        os.replace(temporary, self.directory / f"{number:08d}.npz")


@dataclass(slots=True)
class DenseMatrix:
    """Every vector of one model in one generation: ``matrix[row_of[id]]``."""

    files: tuple[str, ...] = ()
    matrix: NDArray[np.float32] = field(default_factory=lambda: np.zeros((0, 0), np.float32))
    ids: list[str] = field(default_factory=list)
    row_of: dict[str, int] = field(default_factory=dict)

    def refreshed(self, source: VectorFiles) -> DenseMatrix:
        """This matrix with the files written since it was loaded (itself if none)."""
        names = source.names()
        if tuple(names[: len(self.files)]) != self.files:
            return DenseMatrix().refreshed(source)
        new = names[len(self.files):]
        if not new:
            return self
        matrix = self.matrix
        ids = list(self.ids)
        row_of = dict(self.row_of)
        for name in new:
            with np.load(source.directory / name) as batch:
                batch_ids = batch["ids"].tolist()
                batch_vectors = batch["vectors"]
            if not len(matrix):
                matrix = np.zeros((0, batch_vectors.shape[1]), dtype=np.float32)
            fresh = [i for i, doc_id in enumerate(batch_ids) if doc_id not in row_of]
            replaced = [i for i, doc_id in enumerate(batch_ids) if doc_id in row_of]
            matrix = np.vstack([matrix, batch_vectors[fresh]]) if fresh else matrix.copy()
            for i in replaced:
                matrix[row_of[batch_ids[i]]] = batch_vectors[i]
            for i in fresh:
                row_of[batch_ids[i]] = len(ids)
                ids.append(batch_ids[i])
        return DenseMatrix(tuple(names), matrix, ids, row_of)

    def rows(self, doc_ids: Sequence[str]) -> NDArray[np.int64]:
        """Each id's row, -1 for an id without a vector."""
        row_of = self.row_of
        return np.fromiter((row_of.get(doc_id, -1) for doc_id in doc_ids), dtype=np.int64,
                           count=len(doc_ids))
