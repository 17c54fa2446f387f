"""Ending a licence: the one service every cause goes through (R1.8; Law Arts. 44, 47).

The period running out, the patent's expiry, lapse or invalidation, termination by agreement
and a mediation outcome all end a licence here, so the state machine, the end date and the audit
event are the same whoever ends it.
"""

from __future__ import annotations

import datetime as dt

from sqlmodel import Session

from marketplace.accounts.models import User
from marketplace.audit.services import record_event
from marketplace.licensing.models import Licence
from marketplace.licensing.rules import LicenceEvent, licence_transition


def end_licence(session: Session, *, licence: Licence, event: LicenceEvent, on: dt.date,
                actor: User | None) -> Licence:
    """End ``licence`` from ``on`` (its last day is the day before) for ``event``.

    Raises ``InvalidStateTransition`` when the licence has already ended or ``event`` does not
    end a licence. Audited as ``licence.ended`` with the cause and the date.
    """
    before = {"state": licence.state.value, "ended_on": licence.ended_on}
    licence.state = licence_transition(licence.state, event)
    licence.ended_on = on
    licence.end_reason = event
    session.add(licence)
    session.flush()
    record_event(session, actor=actor, action="licence.ended", entity_type="licence",
                 entity_id=licence.id, before=before,
                 after={"state": licence.state.value, "ended_on": on, "reason": event.value})
    return licence
