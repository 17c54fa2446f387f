"""After an import commits, a background thread of the web process drains the search outbox to
empty, batch after batch: every imported patent becomes searchable with no command run. Its own
app and database (the thread commits for real); the test waits on the drain, never on a clock."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic import command
from flask import Flask

from marketplace import create_app
from marketplace.accounts.models import Role
from marketplace.cli import alembic_config
from marketplace.db import get_session, transaction
from marketplace.search import sync
from scripts.bench_import import synthetic_csv
from tests.factories import DEFAULT_PASSWORD, make_user

ROWS = 300
BATCH = 40  # SEARCH_DRAIN_BATCH: the import's changes take several batches


@pytest.fixture(scope="module")
def threaded_app(tmp_path_factory: pytest.TempPathFactory,
                 live_database: str) -> Iterator[Flask]:
    tmp: Path = tmp_path_factory.mktemp("background-drain")
    app = create_app({
        "MARKETPLACE_ENV": "test", "DATABASE_URL": live_database, "SECRET_KEY": "drain-key",
        "SEARCH_INDEX_DIR": str(tmp / "search-index"), "UPLOAD_DIR": str(tmp / "uploads"),
        "WTF_CSRF_ENABLED": False, "MAIL_SENDER": "record", "SEARCH_DRAIN": "thread",
        "SEARCH_DRAIN_BATCH": BATCH, "MATCH_AFTER_COMMIT_SEARCHES": 0,
    })
    with app.app_context():
        command.upgrade(alembic_config(), "head")
    yield app
    app.extensions["db"].engine.dispose()


def test_an_import_is_searchable_once_the_background_drain_is_done(
        threaded_app: Flask) -> None:
    with threaded_app.app_context():
        session = get_session()
        with transaction(session):
            email = make_user(session, Role.PATENTEE).email
    client = threaded_app.test_client()
    client.post("/login", data={"email": email, "password": DEFAULT_PASSWORD})
    response = client.post("/portfolio/import", data={
        "file": (io.BytesIO(synthetic_csv(ROWS)), "portfolio.csv")},
        content_type="multipart/form-data")
    assert response.status_code == 200
    assert sync.drainer(threaded_app).wait_idle(timeout=300)
    index = sync.search_index(threaded_app)
    with threaded_app.app_context():
        assert sync.pending(get_session()) == 0
    assert index.doc_count() == ROWS
    hits = client.get("/api/v1/search?q=杀青设备&per_page=5").json
    assert hits["total"] == ROWS


def test_the_drain_is_asked_again_while_it_runs_and_still_ends_idle(
        threaded_app: Flask) -> None:
    drainer = sync.drainer(threaded_app)
    for _ in range(5):
        drainer.wake()
    assert drainer.wait_idle(timeout=120)
