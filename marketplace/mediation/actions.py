"""One dispatch table from a workflow action to its service, shared by pages and the API.

Pages post a form and the API a JSON body with the same field names; both end here, so a step
behaves the same whichever way it comes (D16).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlmodel import Session

from marketplace.accounts.models import User
from marketplace.calendar import CHINA
from marketplace.mediation import services
from marketplace.mediation.models import AgreementEffect
from marketplace.mediation.rules import CaseAction, MediationPolicy, RefusalGround


@dataclass(frozen=True)
class Context:
    """What some steps need beyond their fields: the settings, the file store, the day."""

    policy: MediationPolicy
    storage: services.Storage
    today: dt.date


Handler = Callable[[Session, User, int, Mapping[str, Any], Context], object]


def _text(data: Mapping[str, Any], name: str) -> str:
    return str(data.get(name) or "")


def _instant(value: dt.datetime) -> dt.datetime:
    """A meeting time; the page's form gives it without a zone, in China time as its label
    says."""
    return value if value.tzinfo is not None else value.replace(tzinfo=CHINA)


_HANDLERS: dict[CaseAction, Handler] = {
    CaseAction.ANSWER: lambda s, a, c, d, x: services.answer(
        s, actor=a, case_id=c, agree=bool(d.get("agree"))),
    CaseAction.ACCEPT: lambda s, a, c, d, x: services.accept(
        s, actor=a, case_id=c, today=x.today),
    CaseAction.REFUSE: lambda s, a, c, d, x: services.refuse(
        s, actor=a, case_id=c, ground=RefusalGround(d["ground"]), details=_text(d, "details"),
        today=x.today),
    CaseAction.ASSIGN_MEDIATOR: lambda s, a, c, d, x: services.assign_mediator(
        s, actor=a, case_id=c, mediator_id=int(d["mediator_id"])),
    CaseAction.DECLARE_CONFLICT: lambda s, a, c, d, x: services.declare_conflict(
        s, actor=a, case_id=c, note=_text(d, "reason")),
    CaseAction.OBJECT_TO_MEDIATOR: lambda s, a, c, d, x: services.object_to_mediator(
        s, actor=a, case_id=c, reason=_text(d, "reason")),
    CaseAction.DECIDE_OBJECTION: lambda s, a, c, d, x: services.decide_objection(
        s, actor=a, case_id=c, uphold=bool(d.get("uphold")), reason=_text(d, "reason")),
    CaseAction.START_MEDIATION: lambda s, a, c, d, x: services.start_mediation(
        s, actor=a, case_id=c),
    CaseAction.SCHEDULE_MEETING: lambda s, a, c, d, x: services.schedule_meeting(
        s, actor=a, case_id=c, starts_at=_instant(d["starts_at"]), place=_text(d, "place"),
        online_link=_text(d, "online_link")),
    CaseAction.EXTEND_DEADLINE: lambda s, a, c, d, x: services.extend_deadline(
        s, actor=a, case_id=c, days=int(d["days"]), reason=_text(d, "reason"), policy=x.policy),
    CaseAction.PROPOSE_TERMS: lambda s, a, c, d, x: services.propose_terms(
        s, actor=a, case_id=c, terms=_text(d, "terms"), effect=AgreementEffect(d["effect"]),
        new_payment_terms=_text(d, "new_payment_terms")),
    CaseAction.ACCEPT_TERMS: lambda s, a, c, d, x: services.accept_terms(s, actor=a, case_id=c),
    CaseAction.RECORD_AGREEMENT: lambda s, a, c, d, x: services.record_agreement(
        s, actor=a, case_id=c, today=x.today),
    CaseAction.TERMINATE: lambda s, a, c, d, x: services.terminate(
        s, actor=a, case_id=c, reason=_text(d, "reason"), today=x.today),
    CaseAction.WITHDRAW: lambda s, a, c, d, x: services.withdraw(
        s, actor=a, case_id=c, today=x.today),
    CaseAction.FILE_CONFIRMATION: lambda s, a, c, d, x: services.file_confirmation(
        s, actor=a, case_id=c, filed_on=d["filed_on"], policy=x.policy),
    CaseAction.RECORD_CONFIRMED: lambda s, a, c, d, x: services.record_confirmation(
        s, actor=a, case_id=c, confirmed=True, decided_on=d["decided_on"]),
    CaseAction.RECORD_NOT_CONFIRMED: lambda s, a, c, d, x: services.record_confirmation(
        s, actor=a, case_id=c, confirmed=False, decided_on=d["decided_on"]),
}

#: The steps a user takes through this table. The respondent is notified by the platform when
#: the case opens, and messages have their own form and endpoint.
STEP_ACTIONS: tuple[CaseAction, ...] = tuple(_HANDLERS)


def take(session: Session, actor: User, case_id: int, action: CaseAction,
         data: Mapping[str, Any], context: Context) -> None:
    """Take ``action`` on the case with the step's fields in ``data`` (already validated)."""
    _HANDLERS[action](session, actor, case_id, data, context)
