"""Batch matching on every core: worker processes, each with its own app and searcher.

A batch run is thousands of independent searches, and a Python process ranks on one core, so
``marketplace match`` and the office's runs hand the needs to worker processes in chunks.
Each worker is started with ``spawn`` (a fresh interpreter: no lock, open file or database
connection of the parent is inherited), builds the app from the parent's settings and opens
the index read-only through its own searcher; it only ranks (:func:`batch.first_hits`). The
parent keeps the database work: it turns the hits into run lines with its own session
(:func:`batch.lines_of`), in the needs' order, so a run is the same line for line as the
single-process one (``match_one`` need by need) and the database sees one reader.

The workers share the cores: each caps its thread pools (the model's OpenMP, numpy's BLAS) at
its share, ``cores // workers``. Left at one thread per core each, the pools of two processes
on two cores spin against each other and a dense run went four times slower. A chunk's needs
are embedded in one call of the model (:func:`batch.query_vectors`), then ranked one by one;
a worker's searcher keeps ``BATCH_WORKER_CACHE_MB`` of decoded postings and analysed patents
between needs (eight times a web process's: the needs of a run share their common terms and
best patents, and a lexical need costs a sixth less at 256 MB than at 32 MB).
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from flask import Flask
from sqlmodel import Session
from threadpoolctl import threadpool_limits

from marketplace.config import SETTINGS
from marketplace.search import batch, sync
from search_index import SearchIndex

__all__ = ["AUTO_MIN_NEEDS", "match_in_order", "rank_in_order", "settings_of", "worker_count"]

# Needs per task: large enough that the hand-over costs little next to the searches, small
# enough that the workers finish together and the first lines come early.
_MAX_CHUNK = 32

_app: Flask | None = None  # the worker's app (one per worker process)


# With BATCH_WORKERS = 0 (automatic), runs shorter than this stay in the calling process: a
# worker takes a second or two to start (imports, the segmenter's dictionary, the searcher),
# the time of some 30-50 needs.
AUTO_MIN_NEEDS = 200


def worker_count(setting: int, needs: int) -> int:
    """Processes for a run of ``needs`` needs: ``setting`` (``BATCH_WORKERS``) when set, else
    one per core for a run long enough to pay for starting them."""
    if setting > 0:
        return setting
    return (os.cpu_count() or 1) if needs >= AUTO_MIN_NEEDS else 1


def settings_of(app: Flask) -> dict[str, Any]:
    """The app's settings, for building the same app in a worker."""
    return {setting.name: app.config[setting.name] for setting in SETTINGS}


def threads_of(workers: int) -> int:
    """The threads each of ``workers`` processes may use: its share of the cores."""
    return max(1, (os.cpu_count() or 1) // max(workers, 1))


def _start(settings: Mapping[str, Any], threads: int) -> None:
    from marketplace import create_app

    global _app
    threadpool_limits(threads)  # the thread pools loaded so far (numpy's BLAS)
    _app = create_app({**settings, "SEARCH_EMBED_THREADS": threads,  # the model's, when loaded
                       "SEARCH_CACHE_MB": settings["BATCH_WORKER_CACHE_MB"]})


def _chunks(items: Sequence[Any], size: int) -> list[list[Any]]:
    return [list(items[start:start + size]) for start in range(0, len(items), size)]


def _rank(task: tuple[list[str], int, str | None]) -> list[list[batch.Hit]]:
    texts, top, ranking = task
    assert _app is not None, "the worker was not started"
    with _app.app_context():
        index = sync.search_index(_app)
        vectors = batch.query_vectors(index, texts, ranking)
        return [batch.first_hits(index, text, top=top, ranking=ranking, query_vector=vector)
                for text, vector in zip(texts, vectors, strict=True)]


def rank_in_order(texts: Sequence[str], *, top: int, workers: int,
                  settings: Mapping[str, Any], ranking: str | None = None
                  ) -> Iterator[list[batch.Hit]]:
    """:func:`batch.first_hits` of each text, in order, computed by ``workers`` processes
    built from ``settings`` (chunks of needs, so the hand-over costs little)."""
    size = max(1, min(_MAX_CHUNK, len(texts) // (workers * 4)))
    chunks = _chunks(texts, size)
    processes = min(workers, len(chunks))
    context = multiprocessing.get_context("spawn")
    with context.Pool(processes, initializer=_start,
                      initargs=(dict(settings), threads_of(processes))) as pool:
        for ranked in pool.imap(_rank, ((chunk, top, ranking) for chunk in chunks)):
            yield from ranked


def match_in_order(session: Session, index: SearchIndex, needs: Sequence[batch.Need], *,
                   top: int, workers: int, settings: Mapping[str, Any],
                   ranking: str | None = None) -> Iterator[list[batch.RunLine]]:
    """Each need's run lines, in the needs' order, ranked by ``workers`` processes (in this
    process when one worker is asked for or there is only one need)."""
    if workers <= 1 or len(needs) <= 1:
        for chunk in _chunks(needs, _MAX_CHUNK):
            vectors = batch.query_vectors(index, [need.text for need in chunk], ranking)
            for need, vector in zip(chunk, vectors, strict=True):
                yield batch.match_one(session, index, need, top=top, ranking=ranking,
                                      query_vector=vector)
        return
    ranked = rank_in_order([need.text for need in needs], top=top, workers=workers,
                           settings=settings, ranking=ranking)
    for need, hits in zip(needs, ranked, strict=True):
        yield batch.lines_of(session, index, need, hits, top=top, ranking=ranking)
