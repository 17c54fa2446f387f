"""Many clients at once against a real threaded server (werkzeug, as the browser tests use) on a
database of its own: a SQLite file (WAL, busy timeout, BEGIN IMMEDIATE for writes) or, under
scripts/with_postgres.py, a fresh PostgreSQL database. No answer is a server error; a key sent
several times at once has its effect once. Nothing here is timed."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import pytest
from alembic import command
from flask import Flask
from sqlmodel import Session, select
from werkzeug.serving import make_server

from marketplace import create_app
from marketplace.accounts.models import ApiToken, Role
from marketplace.cli import alembic_config
from marketplace.db import get_session, transaction
from marketplace.declarations.models import Declaration, DeclarationStatus
from marketplace.declarations.terms import FeeMethod, FeeTerms
from marketplace.licensing.models import Licence, LicencePayment
from scripts.bench_load import CSRF, Actor, Client, Reply, log_in, report, run_mix
from tests.factories import (
    DECLARATION_CONTENT,
    DEFAULT_PASSWORD,
    make_declaration,
    make_patent,
    make_user,
)

T = TypeVar("T")
CLIENTS = 16


@dataclass
class Live:
    app: Flask
    base_url: str
    emails: list[str]
    declaration_ids: list[int]
    spare_declaration: str  # the announcement number nobody has taken yet


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory, live_database: str) -> Iterator[Live]:
    tmp: Path = tmp_path_factory.mktemp("live-concurrency")
    app = create_app({
        "MARKETPLACE_ENV": "test", "DATABASE_URL": live_database,
        "SECRET_KEY": "concurrency-test-key", "SEARCH_INDEX_DIR": str(tmp / "search-index"),
        "UPLOAD_DIR": str(tmp / "uploads"), "LOGIN_RATE_LIMIT": "1000 per minute",
        "MAIL_SENDER": "record",
    })
    with app.app_context():
        command.upgrade(alembic_config(), "head")
        session = get_session()
        with transaction(session):
            patentee = make_user(session, Role.PATENTEE)
            content = dataclasses.replace(
                DECLARATION_CONTENT, licence_start=dt.date.today(),
                fee_terms=FeeTerms(FeeMethod.LUMP_SUM, lump_sum_fen=100_000))
            declarations = [make_declaration(session, make_patent(session, patentee),
                                             status=DeclarationStatus.ANNOUNCED,
                                             content=content) for _ in range(2)]
            emails = [make_user(session, Role.SME).email for _ in range(CLIENTS + 1)]
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield Live(app, f"http://127.0.0.1:{server.server_port}", emails,
                   [declarations[0].id or 0], declarations[1].announcement_number or "")
    finally:
        server.shutdown()
        server.server_close()
        app.extensions["db"].engine.dispose()


@pytest.fixture(scope="module")
def actors(live: Live) -> Iterator[list[Actor]]:
    """CLIENTS enterprises logged in (cookie) with a token, a need and a licence each."""
    logged_in = [log_in(live.base_url, email, DEFAULT_PASSWORD, live.declaration_ids)
                 for email in live.emails[:CLIENTS]]
    yield logged_in
    for actor in logged_in:
        actor.close()


def _at_once(count: int, work: Callable[[int], T]) -> list[T]:
    """``work(i)`` in ``count`` threads released together."""
    barrier = threading.Barrier(count)
    results: list[T | BaseException] = [RuntimeError("not run")] * count

    def run(index: int) -> None:
        barrier.wait()
        try:
            results[index] = work(index)
        except BaseException as exc:
            results[index] = exc

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    for result in results:
        if isinstance(result, BaseException):
            raise result
    return results  # type: ignore[return-value]


def _statuses(replies: list[list[Reply]]) -> dict[int, int]:
    counts: dict[int, int] = {}
    for reply in (r for thread in replies for r in thread):
        counts[reply.status] = counts.get(reply.status, 0) + 1
    return counts


def test_eight_bearer_clients_reading_at_once_get_no_server_error(
        live: Live, actors: list[Actor]) -> None:
    paths = ["/api/v1/me", "/api/v1/licences", "/api/v1/notifications", "/api/v1/needs"]

    def read(index: int) -> list[Reply]:
        actor = actors[index]
        return [actor.api.request("GET", paths[i % len(paths)], headers=actor.bearer())
                for i in range(50)]

    assert _statuses(_at_once(8, read)) == {200: 400}
    with Session(live.app.extensions["db"].engine) as session:
        tokens = session.exec(select(ApiToken)).all()
        # Each token's use is written, once, outside the reads (it used to stay empty).
        assert len(tokens) == CLIENTS and all(t.last_used_at is not None for t in tokens)


def test_sixteen_clients_mixing_reads_and_writes_get_no_error(
        live: Live, actors: list[Actor]) -> None:
    results = run_mix(actors, requests_per_client=25)
    assert len(results.samples) == CLIENTS * 25
    assert results.errors == [], report(results)


def test_the_same_licence_posted_ten_times_at_once_is_taken_once(live: Live) -> None:
    actor = log_in(live.base_url, live.emails[CLIENTS], DEFAULT_PASSWORD, live.declaration_ids)
    spare_id = _declaration_id(live, live.spare_declaration)
    clients = [Client(live.base_url) for _ in range(10)]
    try:

        def take(index: int) -> Reply:
            return clients[index].request(
                "POST", "/api/v1/licences", json_body={"declaration_id": spare_id},
                headers={**actor.bearer(), "Idempotency-Key": "double-submit"})

        replies = _at_once(10, take)
    finally:
        for client in clients:
            client.close()
        actor.close()
    assert {r.status for r in replies} == {201}
    assert len({json.loads(r.body)["id"] for r in replies}) == 1
    assert len(_licences(live, spare_id)) == 1


def test_the_take_form_submitted_ten_times_at_once_takes_one_licence(
        live: Live, actors: list[Actor]) -> None:
    """A double (tenfold) click on the take page: same browser cookie, same hidden token."""
    browser = actors[0].cookie
    number = live.spare_declaration
    page = browser.request("GET", f"/open-licences/{number}/take").body.decode()
    form = {"token": _hidden(page, "token"), "confirm": "y"}
    if match := CSRF.search(page):
        form["csrf_token"] = match[1]
    clicks = [Client(live.base_url) for _ in range(10)]
    for click in clicks:
        click.cookies = dict(browser.cookies)
    try:
        replies = _at_once(10, lambda i: clicks[i].request(
            "POST", f"/open-licences/{number}/take", form=form))
    finally:
        for click in clicks:
            click.close()
    assert {r.status for r in replies} == {302}
    spare_id = _declaration_id(live, number)
    mine = [lic for lic in _licences(live, spare_id)
            if lic.taken_by_id == _user_id(live, actors[0])]
    assert len(mine) == 1


def test_the_same_payment_posted_ten_times_at_once_is_recorded_once(
        live: Live, actors: list[Actor]) -> None:
    actor = actors[1]
    today = dt.datetime.now(dt.timezone(dt.timedelta(hours=8))).date().isoformat()
    clients = [Client(live.base_url) for _ in range(10)]
    try:
        replies = _at_once(10, lambda i: clients[i].request(
            "POST", f"/api/v1/licences/{actor.licence_id}/payments",
            json_body={"amount_fen": 100_000, "paid_on": today, "reference": "once"},
            headers={**actor.bearer(), "Idempotency-Key": "pay-once-at-once"}))
    finally:
        for client in clients:
            client.close()
    assert {r.status for r in replies} == {201}
    with Session(live.app.extensions["db"].engine) as session:
        payments = session.exec(select(LicencePayment).where(
            LicencePayment.licence_id == actor.licence_id,
            LicencePayment.idempotency_key == "pay-once-at-once")).all()
    assert len(payments) == 1
    assert {json.loads(r.body)["id"] for r in replies} == {payments[0].id}


def _hidden(html: str, name: str) -> str:
    match = re.search(rf'name="{name}"[^>]*value="([^"]+)"', html) or re.search(
        rf'value="([^"]+)"[^>]*name="{name}"', html)
    assert match, f"no hidden {name} in the page"
    return match.group(1)


def _declaration_id(live: Live, number: str) -> int:
    with Session(live.app.extensions["db"].engine) as session:
        found = session.exec(select(Declaration.id).where(
            Declaration.announcement_number == number)).one()
    assert found is not None
    return found


def _licences(live: Live, declaration_id: int) -> list[Licence]:
    with Session(live.app.extensions["db"].engine) as session:
        return list(session.exec(select(Licence).where(
            Licence.declaration_id == declaration_id)))


def _user_id(live: Live, actor: Actor) -> int:
    reply = actor.api.request("GET", "/api/v1/me", headers=actor.bearer())
    return int(json.loads(reply.body)["id"])
