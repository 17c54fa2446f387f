"""Demo mediation cases: one in every state the platform reaches, on demo licences, with the
demo mediator account holding assigned cases (issue 7 §9).

`seed_mediation` takes the licences to use; given none, it makes a few effective open licences
itself on announced demo declarations (`demo_licence`), taken by the demo SMEs. Each case's
scenario runs over the two months before the seeding day, and its audit events (the timeline)
are dated on the scenario's days, not at the moment of seeding.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from sqlmodel import Session, col, func, select

from marketplace.accounts.models import Role, User
from marketplace.audit.models import AuditEvent
from marketplace.calendar import CHINA
from marketplace.declarations.models import Declaration
from marketplace.declarations.rules import DeclarationStatus
from marketplace.licensing.models import Licence
from marketplace.licensing.rules import FirstPaymentKind, LicenceState
from marketplace.mediation import actions, services
from marketplace.mediation.models import AgreementEffect, MediationCase
from marketplace.mediation.rules import (
    CaseAction,
    CaseState,
    DisputeSubject,
    MediationPolicy,
    RefusalGround,
)

DEMO_LICENCES = 3


def demo_licence(session: Session, declaration: Declaration, licensee_organisation_id: int,
                 effective_on: dt.date) -> Licence:
    """An effective open licence on an announced declaration, written directly (demo and tests;
    the licensing services make real ones). It copies the frozen snapshot and its hash."""
    assert declaration.id is not None and declaration.snapshot is not None
    assert declaration.snapshot_hash is not None
    moment = dt.datetime.combine(effective_on, dt.time(3), dt.UTC)
    licence = Licence(
        number=f"KF-LIC-DEMO-{declaration.id:06d}-{licensee_organisation_id}",
        declaration_id=declaration.id, patent_id=declaration.patent_id,
        licensor_organisation_id=declaration.organisation_id,
        licensee_organisation_id=licensee_organisation_id, state=LicenceState.EFFECTIVE,
        snapshot=declaration.snapshot, snapshot_hash=declaration.snapshot_hash,
        licence_start=effective_on,
        licence_end=dt.date.fromisoformat(declaration.snapshot["licence_end"]),
        first_payment_kind=FirstPaymentKind.NOTHING,
        notice_reference=f"KF-N-DEMO-{declaration.id:06d}-{licensee_organisation_id}",
        notice_given_at=moment, first_payment_at=moment, effective_at=moment,
        effective_on=effective_on)
    session.add(licence)
    session.flush()
    return licence


def _own_licences(session: Session, smes: Sequence[User], effective_on: dt.date) -> list[Licence]:
    declarations = session.exec(
        select(Declaration).where(Declaration.status == DeclarationStatus.ANNOUNCED)
        .order_by(col(Declaration.id)).limit(DEMO_LICENCES)).all()
    return [demo_licence(session, declaration, smes[i % len(smes)].organisation_id,
                         effective_on)
            for i, declaration in enumerate(declarations)]


def _last_event_id(session: Session) -> int:
    session.flush()
    return session.exec(select(func.max(AuditEvent.id))).one() or 0


def _date_events(session: Session, after_id: int, on: dt.date, step: int) -> None:
    """Date the events written since ``after_id`` on the scenario's day ``on`` (from 09:00
    China time, a minute apart per ``step``), as if the step had been taken then."""
    session.flush()
    at = dt.datetime.combine(on, dt.time(9), tzinfo=CHINA) + dt.timedelta(minutes=step)
    for event in session.exec(select(AuditEvent).where(col(AuditEvent.id) > after_id)):
        event.occurred_at = at


def _party(users: Sequence[User], organisation_id: int) -> User:
    return next(u for u in users if u.organisation_id == organisation_id
                and u.role in (Role.SME, Role.PATENTEE))


# The demo's steps by name: who takes it, the action, its fields, days after receipt.
_STEPS: dict[str, tuple[str, CaseAction, dict[str, Any], int]] = {
    "agree": ("respondent", CaseAction.ANSWER, {"agree": True}, 1),
    "decline": ("respondent", CaseAction.ANSWER, {"agree": False}, 1),
    "accept": ("office", CaseAction.ACCEPT, {}, 2),
    "refuse": ("office", CaseAction.REFUSE,
               {"ground": RefusalGround.OTHER_PARTY_DOES_NOT_AGREE}, 2),
    "assign": ("office", CaseAction.ASSIGN_MEDIATOR, {}, 3),
    "start": ("mediator", CaseAction.START_MEDIATION, {}, 4),
    "propose": ("mediator", CaseAction.PROPOSE_TERMS, {
        "terms": "双方同意按声明的标准结算，逾期部分免收滞纳金。",
        "effect": AgreementEffect.NONE}, 10),
    "applicant_accepts": ("applicant", CaseAction.ACCEPT_TERMS, {}, 11),
    "respondent_accepts": ("respondent", CaseAction.ACCEPT_TERMS, {}, 11),
    "record": ("mediator", CaseAction.RECORD_AGREEMENT, {}, 12),
    "terminate": ("mediator", CaseAction.TERMINATE,
                  {"reason": "双方对技术秘密的范围分歧过大。"}, 20),
    "withdraw": ("applicant", CaseAction.WITHDRAW, {}, 2),
    "file": ("applicant", CaseAction.FILE_CONFIRMATION, {"filed_on": None}, 20),
    "confirmed": ("applicant", CaseAction.RECORD_CONFIRMED, {"decided_on": None}, 30),
    "not_confirmed": ("applicant", CaseAction.RECORD_NOT_CONFIRMED, {"decided_on": None}, 30),
}
_MEDIATE = ("agree", "accept", "assign", "start")
_SETTLE = (*_MEDIATE, "propose", "applicant_accepts", "respondent_accepts", "record")

# Each demo case: its subject, claims, and how far it goes (a list of steps by name).
_PLAN: tuple[tuple[DisputeSubject, str, tuple[str, ...]], ...] = (
    (DisputeSubject.AMOUNT_OWED, "许可方要求补缴的入门费超出声明的标准。", ()),
    (DisputeSubject.SCOPE_OF_USE, "被许可人在声明范围以外的产品上使用专利。",
     ("agree", "accept")),
    (DisputeSubject.LICENCE_TERM, "对许可期限的起算日有争议。", ("decline", "refuse")),
    (DisputeSubject.PAYMENT_METHOD_OR_STANDARD, "提成基数应为净销售额还是销售额。",
     _MEDIATE),
    (DisputeSubject.AMOUNT_OWED, "第二年度许可费逾期未付。", _SETTLE),
    (DisputeSubject.KNOW_HOW_OR_SUPPORT, "技术秘密交付不完整。", (*_MEDIATE, "terminate")),
    (DisputeSubject.OTHER, "许可方未配合办理备案。", ("withdraw",)),
    (DisputeSubject.AMOUNT_OWED, "对季度提成报告的金额有异议。", (*_SETTLE, "file")),
    (DisputeSubject.PAYMENT_METHOD_OR_STANDARD, "要求将一次性付款改为分期。",
     (*_SETTLE, "file", "confirmed")),
    (DisputeSubject.SCOPE_OF_USE, "地域范围的理解不一致。", (*_SETTLE, "file", "not_confirmed")),
)


def seed_mediation(session: Session, licences: Sequence[Licence] | None = None, *,
                   upload_dir: Path | None, today: dt.date,
                   policy: MediationPolicy | None = None) -> list[MediationCase]:
    """Open the demo cases and take each through its steps with the services (audited,
    notified). The first demo mediator is assigned every case that reaches a mediator.

    ``licences`` default to `_own_licences`; nothing is made without announced declarations.
    Each application carries a text document stored under ``upload_dir``/mediation, or none
    when ``upload_dir`` is ``None`` (a seed run outside the app).
    """
    policy = policy or MediationPolicy()
    users = list(session.exec(select(User).order_by(col(User.id))).all())
    office = next(u for u in users if u.role is Role.OFFICE)
    mediator = next(u for u in users if u.role is Role.MEDIATOR)
    smes = [u for u in users if u.role is Role.SME]
    start = today - dt.timedelta(days=60)
    licences = list(licences) if licences is not None else _own_licences(session, smes, start)
    if not licences:
        return []
    storage = services.Storage((upload_dir or Path(".")) / "mediation", 20 * 1024 * 1024)
    cases = []
    for n, (subject, claims, steps) in enumerate(_PLAN):
        licence = licences[n % len(licences)]
        applicant = _party(users, licence.licensee_organisation_id)
        respondent = _party(users, licence.licensor_organisation_id)
        assert licence.id is not None
        received = start + dt.timedelta(days=3 * n)
        opened_after = _last_event_id(session)
        case = services.open_case(
            session, actor=applicant, new=services.NewCase(licence.id, subject, claims),
            documents=[services.Upload(io.BytesIO(f"{claims}\n".encode()), "申请书.txt")]
            if upload_dir is not None else [],
            storage=storage, today=received)
        _date_events(session, opened_after, received, 0)
        assert case.id is not None
        parts = {"applicant": applicant, "respondent": respondent, "office": office,
                 "mediator": mediator}
        for step, name in enumerate(steps, start=1):
            part, action, data, days = _STEPS[name]
            actor = parts[part]
            data = {**data, "mediator_id": mediator.id}
            on = received + dt.timedelta(days=days)
            for key in ("filed_on", "decided_on"):
                if key in data:
                    data[key] = on
            taken_after = _last_event_id(session)
            actions.take(session, actor, case.id, action, data,
                         actions.Context(policy, storage, on))
            _date_events(session, taken_after, on, step)
        cases.append(case)
    return cases


#: The states the demo reaches (every state except *submitted*, which the platform leaves at
#: once by forwarding the application to the respondent).
DEMO_STATES: frozenset[CaseState] = frozenset(CaseState) - {CaseState.SUBMITTED}
