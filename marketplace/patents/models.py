"""The patent register: patents, their co-owners and encumbrances."""

from __future__ import annotations

import datetime as dt
import enum
from decimal import Decimal

from sqlalchemy import JSON, Column, Numeric, UniqueConstraint
from sqlmodel import Field, SQLModel

from marketplace.db import UTCDateTime, enum_column, utcnow
from marketplace.fees.rules import PatentKind
from marketplace.patents.rules import EvaluationConclusion, LegalStatus


class AnnualFeeState(enum.StrEnum):
    """Where the annual fees stand (D3); the fee ledger keeps the detail."""

    PAID = "paid"
    IN_GRACE = "in_grace"
    UNPAID = "unpaid"


class EncumbranceKind(enum.StrEnum):
    EXCLUSIVE_LICENCE = "exclusive_licence"
    SOLE_LICENCE = "sole_licence"
    PLEDGE = "pledge"
    SUSPENSION = "suspension"


class Patent(SQLModel, table=True):
    __tablename__ = "patents"
    __table_args__ = (UniqueConstraint("jurisdiction", "source_id"),)

    id: int | None = Field(default=None, primary_key=True)
    owner_id: int = Field(foreign_key="organisations.id", index=True)
    jurisdiction: str = Field(default="CN", max_length=2)
    source_id: str = Field(max_length=64, description="Re-import key: CN application number or id")
    application_number: str | None = Field(default=None, max_length=32, index=True)
    patent_number: str | None = Field(default=None, max_length=34)
    publication_number: str | None = Field(default=None, max_length=32, index=True)
    kind: PatentKind | None = Field(default=None, sa_column=enum_column(PatentKind, nullable=True))
    title: str = Field(max_length=500)
    abstract: str | None = Field(default=None)
    first_claim: str | None = Field(default=None)
    ipc_codes: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    ipc_sections: str = Field(default="", max_length=8)
    locarno_class: str | None = Field(default=None, max_length=8)
    applicants: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    language: str = Field(default="zh", max_length=5)
    filing_date: dt.date | None = Field(default=None)
    grant_date: dt.date | None = Field(default=None)
    publication_date: dt.date | None = Field(default=None)
    term_adjustment_days: int = Field(default=0)
    term_extension_days: int = Field(default=0)
    expiry_date: dt.date | None = Field(default=None, index=True)
    legal_status: LegalStatus = Field(
        default=LegalStatus.IN_FORCE, sa_column=enum_column(LegalStatus)
    )
    fee_state: AnnualFeeState = Field(
        default=AnnualFeeState.PAID, sa_column=enum_column(AnnualFeeState)
    )
    evaluation_report_ref: str | None = Field(default=None, max_length=64)
    evaluation_conclusion: EvaluationConclusion | None = Field(
        default=None, sa_column=enum_column(EvaluationConclusion, nullable=True)
    )
    created_at: dt.datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    updated_at: dt.datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class CoOwner(SQLModel, table=True):
    """A patentee sharing the patent; ``organisation_id`` is set when it is on the platform."""

    __tablename__ = "co_owners"

    id: int | None = Field(default=None, primary_key=True)
    patent_id: int = Field(foreign_key="patents.id", index=True, ondelete="CASCADE")
    name: str = Field(max_length=200)
    organisation_id: int | None = Field(default=None, foreign_key="organisations.id")
    share: Decimal = Field(sa_column=Column(Numeric(5, 2), nullable=False))


class Encumbrance(SQLModel, table=True):
    """A right or measure over the patent that can bar an open licence (D3, R2.4)."""

    __tablename__ = "encumbrances"

    id: int | None = Field(default=None, primary_key=True)
    patent_id: int = Field(foreign_key="patents.id", index=True, ondelete="CASCADE")
    kind: EncumbranceKind = Field(sa_column=enum_column(EncumbranceKind))
    pledgee_consent: bool | None = Field(default=None)
    start_date: dt.date | None = Field(default=None)
    end_date: dt.date | None = Field(default=None)
    reference: str | None = Field(default=None, max_length=100)
    note: str | None = Field(default=None, max_length=500)
