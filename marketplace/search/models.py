"""The search outbox: a change to index, written in the same transaction as the change."""

from __future__ import annotations

import datetime as dt
import enum

from sqlmodel import Field, SQLModel

from marketplace.db import UTCDateTime, enum_column, utcnow


class IndexAction(enum.StrEnum):
    UPSERT = "upsert"
    DELETE = "delete"


class SearchOutboxEntry(SQLModel, table=True):
    __tablename__ = "search_outbox"

    id: int | None = Field(default=None, primary_key=True)
    entity_type: str = Field(default="patent", max_length=32)
    entity_id: int = Field(index=True)
    action: IndexAction = Field(sa_column=enum_column(IndexAction))
    enqueued_at: dt.datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
