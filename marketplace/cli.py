"""The ``marketplace`` command (Flask CLI): database, users, import, demo data, settings.

Each command is a thin wrapper: one transaction around one service call.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

import click
from alembic import command
from alembic.config import Config
from flask import Flask, current_app
from flask.cli import AppGroup, FlaskGroup, with_appcontext
from sqlmodel import select

from marketplace.accounts import services as account_services
from marketplace.accounts.models import OrganisationKind, Role, User
from marketplace.db import get_session, transaction
from marketplace.errors import DomainError
from marketplace.search.batch import MAX_TOP
from search_index import IndexBusy

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def alembic_config() -> Config:
    config = Config(toml_file=str(PROJECT_ROOT / "pyproject.toml"))
    config.set_main_option("sqlalchemy.url",
                           str(current_app.config["DATABASE_URL"]).replace("%", "%%"))
    return config


@click.group("db", cls=AppGroup)
def db_group() -> None:
    """Database schema (Alembic migrations)."""


@db_group.command("upgrade")
@click.argument("revision", default="head")
def db_upgrade(revision: str) -> None:
    """Migrate the database to REVISION (default: the latest)."""
    command.upgrade(alembic_config(), revision)
    click.echo(f"database at {revision}")


@db_group.command("downgrade")
@click.argument("revision")
def db_downgrade(revision: str) -> None:
    command.downgrade(alembic_config(), revision)


@db_group.command("current")
def db_current() -> None:
    command.current(alembic_config())


@click.group("users", cls=AppGroup)
def users_group() -> None:
    """Accounts."""


@users_group.command("create")
@click.option("--email", required=True)
@click.option("--name", "display_name", required=True)
@click.option("--role", type=click.Choice([Role.OFFICE.value, Role.MEDIATOR.value]),
              required=True)
@click.option("--organisation", "organisation_name", required=True,
              help="The office or mediation body; created if it does not exist.")
@click.option("--region", default="110000", show_default=True)
@click.password_option()
def users_create(email: str, display_name: str, role: str, organisation_name: str,
                 region: str, password: str) -> None:
    """Create an office or mediator account."""
    from marketplace.accounts.models import Organisation

    session = get_session()
    kind = OrganisationKind.AUTHORITY if role == Role.OFFICE.value \
        else OrganisationKind.MEDIATION_BODY
    try:
        with transaction(session):
            existing = session.exec(
                select(Organisation).where(Organisation.name == organisation_name)).first()
            new_org = None if existing else account_services.NewOrganisation(
                name=organisation_name, kind=kind, region=region)
            user = account_services.create_staff_user(
                session, actor=None,
                user=account_services.NewUser(email=email, password=password,
                                              display_name=display_name, role=Role(role)),
                organisation_id=existing.id if existing else None,
                new_organisation=new_org)
    except DomainError as error:
        raise click.ClickException(_describe(error)) from error
    click.echo(f"created {user.role.value} {user.email}")


def _describe(error: DomainError) -> str:
    details = "; ".join(f"{field}: {', '.join(msgs)}" for field, msgs in error.errors.items())
    return f"{error.message} {details}".strip()


@click.group("import", cls=AppGroup)
def import_group() -> None:
    """Bulk imports."""


@import_group.command("patents")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--owner", "owner_email", required=True,
              help="E-mail of a patentee user; the patents join that user's organisation.")
@click.option("--skip-invalid", is_flag=True, help="Import the valid rows, report the others.")
@click.option("--report", "report_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the row report here as JSON (default: print it).")
def import_patents(file: Path, owner_email: str, skip_invalid: bool,
                   report_path: Path | None) -> None:
    """Import a portfolio from CSV, XLSX or JSON Lines; all or nothing unless --skip-invalid."""
    from marketplace.patents.importing import parse_portfolio
    from marketplace.patents.services import import_parsed
    from marketplace.uploads import ParseLimits, UploadTooLarge

    session = get_session()
    owner = session.exec(select(User).where(User.email == owner_email.lower())).first()
    if owner is None:
        raise click.ClickException(f"no user {owner_email}")
    try:
        parsed = parse_portfolio(file.read_bytes(), file.name,
                                 ParseLimits.from_settings(current_app.config))
    except (ValueError, UploadTooLarge) as exc:
        raise click.ClickException(str(exc)) from exc
    with transaction(session):
        outcome = import_parsed(session, actor=owner, parsed=parsed, skip_invalid=skip_invalid)
    report = {
        "created": outcome.created,
        "updated": outcome.updated,
        "errors": [asdict(e) for e in outcome.errors],
        "warnings": [asdict(w) for w in outcome.warnings],
        "errors_omitted": outcome.errors_omitted,
        "warnings_omitted": outcome.warnings_omitted,
    }
    if report_path is not None:
        report_path.write_text(json.dumps(report, ensure_ascii=False, indent=2))
    for error in outcome.errors:
        click.echo(f"row {error.row}, {error.field}: {error.message}", err=True)
    click.echo(f"created {outcome.created}, updated {outcome.updated}, "
               f"rows with errors {len(outcome.errors) + outcome.errors_omitted}")
    if outcome.errors and not outcome.imported:
        raise click.ClickException("nothing imported; fix the rows above or use --skip-invalid")


@click.group("search", cls=AppGroup)
def search_group() -> None:
    """The full-text index (derived from the database; always rebuildable)."""


@search_group.command("sync")
def search_sync() -> None:
    """Apply every pending outbox change to the index."""
    from marketplace.search import sync

    app = current_app._get_current_object()  # type: ignore[attr-defined]
    applied = sync.drain(app.extensions["db"], sync.search_index(app))
    left = sync.pending(get_session())
    click.echo(f"applied {applied} changes; {left} pending")
    if left:
        raise click.ClickException("the index is busy (another writer); run sync again")


@search_group.command("rebuild")
def search_rebuild() -> None:
    """Rebuild the index from the database and swap it in atomically."""
    from marketplace.search import sync

    app = current_app._get_current_object()  # type: ignore[attr-defined]
    count = sync.rebuild(app.extensions["db"], sync.search_index(app))
    click.echo(f"indexed {count} patents")


@search_group.command("embed")
def search_embed() -> None:
    """Embed every patent whose text has no vector yet (the dense side's backlog), in
    committed batches: safe to stop and run again."""
    from marketplace.search import embeddings, sync

    app = current_app._get_current_object()  # type: ignore[attr-defined]
    index = sync.search_index(app)
    if index.embedder is None:
        raise click.ClickException("the dense side is off (SEARCH_EMBEDDER=off)")
    database = app.extensions["db"]
    with database.new_session() as session:
        todo = embeddings.backlog(session, index.embedder)
    with click.progressbar(length=len(todo), label="embedding patents") as bar:
        try:
            embedded = embeddings.embed_backlog(database, index, todo, bar.update)
        except IndexBusy as exc:
            raise click.ClickException(str(exc)) from exc
    with database.new_session() as session:
        done = embeddings.progress(session, index.embedder)
    click.echo(f"embedded {embedded} patents; {done.embedded} of {done.patents} have a vector")


@search_group.command("batches")
def search_batches() -> None:
    """Compute the office's queued batch matching runs (and runs whose process stopped)."""
    from marketplace.search import batch_runs, sync

    app = current_app._get_current_object()  # type: ignore[attr-defined]
    done = batch_runs.process_pending(app.extensions["db"], sync.search_index(app),
                                      Path(app.config["UPLOAD_DIR"]),
                                      **batch_runs.pool_options(app))
    click.echo(f"computed {done} batch runs")


@click.command("match")
@click.option("--needs", "needs_path", required=True,
              type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="JSON Lines: query_id plus text, or title and description.")
@click.option("--top", default=100, show_default=True, type=click.IntRange(1, MAX_TOP),
              help="Hits per need.")
@click.option("--workers", type=click.IntRange(0), default=None,
              help="Processes ranking the needs (default: BATCH_WORKERS; 0 = one per core).")
@with_appcontext
def match_command(needs_path: Path, top: int, workers: int | None) -> None:
    """Match a file of needs and print a TREC run: query_id Q0 doc_id rank score kaifang."""
    from marketplace.search import batch, batch_pool, sync
    from marketplace.uploads import ParseLimits, UploadTooLarge

    try:
        parsed = batch.parse_needs(needs_path.read_bytes(),
                                   ParseLimits.from_settings(current_app.config))
    except (batch.NeedsFileError, UploadTooLarge) as exc:
        raise click.ClickException(str(exc)) from exc
    for error in parsed.errors:
        click.echo(f"line {error.line}: {error.message}", err=True)
    if parsed.errors:
        raise click.ClickException("nothing matched; fix the lines above")
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    count = batch_pool.worker_count(app.config["BATCH_WORKERS"] if workers is None else workers,
                                    len(parsed.needs))
    for lines in batch_pool.match_in_order(get_session(), sync.search_index(app), parsed.needs,
                                           top=top, workers=count,
                                           settings=batch_pool.settings_of(app)):
        for line in lines:
            click.echo(str(line))


@click.command("demo")
@with_appcontext
def demo_command() -> None:
    """Fill an empty database with the demo world and print the demo logins."""
    from marketplace.demo.seed import seed_demo

    session = get_session()
    with transaction(session):
        logins = seed_demo(session)
    if not logins:
        click.echo("the database already holds data; demo not loaded")
        return
    click.echo("Demo logins (password for all: kaifang-demo-2026):")
    for role, email in logins:
        click.echo(f"  {role:<9} {email}")


@click.command("settings")
@with_appcontext
def settings_command() -> None:
    """Print every setting with its default (the README's table)."""
    from marketplace.config import SETTINGS

    click.echo("| Setting | Default | Rule | Meaning |\n|---|---|---|---|")
    for setting in SETTINGS:
        default = "" if setting.default in (None, ()) else setting.default
        click.echo(f"| `{setting.name}` | {default} | {setting.rule} | {setting.doc} |")


def init_app(app: Flask) -> None:
    """Register every command, the features' groups from an explicit list."""
    from marketplace.fees.commands import fees_group
    from marketplace.licensing.commands import licensing_group
    from marketplace.needs.commands import needs_group
    from marketplace.notifications.commands import notifications_group

    for cli_command in (db_group, users_group, import_group, search_group, demo_command,
                        settings_command, match_command, needs_group, notifications_group,
                        fees_group, licensing_group):
        app.cli.add_command(cli_command)


def _create_app() -> Flask:
    from marketplace import create_app

    return create_app()


@click.group(cls=FlaskGroup, create_app=_create_app)
def main() -> None:
    """Kaifang open-licence marketplace."""
