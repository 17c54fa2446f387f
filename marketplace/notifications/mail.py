"""Pluggable e-mail senders: the log (default), SMTP, or a list in memory (tests, demos).

A sender has one method, ``send(email)``, which raises on failure. ``sender_from_settings``
picks one by the ``MAIL_SENDER`` setting.
"""

from __future__ import annotations

import logging
import smtplib
from collections.abc import Mapping
from dataclasses import dataclass, field
from email.message import EmailMessage
from typing import Any, Protocol

log = logging.getLogger(__name__)

SMTP_TIMEOUT_SECONDS = 15


@dataclass(frozen=True, slots=True)
class Email:
    to: str
    subject: str
    body: str


class MailSender(Protocol):
    def send(self, email: Email) -> None:
        """Hand the message over for delivery; raise if that fails."""


class LogSender:
    """Writes each message to the log instead of sending it (development default)."""

    def send(self, email: Email) -> None:
        log.info("e-mail to %s\nSubject: %s\n\n%s", email.to, email.subject, email.body)


@dataclass
class RecordingSender:
    """Keeps every message in ``sent`` (tests and demos)."""

    sent: list[Email] = field(default_factory=list)

    def send(self, email: Email) -> None:
        self.sent.append(email)


@dataclass(frozen=True)
class SmtpSender:
    host: str
    port: int
    sender: str
    starttls: bool = True
    username: str | None = None
    password: str | None = None

    def send(self, email: Email) -> None:
        message = EmailMessage()
        message["From"] = self.sender
        message["To"] = email.to
        message["Subject"] = email.subject
        message.set_content(email.body)
        with smtplib.SMTP(self.host, self.port, timeout=SMTP_TIMEOUT_SECONDS) as smtp:
            if self.starttls:
                smtp.starttls()
            if self.username:
                smtp.login(self.username, self.password or "")
            smtp.send_message(message)


def sender_from_settings(settings: Mapping[str, Any]) -> MailSender:
    """The sender named by ``MAIL_SENDER``, configured from the SMTP settings."""
    choice = settings["MAIL_SENDER"]
    if choice == "smtp":
        return SmtpSender(host=settings["SMTP_HOST"], port=int(settings["SMTP_PORT"]),
                          sender=settings["MAIL_FROM"], starttls=bool(settings["SMTP_STARTTLS"]),
                          username=settings["SMTP_USERNAME"], password=settings["SMTP_PASSWORD"])
    if choice == "record":
        return RecordingSender()
    return LogSender()
