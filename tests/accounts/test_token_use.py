"""A token's last use is written at most once per TOKEN_USE_RECORD_MINUTES, once the response is
sent and in a transaction of its own; a request with a fresh token writes nothing at all."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import event
from sqlmodel import Session

from marketplace.accounts import services
from marketplace.accounts.models import ApiToken, Role
from marketplace.db import utcnow
from tests.factories import make_user

WRITES = ("INSERT", "UPDATE", "DELETE")


@pytest.fixture()
def statements(app: Flask) -> Iterator[list[str]]:
    """Every SQL statement the app sends while the test runs."""
    seen: list[str] = []
    engine = app.extensions["db"].engine

    def record(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        seen.append(statement.lstrip().upper())

    event.listen(engine, "before_cursor_execute", record)
    yield seen
    event.remove(engine, "before_cursor_execute", record)


def _token(session: Session, last_used: dt.datetime | None) -> tuple[ApiToken, str]:
    token, secret = services.create_api_token(session, user=make_user(session, Role.SME),
                                              name="ERP")
    token.last_used_at = last_used
    session.add(token)
    session.flush()
    return token, secret


@pytest.mark.parametrize("last_used", [None, utcnow() - dt.timedelta(minutes=6)])
def test_a_get_with_a_stale_token_writes_its_use(
        client: FlaskClient, session: Session, last_used: dt.datetime | None) -> None:
    token, secret = _token(session, last_used)
    before = utcnow()
    with client.get("/api/v1/me", headers={"Authorization": f"Bearer {secret}"}) as response:
        assert response.status_code == 200
    session.refresh(token)
    assert token.last_used_at is not None and token.last_used_at >= before


def test_a_get_with_a_fresh_token_writes_nothing(
        client: FlaskClient, session: Session, statements: list[str]) -> None:
    recent = utcnow() - dt.timedelta(minutes=1)
    token, secret = _token(session, recent)
    statements.clear()
    with client.get("/api/v1/licences",
                    headers={"Authorization": f"Bearer {secret}"}) as response:
        assert response.status_code == 200
    assert statements and not [s for s in statements if s.startswith(WRITES)]
    session.refresh(token)
    assert token.last_used_at == recent


def test_the_interval_is_a_setting(app: Flask, client: FlaskClient, session: Session) -> None:
    recent = utcnow() - dt.timedelta(minutes=1)
    token, secret = _token(session, recent)
    app.config["TOKEN_USE_RECORD_MINUTES"] = 0
    try:
        client.get("/api/v1/me", headers={"Authorization": f"Bearer {secret}"}).close()
    finally:
        app.config["TOKEN_USE_RECORD_MINUTES"] = 5
    session.refresh(token)
    assert token.last_used_at is not None and token.last_used_at > recent


def test_a_revoked_token_is_refused_and_its_use_not_written(
        client: FlaskClient, session: Session) -> None:
    token, secret = _token(session, None)
    token.revoked_at = utcnow()
    session.add(token)
    session.flush()
    with client.get("/api/v1/me", headers={"Authorization": f"Bearer {secret}"}) as response:
        assert response.status_code == 401
    session.refresh(token)
    assert token.last_used_at is None
