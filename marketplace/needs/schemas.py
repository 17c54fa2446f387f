"""API shapes for needs, their matches and saved searches."""

from __future__ import annotations

from typing import Any

from marshmallow import Schema, fields, post_load, validate

from marketplace.accounts.regions import REGIONS
from marketplace.needs.models import CooperationMode, NeedStatus
from marketplace.needs.services import NewNeed
from marketplace.search.schemas import HitOutSchema
from marketplace.search.services import MAX_FILTER_VALUE_CHARS, MAX_FILTER_VALUES, SEARCH_FACETS
from marketplace.web.pagination import PageArgsSchema, page_out_schema

MAX_BUDGET_FEN = 10**13


class NeedListArgsSchema(PageArgsSchema):
    mine = fields.Boolean(load_default=False, metadata={
        "description": "SMEs: every need of the caller's organisation, open or not"})
    q = fields.String(load_default=None, validate=validate.Length(max=200))


class NeedInSchema(Schema):
    title = fields.String(required=True, validate=validate.Length(min=1, max=200))
    description = fields.String(required=True, validate=validate.Length(min=1, max=5000))
    industry = fields.String(required=True, validate=validate.Length(min=1, max=100))
    technical_indicators = fields.String(load_default=None, allow_none=True,
                                         validate=validate.Length(max=2000))
    budget_min_fen = fields.Integer(load_default=None, allow_none=True,
                                    validate=validate.Range(min=0, max=MAX_BUDGET_FEN))
    budget_max_fen = fields.Integer(load_default=None, allow_none=True,
                                    validate=validate.Range(min=0, max=MAX_BUDGET_FEN))
    region = fields.String(required=True, validate=validate.OneOf(list(REGIONS)))
    cooperation_mode = fields.Enum(CooperationMode, by_value=True, required=True)
    valid_until = fields.Date(required=True)

    @post_load
    def make(self, data: dict[str, Any], **_: Any) -> NewNeed:
        return NewNeed(**data)


class NeedOutSchema(Schema):
    id = fields.Integer()
    organisation_id = fields.Integer()
    title = fields.String()
    description = fields.String()
    industry = fields.String()
    technical_indicators = fields.String(allow_none=True)
    budget_min_fen = fields.Integer(allow_none=True)
    budget_max_fen = fields.Integer(allow_none=True)
    region = fields.String()
    cooperation_mode = fields.Enum(CooperationMode, by_value=True)
    valid_until = fields.Date()
    status = fields.Enum(NeedStatus, by_value=True)
    created_at = fields.DateTime()
    updated_at = fields.DateTime()


NeedPageSchema = page_out_schema(NeedOutSchema, "NeedPage")


class NeedHitOutSchema(HitOutSchema):
    relevance = fields.Integer(allow_none=True, metadata={
        "description": "Calibrated relevance in %: about how likely the patent answers the "
                       "need, the same scale for every need"})
    label = fields.String(allow_none=True, metadata={
        "description": "strong (from MATCH_STRONG_MIN %), possible (from MATCH_POSSIBLE_MIN "
                       "%) or weak"})


class NeedMatchesOutSchema(Schema):
    announced = fields.List(fields.Nested(NeedHitOutSchema), metadata={
        "description": "Announced open licences, best first"})
    others = fields.List(fields.Nested(NeedHitOutSchema), metadata={
        "description": "Other patents on the register, best first"})


class AlertInSchema(Schema):
    min_relevance = fields.Integer(required=True, validate=validate.Range(min=1, max=100))


def _filter_values() -> fields.List[str]:
    return fields.List(fields.String(validate=validate.Length(min=1,
                                                              max=MAX_FILTER_VALUE_CHARS)),
                       validate=validate.Length(max=MAX_FILTER_VALUES))


class SavedSearchInSchema(Schema):
    name = fields.String(required=True, validate=validate.Length(min=1, max=200))
    query = fields.String(load_default="", validate=validate.Length(max=10_000))
    filters = fields.Dict(keys=fields.String(validate=validate.OneOf(SEARCH_FACETS)),
                          values=_filter_values(), load_default=dict)
    min_relevance = fields.Integer(load_default=None, validate=validate.Range(min=1, max=100),
                                   metadata={"description": "Default: ALERT_MIN_RELEVANCE"})


class SavedSearchOutSchema(Schema):
    id = fields.Integer()
    name = fields.String()
    need_id = fields.Integer(allow_none=True)
    query = fields.String()
    filters = fields.Dict(keys=fields.String(), values=fields.List(fields.String()))
    min_relevance = fields.Integer()
    created_at = fields.DateTime()
