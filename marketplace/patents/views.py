"""Patent register pages: a patentee's portfolio, the register, a patent's page, import."""

from __future__ import annotations

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from werkzeug.wrappers import Response as BaseResponse

from marketplace.accounts.models import Role
from marketplace.db import get_session
from marketplace.declarations.services import open_declaration
from marketplace.errors import DomainError, Message
from marketplace.fees.rules import PatentKind
from marketplace.patents import forms, services
from marketplace.patents.importing import parse_portfolio
from marketplace.patents.models import EncumbranceKind
from marketplace.patents.rules import LegalStatus
from marketplace.uploads import ParseLimits, UploadTooLarge
from marketplace.web.auth import current_actor, login_required, roles_required
from marketplace.web.errors import localise
from marketplace.web.forms import show_domain_errors
from marketplace.web.pagination import requested_page
from marketplace.web.transaction import transactional

blueprint = Blueprint("patents", __name__)

PER_PAGE = 25


def _filters(form: forms.PatentFilterForm, owner_id: int | None) -> services.PatentFilters:
    data = form.data if form.validate() else {}
    return services.PatentFilters(
        q=data.get("q") or None,
        kind=PatentKind(data["kind"]) if data.get("kind") else None,
        legal_status=LegalStatus(data["legal_status"]) if data.get("legal_status") else None,
        ipc_section=data.get("ipc_section") or None,
        filing_year=data.get("filing_year"),
        owner_id=owner_id,
    )


def _list(template_title: str, owner_id: int | None) -> str:
    form = forms.PatentFilterForm(request.args)
    page = services.list_patents(get_session(), actor=current_actor(),
                                 filters=_filters(form, owner_id), page=requested_page(),
                                 per_page=PER_PAGE)
    return render_template("patents/list.html", form=form, page=page, title=template_title,
                           is_portfolio=owner_id is not None,
                           KIND_NAMES=forms.KIND_NAMES, STATUS_NAMES=forms.STATUS_NAMES)


@blueprint.route("/portfolio")
@roles_required(Role.PATENTEE)
def portfolio() -> str:
    return _list(_("My portfolio"), current_actor().organisation_id)


@blueprint.route("/patents")
@login_required
def register() -> str:
    return _list(_("Patent register"), None)


@blueprint.route("/patents/<int:patent_id>")
@login_required
def detail(patent_id: int) -> str:
    session = get_session()
    details = services.get_patent_details(session, actor=current_actor(), patent_id=patent_id)
    return render_template(
        "patents/detail.html", d=details, p=details.patent,
        declaration=open_declaration(session, patent_id),
        KIND_NAMES=forms.KIND_NAMES, STATUS_NAMES=forms.STATUS_NAMES,
        ENCUMBRANCE_NAMES=forms.ENCUMBRANCE_NAMES,
        encumbrance_form=forms.EncumbranceForm(), remove_form=forms.RemoveForm(),
    )


@blueprint.route("/patents/<int:patent_id>/encumbrances", methods=["POST"])
@login_required
@transactional
def add_encumbrance(patent_id: int) -> BaseResponse:
    form = forms.EncumbranceForm()
    if not form.validate_on_submit():
        flash(_("Check the encumbrance fields."), "error")
    else:
        consent = {"yes": True, "no": False}.get(form.pledgee_consent.data or "")
        try:
            services.add_encumbrance(
                get_session(), actor=current_actor(), patent_id=patent_id,
                new=services.NewEncumbrance(
                    kind=EncumbranceKind(form.kind.data), pledgee_consent=consent,
                    start_date=form.start_date.data, end_date=form.end_date.data,
                    reference=form.reference.data or None))
        except DomainError as error:
            get_session().rollback()
            flash(show_domain_errors(form, error), "error")
        else:
            flash(_("The encumbrance is recorded."), "success")
    return redirect(url_for("patents.detail", patent_id=patent_id))


@blueprint.route("/encumbrances/<int:encumbrance_id>/remove", methods=["POST"])
@login_required
@transactional
def remove_encumbrance(encumbrance_id: int) -> BaseResponse:
    form = forms.RemoveForm()
    if not form.validate_on_submit():
        return redirect(url_for("patents.portfolio"))
    patent_id = services.remove_encumbrance(get_session(), actor=current_actor(),
                                            encumbrance_id=encumbrance_id)
    flash(_("The encumbrance is removed."), "success")
    return redirect(url_for("patents.detail", patent_id=patent_id))


@blueprint.route("/portfolio/import", methods=["GET", "POST"])
@roles_required(Role.PATENTEE)
@transactional
def import_portfolio() -> tuple[str, int]:
    form = forms.ImportForm()
    outcome = None
    status = 200
    if form.validate_on_submit():
        upload = form.file.data
        try:
            parsed = parse_portfolio(upload.read(), upload.filename or "",
                                     ParseLimits.from_settings(current_app.config))
        except ValueError as exc:
            form.file.errors.append(localise(Message.of(exc)))
        except UploadTooLarge as exc:
            form.file.errors.append(localise(exc.detail))
            status = exc.status
        else:
            outcome = services.import_parsed(get_session(), actor=current_actor(),
                                             parsed=parsed, skip_invalid=form.skip_invalid.data)
            if outcome.imported:
                flash(ngettext("%(num)d patent imported.", "%(num)d patents imported.",
                               outcome.imported), "success")
            elif outcome.errors:
                flash(_("Nothing was imported: fix the rows below, or tick the box to import "
                        "only the valid rows."), "error")
    return render_template("patents/import.html", form=form, outcome=outcome), status
