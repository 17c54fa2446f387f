"""Declarations API: drafts, estimate, consents, dry run, submission, the office's decisions,
withdrawal and the false-materials flag. Same permissions as the pages (checked in services)."""

from __future__ import annotations

from typing import Any

from flask import current_app
from flask.views import MethodView
from sqlmodel import Session

from marketplace.accounts.models import Role
from marketplace.db import get_session
from marketplace.declarations import consents, rules, schemas, services
from marketplace.declarations.estimator import EstimateInput, FeeCaps
from marketplace.declarations.models import ConsentPurpose, Declaration
from marketplace.declarations.rules import DeclarationContent, Finding, PreExamination
from marketplace.declarations.terms import FeeMethod
from marketplace.errors import N_, ValidationFailed
from marketplace.web.arguments import Blueprint
from marketplace.web.auth import current_actor, login_required, roles_required
from marketplace.web.errors import localise
from marketplace.web.pagination import Page
from marketplace.web.transaction import transactional

api_blueprint = Blueprint("declarations_api", __name__, url_prefix="/api/v1",
                          description="Open-licence declarations: drafting, consents, "
                                      "pre-examination, the office's decisions, withdrawal")


def policy() -> rules.PreExamPolicy:
    """The pre-examination settings of this app (D3, D4, D6)."""
    return rules.PreExamPolicy.from_settings(current_app.config)


def fee_caps() -> FeeCaps:
    return FeeCaps.from_settings(current_app.config)


def finding_out(finding: Finding) -> dict[str, Any]:
    return {"rule": finding.rule, "code": finding.code, "field": finding.field,
            "severity": finding.severity.value, "message": localise(finding.message),
            "action": localise(finding.action)}


def pre_examination_out(result: PreExamination) -> dict[str, Any]:
    return {"checked_on": result.checked_on, "passed": result.passed,
            "refusals": [finding_out(f) for f in result.refusals],
            "warnings": [finding_out(f) for f in result.warnings]}


def consent_out(line: consents.ConsentLine, purpose: ConsentPurpose) -> dict[str, Any]:
    """A co-owner's standing for ``purpose``; the consent fields are null until asked."""
    consent = line.consent
    return {
        "purpose": purpose, "co_owner_name": line.co_owner.name,
        "co_owner_organisation_id": line.co_owner.organisation_id,
        "on_platform": line.on_platform,
        **{name: getattr(consent, name) if consent else None
           for name in ("requested_at", "given_at", "given_by_id", "method", "signatory",
                        "signed_on")},
    }


def declaration_out(session: Session, declaration: Declaration) -> dict[str, Any]:
    """Everything the declarant, its co-owners and the office see of a declaration."""
    row = services.get_row(session, actor=current_actor(), declaration_id=declaration.id or 0)
    lines = consents.all_consent_lines(session, declaration)
    last = services.last_pre_examination(declaration)
    notice = services.refusal_notice(declaration)
    terms = declaration.fee_terms
    return {
        **schemas.content_values(declaration.content()),
        **declaration.model_dump(exclude={"pre_examination", "refusal_notice"}),
        "patent_number": row.patent.patent_number,
        "patent_title": row.patent.title,
        "organisation_name": row.organisation.name,
        "display_status": declaration.display_status(
            consents.consents_missing(lines[ConsentPurpose.DECLARE])),
        "fee_terms": terms.to_dict() if terms else None,
        "pre_examination": pre_examination_out(last) if last else None,
        "refusal_notice": {"issued_on": notice.issued_on, "note": notice.note,
                           "findings": [finding_out(f) for f in notice.findings]}
        if notice else None,
        "consents": [consent_out(line, purpose) for purpose, purpose_lines in lines.items()
                     for line in purpose_lines],
    }


def _detail(declaration: Declaration) -> dict[str, Any]:
    return declaration_out(get_session(), declaration)


@api_blueprint.route("/declarations")
class Declarations(MethodView):
    @roles_required(Role.PATENTEE, Role.OFFICE)
    @api_blueprint.arguments(schemas.DeclarationListArgsSchema, location="query")
    @api_blueprint.response(200, schemas.DeclarationPageSchema)
    def get(self, args: dict[str, Any]) -> Page[Any]:
        """The patentee's own declarations; every declaration for the office."""
        return services.list_declarations(get_session(), actor=current_actor(),
                                          status=args["status"], page=args["page"],
                                          per_page=args["per_page"])

    @roles_required(Role.PATENTEE)
    @api_blueprint.arguments(schemas.DraftInSchema)
    @api_blueprint.response(201, schemas.DeclarationOutSchema)
    @transactional
    def post(self, draft: tuple[int, DeclarationContent]) -> dict[str, Any]:
        """Draft a declaration for one patent of the caller's portfolio; co-owners' consents
        are requested at once. Field errors are 422; completeness is left to pre-examination."""
        patent_id, content = draft
        return _detail(services.create_draft(get_session(), actor=current_actor(),
                                             patent_id=patent_id, content=content))


@api_blueprint.route("/declarations/bulk")
class BulkDeclarations(MethodView):
    @roles_required(Role.PATENTEE)
    @api_blueprint.arguments(schemas.BulkDraftInSchema)
    @api_blueprint.response(201, schemas.DeclarationSummarySchema(many=True))
    @transactional
    def post(self, drafts: tuple[list[int], DeclarationContent]) -> list[Any]:
        """Draft one declaration per patent with the same terms; all or nothing."""
        patent_ids, content = drafts
        session = get_session()
        created = services.create_drafts(session, actor=current_actor(), patent_ids=patent_ids,
                                         content=content)
        return [services.get_row(session, actor=current_actor(), declaration_id=d.id or 0)
                for d in created]


@api_blueprint.route("/declarations/<int:declaration_id>")
class DeclarationById(MethodView):
    @login_required
    @api_blueprint.response(200, schemas.DeclarationOutSchema)
    def get(self, declaration_id: int) -> dict[str, Any]:
        """A declaration: terms, status, consents, last pre-examination, refusal notice,
        snapshot and hash once announced. Drafts are seen only by those concerned."""
        return _detail(services.get_declaration(get_session(), actor=current_actor(),
                                                declaration_id=declaration_id))

    @roles_required(Role.PATENTEE)
    @api_blueprint.arguments(schemas.ContentSchema(partial=True))
    @api_blueprint.response(200, schemas.DeclarationOutSchema)
    @transactional
    def patch(self, changes: dict[str, Any], declaration_id: int) -> dict[str, Any]:
        """Change some fields of a draft (a refused declaration becomes a draft again).
        Announced terms never change (409): withdraw and declare anew."""
        session = get_session()
        declaration = services.get_declaration(session, actor=current_actor(),
                                               declaration_id=declaration_id)
        values = schemas.content_values(declaration.content())
        if "fee_method" in changes:  # a new method starts from empty figures
            values.update(dict.fromkeys(schemas.TERM_FIELDS))
        values.update(changes)
        return _detail(services.update_draft(session, actor=current_actor(),
                                             declaration_id=declaration_id,
                                             content=schemas.content_from(values)))


@api_blueprint.route("/declarations/<int:declaration_id>/estimate")
class DeclarationEstimate(MethodView):
    @roles_required(Role.PATENTEE)
    @api_blueprint.arguments(schemas.EstimateInSchema)
    @api_blueprint.response(200)
    @transactional
    def post(self, inputs: EstimateInput, declaration_id: int) -> dict[str, Any]:
        """Work out the royalty estimate (DOMAIN §6) and keep it with the draft. The response
        is the stored estimate: inputs, every step, the fee for each payment method."""
        return services.store_estimate(get_session(), actor=current_actor(),
                                       declaration_id=declaration_id, inputs=inputs,
                                       caps=fee_caps()).to_dict()


@api_blueprint.route("/declarations/<int:declaration_id>/estimate/apply")
class ApplyEstimate(MethodView):
    @roles_required(Role.PATENTEE)
    @api_blueprint.arguments(schemas.ApplyEstimateInSchema)
    @api_blueprint.response(200, schemas.DeclarationOutSchema)
    @transactional
    def post(self, data: dict[str, FeeMethod], declaration_id: int) -> dict[str, Any]:
        """Take the stored estimate's fee for one payment method as the draft's terms."""
        session = get_session()
        declaration = services.get_declaration(session, actor=current_actor(),
                                               declaration_id=declaration_id)
        found = services.stored_estimate(declaration)
        terms = found.result(data["method"]).terms if found else None
        if terms is None:
            raise ValidationFailed(N_("The stored estimate has no fee for this method."),
                                   {"method": [N_("No estimated fee for this method.")]})
        return _detail(services.apply_estimated_terms(session, actor=current_actor(),
                                                      declaration_id=declaration_id,
                                                      terms=terms))


@api_blueprint.route("/declarations/<int:declaration_id>/consent-requests")
class ConsentRequests(MethodView):
    @roles_required(Role.PATENTEE)
    @api_blueprint.arguments(schemas.PurposeInSchema)
    @api_blueprint.response(200, schemas.ConsentOutSchema(many=True))
    @transactional
    def post(self, data: dict[str, Any], declaration_id: int) -> list[Any]:
        """Ask every co-owner not asked yet for its consent to declare or to withdraw (D2)."""
        return services.request_consents(get_session(), actor=current_actor(),
                                         declaration_id=declaration_id,
                                         purpose=data["purpose"])


@api_blueprint.route("/declarations/<int:declaration_id>/consents")
class Consents(MethodView):
    @login_required
    @api_blueprint.response(200, schemas.ConsentOutSchema(many=True))
    def get(self, declaration_id: int) -> list[dict[str, Any]]:
        """Every co-owner's standing, for declaring and for withdrawing."""
        session = get_session()
        declaration = services.get_declaration(session, actor=current_actor(),
                                               declaration_id=declaration_id)
        return [consent_out(line, purpose) for purpose, lines
                in consents.all_consent_lines(session, declaration).items() for line in lines]

    @roles_required(Role.PATENTEE)
    @api_blueprint.arguments(schemas.ConsentInSchema)
    @api_blueprint.response(201, schemas.ConsentOutSchema)
    @transactional
    def post(self, data: dict[str, Any], declaration_id: int) -> Any:
        """Consent for the caller's organisation (a co-owner on the platform), or, with
        ``co_owner_name``, record an off-platform co-owner's written consent (declarant)."""
        session, actor = get_session(), current_actor()
        if data["co_owner_name"] is None:
            return consents.give_consent(session, actor=actor, declaration_id=declaration_id,
                                         purpose=data["purpose"])
        return consents.record_written_consent(
            session, actor=actor, declaration_id=declaration_id, purpose=data["purpose"],
            co_owner_name=data["co_owner_name"], signatory=data["signatory"],
            signed_on=data["signed_on"])


@api_blueprint.route("/declarations/<int:declaration_id>/check")
class DryRun(MethodView):
    @roles_required(Role.PATENTEE, Role.OFFICE)
    @api_blueprint.response(200, schemas.PreExaminationOutSchema)
    def get(self, declaration_id: int) -> dict[str, Any]:
        """Run pre-examination (D2–D7) without submitting: every finding, with its rule and
        what to do; fee caps (D6) are warnings. Changes nothing."""
        return pre_examination_out(services.check_declaration(
            get_session(), actor=current_actor(), declaration_id=declaration_id,
            policy=policy()))


@api_blueprint.route("/declarations/<int:declaration_id>/submission")
class Submission(MethodView):
    @roles_required(Role.PATENTEE)
    @api_blueprint.response(200, schemas.PreExaminationOutSchema)
    @transactional
    def post(self, declaration_id: int) -> dict[str, Any]:
        """Submit to the office. Any pre-examination refusal answers 422 with every reason by
        field (``[D5] what is wrong. What to do.``) and nothing is submitted."""
        return pre_examination_out(services.submit_declaration(
            get_session(), actor=current_actor(), declaration_id=declaration_id,
            policy=policy()))


@api_blueprint.route("/office/declarations")
class OfficeQueue(MethodView):
    @roles_required(Role.OFFICE)
    @api_blueprint.arguments(schemas.DeclarationListArgsSchema, location="query")
    @api_blueprint.response(200, schemas.DeclarationPageSchema)
    def get(self, args: dict[str, Any]) -> Page[Any]:
        """Submitted declarations and withdrawal requests, oldest first (office)."""
        return services.office_queue(get_session(), actor=current_actor(), page=args["page"],
                                     per_page=args["per_page"])


@api_blueprint.route("/declarations/<int:declaration_id>/decision")
class Decision(MethodView):
    @roles_required(Role.OFFICE)
    @api_blueprint.arguments(schemas.DecisionInSchema)
    @api_blueprint.response(200, schemas.DeclarationOutSchema)
    @transactional
    def post(self, data: dict[str, Any], declaration_id: int) -> dict[str, Any]:
        """Announce (number, date, frozen snapshot and hash) or refuse with a notice naming
        findings of today's pre-examination by code and/or a note (office)."""
        session, actor = get_session(), current_actor()
        if data["decision"] == "announce":
            declaration = services.announce_declaration(
                session, actor=actor, declaration_id=declaration_id, policy=policy())
        else:
            declaration = services.refuse_declaration(
                session, actor=actor, declaration_id=declaration_id, policy=policy(),
                finding_codes=data["finding_codes"], note=data["note"])
        return _detail(declaration)


@api_blueprint.route("/declarations/<int:declaration_id>/withdrawal-request")
class WithdrawalRequest(MethodView):
    @roles_required(Role.PATENTEE)
    @api_blueprint.arguments(schemas.WithdrawalInSchema)
    @api_blueprint.response(200, schemas.DeclarationOutSchema)
    @transactional
    def post(self, data: dict[str, Any], declaration_id: int) -> dict[str, Any]:
        """Request withdrawal with a reason; every co-owner must have consented to withdraw."""
        return _detail(services.request_withdrawal(get_session(), actor=current_actor(),
                                                   declaration_id=declaration_id,
                                                   reason=data["reason"]))


@api_blueprint.route("/declarations/<int:declaration_id>/withdrawal-decision")
class WithdrawalDecision(MethodView):
    @roles_required(Role.OFFICE)
    @api_blueprint.arguments(schemas.DecisionInSchema)
    @api_blueprint.response(200, schemas.DeclarationOutSchema)
    @transactional
    def post(self, data: dict[str, Any], declaration_id: int) -> dict[str, Any]:
        """Announce the withdrawal (from that date no new licence can be taken) or refuse it
        with a note (office)."""
        session, actor = get_session(), current_actor()
        if data["decision"] == "announce":
            declaration = services.announce_withdrawal(session, actor=actor,
                                                       declaration_id=declaration_id)
        else:
            declaration = services.refuse_withdrawal(session, actor=actor,
                                                     declaration_id=declaration_id,
                                                     note=data["note"])
        return _detail(declaration)


@api_blueprint.route("/declarations/<int:declaration_id>/false-materials")
class FalseMaterials(MethodView):
    @roles_required(Role.OFFICE)
    @api_blueprint.arguments(schemas.FalseMaterialsInSchema)
    @api_blueprint.response(200, schemas.DeclarationOutSchema)
    @transactional
    def post(self, data: dict[str, Any], declaration_id: int) -> dict[str, Any]:
        """Flag an announced declaration as obtained by false materials (D15; office)."""
        return _detail(services.flag_false_materials(
            get_session(), actor=current_actor(), declaration_id=declaration_id,
            flagged_on=data["flagged_on"], note=data["note"]))
