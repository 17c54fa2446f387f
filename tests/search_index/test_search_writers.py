"""One writer at a time, and atomic rebuilds that never interrupt searching."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from whoosh import index as whoosh_index
from whoosh.index import LockError

from search_index import IndexBusy, PatentDocument, SearchIndex

NEW_DOCS = [PatentDocument(id=f"new-{i}", title=f"光伏逆变器 型号{i}") for i in range(30)]
WAIT = 10  # seconds; only reached if the code under test hangs


def generations(index_path: Path) -> list[str]:
    return sorted(path.name for path in index_path.iterdir() if path.name.startswith("gen-"))


def test_a_held_writer_makes_changes_raise_index_busy(index: SearchIndex, index_path: Path) -> None:
    # Another process (here: whoosh directly) holds the live generation's write lock.
    live = index_path / (index_path / "CURRENT").read_text()
    writer = whoosh_index.open_dir(str(live)).writer()
    impatient = SearchIndex(index_path, lock_timeout=0.05)
    try:
        with pytest.raises(IndexBusy) as busy:
            impatient.upsert(NEW_DOCS[:1])
        assert isinstance(busy.value.__cause__, LockError)
        with pytest.raises(IndexBusy):
            impatient.delete(["cn-tea-fixing"])
        with pytest.raises(IndexBusy):
            impatient.rebuild(NEW_DOCS)
        # Reading is never blocked.
        assert impatient.search("杀青").total == 1
    finally:
        writer.cancel()
        impatient.close()
    # Nothing was written while busy, and the rebuild left no half-built generation.
    assert index.doc_count() == 9
    assert generations(index_path) == [live.name]
    assert index.upsert(NEW_DOCS[:1]) == 1


def _gated(
    docs: list[PatentDocument], started: threading.Event, go: threading.Event
) -> Iterator[PatentDocument]:
    """Yield ``docs``: pause after the first until ``go`` is set, then trickle the rest."""
    for position, doc in enumerate(docs):
        if position == 1:
            started.set()
            assert go.wait(WAIT)
        if position:
            time.sleep(0.01)  # a slow source, so that searches overlap the rebuild
        yield doc


def test_searches_keep_working_during_a_rebuild(index: SearchIndex, index_path: Path) -> None:
    rebuilder = SearchIndex(index_path)
    started, go = threading.Event(), threading.Event()
    with ThreadPoolExecutor(max_workers=1) as pool:
        rebuild = pool.submit(rebuilder.rebuild, _gated(NEW_DOCS, started, go))
        assert started.wait(WAIT)
        # Mid-rebuild: searches see the old index; changes are refused, to be retried.
        assert [hit.id for hit in index.search("杀青").hits] == ["cn-tea-fixing"]
        assert index.search("光伏").total == 0
        with pytest.raises(IndexBusy):
            index.upsert([PatentDocument(id="late", title="光伏支架")])
        go.set()
        totals = set()
        while not rebuild.done():
            totals.add(index.search("光伏 杀青", facets=()).total)
        assert rebuild.result(WAIT) == len(NEW_DOCS)
    # Every search saw either the whole old index or the whole new one.
    assert 1 in totals
    assert totals <= {1, len(NEW_DOCS)}
    assert index.search("杀青").total == 0
    assert index.search("光伏", per_page=100).total == len(NEW_DOCS)
    assert len(generations(index_path)) == 1
    # The refused change, retried, lands in the new index.
    assert index.upsert([PatentDocument(id="late", title="光伏支架")]) == 1
    assert index.search("支架").total == 1
    rebuilder.close()


def test_a_failed_rebuild_leaves_the_old_index_live(index: SearchIndex, index_path: Path) -> None:
    def broken() -> Iterator[PatentDocument]:
        yield NEW_DOCS[0]
        raise RuntimeError("database went away")

    before = generations(index_path)
    with pytest.raises(RuntimeError, match="database went away"):
        index.rebuild(broken())
    with pytest.raises(ValueError, match="more than once"):
        index.rebuild([NEW_DOCS[0], NEW_DOCS[0]])
    assert generations(index_path) == before
    assert index.doc_count() == 9
    assert index.search("光伏").total == 0
    assert index.upsert(NEW_DOCS[:1]) == 1  # the write lock was released


def test_rebuild_replaces_everything(index: SearchIndex, index_path: Path) -> None:
    assert index.rebuild(NEW_DOCS) == len(NEW_DOCS)
    assert index.doc_count() == len(NEW_DOCS)
    assert index.search("杀青").total == 0
    assert len(generations(index_path)) == 1


def test_concurrent_creation_makes_one_index(index_path: Path) -> None:
    instances = [SearchIndex(index_path) for _ in range(4)]
    with ThreadPoolExecutor(max_workers=4) as pool:
        list(pool.map(SearchIndex.open_or_create, instances))
    assert len(generations(index_path)) == 1
    instances[0].upsert(NEW_DOCS[:2])
    assert all(instance.doc_count() == 2 for instance in instances)
    for instance in instances:
        instance.close()
