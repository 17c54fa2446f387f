"""API shapes of the public register: its filters and one entry (`RegisterEntry.to_data`)."""

from __future__ import annotations

from typing import Any

from marshmallow import Schema, ValidationError, fields, post_load, validate, validates_schema

from marketplace.declarations.public import PublicFilters
from marketplace.declarations.rules import MaturityStage
from marketplace.declarations.terms import FeeMethod
from marketplace.fees.rules import PatentKind
from marketplace.patents.rules import LegalStatus
from marketplace.register.entries import PublicStatus
from marketplace.web.pagination import PageArgsSchema, page_out_schema


class RegisterArgsSchema(PageArgsSchema):
    q = fields.String(validate=validate.Length(max=200), metadata={
        "description": "Part of the announcement or withdrawal number, patent or application "
                       "number, title or patentee name"})
    fee_method = fields.Enum(FeeMethod, by_value=True)
    kind = fields.Enum(PatentKind, by_value=True)
    ipc = fields.String(validate=validate.Length(max=20),
                        metadata={"description": "IPC prefix, e.g. C02F or C02F 3/28"})
    patentee = fields.Integer(validate=validate.Range(min=1),
                              metadata={"description": "Declaring organisation's id"})
    date_from = fields.Date(metadata={"description": "Announced on or after (withdrawn, for "
                                                     "withdrawals)"})
    date_to = fields.Date(metadata={"description": "Announced on or before"})
    withdrawals = fields.Boolean(load_default=False, metadata={
        "description": "List announced withdrawals (newest withdrawal first) instead of "
                       "declarations"})

    @validates_schema
    def _dates_in_order(self, data: dict[str, Any], **_: Any) -> None:
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and end < start:
            raise ValidationError("Must not be before date_from.", "date_to")

    @post_load
    def _filters(self, data: dict[str, Any], **_: Any) -> dict[str, Any]:
        return {"page": data["page"], "per_page": data["per_page"],
                "withdrawals": data["withdrawals"],
                "filters": PublicFilters(
                    q=data.get("q") or None, fee_method=data.get("fee_method"),
                    kind=data.get("kind"), ipc=data.get("ipc") or None,
                    organisation_id=data.get("patentee"), date_from=data.get("date_from"),
                    date_to=data.get("date_to"))}


class ContactSchema(Schema):
    name = fields.String()
    phone = fields.String()
    email = fields.String()


class RegisterEntrySchema(Schema):
    announcement_number = fields.String()
    announcement_date = fields.Date()
    status = fields.String(validate=validate.OneOf([s.value for s in PublicStatus]))
    withdrawal_number = fields.String(allow_none=True)
    withdrawal_date = fields.Date(allow_none=True)
    patent_number = fields.String(allow_none=True)
    application_number = fields.String(allow_none=True)
    title = fields.String()
    kind = fields.String(allow_none=True, validate=validate.OneOf([k.value for k in PatentKind]))
    main_ipc = fields.String(allow_none=True)
    ipc_codes = fields.List(fields.String())
    patent_status = fields.String(
        validate=validate.OneOf([s.value for s in LegalStatus]),
        metadata={"description": "The patent's legal status today (lapsed: no new licence)"})
    patentees = fields.List(fields.String())
    fee_method = fields.String(validate=validate.OneOf([m.value for m in FeeMethod]))
    fee_terms = fields.Dict(metadata={"description": "The announced FeeTerms (money in fen)"})
    fee_standard = fields.String(metadata={"description": "The fee standard in one line, in "
                                                          "the request's language"})
    payment_terms = fields.String()
    licence_start = fields.Date(allow_none=True)
    licence_end = fields.Date(allow_none=True)
    application_fields = fields.List(fields.String())
    target_products = fields.List(fields.String())
    maturity_stage = fields.String(allow_none=True, validate=validate.OneOf(
        [m.value for m in MaturityStage]))
    advantages = fields.String()
    know_how = fields.String()
    know_how_price_fen = fields.Integer(allow_none=True)
    contact = fields.Nested(ContactSchema)
    snapshot_hash = fields.String(metadata={"description": "SHA-256 of the frozen snapshot"})


class RegisterDetailSchema(RegisterEntrySchema):
    snapshot = fields.Dict(metadata={"description": "The terms frozen at announcement (D8); "
                                                    "their canonical JSON hashes to "
                                                    "snapshot_hash"})


RegisterPageSchema = page_out_schema(RegisterEntrySchema, "RegisterPage")
