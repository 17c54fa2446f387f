"""Security headers on every kind of response (flask-talisman), HSTS in production only."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlmodel import Session
from werkzeug.test import TestResponse

from marketplace.accounts.models import Role
from tests.conftest import Auth
from tests.factories import make_user

CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
       "img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; "
       "frame-ancestors 'none'")


def assert_hardened(response: TestResponse) -> None:
    assert response.headers["Content-Security-Policy"] == CSP
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "Strict-Transport-Security" not in response.headers  # development and tests


@pytest.mark.parametrize("path", [
    "/",                          # a page
    "/login",
    "/api/v1/health",             # the API
    "/api/v1/openapi.json",
    "/static/site.css",           # a static file
    "/static/sample-portfolio.csv",
    "/no-such-page",              # error pages
    "/api/v1/no-such-operation",
    "/account",                   # a redirect to the login
    "/api/v1/me",                 # a 401
])
def test_every_response_carries_the_security_headers(client: FlaskClient, path: str) -> None:
    with client.get(path) as response:
        assert_hardened(response)


def test_logged_in_pages_and_api_writes_carry_them(client: FlaskClient, auth: Auth,
                                                   session: Session) -> None:
    auth.login(make_user(session, Role.SME))
    assert_hardened(client.get("/account"))
    assert_hardened(client.post("/api/v1/tokens", json={"name": "robot"}))


def test_the_api_docs_run_without_inline_script(client: FlaskClient) -> None:
    html = client.get("/api/v1/docs").get_data(as_text=True)
    assert "<script>" not in html
    assert "/static/swagger-init.js" in html
    assert 'data-spec-url="/api/v1/openapi.json"' in html




def test_production_sends_hsts_over_https_and_leaves_redirects_to_the_proxy(
        make_app: Callable[..., Flask]) -> None:
    client = make_app(MARKETPLACE_ENV="production").test_client()
    secure = client.get("/api/v1/health", base_url="https://kaifang.example.cn")
    assert secure.headers["Strict-Transport-Security"] == "max-age=31536000"
    behind_proxy = client.get("/api/v1/health", headers={"X-Forwarded-Proto": "https"})
    assert behind_proxy.headers["Strict-Transport-Security"] == "max-age=31536000"
    # TLS ends at the proxy: plain HTTP reaching the app is served, not redirected.
    plain = client.get("/api/v1/health")
    assert plain.status_code == 200
    assert "Strict-Transport-Security" not in plain.headers


def test_force_https_redirects_when_set(make_app: Callable[..., Flask]) -> None:
    client = make_app(MARKETPLACE_ENV="production", FORCE_HTTPS=True).test_client()
    response = client.get("/api/v1/health")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("https://")
