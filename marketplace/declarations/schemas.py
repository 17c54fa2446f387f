"""API shapes for declarations. Content is flat, named like `DeclarationContent` and `FeeTerms`
(money in integer fen, rates as decimal strings of per cent), so that field errors from the
rules and from the schema use the same keys."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from marshmallow import Schema, ValidationError, fields, post_load, validate, validates_schema

from marketplace.declarations import rules
from marketplace.declarations.estimator import (
    Coefficient,
    EstimateInput,
    EstimationMethod,
    PriorFee,
    ValuationApproach,
)
from marketplace.declarations.models import ConsentMethod, ConsentPurpose
from marketplace.declarations.rules import DeclarationContent, DeclarationStatus, MaturityStage
from marketplace.declarations.terms import FeeMethod, FeeTerms, RoyaltyBase
from marketplace.extensions import DecimalString
from marketplace.web.pagination import PageArgsSchema, page_out_schema

TERM_FIELDS = ("lump_sum_fen", "annual_fee_fen", "entry_fee_fen", "royalty_base",
                "royalty_rate_percent", "per_unit_fen", "min_annual_fen")
# Far above any field limit of the rules, so that absurd inputs stop at the schema.
_HARD_TEXT_LIMIT = 100_000


def _money(description: str) -> fields.Integer:
    return fields.Integer(strict=True, allow_none=True, load_default=None,
                          metadata={"description": f"{description}, in fen (1/100 yuan)"})


def _text(description: str) -> fields.String:
    return fields.String(load_default="",
                         validate=validate.Length(max=_HARD_TEXT_LIMIT),
                         metadata={"description": description})


class ContentSchema(Schema):
    """A declaration's terms and commercial fields (R2.2, R6.4). Completeness is checked by
    pre-examination, not here: a draft may be incomplete."""

    fee_method = fields.Enum(FeeMethod, by_value=True, allow_none=True, load_default=None)
    lump_sum_fen = _money("Lump sum")
    annual_fee_fen = _money("Fee per year")
    entry_fee_fen = _money("Entry fee")
    royalty_base = fields.Enum(RoyaltyBase, by_value=True, allow_none=True, load_default=None,
                               metadata={"description": "Entry fee plus royalty only"})
    royalty_rate_percent = DecimalString(allow_none=True, load_default=None, allow_nan=False,
                                          metadata={"description": "Per cent, e.g. \"3.5\""})
    per_unit_fen = _money("Fee per unit")
    min_annual_fen = _money("Minimum royalty per year (royalty on net sales)")
    payment_terms = _text("When and how the fee is paid")
    licence_start = fields.Date(allow_none=True, load_default=None)
    licence_end = fields.Date(allow_none=True, load_default=None)
    licence_years = fields.Integer(
        load_default=None, allow_none=True, load_only=True,
        validate=validate.Range(min=1, max=rules.MAX_LICENCE_YEARS),
        metadata={"description": "Instead of licence_end: the period's length from its start"})
    application_fields = fields.List(fields.String(validate=validate.Length(max=1000)),
                                     load_default=list, validate=validate.Length(max=100))
    target_products = fields.List(fields.String(validate=validate.Length(max=1000)),
                                  load_default=list, validate=validate.Length(max=100))
    maturity_stage = fields.Enum(MaturityStage, by_value=True, allow_none=True,
                                 load_default=None)
    advantages = _text("Advantages over existing solutions; no advertising language")
    know_how = _text("Know-how or technical support offered with the licence")
    know_how_price_fen = _money("Price of the know-how or support")
    contact_name = _text("Contact person")
    contact_phone = _text("Contact phone")
    contact_email = _text("Contact e-mail")

    @validates_schema
    def _period_and_method(self, data: dict[str, Any], partial: bool | tuple[str, ...] = False,
                           **_: Any) -> None:
        if data.get("licence_years") is not None:
            if data.get("licence_end") is not None:
                raise ValidationError("Give licence_end or licence_years, not both.",
                                      "licence_years")
            if data.get("licence_start") is None:
                raise ValidationError("licence_years needs licence_start.", "licence_start")
        method_given = "fee_method" in data or not partial  # a PATCH may keep the method
        if method_given and data.get("fee_method") is None \
                and any(data.get(n) is not None for n in TERM_FIELDS):
            raise ValidationError("Choose a fee method for these figures.", "fee_method")


def content_from(data: dict[str, Any]) -> DeclarationContent:
    """A `DeclarationContent` from loaded `ContentSchema` values."""
    values = dict(data)
    method = values.pop("fee_method", None)
    terms_values = {name: values.pop(name, None) for name in TERM_FIELDS}
    years = values.pop("licence_years", None)
    if years is not None:
        values["licence_end"] = rules.licence_end_from_years(values["licence_start"], years)
    terms = FeeTerms(method, **terms_values) if method is not None else None
    values["application_fields"] = tuple(s.strip() for s in values.get("application_fields", ())
                                         if s.strip())
    values["target_products"] = tuple(s.strip() for s in values.get("target_products", ())
                                      if s.strip())
    return DeclarationContent(fee_terms=terms, **values)


def content_values(content: DeclarationContent) -> dict[str, Any]:
    """The flat values of ``content`` (the inverse of `content_from`)."""
    values = {name: value for name, value in asdict(content).items() if name != "fee_terms"}
    terms = content.fee_terms
    values["fee_method"] = terms.method if terms else None
    for name in TERM_FIELDS:
        values[name] = getattr(terms, name) if terms else None
    return values


class DraftInSchema(ContentSchema):
    patent_id = fields.Integer(required=True, strict=True)

    @post_load
    def make(self, data: dict[str, Any], **_: Any) -> tuple[int, DeclarationContent]:
        patent_id = data.pop("patent_id")
        return patent_id, content_from(data)


class BulkDraftInSchema(ContentSchema):
    patent_ids = fields.List(fields.Integer(strict=True), required=True,
                             validate=validate.Length(min=1, max=200))

    @post_load
    def make(self, data: dict[str, Any], **_: Any) -> tuple[list[int], DeclarationContent]:
        patent_ids = data.pop("patent_ids")
        return patent_ids, content_from(data)


class DeclarationListArgsSchema(PageArgsSchema):
    status = fields.Enum(DeclarationStatus, by_value=True, load_default=None)


class PurposeInSchema(Schema):
    purpose = fields.Enum(ConsentPurpose, by_value=True, required=True)


class ConsentInSchema(PurposeInSchema):
    """Without ``co_owner_name``: the caller consents for its own organisation. With it: the
    declarant records that co-owner's written consent (signatory and date required)."""

    co_owner_name = fields.String(load_default=None, validate=validate.Length(max=200))
    signatory = fields.String(load_default=None, validate=validate.Length(max=1000))
    signed_on = fields.Date(load_default=None)

    @validates_schema
    def _written(self, data: dict[str, Any], **_: Any) -> None:
        if data.get("co_owner_name") is not None:
            missing = [n for n in ("signatory", "signed_on") if data.get(n) is None]
            if missing:
                raise ValidationError({n: ["Required for a written consent."] for n in missing})


class DecisionInSchema(Schema):
    decision = fields.String(required=True, validate=validate.OneOf(["announce", "refuse"]))
    finding_codes = fields.List(fields.String(validate=validate.Length(max=64)),
                                load_default=list, validate=validate.Length(max=50))
    note = fields.String(load_default="", validate=validate.Length(max=_HARD_TEXT_LIMIT))


class WithdrawalInSchema(Schema):
    reason = fields.String(required=True, validate=validate.Length(max=_HARD_TEXT_LIMIT))


class FalseMaterialsInSchema(Schema):
    flagged_on = fields.Date(required=True)
    note = fields.String(required=True, validate=validate.Length(max=_HARD_TEXT_LIMIT))


class PriorFeeInSchema(Schema):
    amount = fields.Decimal(required=True, allow_nan=False)
    years = fields.Decimal(required=True, allow_nan=False)


class CoefficientInSchema(Schema):
    label = fields.String(required=True, validate=validate.Length(max=1000))
    value = fields.Decimal(required=True, allow_nan=False)
    source = fields.String(required=True, validate=validate.Length(max=1000))


class EstimateInSchema(Schema):
    """The estimator's inputs (see `estimator.EstimateInput`); yuan and per cent as decimals."""

    method = fields.Enum(EstimationMethod, by_value=True, required=True)
    licence_years = fields.Decimal(required=True, allow_nan=False)
    basis_source = fields.String(required=True, validate=validate.Length(max=1000))
    annual_net_sales = fields.Decimal(load_default=None, allow_none=True, allow_nan=False)
    profit_margin_pct = fields.Decimal(load_default=None, allow_none=True, allow_nan=False)
    annual_units = fields.Integer(load_default=None, allow_none=True, strict=True)
    contribution_share_pct = fields.Decimal(load_default=None, allow_none=True, allow_nan=False)
    prior_fees = fields.List(fields.Nested(PriorFeeInSchema), load_default=list,
                             validate=validate.Length(max=50))
    reference_rate_pct = fields.Decimal(load_default=None, allow_none=True, allow_nan=False)
    rate_source = fields.String(load_default="", validate=validate.Length(max=1000))
    valuation_approach = fields.Enum(ValuationApproach, by_value=True, load_default=None,
                                     allow_none=True)
    valuation = fields.Decimal(load_default=None, allow_none=True, allow_nan=False)
    licence_share_pct = fields.Decimal(load_default=None, allow_none=True, allow_nan=False)
    coefficients = fields.List(fields.Nested(CoefficientInSchema), load_default=list,
                               validate=validate.Length(max=50))
    entry_fee_share_pct = fields.Decimal(load_default=None, allow_none=True, allow_nan=False)

    @post_load
    def make(self, data: dict[str, Any], **_: Any) -> EstimateInput:
        data["prior_fees"] = tuple(PriorFee(**p) for p in data["prior_fees"])
        data["coefficients"] = tuple(Coefficient(**c) for c in data["coefficients"])
        return EstimateInput(**data)


class ApplyEstimateInSchema(Schema):
    method = fields.Enum(FeeMethod, by_value=True, required=True)


# --- Output ---------------------------------------------------------------------------------------


class FindingOutSchema(Schema):
    rule = fields.String(metadata={"description": "DOMAIN decision, e.g. D5"})
    code = fields.String()
    field = fields.String()
    severity = fields.String(metadata={"description": "refusal or warning"})
    message = fields.String()
    action = fields.String(metadata={"description": "What to do"})


class PreExaminationOutSchema(Schema):
    checked_on = fields.Date()
    passed = fields.Boolean()
    refusals = fields.List(fields.Nested(FindingOutSchema))
    warnings = fields.List(fields.Nested(FindingOutSchema))


class RefusalNoticeOutSchema(Schema):
    issued_on = fields.Date()
    findings = fields.List(fields.Nested(FindingOutSchema))
    note = fields.String()


class ConsentOutSchema(Schema):
    purpose = fields.Enum(ConsentPurpose, by_value=True)
    co_owner_name = fields.String()
    co_owner_organisation_id = fields.Integer(allow_none=True)
    on_platform = fields.Boolean(metadata={"description": "The co-owner consents itself"})
    requested_at = fields.DateTime(allow_none=True)
    given_at = fields.DateTime(allow_none=True)
    given_by_id = fields.Integer(allow_none=True)
    method = fields.Enum(ConsentMethod, by_value=True, allow_none=True)
    signatory = fields.String(allow_none=True)
    signed_on = fields.Date(allow_none=True)


class DeclarationOutSchema(ContentSchema):
    id = fields.Integer()
    patent_id = fields.Integer()
    patent_number = fields.String(allow_none=True)
    patent_title = fields.String()
    organisation_id = fields.Integer()
    organisation_name = fields.String()
    status = fields.Enum(DeclarationStatus, by_value=True)
    display_status = fields.String(metadata={"description": "status, or awaiting_consent for "
                                                            "a draft missing consents"})
    fee_terms = fields.Dict(allow_none=True, metadata={"description": "FeeTerms.to_dict()"})
    created_at = fields.DateTime()
    submitted_at = fields.DateTime(allow_none=True)
    decided_at = fields.DateTime(allow_none=True)
    announcement_number = fields.String(allow_none=True)
    announcement_date = fields.Date(allow_none=True)
    snapshot = fields.Dict(allow_none=True)
    snapshot_hash = fields.String(allow_none=True)
    pre_examination = fields.Nested(PreExaminationOutSchema, allow_none=True)
    refusal_notice = fields.Nested(RefusalNoticeOutSchema, allow_none=True)
    estimate = fields.Dict(allow_none=True, metadata={"description": "Estimate.to_dict()"})
    withdrawal_reason = fields.String(allow_none=True)
    withdrawal_requested_at = fields.DateTime(allow_none=True)
    withdrawal_number = fields.String(allow_none=True)
    withdrawal_date = fields.Date(allow_none=True)
    withdrawal_refusal_note = fields.String(allow_none=True)
    false_materials_on = fields.Date(allow_none=True)
    consents = fields.List(fields.Nested(ConsentOutSchema))


class DeclarationSummarySchema(Schema):
    id = fields.Integer(attribute="declaration.id")
    status = fields.Enum(DeclarationStatus, by_value=True, attribute="declaration.status")
    patent_id = fields.Integer(attribute="patent.id")
    patent_number = fields.String(attribute="patent.patent_number", allow_none=True)
    patent_title = fields.String(attribute="patent.title")
    organisation_name = fields.String(attribute="organisation.name")
    fee_method = fields.Enum(FeeMethod, by_value=True, attribute="declaration.fee_method",
                             allow_none=True)
    licence_end = fields.Date(attribute="declaration.licence_end", allow_none=True)
    submitted_at = fields.DateTime(attribute="declaration.submitted_at", allow_none=True)
    announcement_number = fields.String(attribute="declaration.announcement_number",
                                        allow_none=True)
    announcement_date = fields.Date(attribute="declaration.announcement_date", allow_none=True)


DeclarationPageSchema = page_out_schema(DeclarationSummarySchema, "DeclarationPage")
