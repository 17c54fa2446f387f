"""Batch matching runs of the office: queued from an upload, computed in the background, kept
as files until downloaded.

Matching thousands of needs takes minutes (about 30–70 ms a need), longer than a web worker
may hold a request: a streamed answer would be cut off by the worker's timeout and the office
would get a run that looks complete but is not. So the upload only queues a run; a background
thread of the web process (``BATCH_RUNNER = thread``) or ``marketplace search batches`` (``worker``)
computes it into a temporary file that replaces the final one only when every need is done.
A run whose process died (its heartbeat older than ``STALE_AFTER``) is taken up again from the
start by the next thread or command; claiming is one conditional UPDATE, so two processes never
compute the same run.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import threading
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, Final

from flask import Flask
from sqlalchemy import or_, update
from sqlmodel import Session, col, select

from marketplace.accounts.models import User
from marketplace.db import Database, transaction, utcnow
from marketplace.plaintext import cleaned
from marketplace.search import batch_pool, sync
from marketplace.search.batch import Need
from marketplace.search.models import BatchRun, BatchRunStatus
from search_index import SearchIndex

__all__ = [
    "STALE_AFTER",
    "launch",
    "needs_path",
    "pending",
    "process",
    "process_pending",
    "run_path",
    "submit",
]

log = logging.getLogger(__name__)

# A running run whose heartbeat is older than this is taken to have lost its process.
STALE_AFTER: Final = dt.timedelta(minutes=2)
# The heartbeat and the progress are written after this many needs.
_PROGRESS_EVERY: Final = 25


def _directory(upload_dir: Path) -> Path:
    return Path(upload_dir) / "batch-runs"


def needs_path(upload_dir: Path, run: BatchRun) -> Path:
    return _directory(upload_dir) / f"{run.id}.needs.jsonl"


def run_path(upload_dir: Path, run: BatchRun) -> Path:
    """The finished run (it exists only once every need is matched)."""
    return _directory(upload_dir) / f"{run.id}.run.txt"


def submit(session: Session, actor: User, needs: Sequence[Need], *, top: int, file_name: str,
           upload_dir: Path) -> BatchRun:
    """Queue a run of ``needs`` (already checked); the caller commits, then launches it."""
    assert actor.id is not None
    # The upload's name is shown, so it must be storable like any text (plaintext.py).
    run = BatchRun(created_by_id=actor.id, file_name=cleaned(file_name)[:200] or "needs.jsonl",
                   top=top, needs_count=len(needs))
    session.add(run)
    session.flush()
    path = needs_path(upload_dir, run)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps({"query_id": n.query_id, "text": n.text},
                                       ensure_ascii=False) + "\n" for n in needs),
                    encoding="utf-8")
    return run


def pending(session: Session, now: dt.datetime | None = None) -> list[int]:
    """The runs waiting for a process: queued, or running with a stale heartbeat."""
    stale = (now or utcnow()) - STALE_AFTER
    return list(session.exec(select(BatchRun.id).where(or_(
        col(BatchRun.status) == BatchRunStatus.QUEUED,
        (col(BatchRun.status) == BatchRunStatus.RUNNING) & (col(BatchRun.heartbeat_at) < stale),
    )).order_by(col(BatchRun.id))))  # type: ignore[arg-type]


def _claim(database: Database, run_id: int) -> bool:
    """Take the run for this process if no live process has it."""
    now = utcnow()
    session = database.new_session()
    try:
        with transaction(session):
            claimed = session.execute(
                update(BatchRun)
                .where(col(BatchRun.id) == run_id)
                .where(or_(col(BatchRun.status) == BatchRunStatus.QUEUED,
                           (col(BatchRun.status) == BatchRunStatus.RUNNING)
                           & (col(BatchRun.heartbeat_at) < now - STALE_AFTER)))
                .values(status=BatchRunStatus.RUNNING, heartbeat_at=now, done_count=0,
                        error=None)
            )
        return bool(claimed.rowcount)  # type: ignore[attr-defined]
    finally:
        session.close()


def _record(database: Database, run_id: int, **values: object) -> None:
    session = database.new_session()
    try:
        with transaction(session):
            session.execute(update(BatchRun).where(col(BatchRun.id) == run_id).values(**values))
    finally:
        session.close()


def process(database: Database, index: SearchIndex, run_id: int, upload_dir: Path, *,
            workers: int = 1, settings: Mapping[str, Any] | None = None) -> bool:
    """Compute the run if it can be claimed; ``False`` when another process has it.

    With the app's ``settings``, ``workers`` processes rank the needs (``BATCH_WORKERS``: 0
    chooses, see ``batch_pool.worker_count``) and this one writes the lines in the needs'
    order; without, this process does it all.
    """
    if not _claim(database, run_id):
        return False
    failure: str | None = None
    lines = done = 0
    session = database.new_session()
    try:
        run = session.get(BatchRun, run_id)
        assert run is not None
        top, final = run.top, run_path(upload_dir, run)
        queued = [Need(**json.loads(line)) for line in
                  needs_path(upload_dir, run).read_text(encoding="utf-8").splitlines()]
        partial = final.with_suffix(".partial")
        count = batch_pool.worker_count(workers, len(queued)) if settings else 1
        matched = batch_pool.match_in_order(session, index, queued, top=top, workers=count,
                                            settings=settings or {})
        with partial.open("w", encoding="utf-8") as out:
            for done, need_lines in enumerate(matched, start=1):
                for line in need_lines:
                    out.write(f"{line}\n")
                    lines += 1
                session.rollback()  # no read transaction held open for the whole run
                if done % _PROGRESS_EVERY == 0:
                    _record(database, run_id, done_count=done, heartbeat_at=utcnow())
        os.replace(partial, final)
    except Exception as exc:
        log.exception("batch run %s failed", run_id)
        failure = f"{type(exc).__name__}: {exc}"[:500]
    finally:
        session.close()
    if failure is not None:
        _record(database, run_id, status=BatchRunStatus.FAILED, finished_at=utcnow(),
                error=failure)
    else:
        _record(database, run_id, status=BatchRunStatus.DONE, done_count=done,
                lines_count=lines, heartbeat_at=utcnow(), finished_at=utcnow())
    return True


def process_pending(database: Database, index: SearchIndex, upload_dir: Path, *,
                    workers: int = 1, settings: Mapping[str, Any] | None = None) -> int:
    """Compute every waiting run in turn; return how many this process computed."""
    session = database.new_session()
    try:
        waiting = pending(session)
    finally:
        session.close()
    return sum(process(database, index, run_id, upload_dir, workers=workers, settings=settings)
               for run_id in waiting)


def pool_options(app: Flask) -> dict[str, Any]:
    """``process``'s ``workers`` (``BATCH_WORKERS``) and ``settings`` for the app's runs."""
    return {"workers": app.config["BATCH_WORKERS"], "settings": batch_pool.settings_of(app)}


def launch(app: Flask, run_ids: Sequence[int]) -> threading.Thread | None:
    """Compute these runs in a background thread of this process (``BATCH_RUNNER = thread``)."""
    if not run_ids or app.config["BATCH_RUNNER"] != "thread":
        return None
    database: Database = app.extensions["db"]
    index = sync.search_index(app)
    upload_dir = Path(app.config["UPLOAD_DIR"])
    options = pool_options(app)

    def work() -> None:
        for run_id in run_ids:
            process(database, index, run_id, upload_dir, **options)

    thread = threading.Thread(target=work, name=f"batch-runs-{run_ids[0]}", daemon=True)
    thread.start()
    return thread
