"""Marshmallow schemas of the licensing API. Money is integer fen; dates ISO."""

from __future__ import annotations

from typing import Any

from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from marketplace.licensing.negotiated import NAME_LIMIT
from marketplace.licensing.negotiated import NOTE_LIMIT as TERMS_LIMIT
from marketplace.licensing.recordals import NOTE_LIMIT
from marketplace.licensing.rules import (
    LicenceEvent,
    LicenceState,
    NegotiatedKind,
    RecordalRefusalGround,
    RecordalState,
)
from marketplace.licensing.services import KEY_LIMIT, REFERENCE_LIMIT

_MONEY = validate.Range(min=0, max=10**15)


class LicensingIdempotencySchema(Schema):
    """``Idempotency-Key`` (required): the same key from the same caller returns the first
    result, so a retried request takes one licence or records one payment. Without it the
    answer is 428 Precondition Required."""

    idempotency_key = fields.String(
        data_key="Idempotency-Key", required=True,
        validate=[validate.Length(min=1, max=KEY_LIMIT), validate.Regexp(r"\S")],
        metadata={"description": "A key of the caller's choosing, sent again with a retry"})


#: A missing or blank key is refused before anything is done.
IDEMPOTENCY_KEY_MISSING = 428


class TakeLicenceInSchema(Schema):
    declaration_id = fields.Integer(required=True, validate=validate.Range(min=1))


class LicenceOutSchema(Schema):
    id = fields.Integer()
    number = fields.String(allow_none=True)
    state = fields.Enum(LicenceState, by_value=True)
    declaration_id = fields.Integer()
    announcement_number = fields.String()
    patent_id = fields.Integer()
    patent_number = fields.String(allow_none=True)
    patent_title = fields.String()
    licensor_organisation_id = fields.Integer()
    licensor_name = fields.String()
    licensee_organisation_id = fields.Integer()
    licensee_name = fields.String()
    snapshot = fields.Dict()
    snapshot_hash = fields.String()
    licence_start = fields.Date()
    licence_end = fields.Date()
    first_payment_kind = fields.String()
    first_payment_fen = fields.Integer(allow_none=True)
    notice_reference = fields.String()
    notice_given_at = fields.DateTime()
    notice_pdf_urls = fields.Dict(keys=fields.String(), values=fields.String())
    effective_at = fields.DateTime(allow_none=True)
    effective_on = fields.Date(allow_none=True)
    ended_on = fields.Date(allow_none=True)
    end_reason = fields.Enum(LicenceEvent, by_value=True, allow_none=True)
    termination_from = fields.Date(allow_none=True)
    recordal_due_on = fields.Date(allow_none=True)


class LicenceTotalsSchema(Schema):
    scheduled_fen = fields.Integer()
    due_fen = fields.Integer()
    paid_fen = fields.Integer()
    outstanding_fen = fields.Integer()
    overdue_fen = fields.Integer()
    reports_overdue = fields.Integer()


class LicenceStatementLineSchema(Schema):
    kind = fields.String()
    licence_year = fields.Integer()
    period_start = fields.Date()
    period_end = fields.Date()
    due_on = fields.Date()
    amount_fen = fields.Integer(allow_none=True)
    paid_fen = fields.Integer()
    status = fields.String()


class LicenceStatementSchema(Schema):
    as_of = fields.Date()
    lines = fields.List(fields.Nested(LicenceStatementLineSchema))
    total = fields.Nested(LicenceTotalsSchema)
    by_calendar_year = fields.Dict(keys=fields.String(), values=fields.Nested(LicenceTotalsSchema))
    credit_fen = fields.Integer()


class LicencePaymentInSchema(Schema):
    amount_fen = fields.Integer(required=True, validate=validate.Range(min=1, max=10**15))
    paid_on = fields.Date(required=True)
    reference = fields.String(load_default="", validate=validate.Length(max=REFERENCE_LIMIT))


class LicencePaymentOutSchema(Schema):
    id = fields.Integer()
    licence_id = fields.Integer()
    amount_fen = fields.Integer()
    paid_on = fields.Date()
    reference = fields.String()
    proof_original_name = fields.String(allow_none=True)
    recorded_at = fields.DateTime()
    confirmed_at = fields.DateTime(allow_none=True)


class RoyaltyReportInSchema(Schema):
    period_start = fields.Date(required=True)
    period_end = fields.Date(required=True)
    net_sales_fen = fields.Integer(load_default=None, validate=_MONEY)
    profit_fen = fields.Integer(load_default=None, validate=validate.Range(min=-10**15,
                                                                            max=10**15))
    units = fields.Integer(load_default=None, validate=validate.Range(min=0, max=10**12))


class RoyaltyReportOutSchema(Schema):
    id = fields.Integer()
    licence_id = fields.Integer()
    period_start = fields.Date()
    period_end = fields.Date()
    net_sales_fen = fields.Integer(allow_none=True)
    profit_fen = fields.Integer(allow_none=True)
    units = fields.Integer(allow_none=True)
    royalty_fen = fields.Integer()
    filed_at = fields.DateTime()


class LicenceDetailSchema(LicenceOutSchema):
    payments = fields.List(fields.Nested(LicencePaymentOutSchema))
    reports = fields.List(fields.Nested(RoyaltyReportOutSchema))
    statement = fields.Nested(LicenceStatementSchema)


class RecordalOutSchema(Schema):
    id = fields.Integer()
    licence_id = fields.Integer()
    filed_on = fields.Date()
    state = fields.Enum(RecordalState, by_value=True)
    record_date = fields.Date(allow_none=True)
    record_number = fields.String(allow_none=True)
    refusal_reasons = fields.List(fields.Dict(), allow_none=True)


class RecordalQueueItemSchema(Schema):
    licence = fields.Nested(LicenceOutSchema)
    due_on = fields.Date()
    timing = fields.String()
    latest = fields.Nested(RecordalOutSchema, allow_none=True)


class RecordalAcceptInSchema(Schema):
    record_date = fields.Date(required=True)


class RecordalRefuseInSchema(Schema):
    grounds = fields.List(fields.Enum(RecordalRefusalGround, by_value=True), required=True,
                          validate=validate.Length(min=1))
    note = fields.String(load_default="", validate=validate.Length(max=NOTE_LIMIT))


class LicenceTerminationInSchema(Schema):
    from_day = fields.Date(required=True)


class NegotiatedLicenceInSchema(Schema):
    kind = fields.Enum(NegotiatedKind, by_value=True, required=True)
    licensee_name = fields.String(required=True,
                                  validate=validate.Length(min=1, max=NAME_LIMIT))
    start = fields.Date(required=True)
    end = fields.Date(load_default=None)
    terms_note = fields.String(load_default="", validate=validate.Length(max=TERMS_LIMIT))

    @validates_schema
    def _ordered(self, data: dict[str, Any], **_kwargs: Any) -> None:
        if data.get("end") is not None and data["end"] < data["start"]:
            raise ValidationError("Must not be before the start date.", "end")


class NegotiatedLicenceOutSchema(Schema):
    id = fields.Integer()
    patent_id = fields.Integer()
    kind = fields.Enum(NegotiatedKind, by_value=True)
    licensee_name = fields.String()
    start = fields.Date()
    end = fields.Date(allow_none=True)
    terms_note = fields.String()


class RecordedLicenceSchema(Schema):
    record_number = fields.String()
    record_date = fields.Date()
    announcement_number = fields.String()
    licence_number = fields.String(allow_none=True)
    patent_number = fields.String(allow_none=True)
    licensor_name = fields.String()
    licensee_name = fields.String()
