"""Migrations: one head, they build the schema the models describe, and they go both ways."""

from __future__ import annotations

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from flask import Flask
from sqlmodel import SQLModel

import marketplace.models  # noqa: F401
from marketplace.cli import alembic_config


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
