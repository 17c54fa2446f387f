"""A live server on 127.0.0.1 and Debian's chromium driven by Playwright (no browser download)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic import command
from flask import Flask
from playwright.sync_api import Browser, Page, sync_playwright
from werkzeug.serving import make_server

from marketplace import create_app
from marketplace.accounts.models import Role, User
from marketplace.cli import alembic_config
from marketplace.db import get_session, transaction
from marketplace.notifications.delivery import mail_sender
from marketplace.notifications.mail import RecordingSender
from tests.conftest import confirmation_link
from tests.factories import make_patent, make_user

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


def migrated_app(tmp: Path, **overrides: str) -> Flask:
    """An app on a migrated SQLite database of its own in ``tmp`` (``overrides``: settings)."""
    app = create_app({
        "MARKETPLACE_ENV": "test",
        "DATABASE_URL": f"sqlite:///{tmp / 'live.sqlite3'}",
        "SECRET_KEY": "browser-test-key",
        "SEARCH_INDEX_DIR": str(tmp / "search-index"),
        "UPLOAD_DIR": str(tmp / "uploads"),
        # The journeys log in many times a minute; the limit itself is tested without a browser.
        "LOGIN_RATE_LIMIT": "1000 per minute",
        "REGISTRATION_RATE_LIMIT": "1000 per minute",
        # Registration links are read from the e-mails the app keeps (World.confirmation_link).
        "MAIL_SENDER": "record",
        # Journeys search right after a change: the index follows before the page answers.
        "SEARCH_DRAIN": "inline",
        # The dense side with the deterministic embedder, vectors computed where a journey
        # asks: a background model would change the rankings while a journey runs.
        "SEARCH_EMBEDDER": "fake",
        "SEARCH_EMBED_RUNNER": "worker",
        **overrides,
    })
    with app.app_context():
        command.upgrade(alembic_config(), "head")
    return app


def serve(app: Flask) -> Iterator[str]:
    """Serve ``app`` on a free local port; yields its base URL."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.fixture(scope="session")
def live_app(tmp_path_factory: pytest.TempPathFactory) -> Flask:
    return migrated_app(tmp_path_factory.mktemp("live"))


@pytest.fixture(scope="session")
def base_url(live_app: Flask) -> Iterator[str]:
    yield from serve(live_app)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run scripts/ensure_chromium.py (browser tests "
                    "never download a browser)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def _is_csp_violation(console_text: str) -> bool:
    """Chromium reports a blocked script, style, image or frame as "Refused to …" (older) or
    "… violates the following Content Security Policy directive …" (newer)."""
    return "Refused to" in console_text or "Content Security Policy directive" in console_text


@pytest.fixture()
def page(browser: Browser) -> Iterator[Page]:
    """A fresh page; the test fails if the Content-Security-Policy refused anything on it."""
    context = browser.new_context(locale="zh-CN")
    page = context.new_page()
    page.set_default_timeout(10_000)
    refused: list[str] = []
    page.on("console", lambda message: refused.append(message.text)
            if message.type == "error" and _is_csp_violation(message.text) else None)
    yield page
    context.close()
    if refused:
        pytest.fail("the Content-Security-Policy refused: " + " | ".join(refused))


class World:
    """Records made directly in the live database for a browser test."""

    def __init__(self, app: Flask) -> None:
        self.app = app

    def confirmation_link(self, address: str) -> str:
        """The registration confirmation link last e-mailed to ``address`` (a site path)."""
        sender = mail_sender(self.app)
        assert isinstance(sender, RecordingSender)
        return confirmation_link(sender, address)

    def patentee_with_patent(self) -> tuple[User, int]:
        with self.app.app_context():
            session = get_session()
            with transaction(session):
                user = make_user(session, Role.PATENTEE)
                patent = make_patent(session, user, title="一种基于物联网的自动化杀青设备")
            assert patent.id is not None
            return user, patent.id


@pytest.fixture()
def world(live_app: Flask) -> World:
    return World(live_app)
