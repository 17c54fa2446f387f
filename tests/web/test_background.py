"""The web process's background threads: woken after commits, they empty a queue and go idle;
need matching embeds at a lower CPU priority than the requests."""

from __future__ import annotations

import logging
import os
import sys
import threading

import pytest
from flask import Flask
from sqlmodel import Session

from marketplace.accounts.models import Role
from marketplace.background import Background, ProcessExiting, Yielding
from marketplace.needs import hooks, outbox
from marketplace.needs.outbox import queue_need
from search_index import SearchIndex
from tests.factories import make_need, make_user


def _priority() -> int:
    return os.getpriority(os.PRIO_PROCESS, threading.get_native_id())


def test_work_runs_in_its_thread_until_done_then_the_thread_is_idle() -> None:
    runs: list[str] = []

    def work() -> bool:
        runs.append(threading.current_thread().name)
        return True

    worker = Background("test-work", work)
    worker.wake()
    assert worker.wait_idle(timeout=30)
    assert runs == ["test-work"]


@pytest.mark.skipif(sys.platform != "linux", reason="the nice value is a thread's on Linux")
def test_need_matching_embeds_at_a_lower_cpu_priority_than_requests(
        app: Flask, session: Session, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[int] = []

    def embed(_index: SearchIndex, _text: str) -> None:
        seen.append(_priority())

    monkeypatch.setattr(hooks, "embed_need", embed)
    need = make_need(session, make_user(session, Role.SME))
    queue_need(session, need.id or 0)
    session.flush()
    own = _priority()
    assert hooks.need_matcher(app).run_now()
    assert seen == [min(own + hooks.EMBED_NICE, 19)]
    assert _priority() == own  # the requests' threads keep theirs
    assert outbox.pending(session) == 0


def test_a_yielding_thread_refuses_work_once_the_process_exits() -> None:
    thread = Yielding("test-exiting", nice=0)
    assert thread.run(sum, [1, 2]) == 3
    thread._executor.shutdown()  # what the interpreter does first when it exits
    with pytest.raises(ProcessExiting):
        thread.run(sum, [1, 2])


def test_needs_saved_as_the_process_exits_stay_queued_without_an_error_logged(
        app: Flask, session: Session, caplog: pytest.LogCaptureFixture) -> None:
    need = make_need(session, make_user(session, Role.SME))
    queue_need(session, need.id or 0)
    session.commit()
    exiting = Yielding("test-exiting", nice=0)
    exiting._executor.shutdown()
    with caplog.at_level(logging.INFO, logger=hooks.log.name):
        assert hooks._match_needs(app, exiting)
    assert not [record for record in caplog.records if record.levelno >= logging.ERROR]
    assert "stay queued" in caplog.text
    assert outbox.pending(session) == 1  # for the next process, or `needs refresh`
