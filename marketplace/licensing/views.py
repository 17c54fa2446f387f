"""Licensing pages: taking a licence, the written notice, payments, royalty reports, record-filing,
termination, negotiated licences; the SME's and the patentee's licences; the office's queue."""

from __future__ import annotations

import datetime as dt
from typing import Any

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    url_for,
)
from flask_babel import get_locale
from flask_babel import gettext as _
from werkzeug.wrappers import Response as BaseResponse

from marketplace.accounts.models import Role
from marketplace.calendar import china_today
from marketplace.db import get_session
from marketplace.declarations.public import get_announced
from marketplace.declarations.rules import terms_summary
from marketplace.errors import DomainError
from marketplace.licensing import forms, recordals, services
from marketplace.licensing.models import Licence
from marketplace.licensing.negotiated import NewNegotiated, negotiated_of, record_negotiated
from marketplace.licensing.notice import NOTICE_LOCALES, notice_pdf, notice_text
from marketplace.licensing.policy import LicensingPolicy
from marketplace.licensing.royalties import BASE_NAMES, ReportFigures, reporting_periods
from marketplace.licensing.rules import (
    LICENCE_EVENT_NAMES,
    LICENCE_STATE_NAMES,
    RECORDAL_STATE_NAMES,
    NegotiatedKind,
    RecordalRefusalGround,
    legal_date,
    recordal_filing_problems,
)
from marketplace.mediation.services import agreed_payment_terms
from marketplace.web.auth import current_actor, roles_required
from marketplace.web.downloads import send_stored
from marketplace.web.errors import localise
from marketplace.web.formatting import format_money
from marketplace.web.forms import show_domain_errors
from marketplace.web.transaction import transactional

blueprint = Blueprint("licensing", __name__)

PARTIES = (Role.SME, Role.PATENTEE)
READERS = (Role.SME, Role.PATENTEE, Role.OFFICE)


def policy() -> LicensingPolicy:
    return LicensingPolicy.from_config(current_app.config)


def proof_dir() -> str:
    return str(current_app.config["UPLOAD_DIR"]) + "/licensing"


def max_upload_bytes() -> int:
    return int(current_app.config["MAX_UPLOAD_MB"]) * 1024 * 1024


def _render(template: str, **context: Any) -> str:
    return render_template(template, STATE_NAMES=LICENCE_STATE_NAMES,
                           EVENT_NAMES=LICENCE_EVENT_NAMES,
                           RECORDAL_STATE_NAMES=RECORDAL_STATE_NAMES,
                           KIND_NAMES=forms.NEGOTIATED_KIND_NAMES,
                           LINE_STATUS_NAMES=forms.LINE_STATUS_NAMES, **context)


def _licence(licence_id: int) -> Licence:
    return services.get_licence(get_session(), actor=current_actor(), licence_id=licence_id)


def _back(licence_id: int) -> BaseResponse:
    return redirect(url_for("licensing.detail", licence_id=licence_id))


def _failed(error: DomainError) -> None:
    get_session().rollback()
    flash(localise(error.detail), "error")


# --- Taking a licence ---------------------------------------------------------------------------


@blueprint.route("/open-licences/<number>/take", methods=["GET", "POST"])
@roles_required(Role.SME)
@transactional
def take(number: str) -> str | BaseResponse:
    """The written notice as it will be given, the first payment and the steps after it; the
    licence is taken only when the SME confirms. The hidden token makes a double click or a
    resubmission take one licence."""
    session = get_session()
    row = get_announced(session, announcement_number=number)
    form = forms.TakeLicenceForm()
    if form.validate_on_submit():
        try:
            licence = services.take_licence(session, actor=current_actor(),
                                            declaration_id=row.declaration.id or 0,
                                            policy=policy(), idempotency_key=form.token.data)
        except DomainError as error:
            session.rollback()
            flash(show_domain_errors(form, error), "error")
        else:
            flash(_("Written notice given; the patentee has been told."), "success")
            return _back(licence.id or 0)
    if not form.token.data:
        form.token.data = forms.new_token()
    actor = current_actor()
    held = services.licences_under(session, row.declaration.id or 0, actor.organisation_id)
    preview = services.preview_take(session, actor=actor, declaration_id=row.declaration.id or 0,
                                    policy=policy())
    locale = str(get_locale())
    return _render("licensing/take.html", row=row, form=form, held=held, preview=preview,
                   text=notice_text(preview.notice, locale if locale in NOTICE_LOCALES else "zh")
                   if preview.notice is not None else None,
                   terms=localise(terms_summary(row.declaration.fee_terms)))


# --- Lists --------------------------------------------------------------------------------------


@blueprint.route("/licences")
@roles_required(Role.SME, Role.PATENTEE)
def my_licences() -> str:
    """The SME's licences with what it owes and when; the patentee's per patent, with who holds
    them and what they paid."""
    session = get_session()
    actor = current_actor()
    today = china_today()
    rows = services.my_licences(session, actor=actor)
    statements = services.statements(session, [row.licence for row in rows], policy(), today)
    return _render("licensing/list.html", rows=rows, statements=statements,
                   patentee=actor.role is Role.PATENTEE, today=today)


# --- One licence --------------------------------------------------------------------------------


@blueprint.route("/licences/<int:licence_id>")
@roles_required(*READERS)
def detail(licence_id: int) -> str:
    session = get_session()
    licence = _licence(licence_id)
    actor = current_actor()
    today = china_today()
    filings = recordals.recordals_of(session, licence_id)
    payments = services.payments_of(session, licence_id)
    reports = services.reports_of(session, licence_id)
    due = None
    if licence.effective_on is not None:
        due, _timing, _latest = recordals.standing(licence, filings, today, policy())
    return _render(
        "licensing/detail.html", licence=licence,
        row=services.licence_rows(session, [licence])[0],
        payments=payments, reports=reports,
        statement=services.statement_of(licence, payments, reports, policy(), today),
        filings=filings, refusal_messages=recordals.refusal_messages, recordal_due=due,
        notice_day=legal_date(licence.notice_given_at),
        is_licensee=services.is_licensee(actor, licence),
        is_licensor=services.is_licensor(actor, licence),
        action_form=forms.ActionForm(), termination_form=forms.TerminationForm(),
        terms=localise(terms_summary(services.terms_of(licence))),
        mediated_terms=agreed_payment_terms(session, licence_id),
        can_file=not recordal_filing_problems(
            licence.state, [f.state for f in filings]))


@blueprint.route("/licences/<int:licence_id>/notice")
@roles_required(*READERS)
def notice(licence_id: int) -> str:
    """The written notice, printable, in the page's language, with PDFs in both."""
    written = services.written_notice(get_session(), _licence(licence_id))
    locale = str(get_locale() or "zh")
    text = notice_text(written, locale if locale in NOTICE_LOCALES else "zh")
    pdf_urls = {code: url_for("licensing.notice_download", licence_id=licence_id, locale=code)
                for code in NOTICE_LOCALES}
    return render_template("licensing/notice.html", text=text, pdf_urls=pdf_urls)


@blueprint.route("/licences/<int:licence_id>/notice.<any(zh, en):locale>.pdf")
@roles_required(*READERS)
def notice_download(licence_id: int, locale: str) -> BaseResponse:
    licence = _licence(licence_id)
    pdf = notice_pdf(services.written_notice(get_session(), licence), locale)
    response = current_app.response_class(pdf, mimetype="application/pdf")
    response.headers["Content-Disposition"] = (
        f'inline; filename="{licence.notice_reference}-{locale}.pdf"')
    return response


@blueprint.route("/licences/<int:licence_id>/pay", methods=["GET", "POST"])
@roles_required(Role.SME)
@transactional
def pay(licence_id: int) -> str | BaseResponse:
    session = get_session()
    licence = _licence(licence_id)
    if not services.is_licensee(current_actor(), licence):
        abort(403)
    form = forms.PaymentForm()
    if form.validate_on_submit():
        upload = form.proof.data
        proof = (services.Proof(upload.stream, upload.filename or "proof")
                 if upload and getattr(upload, "filename", "") else None)
        try:
            services.record_payment(
                session, actor=current_actor(), licence_id=licence_id,
                new=services.NewPayment(form.amount.data or 0, form.paid_on.data,
                                        form.reference.data or ""),
                proof=proof, upload_dir=proof_dir(), max_bytes=max_upload_bytes(),
                idempotency_key=form.token.data)
        except DomainError as error:
            session.rollback()
            flash(show_domain_errors(form, error), "error")
        else:
            flash(_("Payment recorded."), "success")
            return _back(licence_id)
    if not form.token.data:
        form.token.data = forms.new_token()
        form.paid_on.data = china_today()
        if licence.first_payment_fen and not services.payments_of(session, licence_id):
            form.amount.data = licence.first_payment_fen
    return _render("licensing/pay.html", licence=licence, form=form)


@blueprint.route("/licences/<int:licence_id>/payments/<int:payment_id>/proof")
@roles_required(*READERS)
def proof(licence_id: int, payment_id: int) -> BaseResponse:
    licence, payment = services.get_payment(get_session(), actor=current_actor(),
                                            payment_id=payment_id)
    if licence.id != licence_id or payment.proof_stored_name is None:
        abort(404)
    return send_stored(proof_dir(), payment.proof_stored_name,
                       payment.proof_original_name or "proof", payment.proof_file_kind)


@blueprint.route("/licences/<int:licence_id>/payments/<int:payment_id>/confirm",
                 methods=["POST"])
@roles_required(Role.PATENTEE)
@transactional
def confirm_payment(licence_id: int, payment_id: int) -> BaseResponse:
    form = forms.ActionForm()
    if form.validate_on_submit():
        try:
            licence, _payment = services.get_payment(get_session(), actor=current_actor(),
                                                     payment_id=payment_id)
            if licence.id != licence_id:
                abort(404)
            services.confirm_payment(get_session(), actor=current_actor(), payment_id=payment_id)
        except DomainError as error:
            _failed(error)
        else:
            flash(_("Receipt confirmed."), "success")
    return _back(licence_id)


@blueprint.route("/licences/<int:licence_id>/report", methods=["GET", "POST"])
@roles_required(Role.SME)
@transactional
def report(licence_id: int) -> str | BaseResponse:
    session = get_session()
    licence = _licence(licence_id)
    if not services.is_licensee(current_actor(), licence):
        abort(403)
    terms = services.terms_of(licence)
    periods = reporting_periods(services.timeline(licence), policy())
    filed = {r.period_start for r in services.reports_of(session, licence_id)}
    form = forms.ReportForm()
    form.period.choices = [(p.period.start.isoformat(),
                            f"{p.period.start.isoformat()} – {p.period.end.isoformat()}")
                           for p in periods if p.period.start not in filed]
    if form.validate_on_submit():
        start = dt.date.fromisoformat(form.period.data)
        chosen = next(p for p in periods if p.period.start == start)
        try:
            filed_report = services.file_report(
                session, actor=current_actor(), licence_id=licence_id,
                period_start=chosen.period.start, period_end=chosen.period.end,
                figures=ReportFigures(form.net_sales.data, form.profit.data, form.units.data),
                policy=policy())
        except DomainError as error:
            session.rollback()
            flash(show_domain_errors(form, error), "error")
        else:
            flash(_("Report filed: royalty %(amount)s.",
                    amount=format_money(filed_report.royalty_fen)), "success")
            return _back(licence_id)
    base = localise(BASE_NAMES[terms.base]) if terms.base else None
    return _render("licensing/report.html", licence=licence, form=form, base=base,
                   base_field=terms.base.value if terms.base else None)


@blueprint.route("/licences/<int:licence_id>/terminate", methods=["POST"])
@roles_required(*PARTIES)
@transactional
def terminate(licence_id: int) -> BaseResponse:
    form = forms.TerminationForm()
    if form.validate_on_submit():
        try:
            services.propose_termination(get_session(), actor=current_actor(),
                                         licence_id=licence_id, from_day=form.from_day.data)
        except DomainError as error:
            _failed(error)
        else:
            flash(_("Termination proposed; the other party must confirm it."), "success")
    else:
        flash(_("Give the day the licence ends from."), "error")
    return _back(licence_id)


@blueprint.route("/licences/<int:licence_id>/terminate/confirm", methods=["POST"])
@roles_required(*PARTIES)
@transactional
def confirm_termination(licence_id: int) -> BaseResponse:
    if forms.ActionForm().validate_on_submit():
        try:
            services.confirm_termination(get_session(), actor=current_actor(),
                                         licence_id=licence_id)
        except DomainError as error:
            _failed(error)
        else:
            flash(_("The licence is terminated by agreement."), "success")
    return _back(licence_id)


# --- Record-filing ------------------------------------------------------------------------------


@blueprint.route("/licences/<int:licence_id>/recordal", methods=["POST"])
@roles_required(*PARTIES)
@transactional
def file_recordal(licence_id: int) -> BaseResponse:
    if forms.ActionForm().validate_on_submit():
        try:
            recordals.file_recordal(get_session(), actor=current_actor(), licence_id=licence_id)
        except DomainError as error:
            _failed(error)
        else:
            flash(_("Filed for record; the office will decide."), "success")
    return _back(licence_id)


@blueprint.route("/licences/<int:licence_id>/recordal-package")
@roles_required(*READERS)
def package(licence_id: int) -> str:
    """What the record-filing holds (Regs Art. 87): the notice, the payments and their proofs,
    the announced declaration."""
    session = get_session()
    licence = _licence(licence_id)
    return _render("licensing/package.html", licence=licence,
                   row=services.licence_rows(session, [licence])[0],
                   payments=services.payments_of(session, licence_id),
                   filings=recordals.recordals_of(session, licence_id))


@blueprint.route("/office/recordals")
@roles_required(Role.OFFICE)
def office_queue() -> str:
    today = china_today()
    queue = recordals.office_queue(get_session(), actor=current_actor(), today=today,
                                   policy=policy())
    return _render("licensing/office_queue.html", queue=queue, today=today)


def _decision_page(recordal_id: int, accept: forms.AcceptRecordalForm | None = None,
                   refuse: forms.RefuseRecordalForm | None = None) -> str:
    session = get_session()
    recordal, licence = recordals.get_recordal(session, actor=current_actor(),
                                               recordal_id=recordal_id)
    if accept is None:
        accept = forms.AcceptRecordalForm()
        accept.record_date.data = china_today()
    return _render("licensing/office_recordal.html", recordal=recordal, licence=licence,
                   row=services.licence_rows(session, [licence])[0],
                   payments=services.payments_of(session, licence.id or 0),
                   accept=accept, refuse=refuse or forms.RefuseRecordalForm())


@blueprint.route("/office/recordals/<int:recordal_id>")
@roles_required(Role.OFFICE)
def office_recordal(recordal_id: int) -> str:
    return _decision_page(recordal_id)


@blueprint.route("/office/recordals/<int:recordal_id>/accept", methods=["POST"])
@roles_required(Role.OFFICE)
@transactional
def accept_recordal(recordal_id: int) -> str | BaseResponse:
    form = forms.AcceptRecordalForm()
    if form.validate_on_submit():
        try:
            recordals.accept(get_session(), actor=current_actor(), recordal_id=recordal_id,
                             record_date=form.record_date.data)
        except DomainError as error:
            get_session().rollback()
            flash(show_domain_errors(form, error), "error")
        else:
            flash(_("Recorded."), "success")
            return redirect(url_for("licensing.office_queue"))
    return _decision_page(recordal_id, accept=form)


@blueprint.route("/office/recordals/<int:recordal_id>/refuse", methods=["POST"])
@roles_required(Role.OFFICE)
@transactional
def refuse_recordal(recordal_id: int) -> str | BaseResponse:
    form = forms.RefuseRecordalForm()
    if form.validate_on_submit():
        try:
            recordals.refuse(get_session(), actor=current_actor(), recordal_id=recordal_id,
                             grounds=[RecordalRefusalGround(g) for g in form.grounds.data],
                             note=form.note.data or "")
        except DomainError as error:
            get_session().rollback()
            flash(show_domain_errors(form, error), "error")
        else:
            flash(_("Refused; the parties have been told why."), "success")
            return redirect(url_for("licensing.office_queue"))
    return _decision_page(recordal_id, refuse=form)


# --- Negotiated licences ------------------------------------------------------------------------


@blueprint.route("/patents/<int:patent_id>/negotiated-licences", methods=["GET", "POST"])
@roles_required(Role.PATENTEE)
@transactional
def negotiated(patent_id: int) -> str | BaseResponse:
    session = get_session()
    existing = negotiated_of(session, actor=current_actor(), patent_id=patent_id)
    form = forms.NegotiatedForm()
    if form.validate_on_submit():
        try:
            record_negotiated(session, actor=current_actor(), patent_id=patent_id,
                              new=NewNegotiated(NegotiatedKind(form.kind.data),
                                                form.licensee_name.data or "",
                                                form.start.data, form.end.data,
                                                form.terms_note.data or ""))
        except DomainError as error:
            session.rollback()
            flash(show_domain_errors(form, error), "error")
        else:
            flash(_("Negotiated licence recorded."), "success")
            return redirect(url_for("licensing.negotiated", patent_id=patent_id))
    return _render("licensing/negotiated.html", patent_id=patent_id, existing=existing,
                   form=form)

