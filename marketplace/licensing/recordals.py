"""Record-filing of open-licence contracts (Regs Art. 87, R2.5, R2.6, R3.9, R3.13, D10).

Either party files an effective licence; the office accepts (record number and record date,
which the fee ledger's 15 % reduction keys on, D11) or refuses with reasons. Reminders go to both
parties on the reminder days before the due date. Never commits.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlmodel import Session, col, select

from marketplace.accounts.models import Role, User
from marketplace.audit.services import record_event
from marketplace.db import utcnow
from marketplace.declarations.services import next_public_number
from marketplace.errors import N_, Message, NotFound, PermissionDenied, ValidationFailed
from marketplace.fees.refresh import CAUSE_RECORDAL, refresh_ledger
from marketplace.licensing import rules
from marketplace.licensing.models import Licence, LicenceRecordal
from marketplace.licensing.policy import LicensingPolicy
from marketplace.licensing.rules import (
    RECORDAL_REFUSAL_GROUNDS,
    LicenceState,
    RecordalRefusalGround,
    RecordalState,
    RecordalTiming,
    legal_date,
)
from marketplace.licensing.services import (
    LicenceRow,
    get_licence,
    is_party,
    licence_rows,
    notify_parties,
)
from marketplace.patents.models import Patent

RECORDAL_SERIES = "KF-REC"
NOTE_LIMIT = 2000


def recordals_of(session: Session, licence_id: int) -> list[LicenceRecordal]:
    return list(session.exec(select(LicenceRecordal).where(
        LicenceRecordal.licence_id == licence_id).order_by(col(LicenceRecordal.id))))


def file_recordal(session: Session, *, actor: User, licence_id: int,
                  now: dt.datetime | None = None) -> LicenceRecordal:
    """Either party files the licence for record (D10); only an effective licence, and not
    while a filing of it is pending or accepted (`rules.recordal_filing_problems`)."""
    licence = get_licence(session, actor=actor, licence_id=licence_id)
    if not is_party(actor, licence):
        raise PermissionDenied(N_("Only the parties file a licence for record."))
    # Lock the licence so that both parties filing at once make one filing.
    session.exec(select(Licence.id).where(Licence.id == licence_id).with_for_update()).first()
    problems = rules.recordal_filing_problems(
        licence.state, [r.state for r in recordals_of(session, licence_id)])
    if problems:
        raise ValidationFailed(problems[0], {"licence": problems})
    instant = now or utcnow()
    recordal = LicenceRecordal(licence_id=licence_id, filed_by_id=actor.id,
                               filed_on=legal_date(instant), filed_at=instant)
    session.add(recordal)
    session.flush()
    record_event(session, actor=actor, action="licence.recordal_filed", entity_type="licence",
                 entity_id=licence_id,
                 after={"recordal_id": recordal.id, "filed_on": recordal.filed_on})
    notify_parties(session, licence, "licensing.recordal_filed", Message(
        N_("Licence %(number)s was filed for record on %(date)s."),
        {"number": licence.number, "date": recordal.filed_on.isoformat()}))
    return recordal


def _require_office(actor: User) -> None:
    if actor.role is not Role.OFFICE:
        raise PermissionDenied(N_("Only the office can do this."))


def _load(session: Session, recordal_id: int) -> tuple[LicenceRecordal, Licence]:
    recordal = session.get(LicenceRecordal, recordal_id)
    if recordal is None:
        raise NotFound(N_("No such record-filing."))
    licence = session.get(Licence, recordal.licence_id)
    assert licence is not None
    return recordal, licence


def get_recordal(session: Session, *, actor: User,
                 recordal_id: int) -> tuple[LicenceRecordal, Licence]:
    recordal, licence = _load(session, recordal_id)
    get_licence(session, actor=actor, licence_id=licence.id or 0)
    return recordal, licence


def _facts(recordal: LicenceRecordal) -> rules.Recordal:
    return rules.Recordal(filed_on=recordal.filed_on, state=recordal.state,
                          record_date=recordal.record_date, record_number=recordal.record_number)


def accept(session: Session, *, actor: User, recordal_id: int, record_date: dt.date,
           now: dt.datetime | None = None) -> LicenceRecordal:
    """The office accepts a pending filing: the next record number of the year and the record
    date (D10, R3.13). The patent's fee ledger is recomputed: the record date starts the 15 %
    open-licence reduction (D11). Audited; both parties notified."""
    _require_office(actor)
    recordal, licence = _load(session, recordal_id)
    instant = now or utcnow()
    if record_date > legal_date(instant):
        raise ValidationFailed(N_("The acceptance is incomplete."),
                               {"record_date": [Message(N_("Today or earlier."))]})
    number = next_public_number(session, RECORDAL_SERIES, record_date.year)
    decided = rules.accept_recordal(_facts(recordal), record_date=record_date,
                                    record_number=number)
    recordal.state = decided.state
    recordal.record_date = decided.record_date
    recordal.record_number = decided.record_number
    recordal.decided_by_id = actor.id
    recordal.decided_at = instant
    session.add(recordal)
    session.flush()
    record_event(session, actor=actor, action="licence.recordal_accepted",
                 entity_type="licence", entity_id=licence.id,
                 after={"recordal_id": recordal.id, "record_number": number,
                        "record_date": record_date})
    patent = session.get(Patent, licence.patent_id)
    assert patent is not None
    refresh_ledger(session, patent, cause=CAUSE_RECORDAL, actor=actor)
    notify_parties(session, licence, "licensing.recordal_accepted", Message(
        N_("Licence %(number)s is recorded: record number %(record)s, record date %(date)s."),
        {"number": licence.number, "record": number, "date": record_date.isoformat()}))
    return recordal


def refuse(session: Session, *, actor: User, recordal_id: int,
           grounds: Sequence[RecordalRefusalGround], note: str = "",
           now: dt.datetime | None = None) -> LicenceRecordal:
    """The office refuses a pending filing with at least one ground (R3.13) and an optional
    note; the parties may file again. Audited; both parties notified."""
    _require_office(actor)
    recordal, licence = _load(session, recordal_id)
    if len(note) > NOTE_LIMIT:
        raise ValidationFailed(N_("The note is too long."),
                               {"note": [Message(N_("At most %(n)s characters."),
                                                 {"n": NOTE_LIMIT})]})
    decided = rules.refuse_recordal(_facts(recordal),
                                    reasons=[RECORDAL_REFUSAL_GROUNDS[g] for g in grounds])
    recordal.state = decided.state
    recordal.refusal_reasons = [{"ground": g.value} for g in grounds]
    if note.strip():
        recordal.refusal_reasons.append({"note": note.strip()})
    recordal.decided_by_id = actor.id
    recordal.decided_at = now or utcnow()
    session.add(recordal)
    session.flush()
    record_event(session, actor=actor, action="licence.recordal_refused",
                 entity_type="licence", entity_id=licence.id,
                 after={"recordal_id": recordal.id, "reasons": recordal.refusal_reasons})
    notify_parties(session, licence, "licensing.recordal_refused", Message(
        N_("The record-filing of licence %(number)s was refused; see the reasons and file "
           "again."), {"number": licence.number}))
    return recordal


def refusal_messages(recordal: LicenceRecordal) -> list[Message | str]:
    """The refusal's grounds, worded, then the office's note (as typed)."""
    out: list[Message | str] = []
    for reason in recordal.refusal_reasons or []:
        if "ground" in reason:
            out.append(RECORDAL_REFUSAL_GROUNDS[RecordalRefusalGround(reason["ground"])])
        elif "note" in reason:
            out.append(str(reason["note"]))
    return out


# -------------------------------------------------------------------------------------------------
# Due dates, the office's queue and reminders
# -------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RecordalStanding:
    """Where one effective licence stands on record-filing (D10)."""

    row: LicenceRow
    due_on: dt.date
    timing: RecordalTiming
    latest: LicenceRecordal | None

    @property
    def state(self) -> RecordalState | None:
        return None if self.latest is None else self.latest.state


def standing(licence: Licence, recordals: Sequence[LicenceRecordal], today: dt.date,
             policy: LicensingPolicy) -> tuple[dt.date, RecordalTiming, LicenceRecordal | None]:
    """The due date, the timing and the latest filing of an effective licence."""
    assert licence.effective_on is not None
    latest = recordals[-1] if recordals else None
    live = [r for r in recordals if r.state is not RecordalState.REFUSED]
    filed_on = live[0].filed_on if live else None
    return (rules.recordal_due_date(licence.effective_on, policy),
            rules.recordal_timing(licence.effective_on, filed_on, today, policy), latest)


def office_queue(session: Session, *, actor: User, today: dt.date,
                 policy: LicensingPolicy) -> list[RecordalStanding]:
    """Every effective licence not yet recorded: pending filings first, then overdue, due soon,
    not due yet; each by due date."""
    _require_office(actor)
    return unrecorded(session, today, policy)


_ORDER = {RecordalTiming.FILED_IN_TIME: 0, RecordalTiming.FILED_LATE: 0,
          RecordalTiming.OVERDUE: 1, RecordalTiming.DUE_SOON: 2, RecordalTiming.NOT_DUE_YET: 3}


def unrecorded(session: Session, today: dt.date,
               policy: LicensingPolicy) -> list[RecordalStanding]:
    licences = session.exec(select(Licence).where(
        col(Licence.effective_on).is_not(None))).all()
    by_licence: dict[int, list[LicenceRecordal]] = {}
    for recordal in session.exec(select(LicenceRecordal).order_by(col(LicenceRecordal.id))):
        by_licence.setdefault(recordal.licence_id, []).append(recordal)
    out: list[RecordalStanding] = []
    def waits(lic: Licence) -> bool:
        states = {r.state for r in by_licence.get(lic.id or 0, [])}
        return RecordalState.ACCEPTED not in states and (
            lic.state is LicenceState.EFFECTIVE or RecordalState.PENDING in states)

    waiting = [lic for lic in licences if waits(lic)]
    for row in licence_rows(session, waiting):
        due, timing, latest = standing(row.licence, by_licence.get(row.licence.id or 0, []),
                                       today, policy)
        out.append(RecordalStanding(row, due, timing, latest))
    return sorted(out, key=lambda s: (_ORDER[s.timing], s.due_on, s.row.licence.id or 0))


def send_reminders(session: Session, *, today: dt.date,
                   policy: LicensingPolicy) -> tuple[list[Licence], list[RecordalStanding]]:
    """Remind both parties of each effective licence not filed for record on a reminder day
    (D10), once per reminder day even if run again or late; return the licences reminded and
    the overdue ones."""
    reminded: list[Licence] = []
    overdue: list[RecordalStanding] = []
    for item in unrecorded(session, today, policy):
        licence = item.row.licence
        if item.timing is RecordalTiming.OVERDUE:
            overdue.append(item)
            continue
        if item.timing is not RecordalTiming.DUE_SOON or licence.effective_on is None:
            continue
        days = [d for d in rules.recordal_reminder_dates(licence.effective_on, policy)
                if d <= today]
        last = licence.recordal_reminded_on
        if not days or (last is not None and last >= days[-1]):
            continue
        licence.recordal_reminded_on = today
        session.add(licence)
        notify_parties(session, licence, "licensing.recordal_reminder", Message(
            N_("Licence %(number)s must be filed for record by %(date)s (D10)."),
            {"number": licence.number, "date": item.due_on.isoformat()}))
        reminded.append(licence)
    session.flush()
    return reminded, overdue
