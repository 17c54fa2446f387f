"""One register entry: an announced declaration as the public reads it, from its frozen snapshot.

The terms shown are the snapshot's (D8: what was announced, with its SHA-256 hash), never the
live row; the status, withdrawal number and date come from the declaration, which is the only
part that changes after announcement, and the patent's legal status from the register (a patent
lapsed for an unpaid annual fee takes no new licence, D13).
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass
from typing import Any

from marketplace.declarations.rules import DeclarationStatus, MaturityStage
from marketplace.declarations.services import DeclarationRow
from marketplace.declarations.terms import FeeMethod, FeeTerms
from marketplace.fees.rules import PatentKind
from marketplace.patents.rules import LegalStatus


class PublicStatus(enum.StrEnum):
    """What the register says of a declaration: in force (announced) or withdrawn (R3.10)."""

    ANNOUNCED = "announced"
    WITHDRAWN = "withdrawn"


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


@dataclass(frozen=True)
class RegisterEntry:
    """An announced declaration: the snapshot's patent, patentees and terms, plus its status.

    Attribute names follow `Declaration` where they mean the same (``fee_method``,
    ``fee_terms``, ``licence_start``...), so the declaration pages' term macros render it."""

    announcement_number: str
    announcement_date: dt.date
    status: PublicStatus
    withdrawal_number: str | None
    withdrawal_date: dt.date | None
    patent_number: str | None
    application_number: str | None
    title: str
    kind: PatentKind | None
    ipc_codes: tuple[str, ...]
    locarno_class: str | None
    patent_status: LegalStatus
    patentees: tuple[str, ...]
    organisation_id: int
    fee_terms: FeeTerms
    payment_terms: str
    licence_start: dt.date | None
    licence_end: dt.date | None
    application_fields: tuple[str, ...]
    target_products: tuple[str, ...]
    maturity_stage: MaturityStage | None
    advantages: str
    know_how: str
    know_how_price_fen: int | None
    contact_name: str
    contact_phone: str
    contact_email: str
    snapshot: dict[str, Any]
    snapshot_hash: str
    announced_at: dt.datetime | None

    @property
    def fee_method(self) -> FeeMethod:
        return self.fee_terms.method

    @property
    def main_ipc(self) -> str | None:
        """The first IPC code (the main classification), or the Locarno class of a design."""
        return self.ipc_codes[0] if self.ipc_codes else self.locarno_class

    @property
    def number(self) -> str:
        """The number the entry is listed under: the withdrawal's for a withdrawal."""
        return self.withdrawal_number or self.announcement_number

    @classmethod
    def of(cls, row: DeclarationRow) -> RegisterEntry:
        declaration = row.declaration
        snapshot = declaration.snapshot or {}
        if not snapshot or declaration.announcement_number is None \
                or declaration.announcement_date is None or declaration.snapshot_hash is None:
            raise ValueError("only announced declarations are in the register")
        contact = snapshot.get("contact") or {}
        kind = snapshot.get("kind")
        maturity = snapshot.get("maturity_stage")
        withdrawn = declaration.status is DeclarationStatus.WITHDRAWN
        return cls(
            announcement_number=declaration.announcement_number,
            announcement_date=declaration.announcement_date,
            status=PublicStatus.WITHDRAWN if withdrawn else PublicStatus.ANNOUNCED,
            withdrawal_number=declaration.withdrawal_number if withdrawn else None,
            withdrawal_date=declaration.withdrawal_date if withdrawn else None,
            patent_number=snapshot.get("patent"),
            application_number=snapshot.get("application_number"),
            title=snapshot.get("title") or "",
            kind=PatentKind(kind) if kind else None,
            ipc_codes=tuple(snapshot.get("ipc_codes") or ()),
            locarno_class=snapshot.get("locarno_class"),
            patent_status=row.patent.legal_status,
            patentees=tuple(snapshot.get("patentees") or ()),
            organisation_id=row.organisation.id or 0,
            fee_terms=FeeTerms.from_dict(snapshot["fee_terms"]),
            payment_terms=snapshot.get("payment_terms") or "",
            licence_start=_date(snapshot.get("licence_start")),
            licence_end=_date(snapshot.get("licence_end")),
            application_fields=tuple(snapshot.get("application_fields") or ()),
            target_products=tuple(snapshot.get("target_products") or ()),
            maturity_stage=MaturityStage(maturity) if maturity else None,
            advantages=snapshot.get("advantages") or "",
            know_how=snapshot.get("know_how") or "",
            know_how_price_fen=snapshot.get("know_how_price_fen"),
            contact_name=contact.get("name") or "",
            contact_phone=contact.get("phone") or "",
            contact_email=contact.get("email") or "",
            snapshot=snapshot,
            snapshot_hash=declaration.snapshot_hash,
            announced_at=declaration.announced_at,
        )

    def to_data(self, fee_standard: str) -> dict[str, Any]:
        """The open-data record (JSON export and API; dates as dates), with ``fee_standard``
        the one-line summary in the reader's language."""
        return {
            "announcement_number": self.announcement_number,
            "announcement_date": self.announcement_date,
            "status": self.status.value,
            "withdrawal_number": self.withdrawal_number,
            "withdrawal_date": self.withdrawal_date,
            "patent_number": self.patent_number,
            "application_number": self.application_number,
            "title": self.title,
            "kind": self.kind.value if self.kind else None,
            "main_ipc": self.main_ipc,
            "ipc_codes": list(self.ipc_codes),
            "patent_status": self.patent_status.value,
            "patentees": list(self.patentees),
            "fee_method": self.fee_method.value,
            "fee_terms": self.fee_terms.to_dict(),
            "fee_standard": fee_standard,
            "payment_terms": self.payment_terms,
            "licence_start": self.licence_start,
            "licence_end": self.licence_end,
            "application_fields": list(self.application_fields),
            "target_products": list(self.target_products),
            "maturity_stage": self.maturity_stage.value if self.maturity_stage else None,
            "advantages": self.advantages,
            "know_how": self.know_how,
            "know_how_price_fen": self.know_how_price_fen,
            "contact": {"name": self.contact_name, "phone": self.contact_phone,
                        "email": self.contact_email},
            "snapshot_hash": self.snapshot_hash,
        }
