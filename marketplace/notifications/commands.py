"""``marketplace notifications send``: send the e-mails still pending."""

from __future__ import annotations

import click
from flask import Flask, current_app
from flask.cli import AppGroup

from marketplace.notifications.delivery import deliver_pending


@click.group("notifications", cls=AppGroup)
def notifications_group() -> None:
    """In-app notifications and their e-mails."""


@notifications_group.command("send")
def notifications_send() -> None:
    """Send pending notification e-mails (those that failed before are tried again)."""
    app: Flask = current_app._get_current_object()  # type: ignore[attr-defined]
    sent = failed = 0
    while True:
        outcome = deliver_pending(app)
        sent, failed = sent + outcome.sent, failed + outcome.failed
        if outcome.sent == 0:
            break
    click.echo(f"sent {sent} e-mails; {failed} given up")
