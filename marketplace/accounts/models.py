"""Organisations, their users and the users' API tokens."""

from __future__ import annotations

import datetime as dt
import enum

from flask_login import UserMixin
from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel

from marketplace.db import UTCDateTime, enum_column, utcnow


class OrganisationKind(enum.StrEnum):
    UNIVERSITY = "university"
    RESEARCH_INSTITUTE = "research_institute"
    ENTERPRISE = "enterprise"
    INDIVIDUAL = "individual"
    # Not offered at self-registration: the platform's own bodies.
    AUTHORITY = "authority"
    MEDIATION_BODY = "mediation_body"


REGISTRABLE_KINDS = (
    OrganisationKind.UNIVERSITY,
    OrganisationKind.RESEARCH_INSTITUTE,
    OrganisationKind.ENTERPRISE,
    OrganisationKind.INDIVIDUAL,
)


class Role(enum.StrEnum):
    PATENTEE = "patentee"
    SME = "sme"
    MEDIATOR = "mediator"
    OFFICE = "office"


class Organisation(SQLModel, table=True):
    __tablename__ = "organisations"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=200, index=True)
    name_en: str | None = Field(default=None, max_length=200)
    kind: OrganisationKind = Field(sa_column=enum_column(OrganisationKind))
    uscc: str | None = Field(default=None, max_length=18, unique=True)
    region: str = Field(max_length=6, description="GB/T 2260 province code, e.g. 110000")
    fee_reduction_eligible: bool = Field(default=False)
    fee_reduction_basis: str | None = Field(default=None, max_length=200)
    fee_reduction_year: int | None = Field(default=None)
    created_at: dt.datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class User(UserMixin, SQLModel, table=True):  # type: ignore[misc]
    __tablename__ = "users"

    id: int | None = Field(default=None, primary_key=True)
    email: str = Field(max_length=254, unique=True)
    password_hash: str = Field(max_length=255)
    display_name: str = Field(max_length=100)
    role: Role = Field(sa_column=enum_column(Role))
    organisation_id: int = Field(foreign_key="organisations.id", index=True)
    locale: str | None = Field(default=None, max_length=5)
    active: bool = Field(default=True)
    created_at: dt.datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    last_login_at: dt.datetime | None = Field(default=None, sa_type=UTCDateTime)
    #: Part of every login session's id (``get_id``): raising it ends the user's sessions on the
    #: server (logout, password change), since the cookie itself lives in the browser.
    session_version: int = Field(default=0)
    #: When the user followed the link sent at self-registration (None until then: no login).
    #: Accounts made by the office, the command line or the demo are confirmed when made.
    email_confirmed_at: dt.datetime | None = Field(default=None, sa_type=UTCDateTime)

    @property
    def is_active(self) -> bool:
        return self.active

    def get_id(self) -> str:
        """Flask-Login's alternative token: the session is valid for this version only."""
        return f"{self.id}:{self.session_version}"

    def has_role(self, *roles: Role) -> bool:
        return self.role in roles


class TokenScope(enum.StrEnum):
    """What a token may do: read only (GET, HEAD) or read and write (every method)."""

    READ = "read"
    READ_WRITE = "read_write"


class ApiToken(SQLModel, table=True):
    """A bearer token; only its SHA-256 is stored, the secret is shown once at creation."""

    __tablename__ = "api_tokens"
    __table_args__ = (UniqueConstraint("token_hash"),)

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="users.id", index=True)
    name: str = Field(max_length=100)
    prefix: str = Field(max_length=12)
    token_hash: str = Field(max_length=64)
    created_at: dt.datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    last_used_at: dt.datetime | None = Field(default=None, sa_type=UTCDateTime)
    revoked_at: dt.datetime | None = Field(default=None, sa_type=UTCDateTime)
    expires_at: dt.datetime = Field(sa_type=UTCDateTime)
    scope: TokenScope = Field(default=TokenScope.READ_WRITE, sa_column=enum_column(TokenScope))
