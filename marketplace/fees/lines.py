"""The fee ledger as pages, the API and the database hold it: money in integer fen.

``rules.ledger`` computes in ``Decimal`` yuan; ``FeeLine`` and ``FeeTotals`` are its lines and
totals converted once, here, for the calculator and for the persisted ledger
(``models.AnnualFee`` stores the same fields under the same names but the reasons).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from marketplace.errors import Message
from marketplace.fees.rules import (
    FeeStatus,
    GeneralCode,
    LedgerLine,
    LedgerTotals,
    OpenLicenceCode,
    ReductionKind,
)


def to_fen(amount: Decimal) -> int:
    """A cent-exact yuan amount in fen (the rules' money is quantized to 0.01)."""
    fen = amount.scaleb(2)
    whole = int(fen)
    if whole != fen:
        raise ValueError(f"{amount} is not a whole number of fen")
    return whole


def to_yuan(fen: int) -> Decimal:
    """Fen as a yuan ``Decimal`` with two places (the rules' money)."""
    return Decimal(fen).scaleb(-2)


def yuan_text(fen: int) -> str:
    """Fen as RMB yuan text for messages: 4320988 → "43,209.88"."""
    return f"{to_yuan(fen):,.2f}"


@dataclass(frozen=True)
class FeeLine:
    """One fee year of a ledger, in fen, with its reasons as translatable messages."""

    fee_year: int
    due_date: date
    is_compensation: bool
    full_fen: int
    general_payable_fen: int
    open_licence_payable_fen: int | None
    payable_fen: int
    reduction_kind: ReductionKind
    reduction_fen: int
    reason_code: str
    reason: Message
    general_code: GeneralCode
    general_rate: Decimal
    open_licence_code: OpenLicenceCode
    record_date: date | None
    late_fee_fen: int
    paid_fen: int
    paid_on: date | None
    status: FeeStatus
    clawback_fen: int
    clawback_code: str | None
    clawback_reason: Message | None
    amount_owed_fen: int
    open_licence_saving_fen: int

    @classmethod
    def of(cls, line: LedgerLine) -> FeeLine:
        clawback = line.clawback_reason
        return cls(
            fee_year=line.fee_year,
            due_date=line.due_date,
            is_compensation=line.is_compensation,
            full_fen=to_fen(line.full_fee),
            general_payable_fen=to_fen(line.general_payable),
            open_licence_payable_fen=(None if line.open_licence_payable is None
                                      else to_fen(line.open_licence_payable)),
            payable_fen=to_fen(line.payable),
            reduction_kind=line.reduction_kind,
            reduction_fen=to_fen(line.reduction_amount),
            reason_code=line.reason.code,
            reason=line.reason.message,
            general_code=line.general.code,
            general_rate=line.general.rate,
            open_licence_code=line.open_licence.code,
            record_date=line.open_licence.record_date,
            late_fee_fen=to_fen(line.late_fee),
            paid_fen=to_fen(line.paid_amount),
            paid_on=line.paid_on,
            status=line.status,
            clawback_fen=to_fen(line.clawback),
            clawback_code=clawback.code if clawback else None,
            clawback_reason=clawback.message if clawback else None,
            amount_owed_fen=to_fen(line.amount_owed),
            open_licence_saving_fen=to_fen(line.open_licence_saving),
        )


@dataclass(frozen=True)
class FeeTotals:
    """``rules.LedgerTotals`` in fen (the rules decide what each total covers)."""

    full_fen: int
    payable_fen: int
    general_reductions_fen: int
    open_licence_reductions_fen: int
    open_licence_savings_fen: int
    paid_fen: int
    late_fees_fen: int
    clawback_fen: int
    owed_fen: int

    @classmethod
    def of(cls, totals: LedgerTotals) -> FeeTotals:
        return cls(
            full_fen=to_fen(totals.full),
            payable_fen=to_fen(totals.payable),
            general_reductions_fen=to_fen(totals.general_reductions),
            open_licence_reductions_fen=to_fen(totals.open_licence_reductions),
            open_licence_savings_fen=to_fen(totals.open_licence_savings),
            paid_fen=to_fen(totals.paid),
            late_fees_fen=to_fen(totals.late_fees),
            clawback_fen=to_fen(totals.clawback),
            owed_fen=to_fen(totals.owed),
        )


TOTAL_FIELDS = tuple(f.name for f in dataclasses.fields(FeeTotals))
