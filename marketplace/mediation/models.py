"""Mediation cases opened from an open licence, their messages, documents, meetings, recusals
and objections (DOMAIN D16; Part B §7). Everything here is confidential to the case's parties,
its mediator and the office (Ann. 590 Art. 3, R7.2)."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from sqlalchemy import BigInteger, Column
from sqlmodel import Field, SQLModel

from marketplace.db import UTCDateTime, enum_column, utcnow
from marketplace.files import FileKind
from marketplace.mediation.rules import (
    CaseActor,
    CaseState,
    ConflictReason,
    DisputeSubject,
    ObjectionOutcome,
    RefusalGround,
    RespondentAnswer,
)


class AgreementEffect(StrEnum):
    """What a mediation agreement does to the licence (D16)."""

    NONE = "none"
    CHANGES_PAYMENT = "changes_payment"
    ENDS_LICENCE = "ends_licence"


class MediationCase(SQLModel, table=True):
    """One dispute over one open licence, from application to outcome (D16)."""

    __tablename__ = "mediation_cases"

    id: int | None = Field(default=None, primary_key=True)
    # Public case number, e.g. KF-MED-2026-000001.
    number: str = Field(max_length=32, unique=True)
    licence_id: int = Field(foreign_key="licences.id", index=True)
    patent_id: int = Field(foreign_key="patents.id", index=True)
    applicant_organisation_id: int = Field(foreign_key="organisations.id", index=True)
    respondent_organisation_id: int = Field(foreign_key="organisations.id", index=True)
    opened_by_id: int | None = Field(default=None, foreign_key="users.id")
    subject: DisputeSubject = Field(sa_column=enum_column(DisputeSubject))
    claims: str
    state: CaseState = Field(default=CaseState.SUBMITTED, sa_column=enum_column(CaseState))
    received_on: dt.date
    respondent_answer: RespondentAnswer = Field(default=RespondentAnswer.PENDING,
                                                sa_column=enum_column(RespondentAnswer))
    respondent_answered_at: dt.datetime | None = Field(default=None, sa_type=UTCDateTime)
    decided_on: dt.date | None = None
    refusal_ground: RefusalGround | None = Field(
        default=None, sa_column=enum_column(RefusalGround, nullable=True))
    refusal_details: str = ""
    mediator_id: int | None = Field(default=None, foreign_key="users.id", index=True)
    extension_days: int | None = None
    extension_reason: str = ""
    proposed_terms: str = ""
    agreement_effect: AgreementEffect = Field(default=AgreementEffect.NONE,
                                              sa_column=enum_column(AgreementEffect))
    new_payment_terms: str = ""
    applicant_accepted_terms: bool = False
    respondent_accepted_terms: bool = False
    outcome_on: dt.date | None = None
    outcome_note: str = ""
    confirmation_filed_on: dt.date | None = None
    confirmation_decided_on: dt.date | None = None
    created_at: dt.datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class CaseMessage(SQLModel, table=True):
    """A message between the parties, the mediator and the office, with an optional document."""

    __tablename__ = "mediation_messages"

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="mediation_cases.id", index=True)
    author_id: int | None = Field(default=None, foreign_key="users.id")
    author_part: CaseActor = Field(sa_column=enum_column(CaseActor))
    body: str = ""
    stored_name: str | None = Field(default=None, max_length=64)
    original_name: str | None = Field(default=None, max_length=255)
    file_kind: FileKind | None = Field(default=None, sa_column=enum_column(FileKind,
                                                                           nullable=True))
    file_size: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))
    file_sha256: str | None = Field(default=None, max_length=64)
    created_at: dt.datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class CaseMeeting(SQLModel, table=True):
    """A meeting the mediator schedules: when, and where or the online link."""

    __tablename__ = "mediation_meetings"

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="mediation_cases.id", index=True)
    starts_at: dt.datetime = Field(sa_type=UTCDateTime)
    place: str = Field(default="", max_length=300)
    online_link: str = Field(default="", max_length=500)
    scheduled_by_id: int | None = Field(default=None, foreign_key="users.id")
    created_at: dt.datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class CaseRecusal(SQLModel, table=True):
    """A mediator who cannot serve on the case: declared conflict or upheld objection (D16)."""

    __tablename__ = "mediation_recusals"

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="mediation_cases.id", index=True)
    mediator_id: int = Field(foreign_key="users.id", index=True)
    reason: ConflictReason = Field(sa_column=enum_column(ConflictReason))
    note: str = ""
    created_at: dt.datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class CaseObjection(SQLModel, table=True):
    """A party's objection to the assigned mediator and the office's decision (D16)."""

    __tablename__ = "mediation_objections"

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="mediation_cases.id", index=True)
    mediator_id: int = Field(foreign_key="users.id")
    by: CaseActor = Field(sa_column=enum_column(CaseActor))
    reason: str
    outcome: ObjectionOutcome = Field(default=ObjectionOutcome.PENDING,
                                      sa_column=enum_column(ObjectionOutcome))
    decision_reason: str = ""
    decided_by_id: int | None = Field(default=None, foreign_key="users.id")
    created_at: dt.datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
