"""Notifying people, and reading and marking one's own notifications. Never commits."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, Final

from sqlalchemy import func, update
from sqlmodel import Session, col, select

from marketplace.accounts.models import Organisation, User
from marketplace.db import after_commit, utcnow
from marketplace.errors import N_, Amount, Message, NotFound, stored_message
from marketplace.notifications.models import EmailStatus, Notification
from marketplace.web.pagination import Page

__all__ = [
    "list_notifications",
    "mark_all_read",
    "mark_read",
    "notification_message",
    "notify",
    "unread_count",
]

KIND_PATTERN: Final = re.compile(r"[a-z][a-z0-9_]*(?:\.[a-z][a-z0-9_]*)*")
# A nested Message, and an Amount's fen, in the stored values.
_MESSAGE_KEY: Final = "$message"
_AMOUNT_KEY: Final = "$amount_fen"


def _encode(value: object) -> Any:
    if isinstance(value, Message):
        return {_MESSAGE_KEY: {"template": value.template, "params": _encode_params(value.params)}}
    if isinstance(value, Amount):
        return {_AMOUNT_KEY: value.fen}
    if value is None or isinstance(value, str | int | float):
        return value
    raise TypeError(f"notification values are text, numbers, Amounts or Messages: {value!r}")


def _encode_params(params: Mapping[str, object]) -> dict[str, Any]:
    return {str(name): _encode(value) for name, value in params.items()}


def _decode(value: Any) -> object:
    if isinstance(value, dict) and _MESSAGE_KEY in value:
        inner = value[_MESSAGE_KEY]
        return stored_message(inner["template"], _decode_params(inner["params"]))
    if isinstance(value, dict) and _AMOUNT_KEY in value:
        return Amount(int(value[_AMOUNT_KEY]))
    return value


def _decode_params(params: Mapping[str, Any]) -> dict[str, object]:
    return {name: _decode(value) for name, value in params.items()}


def notification_message(notification: Notification) -> Message:
    """The stored message, ready to render in the reader's language (one stored before
    amounts were `Amount`s too)."""
    return stored_message(notification.template, _decode_params(notification.params))


def is_site_path(link: str) -> bool:
    """A path on this site (``/needs/4``), never another site's address."""
    return link.startswith("/") and not link.startswith("//") and "\\" not in link


def _recipients(session: Session, recipient: User | Organisation) -> list[User]:
    if isinstance(recipient, User):
        return [recipient] if recipient.active else []
    return list(session.exec(select(User).where(User.organisation_id == recipient.id,
                                                col(User.active)).order_by(col(User.id))))


def notify(
    session: Session,
    recipient: User | Organisation,
    kind: str,
    message: Message,
    link: str | None = None,
    *,
    email: bool = True,
) -> list[Notification]:
    """Tell ``recipient`` (a user, or every active user of an organisation) about something.

    - ``kind`` is the dotted code of the event, owned by the calling feature
      (``needs.match``, ``fees.reminder``, ``licensing.notice_received``…); lower case.
    - ``message`` is a `Message` whose template is marked with ``N_``; its values are text,
      numbers, `Amount`s or nested Messages. It is stored untranslated and shown in each
      reader's language.
    - ``link`` is a path on this site (``/needs/4``) that the notification opens, or ``None``.
    - ``email``: also send it by e-mail, after the commit, through the configured sender.

    Adds the notifications to the caller's transaction (flushes, never commits) and returns
    them; an organisation without active users gets none. Raises ``ValueError`` for a malformed
    kind or an outside link, ``TypeError`` for a value that cannot be stored.
    """
    if len(kind) > 64 or not KIND_PATTERN.fullmatch(kind):
        raise ValueError(f"notification kind must be a dotted lower-case code: {kind!r}")
    if link is not None and (len(link) > 500 or not is_site_path(link)):
        raise ValueError(f"notification links are paths on this site: {link!r}")
    params = _encode_params(message.params)
    status = EmailStatus.PENDING if email else EmailStatus.NOT_WANTED
    notifications = [
        Notification(user_id=user.id or 0, kind=kind, template=message.template, params=params,
                     link=link, email_status=status)
        for user in _recipients(session, recipient)
    ]
    session.add_all(notifications)
    session.flush()
    hook = session.info.get("deliver_mail")
    if email and notifications and hook is not None:
        after_commit(session, hook)
    return notifications


def list_notifications(session: Session, *, user: User, unread_only: bool = False,
                       page: int = 1, per_page: int = 20) -> Page[Notification]:
    """The user's own notifications, newest first."""
    statement = select(Notification).where(Notification.user_id == user.id)
    if unread_only:
        statement = statement.where(col(Notification.read_at).is_(None))
    total = session.exec(select(func.count()).select_from(statement.subquery())).one()
    rows = session.exec(statement.order_by(col(Notification.id).desc())
                        .offset((page - 1) * per_page).limit(per_page)).all()
    return Page(items=list(rows), page=page, per_page=per_page, total=total)


def unread_count(session: Session, *, user: User) -> int:
    return session.exec(select(func.count()).select_from(Notification).where(
        Notification.user_id == user.id, col(Notification.read_at).is_(None))).one()


def get_notification(session: Session, *, user: User, notification_id: int) -> Notification:
    """One of the user's own notifications; another user's is reported as missing."""
    notification = session.get(Notification, notification_id)
    if notification is None or notification.user_id != user.id:
        raise NotFound(N_("No such notification."))
    return notification


def mark_read(session: Session, *, user: User, notification_id: int) -> Notification:
    notification = get_notification(session, user=user, notification_id=notification_id)
    if notification.read_at is None:
        notification.read_at = utcnow()
        session.add(notification)
        session.flush()
    return notification


def mark_all_read(session: Session, *, user: User) -> int:
    """Mark every unread notification of the user read; return how many."""
    result = session.exec(update(Notification)
                          .where(col(Notification.user_id) == user.id,
                                 col(Notification.read_at).is_(None))
                          .values(read_at=utcnow()))
    return int(result.rowcount)
