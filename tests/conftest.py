"""Fixtures: one app and one migrated schema per run; every test inside a rolled-back
transaction (savepoints, so code under test may commit)."""

from __future__ import annotations

import os
import re
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from alembic import command
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import Connection, create_engine, make_url
from sqlmodel import Session

from marketplace import create_app
from marketplace.accounts.models import User
from marketplace.cli import alembic_config
from marketplace.db import Database
from marketplace.notifications.mail import RecordingSender
from tests.factories import DEFAULT_PASSWORD

SHARED_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"


def test_settings(tmp: Path, database_url: str) -> dict[str, object]:
    return {
        "MARKETPLACE_ENV": "test",
        "DATABASE_URL": database_url,
        "SECRET_KEY": "test-secret-key",
        "SEARCH_INDEX_DIR": str(tmp / "search-index"),
        "UPLOAD_DIR": str(tmp / "uploads"),
        "WTF_CSRF_ENABLED": False,
        "LOGIN_RATE_LIMIT": "10000 per minute",
        "REGISTRATION_RATE_LIMIT": "10000 per minute",
        # Batch runs are computed by calling the worker's function, in the test's transaction.
        "BATCH_RUNNER": "worker",
        # The dense side with the fast deterministic embedder; vectors are computed only where
        # a test asks (``embeddings.process_outbox``), so other tests rank lexically.
        "SEARCH_EMBEDDER": "fake",
        "SEARCH_EMBED_RUNNER": "worker",
        # The index follows each request's commit before it answers (the tests share one
        # connection, which a background thread must not use).
        "SEARCH_DRAIN": "inline",
    }


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    """TEST_DATABASE_URL (PostgreSQL in CI's second pass) or a fresh SQLite file."""
    url = os.environ.get("TEST_DATABASE_URL")
    if url:
        return url
    return f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.sqlite3'}"


@pytest.fixture(scope="module")
def live_database(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A SQLite file, or a new database on the PostgreSQL test cluster (dropped afterwards)."""
    url = os.environ.get("TEST_DATABASE_URL")
    if not url:
        yield f"sqlite:///{tmp_path_factory.mktemp('live-db') / 'live.sqlite3'}"
        return
    name = f"kaifang_live_{uuid.uuid4().hex[:8]}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f"CREATE DATABASE {name}")
    try:
        yield make_url(url).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.exec_driver_sql(f"DROP DATABASE {name} WITH (FORCE)")
        admin.dispose()


@pytest.fixture(scope="session")
def app(tmp_path_factory: pytest.TempPathFactory, database_url: str) -> Iterator[Flask]:
    app = create_app(test_settings(tmp_path_factory.mktemp("instance"), database_url))
    with app.app_context():
        _reset_schema(app)
        command.upgrade(alembic_config(), "head")
    yield app
    app.extensions["db"].engine.dispose()


def _reset_schema(app: Flask) -> None:
    """Start PostgreSQL runs from an empty schema (SQLite files are new each run)."""
    engine = app.extensions["db"].engine
    if engine.dialect.name == "postgresql":
        with engine.begin() as conn:
            conn.exec_driver_sql("DROP SCHEMA public CASCADE; CREATE SCHEMA public")


@pytest.fixture()
def connection(app: Flask) -> Iterator[Connection]:
    database: Database = app.extensions["db"]
    conn = database.engine.connect()
    outer = conn.begin()
    original = database.session_factory.kw.copy()
    database.session_factory.configure(bind=conn, join_transaction_mode="create_savepoint")
    try:
        yield conn
    finally:
        database.session_factory.kw.clear()
        database.session_factory.kw.update(original)
        outer.rollback()
        conn.close()


@pytest.fixture()
def session(app: Flask, connection: Connection) -> Iterator[Session]:
    """A session on the test's connection. No app context is kept pushed, so each request of the
    test client gets its own app context, ``g`` and session, as in production."""
    database: Database = app.extensions["db"]
    session = database.new_session()
    yield session
    session.close()


@pytest.fixture()
def client(app: Flask, connection: Connection) -> FlaskClient:
    return app.test_client()


@pytest.fixture()
def csrf_enabled(app: Flask) -> Iterator[None]:
    app.config["WTF_CSRF_ENABLED"] = True
    yield
    app.config["WTF_CSRF_ENABLED"] = False


class Auth:
    """Logs a test client in through the real login form (flaskr's AuthActions)."""

    def __init__(self, client: FlaskClient) -> None:
        self.client = client

    def login(self, user: User, password: str = DEFAULT_PASSWORD) -> None:
        response = self.client.post("/login", data={"email": user.email, "password": password})
        assert response.status_code == 302, response.get_data(as_text=True)[:500]

    def logout(self) -> None:
        self.client.post("/logout")


@pytest.fixture()
def auth(client: FlaskClient) -> Auth:
    return Auth(client)


def csrf_token_from(html: str) -> str:
    match = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html)
    assert match, "no CSRF token in the page"
    return match.group(1)


@pytest.fixture()
def outbox(app: Flask) -> Iterator[RecordingSender]:
    """The e-mails the app sends during the test."""
    previous = app.extensions.get("mail_sender")
    sender = RecordingSender()
    app.extensions["mail_sender"] = sender
    yield sender
    app.extensions["mail_sender"] = previous


def confirmation_link(outbox: RecordingSender, address: str) -> str:
    """The path of the last registration confirmation link sent to ``address``."""
    bodies = [email.body for email in outbox.sent if email.to == address]
    links = re.findall(r"https?://[^/\s]+(/register/confirm/\S+)", "\n".join(bodies))
    assert links, f"no confirmation link sent to {address}"
    return str(links[-1])


@pytest.fixture()
def make_app(tmp_path: Path) -> Iterator[Callable[..., Flask]]:
    """Build apps with other settings (production, proxies...) on ``database_url`` or a fresh
    SQLite file; their connections are closed after the test."""
    apps: list[Flask] = []

    def make(database_url: str | None = None, **overrides: object) -> Flask:
        url = database_url or f"sqlite:///{tmp_path / 'other.sqlite3'}"
        app = create_app({**test_settings(tmp_path, url), **overrides})
        apps.append(app)
        return app

    yield make
    for app in apps:
        app.extensions["db"].engine.dispose()
