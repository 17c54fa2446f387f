"""Ordinary licences on negotiated terms granted beside an open licence (Law Art. 51(3), R1.8).

The patentee records them with their own terms; exclusive and sole licences are refused while an
open-licence declaration is announced (`rules.negotiated_licence_refusals`). Never commits.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass

from sqlmodel import Session, col, select

from marketplace.accounts.models import User
from marketplace.audit.services import record_event
from marketplace.errors import N_, Conflict, Message, NotFound, PermissionDenied, ValidationFailed
from marketplace.fees.sources import open_licence_facts
from marketplace.licensing.models import NegotiatedLicence
from marketplace.licensing.rules import NegotiatedKind, negotiated_licence_refusals
from marketplace.patents.models import Patent
from marketplace.patents.services import may_manage

NAME_LIMIT = 200
NOTE_LIMIT = 4000


@dataclass(frozen=True)
class NewNegotiated:
    kind: NegotiatedKind
    licensee_name: str
    start: dt.date
    end: dt.date | None = None
    terms_note: str = ""


def _patent(session: Session, actor: User, patent_id: int) -> Patent:
    patent = session.get(Patent, patent_id)
    if patent is None:
        raise NotFound(N_("No such patent."))
    if not may_manage(actor, patent):
        raise PermissionDenied(N_("Only the patent's owner records its licences."))
    return patent


def record_negotiated(session: Session, *, actor: User, patent_id: int,
                      new: NewNegotiated) -> NegotiatedLicence:
    """Record a licence granted on negotiated terms (R1.8); audited."""
    patent = _patent(session, actor, patent_id)
    problems: dict[str, list[Message]] = {}
    if not new.licensee_name.strip() or len(new.licensee_name) > NAME_LIMIT:
        problems["licensee_name"] = [Message(N_("Required, at most %(n)s characters."),
                                             {"n": NAME_LIMIT})]
    if len(new.terms_note) > NOTE_LIMIT:
        problems["terms_note"] = [Message(N_("At most %(n)s characters."), {"n": NOTE_LIMIT})]
    if new.end is not None and new.end < new.start:
        problems["end"] = [Message(N_("Must not be before the start date."))]
    if problems:
        raise ValidationFailed(N_("The licence is incomplete."), problems)
    refusals = negotiated_licence_refusals(new.kind, new.start, new.end,
                                           open_licence_facts(session, patent_id).declarations)
    if refusals:
        raise Conflict(refusals[0], {"kind": refusals})
    licence = NegotiatedLicence(patent_id=patent_id, licensor_organisation_id=patent.owner_id,
                                licensee_name=new.licensee_name.strip(), kind=new.kind,
                                terms_note=new.terms_note.strip(), start=new.start, end=new.end,
                                created_by_id=actor.id)
    session.add(licence)
    session.flush()
    record_event(session, actor=actor, action="licence.negotiated_recorded",
                 entity_type="patent", entity_id=patent_id,
                 after={"negotiated_licence_id": licence.id, **asdict(new)})
    return licence


def negotiated_of(session: Session, *, actor: User, patent_id: int) -> list[NegotiatedLicence]:
    _patent(session, actor, patent_id)
    return list(session.exec(select(NegotiatedLicence).where(
        NegotiatedLicence.patent_id == patent_id).order_by(col(NegotiatedLicence.start))))
