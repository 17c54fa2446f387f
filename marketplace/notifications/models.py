"""A notification: a translatable message for one user, read or not, e-mailed or not."""

from __future__ import annotations

import datetime as dt
import enum
from typing import Any

from sqlalchemy import JSON, Column, Index
from sqlmodel import Field, SQLModel

from marketplace.db import UTCDateTime, enum_column, utcnow


class EmailStatus(enum.StrEnum):
    NOT_WANTED = "not_wanted"
    PENDING = "pending"
    SENT = "sent"
    FAILED = "failed"


class Notification(SQLModel, table=True):
    __tablename__ = "notifications"
    __table_args__ = (Index("ix_notifications_email_status", "email_status"),)

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="users.id", index=True, ondelete="CASCADE")
    kind: str = Field(max_length=64, description="Dotted code of the feature's event")
    template: str = Field(description="English message template (marked with N_)")
    params: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    link: str | None = Field(default=None, max_length=500)
    created_at: dt.datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, index=True)
    read_at: dt.datetime | None = Field(default=None, sa_type=UTCDateTime)
    email_status: EmailStatus = Field(default=EmailStatus.NOT_WANTED,
                                      sa_column=enum_column(EmailStatus))
    email_attempts: int = Field(default=0)
    emailed_at: dt.datetime | None = Field(default=None, sa_type=UTCDateTime)
