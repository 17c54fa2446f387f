"""API shapes for the patent register."""

from __future__ import annotations

from typing import Any

from marshmallow import INCLUDE, Schema, fields, post_load, validate

from marketplace.extensions import DecimalString
from marketplace.fees.rules import PatentKind
from marketplace.patents.models import EncumbranceKind
from marketplace.patents.rules import EvaluationConclusion, LegalStatus
from marketplace.patents.services import NewEncumbrance
from marketplace.web.pagination import PageArgsSchema, page_out_schema


class PatentListArgsSchema(PageArgsSchema):
    q = fields.String(load_default=None, validate=validate.Length(max=200))
    kind = fields.Enum(PatentKind, by_value=True, load_default=None)
    legal_status = fields.Enum(LegalStatus, by_value=True, load_default=None)
    ipc_section = fields.String(load_default=None, validate=validate.OneOf(list("ABCDEFGH")))
    filing_year = fields.Integer(load_default=None, validate=validate.Range(min=1985, max=2100))
    owner_id = fields.Integer(load_default=None)


class PatentSummarySchema(Schema):
    id = fields.Integer()
    jurisdiction = fields.String()
    application_number = fields.String(allow_none=True)
    patent_number = fields.String(allow_none=True)
    publication_number = fields.String(allow_none=True)
    kind = fields.Enum(PatentKind, by_value=True, allow_none=True)
    title = fields.String()
    ipc_codes = fields.List(fields.String())
    locarno_class = fields.String(allow_none=True)
    owner_id = fields.Integer()
    filing_date = fields.Date(allow_none=True)
    grant_date = fields.Date(allow_none=True)
    expiry_date = fields.Date(allow_none=True)
    legal_status = fields.Enum(LegalStatus, by_value=True)


PatentPageSchema = page_out_schema(PatentSummarySchema, "PatentPage")


class CoOwnerOutSchema(Schema):
    name = fields.String()
    organisation_id = fields.Integer(allow_none=True)
    share = DecimalString()


class EncumbranceOutSchema(Schema):
    id = fields.Integer()
    kind = fields.Enum(EncumbranceKind, by_value=True)
    pledgee_consent = fields.Boolean(allow_none=True)
    start_date = fields.Date(allow_none=True)
    end_date = fields.Date(allow_none=True)
    reference = fields.String(allow_none=True)
    note = fields.String(allow_none=True)


class PatentOutSchema(PatentSummarySchema):
    abstract = fields.String(allow_none=True)
    first_claim = fields.String(allow_none=True)
    applicants = fields.List(fields.String())
    language = fields.String()
    publication_date = fields.Date(allow_none=True)
    term_adjustment_days = fields.Integer()
    term_extension_days = fields.Integer()
    evaluation_report_ref = fields.String(allow_none=True)
    evaluation_conclusion = fields.Enum(EvaluationConclusion, by_value=True, allow_none=True)
    co_owners = fields.List(fields.Nested(CoOwnerOutSchema))
    encumbrances = fields.List(fields.Nested(EncumbranceOutSchema))


class EncumbranceInSchema(Schema):
    kind = fields.Enum(EncumbranceKind, by_value=True, required=True)
    pledgee_consent = fields.Boolean(load_default=None, allow_none=True)
    start_date = fields.Date(load_default=None, allow_none=True)
    end_date = fields.Date(load_default=None, allow_none=True)
    reference = fields.String(load_default=None, allow_none=True,
                              validate=validate.Length(max=100))
    note = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=500))

    @post_load
    def make(self, data: dict[str, Any], **_: Any) -> NewEncumbrance:
        return NewEncumbrance(**data)


class ImportArgsSchema(Schema):
    skip_invalid = fields.Boolean(load_default=False)


class RowErrorSchema(Schema):
    row = fields.Integer(metadata={"description": "The row as numbered in the file (the header "
                                                  "is row 1; JSON Lines count lines from 1)"})
    column = fields.Function(lambda error: error.field, metadata={
        "type": "string",
        "description": "The column or key as written in the file (empty when the whole row is "
                       "at fault)"})
    field = fields.String(metadata={"description": "The same as column"})
    message = fields.String(metadata={"description": "The problem: in English in the 200 report, "
                                                      "in the request's language in a 422"})


class ImportReportSchema(Schema):
    created = fields.Integer()
    updated = fields.Integer()
    imported = fields.Integer()
    errors = fields.List(fields.Nested(RowErrorSchema))
    warnings = fields.List(fields.Nested(RowErrorSchema))
    errors_omitted = fields.Integer(metadata={
        "description": "Errors found but not listed (at most IMPORT_MAX_MESSAGES are)"})
    warnings_omitted = fields.Integer(metadata={
        "description": "Warnings found but not listed (at most IMPORT_MAX_MESSAGES are)"})


class ImportRowErrorsSchema(Schema):
    """The rows' errors; or, for a file that cannot be read, ``file``; or the fields' errors."""

    class Meta:
        unknown = INCLUDE

    rows = fields.List(fields.Nested(RowErrorSchema))
    rows_omitted = fields.Integer(metadata={
        "description": "Errors found but not listed (at most IMPORT_MAX_MESSAGES are)"})
    file = fields.List(fields.String(), metadata={"description": "Why the file cannot be read"})


class ImportRejectedSchema(Schema):
    """A 422 of the import: nothing was imported; ``errors.rows`` as in the success report."""

    code = fields.String(required=True)
    status = fields.Integer(required=True)
    message = fields.String(required=True)
    errors = fields.Nested(ImportRowErrorsSchema, required=True)


class ImportFileSchema(Schema):
    file = fields.Raw(required=True, metadata={"type": "string", "format": "binary"})
