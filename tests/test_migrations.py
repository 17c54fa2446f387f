"""Migrations: one head, they build the schema the models describe, and they go both ways."""

from __future__ import annotations

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from flask import Flask
from sqlalchemy import text
from sqlmodel import SQLModel

import marketplace.models  # noqa: F401
from marketplace.accounts.models import Role
from marketplace.cli import alembic_config
from marketplace.db import transaction
from tests.factories import make_user


def test_single_head(app: Flask) -> None:
    with app.app_context():
        heads = ScriptDirectory.from_config(alembic_config()).get_heads()
    assert len(heads) == 1, f"several Alembic heads: {heads}"


def test_models_and_migrations_agree(app: Flask) -> None:
    """Fails when a model changes without a revision (or a revision without the model)."""
    engine = app.extensions["db"].engine
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        diff = compare_metadata(context, SQLModel.metadata)
    assert diff == [], f"models and migrations differ: {diff}"


def test_downgrade_to_base_and_back(app: Flask) -> None:
    engine = app.extensions["db"].engine
    with app.app_context():
        config = alembic_config()
        command.downgrade(config, "base")
        with engine.connect() as conn:
            remaining = set(engine.dialect.get_table_names(conn)) - {"alembic_version"}
        command.upgrade(config, "head")
    assert remaining == set()


def test_saved_thresholds_move_to_the_calibrated_scale_and_back(app: Flask) -> None:
    """0012: a threshold saved as % of the best match is rescaled by 0.6 (50 → 30, 100 → 60)."""
    engine = app.extensions["db"].engine
    with app.app_context():
        config = alembic_config()
        command.downgrade(config, "0011")
        try:
            session = app.extensions["db"].new_session()
            with transaction(session):
                user = make_user(session, Role.SME)
            with engine.begin() as conn:
                for name, threshold in (("half", 50), ("all", 100), ("least", 1)):
                    conn.execute(text(
                        "INSERT INTO saved_searches (organisation_id, created_by, name, query, "
                        "filters, min_relevance, created_at) VALUES (:org, :user, :name, '', "
                        "'{}', :threshold, CURRENT_TIMESTAMP)"),
                        {"org": user.organisation_id, "user": user.id, "name": name,
                         "threshold": threshold})
            session.close()
            command.upgrade(config, "head")
            with engine.connect() as conn:
                upgraded = dict(conn.execute(text(
                    "SELECT name, min_relevance FROM saved_searches")).all())
            command.downgrade(config, "0011")
            with engine.connect() as conn:
                restored = dict(conn.execute(text(
                    "SELECT name, min_relevance FROM saved_searches")).all())
        finally:
            # The rows go first: on SQLite, later downgrades rebuild the users table.
            with engine.begin() as conn:
                for table in ("saved_searches", "users", "organisations"):
                    conn.execute(text(f"DELETE FROM {table}"))
            command.downgrade(config, "base")
            command.upgrade(config, "head")
    assert upgraded == {"half": 30, "all": 60, "least": 1}
    assert restored == {"half": 50, "all": 100, "least": 2}
