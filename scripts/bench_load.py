"""Load benchmark: clients mixing reads and writes, with tokens and cookies, against gunicorn.

    .venv/bin/python scripts/bench_load.py [--clients 16] [--seconds 30]
    .venv/bin/python scripts/with_postgres.py -- .venv/bin/python scripts/bench_load.py

Builds a fresh demo database, indexed and embedded (SQLite in a temporary directory, or the
empty PostgreSQL database of TEST_DATABASE_URL, which ``scripts/with_postgres.py`` provides),
starts gunicorn
(``-w 2 --threads 4 --keep-alive 30``) on 127.0.0.1 (loopback only) and runs ``--clients``
demo SMEs at once for ``--seconds``. Each client logs in through the login form (cookie),
creates an API token, posts a need and takes a licence, then loops over a mix of reads and
writes: the search page, its need's page, the register API, the announcements CSV, needs
created, payments with an ``Idempotency-Key`` (every fifth one a retry of the previous key) and
token GETs. Prints req/s, p50/p95/p99 per endpoint and the error count (any answer other than
the expected one, or a failed connection), then how many saved needs still waited for their
matches (computed after the commit by the web processes' background threads) when the load
stopped, and how long those threads took to match them. No assertions;
``tests/web/test_concurrency.py`` runs the same mix.
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import json
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, text

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
CHINA = dt.timezone(dt.timedelta(hours=8))
CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')
SEARCH_WORDS = ("杀青", "茶叶", "电池", "污水处理", "sensor", "battery", "C02F", "设备")
DEMO_PASSWORD = "kaifang-demo-2026"


@dataclass(frozen=True)
class Reply:
    status: int
    body: bytes


class Client:
    """One HTTP/1.1 keep-alive connection with its cookies, like one browser or one program."""

    def __init__(self, base_url: str, *, timeout: float = 60) -> None:
        parts = urllib.parse.urlsplit(base_url)
        self.host, self.port = parts.hostname or "127.0.0.1", parts.port or 80
        self.timeout = timeout
        self.cookies: dict[str, str] = {}
        self._connection: http.client.HTTPConnection | None = None

    def request(self, method: str, path: str, *, headers: Mapping[str, str] | None = None,
                json_body: Any = None, form: Mapping[str, str] | None = None) -> Reply:
        sent = dict(headers or {})
        body: bytes | None = None
        if json_body is not None:
            body = json.dumps(json_body).encode()
            sent["Content-Type"] = "application/json"
        elif form is not None:
            body = urllib.parse.urlencode(form).encode()
            sent["Content-Type"] = "application/x-www-form-urlencoded"
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        reused = self._connection is not None
        try:
            response, data = self._exchange(method, path, body, sent)
        except (ConnectionResetError, BrokenPipeError, http.client.RemoteDisconnected):
            self.close()
            if not reused:
                raise
            # The server closed the idle keep-alive connection before it read this request:
            # send it again on a new one, as browsers and HTTP libraries do.
            response, data = self._exchange(method, path, body, sent)
        except (OSError, http.client.HTTPException):
            self.close()
            raise
        for header in response.headers.get_all("Set-Cookie") or ():
            name, _, rest = header.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]
        if response.will_close:
            self.close()
        return Reply(response.status, data)

    def _exchange(self, method: str, path: str, body: bytes | None,
                  headers: dict[str, str]) -> tuple[http.client.HTTPResponse, bytes]:
        if self._connection is None:
            self._connection = http.client.HTTPConnection(self.host, self.port,
                                                          timeout=self.timeout)
        self._connection.request(method, path, body=body, headers=headers)
        response = self._connection.getresponse()
        return response, response.read()

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None


@dataclass
class Actor:
    """A logged-in SME: a cookie client (pages) and a bearer client (API) with its records."""

    cookie: Client
    api: Client
    token: str = ""
    csrf: str = ""
    need_id: int = 0
    licence_id: int = 0
    payments: int = 0
    last_key: str = ""

    def bearer(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}", "Accept-Language": "zh"}

    def close(self) -> None:
        self.cookie.close()
        self.api.close()


def _expect(reply: Reply, status: int, what: str) -> Reply:
    if reply.status != status:
        raise RuntimeError(f"{what}: {reply.status} {reply.body[:300]!r}")
    return reply


def _need(title: str) -> dict[str, Any]:
    return {"title": title, "description": "希望找到自动控制叶温的连续式杀青设备，用于茶叶加工。",
            "industry": "茶叶加工", "region": "330000", "cooperation_mode": "licence",
            "valid_until": (dt.date.today() + dt.timedelta(days=90)).isoformat()}


def log_in(base_url: str, email: str, password: str, declaration_ids: list[int]) -> Actor:
    """Log ``email`` in through the form, create a token, post a need and take a licence on the
    first of ``declaration_ids`` its organisation can take (with an Idempotency-Key)."""
    actor = Actor(Client(base_url), Client(base_url))
    page = actor.cookie.request("GET", "/login")
    match = CSRF.search(page.body.decode())
    form = {"email": email, "password": password, **({"csrf_token": match[1]} if match else {})}
    _expect(actor.cookie.request("POST", "/login", form=form), 302, f"login {email}")
    match = CSRF.search(actor.cookie.request("GET", "/account").body.decode())
    actor.csrf = match[1] if match else ""
    created = _expect(actor.cookie.request("POST", "/api/v1/tokens", json_body={"name": "load"},
                                           headers={"X-CSRFToken": actor.csrf}), 201, "token")
    actor.token = json.loads(created.body)["token"]
    need = _expect(actor.api.request("POST", "/api/v1/needs", headers=actor.bearer(),
                                     json_body=_need("求自动化杀青设备")), 201, "need")
    actor.need_id = json.loads(need.body)["id"]
    for declaration_id in declaration_ids:
        taken = actor.api.request("POST", "/api/v1/licences", json_body={
            "declaration_id": declaration_id},
            headers={**actor.bearer(), "Idempotency-Key": f"take-{email}-{declaration_id}"})
        if taken.status == 201:
            actor.licence_id = json.loads(taken.body)["id"]
            return actor
    raise RuntimeError(f"{email} could take no licence")


def lump_sum_declarations(base_url: str) -> list[int]:
    """Ids of the announced lump-sum declarations of the public register (from their frozen
    snapshots)."""
    client = Client(base_url)
    try:
        listed = _expect(client.request(
            "GET", "/api/v1/register/declarations?per_page=100&fee_method=lump_sum"), 200,
            "register")
        ids = []
        for item in json.loads(listed.body)["items"]:
            if item["status"] == "announced" and item["patent_status"] == "in_force":
                detail = _expect(client.request(
                    "GET", f"/api/v1/register/declarations/{item['announcement_number']}"),
                    200, "register entry")
                ids.append(int(json.loads(detail.body)["snapshot"]["declaration_id"]))
        return ids
    finally:
        client.close()


# --- The mix --------------------------------------------------------------------------------

Operation = Callable[[Actor, random.Random], tuple[Reply, int]]


def _search(actor: Actor, rnd: random.Random) -> tuple[Reply, int]:
    query = urllib.parse.quote(rnd.choice(SEARCH_WORDS))
    return actor.cookie.request("GET", f"/search?q={query}"), 200


def _need_page(actor: Actor, _rnd: random.Random) -> tuple[Reply, int]:
    return actor.cookie.request("GET", f"/needs/{actor.need_id}"), 200


def _register(actor: Actor, rnd: random.Random) -> tuple[Reply, int]:
    page = rnd.randint(1, 3)
    return actor.api.request("GET", f"/api/v1/register/declarations?page={page}&per_page=20",
                             headers=actor.bearer()), 200


def _announcements_csv(actor: Actor, _rnd: random.Random) -> tuple[Reply, int]:
    return actor.cookie.request("GET", "/announcements.csv"), 200


def _needs_create(actor: Actor, rnd: random.Random) -> tuple[Reply, int]:
    return actor.api.request("POST", "/api/v1/needs", headers=actor.bearer(),
                             json_body=_need(f"求连续式杀青设备 {rnd.randint(1, 10**6)}")), 201


def _payment(actor: Actor, _rnd: random.Random) -> tuple[Reply, int]:
    actor.payments += 1
    if actor.payments % 5 or not actor.last_key:  # every fifth payment: a retry of the last
        actor.last_key = f"pay-{actor.licence_id}-{actor.payments}"
    paid_on = dt.datetime.now(CHINA).date().isoformat()
    return actor.api.request(
        "POST", f"/api/v1/licences/{actor.licence_id}/payments",
        headers={**actor.bearer(), "Idempotency-Key": actor.last_key},
        json_body={"amount_fen": 10_000, "paid_on": paid_on, "reference": actor.last_key}), 201


def _token_gets(actor: Actor, rnd: random.Random) -> tuple[Reply, int]:
    path = rnd.choice(("/api/v1/licences", "/api/v1/notifications", "/api/v1/me",
                       f"/api/v1/licences/{actor.licence_id}"))
    return actor.api.request("GET", path, headers=actor.bearer()), 200


#: (endpoint, weight, operation): reads outnumber writes about three to one.
MIX: tuple[tuple[str, int, Operation], ...] = (
    ("search page", 3, _search),
    ("need page", 2, _need_page),
    ("register API", 3, _register),
    ("announcements.csv", 1, _announcements_csv),
    ("needs create", 1, _needs_create),
    ("payment with key", 2, _payment),
    ("token GETs", 4, _token_gets),
)


@dataclass
class Sample:
    endpoint: str
    seconds: float
    error: str = ""


@dataclass
class Results:
    samples: list[Sample] = field(default_factory=list)
    wall_seconds: float = 0.0

    @property
    def errors(self) -> list[Sample]:
        return [s for s in self.samples if s.error]


def run_mix(actors: list[Actor], *, requests_per_client: int | None = None,
            seconds: float | None = None, seed: int = 2026) -> Results:
    """Every actor runs the mix in its own thread, all released together, until each made
    ``requests_per_client`` requests or ``seconds`` passed."""
    names = [name for name, _, _ in MIX]
    weights = [weight for _, weight, _ in MIX]
    operations = {name: operation for name, _, operation in MIX}
    barrier = threading.Barrier(len(actors) + 1)
    per_actor: list[list[Sample]] = [[] for _ in actors]
    deadline: list[float] = [0.0]

    def work(index: int, actor: Actor) -> None:
        rnd = random.Random(seed + index)
        barrier.wait()
        done = 0
        while (requests_per_client is None or done < requests_per_client) and (
                seconds is None or time.perf_counter() < deadline[0]):
            name = rnd.choices(names, weights)[0]
            started = time.perf_counter()
            try:
                reply, expected = operations[name](actor, rnd)
                error = "" if reply.status == expected else (
                    f"{reply.status}: {reply.body[:200]!r}")
            except (OSError, http.client.HTTPException) as exc:
                error = f"connection: {exc!r}"
            per_actor[index].append(Sample(name, time.perf_counter() - started, error))
            done += 1

    threads = [threading.Thread(target=work, args=(i, a), daemon=True)
               for i, a in enumerate(actors)]
    for thread in threads:
        thread.start()
    started = time.perf_counter()
    deadline[0] = started + (seconds or 0)
    barrier.wait()
    for thread in threads:
        thread.join()
    return Results([s for samples in per_actor for s in samples],
                   time.perf_counter() - started)


def _percentile(values: list[float], percent: int) -> float:
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[percent - 1]


def report(results: Results) -> str:
    lines = [f"{'endpoint':<20}{'requests':>9}{'errors':>7}{'p50 ms':>9}{'p95 ms':>9}"
             f"{'p99 ms':>9}"]
    by_endpoint: dict[str, list[Sample]] = {}
    for sample in results.samples:
        by_endpoint.setdefault(sample.endpoint, []).append(sample)
    for name in [*(n for n, _, _ in MIX if n in by_endpoint), "all"]:
        samples = results.samples if name == "all" else by_endpoint[name]
        times = [s.seconds * 1000 for s in samples]
        lines.append(f"{name:<20}{len(samples):>9}{sum(1 for s in samples if s.error):>7}"
                     f"{_percentile(times, 50):>9.0f}{_percentile(times, 95):>9.0f}"
                     f"{_percentile(times, 99):>9.0f}")
    total = len(results.samples)
    lines.append(f"{total} requests in {results.wall_seconds:.1f} s: "
                 f"{total / results.wall_seconds:.1f} req/s, {len(results.errors)} errors")
    lines.extend(f"  error on {s.endpoint}: {s.error}" for s in results.errors[:10])
    return "\n".join(lines)


# --- The server -----------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _wait_until_up(base_url: str, process: subprocess.Popen[bytes]) -> None:
    for _ in range(600):
        if process.poll() is not None:
            raise RuntimeError("gunicorn stopped while starting")
        client = Client(base_url, timeout=2)
        try:
            if client.request("GET", "/api/v1/health").status == 200:
                return
        except OSError:
            time.sleep(0.1)
        finally:
            client.close()
    raise RuntimeError("gunicorn did not answer within 60 s")


@contextmanager
def gunicorn(env: Mapping[str, str], *, workers: int, threads: int) -> Iterator[str]:
    """gunicorn serving ``wsgi:app`` on a free loopback port; stopped on exit."""
    port = _free_port()
    process = subprocess.Popen(
        [str(BIN / "gunicorn"), "-w", str(workers), "--threads", str(threads),
         "-b", f"127.0.0.1:{port}", "--timeout", "60", "--keep-alive", "30",
         "--log-level", "warning", "wsgi:app"],
        cwd=ROOT, env=dict(env))
    base_url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(base_url, process)
        yield base_url
    finally:
        process.terminate()
        process.wait(timeout=30)


def wait_for_need_queue(database: str, *, timeout: float = 300) -> tuple[int, float]:
    """How many saved needs waited for their matches when the load stopped, and how many
    seconds the web processes' background threads took to match them."""
    engine = create_engine(database)
    started = time.perf_counter()
    try:
        with engine.connect() as conn:
            waiting = conn.execute(text("SELECT count(*) FROM need_outbox")).scalar_one()
            left = waiting
            while left and time.perf_counter() - started < timeout:
                time.sleep(0.2)
                left = conn.execute(text("SELECT count(*) FROM need_outbox")).scalar_one()
                conn.rollback()
    finally:
        engine.dispose()
    return waiting, time.perf_counter() - started


def _marketplace(env: Mapping[str, str], *args: str) -> None:
    subprocess.run([str(BIN / "marketplace"), *args], cwd=ROOT, env=dict(env), check=True,
                   stdout=subprocess.DEVNULL)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="kaifang-load-") as tmp:
        database = os.environ.get("TEST_DATABASE_URL") or f"sqlite:///{tmp}/load.sqlite3"
        env = {**os.environ, "MARKETPLACE_ENV": "production", "DATABASE_URL": database,
               "SECRET_KEY": "load-benchmark-key", "SESSION_COOKIE_SECURE": "false",
               "SEARCH_INDEX_DIR": f"{tmp}/search-index", "UPLOAD_DIR": f"{tmp}/uploads",
               "LOGIN_RATE_LIMIT": "1000 per minute", "MAIL_SENDER": "record"}
        print(f"database: {database.split('?')[0]}; building the demo world…", flush=True)
        # A marketplace in its steady state: the patents indexed and embedded before the load
        # (else the workers' background embedding of the whole demo world runs during it).
        for command in (("db", "upgrade"), ("demo",), ("search", "sync"), ("search", "embed")):
            _marketplace(env, *command)
        with gunicorn(env, workers=args.workers, threads=args.threads) as base_url:
            declarations = lump_sum_declarations(base_url)
            actors = [log_in(base_url, f"sme{i + 1}@demo.kaifang.cn", DEMO_PASSWORD,
                             declarations) for i in range(args.clients)]
            print(f"gunicorn -w {args.workers} --threads {args.threads}; {args.clients} clients "
                  f"for {args.seconds:.0f} s", flush=True)
            try:
                results = run_mix(actors, seconds=args.seconds)
            finally:
                for actor in actors:
                    actor.close()
            waiting, seconds = wait_for_need_queue(database)
        print(report(results))
        print(f"needs waiting for their matches when the load stopped: {waiting}, "
              f"matched in the background {seconds:.1f} s later")


if __name__ == "__main__":
    main()
