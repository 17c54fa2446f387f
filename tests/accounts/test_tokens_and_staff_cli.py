"""A program gets a token with e-mail and password (no session, no CSRF), limited like the login;
the README's command creating the first office account works on a fresh database."""

from __future__ import annotations

import re
import shlex
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlmodel import Session, select

from marketplace.accounts.models import Organisation, Role, User
from tests.factories import DEFAULT_PASSWORD, make_user

README = Path(__file__).resolve().parents[2] / "README.md"


def test_a_program_exchanges_its_credentials_for_a_token(
        client: FlaskClient, session: Session, csrf_enabled: None) -> None:
    user = make_user(session, Role.SME)
    session.commit()
    response = client.post("/api/v1/auth/token", json={
        "email": user.email.upper(), "password": DEFAULT_PASSWORD, "name": "erp"})
    assert response.status_code == 201, response.json
    assert response.json is not None
    assert response.json["name"] == "erp"
    assert "Set-Cookie" not in response.headers  # no session
    secret = response.json["token"]
    fresh = client.application.test_client()  # no cookie jar shared
    me = fresh.get("/api/v1/me", headers={"Authorization": f"Bearer {secret}"})
    assert me.status_code == 200 and me.json is not None and me.json["email"] == user.email


def test_wrong_credentials_do_not_say_whether_the_email_exists(
        client: FlaskClient, session: Session) -> None:
    user = make_user(session, Role.PATENTEE)
    session.commit()
    known = client.post("/api/v1/auth/token", json={"email": user.email, "password": "nope"},
                        headers={"Accept-Language": "en"})
    unknown = client.post("/api/v1/auth/token",
                          json={"email": "nobody@example.cn", "password": "nope"},
                          headers={"Accept-Language": "en"})
    assert known.status_code == unknown.status_code == 401
    assert known.json == unknown.json == {"code": "unauthorized", "status": 401,
                                          "message": "Wrong e-mail or password."}


@pytest.fixture()
def strict_login_limit(app: Flask) -> Iterator[None]:
    original = app.config["LOGIN_RATE_LIMIT"]
    app.config["LOGIN_RATE_LIMIT"] = "3 per minute"
    yield
    app.config["LOGIN_RATE_LIMIT"] = original


def test_token_requests_are_rate_limited(client: FlaskClient, strict_login_limit: None) -> None:
    statuses = [client.post("/api/v1/auth/token",
                            json={"email": "x@example.cn", "password": "guess"}).status_code
                for _ in range(4)]
    assert statuses == [401, 401, 401, 429]


def _readme_command() -> list[str]:
    """The README's ``marketplace users create`` command, as written."""
    block = re.search(r"```sh\n(\.venv/bin/marketplace users create .*?)\n```",
                      README.read_text(encoding="utf-8"), re.DOTALL)
    assert block is not None, "the README no longer shows the command"
    return shlex.split(block.group(1).replace("\\\n", " "))[1:]


def test_the_readmes_office_command_works_on_a_fresh_database(app: Flask,
                                                              session: Session) -> None:
    assert session.exec(select(Organisation)).first() is None
    password = "a sturdy passphrase for the office 2026"
    result = app.test_cli_runner().invoke(args=_readme_command(),
                                          input=f"{password}\n{password}\n")
    assert result.exit_code == 0, result.output
    user = session.exec(select(User)).one()
    organisation = session.get(Organisation, user.organisation_id)
    assert (user.email, user.role) == ("office@example.cn", Role.OFFICE)
    assert organisation is not None and organisation.name == "开放许可运营中心"
    assert organisation.uscc is None
