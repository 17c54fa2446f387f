"""Self-registration without account enumeration: the same answer whether the e-mail address
has an account or not; the address gets a confirmation link or a notice; no login before the
link is followed."""

from __future__ import annotations

from flask import Flask
from flask.testing import FlaskClient
from sqlmodel import Session, select

from marketplace.accounts.models import Organisation, Role, User
from marketplace.notifications.mail import RecordingSender
from tests.conftest import confirmation_link
from tests.factories import DEFAULT_PASSWORD, make_user, registration_form, uscc_with_check


def _answer(client: FlaskClient, email: str, uscc_base: str) -> tuple[int, str, str]:
    form = registration_form(email=email, uscc=uscc_with_check(uscc_base))
    response = client.post("/register", data=form, headers={"Accept-Language": "en"})
    location = response.headers.get("Location", "")
    page = client.get(location, headers={"Accept-Language": "en"}).get_data(as_text=True)
    return response.status_code, location, page.replace(email, "<address>")


def test_the_answer_is_the_same_whether_the_address_has_an_account(
        app: Flask, session: Session, outbox: RecordingSender) -> None:
    existing = make_user(session, Role.SME)
    session.commit()
    new = _answer(app.test_client(), "new.person@example.cn", "91330100MA2B00011")
    taken = _answer(app.test_client(), existing.email, "91330100MA2B00012")
    assert new == taken
    assert new[0] == 302 and "Check your e-mail" in new[2]
    # The existing account is told, and nothing is created for the second attempt.
    (notice,) = [email for email in outbox.sent if email.to == existing.email]
    assert "already has one" in notice.body and "/login" in notice.body
    assert session.exec(select(Organisation).where(
        Organisation.uscc == uscc_with_check("91330100MA2B00012"))).first() is None


def test_the_api_answers_the_same_too(client: FlaskClient, session: Session,
                                      outbox: RecordingSender) -> None:
    existing = make_user(session, Role.SME)
    session.commit()

    def register(email: str, uscc_base: str) -> tuple[int, object]:
        body = {"organisation": {"name": "某公司", "kind": "enterprise", "region": "110000",
                                 "uscc": uscc_with_check(uscc_base)},
                "user": {"email": email, "password": DEFAULT_PASSWORD, "display_name": "王",
                         "role": "sme"}}
        response = client.post("/api/v1/registrations", json=body,
                               headers={"Accept-Language": "en"})
        return response.status_code, response.json["message"].replace(email, "<address>")

    assert register("api.new@example.cn", "91110000MA0000011") == register(
        existing.email, "91110000MA0000012")
    assert [email.to for email in outbox.sent] == ["api.new@example.cn", existing.email]


def test_no_login_before_the_link_is_followed(client: FlaskClient, session: Session,
                                              outbox: RecordingSender) -> None:
    client.post("/register", data=registration_form())
    html = client.post("/login", data={"email": "chen@lvyuan.example.cn",
                                       "password": "a long password"},
                       headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "Confirm your e-mail address first" in html
    assert client.get("/account").status_code == 302
    client.get(confirmation_link(outbox, "chen@lvyuan.example.cn"))
    assert client.get("/account").status_code == 200
    user = session.exec(select(User).where(User.email == "chen@lvyuan.example.cn")).one()
    assert user.email_confirmed_at is not None


def test_registering_again_before_confirming_sends_a_new_link(
        client: FlaskClient, session: Session, outbox: RecordingSender) -> None:
    client.post("/register", data=registration_form())
    again = registration_form(uscc=uscc_with_check("91330100MA2B00013"))
    client.post("/register", data=again)
    assert len([e for e in outbox.sent if "/register/confirm/" in e.body]) == 2
    assert client.get(confirmation_link(outbox, "chen@lvyuan.example.cn")).status_code == 302
    assert client.get("/account").status_code == 200


def test_a_forged_or_mangled_link_confirms_nothing(client: FlaskClient,
                                                   outbox: RecordingSender) -> None:
    client.post("/register", data=registration_form())
    link = confirmation_link(outbox, "chen@lvyuan.example.cn")
    response = client.get(link[:-3] + "xyz")
    assert response.status_code == 302 and "/register" in response.headers["Location"]
    assert client.get("/account").status_code == 302
