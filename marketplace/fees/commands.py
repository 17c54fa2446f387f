"""``marketplace fees``: the calculator on a JSON file, the daily ledger refresh, and the daily
reminders."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import click
from flask.cli import AppGroup
from marshmallow import ValidationError

from marketplace.db import get_session, transaction
from marketplace.errors import DomainError
from marketplace.fees import refresh, reminders
from marketplace.fees.calculator import Calculation, calculate
from marketplace.fees.lines import yuan_text
from marketplace.fees.policy import current_policy, legal_today
from marketplace.fees.schemas import CalculationOutSchema, CalculatorInSchema

fees_group = AppGroup("fees", help="Annual fees: the calculator and the ledger.")

_HEADINGS = ("year", "due", "full", "general", "open lic.", "payable", "reduction", "late",
             "paid", "status", "owed")
_WIDTHS = (5, 10, 10, 10, 10, 10, 12, 9, 10, 18, 10)


def _money(fen: int | None) -> str:
    return "-" if fen is None else yuan_text(fen)


def _row(cells: tuple[str, ...]) -> str:
    return "  ".join(cell.rjust(width) if i in (0, 2, 3, 4, 5, 7, 8, 10) else cell.ljust(width)
                     for i, (cell, width) in enumerate(zip(cells, _WIDTHS, strict=True)))


def ledger_table(result: Calculation) -> str:
    """The calculation as a plain-text table, each line followed by its reason."""
    out = [f"as of {result.as_of}; grant year {result.grant_fee_year}; expiry {result.expiry}"
           + (f"; lapsed from {result.lapsed_on}" if result.lapsed_on else ""),
           _row(_HEADINGS), _row(tuple("-" * w for w in _WIDTHS))]
    for line in result.lines:
        out.append(_row((
            str(line.fee_year), line.due_date.isoformat(), _money(line.full_fen),
            _money(line.general_payable_fen), _money(line.open_licence_payable_fen),
            _money(line.payable_fen), line.reduction_kind.value, _money(line.late_fee_fen),
            _money(line.paid_fen), line.status.value, _money(line.amount_owed_fen))))
        out.append(f"       why: {line.reason}")
        if line.clawback_reason is not None:
            out.append(f"       repayable: {line.clawback_reason}")
    out.append("totals (RMB): " + "; ".join(
        f"{name.removesuffix('_fen').replace('_', ' ')} {_money(value)}"
        for name, value in vars(result.totals).items()))
    return "\n".join(out)


@fees_group.command("calculate")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the API's JSON instead of a table.")
def calculate_command(file: Path, as_json: bool) -> None:
    """Print the ledger of the hypothetical patent in FILE (the API's JSON input)."""
    try:
        given = CalculatorInSchema().load(json.loads(file.read_text(encoding="utf-8")))
    except json.JSONDecodeError as exc:
        raise click.ClickException(f"{file} is not JSON: {exc}") from exc
    except ValidationError as exc:
        raise click.ClickException(
            "invalid input: " + json.dumps(exc.messages, ensure_ascii=False)) from exc
    policy, calendar = current_policy()
    try:
        result = calculate(given, policy=policy, calendar=calendar)
    except DomainError as exc:
        raise click.ClickException(f"{exc.message} {exc.errors}") from exc
    if as_json:
        click.echo(json.dumps(CalculationOutSchema().dump(result), ensure_ascii=False, indent=2))
    else:
        click.echo(ledger_table(result))


@fees_group.command("refresh")
@click.option("--date", "on", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="Compute as of this day (default: today in China).")
def refresh_command(on: dt.datetime | None) -> None:
    """Recompute every patent's fee ledger (run daily: statuses, late fees and lapses move
    with the calendar)."""
    session = get_session()
    with transaction(session):
        outcome = refresh.refresh_all(session, today=on.date() if on else None)
    changed = sum(len(years) for years in outcome.changed.values())
    click.echo(f"ledgers computed {outcome.computed}; patents changed {len(outcome.changed)} "
               f"({changed} fees); lapsed {len(outcome.lapsed)}")


@fees_group.command("remind")
@click.option("--date", "on", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="Remind as of this day (default: today in China).")
def remind_command(on: dt.datetime | None) -> None:
    """Notify patentees of annual fees falling due (FEE_REMINDER_DAYS before) or in the grace
    window (monthly, with the late fee). Run daily after `refresh`; a rerun sends nothing twice."""
    from flask import current_app

    policy, calendar = current_policy()
    session = get_session()
    with transaction(session):
        outcome = reminders.send_reminders(
            session, today=on.date() if on else legal_today(),
            days_before=current_app.config["FEE_REMINDER_DAYS"], policy=policy,
            calendar=calendar)
    click.echo(f"fees reminded {outcome.fees}; notifications {outcome.notifications}")
