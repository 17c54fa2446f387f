"""The one shape of data the index accepts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal, get_args

__all__ = ["PatentDocument", "PatentKind"]

PatentKind = Literal["invention", "utility_model", "design"]
_KINDS: frozenset[str] = frozenset(get_args(PatentKind))


@dataclass(frozen=True, slots=True)
class PatentDocument:
    """A patent as the search index sees it; the app converts its own rows into these.

    Free-text fields may be empty strings; everything optional defaults to ``None`` or ``()``.
    ``ipc`` holds codes as written (``"C02F 3/28"``); ``fee_amount`` is the licence fee in
    yuan, used only for sorting and display.
    """

    id: str
    title: str
    abstract: str = ""
    first_claim: str = ""
    ipc: tuple[str, ...] = ()
    patentees: tuple[str, ...] = ()
    kind: PatentKind | None = None
    legal_status: str | None = None
    declaration_status: str | None = None
    fee_method: str | None = None
    licence_end: date | None = None
    application_fields: tuple[str, ...] = ()
    region: str | None = None
    filing_year: int | None = None
    grant_year: int | None = None
    fee_amount: float | None = None
    announced_at: datetime | None = None
    language: str | None = None

    def __post_init__(self) -> None:
        """Reject values the index could not store faithfully."""
        if not self.id.strip():
            raise ValueError("PatentDocument.id must not be blank")
        if self.kind is not None and self.kind not in _KINDS:
            raise ValueError(f"PatentDocument.kind must be one of {sorted(_KINDS)}: {self.kind!r}")
        for name in ("ipc", "patentees", "application_fields"):
            if isinstance(getattr(self, name), str):
                # A bare string would be indexed character by character.
                raise TypeError(f"PatentDocument.{name} must be a tuple of strings, not a str")
