"""Mediation pages: open a case from a licence, the case with its licence record, deadlines,
messages, documents and the steps the user may take; the office's list and statistics (D16).

A case exists, for a page, only for its parties' users, its mediator and the office: everyone
else gets 404 (`services.get_case`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from werkzeug.wrappers import Response as BaseResponse

from marketplace.accounts.models import Organisation, Role, User
from marketplace.calendar import china_today
from marketplace.db import get_session, utcnow
from marketplace.errors import Conflict, ValidationFailed
from marketplace.mediation import actions, forms, rules, services
from marketplace.mediation.models import MediationCase
from marketplace.mediation.rules import CaseAction, CaseState, DisputeSubject
from marketplace.web.arguments import query_int
from marketplace.web.auth import current_actor, login_required, roles_required
from marketplace.web.downloads import send_stored
from marketplace.web.errors import localise
from marketplace.web.formatting import sentence_case
from marketplace.web.forms import choices, show_domain_errors
from marketplace.web.transaction import transactional

blueprint = Blueprint("mediation", __name__)


def policy() -> rules.MediationPolicy:
    return rules.MediationPolicy.from_settings(current_app.config)


def storage() -> services.Storage:
    return services.Storage(Path(current_app.config["UPLOAD_DIR"]) / "mediation",
                            int(current_app.config["MAX_UPLOAD_MB"]) * 1024 * 1024)


def context() -> actions.Context:
    return actions.Context(policy(), storage(), china_today())


def uploads(items: list[Any]) -> list[services.Upload]:
    """The non-empty files of a form field as uploads."""
    result = []
    for item in items:
        name: str = getattr(item, "filename", None) or ""
        if name:
            result.append(services.Upload(item.stream, name))
    return result


def download(message: Any) -> BaseResponse:
    """Send a stored case document as an attachment with its sniffed type, never rendered."""
    assert message.stored_name and message.file_kind
    return send_stored(storage().directory, message.stored_name,
                       message.original_name or "document", message.file_kind)


def _step_form(action: CaseAction, case: MediationCase) -> forms.StepForm:
    form = forms.STEP_FORMS[action](prefix=action.value)
    form.submit.label.text = sentence_case(localise(rules.ACTION_LABELS[action]))
    if isinstance(form, forms.RefuseForm):
        form.ground.choices = choices((g.value, localise(label))
                                      for g, label in rules.GROUND_LABELS.items())
    if isinstance(form, forms.AssignForm):
        form.mediator_id.choices = choices(
            (m.id, m.display_name) for m in services.mediators(get_session())
            if m.id != case.mediator_id)
    return form


_FORWARD = frozenset(actions.STEP_ACTIONS) - forms.MEDIATOR_ACTIONS - forms.FINAL_ACTIONS


def _render_case(case: MediationCase, failed: tuple[CaseAction, forms.StepForm] | None = None,
                 message_form: forms.MessageForm | None = None, status: int = 200) -> Any:
    session = get_session()
    actor = current_actor()
    part = services.case_part(case, actor)
    assert part is not None
    allowed = rules.allowed_actions(case.state, part)
    step_forms = [(action, failed[1] if failed is not None and failed[0] is action
                   else _step_form(action, case))
                  for action in allowed if action in actions.STEP_ACTIONS]
    groups = [(title, [(a, f) for a, f in step_forms if a in kinds]) for title, kinds in (
        (_("Move the case forward"), _FORWARD), (_("About the mediator"), forms.MEDIATOR_ACTIONS),
        (_("Conclude or end the case"), forms.FINAL_ACTIONS))]
    may_post = CaseAction.POST_MESSAGE in allowed
    organisations = {o.id: o for o in (session.get(Organisation, case.applicant_organisation_id),
                                       session.get(Organisation, case.respondent_organisation_id))
                     if o is not None}
    mediator = session.get(User, case.mediator_id) if case.mediator_id else None
    body = render_template(
        "mediation/detail.html", case=case, part=part,
        record=services.licence_record(session, case),
        deadlines=services.deadlines(case, policy(), china_today()),
        messages=services.messages(session, case), meetings=services.meetings(session, case),
        objection=services.pending_objection(session, case), mediator=mediator,
        timeline=services.timeline(session, case, policy(), utcnow()),
        action_groups=[(title, group) for title, group in groups if group],
        DESTRUCTIVE=forms.DESTRUCTIVE_ACTIONS,
        organisations=organisations, message_form=(message_form or forms.MessageForm())
        if may_post else None, rules=rules, EFFECT_NAMES=forms.EFFECT_NAMES)
    return body, status


@blueprint.route("/mediation/cases")
@login_required
def list_cases() -> str:
    actor = current_actor()
    state_arg = request.args.get("state", "")
    state = CaseState(state_arg) if state_arg in CaseState.__members__.values() else None
    cases = services.list_cases(get_session(), actor=actor, state=state)
    settings, today = policy(), china_today()
    return render_template("mediation/list.html", cases=cases, state=state, rules=rules,
                           deadlines={c.id: services.deadlines(c, settings, today)
                                      for c in cases})


@blueprint.route("/mediation/open", methods=["GET", "POST"])
@roles_required(Role.SME, Role.PATENTEE)
@transactional
def open_case() -> Any:
    session = get_session()
    actor = current_actor()
    form = forms.OpenCaseForm()
    form.licence_id.choices = choices(
        (licence.id, f"{licence.number or licence.notice_reference} · "
                     f"{licence.snapshot.get('number', '')}")
        for licence in services.my_licences(session, actor=actor))
    form.subject.choices = choices((s.value, localise(label))
                                   for s, label in rules.SUBJECT_LABELS.items())
    chosen = query_int("licence")
    if request.method == "GET" and chosen:
        form.licence_id.data = chosen
    if form.validate_on_submit():
        try:
            case = services.open_case(
                session, actor=actor,
                new=services.NewCase(form.licence_id.data, DisputeSubject(form.subject.data),
                                     form.claims.data),
                documents=uploads(form.documents.data or []), storage=storage())
        except ValidationFailed as error:
            session.rollback()
            flash(show_domain_errors(form, error), "error")
        else:
            flash(_("Your application %(number)s was sent to the other party.",
                    number=case.number), "success")
            return redirect(url_for("mediation.detail", case_id=case.id))
    return render_template("mediation/open.html", form=form)


@blueprint.route("/mediation/cases/<int:case_id>")
@login_required
def detail(case_id: int) -> Any:
    return _render_case(services.get_case(get_session(), actor=current_actor(), case_id=case_id))


@blueprint.route("/mediation/cases/<int:case_id>/steps/<action>", methods=["POST"])
@login_required
@transactional
def step(case_id: int, action: str) -> Any:
    session = get_session()
    case = services.get_case(session, actor=current_actor(), case_id=case_id)
    if action not in CaseAction.__members__.values() \
            or CaseAction(action) not in actions.STEP_ACTIONS:
        abort(404)
    case_action = CaseAction(action)
    form = _step_form(case_action, case)
    if form.validate_on_submit():
        data = {name: field.data for name, field in form._fields.items()}
        try:
            actions.take(session, current_actor(), case_id, case_action, data, context())
        except (ValidationFailed, Conflict) as error:
            session.rollback()
            flash(show_domain_errors(form, error), "error")
        else:
            flash(_("Done: %(step)s.", step=localise(rules.ACTION_LABELS[case_action])),
                  "success")
            return redirect(url_for("mediation.detail", case_id=case_id))
    case = services.get_case(session, actor=current_actor(), case_id=case_id)
    return _render_case(case, failed=(case_action, form), status=422)


@blueprint.route("/mediation/cases/<int:case_id>/messages", methods=["POST"])
@login_required
@transactional
def post_message(case_id: int) -> Any:
    session = get_session()
    case = services.get_case(session, actor=current_actor(), case_id=case_id)
    form = forms.MessageForm()
    if form.validate_on_submit():
        upload = uploads([form.document.data])
        try:
            services.post_message(session, actor=current_actor(), case_id=case_id,
                                  body=form.body.data or "",
                                  upload=upload[0] if upload else None, storage=storage())
        except (ValidationFailed, Conflict) as error:
            session.rollback()
            flash(show_domain_errors(form, error), "error")
        else:
            flash(_("Your message was sent."), "success")
            return redirect(url_for("mediation.detail", case_id=case_id) + "#messages")
    case = services.get_case(session, actor=current_actor(), case_id=case_id)
    return _render_case(case, message_form=form, status=422)


@blueprint.route("/mediation/cases/<int:case_id>/documents/<int:message_id>")
@login_required
def document(case_id: int, message_id: int) -> BaseResponse:
    return download(services.get_document(get_session(), actor=current_actor(),
                                          case_id=case_id, message_id=message_id))


@blueprint.route("/office/mediation/statistics")
@roles_required(Role.OFFICE)
def statistics() -> str:
    figures = services.statistics(get_session(), actor=current_actor())
    return render_template("mediation/statistics.html", figures=figures, rules=rules)
