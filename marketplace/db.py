"""The database: engine, one session per app context, one transaction boundary, shared column types.

Services receive a ``Session`` and only ``flush()``; the request (``web.transaction.transactional``)
or the CLI command (``transaction``) commits once. Work that must wait for the commit (draining the
search outbox) is registered with ``after_commit`` and runs only if the commit succeeded.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Column, DateTime, Engine, Enum, create_engine, event
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import sessionmaker
from sqlalchemy.pool import StaticPool
from sqlalchemy.types import TypeDecorator
from sqlmodel import Session, SQLModel

# Constraint names must be stable so that Alembic can alter and drop them (STYLE §8).
SQLModel.metadata.naming_convention = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

AfterCommit = Callable[[], None]


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def enum_column(enum_cls: type[enum.Enum], *, nullable: bool = False) -> Column[Any]:
    """An enum stored as its value in a VARCHAR, portable across SQLite and PostgreSQL."""
    return Column(
        Enum(
            enum_cls,
            native_enum=False,
            length=32,
            values_callable=lambda cls: [str(m.value) for m in cls],
            validate_strings=True,
        ),
        nullable=nullable,
    )


class UTCDateTime(TypeDecorator[dt.datetime]):
    """An instant stored as UTC and always returned timezone-aware (SQLite drops the zone)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given for a UTC column")
        return value.astimezone(dt.UTC)

    def process_result_value(
        self, value: dt.datetime | None, dialect: Dialect
    ) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=dt.UTC)
        return value.astimezone(dt.UTC)


# How long a SQLite connection waits for another connection's write lock before it gives up
# ("database is locked"); longer than any write transaction of ours, an import included.
SQLITE_BUSY_TIMEOUT_MS = 30_000
# Execution option of the connections of a write transaction (``transaction``).
_WRITE = "kaifang_write"


def _sqlite_transactions_on_demand(engine: Engine, *, file_backed: bool) -> None:
    """Let SQLAlchemy, not pysqlite, emit BEGIN, so SAVEPOINTs work (SQLAlchemy SQLite docs), and
    configure SQLite for concurrent use.

    A file database runs in WAL mode: readers never wait for the writer nor it for them. A write
    transaction begins with ``BEGIN IMMEDIATE``: it takes the write lock when it begins, waiting
    for it up to the busy timeout; a deferred ``BEGIN`` that reads, then writes, would instead
    fail at once with "database is locked" when another connection wrote in between.
    """

    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        if file_backed:
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")  # durable at checkpoints; safe in WAL
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(conn: Any) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get(_WRITE)
                             else "BEGIN")


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        kwargs: dict[str, Any] = {"connect_args": {"check_same_thread": False}}
        in_memory = url in {"sqlite://", "sqlite:///:memory:"}
        if in_memory:
            kwargs["poolclass"] = StaticPool
        engine = create_engine(url, **kwargs)
        _sqlite_transactions_on_demand(engine, file_backed=not in_memory)
        return engine
    return create_engine(url, pool_pre_ping=True)


class Database:
    """The engine and session factory of one app (``app.extensions['db']``)."""

    def __init__(self, url: str) -> None:
        self.engine = make_engine(url)
        self.session_factory: sessionmaker[Session] = sessionmaker(
            bind=self.engine, class_=Session, expire_on_commit=False
        )

    def new_session(self) -> Session:
        return self.session_factory()


def after_commit(session: Session, callback: AfterCommit) -> None:
    """Run ``callback`` once the current transaction has committed (never on rollback)."""
    callbacks: list[AfterCommit] = session.info.setdefault("after_commit", [])
    if callback not in callbacks:
        callbacks.append(callback)


@contextmanager
def transaction(session: Session) -> Iterator[Session]:
    """A write transaction: commit once on success, roll back on error, then run the
    after-commit callbacks.

    A read transaction the session has open (who is asking, loaded before the view) is ended
    first, and the new one begins, at its first statement, as a writer (``BEGIN IMMEDIATE`` on
    SQLite), so that it never has to upgrade a read snapshot another writer made stale.
    """
    if session.in_transaction():
        session.commit()
    bind = session.bind
    if isinstance(bind, Engine):
        session.bind = bind.execution_options(**{_WRITE: True})
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        session.info.pop("after_commit", None)
        raise
    finally:
        session.bind = bind
    for callback in session.info.pop("after_commit", []):
        callback()


def get_session() -> Session:
    """The session of the current app context, opened on first use (flaskr's ``get_db``)."""
    from flask import current_app, g

    if "db_session" not in g:
        database: Database = current_app.extensions["db"]
        g.db_session = database.new_session()
    session: Session = g.db_session
    return session


def close_session(_exc: BaseException | None = None) -> None:
    from flask import g

    session: Session | None = g.pop("db_session", None)
    if session is not None:
        session.close()


def batched_transactions(database: Database, step: Callable[[Session, int], int], *,
                         batch: int, limit: int | None = None) -> Iterator[int]:
    """Run ``step(session, size)`` (which handles up to ``size`` queued rows and returns how
    many) in one new session and transaction per batch of ``batch``, yielding each committed
    batch's count, until a batch comes short or ``limit`` rows are done."""
    done = 0
    while limit is None or done < limit:
        size = batch if limit is None else min(batch, limit - done)
        with database.new_session() as session, transaction(session):
            handled = step(session, size)
        yield handled
        done += handled
        if handled < size:
            return
