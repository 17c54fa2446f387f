"""Work that follows a commit, done by one background thread of the web process.

A feature's queue lives in the database (an outbox table written in the same transaction as the
change), so nothing is lost when the process dies; this thread only makes the queue empty soon
after each commit instead of at the next periodic command. The search drain and need matching
each have one per process (``SEARCH_DRAIN=thread``).
"""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import ParamSpec, TypeVar

from flask import Flask, current_app, has_request_context

P = ParamSpec("P")
T = TypeVar("T")


class Background:
    """One thread, started on first use and woken after each commit that queued work, that runs
    ``work`` (which logs its errors, never raises) until it reports the queue done (``True``);
    while ``work`` reports it could not finish (``False``: e.g. another process holds the
    index) it runs again every ``retry_seconds``."""

    def __init__(self, name: str, work: Callable[[], bool], *,
                 retry_seconds: float = 1.0) -> None:
        self._name = name
        self._work = work
        self._retry_seconds = retry_seconds
        self._lock = threading.Lock()
        self._wake = threading.Event()
        self._idle = threading.Event()
        self._idle.set()
        self._thread: threading.Thread | None = None

    def wake(self) -> None:
        """Ask for a run (the thread starts on first use, in the process that serves)."""
        with self._lock:
            self._idle.clear()
            self._wake.set()
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name=self._name, daemon=True)
                self._thread.start()

    def wait_idle(self, timeout: float | None = None) -> bool:
        """Block until no run is asked for or running; False if ``timeout`` passed first."""
        return self._idle.wait(timeout)

    def _run(self) -> None:
        while True:
            self._wake.wait()
            with self._lock:
                self._wake.clear()
            if not self._work():
                self._wake.wait(self._retry_seconds)
                self._wake.set()
                continue
            with self._lock:
                if not self._wake.is_set():
                    self._idle.set()

    def run_now(self) -> bool:
        """Run the work in the calling thread (it never raises); whether it finished."""
        return self._work()


def _lower_priority(nice: int) -> None:
    if sys.platform == "linux":  # where the nice value is a thread's, not the process's
        thread = threading.get_native_id()
        os.setpriority(os.PRIO_PROCESS, thread, os.getpriority(os.PRIO_PROCESS, thread) + nice)


class ProcessExiting(Exception):
    """The process is exiting: its ``Yielding`` threads take no more work (what was queued stays
    queued for the next process)."""


class Yielding:
    """One thread at a CPU priority ``nice`` lower than the requests' (on Linux), for pure
    computation that may wait: the embedding model then takes the CPU the requests leave
    instead of competing with them for it (the threads it starts for its parallel parts inherit
    the priority). Never give it work that holds a lock or a database transaction others wait
    for: a thread that yields the CPU would make them wait too."""

    def __init__(self, name: str, *, nice: int) -> None:
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix=name,
                                            initializer=_lower_priority, initargs=(nice,))

    def run(self, function: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
        """``function(*args, **kwargs)`` computed in the thread; its result or exception.
        Raises ``ProcessExiting`` once the interpreter has begun to exit (it shuts the thread
        down first)."""
        try:
            future = self._executor.submit(function, *args, **kwargs)
        except RuntimeError as exc:  # "cannot schedule new futures after (interpreter) shutdown"
            raise ProcessExiting from exc
        return future.result()


def follow_commit(worker: Background) -> None:
    """After-commit hook's body: wake ``worker`` (web requests with ``SEARCH_DRAIN=thread``:
    the request answers at once) or do its work now (CLI commands, scripts, ``inline``)."""
    app: Flask = current_app._get_current_object()  # type: ignore[attr-defined]
    if has_request_context() and app.config["SEARCH_DRAIN"] == "thread":
        worker.wake()
    else:
        worker.run_now()
