"""``marketplace needs refresh``: catch up with patent changes and recompute needs' matches."""

from __future__ import annotations

import click
from flask import Flask, current_app
from flask.cli import AppGroup

from marketplace.db import get_session, transaction
from marketplace.needs import alerts, outbox
from marketplace.needs.ranking import MatchSettings
from marketplace.needs.services import today
from marketplace.search.sync import search_index


@click.group("needs", cls=AppGroup)
def needs_group() -> None:
    """Technology needs: their matches and alerts."""


@needs_group.command("refresh")
def needs_refresh() -> None:
    """Match every queued saved need and patent change (alerts included), then recompute the
    matches of every active need from scratch. Safe to run at any time, e.g. nightly."""
    app: Flask = current_app._get_current_object()  # type: ignore[attr-defined]
    index = search_index(app)
    settings = MatchSettings.from_config(app.config)
    saved = outbox.process_queued(app.extensions["db"], index, settings)
    outcome = alerts.process_pending(app.extensions["db"], index, settings, today=today())
    session = get_session()
    with transaction(session):
        needs = alerts.refresh_all(session, index, settings, today())
        left = alerts.pending(session) + outbox.pending(session)
    click.echo(f"saved needs matched: {saved.needs_updated}, patentee alerts "
               f"{saved.patentee_alerts}; "
               f"patent changes matched: needs updated {outcome.needs_updated}, "
               f"patentee alerts {outcome.patentee_alerts}, SME alerts {outcome.sme_alerts}; "
               f"{needs} needs recomputed; {left} changes pending")
    if left:
        raise click.ClickException("some changes could not be matched; see the log")
