"""E-mail after commit: pending notifications are rendered in the recipient's language and handed
to the configured sender; failures stay pending (up to ``MAX_ATTEMPTS``) for the next delivery or
``marketplace notifications send``.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Final

from flask import Flask, current_app, has_app_context
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlmodel import Session, col, select

from marketplace.accounts.models import User
from marketplace.db import Database, transaction, utcnow
from marketplace.notifications.mail import Email, MailSender, sender_from_settings
from marketplace.notifications.models import EmailStatus, Notification
from marketplace.notifications.services import notification_message
from marketplace.web.errors import localise

log = logging.getLogger(__name__)

MAX_ATTEMPTS: Final = 5
DELIVERY_BATCH: Final = 100
_SUBJECT_CHARS: Final = 120


@dataclass(frozen=True)
class DeliveryOutcome:
    sent: int = 0
    failed: int = 0


def mail_sender(app: Flask) -> MailSender:
    """The app's sender (one per app), chosen by ``MAIL_SENDER``."""
    sender: MailSender | None = app.extensions.get("mail_sender")
    if sender is None:
        sender = sender_from_settings(app.config)
        app.extensions["mail_sender"] = sender
    return sender


def render_email(notification: Notification, user: User, site_url: str, locale: str) -> Email:
    """The notification as an e-mail in ``locale``, with an absolute link."""
    with force_locale(locale):
        text = localise(notification_message(notification))
        lines = [text, ""]
        if notification.link:
            lines.append(site_url.rstrip("/") + notification.link)
            lines.append("")
        lines.append(_("All your notifications: %(url)s",
                       url=site_url.rstrip("/") + "/notifications"))
        subject = _("Kaifang: %(message)s", message=text.splitlines()[0][:_SUBJECT_CHARS])
    return Email(to=user.email, subject=str(subject), body="\n".join(str(line) for line in lines))


def _deliver_batch(session: Session, app: Flask, sender: MailSender) -> DeliveryOutcome:
    rows = session.exec(
        select(Notification, User).join(User, col(User.id) == Notification.user_id)
        .where(Notification.email_status == EmailStatus.PENDING)
        .order_by(col(Notification.id)).limit(DELIVERY_BATCH)).all()
    sent = failed = 0
    for notification, user in rows:
        locale = user.locale or str(app.config["DEFAULT_LOCALE"])
        email = render_email(notification, user, str(app.config["SITE_URL"]), locale)
        try:
            sender.send(email)
        except Exception:
            log.warning("e-mail of notification %s failed", notification.id, exc_info=True)
            notification.email_attempts += 1
            if notification.email_attempts >= MAX_ATTEMPTS:
                notification.email_status = EmailStatus.FAILED
                failed += 1
        else:
            notification.email_status = EmailStatus.SENT
            notification.emailed_at = utcnow()
            sent += 1
        session.add(notification)
    return DeliveryOutcome(sent, failed)


def deliver_pending(app: Flask) -> DeliveryOutcome:
    """Send one batch of pending e-mails; a message that fails is retried next time."""
    database: Database = app.extensions["db"]
    session = database.new_session()
    try:
        with transaction(session):
            return _deliver_batch(session, app, mail_sender(app))
    finally:
        session.close()


def deliver_after_commit() -> None:
    """After-commit hook: best effort, never fails the transaction that committed."""
    if not has_app_context():
        return
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    try:
        deliver_pending(app)
    except Exception:
        log.exception("delivering notification e-mails failed; they stay pending")


def init_app(app: Flask) -> None:
    factory = app.extensions["db"].session_factory
    factory.configure(info={**factory.kw.get("info", {}), "deliver_mail": deliver_after_commit})
