"""Two requests at the same moment, each in its own session and transaction, on the test database
(SQLite, or PostgreSQL under scripts/with_postgres.py): one licence, one payment.

The records are committed for real (the threads cannot see the test's rolled-back connection) and
deleted again at the end. On SQLite the loser of the write lock gets "database is locked" and
retries, as a client retries a failed request with the same key; on PostgreSQL it waits on the
row lock. Either way the outcome is what the user sees.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Callable, Iterator
from typing import TypeVar

import pytest
from flask import Flask
from sqlalchemy import delete
from sqlalchemy.exc import OperationalError
from sqlmodel import Session, col, select

from marketplace.accounts.models import Organisation, Role, User
from marketplace.audit.models import AuditEvent
from marketplace.declarations.models import AnnouncementCounter, Declaration
from marketplace.errors import Conflict
from marketplace.licensing import services
from marketplace.licensing.models import Licence, LicencePayment
from marketplace.notifications.models import Notification
from marketplace.patents.models import Patent
from tests.factories import make_patent, make_user
from tests.licensing.conftest import NOW, POLICY, declared, lump_sum

T = TypeVar("T")


@pytest.fixture()
def committed(app: Flask) -> Iterator[dict[str, int]]:
    """A patentee's announced lump-sum declaration and two users of one enterprise, committed;
    everything they lead to is deleted afterwards."""
    engine = app.extensions["db"].engine
    with Session(engine) as session:
        patentee = make_user(session, Role.PATENTEE)
        first = make_user(session, Role.SME)
        second = make_user(session, Role.SME, organisation_id=first.organisation_id)
        patent = make_patent(session, patentee)
        declaration = declared(session, patent, lump_sum(100_000))
        session.commit()
        ids = {"declaration": declaration.id or 0, "first": first.id or 0,
               "second": second.id or 0, "patent": patent.id or 0,
               "orgs": 0}
        org_ids = [patentee.organisation_id, first.organisation_id]
        user_ids = [patentee.id, first.id, second.id]
    yield ids
    with Session(engine) as session:
        licence_ids = list(session.exec(select(Licence.id).where(
            Licence.declaration_id == ids["declaration"])))
        session.execute(delete(Notification).where(col(Notification.user_id).in_(user_ids)))
        session.execute(delete(AuditEvent).where(col(AuditEvent.actor_user_id).in_(user_ids)))
        session.execute(delete(LicencePayment).where(
            col(LicencePayment.licence_id).in_(licence_ids)))
        session.execute(delete(Licence).where(col(Licence.id).in_(licence_ids)))
        session.execute(delete(AnnouncementCounter).where(
            col(AnnouncementCounter.series).in_(["KF-NTC", "KF-LIC"])))
        session.execute(delete(Declaration).where(Declaration.id == ids["declaration"]))
        session.execute(delete(Patent).where(Patent.id == ids["patent"]))
        session.execute(delete(User).where(col(User.id).in_(user_ids)))
        session.execute(delete(Organisation).where(col(Organisation.id).in_(org_ids)))
        session.commit()


def _at_once(app: Flask, work: Callable[[Session, int], T],
             user_ids: list[int]) -> list[T | Exception]:
    """Run ``work(session, user_id)`` in one thread per user, released together; each commits.
    A "database is locked" answer is retried, as the client would retry its request."""
    engine = app.extensions["db"].engine
    barrier = threading.Barrier(len(user_ids))
    results: list[T | Exception] = [Exception("not run")] * len(user_ids)

    def run(index: int, user_id: int) -> None:
        barrier.wait()
        for attempt in range(10):
            with app.app_context(), Session(engine) as session:
                try:
                    results[index] = work(session, user_id)
                    session.commit()
                    return
                except OperationalError as error:
                    session.rollback()
                    results[index] = error
                except Exception as error:
                    session.rollback()
                    results[index] = error
                    return
            time.sleep(0.05 * (attempt + 1))  # a client's back-off before it retries

    threads = [threading.Thread(target=run, args=(i, u)) for i, u in enumerate(user_ids)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def _licences(app: Flask, declaration_id: int) -> list[Licence]:
    with Session(app.extensions["db"].engine) as session:
        return list(session.exec(select(Licence).where(Licence.declaration_id == declaration_id)))


def _taker(declaration_id: int, key: Callable[[int], str]) -> Callable[[Session, int], int]:
    """Work for `_at_once`: the user takes a licence with the idempotency key ``key(user)``."""
    def take(session: Session, user_id: int) -> int:
        user = session.get(User, user_id)
        assert user is not None
        return services.take_licence(session, actor=user, declaration_id=declaration_id,
                                     policy=POLICY, idempotency_key=key(user_id), now=NOW).id or 0
    return take


def test_the_same_take_sent_twice_at_once_makes_one_licence(
        app: Flask, committed: dict[str, int]) -> None:
    take = _taker(committed["declaration"], lambda _user: "double-click")
    results = _at_once(app, take, [committed["first"], committed["first"]])
    assert len(_licences(app, committed["declaration"])) == 1
    assert results[0] == results[1] == _licences(app, committed["declaration"])[0].id


def test_two_colleagues_taking_at_once_make_one_licence(
        app: Flask, committed: dict[str, int]) -> None:
    take = _taker(committed["declaration"], lambda user: f"tab-{user}")
    results = _at_once(app, take, [committed["first"], committed["second"]])
    assert len(_licences(app, committed["declaration"])) == 1
    assert sorted(type(r).__name__ for r in results) == sorted(["int", Conflict.__name__])


def test_the_same_payment_sent_twice_at_once_is_recorded_once(
        app: Flask, committed: dict[str, int]) -> None:
    engine = app.extensions["db"].engine
    with app.app_context(), Session(engine) as session:
        user = session.get(User, committed["first"])
        assert user is not None
        licence_id = services.take_licence(
            session, actor=user, declaration_id=committed["declaration"], policy=POLICY,
            now=NOW).id or 0
        session.commit()

    def pay(session: Session, user_id: int) -> int:
        user = session.get(User, user_id)
        assert user is not None
        return services.record_payment(
            session, actor=user, licence_id=licence_id,
            new=services.NewPayment(100_000, dt.date(2026, 11, 21), "retry"), proof=None,
            upload_dir="/nonexistent", max_bytes=1, idempotency_key="pay-once",
            now=NOW).id or 0

    results = _at_once(app, pay, [committed["first"], committed["first"]])
    with Session(engine) as session:
        payments = session.exec(select(LicencePayment).where(
            LicencePayment.licence_id == licence_id)).all()
        licence = session.get(Licence, licence_id)
        assert licence is not None
        assert licence.number is not None  # formed once, one number
    assert len(payments) == 1
    assert results[0] == results[1] == payments[0].id
