"""Self-registration without account enumeration: every accepted form gets the same answer
("check your e-mail") and the address gets the message that fits — a confirmation link for a new
registration (or one not yet confirmed), a notice for an account that exists already."""

from __future__ import annotations

from dataclasses import dataclass

from flask import current_app
from flask_babel import gettext as _
from itsdangerous import BadSignature, URLSafeTimedSerializer
from sqlmodel import Session

from marketplace.accounts import passwords, services
from marketplace.accounts.models import User
from marketplace.notifications.delivery import mail_sender
from marketplace.notifications.mail import Email

#: Days a confirmation link stays valid; registering again sends a new one.
CONFIRMATION_DAYS = 3
_SALT = "kaifang.accounts.confirm-email"


@dataclass(frozen=True)
class Confirmation:
    user_id: int
    email: str


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=_SALT)


def confirmation_token(user: User) -> str:
    return _serializer().dumps({"user": user.id, "email": user.email})


def read_confirmation_token(token: str) -> Confirmation | None:
    """What a confirmation link confirms, or None when forged, mangled or expired."""
    try:
        data = _serializer().loads(token, max_age=CONFIRMATION_DAYS * 86400)
    except BadSignature:
        return None
    return Confirmation(int(data["user"]), str(data["email"]))


def _site_link(path: str) -> str:
    return str(current_app.config["SITE_URL"]).rstrip("/") + path


def _send(user: User, subject: str, lines: list[str]) -> None:
    mail_sender(current_app).send(Email(to=user.email, subject=subject, body="\n".join(lines)))


def _send_confirmation(user: User) -> None:
    link = _site_link(f"/register/confirm/{confirmation_token(user)}")
    _send(user, _("Kaifang: confirm your e-mail address"), [
        _("Follow this link within %(days)s days to confirm your e-mail address and start "
          "using Kaifang:", days=CONFIRMATION_DAYS), "", link, "",
        _("If you did not register, ignore this message.")])


def _send_already_registered(user: User) -> None:
    _send(user, _("Kaifang: someone tried to register with your e-mail address"), [
        _("Someone (perhaps you) tried to register a new account with this e-mail address, "
          "which already has one. Log in here:"), "", _site_link("/login"), "",
        _("If it was not you, you need not do anything: no account was created.")])


def register(session: Session, *, organisation: services.NewOrganisation,
             user: services.NewUser) -> None:
    """Register and send the confirmation link; for an address with an account, send that
    account a notice instead (or a new link if it is still unconfirmed). The caller answers
    the same either way. Other invalid details raise as usual (`ValidationFailed`...)."""
    try:
        created = services.register(session, organisation=organisation, user=user)
    except services.EmailTaken:
        passwords.hash_password(user.password)  # the work a registration does (timing)
        existing = services.find_user(session, email=user.email)
        assert existing is not None
        if existing.email_confirmed_at is None:
            _send_confirmation(existing)
        else:
            _send_already_registered(existing)
        return
    _send_confirmation(created)
