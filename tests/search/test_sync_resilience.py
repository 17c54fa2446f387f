"""The index converges with the database after a drain is killed, and searches keep working
while the index is rebuilt from the database.

These tests need rows that another process or thread can see, so they commit for real (not
inside the rolled-back test transaction) and delete what they made afterwards. They run on
SQLite and, with TEST_DATABASE_URL, on PostgreSQL.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import delete
from sqlmodel import Session, col, select

from marketplace.accounts.models import Organisation, Role, User
from marketplace.db import Database
from marketplace.declarations.models import Declaration
from marketplace.patents.models import Patent
from marketplace.search import sync
from marketplace.search.indexing import enqueue
from marketplace.search.models import IndexAction, SearchOutboxEntry
from search_index import PatentDocument, SearchIndex
from tests.factories import make_patent, make_user

WAIT = 60  # seconds; only reached if something hangs


@pytest.fixture()
def live_index(app: Flask) -> Iterator[SearchIndex]:
    index = sync.search_index(app)
    index.clear()
    yield index
    index.clear()


@contextmanager
def committed(app: Flask) -> Iterator[tuple[Session, User]]:
    """A real session and a patentee whose organisation, patents and outbox rows are deleted
    at the end."""
    database: Database = app.extensions["db"]
    session = database.new_session()
    user = make_user(session, Role.PATENTEE)
    session.commit()
    organisation_id = user.organisation_id
    try:
        yield session, user
    finally:
        session.rollback()
        ids = list(session.exec(select(Patent.id).where(Patent.owner_id == organisation_id)))
        session.execute(delete(SearchOutboxEntry).where(col(SearchOutboxEntry.entity_id).in_(ids)))
        session.execute(delete(Patent).where(col(Patent.owner_id) == organisation_id))
        session.execute(delete(User).where(col(User.organisation_id) == organisation_id))
        session.execute(delete(Organisation).where(col(Organisation.id) == organisation_id))
        session.commit()
        session.close()


def _ids(index: SearchIndex, text: str) -> set[str]:
    page = index.search(text, per_page=100, facets=())
    assert page.total <= 100
    return {hit.id for hit in page.hits}


# A drain that is killed


def kill_when_ready(tmp_path: Path, code: str, args: list[str]) -> None:
    """Run ``code`` as a script in a child process (its last argument: a file it writes when
    it stops dead at the point of interest) and kill -9 it there."""
    script, ready = tmp_path / "child.py", tmp_path / "ready"
    script.write_text(code)
    child = subprocess.Popen([sys.executable, str(script), *args, str(ready)],
                             cwd=Path(__file__).resolve().parents[2])
    try:
        deadline = time.monotonic() + WAIT
        while not ready.exists():
            assert child.poll() is None, "the child process ended early"
            assert time.monotonic() < deadline, "the child never reached the point to kill"
            time.sleep(0.05)
        os.kill(child.pid, signal.SIGKILL)
    finally:
        child.kill()
        child.wait(WAIT)
    assert child.returncode == -signal.SIGKILL


# Runs in a child process: drains in batches of 10 and stops dead in the second batch, either
# while the index writer holds uncommitted documents or after the index committed but before
# the database did. The parent kills it there.
CHILD = """
import json, sys, time
from pathlib import Path
from marketplace import create_app
from marketplace.search import sync
from search_index.schema import document_fields

config, mode, ready = json.loads(sys.argv[1]), sys.argv[2], Path(sys.argv[3])
app = create_app(config)
sync.DRAIN_BATCH = 10
index = sync.search_index(app)
upsert, calls = index.upsert, []

def stalling_upsert(docs):
    calls.append(1)
    docs = list(docs)
    if len(calls) == 2:
        if mode == "index-uncommitted":
            writer = index._writer()
            for doc in docs:
                writer.add_document(**document_fields(doc))
        else:
            upsert(docs)
        ready.write_text("stalled")
        time.sleep(600)
    return upsert(docs)

index.upsert = stalling_upsert
sync.drain(app.extensions["db"], index)
"""


@pytest.mark.parametrize("mode", ["index-uncommitted", "index-committed-database-not"])
def test_a_drain_killed_midway_converges_after_sync(app: Flask, live_index: SearchIndex,
                                                    tmp_path: Path, mode: str) -> None:
    with committed(app) as (session, user):
        gone = make_patent(session, user, title="一种即将删除的收敛专利")
        owner = session.get(Organisation, user.organisation_id)
        assert owner is not None
        live_index.upsert([sync.patent_document(gone, owner)])
        patents = [make_patent(session, user, title=f"一种收敛测试装置{i}号") for i in range(25)]
        enqueue(session, [p.id or 0 for p in patents], IndexAction.UPSERT)
        session.delete(gone)
        enqueue(session, [gone.id or 0], IndexAction.DELETE)
        session.commit()

        config = {name: app.config[name] for name in
                  ("MARKETPLACE_ENV", "DATABASE_URL", "SECRET_KEY", "SEARCH_INDEX_DIR",
                   "UPLOAD_DIR")}
        kill_when_ready(tmp_path, CHILD, [json.dumps(config), mode])

        # The first batch is in; the rest of the outbox is still there.
        assert 0 < sync.pending(session) < 26
        session.rollback()  # end the read, so that SQLite lets the sync write
        before = _ids(live_index, "收敛")
        assert 10 <= len(before - {str(gone.id)}) < 25

        result = app.test_cli_runner().invoke(args=["search", "sync"])
        assert result.exit_code == 0, result.output
        assert sync.pending(session) == 0
        assert _ids(live_index, "收敛") == {str(p.id) for p in patents}
        for patent in patents:
            assert _ids(live_index, patent.title) & {str(patent.id)}
        assert _ids(live_index, "即将删除") == set()


# Rebuilding while searching


def test_searches_keep_answering_during_a_rebuild_from_the_database(
        app: Flask, live_index: SearchIndex, monkeypatch: pytest.MonkeyPatch) -> None:
    with committed(app) as (session, user):
        patents = [make_patent(session, user, title=f"光伏支架{i}", abstract="旧的说明")
                   for i in range(40)]
        session.commit()
        database: Database = app.extensions["db"]
        sync.rebuild(database, live_index)
        assert len(_ids(live_index, "光伏 支架")) == 40
        # The database moves on without the index: the titles change, no outbox rows.
        for patent in patents:
            patent.title = patent.title.replace("支架", "逆变器")
            session.add(patent)
        session.commit()

        started, go = threading.Event(), threading.Event()
        real = sync.patent_document

        def slow_document(patent: Patent, owner: Organisation,
                          declaration: Declaration | None = None) -> PatentDocument:
            if not started.is_set():
                started.set()
                assert go.wait(WAIT)
            time.sleep(0.01)
            return real(patent, owner, declaration)

        monkeypatch.setattr(sync, "patent_document", slow_document)
        seen: list[tuple[int, int]] = []

        def old_and_new() -> tuple[int, int]:
            """How many hits of one search have the old title and how many the new."""
            hits = live_index.search("支架 逆变器", per_page=100, facets=()).hits
            return (sum(1 for hit in hits if "支架" in hit.highlights.get("title", "")),
                    sum(1 for hit in hits if "逆变器" in hit.highlights.get("title", "")))

        with ThreadPoolExecutor(max_workers=1) as pool:
            rebuild = pool.submit(sync.rebuild, database, live_index)
            assert started.wait(WAIT)
            # Mid-rebuild, this thread still searches the old generation.
            assert old_and_new() == (40, 0)
            go.set()
            while not rebuild.done():
                seen.append(old_and_new())
            assert rebuild.result(WAIT) >= 40
        # Every search answered, from the whole old index or the whole new one.
        assert seen and set(seen) <= {(40, 0), (0, 40)}
        assert (40, 0) in seen
        assert _ids(live_index, "逆变器") == {str(p.id) for p in patents}
        assert _ids(live_index, "支架") == set()
