"""Open-licence declarations, co-owner consents and the announcement number counters."""

from __future__ import annotations

import datetime as dt
import enum
from decimal import Decimal
from typing import Any, Final

from sqlalchemy import JSON, BigInteger, Column, Numeric, UniqueConstraint, event, inspect
from sqlalchemy.orm import Session as OrmSession
from sqlalchemy.orm import UOWTransaction
from sqlmodel import Field, SQLModel

from marketplace.db import UTCDateTime, enum_column, utcnow
from marketplace.declarations.rules import (
    AWAITING_CONSENT,
    DeclarationContent,
    DeclarationStatus,
    MaturityStage,
    in_force_on,
    licensable_on,
)
from marketplace.declarations.terms import FeeMethod, FeeTerms, RoyaltyBase


def _money() -> Any:
    # 64-bit: RMB 20 M is 2e9 fen, beyond a 32-bit PostgreSQL integer.
    return Field(default=None, sa_column=Column(BigInteger, nullable=True))


def _plain(rate: Decimal | None) -> Decimal | None:
    """A rate without the column's trailing zeros: 3.5000 → 3.5, 100.0000 → 100."""
    return None if rate is None else Decimal(f"{rate.normalize():f}")


class Declaration(SQLModel, table=True):
    """One patent's open-licence declaration (D1), from draft to withdrawal.

    Fee terms are stored as the columns of `FeeTerms` (money in fen). Once announced, the
    terms, the snapshot and its hash never change (D8; enforced on flush below).
    """

    __tablename__ = "declarations"

    id: int | None = Field(default=None, primary_key=True)
    patent_id: int = Field(foreign_key="patents.id", index=True)
    organisation_id: int = Field(foreign_key="organisations.id", index=True)
    created_by_id: int | None = Field(default=None, foreign_key="users.id")
    status: DeclarationStatus = Field(
        default=DeclarationStatus.DRAFT, sa_column=enum_column(DeclarationStatus)
    )
    # Fee method and standard (R6.4; `terms.FeeTerms`).
    fee_method: FeeMethod | None = Field(
        default=None, sa_column=enum_column(FeeMethod, nullable=True)
    )
    lump_sum_fen: int | None = _money()
    annual_fee_fen: int | None = _money()
    entry_fee_fen: int | None = _money()
    royalty_base: RoyaltyBase | None = Field(
        default=None, sa_column=enum_column(RoyaltyBase, nullable=True)
    )
    royalty_rate_percent: Decimal | None = Field(
        default=None, sa_column=Column(Numeric(9, 4), nullable=True)
    )
    per_unit_fen: int | None = _money()
    min_annual_fen: int | None = _money()
    payment_terms: str = Field(default="")
    # Licence period (R2.2(4), D7).
    licence_start: dt.date | None = Field(default=None)
    licence_end: dt.date | None = Field(default=None)
    # What users ask for besides the terms.
    application_fields: list[str] = Field(default_factory=list,
                                          sa_column=Column(JSON, nullable=False))
    target_products: list[str] = Field(default_factory=list,
                                       sa_column=Column(JSON, nullable=False))
    maturity_stage: MaturityStage | None = Field(
        default=None, sa_column=enum_column(MaturityStage, nullable=True)
    )
    advantages: str = Field(default="")
    know_how: str = Field(default="")
    know_how_price_fen: int | None = _money()
    contact_name: str = Field(default="", max_length=100)
    contact_phone: str = Field(default="", max_length=40)
    contact_email: str = Field(default="", max_length=254)
    # The royalty estimate shown beside the terms (DOMAIN §6), and the last pre-examination.
    estimate: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON))
    pre_examination: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON))
    created_at: dt.datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    updated_at: dt.datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    submitted_at: dt.datetime | None = Field(default=None, sa_type=UTCDateTime)
    decided_at: dt.datetime | None = Field(default=None, sa_type=UTCDateTime)
    # Announcement (R3.7, R3.8): public number and date, frozen terms and their hash (D8).
    announcement_number: str | None = Field(default=None, max_length=32, unique=True)
    announcement_date: dt.date | None = Field(default=None, index=True)
    announced_at: dt.datetime | None = Field(default=None, sa_type=UTCDateTime)
    snapshot: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON))
    snapshot_hash: str | None = Field(default=None, max_length=64)
    # Refusal notice (R3.7): the findings the office relied on and its note.
    refusal_notice: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON))
    # Withdrawal (Law Art. 50(2), R3.10).
    withdrawal_reason: str | None = Field(default=None)
    withdrawal_requested_at: dt.datetime | None = Field(default=None, sa_type=UTCDateTime)
    withdrawal_number: str | None = Field(default=None, max_length=32, unique=True)
    withdrawal_date: dt.date | None = Field(default=None, index=True)
    withdrawal_refusal_note: str | None = Field(default=None)
    # False materials (D15, Regs Art. 88): flagged by the office; the fee ledger reads it.
    false_materials_on: dt.date | None = Field(default=None)
    false_materials_note: str | None = Field(default=None)

    @property
    def fee_terms(self) -> FeeTerms | None:
        if self.fee_method is None:
            return None
        return FeeTerms(
            method=self.fee_method, lump_sum_fen=self.lump_sum_fen,
            annual_fee_fen=self.annual_fee_fen, entry_fee_fen=self.entry_fee_fen,
            royalty_base=self.royalty_base,
            royalty_rate_percent=_plain(self.royalty_rate_percent),
            per_unit_fen=self.per_unit_fen, min_annual_fen=self.min_annual_fen,
        )

    def content(self) -> DeclarationContent:
        return DeclarationContent(
            fee_terms=self.fee_terms, payment_terms=self.payment_terms,
            licence_start=self.licence_start, licence_end=self.licence_end,
            application_fields=tuple(self.application_fields),
            target_products=tuple(self.target_products), maturity_stage=self.maturity_stage,
            advantages=self.advantages, know_how=self.know_how,
            know_how_price_fen=self.know_how_price_fen, contact_name=self.contact_name,
            contact_phone=self.contact_phone, contact_email=self.contact_email,
        )

    def apply_content(self, content: DeclarationContent) -> None:
        terms = content.fee_terms
        self.fee_method = terms.method if terms else None
        self.lump_sum_fen = terms.lump_sum_fen if terms else None
        self.annual_fee_fen = terms.annual_fee_fen if terms else None
        self.entry_fee_fen = terms.entry_fee_fen if terms else None
        self.royalty_base = terms.royalty_base if terms else None
        self.royalty_rate_percent = terms.royalty_rate_percent if terms else None
        self.per_unit_fen = terms.per_unit_fen if terms else None
        self.min_annual_fen = terms.min_annual_fen if terms else None
        self.payment_terms = content.payment_terms
        self.licence_start = content.licence_start
        self.licence_end = content.licence_end
        self.application_fields = list(content.application_fields)
        self.target_products = list(content.target_products)
        self.maturity_stage = content.maturity_stage
        self.advantages = content.advantages
        self.know_how = content.know_how
        self.know_how_price_fen = content.know_how_price_fen
        self.contact_name = content.contact_name
        self.contact_phone = content.contact_phone
        self.contact_email = content.contact_email

    def in_force_on(self, day: dt.date) -> bool:
        """See `rules.in_force_on`: announced by ``day`` and its withdrawal not yet announced."""
        return in_force_on(self, day)

    def licensable_on(self, day: dt.date) -> bool:
        """See `rules.licensable_on`: a new open licence may be taken on ``day``."""
        return licensable_on(self, day)

    def display_status(self, consents_missing: bool) -> str:
        """The status users see: a draft with consents outstanding is "awaiting consent"."""
        if self.status is DeclarationStatus.DRAFT and consents_missing:
            return AWAITING_CONSENT
        return self.status.value


class ConsentPurpose(enum.StrEnum):
    """Every co-owner consents to declaring and to withdrawing (D2, R3.3, R3.10)."""

    DECLARE = "declare"
    WITHDRAW = "withdraw"


class ConsentMethod(enum.StrEnum):
    ON_PLATFORM = "on_platform"  # the co-owner's own user consented
    WRITTEN = "written"  # the declarant recorded the written consent of an off-platform co-owner


class DeclarationConsent(SQLModel, table=True):
    """One co-owner's consent to one purpose: requested when, given when, by whom, how.

    Co-owners are named as in the register (`patents.CoOwner.name`); the organisation is linked
    when the co-owner is on the platform.
    """

    __tablename__ = "declaration_consents"
    __table_args__ = (UniqueConstraint("declaration_id", "purpose", "co_owner_name"),)

    id: int | None = Field(default=None, primary_key=True)
    declaration_id: int = Field(foreign_key="declarations.id", index=True, ondelete="CASCADE")
    purpose: ConsentPurpose = Field(sa_column=enum_column(ConsentPurpose))
    co_owner_name: str = Field(max_length=200)
    co_owner_organisation_id: int | None = Field(default=None, foreign_key="organisations.id",
                                                 index=True)
    requested_at: dt.datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    requested_by_id: int | None = Field(default=None, foreign_key="users.id")
    given_at: dt.datetime | None = Field(default=None, sa_type=UTCDateTime)
    given_by_id: int | None = Field(default=None, foreign_key="users.id")
    method: ConsentMethod | None = Field(
        default=None, sa_column=enum_column(ConsentMethod, nullable=True)
    )
    signatory: str | None = Field(default=None, max_length=100)
    signed_on: dt.date | None = Field(default=None)


class AnnouncementCounter(SQLModel, table=True):
    """The last sequence number handed out in a series and year (``KF-OL`` 2026 → 123)."""

    __tablename__ = "announcement_counters"

    series: str = Field(primary_key=True, max_length=16)
    year: int = Field(primary_key=True)
    last: int = Field(default=0)


# Everything announced: the terms, the commercial fields and the announcement itself (D8).
FROZEN_ATTRIBUTES: Final = (
    "patent_id", "organisation_id", "fee_method", "lump_sum_fen", "annual_fee_fen",
    "entry_fee_fen", "royalty_base", "royalty_rate_percent", "per_unit_fen", "min_annual_fen",
    "payment_terms", "licence_start", "licence_end", "application_fields", "target_products",
    "maturity_stage", "advantages", "know_how", "know_how_price_fen", "contact_name",
    "contact_phone", "contact_email", "announcement_number", "announcement_date",
    "announced_at", "snapshot", "snapshot_hash",
)  # fmt: skip


class FrozenTermsChanged(RuntimeError):
    """Code tried to change or delete an announced declaration's terms (D8); a bug, not input."""


def _was_announced(declaration: Declaration) -> bool:
    history = inspect(declaration).attrs.announcement_number.history
    before = history.deleted or history.unchanged
    return bool(before and before[0] is not None)


@event.listens_for(OrmSession, "before_flush")
def _announced_terms_never_change(session: OrmSession, _context: UOWTransaction,
                                  _instances: object) -> None:
    """Refuse any flush that alters or deletes announced terms (D8: withdraw and declare anew)."""
    for obj in session.deleted:
        if isinstance(obj, Declaration) and _was_announced(obj):
            raise FrozenTermsChanged(f"declaration {obj.id} is announced and cannot be deleted")
    for obj in session.dirty:
        if not isinstance(obj, Declaration) or not _was_announced(obj):
            continue
        state = inspect(obj)
        changed = [name for name in FROZEN_ATTRIBUTES if state.attrs[name].history.deleted]
        if changed:
            raise FrozenTermsChanged(
                f"declaration {obj.id} is announced; {', '.join(changed)} cannot change")
