"""The persisted annual-fee ledger: one row per patent and fee year, its history, payments.

``AnnualFee`` holds the fields of ``lines.FeeLine`` under the same names (money in fen), so the
pages and the API show a persisted line and a calculated one alike. ``AnnualFeeChange`` keeps
what a line was before and after each event that changed it; ``FeeLedger`` the ledger's header
(when it opened, what the register said was settled then, totals, lapse).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from sqlalchemy import JSON, Column, Numeric, UniqueConstraint
from sqlmodel import Field, SQLModel

from marketplace.db import UTCDateTime, enum_column, utcnow
from marketplace.fees.rules import FeeStatus, GeneralCode, OpenLicenceCode, ReductionKind


class FeeLedger(SQLModel, table=True):
    """A patent's ledger header: opening balance, last computation, totals (fen), lapse."""

    __tablename__ = "fee_ledgers"

    id: int | None = Field(default=None, primary_key=True)
    patent_id: int = Field(foreign_key="patents.id", unique=True, ondelete="CASCADE")
    opened_on: dt.date
    settled_through: dt.date | None = Field(
        default=None, description="Fees due on or before were settled before the ledger opened")
    computed_on: dt.date
    expiry: dt.date
    grant_fee_year: int
    lapsed_on: dt.date | None = Field(default=None)
    lapse_recorded: bool = Field(
        default=False, description="The ledger set the patent's legal status to lapsed")
    full_fen: int = 0
    payable_fen: int = 0
    general_reductions_fen: int = 0
    open_licence_reductions_fen: int = 0
    open_licence_savings_fen: int = 0
    paid_fen: int = 0
    late_fees_fen: int = 0
    clawback_fen: int = 0
    owed_fen: int = 0
    updated_at: dt.datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class AnnualFee(SQLModel, table=True):
    """One annual fee of a patent as last computed: ``lines.FeeLine``'s fields but its reasons,
    which the rules give again when the fee is shown (``services.patent_fees``)."""

    __tablename__ = "annual_fees"
    __table_args__ = (UniqueConstraint("patent_id", "fee_year"),)

    id: int | None = Field(default=None, primary_key=True)
    patent_id: int = Field(foreign_key="patents.id", index=True, ondelete="CASCADE")
    fee_year: int
    due_date: dt.date = Field(index=True)
    is_compensation: bool = False
    full_fen: int
    general_payable_fen: int
    open_licence_payable_fen: int | None = None
    payable_fen: int
    reduction_kind: ReductionKind = Field(sa_column=enum_column(ReductionKind))
    reduction_fen: int
    reason_code: str = Field(max_length=40)
    general_code: GeneralCode = Field(sa_column=enum_column(GeneralCode))
    general_rate: Decimal = Field(sa_column=Column(Numeric(4, 2), nullable=False))
    open_licence_code: OpenLicenceCode = Field(sa_column=enum_column(OpenLicenceCode))
    record_date: dt.date | None = None
    late_fee_fen: int = 0
    paid_fen: int = 0
    paid_on: dt.date | None = None
    status: FeeStatus = Field(sa_column=enum_column(FeeStatus))
    clawback_fen: int = 0
    clawback_code: str | None = Field(default=None, max_length=40)
    amount_owed_fen: int = 0
    open_licence_saving_fen: int = 0
    updated_at: dt.datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class AnnualFeeChange(SQLModel, table=True):
    """What one annual fee was before and after an event (the ledger's history)."""

    __tablename__ = "annual_fee_changes"

    id: int | None = Field(default=None, primary_key=True)
    patent_id: int = Field(foreign_key="patents.id", index=True, ondelete="CASCADE")
    fee_year: int
    occurred_at: dt.datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    computed_on: dt.date = Field(description="The day the ledger was computed on")
    cause: str = Field(max_length=64, description="The event, e.g. payment.recorded")
    actor_user_id: int | None = Field(default=None, foreign_key="users.id")
    payable_before_fen: int | None = None
    payable_after_fen: int | None = None
    owed_before_fen: int | None = None
    owed_after_fen: int | None = None
    before: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON))
    after: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON))


class FeePayment(SQLModel, table=True):
    """An annual-fee payment to the office, recorded by the patentee."""

    __tablename__ = "fee_payments"

    id: int | None = Field(default=None, primary_key=True)
    patent_id: int = Field(foreign_key="patents.id", index=True, ondelete="CASCADE")
    fee_year: int
    amount_fen: int
    paid_on: dt.date
    reference: str | None = Field(default=None, max_length=100)
    recorded_by_user_id: int | None = Field(default=None, foreign_key="users.id")
    recorded_at: dt.datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class EligibilityRecord(SQLModel, table=True):
    """An organisation's fee-reduction eligibility from a day on (R4.14–R4.15).

    Written when the eligibility changes, so that the change reaches only fees falling due from
    then on; the first change also records the state before it, from ``ELIGIBILITY_BASELINE``.
    An organisation without records has the eligibility on its ``Organisation`` row throughout.
    """

    __tablename__ = "fee_eligibility_records"
    __table_args__ = (UniqueConstraint("organisation_id", "since"),)

    id: int | None = Field(default=None, primary_key=True)
    organisation_id: int = Field(foreign_key="organisations.id", index=True, ondelete="CASCADE")
    since: dt.date
    eligible: bool
    basis: str | None = Field(default=None, max_length=200)
    year: int | None = None
    recorded_at: dt.datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


ELIGIBILITY_BASELINE = dt.date(1985, 4, 1)  # the Patent Law took effect: before any fee


class FeeReminder(SQLModel, table=True):
    """A reminder sent for one annual fee (``stage``: ``before-60``, ``grace-2``...): each fee
    gets each reminder once, however often ``marketplace fees remind`` runs."""

    __tablename__ = "fee_reminders"
    __table_args__ = (UniqueConstraint("patent_id", "fee_year", "stage"),)

    id: int | None = Field(default=None, primary_key=True)
    patent_id: int = Field(foreign_key="patents.id", index=True, ondelete="CASCADE")
    fee_year: int
    stage: str = Field(max_length=20)
    due_date: dt.date
    sent_on: dt.date
    recipients: int = 0
    sent_at: dt.datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
