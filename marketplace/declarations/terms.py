"""The fee terms of an open licence and the frozen snapshot announced with them (DOMAIN R6.4, D8).

Shared by declarations (which announce terms), licensing (which computes what a licensee owes
under them) and the fee calculator. Money is integer fen; rates are ``Decimal`` percentages.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import asdict, dataclass, fields
from decimal import Decimal
from enum import StrEnum
from typing import Any

__all__ = [
    "FeeMethod",
    "FeeTerms",
    "RoyaltyBase",
    "canonical_json",
    "content_hash",
]


class FeeMethod(StrEnum):
    """How the licence fee is paid (DOMAIN R6.4; Regs Art. 85(3))."""

    LUMP_SUM = "lump_sum"
    ANNUAL_FIXED = "annual_fixed"
    ROYALTY_SALES = "royalty_sales"
    ROYALTY_PROFIT = "royalty_profit"
    PER_UNIT = "per_unit"
    ENTRY_PLUS_ROYALTY = "entry_plus_royalty"
    FREE = "free"


class RoyaltyBase(StrEnum):
    """What a running royalty is computed on."""

    NET_SALES = "net_sales"
    PROFIT = "profit"
    UNITS = "units"


# The running-royalty base each method implies; ENTRY_PLUS_ROYALTY names its own.
IMPLIED_BASE: Mapping[FeeMethod, RoyaltyBase] = {
    FeeMethod.ROYALTY_SALES: RoyaltyBase.NET_SALES,
    FeeMethod.ROYALTY_PROFIT: RoyaltyBase.PROFIT,
    FeeMethod.PER_UNIT: RoyaltyBase.UNITS,
}


@dataclass(frozen=True, slots=True)
class FeeTerms:
    """A fee method and its standard. Only the fields the method uses are set.

    ===================== ==========================================================
    method                fields
    ===================== ==========================================================
    LUMP_SUM              ``lump_sum_fen``
    ANNUAL_FIXED          ``annual_fee_fen``
    ROYALTY_SALES         ``royalty_rate_percent``, optional ``min_annual_fen``
    ROYALTY_PROFIT        ``royalty_rate_percent``
    PER_UNIT              ``per_unit_fen``
    ENTRY_PLUS_ROYALTY    ``entry_fee_fen`` + ``royalty_base`` + the rate or per-unit fee
    FREE                  none
    ===================== ==========================================================
    """

    method: FeeMethod
    lump_sum_fen: int | None = None
    annual_fee_fen: int | None = None
    entry_fee_fen: int | None = None
    royalty_base: RoyaltyBase | None = None
    royalty_rate_percent: Decimal | None = None
    per_unit_fen: int | None = None
    min_annual_fen: int | None = None

    @property
    def base(self) -> RoyaltyBase | None:
        """The running-royalty base, or ``None`` for fixed-fee and free terms."""
        if self.method is FeeMethod.ENTRY_PLUS_ROYALTY:
            return self.royalty_base
        return IMPLIED_BASE.get(self.method)

    @property
    def is_running_royalty(self) -> bool:
        return self.base is not None

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready values: enums as their values, the rate as a string."""
        out: dict[str, Any] = {}
        for name, value in asdict(self).items():
            if value is None:
                continue
            if isinstance(value, StrEnum):
                value = value.value
            elif isinstance(value, Decimal):
                value = str(value)
            out[name] = value
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> FeeTerms:
        """Inverse of :meth:`to_dict`; unknown keys raise ``ValueError``."""
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(data) - known)
        if unknown:
            raise ValueError(f"unknown fee-term fields {unknown}")
        values = dict(data)
        values["method"] = FeeMethod(values["method"])
        if values.get("royalty_base") is not None:
            values["royalty_base"] = RoyaltyBase(values["royalty_base"])
        if values.get("royalty_rate_percent") is not None:
            values["royalty_rate_percent"] = Decimal(str(values["royalty_rate_percent"]))
        return cls(**values)


def _default(value: object) -> object:
    if isinstance(value, Decimal):
        return str(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    raise TypeError(f"cannot freeze {type(value).__name__}")


def canonical_json(snapshot: Mapping[str, Any]) -> str:
    """One text for one content: sorted keys, no spaces, dates ISO, decimals as strings."""
    return json.dumps(snapshot, sort_keys=True, ensure_ascii=False, separators=(",", ":"),
                      default=_default)


def content_hash(snapshot: Mapping[str, Any]) -> str:
    """SHA-256 hex digest of the snapshot's canonical JSON: the frozen terms' fingerprint (D8)."""
    return hashlib.sha256(canonical_json(snapshot).encode("utf-8")).hexdigest()
