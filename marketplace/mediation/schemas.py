"""API shapes for mediation cases (D16)."""

from __future__ import annotations

from typing import Any

from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from marketplace.mediation.actions import STEP_ACTIONS
from marketplace.mediation.models import AgreementEffect
from marketplace.mediation.rules import (
    CaseAction,
    CaseActor,
    CaseState,
    DisputeSubject,
    RefusalGround,
    RespondentAnswer,
)

MAX_TEXT = 5000
_text = validate.Length(max=MAX_TEXT)


class CaseListArgsSchema(Schema):
    state = fields.Enum(CaseState, by_value=True, load_default=None)


class CaseInSchema(Schema):
    licence_id = fields.Integer(required=True, validate=validate.Range(min=1))
    subject = fields.Enum(DisputeSubject, by_value=True, required=True)
    claims = fields.String(required=True, validate=validate.Length(min=1, max=MAX_TEXT))


class CaseDeadlinesOutSchema(Schema):
    acceptance = fields.Date()
    acceptance_overdue = fields.Boolean()
    mediation = fields.Date(allow_none=True)
    mediation_overdue = fields.Boolean()
    confirmation = fields.Date(allow_none=True)


class CaseOutSchema(Schema):
    id = fields.Integer()
    number = fields.String()
    licence_id = fields.Integer()
    patent_id = fields.Integer()
    applicant_organisation_id = fields.Integer()
    respondent_organisation_id = fields.Integer()
    subject = fields.Enum(DisputeSubject, by_value=True)
    claims = fields.String()
    state = fields.Enum(CaseState, by_value=True)
    received_on = fields.Date()
    respondent_answer = fields.Enum(RespondentAnswer, by_value=True)
    decided_on = fields.Date(allow_none=True)
    refusal_ground = fields.Enum(RefusalGround, by_value=True, allow_none=True)
    refusal_details = fields.String()
    mediator_id = fields.Integer(allow_none=True)
    extension_days = fields.Integer(allow_none=True)
    extension_reason = fields.String()
    proposed_terms = fields.String()
    agreement_effect = fields.Enum(AgreementEffect, by_value=True)
    new_payment_terms = fields.String()
    applicant_accepted_terms = fields.Boolean()
    respondent_accepted_terms = fields.Boolean()
    outcome_on = fields.Date(allow_none=True)
    outcome_note = fields.String()
    confirmation_filed_on = fields.Date(allow_none=True)
    confirmation_decided_on = fields.Date(allow_none=True)


class CasePaymentOutSchema(Schema):
    amount_fen = fields.Integer()
    paid_on = fields.Date()
    reference = fields.String()


class CaseReportOutSchema(Schema):
    period_start = fields.Date()
    period_end = fields.Date()
    royalty_fen = fields.Integer()


class CaseRecordalOutSchema(Schema):
    filed_on = fields.Date()
    state = fields.String(attribute="state.value")
    record_date = fields.Date(allow_none=True)
    record_number = fields.String(allow_none=True)


class LicenceRecordOutSchema(Schema):
    """The licence's record attached to the case: read from the licence, never retyped."""

    number = fields.String(attribute="licence.number", allow_none=True)
    state = fields.String(attribute="licence.state.value")
    snapshot = fields.Dict(attribute="licence.snapshot")
    snapshot_hash = fields.String(attribute="licence.snapshot_hash")
    notice_given_at = fields.DateTime(attribute="licence.notice_given_at")
    first_payment_at = fields.DateTime(attribute="licence.first_payment_at", allow_none=True)
    effective_on = fields.Date(attribute="licence.effective_on", allow_none=True)
    ended_on = fields.Date(attribute="licence.ended_on", allow_none=True)
    payments = fields.List(fields.Nested(CasePaymentOutSchema))
    reports = fields.List(fields.Nested(CaseReportOutSchema))
    recordals = fields.List(fields.Nested(CaseRecordalOutSchema))


class CaseDetailOutSchema(Schema):
    case = fields.Nested(CaseOutSchema)
    part = fields.Enum(CaseActor, by_value=True)
    allowed_actions = fields.List(fields.Enum(CaseAction, by_value=True))
    deadlines = fields.Nested(CaseDeadlinesOutSchema)
    licence_record = fields.Nested(LicenceRecordOutSchema)


class CaseMessageInSchema(Schema):
    body = fields.String(load_default="", validate=_text)


class CaseMessageOutSchema(Schema):
    id = fields.Integer()
    author_part = fields.Enum(CaseActor, by_value=True)
    body = fields.String()
    original_name = fields.String(allow_none=True)
    file_kind = fields.String(attribute="file_kind.value", allow_none=True)
    file_size = fields.Integer(allow_none=True)
    created_at = fields.DateTime()


# The fields each step needs; `CaseStepInSchema` checks them for the chosen action.
STEP_FIELDS: dict[CaseAction, tuple[str, ...]] = {
    CaseAction.ANSWER: ("agree",),
    CaseAction.REFUSE: ("ground",),
    CaseAction.ASSIGN_MEDIATOR: ("mediator_id",),
    CaseAction.DECLARE_CONFLICT: ("reason",),
    CaseAction.OBJECT_TO_MEDIATOR: ("reason",),
    CaseAction.DECIDE_OBJECTION: ("uphold", "reason"),
    CaseAction.SCHEDULE_MEETING: ("starts_at",),
    CaseAction.EXTEND_DEADLINE: ("days", "reason"),
    CaseAction.PROPOSE_TERMS: ("terms", "effect"),
    CaseAction.TERMINATE: ("reason",),
    CaseAction.FILE_CONFIRMATION: ("filed_on",),
    CaseAction.RECORD_CONFIRMED: ("decided_on",),
    CaseAction.RECORD_NOT_CONFIRMED: ("decided_on",),
}


class CaseStepInSchema(Schema):
    """One workflow step: ``action`` and the fields that step needs (see each field)."""

    action = fields.Enum(CaseAction, by_value=True, required=True, validate=validate.OneOf(
        list(STEP_ACTIONS)))
    agree = fields.Boolean(metadata={"description": "answer: agree to mediate"})
    ground = fields.Enum(RefusalGround, by_value=True, metadata={"description": "refuse"})
    details = fields.String(load_default="", validate=_text)
    mediator_id = fields.Integer(metadata={"description": "assign_mediator"})
    reason = fields.String(validate=_text, metadata={
        "description": "declare_conflict, object_to_mediator, decide_objection, "
                       "extend_deadline, terminate"})
    uphold = fields.Boolean(metadata={"description": "decide_objection"})
    starts_at = fields.AwareDateTime(default_timezone=None, metadata={
        "description": "schedule_meeting"})
    place = fields.String(load_default="", validate=validate.Length(max=300))
    online_link = fields.Url(load_default="", validate=validate.Length(max=500))
    days = fields.Integer(validate=validate.Range(min=1, max=365),
                          metadata={"description": "extend_deadline"})
    terms = fields.String(validate=_text, metadata={"description": "propose_terms"})
    effect = fields.Enum(AgreementEffect, by_value=True,
                         metadata={"description": "propose_terms"})
    new_payment_terms = fields.String(load_default="", validate=_text)
    filed_on = fields.Date(metadata={"description": "file_confirmation"})
    decided_on = fields.Date(metadata={"description": "record_confirmed, "
                                                      "record_not_confirmed"})

    @validates_schema
    def _required(self, data: dict[str, Any], **_: Any) -> None:
        action: CaseAction | None = data.get("action")
        needed = STEP_FIELDS.get(action, ()) if action is not None else ()
        missing = {name: ["Missing data for required field."]
                   for name in needed if data.get(name) is None}
        if missing:
            raise ValidationError(missing)


class MediationStatisticsOutSchema(Schema):
    total = fields.Integer()
    by_state = fields.Dict(keys=fields.String(), values=fields.Integer())
    by_subject = fields.Dict(keys=fields.String(), values=fields.Integer())
    median_days_to_acceptance = fields.Float(allow_none=True)
    median_days_to_outcome = fields.Float(allow_none=True)
    settled_share = fields.Float(allow_none=True)
