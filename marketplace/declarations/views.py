"""Declaration pages: drafting (one patent or several), the estimate, consents, the dry run,
submission, the patentee's list and detail, the office's queue and decisions, withdrawal."""

from __future__ import annotations

import json
from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from werkzeug.wrappers import Response as BaseResponse

from marketplace.accounts.models import Role
from marketplace.db import get_session
from marketplace.declarations import consents, forms, rules, services
from marketplace.declarations.api import fee_caps, policy
from marketplace.declarations.models import ConsentPurpose, Declaration
from marketplace.declarations.rules import DeclarationStatus, PreExamination
from marketplace.declarations.terms import FeeMethod, FeeTerms
from marketplace.errors import DomainError
from marketplace.patents.models import Patent
from marketplace.patents.services import PatentFilters, list_patents
from marketplace.web.auth import current_actor, login_required, roles_required
from marketplace.web.errors import localise
from marketplace.web.forms import choices, show_domain_errors
from marketplace.web.pagination import requested_page
from marketplace.web.transaction import transactional

blueprint = Blueprint("declarations", __name__)


@blueprint.app_template_filter("terms_summary")
def terms_summary(terms: FeeTerms | None) -> str:
    """``{{ declaration.fee_terms|terms_summary }}``: the fee standard in the page's language."""
    return localise(rules.terms_summary(terms))


@blueprint.app_template_filter("pretty_json")
def pretty_json(value: object) -> str:
    """A snapshot as readable JSON (Chinese kept as is; the page escapes it)."""
    return json.dumps(value, ensure_ascii=False, indent=2, sort_keys=True)

PER_PAGE = 25
BULK_CHOICES = 200


def _names() -> dict[str, Any]:
    return {"FEE_METHOD_NAMES": forms.FEE_METHOD_NAMES,
            "ROYALTY_BASE_NAMES": forms.ROYALTY_BASE_NAMES,
            "MATURITY_NAMES": forms.MATURITY_NAMES, "STATUS_NAMES": forms.STATUS_NAMES,
            "PURPOSE_NAMES": forms.PURPOSE_NAMES, "FEE_FIELD_METHODS": forms.FEE_FIELD_METHODS}


def _render(template: str, **context: Any) -> str:
    return render_template(template, **_names(), **context)


def _failed(error: DomainError) -> str:
    """Undo the request's changes and give the translated summary to flash."""
    get_session().rollback()
    return localise(error.detail)


def _own(declaration_id: int) -> Declaration:
    """A declaration the actor declares (403 otherwise, 404 when not visible)."""
    session = get_session()
    declaration = services.get_declaration(session, actor=current_actor(),
                                           declaration_id=declaration_id)
    if not services.is_declarant(current_actor(), declaration):
        abort(403)
    return declaration


# --- The patentee's list ------------------------------------------------------------------------


@blueprint.route("/declarations")
@roles_required(Role.PATENTEE)
def my_declarations() -> str:
    session = get_session()
    status_arg = request.args.get("status") or None
    status = DeclarationStatus(status_arg) if status_arg in set(DeclarationStatus) else None
    page_number = requested_page()
    page = services.list_declarations(session, actor=current_actor(), status=status,
                                      page=max(1, page_number), per_page=PER_PAGE)
    missing = services.consents_to_declare_missing(session, page.items)
    return _render("declarations/list.html", page=page, missing=missing, status=status,
                   requests=consents.requests_for(session, actor=current_actor()),
                   DeclarationStatus=DeclarationStatus)


# --- Drafting -----------------------------------------------------------------------------------


@blueprint.route("/patents/<int:patent_id>/declare", methods=["GET", "POST"])
@roles_required(Role.PATENTEE)
@transactional
def new_draft(patent_id: int) -> str | BaseResponse:
    session = get_session()
    patent = session.get(Patent, patent_id)
    if patent is None:
        abort(404)
    if patent.owner_id != current_actor().organisation_id:
        abort(403)
    form = forms.DeclarationForm()
    if form.validate_on_submit():
        try:
            declaration = services.create_draft(session, actor=current_actor(),
                                                patent_id=patent_id, content=form.content())
        except DomainError as error:
            session.rollback()
            flash(show_domain_errors(form, error), "error")
        else:
            flash(_("The draft is saved. Check it, then submit it to the office."), "success")
            return redirect(url_for("declarations.detail", declaration_id=declaration.id))
    elif form.is_submitted():
        flash(_("Check the fields marked below; nothing was saved."), "error")
    return _render("declarations/form.html", form=form, patent=patent, declaration=None)


def _portfolio_choices(form: forms.BulkDeclarationForm) -> list[Patent]:
    page = list_patents(get_session(), actor=current_actor(),
                        filters=PatentFilters(owner_id=current_actor().organisation_id),
                        page=1, per_page=BULK_CHOICES)
    declared = services.patents_with_open_declarations(get_session(),
                                                       [p.id or 0 for p in page.items])
    patents = [p for p in page.items if p.jurisdiction == "CN" and p.id not in declared]
    form.patent_ids.choices = choices(
        (p.id, f"{p.patent_number or p.application_number or ''} {p.title}") for p in patents)
    return patents


@blueprint.route("/portfolio/declare", methods=["GET", "POST"])
@roles_required(Role.PATENTEE)
@transactional
def bulk_draft() -> str | BaseResponse:
    session = get_session()
    form = forms.BulkDeclarationForm()
    patents = _portfolio_choices(form)
    if form.validate_on_submit():
        try:
            created = services.create_drafts(session, actor=current_actor(),
                                             patent_ids=form.patent_ids.data,
                                             content=form.content())
        except DomainError as error:
            session.rollback()
            flash(show_domain_errors(form, error), "error")
        else:
            flash(ngettext("%(num)d draft saved.", "%(num)d drafts saved.", len(created)),
                  "success")
            return redirect(url_for("declarations.my_declarations"))
    elif form.is_submitted():
        flash(_("Check the fields marked below; nothing was saved."), "error")
    return _render("declarations/bulk.html", form=form, patents=patents)


@blueprint.route("/declarations/<int:declaration_id>/edit", methods=["GET", "POST"])
@roles_required(Role.PATENTEE)
@transactional
def edit(declaration_id: int) -> str | BaseResponse:
    session = get_session()
    declaration = _own(declaration_id)
    if declaration.status not in rules.EDITABLE:
        flash(_("Only a draft or a refused declaration can be changed; announced terms never "
                "change (D8)."), "error")
        return redirect(url_for("declarations.detail", declaration_id=declaration_id))
    # Stored values fill the form on GET only: a POST stands alone, as the browser sends it.
    form = forms.DeclarationForm(data=forms.TermsFields.data_from(declaration.content())
                                 if request.method == "GET" else None)
    if form.validate_on_submit():
        try:
            services.update_draft(session, actor=current_actor(),
                                  declaration_id=declaration_id, content=form.content())
        except DomainError as error:
            session.rollback()
            flash(show_domain_errors(form, error), "error")
        else:
            flash(_("The draft is saved."), "success")
            return redirect(url_for("declarations.detail", declaration_id=declaration_id))
    elif form.is_submitted():
        flash(_("Check the fields marked below; nothing was saved."), "error")
    patent = session.get(Patent, declaration.patent_id)
    return _render("declarations/form.html", form=form, patent=patent, declaration=declaration,
                   estimate=services.stored_estimate(declaration))


# --- Estimate -----------------------------------------------------------------------------------


def _estimate_page(declaration: Declaration, form: forms.EstimateForm) -> str:
    session = get_session()
    patent = session.get(Patent, declaration.patent_id)
    assert patent is not None
    return _render("declarations/estimate.html", declaration=declaration, patent=patent,
                   form=form, estimate=services.stored_estimate(declaration),
                   distributions=services.fee_distributions_for(session, patent),
                   ipc_subclass=services.main_ipc_subclass(patent),
                   apply_form=forms.ApplyEstimateForm())


def _show_estimate_errors(form: forms.EstimateForm, error: DomainError) -> None:
    """Put the estimator's dotted field errors (``coefficients.0.value``) next to the fields."""
    for key, messages in error.details.items():
        name, _sep, rest = key.partition(".")
        target = getattr(form, name, None)
        if rest and target is not None:
            index, _sep, sub = rest.partition(".")
            rows = target.entries if hasattr(target, "entries") else []
            target = (rows[int(index)].form[sub] if index.isdigit() and int(index) < len(rows)
                      and sub in rows[int(index)].form else None)
        texts = [localise(m) for m in messages]
        if target is not None and hasattr(target, "errors") and isinstance(target.errors, list):
            target.errors.extend(texts)
        else:
            form.form_errors.extend(texts)


@blueprint.route("/declarations/<int:declaration_id>/estimate", methods=["GET", "POST"])
@roles_required(Role.PATENTEE)
@transactional
def estimate(declaration_id: int) -> str | BaseResponse:
    declaration = _own(declaration_id)
    stored = services.stored_estimate(declaration)
    form = forms.EstimateForm(data=forms.estimate_form_data(stored.inputs)
                              if stored and request.method == "GET" else None)
    if form.validate_on_submit():
        try:
            services.store_estimate(get_session(), actor=current_actor(),
                                    declaration_id=declaration_id, inputs=form.inputs(),
                                    caps=fee_caps())
        except DomainError as error:
            flash(_failed(error), "error")
            _show_estimate_errors(form, error)
        else:
            flash(_("The estimate is saved with the draft."), "success")
            return redirect(url_for("declarations.estimate", declaration_id=declaration_id))
    elif form.is_submitted():
        flash(_("Check the fields marked below; nothing was saved."), "error")
    return _estimate_page(declaration, form)


@blueprint.route("/declarations/<int:declaration_id>/estimate/apply", methods=["POST"])
@roles_required(Role.PATENTEE)
@transactional
def apply_estimate(declaration_id: int) -> BaseResponse:
    declaration = _own(declaration_id)
    form = forms.ApplyEstimateForm()
    found = services.stored_estimate(declaration)
    if form.validate_on_submit() and found is not None \
            and form.method.data in set(FeeMethod):
        terms = found.result(FeeMethod(form.method.data)).terms
        if terms is not None:
            try:
                services.apply_estimated_terms(get_session(), actor=current_actor(),
                                               declaration_id=declaration_id, terms=terms)
            except DomainError as error:
                flash(_failed(error), "error")
            else:
                flash(_("The estimated terms are now the draft's fee terms."), "success")
                return redirect(url_for("declarations.edit", declaration_id=declaration_id))
    else:
        flash(_("The stored estimate has no fee for this method."), "error")
    return redirect(url_for("declarations.estimate", declaration_id=declaration_id))


# --- Detail, dry run, submission ----------------------------------------------------------------


def _detail_page(declaration: Declaration, result: PreExamination | None = None,
                 result_title: str | None = None,
                 submit_form: forms.SubmitDeclarationForm | None = None) -> str:
    session = get_session()
    actor = current_actor()
    row = services.get_row(session, actor=actor, declaration_id=declaration.id or 0)
    lines = consents.all_consent_lines(session, declaration)
    return _render(
        "declarations/detail.html", row=row, d=declaration, lines=lines,
        display_status=declaration.display_status(
            consents.consents_missing(lines[ConsentPurpose.DECLARE])),
        is_declarant=services.is_declarant(actor, declaration),
        is_office=actor.role is Role.OFFICE,
        last=services.last_pre_examination(declaration),
        notice=services.refusal_notice(declaration),
        estimate=services.stored_estimate(declaration),
        result=result, result_title=result_title, action_form=forms.ActionForm(),
        submit_form=submit_form or forms.SubmitDeclarationForm(formdata=None),
        editable=declaration.status in rules.EDITABLE,
        public=declaration.status in rules.PUBLIC)


@blueprint.route("/declarations/<int:declaration_id>")
@login_required
def detail(declaration_id: int) -> str:
    declaration = services.get_declaration(get_session(), actor=current_actor(),
                                           declaration_id=declaration_id)
    return _detail_page(declaration)


@blueprint.route("/declarations/<int:declaration_id>/check")
@roles_required(Role.PATENTEE, Role.OFFICE)
def check(declaration_id: int) -> str:
    session = get_session()
    result = services.check_declaration(session, actor=current_actor(),
                                        declaration_id=declaration_id, policy=policy())
    declaration = services.load(session, declaration_id)
    return _detail_page(declaration, result, _("Dry run: pre-examination as of today"))


@blueprint.route("/declarations/<int:declaration_id>/submit", methods=["POST"])
@roles_required(Role.PATENTEE)
@transactional
def submit(declaration_id: int) -> str | BaseResponse | tuple[str, int]:
    session = get_session()
    declaration = _own(declaration_id)
    form = forms.SubmitDeclarationForm()
    if not form.validate_on_submit():
        return _detail_page(declaration, submit_form=form), 422
    try:
        services.submit_declaration(session, actor=current_actor(),
                                    declaration_id=declaration_id, policy=policy())
    except services.PreExaminationFailed as error:
        flash(_failed(error), "error")
        return _detail_page(declaration, error.result,
                            _("Submission refused by pre-examination"))
    except DomainError as error:
        flash(_failed(error), "error")
    else:
        flash(_("Submitted: the office will pre-examine and decide."), "success")
    return redirect(url_for("declarations.detail", declaration_id=declaration_id))


# --- Consents -----------------------------------------------------------------------------------


def _written_form(purpose: ConsentPurpose, lines: list[consents.ConsentLine],
                  formdata: bool) -> forms.WrittenConsentForm:
    form = forms.WrittenConsentForm(prefix=purpose.value, **({} if formdata
                                                             else {"formdata": None}))
    form.purpose.data = purpose.value
    form.co_owner_name.choices = choices(
        (line.co_owner.name, line.co_owner.name) for line in lines
        if not line.on_platform and not line.given)
    return form


def _consent_page(declaration_id: int,
                  posted: ConsentPurpose | None = None) -> str | BaseResponse:
    """Co-owners' consents: request them, give one's own, record a written one."""
    session = get_session()
    actor = current_actor()
    declaration = services.get_declaration(session, actor=actor, declaration_id=declaration_id)
    is_declarant = services.is_declarant(actor, declaration)
    if not (is_declarant or services.is_co_owner(session, actor, declaration)):
        abort(403)
    lines = consents.all_consent_lines(session, declaration)
    written = {purpose: _written_form(purpose, lines[purpose], purpose is posted)
               for purpose in ConsentPurpose}
    if posted is not None and written[posted].validate_on_submit():
        form = written[posted]
        try:
            consents.record_written_consent(
                session, actor=actor, declaration_id=declaration_id, purpose=posted,
                co_owner_name=form.co_owner_name.data, signatory=form.signatory.data,
                signed_on=form.signed_on.data)
        except DomainError as error:
            session.rollback()
            flash(show_domain_errors(form, error), "error")
        else:
            flash(_("The written consent is recorded."), "success")
            return _redirect_to_consents(declaration_id)
    elif posted is not None:
        flash(_("Check the fields marked below; nothing was saved."), "error")
    row = services.get_row(session, actor=actor, declaration_id=declaration_id)
    return _render("declarations/consents.html", row=row, d=declaration, lines=lines,
                   written=written, is_declarant=is_declarant, action_form=forms.ActionForm(),
                   own_org=actor.organisation_id)


def _redirect_to_consents(declaration_id: int) -> BaseResponse:
    return redirect(url_for("declarations.consent_page", declaration_id=declaration_id))


@blueprint.route("/declarations/<int:declaration_id>/consents")
@roles_required(Role.PATENTEE)
def consent_page(declaration_id: int) -> str | BaseResponse:
    return _consent_page(declaration_id)


@blueprint.route("/declarations/<int:declaration_id>/consents/written/<purpose>",
                 methods=["POST"])
@roles_required(Role.PATENTEE)
@transactional
def record_written_consent(declaration_id: int, purpose: str) -> str | BaseResponse:
    if purpose not in set(ConsentPurpose):
        abort(404)
    return _consent_page(declaration_id, ConsentPurpose(purpose))


def _purpose_action(declaration_id: int, action: str) -> BaseResponse:
    services.get_declaration(get_session(), actor=current_actor(),
                             declaration_id=declaration_id)  # 404 before any input check
    form = forms.ActionForm()
    if not form.validate_on_submit() or form.purpose.data not in set(ConsentPurpose):
        abort(400)
    purpose = ConsentPurpose(form.purpose.data)
    session, actor = get_session(), current_actor()
    try:
        if action == "request":
            services.request_consents(session, actor=actor, declaration_id=declaration_id,
                                      purpose=purpose)
            flash(_("The co-owners are asked for their consent."), "success")
        else:
            consents.give_consent(session, actor=actor, declaration_id=declaration_id,
                                  purpose=purpose)
            flash(_("Your consent is recorded."), "success")
    except DomainError as error:
        flash(_failed(error), "error")
    return _redirect_to_consents(declaration_id)


@blueprint.route("/declarations/<int:declaration_id>/consents/request", methods=["POST"])
@roles_required(Role.PATENTEE)
@transactional
def request_consents(declaration_id: int) -> BaseResponse:
    return _purpose_action(declaration_id, "request")


@blueprint.route("/declarations/<int:declaration_id>/consents/give", methods=["POST"])
@roles_required(Role.PATENTEE)
@transactional
def give_consent(declaration_id: int) -> BaseResponse:
    return _purpose_action(declaration_id, "give")


# --- Withdrawal ---------------------------------------------------------------------------------


@blueprint.route("/declarations/<int:declaration_id>/withdraw", methods=["GET", "POST"])
@roles_required(Role.PATENTEE)
@transactional
def withdraw(declaration_id: int) -> str | BaseResponse:
    session = get_session()
    declaration = _own(declaration_id)
    form = forms.WithdrawalRequestForm()
    if form.validate_on_submit():
        try:
            services.request_withdrawal(session, actor=current_actor(),
                                        declaration_id=declaration_id,
                                        reason=form.reason.data or "")
        except DomainError as error:
            session.rollback()
            flash(show_domain_errors(form, error), "error")
        else:
            flash(_("The withdrawal is requested; the office will announce it."), "success")
            return redirect(url_for("declarations.detail", declaration_id=declaration_id))
    lines = consents.consent_lines(session, declaration, ConsentPurpose.WITHDRAW)
    row = services.get_row(session, actor=current_actor(), declaration_id=declaration_id)
    return _render("declarations/withdraw.html", row=row, d=declaration, form=form,
                   lines=lines, action_form=forms.ActionForm())


# --- The office ---------------------------------------------------------------------------------


@blueprint.route("/office/declarations")
@roles_required(Role.OFFICE)
def office_queue() -> str:
    page_number = requested_page()
    page = services.office_queue(get_session(), actor=current_actor(), page=page_number,
                                 per_page=PER_PAGE)
    return _render("declarations/queue.html", page=page)


@blueprint.route("/office/declarations/<int:declaration_id>", methods=["GET", "POST"])
@roles_required(Role.OFFICE)
@transactional
def office_decision(declaration_id: int) -> str | BaseResponse:
    session = get_session()
    actor = current_actor()
    declaration = services.get_declaration(session, actor=actor, declaration_id=declaration_id)
    result = services.check_declaration(session, actor=actor, declaration_id=declaration_id,
                                        policy=policy())
    form = forms.DecisionForm(prefix="decision")
    labels: dict[str, list[str]] = {}
    for finding in result.refusals:
        labels.setdefault(finding.code, []).append(
            f"[{finding.rule}] {localise(finding.message)}")
    form.finding_codes.choices = choices((code, " / ".join(texts))
                                         for code, texts in labels.items())
    if request.method == "GET":
        form.finding_codes.data = [f.code for f in result.refusals]
    withdrawal_form = forms.WithdrawalDecisionForm(prefix="withdrawal")
    false_form = forms.FalseMaterialsForm(prefix="false")
    if request.method == "POST":
        try:
            if request.form.get("decision-submit") and form.validate_on_submit():
                if form.decision.data == "announce":
                    services.announce_declaration(session, actor=actor,
                                                  declaration_id=declaration_id,
                                                  policy=policy())
                    flash(_("Announced as %(number)s.",
                            number=declaration.announcement_number), "success")
                else:
                    services.refuse_declaration(session, actor=actor,
                                                declaration_id=declaration_id, policy=policy(),
                                                finding_codes=form.finding_codes.data or [],
                                                note=form.note.data or "")
                    flash(_("Refused; the patentee sees the refusal notice."), "success")
                return redirect(url_for("declarations.office_queue"))
            if request.form.get("withdrawal-submit") and withdrawal_form.validate_on_submit():
                if withdrawal_form.decision.data == "announce":
                    services.announce_withdrawal(session, actor=actor,
                                                 declaration_id=declaration_id)
                    flash(_("The withdrawal is announced as %(number)s.",
                            number=declaration.withdrawal_number), "success")
                else:
                    services.refuse_withdrawal(session, actor=actor,
                                               declaration_id=declaration_id,
                                               note=withdrawal_form.note.data or "")
                    flash(_("The withdrawal is refused."), "success")
                return redirect(url_for("declarations.office_queue"))
            if request.form.get("false-submit") and false_form.validate_on_submit():
                services.flag_false_materials(session, actor=actor,
                                              declaration_id=declaration_id,
                                              flagged_on=false_form.flagged_on.data,
                                              note=false_form.note.data or "")
                flash(_("The declaration is flagged as obtained by false materials."),
                      "success")
                return redirect(url_for("declarations.detail", declaration_id=declaration_id))
            flash(_("Check the fields marked below; nothing was changed."), "error")
        except DomainError as error:
            session.rollback()
            target = (withdrawal_form if request.form.get("withdrawal-submit")
                      else false_form if request.form.get("false-submit") else form)
            flash(show_domain_errors(target, error), "error")
    row = services.get_row(session, actor=actor, declaration_id=declaration_id)
    return _render("declarations/decision.html", row=row, d=declaration, result=result,
                   form=form, withdrawal_form=withdrawal_form, false_form=false_form,
                   last=services.last_pre_examination(declaration),
                   public=declaration.status in rules.PUBLIC)
