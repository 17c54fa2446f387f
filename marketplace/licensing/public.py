"""Public reading of licensing: accepted record-filings for the public register. Never writes.

A recorded open-licence contract is announced in the register (D10): its record number and date,
the licence number, the patent, the announcement it was taken under and the parties.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func
from sqlmodel import Session, col, select

from marketplace.licensing.models import Licence, LicenceRecordal
from marketplace.licensing.rules import RecordalState
from marketplace.licensing.services import LicenceRow, licence_rows
from marketplace.web.pagination import Page


@dataclass(frozen=True)
class RecordedLicence:
    """One accepted recordal with its licence, patent and parties."""

    record_number: str
    record_date: dt.date
    announcement_number: str
    row: LicenceRow


def list_accepted_recordals(session: Session, page: int, per_page: int) -> Page[RecordedLicence]:
    """Accepted recordals, newest record date first."""
    accepted = LicenceRecordal.state == RecordalState.ACCEPTED
    total = session.exec(select(func.count()).select_from(LicenceRecordal).where(accepted)).one()
    pairs = session.exec(
        select(LicenceRecordal, Licence)
        .join(Licence, col(Licence.id) == LicenceRecordal.licence_id)
        .where(accepted)
        .order_by(col(LicenceRecordal.record_date).desc(), col(LicenceRecordal.id).desc())
        .offset((page - 1) * per_page).limit(per_page)).all()
    rows = licence_rows(session, [licence for _, licence in pairs])
    items = [RecordedLicence(recordal.record_number or "", recordal.record_date or dt.date.min,
                             str(licence.snapshot.get("announcement_number", "")), row)
             for (recordal, licence), row in zip(pairs, rows, strict=True)]
    return Page(items=items, page=page, per_page=per_page, total=total)
