"""Notifications: notify() for users and organisations, each reader sees only their own, in
their language; e-mail after commit through the configured sender, retried when it fails."""

from __future__ import annotations

import smtplib
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlmodel import Session, select

from marketplace.accounts.models import Organisation, Role
from marketplace.db import transaction
from marketplace.errors import N_, Message
from marketplace.notifications.delivery import mail_sender, render_email
from marketplace.notifications.mail import (
    Email,
    LogSender,
    RecordingSender,
    SmtpSender,
    sender_from_settings,
)
from marketplace.notifications.models import EmailStatus, Notification
from marketplace.notifications.services import notify
from tests.conftest import Auth
from tests.factories import make_user

FEE_DUE = Message("The annual fee of your patent is due.")  # as fees will send it
MATCH = Message(N_("The technology need “%(need)s” matches your patent “%(patent)s”."),
                {"need": "杀青设备 <b>", "patent": "一种杀青机"})


def test_notify_an_organisation_reaches_each_active_user(session: Session) -> None:
    alice = make_user(session, Role.PATENTEE)
    bob = make_user(session, Role.PATENTEE, organisation_id=alice.organisation_id)
    make_user(session, Role.PATENTEE, organisation_id=alice.organisation_id, active=False)
    organisation = session.get(Organisation, alice.organisation_id)
    assert organisation is not None
    created = notify(session, organisation, "needs.patent_matches_need", MATCH,
                     link="/needs/1")
    assert sorted(n.user_id for n in created) == sorted([alice.id, bob.id])
    assert all(n.email_status is EmailStatus.PENDING for n in created)
    [only] = notify(session, alice, "fees.reminder", FEE_DUE, email=False)
    assert only.email_status is EmailStatus.NOT_WANTED


@pytest.mark.parametrize(("kind", "link"), [
    ("Needs.Match", None), ("needs match", None), ("", None), ("x" * 65, None),
    ("needs.match", "https://evil.example/"), ("needs.match", "//evil.example/x"),
    ("needs.match", "needs/1"),
])
def test_notify_refuses_malformed_kinds_and_outside_links(session: Session, kind: str,
                                                          link: str | None) -> None:
    user = make_user(session, Role.SME)
    with pytest.raises(ValueError):
        notify(session, user, kind, FEE_DUE, link=link)


def test_notification_values_must_be_storable(session: Session) -> None:
    user = make_user(session, Role.SME)
    with pytest.raises(TypeError):
        notify(session, user, "needs.match", Message("%(x)s", {"x": object()}))


def test_each_user_sees_and_marks_only_their_own(client: FlaskClient, auth: Auth,
                                                 session: Session) -> None:
    reader = make_user(session, Role.SME)
    other = make_user(session, Role.SME)
    [mine] = notify(session, reader, "needs.patent_matches_need", MATCH, link="/needs/7")
    [theirs] = notify(session, other, "needs.patent_matches_need",
                      Message(N_("The technology need “%(need)s” matches your patent "
                                 "“%(patent)s”."), {"need": "别人的需求", "patent": "别人的专利"}))
    session.commit()
    auth.login(reader)
    html = client.get("/notifications", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "杀青设备 &lt;b&gt;" in html and "别人的需求" not in html
    assert 'id="nav-notifications">Notifications <span class="badge unread"' in html
    assert client.post(f"/notifications/{theirs.id}/read").status_code == 404
    assert client.post(f"/api/v1/notifications/{theirs.id}/read").status_code == 404
    api = client.get("/api/v1/notifications").json
    assert [n["id"] for n in api["items"]] == [mine.id]
    assert "杀青设备 <b>" in api["items"][0]["message"]
    response = client.post(f"/notifications/{mine.id}/read", data={"open": "1"})
    assert response.headers["Location"] == "/needs/7"
    session.refresh(mine)
    session.refresh(theirs)
    assert mine.read_at is not None and theirs.read_at is None
    html = client.get("/notifications").get_data(as_text=True)
    assert 'class="badge unread"' not in html


def test_mark_all_read_and_unread_filter(client: FlaskClient, auth: Auth,
                                         session: Session) -> None:
    user = make_user(session, Role.PATENTEE)
    for _ in range(3):
        notify(session, user, "fees.reminder", FEE_DUE)
    session.commit()
    auth.login(user)
    assert client.get("/api/v1/notifications?unread=true").json["total"] == 3
    assert client.post("/api/v1/notifications/read-all").json == {"marked": 3}
    assert client.get("/api/v1/notifications?unread=true").json["total"] == 0
    assert client.get("/api/v1/notifications").json["total"] == 3


def test_messages_are_shown_in_the_readers_language(client: FlaskClient, auth: Auth,
                                                    session: Session) -> None:
    user = make_user(session, Role.SME)
    notify(session, user, "needs.patent_matches_need", MATCH)
    session.commit()
    auth.login(user)
    en = client.get("/notifications", headers={"Accept-Language": "en"}).get_data(as_text=True)
    client.get("/lang/zh")
    zh = client.get("/notifications").get_data(as_text=True)
    assert "The technology need “杀青设备 &lt;b&gt;” matches your patent" in en
    assert "The technology need" not in zh and "杀青设备 &lt;b&gt;" in zh


def test_emails_leave_after_commit_in_the_recipients_language(
        app: Flask, session: Session, outbox: RecordingSender) -> None:
    english = make_user(session, Role.SME, locale="en", email="en@example.cn")
    make_user(session, Role.SME, locale="zh", email="zh@example.cn",
                        organisation_id=english.organisation_id)
    organisation = session.get(Organisation, english.organisation_id)
    assert organisation is not None
    with app.app_context(), transaction(session):
        notify(session, organisation, "needs.patent_matches_need", MATCH, link="/needs/3")
        assert outbox.sent == []  # nothing leaves before the commit
    by_address = {email.to: email for email in outbox.sent}
    assert set(by_address) == {"en@example.cn", "zh@example.cn"}
    en = by_address["en@example.cn"]
    assert "The technology need “杀青设备 <b>”" in en.body
    assert "http://127.0.0.1:5000/needs/3" in en.body
    assert en.subject.startswith("Kaifang: The technology need")
    assert "The technology need" not in by_address["zh@example.cn"].body
    statuses = {n.email_status for n in session.exec(select(Notification))}
    assert statuses == {EmailStatus.SENT}


def test_a_rolled_back_notification_sends_nothing(app: Flask, session: Session,
                                                  outbox: RecordingSender) -> None:
    user = make_user(session, Role.SME)
    session.commit()
    with pytest.raises(RuntimeError), app.app_context(), transaction(session):
        notify(session, user, "fees.reminder", FEE_DUE)
        raise RuntimeError("the caller's transaction fails")
    assert outbox.sent == []
    assert session.exec(select(Notification)).all() == []


class FlakySender:
    def __init__(self, failures: int) -> None:
        self.failures = failures
        self.sent: list[Email] = []

    def send(self, email: Email) -> None:
        if self.failures:
            self.failures -= 1
            raise OSError("mail server down")
        self.sent.append(email)


def test_failed_emails_stay_pending_for_the_send_command(app: Flask, session: Session) -> None:
    user = make_user(session, Role.SME)
    flaky = FlakySender(failures=1)
    app.extensions["mail_sender"] = flaky
    try:
        with app.app_context(), transaction(session):
            [notification] = notify(session, user, "fees.reminder", FEE_DUE)
        session.refresh(notification)
        assert (notification.email_status, notification.email_attempts) == (
            EmailStatus.PENDING, 1)
        result = app.test_cli_runner().invoke(args=["notifications", "send"])
        assert result.exit_code == 0, result.output
        assert "sent 1 e-mails" in result.output
        session.refresh(notification)
        assert notification.email_status is EmailStatus.SENT
        assert [email.to for email in flaky.sent] == [user.email]
    finally:
        app.extensions["mail_sender"] = LogSender()


def test_sender_is_chosen_by_setting(app: Flask) -> None:
    settings: dict[str, Any] = {**app.config, "MAIL_SENDER": "smtp", "SMTP_HOST": "mail.example",
                                "SMTP_PORT": 2525, "SMTP_USERNAME": "kf", "SMTP_PASSWORD": "pw"}
    smtp = sender_from_settings(settings)
    assert isinstance(smtp, SmtpSender) and (smtp.host, smtp.port) == ("mail.example", 2525)
    assert isinstance(sender_from_settings({**settings, "MAIL_SENDER": "log"}), LogSender)
    assert isinstance(sender_from_settings({**settings, "MAIL_SENDER": "record"}),
                      RecordingSender)
    assert mail_sender(app) is mail_sender(app)


def test_smtp_sender_speaks_smtp(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple[str, Any]] = []

    class FakeSMTP:
        def __init__(self, host: str, port: int, timeout: float) -> None:
            calls.append(("connect", (host, port)))

        def __enter__(self) -> FakeSMTP:
            return self

        def __exit__(self, *_: object) -> None:
            calls.append(("quit", None))

        def starttls(self) -> None:
            calls.append(("starttls", None))

        def login(self, user: str, password: str) -> None:
            calls.append(("login", (user, password)))

        def send_message(self, message: Any) -> None:
            calls.append(("send", (message["To"], message["Subject"], message["From"])))

    monkeypatch.setattr(smtplib, "SMTP", FakeSMTP)
    SmtpSender("mail.example", 587, "Kaifang <noreply@kaifang.example.cn>", username="kf",
               password="pw").send(Email("a@example.cn", "主题", "正文"))
    assert calls == [("connect", ("mail.example", 587)), ("starttls", None),
                     ("login", ("kf", "pw")),
                     ("send", ("a@example.cn", "主题", "Kaifang <noreply@kaifang.example.cn>")),
                     ("quit", None)]


def test_render_email_without_link(app: Flask, session: Session) -> None:
    user = make_user(session, Role.SME)
    [notification] = notify(session, user, "fees.reminder", FEE_DUE)
    with app.app_context():
        email = render_email(notification, user, "https://kaifang.example.cn/", "en")
    assert email.body.splitlines()[0] == "The annual fee of your patent is due."
    assert "https://kaifang.example.cn/notifications" in email.body
