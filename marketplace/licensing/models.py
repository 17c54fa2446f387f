"""Open licences taken from announced declarations, their payments, royalty reports and
recordals; negotiated ordinary licences granted beside an open licence (DOMAIN D8–D10, R1.8).

A licence copies the frozen snapshot (and its hash) of the declaration it was taken on, so its
terms never change whatever happens to the declaration later (D8, R1.5). Money is integer fen.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, BigInteger, Column, UniqueConstraint
from sqlmodel import Field, SQLModel

from marketplace.db import UTCDateTime, enum_column, utcnow
from marketplace.files import FileKind
from marketplace.licensing.rules import (
    FirstPaymentKind,
    LicenceEvent,
    LicenceState,
    NegotiatedKind,
    RecordalState,
)


def _money(nullable: bool = False) -> Any:
    # 64-bit: large lump sums exceed a 32-bit PostgreSQL integer in fen.
    return Field(default=None if nullable else 0,
                 sa_column=Column(BigInteger, nullable=nullable))


class Licence(SQLModel, table=True):
    """One open licence: notice given, first payment, effective date, frozen terms (D9)."""

    __tablename__ = "licences"
    __table_args__ = (
        # A retried "take licence" request with the same key returns the first licence.
        UniqueConstraint("licensee_organisation_id", "idempotency_key"),
    )

    id: int | None = Field(default=None, primary_key=True)
    # Public licence number, assigned when the licence takes effect (e.g. KF-LIC-2026-000001).
    number: str | None = Field(default=None, max_length=32, unique=True)
    declaration_id: int = Field(foreign_key="declarations.id", index=True)
    patent_id: int = Field(foreign_key="patents.id", index=True)
    licensor_organisation_id: int = Field(foreign_key="organisations.id", index=True)
    licensee_organisation_id: int = Field(foreign_key="organisations.id", index=True)
    taken_by_id: int | None = Field(default=None, foreign_key="users.id")
    idempotency_key: str | None = Field(default=None, max_length=100)
    state: LicenceState = Field(default=LicenceState.PENDING,
                                sa_column=enum_column(LicenceState))
    # The declaration's frozen snapshot and hash, copied when the licence is taken (D8).
    snapshot: dict[str, Any] = Field(sa_column=Column(JSON, nullable=False))
    snapshot_hash: str = Field(max_length=64)
    licence_start: dt.date
    licence_end: dt.date
    first_payment_kind: FirstPaymentKind = Field(sa_column=enum_column(FirstPaymentKind))
    first_payment_fen: int | None = _money(nullable=True)
    notice_given_at: dt.datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    notice_reference: str = Field(max_length=40, unique=True)
    first_payment_at: dt.datetime | None = Field(default=None, sa_type=UTCDateTime)
    effective_at: dt.datetime | None = Field(default=None, sa_type=UTCDateTime)
    effective_on: dt.date | None = Field(default=None, index=True)
    ended_on: dt.date | None = Field(default=None)
    end_reason: LicenceEvent | None = Field(default=None,
                                            sa_column=enum_column(LicenceEvent, nullable=True))
    # Termination by agreement: one party proposes the day it ends from, the other confirms.
    termination_proposed_by_org_id: int | None = Field(default=None,
                                                       foreign_key="organisations.id")
    termination_from: dt.date | None = Field(default=None)
    termination_proposed_at: dt.datetime | None = Field(default=None, sa_type=UTCDateTime)
    # The last record-filing reminder sent (D10), so a reminder day is never sent twice.
    recordal_reminded_on: dt.date | None = Field(default=None)
    created_at: dt.datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class LicencePayment(SQLModel, table=True):
    """A payment the licensee records with its proof; the licensor may confirm receipt."""

    __tablename__ = "licence_payments"
    __table_args__ = (UniqueConstraint("licence_id", "idempotency_key"),)

    id: int | None = Field(default=None, primary_key=True)
    licence_id: int = Field(foreign_key="licences.id", index=True)
    amount_fen: int = _money()
    paid_on: dt.date
    reference: str = Field(default="", max_length=200)
    # The proof file, stored outside the web root as mediation documents are (marketplace.files):
    # its type sniffed from the content (none for proofs stored before types were kept).
    proof_stored_name: str | None = Field(default=None, max_length=64)
    proof_original_name: str | None = Field(default=None, max_length=255)
    proof_file_kind: FileKind | None = Field(default=None,
                                             sa_column=enum_column(FileKind, nullable=True))
    proof_file_size: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))
    proof_file_sha256: str | None = Field(default=None, max_length=64)
    recorded_by_id: int | None = Field(default=None, foreign_key="users.id")
    recorded_at: dt.datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    idempotency_key: str | None = Field(default=None, max_length=100)
    confirmed_by_id: int | None = Field(default=None, foreign_key="users.id")
    confirmed_at: dt.datetime | None = Field(default=None, sa_type=UTCDateTime)


class RoyaltyReport(SQLModel, table=True):
    """A periodic report for running-royalty terms; the royalty is computed, never typed."""

    __tablename__ = "royalty_reports"
    __table_args__ = (UniqueConstraint("licence_id", "period_start"),)

    id: int | None = Field(default=None, primary_key=True)
    licence_id: int = Field(foreign_key="licences.id", index=True)
    period_start: dt.date
    period_end: dt.date
    net_sales_fen: int | None = _money(nullable=True)
    profit_fen: int | None = _money(nullable=True)
    units: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))
    royalty_fen: int = _money()
    filed_by_id: int | None = Field(default=None, foreign_key="users.id")
    filed_at: dt.datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class LicenceRecordal(SQLModel, table=True):
    """Record-filing of an open-licence contract (D10): filed, then accepted or refused."""

    __tablename__ = "licence_recordals"

    id: int | None = Field(default=None, primary_key=True)
    licence_id: int = Field(foreign_key="licences.id", index=True)
    filed_by_id: int | None = Field(default=None, foreign_key="users.id")
    filed_on: dt.date
    filed_at: dt.datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    state: RecordalState = Field(default=RecordalState.PENDING,
                                 sa_column=enum_column(RecordalState))
    # The record date is what the fee ledger uses for the 15 % reduction (D11).
    record_date: dt.date | None = Field(default=None, index=True)
    record_number: str | None = Field(default=None, max_length=32, unique=True)
    refusal_reasons: list[dict[str, Any]] | None = Field(default=None, sa_column=Column(JSON))
    decided_by_id: int | None = Field(default=None, foreign_key="users.id")
    decided_at: dt.datetime | None = Field(default=None, sa_type=UTCDateTime)


class NegotiatedLicence(SQLModel, table=True):
    """An ordinary licence on negotiated terms granted during an open licence (R1.8)."""

    __tablename__ = "negotiated_licences"

    id: int | None = Field(default=None, primary_key=True)
    patent_id: int = Field(foreign_key="patents.id", index=True)
    licensor_organisation_id: int = Field(foreign_key="organisations.id", index=True)
    licensee_name: str = Field(max_length=200)
    licensee_organisation_id: int | None = Field(default=None, foreign_key="organisations.id")
    kind: NegotiatedKind = Field(sa_column=enum_column(NegotiatedKind))
    fee_terms: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON))
    terms_note: str = Field(default="")
    start: dt.date
    end: dt.date | None = Field(default=None)
    created_by_id: int | None = Field(default=None, foreign_key="users.id")
    created_at: dt.datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
