"""Mediation API: the same cases, steps, messages and documents as the pages, with the same
rules: a case exists only for its parties' users, its mediator and the office (404 for
everyone else), never in the public register or search (D16)."""

from __future__ import annotations

from typing import Any

from flask import request
from flask.views import MethodView
from werkzeug.wrappers import Response as BaseResponse

from marketplace.accounts.models import Role
from marketplace.calendar import china_today
from marketplace.db import get_session
from marketplace.errors import N_, ValidationFailed
from marketplace.mediation import actions, rules, schemas, services
from marketplace.mediation.models import CaseMessage, MediationCase
from marketplace.mediation.views import context, download, policy, storage, uploads
from marketplace.web.arguments import Blueprint
from marketplace.web.auth import current_actor, login_required, roles_required
from marketplace.web.transaction import transactional

api_blueprint = Blueprint("mediation_api", __name__, url_prefix="/api/v1",
                          description="Mediation of open-licence disputes (confidential: the "
                                      "parties, the assigned mediator and the office only)")


def _detail(case: MediationCase) -> dict[str, Any]:
    part = services.case_part(case, current_actor())
    assert part is not None
    return {"case": case, "part": part,
            "allowed_actions": [a for a in rules.allowed_actions(case.state, part)
                                if a in actions.STEP_ACTIONS],
            "deadlines": services.deadlines(case, policy(), china_today()),
            "licence_record": services.licence_record(get_session(), case)}


@api_blueprint.route("/mediation/cases")
class Cases(MethodView):
    @login_required
    @api_blueprint.arguments(schemas.CaseListArgsSchema, location="query")
    @api_blueprint.response(200, schemas.CaseOutSchema(many=True))
    def get(self, args: dict[str, Any]) -> list[MediationCase]:
        """The cases the caller may see: all (office), assigned (mediator), own (parties)."""
        return services.list_cases(get_session(), actor=current_actor(), state=args["state"])

    @roles_required(Role.SME, Role.PATENTEE)
    @api_blueprint.arguments(schemas.CaseInSchema)
    @api_blueprint.response(201, schemas.CaseDetailOutSchema)
    @transactional
    def post(self, args: dict[str, Any]) -> dict[str, Any]:
        """Apply for mediation on a licence the caller's organisation is a party to; add
        documents afterwards through the case's messages."""
        case = services.open_case(
            get_session(), actor=current_actor(),
            new=services.NewCase(args["licence_id"], args["subject"], args["claims"]),
            documents=[], storage=storage())
        return _detail(case)


@api_blueprint.route("/mediation/cases/<int:case_id>")
class CaseById(MethodView):
    @login_required
    @api_blueprint.response(200, schemas.CaseDetailOutSchema)
    def get(self, case_id: int) -> dict[str, Any]:
        """The case, the caller's part, its allowed steps, deadlines and the licence's record."""
        return _detail(services.get_case(get_session(), actor=current_actor(), case_id=case_id))


@api_blueprint.route("/mediation/cases/<int:case_id>/steps")
class CaseSteps(MethodView):
    @login_required
    @api_blueprint.arguments(schemas.CaseStepInSchema)
    @api_blueprint.response(200, schemas.CaseDetailOutSchema)
    @transactional
    def post(self, args: dict[str, Any], case_id: int) -> dict[str, Any]:
        """Take one workflow step (answer, accept, refuse, assign_mediator, declare_conflict,
        object_to_mediator, decide_objection, start_mediation, schedule_meeting,
        extend_deadline, propose_terms, accept_terms, record_agreement, terminate, withdraw,
        file_confirmation, record_confirmed, record_not_confirmed)."""
        session = get_session()
        services.get_case(session, actor=current_actor(), case_id=case_id)
        actions.take(session, current_actor(), case_id, args["action"], args, context())
        return _detail(services.get_case(session, actor=current_actor(), case_id=case_id))


@api_blueprint.route("/mediation/cases/<int:case_id>/messages")
class CaseMessages(MethodView):
    @login_required
    @api_blueprint.response(200, schemas.CaseMessageOutSchema(many=True))
    def get(self, case_id: int) -> list[CaseMessage]:
        """The case's messages and documents, oldest first."""
        session = get_session()
        return services.messages(session, services.get_case(session, actor=current_actor(),
                                                            case_id=case_id))

    @login_required
    @api_blueprint.arguments(schemas.CaseMessageInSchema, location="form")
    @api_blueprint.response(201, schemas.CaseMessageOutSchema)
    @transactional
    def post(self, args: dict[str, Any], case_id: int) -> CaseMessage:
        """Post a message (form field ``body``) and/or a document (file field ``document``),
        as multipart/form-data."""
        files = uploads(request.files.getlist("document"))
        if len(files) > 1:
            raise ValidationFailed(N_("One document per message."),
                                   {"document": [N_("One document per message.")]})
        return services.post_message(get_session(), actor=current_actor(), case_id=case_id,
                                     body=args["body"], upload=files[0] if files else None,
                                     storage=storage())


@api_blueprint.route("/mediation/cases/<int:case_id>/messages/<int:message_id>/document")
class CaseDocument(MethodView):
    @login_required
    @api_blueprint.response(200, description="The document, as an attachment")
    def get(self, case_id: int, message_id: int) -> BaseResponse:
        """Download a case document (attachment, sniffed type, ``nosniff``)."""
        return download(services.get_document(get_session(), actor=current_actor(),
                                              case_id=case_id, message_id=message_id))


@api_blueprint.route("/mediation/statistics")
class Statistics(MethodView):
    @roles_required(Role.OFFICE)
    @api_blueprint.response(200, schemas.MediationStatisticsOutSchema)
    def get(self) -> services.Statistics:
        """Cases by state and subject, median days to acceptance and outcome, share settled."""
        return services.statistics(get_session(), actor=current_actor())
