"""API shapes for the fee ledger: the calculator's input and output, the persisted ledger, payments.

Money is integer fen (分) in every field ending in ``_fen``; dates are ISO ``YYYY-MM-DD``. The
output line shape is shared by the calculator and the persisted ledger.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from flask import has_request_context
from marshmallow import Schema, ValidationError, fields, post_load, validate, validates_schema

from marketplace.errors import N_, Message
from marketplace.extensions import DecimalString
from marketplace.fees.calculator import CalculatorInput
from marketplace.fees.lines import to_yuan
from marketplace.fees.policy import legal_today
from marketplace.fees.rules import (
    DeclarationPeriod,
    FeeStatus,
    GeneralCode,
    OpenLicenceCode,
    Owner,
    PatentFacts,
    PatentKind,
    Payment,
    ReductionKind,
    schedule,
)
from marketplace.fees.services import NewPayment

FIRST_FILING_DATE = dt.date(1985, 4, 1)  # the Patent Law took effect
LAST_DATE = dt.date(2100, 12, 31)
MAX_FEN = 10**10
MAX_ADJUSTMENT_DAYS = 20 * 366  # far beyond any real delay; the rules check the rest
MAX_EXTENSION_DAYS = 5 * 366  # R5.11: at most 5 years

_dates = validate.Range(min=FIRST_FILING_DATE, max=LAST_DATE)


def _described(description: str, example: Any = None) -> dict[str, Any]:
    metadata: dict[str, Any] = {"description": description}
    if example is not None:
        metadata["example"] = example
    return metadata


def render(message: Message | None) -> str | None:
    """A message in the request's language (English outside a request: the CLI)."""
    if message is None:
        return None
    if has_request_context():
        from marketplace.web.errors import localise

        return localise(message)
    return str(message)


# --- Calculator input ----------------------------------------------------------------------------


class OwnerInSchema(Schema):
    name = fields.String(required=True, validate=validate.Length(min=1, max=200),
                         metadata=_described("The patentee's name.", "浙江大学"))
    eligible = fields.Boolean(required=True, metadata=_described(
        "Qualifies for the general fee reduction (R4.14: e.g. a public institution, or an "
        "enterprise with taxable income under RMB 1 M).", True))
    basis = fields.String(load_default="", validate=validate.Length(max=200),
                          metadata=_described("Why it qualifies, named in the reasons.",
                                              "事业单位"))

    @post_load
    def make(self, data: dict[str, Any], **_: Any) -> Owner:
        return Owner(**data)


class DeclarationInSchema(Schema):
    announced_on = fields.Date(required=True, validate=_dates, metadata=_described(
        "Day the open-licence declaration was announced (it is in force from then).",
        "2025-06-01"))
    withdrawn_on = fields.Date(load_default=None, allow_none=True, validate=_dates,
                               metadata=_described(
                                   "Day its withdrawal was announced, if withdrawn (D14).", None))

    @validates_schema
    def check_order(self, data: dict[str, Any], **_: Any) -> None:
        withdrawn = data.get("withdrawn_on")
        if withdrawn is not None and withdrawn < data["announced_on"]:
            raise ValidationError(N_("A declaration cannot be withdrawn before it is announced."),
                                  "withdrawn_on")

    @post_load
    def make(self, data: dict[str, Any], **_: Any) -> DeclarationPeriod:
        return DeclarationPeriod(**data)


class PaymentFieldsSchema(Schema):
    """An annual-fee payment to the office."""

    fee_year = fields.Integer(required=True, validate=validate.Range(min=1, max=40),
                              metadata=_described("The patent year the payment is for.", 12))
    paid_on = fields.Date(required=True, validate=_dates,
                          metadata=_described("Day it was paid.", "2026-03-01"))
    amount_fen = fields.Integer(required=True, validate=validate.Range(min=1, max=MAX_FEN),
                                metadata=_described("Amount paid, fee and late fee, in fen.",
                                                    60000))


class PaymentInSchema(PaymentFieldsSchema):
    @post_load
    def make(self, data: dict[str, Any], **_: Any) -> Payment:
        return Payment(data["fee_year"], data["paid_on"], to_yuan(data["amount_fen"]))


class CalculatorInSchema(Schema):
    """A hypothetical patent: what the annual-fee ledger needs to know about it."""

    kind = fields.Enum(PatentKind, by_value=True, required=True,
                       metadata=_described("invention, utility_model or design.", "invention"))
    filing_date = fields.Date(required=True, validate=_dates,
                              metadata=_described("Chinese filing date (not priority).",
                                                  "2015-03-10"))
    grant_date = fields.Date(required=True, validate=_dates, metadata=_described(
        "Grant announcement date; its patent year's fee is the first one due.", "2019-09-20"))
    term_adjustment_days = fields.Integer(
        load_default=0, validate=validate.Range(min=0, max=MAX_ADJUSTMENT_DAYS),
        metadata=_described("Patent term adjustment in days (inventions only, R5.10).", 0))
    term_extension_days = fields.Integer(
        load_default=0, validate=validate.Range(min=0, max=MAX_EXTENSION_DAYS),
        metadata=_described("New-drug term extension in days (inventions only, R5.11).", 0))
    owners = fields.List(fields.Nested(OwnerInSchema), required=True,
                         validate=validate.Length(min=1, max=20),
                         metadata=_described("Every patentee; two or more means co-owned (70 %)."))
    declarations = fields.List(fields.Nested(DeclarationInSchema), load_default=list,
                               validate=validate.Length(max=20),
                               metadata=_described("Open-licence declarations on the patent."))
    record_dates = fields.List(fields.Date(validate=_dates), load_default=list,
                               validate=validate.Length(max=100),
                               metadata=_described("Record dates of open-licence contracts (D11).",
                                                   ["2025-11-20"]))
    payments = fields.List(fields.Nested(PaymentInSchema), load_default=list,
                           validate=validate.Length(max=200),
                           metadata=_described("Annual-fee payments made."))
    false_materials_flagged_on = fields.Date(
        load_default=None, allow_none=True, validate=_dates,
        metadata=_described("Day the office flagged the declaration as obtained by false "
                            "materials (D15), if it did.", None))
    settled_through = fields.Date(
        load_default=None, allow_none=True, validate=_dates,
        metadata=_described("Fees due on or before this day count as paid without listing "
                            "the payments.", None))
    as_of = fields.Date(load_default=legal_today, validate=_dates, metadata=_described(
        "The day to compute statuses, late fees and amounts owed on (default: today).",
        "2026-03-01"))

    @validates_schema
    def check_patent(self, data: dict[str, Any], **_: Any) -> None:
        filing, grant = data.get("filing_date"), data.get("grant_date")
        kind = data.get("kind")
        if filing is None or grant is None or kind is None:
            return
        if grant < filing:
            raise ValidationError(N_("The grant date is before the filing date."), "grant_date")
        compensated = data.get("term_adjustment_days", 0) + data.get("term_extension_days", 0)
        if kind is not PatentKind.INVENTION and compensated:
            raise ValidationError(N_("Only inventions have term adjustment or extension."),
                                  "term_adjustment_days")
        try:
            items = schedule(kind, filing, grant, data.get("term_adjustment_days", 0),
                             data.get("term_extension_days", 0))
        except ValueError as exc:
            raise ValidationError(N_("The grant date is after the end of the patent's term."),
                                  "grant_date") from exc
        years = {item.fee_year for item in items}
        bad = {
            index: {"fee_year": [N_("This patent has no annual fee for that year.")]}
            for index, payment in enumerate(data.get("payments", []))
            if payment.fee_year not in years
        }
        if bad:
            raise ValidationError({"payments": bad})

    @post_load
    def make(self, data: dict[str, Any], **_: Any) -> CalculatorInput:
        facts = PatentFacts(
            kind=data["kind"], filing_date=data["filing_date"], grant_date=data["grant_date"],
            owners=tuple(data["owners"]), adjustment_days=data["term_adjustment_days"],
            extension_days=data["term_extension_days"],
            declarations=tuple(data["declarations"]), record_dates=tuple(data["record_dates"]),
            payments=tuple(data["payments"]),
            false_materials_flagged_on=data["false_materials_flagged_on"],
            settled_through=data["settled_through"],
        )
        return CalculatorInput(facts=facts, as_of=data["as_of"])


# --- Ledger output (calculator and persisted ledger) ---------------------------------------------


def _fen(description: str, **kwargs: Any) -> fields.Integer:
    return fields.Integer(metadata=_described(description + " (fen)"), **kwargs)


class FeeLineOutSchema(Schema):
    """One annual fee: amounts, the reduction applied and why, late fee, status, amount owed."""

    fee_year = fields.Integer(metadata=_described("Patent year, counted from the filing date."))
    due_date = fields.Date(metadata=_described("Due date (D17)."))
    is_compensation = fields.Boolean(metadata=_described("A term-compensation year (RMB 8,000)."))
    full_fen = _fen("Official fee without reduction")
    general_payable_fen = _fen("Payable under the general reduction (the full fee when none)")
    open_licence_payable_fen = _fen("Payable under the open-licence reduction, when it applies",
                                    allow_none=True)
    payable_fen = _fen("Payable: the lower of the two, never both (D12)")
    reduction_kind = fields.Enum(ReductionKind, by_value=True,
                                 metadata=_described("none, general or open_licence."))
    reduction_fen = _fen("Full fee minus payable")
    reason = fields.Method("dump_reason", metadata=_described(
        "Why this amount: {code, text}; text names the eligibility or recordal used."))
    general_code = fields.Enum(GeneralCode, by_value=True,
                               metadata=_described("Whether the general reduction applies."))
    general_rate = DecimalString(
                                  metadata=_described("Share waived by the general reduction."))
    open_licence_code = fields.Enum(OpenLicenceCode, by_value=True, metadata=_described(
        "Whether the open-licence reduction applies (D11, D14, D15)."))
    record_date = fields.Date(allow_none=True, metadata=_described(
        "Record date of the contract that triggered the open-licence reduction."))
    late_fee_fen = _fen("Late fee (D13): 5 % of the full fee per completed month")
    paid_fen = _fen("Paid so far")
    paid_on = fields.Date(allow_none=True, metadata=_described("Day it was paid in full."))
    status = fields.Enum(FeeStatus, by_value=True, metadata=_described(
        "not_yet_due, due, in_grace, paid, paid_before_ledger or lapsed."))
    clawback_fen = _fen("Open-licence saving that became owed (D14, D15)")
    clawback = fields.Method("dump_clawback", allow_none=True,
                             metadata=_described("Why the saving became owed: {code, text}."))
    amount_owed_fen = _fen("Owed now: unpaid fee and late fee, plus any clawback")
    open_licence_saving_fen = _fen("What the open licence saved over the best alternative")

    def dump_reason(self, line: Any) -> dict[str, Any]:
        return {"code": line.reason_code, "text": render(line.reason)}

    def dump_clawback(self, line: Any) -> dict[str, Any] | None:
        if line.clawback_code is None:
            return None
        return {"code": line.clawback_code, "text": render(line.clawback_reason)}


class FeeTotalsOutSchema(Schema):
    """Sums over the ledger; fees and reductions leave out lapsed years."""

    full_fen = _fen("Full fees")
    payable_fen = _fen("Payable fees")
    general_reductions_fen = _fen("Reductions granted under the general regime")
    open_licence_reductions_fen = _fen("Reductions granted under the open-licence regime")
    open_licence_savings_fen = _fen("Saved by the open licence over the best alternative")
    paid_fen = _fen("Paid")
    late_fees_fen = _fen("Late fees")
    clawback_fen = _fen("Savings that became owed")
    owed_fen = _fen("Owed now")


class FeePolicyOutSchema(Schema):
    """The settings the ledger was computed with (DOMAIN D11–D14)."""

    open_license_reduction = DecimalString()
    policy_start = fields.Date()
    record_date_inclusive = fields.Boolean()
    general_reduction_years = fields.Integer()
    late_fee_base = fields.String()
    withdrawal_repays_reductions = fields.Boolean()


class CalculationOutSchema(Schema):
    as_of = fields.Date(metadata=_described("The day statuses and amounts owed are computed on."))
    policy = fields.Nested(FeePolicyOutSchema)
    expiry = fields.Date(metadata=_described("Last day of the term (D18)."))
    grant_fee_year = fields.Integer(metadata=_described("Patent year of grant: the first fee."))
    lapsed_on = fields.Date(allow_none=True, metadata=_described(
        "The patent lapsed from this due date (a fee unpaid after its grace period)."))
    lines = fields.List(fields.Nested(FeeLineOutSchema))
    totals = fields.Nested(FeeTotalsOutSchema)


# --- Persisted ledger and payments ---------------------------------------------------------------


class NewPaymentInSchema(PaymentFieldsSchema):
    reference = fields.String(load_default=None, allow_none=True,
                              validate=validate.Length(max=100),
                              metadata=_described("Receipt or bank reference.", "CNIPA-2026-0301"))

    @post_load
    def make(self, data: dict[str, Any], **_: Any) -> NewPayment:
        return NewPayment(**data)


class PaymentOutSchema(Schema):
    id = fields.Integer()
    fee_year = fields.Integer()
    paid_on = fields.Date()
    amount_fen = fields.Integer()
    reference = fields.String(allow_none=True)
    recorded_by_user_id = fields.Integer(allow_none=True)
    recorded_at = fields.DateTime()


class LedgerHeaderOutSchema(FeeTotalsOutSchema):
    opened_on = fields.Date(metadata=_described("The day the ledger was opened."))
    settled_through = fields.Date(allow_none=True, metadata=_described(
        "Fees due on or before were settled before the ledger opened (the register's state)."))
    computed_on = fields.Date(metadata=_described("The day the ledger was last computed."))
    expiry = fields.Date()
    grant_fee_year = fields.Integer()
    lapsed_on = fields.Date(allow_none=True, metadata=_described(
        "The patent lapsed from this due date."))


class PatentLedgerOutSchema(Schema):
    patent_id = fields.Integer()
    header = fields.Nested(LedgerHeaderOutSchema, allow_none=True, metadata=_described(
        "Totals and dates; null for a patent without annual fees (not a granted CN patent)."))
    lines = fields.List(fields.Nested(FeeLineOutSchema))
    payments = fields.List(fields.Nested(PaymentOutSchema))
