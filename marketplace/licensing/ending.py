"""Ending licences whose time is up: the period's end, the patent's expiry, lapse, invalidation or
surrender (R1.8 notes, Law Arts. 44, 47), each through `lifecycle.end_licence`. Never commits."""

from __future__ import annotations

import datetime as dt

from sqlmodel import Session, col, select

from marketplace.errors import N_, Message
from marketplace.licensing import rules
from marketplace.licensing.lifecycle import end_licence
from marketplace.licensing.models import Licence
from marketplace.licensing.rules import LICENCE_EVENT_NAMES, LicenceState
from marketplace.licensing.services import notify_parties, patent_standing
from marketplace.patents.models import Patent


def end_due_licences(session: Session, *, today: dt.date) -> list[Licence]:
    """End every pending or effective licence whose last day in force is before ``today``
    (`rules.licence_end`), from the day after that last day; both parties are notified."""
    ended: list[Licence] = []
    live = session.exec(select(Licence).where(
        col(Licence.state).in_([LicenceState.PENDING, LicenceState.EFFECTIVE]))
        .order_by(col(Licence.id))).all()
    standings = {patent.id: patent_standing(session, patent) for patent in session.exec(
        select(Patent).where(col(Patent.id).in_(sorted({lic.patent_id for lic in live})))
    ).all()}
    for licence in live:
        end = rules.licence_end(licence.licence_end, standings[licence.patent_id])
        if not end.has_ended(today):
            continue
        end_licence(session, licence=licence, event=end.reason, on=end.ended_from, actor=None)
        notify_parties(session, licence, "licensing.ended", Message(
            N_("Licence %(reference)s ended on %(date)s: %(reason)s."),
            {"reference": licence.number or licence.notice_reference,
             "date": end.last_day.isoformat(), "reason": LICENCE_EVENT_NAMES[end.reason]}))
        ended.append(licence)
    return ended
