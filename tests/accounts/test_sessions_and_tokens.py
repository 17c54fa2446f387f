"""Sessions end on the server (logout, password change, idle timeout); API tokens expire, can be
read-only and are refused with a reason."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlmodel import Session

from marketplace.accounts import services
from marketplace.accounts.models import ApiToken, Role, TokenScope, User
from tests.conftest import Auth
from tests.factories import DEFAULT_PASSWORD, make_user

NEW_PASSWORD = "a quite different passphrase"


def _session_cookie(client: FlaskClient) -> str:
    cookie = client.get_cookie("session")
    assert cookie is not None
    return cookie.value


def _replay(app: Flask, cookie: str) -> FlaskClient:
    """Another browser presenting a copy of the cookie (captured, or another device's)."""
    other = app.test_client()
    other.set_cookie("session", cookie)
    return other


def test_a_cookie_captured_before_logout_no_longer_opens_the_account(
        app: Flask, client: FlaskClient, auth: Auth, session: Session) -> None:
    auth.login(make_user(session, Role.SME))
    assert client.get("/account").status_code == 200
    captured = _session_cookie(client)
    auth.logout()
    replayed = _replay(app, captured).get("/account")
    assert replayed.status_code == 302
    assert "/login" in replayed.headers["Location"]
    assert _replay(app, captured).get("/api/v1/me").status_code == 401


def test_changing_the_password_ends_the_other_sessions_and_keeps_this_one(
        app: Flask, client: FlaskClient, auth: Auth, session: Session) -> None:
    user = make_user(session, Role.PATENTEE)
    auth.login(user)
    other_device = _replay(app, _session_cookie(client))
    assert other_device.get("/account").status_code == 200

    response = client.post("/account/password", data={
        "current_password": DEFAULT_PASSWORD, "new_password": NEW_PASSWORD,
        "confirm": NEW_PASSWORD})
    assert response.status_code == 302
    assert client.get("/account").status_code == 200
    assert other_device.get("/account").status_code == 302
    assert Auth(app.test_client()).client.post(
        "/login", data={"email": user.email, "password": NEW_PASSWORD}).status_code == 302


def test_a_wrong_current_password_changes_nothing(
        client: FlaskClient, auth: Auth, session: Session) -> None:
    auth.login(make_user(session, Role.SME))
    html = client.post("/account/password", data={
        "current_password": "not my password at all", "new_password": NEW_PASSWORD,
        "confirm": NEW_PASSWORD}, headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "Wrong password." in html
    assert client.get("/account").status_code == 200


def test_a_session_ends_after_the_idle_timeout(
        app: Flask, client: FlaskClient, auth: Auth, session: Session,
        monkeypatch: pytest.MonkeyPatch) -> None:
    auth.login(make_user(session, Role.SME))
    assert client.get("/account").status_code == 200  # within the timeout: refreshed
    idle = app.config["SESSION_IDLE_MINUTES"] * 60 + 5
    later = time.time() + idle
    monkeypatch.setattr("itsdangerous.timed.time.time", lambda: later)
    assert client.get("/account").status_code == 302


def test_session_cookies_are_secure_in_production(make_app: Callable[..., Flask]) -> None:
    client = make_app(MARKETPLACE_ENV="production", WTF_CSRF_ENABLED=True).test_client()
    client.get("/login", base_url="https://kaifang.example.cn")  # the form's CSRF session
    cookie = client.get_cookie("session", domain="kaifang.example.cn")
    assert cookie is not None
    assert cookie.secure and cookie.http_only and cookie.same_site == "Lax"


def _bearer(secret: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {secret}"}


def test_tokens_last_90_days_by_default_and_the_account_page_says_until_when(
        client: FlaskClient, auth: Auth, session: Session) -> None:
    auth.login(make_user(session, Role.SME))
    created = client.post("/api/v1/tokens", json={"name": "ERP"})
    assert created.status_code == 201
    expires = dt.datetime.fromisoformat(created.json["expires_at"])
    assert dt.timedelta(days=89) < expires - dt.datetime.now(dt.UTC) <= dt.timedelta(days=90)
    assert created.json["scope"] == "read_write"
    html = client.get("/account", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "Expires" in html
    assert "Read and write" in html


def test_the_account_page_creates_a_read_only_token_with_the_chosen_lifetime(
        client: FlaskClient, auth: Auth, session: Session) -> None:
    user = make_user(session, Role.SME)
    auth.login(user)
    response = client.post("/account/tokens", data={
        "name": "dashboard", "expires_in_days": "30", "scope": "read"})
    assert response.status_code == 200
    (token,) = services.list_api_tokens(session, user=user)
    assert token.scope is TokenScope.READ
    assert (token.expires_at - token.created_at) == dt.timedelta(days=30)


def test_a_lifetime_beyond_the_maximum_is_refused(
        client: FlaskClient, auth: Auth, session: Session) -> None:
    auth.login(make_user(session, Role.SME))
    response = client.post("/api/v1/tokens", json={"name": "forever", "expires_in_days": 366},
                           headers={"Accept-Language": "en"})
    assert response.status_code == 422
    assert response.json["errors"] == {"expires_in_days": ["Choose from 1 to 365 days."]}


def _token(session: Session, user: User, **kwargs: object) -> tuple[ApiToken, str]:
    token, secret = services.create_api_token(session, user=user, name="robot", **kwargs)
    session.commit()
    return token, secret


def test_an_expired_token_is_refused_with_a_clear_401(
        client: FlaskClient, session: Session) -> None:
    token, secret = _token(session, make_user(session, Role.SME), days=1)
    assert client.get("/api/v1/me", headers=_bearer(secret)).status_code == 200
    token.expires_at = dt.datetime.now(dt.UTC) - dt.timedelta(minutes=1)
    session.add(token)
    session.commit()
    response = client.get("/api/v1/me", headers={**_bearer(secret), "Accept-Language": "en"})
    assert response.status_code == 401
    assert response.json["code"] == "unauthorized"
    assert "expired on" in response.json["message"]


def test_a_read_only_token_reads_but_cannot_write(
        client: FlaskClient, session: Session) -> None:
    _, secret = _token(session, make_user(session, Role.SME), scope=TokenScope.READ)
    assert client.get("/api/v1/me", headers=_bearer(secret)).status_code == 200
    assert client.get("/api/v1/tokens", headers=_bearer(secret)).status_code == 200
    for method in ("post", "put", "patch", "delete"):
        response = getattr(client, method)("/api/v1/tokens", json={"name": "escalate"},
                                            headers={**_bearer(secret),
                                                     "Accept-Language": "en"})
        assert response.status_code == 403, method
        assert "read-only" in response.json["message"]


def test_a_read_write_token_writes(client: FlaskClient, session: Session) -> None:
    _, secret = _token(session, make_user(session, Role.SME))
    assert client.post("/api/v1/tokens", json={"name": "second"},
                       headers=_bearer(secret)).status_code == 201


def test_a_revoked_token_is_refused_with_a_clear_401(
        client: FlaskClient, session: Session) -> None:
    user = make_user(session, Role.SME)
    token, secret = _token(session, user)
    services.revoke_api_token(session, user=user, token_id=token.id or 0)
    session.commit()
    response = client.get("/api/v1/me", headers={**_bearer(secret), "Accept-Language": "en"})
    assert response.status_code == 401
    assert "revoked" in response.json["message"]
