"""Need pages: post, edit, close; a need with its explained matches; alerts (saved needs and
searches); and, on a patent's page, the needs it matches (for its owner)."""

from __future__ import annotations

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
from flask_login import current_user
from werkzeug.wrappers import Response as BaseResponse

from marketplace.accounts import services as account_services
from marketplace.accounts.models import Role
from marketplace.db import get_session
from marketplace.errors import DomainError
from marketplace.needs import forms, ranking, rules, services
from marketplace.needs.models import CooperationMode, Need
from marketplace.patents.forms import KIND_NAMES, STATUS_NAMES
from marketplace.patents.models import Patent
from marketplace.patents.services import may_manage
from marketplace.search.sync import search_index
from marketplace.search.views import FIELD_NAMES
from marketplace.web.auth import current_actor, login_required, roles_required
from marketplace.web.forms import show_domain_errors
from marketplace.web.pagination import requested_page
from marketplace.web.transaction import transactional

blueprint = Blueprint("needs", __name__)

PER_PAGE = 20
MATCHES_PER_LIST = 10


def _settings() -> ranking.MatchSettings:
    return ranking.MatchSettings.from_config(current_app.config)


@blueprint.app_template_global()
def patent_matching_needs(patent: Patent) -> list[ranking.PatentNeed]:
    """On a patent's page: the active needs it matches, for the patent's owner only."""
    if not current_user.is_authenticated or patent.id is None \
            or not may_manage(current_actor(), patent):
        return []
    return ranking.needs_for_patent(get_session(), patent.id, services.today(), _settings())


def _new_need(form: forms.NeedForm) -> services.NewNeed:
    return services.NewNeed(
        title=form.title.data.strip(), description=form.description.data.strip(),
        industry=form.industry.data.strip(),
        technical_indicators=(form.technical_indicators.data or "").strip() or None,
        budget_min_fen=(rules.yuan_to_fen(form.budget_min.data)
                        if form.budget_min.data is not None else None),
        budget_max_fen=(rules.yuan_to_fen(form.budget_max.data)
                        if form.budget_max.data is not None else None),
        region=form.region.data, cooperation_mode=CooperationMode(form.cooperation_mode.data),
        valid_until=form.valid_until.data)


def _fill(form: forms.NeedForm, need: Need) -> None:
    form.title.data, form.description.data = need.title, need.description
    form.industry.data, form.technical_indicators.data = need.industry, need.technical_indicators
    form.budget_min.data = (rules.fen_to_yuan(need.budget_min_fen)
                            if need.budget_min_fen is not None else None)
    form.budget_max.data = (rules.fen_to_yuan(need.budget_max_fen)
                            if need.budget_max_fen is not None else None)
    form.region.data, form.cooperation_mode.data = need.region, need.cooperation_mode.value
    form.valid_until.data = need.valid_until


@blueprint.route("/needs")
@login_required
def list_needs() -> str:
    actor = current_actor()
    mine = request.args.get("mine") == "1" and actor.role is Role.SME
    q = request.args.get("q", "")[:200]
    page_number = requested_page()
    session = get_session()
    page = services.list_needs(session, actor=actor, mine=mine, q=q, page=page_number,
                               per_page=PER_PAGE)
    return render_template("needs/list.html", page=page, mine=mine, q=q,
                           organisations=services.organisations_of(session, page.items),
                           COOPERATION_NAMES=forms.COOPERATION_NAMES)


@blueprint.route("/needs/new", methods=["GET", "POST"])
@roles_required(Role.SME)
@transactional
def new_need() -> str | BaseResponse:
    form = forms.NeedForm()
    if request.method == "GET":
        # Most needs are used where the company is: its region is the first guess.
        form.region.data = account_services.get_organisation(
            get_session(), current_actor().organisation_id).region
    if form.validate_on_submit():
        try:
            need = services.create_need(get_session(), actor=current_actor(),
                                        new=_new_need(form))
        except DomainError as error:
            get_session().rollback()
            flash(show_domain_errors(form, error), "error")
        else:
            flash(_("Your need is posted. Here are the patents that match it."), "success")
            return redirect(url_for("needs.detail", need_id=need.id))
    return render_template("needs/form.html", form=form, need=None)


@blueprint.route("/needs/<int:need_id>")
@login_required
def detail(need_id: int) -> str:
    session = get_session()
    view = services.get_need(session, actor=current_actor(), need_id=need_id)
    results = ranking.need_results(session, search_index(current_app), view.need, _settings(),
                                   per_list=MATCHES_PER_LIST) if view.active else None
    alert_form = forms.AlertForm(
        formdata=None, min_relevance=(view.saved.min_relevance if view.saved
                                      else current_app.config["ALERT_MIN_RELEVANCE"]))
    return render_template("needs/detail.html", view=view, need=view.need, results=results,
                           alert_form=alert_form, close_form=forms.CloseNeedForm(),
                           delete_form=forms.DeleteAlertForm(),
                           COOPERATION_NAMES=forms.COOPERATION_NAMES, field_names=FIELD_NAMES,
                           KIND_NAMES=KIND_NAMES, STATUS_NAMES=STATUS_NAMES)


@blueprint.route("/needs/<int:need_id>/edit", methods=["GET", "POST"])
@roles_required(Role.SME)
@transactional
def edit_need(need_id: int) -> str | BaseResponse:
    session = get_session()
    view = services.get_need(session, actor=current_actor(), need_id=need_id)
    if not view.may_edit:
        abort(403)
    form = forms.NeedForm()
    if request.method == "GET":
        _fill(form, view.need)
    if form.validate_on_submit():
        try:
            services.update_need(session, actor=current_actor(), need_id=need_id,
                                 new=_new_need(form))
        except DomainError as error:
            session.rollback()
            flash(show_domain_errors(form, error), "error")
        else:
            flash(_("The need is updated."), "success")
            return redirect(url_for("needs.detail", need_id=need_id))
    return render_template("needs/form.html", form=form, need=view.need)


@blueprint.route("/needs/<int:need_id>/close", methods=["POST"])
@roles_required(Role.SME)
@transactional
def close_need(need_id: int) -> BaseResponse:
    if forms.CloseNeedForm().validate_on_submit():
        services.close_need(get_session(), actor=current_actor(), need_id=need_id)
        flash(_("The need is closed."), "success")
    return redirect(url_for("needs.detail", need_id=need_id))


@blueprint.route("/needs/<int:need_id>/alert", methods=["POST"])
@roles_required(Role.SME)
@transactional
def save_need_alert(need_id: int) -> BaseResponse:
    form = forms.AlertForm()
    if form.validate_on_submit():
        services.save_need_alert(get_session(), actor=current_actor(), need_id=need_id,
                                 min_relevance=form.min_relevance.data)
        flash(_("Saved: you will be told when a new open licence matches this need."),
              "success")
    else:
        flash(_("The threshold is a percentage between 1 and 100."), "error")
    return redirect(url_for("needs.detail", need_id=need_id))


@blueprint.route("/alerts")
@roles_required(Role.SME)
def alerts() -> str:
    saved = services.list_saved_searches(get_session(), actor=current_actor())
    return render_template("needs/alerts.html", saved=saved,
                           delete_form=forms.DeleteAlertForm())


@blueprint.route("/alerts/searches", methods=["POST"])
@roles_required(Role.SME)
@transactional
def save_search() -> str | BaseResponse:
    form = forms.SaveSearchForm()
    if form.validate_on_submit():
        services.save_search(get_session(), actor=current_actor(),
                             new=services.NewSavedSearch(
                                 name=form.name.data.strip(), query=form.q.data or "",
                                 filters=form.filter_values(),
                                 min_relevance=form.min_relevance.data))
        flash(_("Saved: you will be told when a new open licence matches this search."),
              "success")
        return redirect(url_for("needs.alerts"))
    for field_errors in form.errors.values():
        for error in field_errors:
            flash(str(error), "error")
    return redirect(url_for("search.search", q=form.q.data or ""))


@blueprint.route("/alerts/<int:saved_search_id>/delete", methods=["POST"])
@roles_required(Role.SME)
@transactional
def delete_alert(saved_search_id: int) -> BaseResponse:
    if forms.DeleteAlertForm().validate_on_submit():
        services.delete_saved_search(get_session(), actor=current_actor(),
                                     saved_search_id=saved_search_id)
        flash(_("The alert is stopped."), "success")
    return redirect(request.referrer if request.referrer
                    and request.referrer.startswith(request.host_url)
                    else url_for("needs.alerts"))
