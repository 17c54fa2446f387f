"""Fee pages: the calculator, a patent's fee schedule and payments, a patentee's ledger and
statements (page, CSV, XLSX), the office's totals."""

from __future__ import annotations

import datetime as dt
from typing import Any

from flask import Blueprint, Response, flash, redirect, render_template, request, url_for
from flask_babel import format_decimal
from flask_babel import gettext as _
from marshmallow import ValidationError
from werkzeug.wrappers import Response as BaseResponse
from wtforms import Field

from marketplace.accounts import services as account_services
from marketplace.accounts.models import Role
from marketplace.db import get_session
from marketplace.errors import DomainError
from marketplace.fees import charts, forms, services, standing, statements
from marketplace.fees.calculator import Calculation, calculate
from marketplace.fees.lines import to_yuan
from marketplace.fees.policy import current_policy, legal_today
from marketplace.fees.rules import ReductionKind
from marketplace.fees.schemas import CalculatorInSchema
from marketplace.fees.statements import Column, yuan
from marketplace.patents.forms import KIND_NAMES, STATUS_NAMES
from marketplace.web.auth import current_actor, login_required, roles_required
from marketplace.web.errors import localise
from marketplace.web.formatting import format_day, format_money
from marketplace.web.forms import choices, show_domain_errors
from marketplace.web.pagination import requested_page
from marketplace.web.transaction import transactional

blueprint = Blueprint("fees", __name__)

PER_PAGE = 50
GENERAL, OPEN_LICENCE = ReductionKind.GENERAL, ReductionKind.OPEN_LICENCE


@blueprint.app_template_filter("yuan")
def yuan_filter(fen: int | None) -> str:
    """Fen as RMB with two decimals and grouping, in the page's locale."""
    if fen is None:
        return "—"
    return str(format_decimal(to_yuan(fen), format="#,##0.00"))


def _labels() -> dict[str, Any]:
    return {
        "FEE_STATUS_NAMES": forms.STATUS_NAMES, "REDUCTION_NAMES": forms.REDUCTION_NAMES,
        "FEE_STATE_NAMES": forms.FEE_STATE_NAMES, "CAUSE_NAMES": forms.CAUSE_NAMES,
        "KIND_NAMES": KIND_NAMES, "STATUS_NAMES": STATUS_NAMES,
    }


# --- Calculator ----------------------------------------------------------------------------------


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _payload(form: forms.CalculatorForm) -> tuple[dict[str, Any], dict[str, list[int]]]:
    """The form as the API's JSON input, blank rows left out; and, per list, which form row
    each item came from (to put the schema's errors next to the right field)."""
    rows: dict[str, list[int]] = {"owners": [], "declarations": [], "record_dates": [],
                                  "payments": []}
    owners, declarations, records, payments = [], [], [], []
    for i, entry in enumerate(form.owners.entries):
        if entry.form.name.data:
            owners.append({"name": entry.form.name.data, "eligible": entry.form.eligible.data,
                           "basis": entry.form.basis.data or ""})
            rows["owners"].append(i)
    for i, entry in enumerate(form.declarations.entries):
        if entry.form.announced_on.data:
            declarations.append({"announced_on": _iso(entry.form.announced_on.data),
                                 "withdrawn_on": _iso(entry.form.withdrawn_on.data)})
            rows["declarations"].append(i)
    for i, entry in enumerate(form.record_dates.entries):
        if entry.data:
            records.append(_iso(entry.data))
            rows["record_dates"].append(i)
    for i, entry in enumerate(form.payments.entries):
        sub = entry.form
        if sub.fee_year.data or sub.paid_on.data or sub.amount.data:
            payments.append({"fee_year": sub.fee_year.data, "paid_on": _iso(sub.paid_on.data),
                             "amount_fen": (forms.yuan_to_fen(sub.amount.data)
                                            if sub.amount.data is not None else None)})
            rows["payments"].append(i)
    payload: dict[str, Any] = {
        "kind": form.kind.data, "filing_date": _iso(form.filing_date.data),
        "grant_date": _iso(form.grant_date.data),
        "term_adjustment_days": form.term_adjustment_days.data or 0,
        "term_extension_days": form.term_extension_days.data or 0,
        "owners": owners, "declarations": declarations, "record_dates": records,
        "payments": payments, "settled_through": _iso(form.settled_through.data),
        "false_materials_flagged_on": _iso(form.false_materials_flagged_on.data),
    }
    if form.as_of.data:
        payload["as_of"] = _iso(form.as_of.data)
    return payload, rows


_PAYMENT_FIELDS = {"amount_fen": "amount"}


def _messages(error: ValidationError) -> dict[str, Any]:
    messages = error.messages
    return messages if isinstance(messages, dict) else {"_schema": messages}


def _add(field: Field, messages: Any) -> None:
    texts = messages if isinstance(messages, list) else [messages]
    field.errors = [*field.errors, *(localise(str(m)) for m in texts)]


def _show_errors(form: forms.CalculatorForm, errors: dict[str, Any],
                 rows: dict[str, list[int]]) -> None:
    """The schema's errors next to the form's fields."""
    for name, messages in errors.items():
        if name in rows and isinstance(messages, dict):
            entries = getattr(form, name).entries
            for index, item_errors in messages.items():
                entry = entries[rows[name][int(index)]]
                if isinstance(item_errors, dict):
                    for sub, sub_messages in item_errors.items():
                        _add(entry.form[_PAYMENT_FIELDS.get(sub, sub)], sub_messages)
                else:
                    _add(entry, item_errors)
        elif name in form and name not in rows:
            _add(form[name], messages)
        else:
            form.form_errors.extend(localise(str(m)) for m in (
                messages if isinstance(messages, list) else [messages]))


_REQUIRED = ("kind", "filing_date", "grant_date", "owners", "submit")


def _optional_used(form: forms.CalculatorForm) -> bool:
    """Whether an optional fact was given or has an error: its folded part then shows open."""
    payload, _rows = _payload(form)
    given = any(payload[name] for name in ("term_adjustment_days", "term_extension_days",
                                           "declarations", "record_dates", "payments",
                                           "settled_through", "false_materials_flagged_on"))
    errors = any(field.errors for field in form if field.name not in _REQUIRED)
    return given or "as_of" in payload or errors


@blueprint.route("/fees/calculator")
def calculator() -> str:
    """Public and read-only: the form is sent by GET, so a calculation has a shareable URL."""
    submitted = "filing_date" in request.args
    form = forms.CalculatorForm(formdata=request.args if submitted else None,
                                meta={"csrf": False})
    result: Calculation | None = None
    if submitted and form.validate():
        payload, rows = _payload(form)
        if not rows["owners"]:
            _add(form.owners.entries[0].form.name, _("Name at least one patentee."))
        else:
            try:
                given = CalculatorInSchema().load(payload)
            except ValidationError as error:
                _show_errors(form, _messages(error), rows)
            else:
                policy, calendar = current_policy()
                try:
                    result = calculate(given, policy=policy, calendar=calendar)
                except DomainError as error:
                    form.form_errors.append(show_domain_errors(form, error))
    return render_template("fees/calculator.html", form=form, result=result,
                           optional_open=_optional_used(form),
                           standing=standing.standing(result.lines) if result else None,
                           submitted=submitted, today=legal_today(), **_labels())


# --- A patent's fees -----------------------------------------------------------------------------


def _payment_form(fees: services.PatentFees) -> forms.PaymentForm:
    form = forms.PaymentForm()
    form.fee_year.choices = choices(
        (line.fee_year, _("Year %(year)d · %(owed)s · due %(due)s", year=line.fee_year,
                          due=format_day(line.due_date), owed=format_money(line.amount_owed_fen)))
        for line in fees.payable_lines)
    if form.paid_on.data is None:
        form.paid_on.data = legal_today()
    return form


def _patent_page(patent_id: int, form: forms.PaymentForm | None = None) -> str:
    fees = services.patent_fees(get_session(), actor=current_actor(), patent_id=patent_id)
    return render_template("fees/patent.html", fees=fees, p=fees.patent,
                           standing=standing.standing(fees.lines),
                           form=form or _payment_form(fees), **_labels())


@blueprint.route("/patents/<int:patent_id>/fees")
@login_required
def patent_fees(patent_id: int) -> str:
    return _patent_page(patent_id)


@blueprint.route("/patents/<int:patent_id>/fees/payments", methods=["POST"])
@login_required
@transactional
def record_payment(patent_id: int) -> str | BaseResponse:
    session = get_session()
    fees = services.patent_fees(session, actor=current_actor(), patent_id=patent_id)
    form = _payment_form(fees)
    if form.validate_on_submit():
        try:
            services.record_payment(session, actor=current_actor(), patent_id=patent_id,
                                    new=services.NewPayment(
                                        fee_year=form.fee_year.data, paid_on=form.paid_on.data,
                                        amount_fen=forms.yuan_to_fen(form.amount.data),
                                        reference=form.reference.data or None))
        except DomainError as error:
            session.rollback()
            flash(show_domain_errors(form, error), "error")
        else:
            flash(_("The payment is recorded."), "success")
            return redirect(url_for("fees.patent_fees", patent_id=patent_id))
    return _patent_page(patent_id, form)


# --- A patentee's ledger and eligibility ---------------------------------------------------------


def _portfolio_page(eligibility: forms.EligibilityForm | None = None) -> str:
    session = get_session()
    actor = current_actor()
    page = requested_page()
    portfolio = services.portfolio_fees(session, actor=actor, offset=(page - 1) * PER_PAGE,
                                        limit=PER_PAGE)
    organisation = account_services.get_organisation(session, actor.organisation_id)
    if eligibility is None:
        eligibility = forms.EligibilityForm(
            eligible=organisation.fee_reduction_eligible,
            basis=organisation.fee_reduction_basis,
            year=organisation.fee_reduction_year or legal_today().year)
    pages = max(1, -(-portfolio.total_patents // PER_PAGE))
    by_year = statements.year_totals(session, organisation_id=actor.organisation_id)
    chart = charts.fees_by_year("portfolio-fees", _("Your annual fees and savings by due year"),
                                by_year, legal_today())
    return render_template("fees/portfolio.html", portfolio=portfolio, organisation=organisation,
                           standing=standing.organisation_standing(session, actor.organisation_id),
                           chart=chart,
                           eligibility=eligibility, page=page, pages=pages, **_labels())


@blueprint.route("/fees/ledger")
@roles_required(Role.PATENTEE)
def ledger() -> str:
    return _portfolio_page()


@blueprint.route("/fees/eligibility", methods=["POST"])
@roles_required(Role.PATENTEE)
@transactional
def eligibility() -> str | BaseResponse:
    form = forms.EligibilityForm()
    session = get_session()
    if form.validate_on_submit():
        try:
            account_services.set_fee_reduction_eligibility(
                session, actor=current_actor(), organisation_id=current_actor().organisation_id,
                new=account_services.FeeReductionEligibility(
                    eligible=form.eligible.data, basis=form.basis.data, year=form.year.data))
        except DomainError as error:
            session.rollback()
            flash(show_domain_errors(form, error), "error")
        else:
            flash(_("The eligibility is saved and the fee ledgers are recomputed."), "success")
            return redirect(url_for("fees.ledger"))
    return _portfolio_page(form)


# --- Statements ----------------------------------------------------------------------------------


def _statement_request() -> statements.Statement:
    actor = current_actor()
    form = forms.YearForm(request.args)
    valid = form.validate()
    year = (form.year.data if valid else None) or legal_today().year
    organisation_id = actor.organisation_id
    if actor.role is Role.OFFICE and valid and form.organisation_id.data:
        organisation_id = form.organisation_id.data
    return statements.statement(get_session(), actor=actor, organisation_id=organisation_id,
                                year=year)


@blueprint.route("/fees/statements")
@roles_required(Role.PATENTEE, Role.OFFICE)
def statement() -> str:
    return render_template("fees/statement.html", s=_statement_request(),
                           form=forms.YearForm(request.args), **_labels())


def _columns() -> list[Column]:
    return [
        Column(_("Patent number"), lambda p, f: p.patent_number or p.application_number),
        Column(_("Title"), lambda p, f: p.title),
        Column(_("Fee year"), lambda p, f: f.fee_year),
        Column(_("Due date"), lambda p, f: f.due_date),
        Column(_("Status"), lambda p, f: str(forms.STATUS_NAMES[f.status])),
        Column(_("Full fee (RMB)"), lambda p, f: yuan(f.full_fen), lambda t: yuan(t.full_fen)),
        Column(_("Reduction applied"), lambda p, f: str(forms.REDUCTION_NAMES[f.reduction_kind])),
        Column(_("General reduction (RMB)"),
               lambda p, f: yuan(f.reduction_fen if f.reduction_kind is GENERAL else 0),
               lambda t: yuan(t.general_reductions_fen)),
        Column(_("Open-licence reduction (RMB)"),
               lambda p, f: yuan(f.reduction_fen if f.reduction_kind is OPEN_LICENCE else 0),
               lambda t: yuan(t.open_licence_reductions_fen)),
        Column(_("Saved by open licensing (RMB)"), lambda p, f: yuan(f.open_licence_saving_fen),
               lambda t: yuan(t.open_licence_savings_fen)),
        Column(_("Fee due (RMB)"), lambda p, f: yuan(f.payable_fen),
               lambda t: yuan(t.payable_fen)),
        Column(_("Late fee (RMB)"), lambda p, f: yuan(f.late_fee_fen),
               lambda t: yuan(t.late_fees_fen)),
        Column(_("Paid (RMB)"), lambda p, f: yuan(f.paid_fen), lambda t: yuan(t.paid_fen)),
        Column(_("Paid on"), lambda p, f: f.paid_on),
        Column(_("Repayable saving (RMB)"), lambda p, f: yuan(f.clawback_fen),
               lambda t: yuan(t.clawback_fen)),
        Column(_("Owed (RMB)"), lambda p, f: yuan(f.amount_owed_fen),
               lambda t: yuan(t.owed_fen)),
    ]


@blueprint.route("/fees/statements.<any(csv, xlsx):fmt>")
@roles_required(Role.PATENTEE, Role.OFFICE)
def statement_download(fmt: str) -> Response:
    s = _statement_request()
    headings, rows = statements.table(s, _columns(), _("Total"))
    filename = f"fee-statement-{s.organisation.id}-{s.year}.{fmt}"
    if fmt == "csv":
        body, mimetype = statements.csv_bytes(headings, rows), "text/csv; charset=utf-8"
    else:
        body = statements.xlsx_bytes(str(s.year), headings, rows)
        mimetype = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return Response(body, mimetype=mimetype,
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})


@blueprint.route("/office/fees")
@roles_required(Role.OFFICE)
def office_totals() -> str:
    totals = statements.office_totals(get_session(), actor=current_actor())
    today = legal_today()
    return render_template("fees/office.html", chart=charts.reductions_by_year(totals, today),
                           table=charts.compact(totals), today=today,
                           note=charts.projection_note(totals, today), **_labels())
