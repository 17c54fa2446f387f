"""Needs, saved searches (alerts), the materialised need→patent matches and the alert ledger."""

from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import JSON, CheckConstraint, Column, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from marketplace.db import UTCDateTime, enum_column, utcnow


class NeedStatus(enum.StrEnum):
    OPEN = "open"
    CLOSED = "closed"


class CooperationMode(enum.StrEnum):
    """How the SME wants to obtain the technology."""

    LICENCE = "licence"
    TRANSFER = "transfer"
    JOINT_DEVELOPMENT = "joint_development"
    TECHNICAL_SERVICE = "technical_service"
    ANY = "any"


class Need(SQLModel, table=True):
    """A technology need, written by an SME in its own words; seen by logged-in users only."""

    __tablename__ = "needs"
    __table_args__ = (
        CheckConstraint("budget_min_fen IS NULL OR budget_min_fen >= 0", name="budget_min"),
        CheckConstraint("budget_min_fen IS NULL OR budget_max_fen IS NULL "
                        "OR budget_min_fen <= budget_max_fen", name="budget_range"),
    )

    id: int | None = Field(default=None, primary_key=True)
    organisation_id: int = Field(foreign_key="organisations.id", index=True)
    author_id: int = Field(foreign_key="users.id")
    title: str = Field(max_length=200)
    description: str = Field(sa_type=Text)
    industry: str = Field(max_length=100)
    technical_indicators: str | None = Field(default=None, sa_type=Text)
    budget_min_fen: int | None = Field(default=None)
    budget_max_fen: int | None = Field(default=None)
    region: str = Field(max_length=6, description="GB/T 2260 province code")
    cooperation_mode: CooperationMode = Field(sa_column=enum_column(CooperationMode))
    valid_until: dt.date = Field(index=True)
    status: NeedStatus = Field(default=NeedStatus.OPEN, sa_column=enum_column(NeedStatus))
    created_at: dt.datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    updated_at: dt.datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    closed_at: dt.datetime | None = Field(default=None, sa_type=UTCDateTime)


class SavedSearch(SQLModel, table=True):
    """An SME's alert: a saved need (``need_id``) or a saved query with filters.

    A newly announced open licence that matches with at least ``min_relevance`` % of
    calibrated relevance (``search_index/calibration.py``: a probability-like figure, the same
    scale for every query) notifies the organisation's users, once per patent.
    """

    __tablename__ = "saved_searches"

    id: int | None = Field(default=None, primary_key=True)
    organisation_id: int = Field(foreign_key="organisations.id", index=True)
    created_by: int = Field(foreign_key="users.id")
    name: str = Field(max_length=200)
    need_id: int | None = Field(default=None, foreign_key="needs.id", unique=True,
                                ondelete="CASCADE")
    query: str = Field(default="", sa_type=Text)
    filters: dict[str, list[str]] = Field(default_factory=dict,
                                          sa_column=Column(JSON, nullable=False))
    min_relevance: int = Field(default=30)
    created_at: dt.datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class NeedMatch(SQLModel, table=True):
    """One of a need's best-matching patents, kept so that patentees see the needs their
    patents answer without searching. ``score`` ranks the need's matches; ``relevance`` is the
    calibrated relevance (0..1) shown and compared with thresholds (``None``: kept before
    relevance was calibrated, until the next refresh)."""

    __tablename__ = "need_matches"
    __table_args__ = (UniqueConstraint("need_id", "patent_id"),)

    id: int | None = Field(default=None, primary_key=True)
    need_id: int = Field(foreign_key="needs.id", index=True, ondelete="CASCADE")
    patent_id: int = Field(foreign_key="patents.id", index=True, ondelete="CASCADE")
    rank: int
    score: float
    relevance: float | None = Field(default=None)
    computed_at: dt.datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class AlertKind(enum.StrEnum):
    SAVED_SEARCH = "saved_search"
    NEED_TO_PATENTEE = "need_to_patentee"


class AlertDelivery(SQLModel, table=True):
    """The ledger that makes every alert go out once per patent and subject."""

    __tablename__ = "alert_deliveries"
    __table_args__ = (UniqueConstraint("kind", "subject_id", "patent_id"),)

    id: int | None = Field(default=None, primary_key=True)
    kind: AlertKind = Field(sa_column=enum_column(AlertKind))
    subject_id: int = Field(description="The saved search or the need")
    patent_id: int = Field(foreign_key="patents.id", index=True, ondelete="CASCADE")
    organisation_id: int = Field(foreign_key="organisations.id")
    delivered_at: dt.datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class MatchOutboxEntry(SQLModel, table=True):
    """A patent the index has just changed, waiting to be matched against needs and alerts."""

    __tablename__ = "match_outbox"

    id: int | None = Field(default=None, primary_key=True)
    patent_id: int = Field(index=True)
    enqueued_at: dt.datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class NeedOutboxEntry(SQLModel, table=True):
    """A need just posted or changed, waiting for its kept matches and patentee alerts."""

    __tablename__ = "need_outbox"

    id: int | None = Field(default=None, primary_key=True)
    need_id: int = Field(foreign_key="needs.id", index=True, ondelete="CASCADE")
    enqueued_at: dt.datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
