"""Refreshing the persisted ledger from the facts: one place that writes annual fees. Never commits.

``refresh_ledgers`` recomputes patents' ledgers with ``rules.ledger`` over
``sources.patent_facts`` (the calculator runs the same rules) and makes the stored fees equal the
result, writing a history row for every fee whose amounts, reduction or status changed, naming the
event that changed it, so what was payable before stays visible. The ledger's lapse (a fee unpaid
at the end of its grace period, D13) is carried to the patent's legal status and fee state, which
the register shows.

Fee rows are read and written with SQL statements rather than one ORM object per fee: a refresh
touches every fee of every patent (about 16 per invention), and ORM objects made imports several
times slower. ORM copies of those rows in the session are expired afterwards.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field, fields, replace
from decimal import Decimal
from enum import Enum
from typing import Any

from sqlalchemy import Table, bindparam, delete, insert, update
from sqlalchemy import select as sa_select
from sqlmodel import Session, SQLModel, col, select

from marketplace.accounts.models import Organisation, User
from marketplace.audit.services import record_event
from marketplace.calendar import WorkingCalendar
from marketplace.db import utcnow
from marketplace.fees.lines import FeeLine, FeeTotals
from marketplace.fees.models import ELIGIBILITY_BASELINE, AnnualFee, EligibilityRecord, FeeLedger
from marketplace.fees.policy import current_policy, legal_today
from marketplace.fees.rules import (
    FeePolicy,
    FeeStatus,
    PatentFacts,
    RegisterFeeState,
    ledger,
    schedule,
    settled_through_at_opening,
)
from marketplace.fees.sources import patent_facts_many
from marketplace.patents.models import AnnualFeeState, CoOwner, Patent
from marketplace.patents.rules import LegalStatus
from marketplace.search.indexing import enqueue
from marketplace.search.models import IndexAction

# Events that recompute a ledger (AnnualFeeChange.cause). Declarations and licensing add theirs.
CAUSE_IMPORTED = "patent.imported"
CAUSE_PAYMENT = "payment.recorded"
CAUSE_ELIGIBILITY = "organisation.eligibility_changed"
CAUSE_REFRESHED = "ledger.refreshed"
CAUSE_DECLARATION = "declaration.changed"
CAUSE_RECORDAL = "licence.recorded"

FEES: Table = SQLModel.metadata.tables["annual_fees"]
CHANGES: Table = SQLModel.metadata.tables["annual_fee_changes"]
LEDGERS: Table = SQLModel.metadata.tables["fee_ledgers"]

# A fee line's stored columns (its reasons are recomputed when shown: ``services.patent_fees``).
COLUMNS = tuple(f.name for f in fields(FeeLine) if f.name not in ("reason", "clawback_reason"))
# What makes a history row: amounts, dates, the reduction applied and the status. A changed
# explanation alone (e.g. "not eligible" → "outside the window" for an unreduced fee) updates the
# row without one.
TRACKED = ("due_date", "full_fen", "general_payable_fen", "open_licence_payable_fen",
           "payable_fen", "reduction_kind", "reduction_fen", "late_fee_fen", "paid_fen",
           "paid_on", "status", "clawback_fen", "amount_owed_fen")
# What a history row keeps of the fee before and after.
SNAPSHOT = (*TRACKED, "reason_code", "general_code", "open_licence_code", "record_date",
            "clawback_code")
TOTALS = tuple(f.name for f in fields(FeeTotals))

_REGISTER_STATES: dict[AnnualFeeState, RegisterFeeState] = {
    AnnualFeeState.PAID: "paid",
    AnnualFeeState.IN_GRACE: "in_grace",
    AnnualFeeState.UNPAID: "unpaid",
}
_CHUNK = 500

Values = dict[str, Any]


@dataclass
class RefreshOutcome:
    """What a refresh did: ledgers computed, fee years changed (by patent), lapses recorded."""

    computed: int = 0
    changed: dict[int, list[int]] = field(default_factory=dict)
    lapsed: list[int] = field(default_factory=list)


def _json(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def snapshot(values: Mapping[str, Any]) -> Values:
    """What a history row keeps of a fee, as JSON."""
    return {name: _json(values[name]) for name in SNAPSHOT}


def columns(line: FeeLine) -> Values:
    """A computed line as ``annual_fees`` column values."""
    return {name: getattr(line, name) for name in COLUMNS}


@dataclass
class _Writes:
    """The statements one refresh will run, collected over all its patents."""

    inserts: list[Values] = field(default_factory=list)
    updates: list[Values] = field(default_factory=list)
    deletes: list[int] = field(default_factory=list)
    changes: list[Values] = field(default_factory=list)
    new_headers: list[Values] = field(default_factory=list)
    headers: list[Values] = field(default_factory=list)

    def run(self, session: Session) -> None:
        conn = session.connection()
        if self.deletes:
            conn.execute(delete(FEES).where(FEES.c.id.in_(self.deletes)))
        if self.inserts:
            conn.execute(insert(FEES), self.inserts)
        if self.updates:
            conn.execute(update(FEES).where(FEES.c.id == bindparam("row_id"))
                         .values({name: bindparam(f"v_{name}")
                                  for name in (*COLUMNS, "updated_at")}),
                         [{"row_id": u["id"], **{f"v_{k}": v for k, v in u.items() if k != "id"}}
                          for u in self.updates])
        if self.changes:
            conn.execute(insert(CHANGES), self.changes)
        if self.new_headers:
            conn.execute(insert(LEDGERS), self.new_headers)
        if self.headers:
            names = [name for name in self.headers[0] if name != "id"]
            conn.execute(update(LEDGERS).where(LEDGERS.c.id == bindparam("row_id"))
                         .values({name: bindparam(f"v_{name}") for name in names}),
                         [{"row_id": h["id"], **{f"v_{n}": h[n] for n in names}}
                          for h in self.headers])


def _change(patent_id: int, fee_year: int, before: Values | None, after: Values | None, *,
            cause: str, actor: User | None, today: dt.date) -> Values:
    return {
        "patent_id": patent_id, "fee_year": fee_year, "occurred_at": utcnow(),
        "computed_on": today, "cause": cause, "actor_user_id": actor.id if actor else None,
        "payable_before_fen": before["payable_fen"] if before else None,
        "payable_after_fen": after["payable_fen"] if after else None,
        "owed_before_fen": before["amount_owed_fen"] if before else None,
        "owed_after_fen": after["amount_owed_fen"] if after else None,
        "before": before, "after": after,
    }


def _sync_lines(writes: _Writes, patent_id: int, rows: Sequence[Mapping[str, Any]],
                lines: Sequence[FeeLine], *, record_new: bool, cause: str, actor: User | None,
                today: dt.date) -> list[int]:
    """Make the stored rows equal the computed lines; a history row per changed fee year."""
    by_year = {row["fee_year"]: row for row in rows}
    now = utcnow()
    changed: list[int] = []
    for line in lines:
        values = columns(line)
        row = by_year.pop(line.fee_year, None)
        if row is None:
            writes.inserts.append({**values, "patent_id": patent_id, "updated_at": now})
            if record_new:
                writes.changes.append(_change(patent_id, line.fee_year, None, snapshot(values),
                                              cause=cause, actor=actor, today=today))
                changed.append(line.fee_year)
            continue
        if all(row[name] == values[name] for name in COLUMNS):
            continue
        if any(row[name] != values[name] for name in TRACKED):
            writes.changes.append(_change(patent_id, line.fee_year, snapshot(row),
                                          snapshot(values), cause=cause, actor=actor,
                                          today=today))
            changed.append(line.fee_year)
        writes.updates.append({**values, "id": row["id"], "updated_at": now})
    for year, row in by_year.items():
        writes.changes.append(_change(patent_id, year, snapshot(row), None, cause=cause,
                                      actor=actor, today=today))
        writes.deletes.append(row["id"])
        changed.append(year)
    return sorted(changed)


def _fee_state(lines: Sequence[FeeLine], lapsed_on: dt.date | None) -> AnnualFeeState:
    if lapsed_on is not None:
        return AnnualFeeState.UNPAID
    if any(line.status is FeeStatus.IN_GRACE for line in lines):
        return AnnualFeeState.IN_GRACE
    return AnnualFeeState.PAID


def _carry_lapse(session: Session, patent: Patent, header: Values, lines: Sequence[FeeLine],
                 *, cause: str, actor: User | None) -> bool:
    """The ledger's lapse on the patent: legal status and fee state (D13, R5.8). A lapse the
    ledger recorded is undone when it no longer holds (a payment within grace recorded late).
    Returns True when the patent lapsed now."""
    lapsed_now = False
    status_before = patent.legal_status
    if header["lapsed_on"] is not None and patent.legal_status is LegalStatus.IN_FORCE:
        patent.legal_status = LegalStatus.LAPSED
        header["lapse_recorded"] = lapsed_now = True
        record_event(session, actor=actor, action="patent.lapsed", entity_type="patent",
                     entity_id=patent.id, before={"legal_status": LegalStatus.IN_FORCE},
                     after={"legal_status": LegalStatus.LAPSED,
                            "lapsed_on": header["lapsed_on"], "cause": cause})
    elif (header["lapsed_on"] is None and header["lapse_recorded"]
          and patent.legal_status is LegalStatus.LAPSED):
        patent.legal_status = LegalStatus.IN_FORCE
        header["lapse_recorded"] = False
        record_event(session, actor=actor, action="patent.lapse_cancelled", entity_type="patent",
                     entity_id=patent.id, before={"legal_status": LegalStatus.LAPSED},
                     after={"legal_status": LegalStatus.IN_FORCE, "cause": cause})
    fee_state = _fee_state(lines, header["lapsed_on"])
    if patent.fee_state is not fee_state or patent.legal_status is not status_before:
        patent.fee_state = fee_state
        patent.updated_at = utcnow()
        session.add(patent)
        assert patent.id is not None
        enqueue(session, [patent.id], IndexAction.UPSERT)
    return lapsed_now


def _opening(patent: Patent, facts: PatentFacts, today: dt.date,
             calendar: WorkingCalendar) -> Values:
    """A new ledger header: fees the register says were settled before are taken as settled."""
    items = schedule(facts.kind, facts.filing_date, facts.grant_date, facts.adjustment_days,
                     facts.extension_days)
    settled = settled_through_at_opening(items, today, _REGISTER_STATES[patent.fee_state],
                                         calendar)
    return {"patent_id": patent.id, "opened_on": today, "settled_through": settled,
            "lapse_recorded": False}


def _load(session: Session, ids: Sequence[int]) -> tuple[dict[int, Values],
                                                         dict[int, list[Values]]]:
    conn = session.connection()
    headers: dict[int, Values] = {}
    rows: dict[int, list[Values]] = defaultdict(list)
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start:start + _CHUNK]
        for header in conn.execute(sa_select(LEDGERS).where(LEDGERS.c.patent_id.in_(chunk))):
            headers[header.patent_id] = dict(header._mapping)
        for row in conn.execute(sa_select(FEES).where(FEES.c.patent_id.in_(chunk))):
            rows[row.patent_id].append(dict(row._mapping))
    return headers, rows


def _expire(session: Session, ids: set[int]) -> None:
    """ORM copies of rows written here are stale: reload them on next use."""
    for obj in list(session.identity_map.values()):
        if isinstance(obj, AnnualFee | FeeLedger) and obj.patent_id in ids:
            session.expire(obj)


def refresh_ledgers(
    session: Session,
    patents: Sequence[Patent],
    *,
    cause: str,
    actor: User | None,
    today: dt.date | None = None,
    policy: tuple[FeePolicy, WorkingCalendar] | None = None,
) -> RefreshOutcome:
    """Recompute the ledgers of ``patents`` as of ``today`` (default: today in China).

    Writes the fee rows, a history row per fee that changed (none when a ledger first opens),
    the header with its totals, and the lapse on the patent; audits each patent whose fees
    changed. A patent without annual fees (``sources.has_fee_ledger``) loses its rows, each
    into the history. ``policy`` defaults to the app's settings.
    """
    fee_policy, calendar = policy or current_policy()
    today = today or legal_today()
    session.flush()
    ids = [p.id for p in patents if p.id is not None]
    facts_by_id = patent_facts_many(session, patents)
    headers, rows = _load(session, ids)
    writes = _Writes()
    outcome = RefreshOutcome()
    for patent in patents:
        assert patent.id is not None
        facts = facts_by_id.get(patent.id)
        header = headers.get(patent.id)
        if facts is None:
            changed = _sync_lines(writes, patent.id, rows[patent.id], [], record_new=False,
                                  cause=cause, actor=actor, today=today)
            if header is not None:
                session.connection().execute(delete(LEDGERS).where(LEDGERS.c.id == header["id"]))
        else:
            opening = header is None
            header = header or _opening(patent, facts, today, calendar)
            facts = replace(facts, settled_through=header["settled_through"])
            result = ledger(facts, today=today, policy=fee_policy, calendar=calendar)
            lines = [FeeLine.of(line) for line in result.lines]
            changed = _sync_lines(writes, patent.id, rows[patent.id], lines,
                                  record_new=not opening, cause=cause, actor=actor, today=today)
            header.update(asdict(FeeTotals.of(result.totals)), computed_on=today,
                          expiry=result.expiry, grant_fee_year=result.grant_fee_year,
                          lapsed_on=result.lapsed_on, updated_at=utcnow())
            (writes.new_headers if opening else writes.headers).append(header)
            outcome.computed += 1
            if _carry_lapse(session, patent, header, lines, cause=cause, actor=actor):
                outcome.lapsed.append(patent.id)
        if changed:
            outcome.changed[patent.id] = changed
            record_event(session, actor=actor, action="fees.recomputed", entity_type="patent",
                         entity_id=patent.id, after={"cause": cause, "fee_years": changed})
    writes.run(session)
    _expire(session, set(ids))
    session.flush()
    return outcome


def refresh_ledger(session: Session, patent: Patent, *, cause: str, actor: User | None,
                   today: dt.date | None = None) -> RefreshOutcome:
    """``refresh_ledgers`` for one patent."""
    return refresh_ledgers(session, [patent], cause=cause, actor=actor, today=today)


def refresh_for_organisation(session: Session, organisation_id: int, *, cause: str,
                             actor: User | None, today: dt.date | None = None) -> RefreshOutcome:
    """Recompute every ledger the organisation's eligibility enters: the patents it owns and
    those it co-owns."""
    co_owned = select(CoOwner.patent_id).where(CoOwner.organisation_id == organisation_id)
    patents = list(session.exec(
        select(Patent).where((col(Patent.owner_id) == organisation_id)
                             | col(Patent.id).in_(co_owned)).order_by(col(Patent.id))))
    return refresh_ledgers(session, patents, cause=cause, actor=actor, today=today)


def eligibility_changed(
    session: Session, organisation: Organisation, *, was_eligible: bool,
    previous_basis: str | None, previous_year: int | None, actor: User | None,
    today: dt.date | None = None,
) -> RefreshOutcome:
    """Record an organisation's new fee-reduction eligibility from ``today`` on and recompute
    the ledgers it enters. Fees due before today keep the eligibility they had (the previous
    one, recorded from ``ELIGIBILITY_BASELINE`` on the first change)."""
    assert organisation.id is not None
    today = today or legal_today()
    records = {r.since: r for r in session.exec(
        select(EligibilityRecord).where(EligibilityRecord.organisation_id == organisation.id))}
    if not records:
        session.add(EligibilityRecord(organisation_id=organisation.id,
                                      since=ELIGIBILITY_BASELINE, eligible=was_eligible,
                                      basis=previous_basis, year=previous_year))
    record = records.get(today) or EligibilityRecord(organisation_id=organisation.id,
                                                     since=today, eligible=False)
    record.eligible = organisation.fee_reduction_eligible
    record.basis = organisation.fee_reduction_basis
    record.year = organisation.fee_reduction_year
    record.recorded_at = utcnow()
    session.add(record)
    session.flush()
    return refresh_for_organisation(session, organisation.id, cause=CAUSE_ELIGIBILITY,
                                    actor=actor, today=today)


def refresh_all(session: Session, *, cause: str = CAUSE_REFRESHED,
                today: dt.date | None = None, batch: int = _CHUNK) -> RefreshOutcome:
    """Recompute every patent's ledger (``marketplace fees refresh``, run daily: statuses, late
    fees and lapses move with the calendar), a batch of patents at a time."""
    total = RefreshOutcome()
    last_id = 0
    while True:
        patents = list(session.exec(select(Patent).where(col(Patent.id) > last_id)
                                    .order_by(col(Patent.id)).limit(batch)))
        if not patents:
            return total
        outcome = refresh_ledgers(session, patents, cause=cause, actor=None, today=today)
        total.computed += outcome.computed
        total.changed.update(outcome.changed)
        total.lapsed.extend(outcome.lapsed)
        last_id = patents[-1].id or last_id
        session.expunge_all()
