"""On-disk layout: numbered index generations and an atomically replaced pointer to the live one.

::

    <root>/CURRENT        text file naming the live generation, e.g. "gen-00000003"
    <root>/gen-00000003/  a complete whoosh index
    <root>/.lock          serialises creating and publishing generations

Readers resolve ``CURRENT`` on every use, so publishing a new generation (``os.replace`` of the
pointer file, atomic on POSIX and Windows) switches every reader at once and no reader ever sees
a half-built index.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Final

from whoosh.util.filelock import FileLock

__all__ = ["Generations"]

_POINTER: Final = "CURRENT"
_PREFIX: Final = "gen-"


class Generations:
    """The generation directories under ``root`` and the pointer to the live one."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def current(self) -> Path | None:
        """Return the live generation's directory, or ``None`` if none was ever published."""
        try:
            name = (self.root / _POINTER).read_text(encoding="utf-8").strip()
        except FileNotFoundError:
            return None
        return self.root / name

    @contextlib.contextmanager
    def lock(self) -> Iterator[None]:
        """Hold the layout lock (across processes) for ``new`` and ``publish``."""
        self.root.mkdir(parents=True, exist_ok=True)
        lock = FileLock(str(self.root / ".lock"))
        lock.acquire(blocking=True)
        try:
            yield
        finally:
            lock.release()

    def _numbers(self) -> list[int]:
        return [
            int(child.name.removeprefix(_PREFIX))
            for child in self.root.iterdir()
            if child.name.startswith(_PREFIX) and child.name.removeprefix(_PREFIX).isdigit()
        ]

    def new(self) -> Path:
        """Create and return an empty directory for the next generation (hold ``lock``).

        Numbers only grow, so every generation older than the live one has a smaller number.
        """
        number = max(self._numbers(), default=0) + 1
        path = self.root / f"{_PREFIX}{number:08d}"
        path.mkdir()
        return path

    def publish(self, generation: Path) -> None:
        """Atomically make ``generation`` the live one, durably (hold ``lock``)."""
        temporary = self.root / f".{_POINTER}.tmp"
        with temporary.open("w", encoding="utf-8") as file:
            file.write(generation.name)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, self.root / _POINTER)

    def prune(self, keep: Path) -> None:
        """Delete every generation older than ``keep`` (younger ones may still be being built)."""
        keep_number = int(keep.name.removeprefix(_PREFIX))
        for number in self._numbers():
            if number < keep_number:
                shutil.rmtree(self.root / f"{_PREFIX}{number:08d}", ignore_errors=True)
