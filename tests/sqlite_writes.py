"""What the SQLite write lock lets others do: on SQLite one connection at a time holds the
database's write lock, so slow work (the embedding model, a search) must run outside write
transactions, or every other request that writes waits for it."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest
from alembic import command
from flask import Flask

from marketplace.cli import alembic_config
from search_index.embedding import FakeEmbedder, Vectors


def another_writer_can_write(path: Path) -> bool:
    """Whether a second connection to the SQLite file gets the write lock at once."""
    other = sqlite3.connect(path, timeout=0, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")
        other.execute("ROLLBACK")
        return True
    except sqlite3.OperationalError:  # database is locked
        return False
    finally:
        other.close()


@pytest.fixture()
def file_app(tmp_path: Path, make_app: Callable[..., Flask]) -> tuple[Flask, Path]:
    """An app on a migrated SQLite file of its own, and the file."""
    path = tmp_path / "writes.sqlite3"
    app = make_app(f"sqlite:///{path}")
    with app.app_context():
        command.upgrade(alembic_config(), "head")
    return app, path


class WatchingEmbedder(FakeEmbedder):
    """The test embedder, noting at each call whether another writer could write meanwhile."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path
        self.free: list[bool] = []

    def embed_queries(self, texts: Sequence[str]) -> Vectors:
        self.free.append(another_writer_can_write(self.path))
        return super().embed_queries(texts)

    def embed_passages(self, texts: Sequence[str]) -> Vectors:
        self.free.append(another_writer_can_write(self.path))
        return super().embed_passages(texts)
