"""Weak accounts: the password policy (length and zxcvbn), the e-mail check, the registration
limit, and the login limit keyed by the real client address with Retry-After."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlmodel import Session

from marketplace.accounts import passwords, services
from marketplace.accounts.models import OrganisationKind, Role
from marketplace.errors import ValidationFailed
from marketplace.extensions import limiter
from tests.conftest import Auth
from tests.factories import DEFAULT_PASSWORD, make_user, registration_form, uscc_with_check

DEMO_PASSWORD = "kaifang-demo-2026"


@pytest.mark.parametrize("password", [
    "1234567890", "password12", "password1234", "qwertyuiop123", "aaaaaaaaaaaaaaa",
    "short1!"])
def test_common_trivial_and_short_passwords_are_refused(password: str) -> None:
    assert passwords.password_problems(password) != []


@pytest.mark.parametrize("password", [DEMO_PASSWORD, DEFAULT_PASSWORD, "a long password",
                                      "纸上得来终觉浅绝知此事要躬行"])
def test_the_demo_and_good_passwords_pass(password: str) -> None:
    assert passwords.password_problems(password) == []


def test_a_password_made_of_the_users_own_details_is_refused() -> None:
    assert passwords.password_problems("lvyuanexample") == []
    assert passwords.password_problems("lvyuanexample", ["chen@lvyuan.example.cn"]) != []


def _new_user(password: str, email: str = "li.ming@example.cn") -> services.NewUser:
    return services.NewUser(email=email, password=password, display_name="李明", role=Role.SME)


def _org() -> services.NewOrganisation:
    return services.NewOrganisation(name="北京某科技有限公司", kind=OrganisationKind.ENTERPRISE,
                                    region="110000", uscc=uscc_with_check("91110000MA0000001"))


@pytest.mark.parametrize(("password", "english", "chinese"), [
    ("1234567890", "too short", "太短"),
    ("password12", "too short", "太短"),
    ("password1234", "too easy to guess", "容易被猜中"),
    ("qwertyuiop123", "too easy to guess", "容易被猜中"),
])
def test_registration_refuses_weak_passwords_in_both_languages(
        client: FlaskClient, password: str, english: str, chinese: str) -> None:
    form = registration_form(password=password, confirm=password)
    en = client.post("/register", data=form, headers={"Accept-Language": "en"})
    zh = client.post("/register", data=form, headers={"Accept-Language": "zh"})
    assert en.status_code == zh.status_code == 200
    assert english in en.get_data(as_text=True)
    assert chinese in zh.get_data(as_text=True)
    assert client.get("/account").status_code == 302  # nobody was registered and logged in


def test_the_service_refuses_a_weak_password_whatever_the_caller(session: Session) -> None:
    with pytest.raises(ValidationFailed) as info:
        services.register(session, organisation=_org(), user=_new_user("password12"))
    assert list(info.value.errors) == ["password"]


def test_the_service_checks_the_email_address(session: Session) -> None:
    with pytest.raises(ValidationFailed) as info:
        services.register(session, organisation=_org(),
                          user=_new_user(DEFAULT_PASSWORD, email="li.ming@example"))
    assert list(info.value.errors) == ["email"]
    user = services.register(session, organisation=_org(),
                             user=_new_user(DEFAULT_PASSWORD, email="Li.Ming@EXAMPLE.CN"))
    assert user.email == "li.ming@example.cn"


def test_a_password_change_follows_the_policy(client: FlaskClient, auth: Auth,
                                              session: Session) -> None:
    auth.login(make_user(session, Role.SME))
    html = client.post("/account/password", data={
        "current_password": DEFAULT_PASSWORD, "new_password": "password1234",
        "confirm": "password1234"}, headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "too easy to guess" in html


@pytest.fixture()
def limits(app: Flask) -> Iterator[Flask]:
    """Real limits for one test, counters cleared before and after."""
    original = (app.config["LOGIN_RATE_LIMIT"], app.config["REGISTRATION_RATE_LIMIT"])
    app.config["LOGIN_RATE_LIMIT"] = "3 per minute"
    app.config["REGISTRATION_RATE_LIMIT"] = "2 per hour"
    limiter.reset()
    yield app
    app.config["LOGIN_RATE_LIMIT"], app.config["REGISTRATION_RATE_LIMIT"] = original
    limiter.reset()


def test_registrations_are_limited_per_client_address_on_page_and_api(
        limits: Flask, client: FlaskClient) -> None:
    bad = registration_form(uscc="91330100MA2B000010")  # refused, but an attempt all the same
    assert client.post("/register", data=bad).status_code == 200
    assert client.post("/api/v1/registrations", json={}).status_code == 422
    page = client.post("/register", data=bad)
    api = client.post("/api/v1/registrations", json={})
    assert page.status_code == api.status_code == 429
    assert int(page.headers["Retry-After"]) > 0
    assert api.json["code"] == "too_many_requests"
    assert client.get("/register").status_code == 200  # reading the form is not limited


def test_a_throttled_login_says_when_to_retry(limits: Flask, client: FlaskClient) -> None:
    for _ in range(3):
        client.post("/login", data={"email": "x@example.cn", "password": "wrong password!"})
    response = client.post("/login", data={"email": "x@example.cn", "password": "wrong!"})
    assert response.status_code == 429
    assert 0 < int(response.headers["Retry-After"]) <= 60


def _login_attempts(client: FlaskClient, address: str, count: int) -> list[int]:
    return [client.post("/login", data={"email": "x@example.cn", "password": "wrong password!"},
                        headers={"X-Forwarded-For": address}).status_code
            for _ in range(count)]


def _app_behind(make_app: Callable[..., Flask], database_url: str, proxies: int) -> Flask:
    return make_app(database_url, PROXY_FIX_X_FOR=proxies, LOGIN_RATE_LIMIT="3 per minute")


def test_behind_a_proxy_the_login_limit_counts_each_client_address(
        make_app: Callable[..., Flask], database_url: str, connection: object) -> None:
    client = _app_behind(make_app, database_url, proxies=1).test_client()
    limiter.reset()
    try:
        assert _login_attempts(client, "203.0.113.7", 4) == [200, 200, 200, 429]
        # Another user behind the same proxy is not locked out by the first one.
        assert _login_attempts(client, "198.51.100.23", 1) == [200]
    finally:
        limiter.reset()


def test_without_a_trusted_proxy_a_forwarded_address_is_ignored(
        make_app: Callable[..., Flask], database_url: str, connection: object) -> None:
    client = _app_behind(make_app, database_url, proxies=0).test_client()
    limiter.reset()
    try:
        # Inventing a new X-Forwarded-For for each attempt does not escape the limit.
        statuses = [_login_attempts(client, f"192.0.2.{n}", 1)[0] for n in range(4)]
    finally:
        limiter.reset()
    assert statuses == [200, 200, 200, 429]
