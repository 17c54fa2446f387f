"""API shapes for searching the register, shared with need matches (explained hits)."""

from __future__ import annotations

from typing import Any

from marshmallow import Schema, fields, post_load, validate

from marketplace.accounts.regions import REGIONS
from marketplace.declarations.terms import FeeMethod
from marketplace.fees.rules import PatentKind
from marketplace.patents.schemas import PatentSummarySchema
from marketplace.search.services import (
    MAX_FILTER_VALUE_CHARS,
    MAX_FILTER_VALUES,
    SEARCH_FACETS,
    SORT_KEYS,
    SearchCriteria,
)
from search_index import MAX_PER_PAGE

_MANY = validate.Length(max=MAX_FILTER_VALUES)


def _values(inner: fields.Field[Any]) -> fields.List[Any]:
    return fields.List(inner, load_default=list, validate=_MANY)


class SearchArgsSchema(Schema):
    q = fields.String(load_default="", metadata={
        "description": "Words, a need in plain language, numbers or IPC codes; any text is "
                       "accepted and text beyond 10,000 characters is ignored"})
    kind = _values(fields.String(validate=validate.OneOf([k.value for k in PatentKind])))
    ipc = _values(fields.String(validate=validate.Length(min=1, max=20)))
    fee_method = _values(fields.String(validate=validate.OneOf([m.value for m in FeeMethod])))
    patentee = _values(fields.String(validate=validate.Length(min=1,
                                                              max=MAX_FILTER_VALUE_CHARS)))
    region = _values(fields.String(validate=validate.OneOf(list(REGIONS))))
    filing_year = _values(fields.Integer(validate=validate.Range(min=1900, max=2100)))
    open_only = fields.Boolean(load_default=False, metadata={
        "description": "Logged-in users: announced open licences only. The public always "
                       "searches announced open licences only."})
    sort = fields.String(load_default="relevance", validate=validate.OneOf(SORT_KEYS))
    page = fields.Integer(load_default=1, validate=validate.Range(min=1, max=10_000))
    per_page = fields.Integer(load_default=20, validate=validate.Range(min=1, max=MAX_PER_PAGE))

    @post_load
    def make(self, data: dict[str, Any], **_: Any) -> SearchCriteria:
        return SearchCriteria(
            q=data["q"][:10_000],
            filters={name: [str(v) for v in data[name]] for name in SEARCH_FACETS if data[name]},
            open_only=data["open_only"], sort=data["sort"], page=data["page"],
            per_page=data["per_page"])


class MatchedTermOutSchema(Schema):
    field = fields.String()
    term = fields.String()


class ExplanationOutSchema(Schema):
    fields_ = fields.List(fields.String(), data_key="fields", attribute="fields",
                          metadata={"description": "Fields with a match, most telling first"})
    words = fields.Dict(keys=fields.String(), values=fields.List(fields.String()),
                        metadata={"description": "Words found, as written, per field"})
    highlights = fields.Dict(keys=fields.String(), values=fields.String(), metadata={
        "description": "Per field, the text HTML-escaped with matches in <mark> tags"})
    shared_ipc = fields.List(fields.String(), metadata={
        "description": "IPC levels named in the query that the patent has"})
    field_ipc = fields.List(fields.String(), metadata={
        "description": "The patent's IPC subclasses shared by the best matches"})
    sentence = fields.String(allow_none=True, metadata={
        "description": "The patent's sentence closest to the query (in meaning, by the "
                       "sentence vectors stored with the patent's; else the one sharing the "
                       "most words), HTML-escaped with shared words in <mark> tags; given when "
                       "few words are shared or the match is one of meaning"})
    in_meaning = fields.Boolean(metadata={
        "description": "Matched in meaning: by the dense side or across words or languages "
                       "through the lexicon"})
    pairs = fields.List(fields.List(fields.String()), metadata={
        "description": "Lexicon pairs that carried the match: [query's words, patent's]"})


class HitOutSchema(Schema):
    patent = fields.Nested(PatentSummarySchema)
    patentee = fields.Function(lambda item: item.owner.name)
    announced = fields.Boolean(metadata={"description": "An announced open licence"})
    score = fields.Function(lambda item: item.hit.score, allow_none=True)
    matched_terms = fields.Function(
        lambda item: [{"field": m.field, "term": m.term}
                      for m in sorted(item.hit.matched_terms)],
        metadata={"description": "Index terms matched (stemmed words, IPC levels)"})
    explanation = fields.Nested(ExplanationOutSchema)


class FacetValueOutSchema(Schema):
    value = fields.Raw()
    count = fields.Integer()


class SearchOutSchema(Schema):
    total = fields.Integer()
    with_words = fields.Integer(allow_none=True, metadata={
        "description": "How many of total hold the query's words or their translations and "
                       "synonyms; the others were matched in meaning only. Null when browsing."})
    page = fields.Integer()
    per_page = fields.Integer()
    pages = fields.Integer()
    open_only = fields.Boolean(metadata={"description": "Only open licences were searched"})
    items = fields.List(fields.Nested(HitOutSchema))
    facets = fields.Dict(keys=fields.String(),
                         values=fields.List(fields.Nested(FacetValueOutSchema)))

