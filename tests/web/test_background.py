"""The web process's background threads: woken after commits, they empty a queue and go idle;
need matching embeds at a lower CPU priority than the requests."""

from __future__ import annotations

import os
import sys
import threading

import pytest
from flask import Flask
from sqlmodel import Session

from marketplace.accounts.models import Role
from marketplace.background import Background
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
