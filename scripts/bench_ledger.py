"""Benchmark: recomputing the annual-fee ledger (``rules.ledger``) of many synthetic patents.

    .venv/bin/python scripts/bench_ledger.py [--patents 100000] [--persisted 0]

Builds N synthetic patents (our own data, fixed seed): a mix of inventions, utility models and
designs filed 2004–2024 and granted one to five years later; one to three owners, eligible or
not; about a third declared open licences with recorded contracts, some withdrawn; fees settled
up to a date, a few payments, term adjustments and false-materials flags. Then computes every
ledger in this one process (one core) as of today and prints the figures. With --persisted N it
also imports N of them into a fresh SQLite database and times ``refresh.refresh_all`` (the daily
``marketplace fees refresh``). No assertions: the target is under a minute for 100,000 ledgers.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import tempfile
import time
from decimal import Decimal

from marketplace.calendar import WorkingCalendar
from marketplace.fees.rules import (
    DeclarationPeriod,
    FeePolicy,
    Owner,
    PatentFacts,
    PatentKind,
    Payment,
    ledger,
    schedule,
)

TODAY = dt.date(2026, 11, 21)
KINDS = (PatentKind.INVENTION, PatentKind.INVENTION, PatentKind.UTILITY_MODEL, PatentKind.DESIGN)


def synthetic_patent(rng: random.Random) -> PatentFacts:
    kind = rng.choice(KINDS)
    filed = dt.date(2004, 1, 1) + dt.timedelta(days=rng.randrange(21 * 365))
    granted = filed + dt.timedelta(days=rng.randrange(300, 5 * 365 if kind is
                                                      PatentKind.INVENTION else 2 * 365))
    owners = tuple(Owner(f"owner{i}", rng.random() < 0.6, "事业单位")
                   for i in range(rng.choice((1, 1, 1, 2, 3))))
    adjustment = rng.choice((0,) * 9 + (rng.randrange(1, 800),)) if kind is \
        PatentKind.INVENTION else 0
    declarations: tuple[DeclarationPeriod, ...] = ()
    records: tuple[dt.date, ...] = ()
    if rng.random() < 0.33:
        announced = dt.date(2024, 1, 20) + dt.timedelta(days=rng.randrange(1000))
        withdrawn = announced + dt.timedelta(days=rng.randrange(60, 900)) \
            if rng.random() < 0.2 else None
        declarations = (DeclarationPeriod(announced, withdrawn),)
        records = tuple(announced + dt.timedelta(days=rng.randrange(10, 500))
                        for _ in range(rng.randrange(0, 3)))
    years = [item.fee_year for item in schedule(kind, filed, granted, adjustment)]
    settled = TODAY - dt.timedelta(days=rng.randrange(0, 240))
    payments = tuple(Payment(year, settled + dt.timedelta(days=rng.randrange(200)),
                             Decimal(rng.choice((900, 1200, 2000, 4000))))
                     for year in rng.sample(years, min(2, len(years))))
    flagged = TODAY - dt.timedelta(days=rng.randrange(300)) if rng.random() < 0.01 else None
    return PatentFacts(kind=kind, filing_date=filed, grant_date=granted, owners=owners,
                       adjustment_days=adjustment, declarations=declarations,
                       record_dates=records, payments=payments,
                       false_materials_flagged_on=flagged, settled_through=settled)


def bench_rules(count: int) -> None:
    rng = random.Random(20261121)
    started = time.perf_counter()
    patents = [synthetic_patent(rng) for _ in range(count)]
    built = time.perf_counter()
    policy, calendar = FeePolicy(), WorkingCalendar()
    lines = lapsed = 0
    start, cpu_start = time.perf_counter(), time.process_time()
    for patent in patents:
        result = ledger(patent, today=TODAY, policy=policy, calendar=calendar)
        lines += len(result.lines)
        lapsed += result.lapsed_on is not None
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu_start
    print(f"built {count:,} synthetic patents in {built - started:.1f}s")
    print(f"rules.ledger: {count:,} patents, {lines:,} fee lines, {lapsed:,} lapsed")
    print(f"  wall {elapsed:.1f}s, CPU {cpu:.1f}s on one core "
          f"({cpu / count * 1e3:.3f} ms CPU per patent, {count / cpu:,.0f} patents per CPU second)")


def bench_persisted(count: int) -> None:
    from bench_import import temporary_app

    from marketplace.accounts.models import Organisation, OrganisationKind
    from marketplace.db import get_session, transaction
    from marketplace.fees.refresh import refresh_all
    from marketplace.patents.models import Patent

    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as tmp, temporary_app(tmp).app_context():
        session = get_session()
        with transaction(session):
            org = Organisation(name="示范大学", kind=OrganisationKind.UNIVERSITY,
                               region="110000", fee_reduction_eligible=True,
                               fee_reduction_basis="事业单位")
            session.add(org)
            session.flush()
            assert org.id is not None
            for i in range(count):
                facts = synthetic_patent(rng)
                session.add(Patent(owner_id=org.id, source_id=f"bench{i}", title=f"专利{i}",
                                   kind=facts.kind, filing_date=facts.filing_date,
                                   grant_date=facts.grant_date))
        for label in ("opening", "daily refresh"):
            start = time.perf_counter()
            with transaction(session):
                outcome = refresh_all(session, today=TODAY)
            elapsed = time.perf_counter() - start
            print(f"refresh_all ({label}): {outcome.computed:,} ledgers in {elapsed:.1f}s "
                  f"({elapsed / max(outcome.computed, 1) * 1e3:.2f} ms per patent), "
                  f"{len(outcome.changed):,} patents changed")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--patents", type=int, default=100_000)
    parser.add_argument("--persisted", type=int, default=0,
                        help="also time the database refresh of this many patents")
    args = parser.parse_args()
    bench_rules(args.patents)
    if args.persisted:
        bench_persisted(args.persisted)


if __name__ == "__main__":
    main()
