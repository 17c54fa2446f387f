"""``marketplace licensing``: the daily jobs — record-filing reminders and ending licences."""

from __future__ import annotations

import datetime as dt

import click
from flask import current_app
from flask.cli import AppGroup

from marketplace.calendar import china_today
from marketplace.db import get_session, transaction
from marketplace.licensing.ending import end_due_licences
from marketplace.licensing.policy import LicensingPolicy
from marketplace.licensing.recordals import send_reminders

licensing_group = AppGroup("licensing", help="Open licences: reminders and lifecycle.")

_DATE = click.DateTime(formats=["%Y-%m-%d"])


@licensing_group.command("remind")
@click.option("--date", "on", type=_DATE, default=None,
              help="Run as of this day (default: today in China).")
def remind_command(on: dt.datetime | None) -> None:
    """Remind both parties of licences to file for record on the reminder days (D10), once
    each; list the licences whose record-filing is overdue."""
    today = on.date() if on else china_today()
    session = get_session()
    with transaction(session):
        reminded, overdue = send_reminders(
            session, today=today, policy=LicensingPolicy.from_config(current_app.config))
        click.echo(f"reminded {len(reminded)}; overdue {len(overdue)}")
        for item in overdue:
            licence = item.row.licence
            click.echo(f"  overdue {licence.number} due {item.due_on.isoformat()} "
                       f"{item.row.licensee.name} ← {item.row.licensor.name}")


@licensing_group.command("refresh")
@click.option("--date", "on", type=_DATE, default=None,
              help="Run as of this day (default: today in China).")
def refresh_command(on: dt.datetime | None) -> None:
    """End the licences whose period ended or whose patent expired, lapsed, was invalidated or
    surrendered (run daily)."""
    today = on.date() if on else china_today()
    session = get_session()
    with transaction(session):
        ended = end_due_licences(session, today=today)
        for licence in ended:
            assert licence.end_reason is not None and licence.ended_on is not None
            click.echo(f"ended {licence.number or licence.notice_reference} from "
                       f"{licence.ended_on.isoformat()}: {licence.end_reason.value}")
        click.echo(f"ended {len(ended)}")
