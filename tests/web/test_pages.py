"""The UI shell: registration by form, language choice, errors, CSRF, throttled logins, API."""

from __future__ import annotations

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlmodel import Session, select

from marketplace.accounts.models import Organisation, Role, User
from marketplace.notifications.mail import RecordingSender
from tests.conftest import Auth, confirmation_link, csrf_token_from
from tests.factories import DEFAULT_PASSWORD, make_user, registration_form


def test_register_by_form_then_confirm_the_email_logs_in(
        client: FlaskClient, session: Session, outbox: RecordingSender) -> None:
    response = client.post("/register", data=registration_form(), follow_redirects=True)
    assert response.status_code == 200
    user = session.exec(select(User).where(User.email == "chen@lvyuan.example.cn")).one()
    assert user.role is Role.SME
    assert session.get(Organisation, user.organisation_id) is not None
    assert client.get("/api/v1/me").status_code == 401  # not before the address is confirmed
    assert client.get(confirmation_link(outbox, "chen@lvyuan.example.cn")).status_code == 302
    assert client.get("/api/v1/me").json["email"] == "chen@lvyuan.example.cn"


def test_register_shows_error_next_to_field(client: FlaskClient) -> None:
    bad = registration_form(uscc="91330100MA2B000010")  # 18 chars, wrong check character
    html = client.post("/register", data=bad, headers={"Accept-Language": "en"}).get_data(
        as_text=True)
    field_block = html.split('id="uscc"')[1].split("</div>")[0]
    assert 'class="errors"' in field_block


@pytest.mark.parametrize(("accept", "expected"), [
    ("en-GB,en;q=0.9", "Log in"),
    ("zh-CN,zh;q=0.9", "登录"),
    ("fr-FR", "登录"),  # unsupported → Chinese
    ("", "登录"),
])
def test_first_visit_follows_accept_language(client: FlaskClient, accept: str,
                                             expected: str) -> None:
    html = client.get("/login", headers={"Accept-Language": accept}).get_data(as_text=True)
    assert f"<h1>{expected}</h1>" in html


def test_language_choice_is_remembered(client: FlaskClient) -> None:
    client.get("/lang/en", headers={"Accept-Language": "zh-CN"})
    html = client.get("/login", headers={"Accept-Language": "zh-CN"}).get_data(as_text=True)
    assert "<h1>Log in</h1>" in html


def test_error_pages_in_both_languages(client: FlaskClient) -> None:
    zh = client.get("/no-such-page", headers={"Accept-Language": "zh"})
    en = client.get("/no-such-page", headers={"Accept-Language": "en"})
    assert zh.status_code == en.status_code == 404
    assert "This page or record does not exist." in en.get_data(as_text=True)
    assert "This page or record does not exist." not in zh.get_data(as_text=True)


def test_api_errors_have_one_shape(client: FlaskClient, auth: Auth, session: Session) -> None:
    response = client.get("/api/v1/no-such-thing")
    assert response.status_code == 404
    assert set(response.json) == {"code", "status", "message"}
    auth.login(make_user(session, Role.SME))
    bad = client.get("/api/v1/patents?per_page=1000&kind=spaceship")
    assert bad.status_code == 422
    assert bad.json["code"] == "unprocessable_entity"
    assert set(bad.json["errors"]) == {"per_page", "kind"}


@pytest.mark.usefixtures("csrf_enabled")
def test_forms_refuse_posts_without_csrf_token(client: FlaskClient, session: Session) -> None:
    user = make_user(session, Role.SME)
    response = client.post("/login", data={"email": user.email, "password": DEFAULT_PASSWORD})
    assert response.status_code == 400
    token = csrf_token_from(client.get("/login").get_data(as_text=True))
    response = client.post("/login", data={"email": user.email, "password": DEFAULT_PASSWORD,
                                           "csrf_token": token})
    assert response.status_code == 302


@pytest.mark.usefixtures("csrf_enabled")
def test_api_cookie_session_needs_csrf_but_bearer_token_does_not(
        client: FlaskClient, app: Flask, session: Session) -> None:
    user = make_user(session, Role.SME)
    token = csrf_token_from(client.get("/login").get_data(as_text=True))
    client.post("/login", data={"email": user.email, "password": DEFAULT_PASSWORD,
                                "csrf_token": token})
    assert client.post("/api/v1/tokens", json={"name": "x"}).status_code == 400
    created = client.post("/api/v1/tokens", json={"name": "ERP"},
                          headers={"X-CSRFToken": token})
    assert created.status_code == 201
    secret = created.json["token"]
    bare = app.test_client()
    response = bare.post("/api/v1/tokens", json={"name": "robot"},
                         headers={"Authorization": f"Bearer {secret}"})
    assert response.status_code == 201
    revoked = bare.delete(f"/api/v1/tokens/{created.json['id']}",
                          headers={"Authorization": f"Bearer {secret}"})
    assert revoked.status_code == 200
    assert bare.get("/api/v1/me", headers={"Authorization": f"Bearer {secret}"}
                    ).status_code == 401


def test_login_attempts_are_throttled(client: FlaskClient, app: Flask,
                                      session: Session) -> None:
    from marketplace.extensions import limiter

    user = make_user(session, Role.SME)
    original = app.config["LOGIN_RATE_LIMIT"]
    app.config["LOGIN_RATE_LIMIT"] = "10 per minute"
    limiter.reset()
    try:
        statuses = [client.post("/login", data={"email": user.email,
                                                "password": "wrong password!"}).status_code
                    for _ in range(12)]
    finally:
        app.config["LOGIN_RATE_LIMIT"] = original
        limiter.reset()
    assert statuses[:10] == [200] * 10
    assert statuses[10:] == [429, 429]


def test_session_cookie_is_hardened(client: FlaskClient, auth: Auth, session: Session,
                                    app: Flask) -> None:
    auth.login(make_user(session, Role.SME))
    cookie = client.get_cookie("session")
    assert cookie is not None and cookie.http_only and cookie.same_site == "Lax"


def test_openapi_document_and_docs_page(client: FlaskClient) -> None:
    spec = client.get("/api/v1/openapi.json").json
    assert "/api/v1/patents" in spec["paths"] and "/api/v1/portfolio/import" in spec["paths"]
    docs = client.get("/api/v1/docs").get_data(as_text=True)
    assert "/api/v1/docs/assets/swagger-ui-bundle.js" in docs
    with client.get("/api/v1/docs/assets/swagger-ui-bundle.js") as asset:
        assert asset.status_code == 200


def test_unexpected_error_shows_500_page_and_rolls_back(app: Flask, client: FlaskClient,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    from marketplace.web import views

    def explode() -> str:
        raise RuntimeError("boom")

    monkeypatch.setattr(views, "render_template", lambda *a, **k: explode())
    zh = client.get("/", headers={"Accept-Language": "zh"})
    en = client.get("/", headers={"Accept-Language": "en"})
    assert zh.status_code == en.status_code == 500
    assert "Something went wrong on our side." in en.get_data(as_text=True)
    assert "Something went wrong on our side." not in zh.get_data(as_text=True)
