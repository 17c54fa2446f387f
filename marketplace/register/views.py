"""The public register's pages and downloads, and the public statistics. No login anywhere."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

from flask import Blueprint, Response, current_app, render_template, request, stream_with_context
from flask_babel import get_locale
from flask_babel import gettext as _

from marketplace.calendar import china_today
from marketplace.db import get_session, utcnow
from marketplace.declarations import public
from marketplace.declarations.forms import FEE_METHOD_NAMES, MATURITY_NAMES
from marketplace.declarations.rules import terms_summary
from marketplace.errors import N_, ValidationFailed
from marketplace.licensing.public import list_accepted_recordals
from marketplace.patents.forms import KIND_NAMES
from marketplace.patents.forms import STATUS_NAMES as PATENT_STATUS_NAMES
from marketplace.register import charts, exports, statistics
from marketplace.register.entries import RegisterEntry
from marketplace.register.forms import PUBLIC_STATUS_NAMES, RegisterFilterForm
from marketplace.web.errors import localise

blueprint = Blueprint("register", __name__)

PER_PAGE = 25
FEED_ENTRIES = 50


def _render(template: str, **context: Any) -> str:
    return render_template(template, FEE_METHOD_NAMES=FEE_METHOD_NAMES,
                           MATURITY_NAMES=MATURITY_NAMES, KIND_NAMES=KIND_NAMES,
                           STATUS_NAMES=PUBLIC_STATUS_NAMES,
                           PATENT_STATUS_NAMES=PATENT_STATUS_NAMES, **context)


def fee_standard(entry: RegisterEntry) -> str:
    """The entry's fee standard in one line, in the reader's language, amounts to the fen
    (the downloads and the API)."""
    return localise(terms_summary(entry.fee_terms), exact=True)


def _list(withdrawals: bool) -> str:
    form = RegisterFilterForm(request.args)
    lister = public.list_withdrawals if withdrawals else public.list_announced
    page = lister(get_session(), filters=form.filters(), page=form.page_number(),
                  per_page=PER_PAGE)
    entries = [RegisterEntry.of(row) for row in page.items]
    return _render("register/list.html", form=form, page=page, entries=entries,
                   withdrawals=withdrawals)


@blueprint.route("/announcements")
def announcements() -> str:
    return _list(withdrawals=False)


@blueprint.route("/announcements/withdrawals")
def withdrawals() -> str:
    return _list(withdrawals=True)


@blueprint.route("/announcements/recordals")
def recordals() -> str:
    """Open-licence contracts the office has accepted for record (D10), newest first."""
    form = RegisterFilterForm(request.args)
    page = list_accepted_recordals(get_session(), page=form.page_number(), per_page=PER_PAGE)
    return _render("register/recordals.html", page=page)


@blueprint.route("/announcements/<string:number>")
def detail(number: str) -> str:
    row = public.get_announced(get_session(), announcement_number=number)
    return _render("register/detail.html", e=RegisterEntry.of(row),
                   patentee_id=row.organisation.id)


def _entries() -> Iterator[RegisterEntry]:
    """The download's entries, its filters checked and its query run once before the first
    byte is sent: a bad filter is a 422 and a failing query an error page, never a download
    cut off after its header that a script would take for "no results". The rows are then
    read as they are sent, by the session of the stream's context."""
    form = RegisterFilterForm(request.args)
    if not form.validate():
        raise ValidationFailed(N_("The download's filters are not valid."),
                               {name: [str(e) for e in field.errors]
                                for field in form if field.errors for name in [field.name]})
    filters = form.filters()
    probe = public.iter_announced(get_session(), filters=filters)
    found = next(probe, None) is not None
    probe.close()
    return _stream(filters) if found else iter(())


def _stream(filters: public.PublicFilters) -> Iterator[RegisterEntry]:
    for row in public.iter_announced(get_session(), filters=filters):
        yield RegisterEntry.of(row)


def _download(body: Iterator[str], mimetype: str, filename: str) -> Response:
    response = Response(stream_with_context(body), mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@blueprint.route("/announcements.csv")
def register_csv() -> Response:
    """Every matching declaration, one row each (columns: `exports.CSV_COLUMNS`)."""
    name = f"kaifang-announcements-{utcnow().date().isoformat()}.csv"
    return _download(exports.csv_stream(_entries(), fee_standard), "text/csv", name)


@blueprint.route("/announcements.json")
def register_json() -> Response:
    name = f"kaifang-announcements-{utcnow().date().isoformat()}.json"
    return _download(exports.json_stream(_entries(), fee_standard, utcnow()),
                     "application/json", name)


@blueprint.route("/announcements.atom")
def feed() -> Response:
    """The newest announcements and withdrawals as an Atom feed (same filters as the list).
    Entry ids are tag URIs on the host of ``SITE_URL``: they stay the same however the site
    is reached."""
    form = RegisterFilterForm(request.args)
    session = get_session()
    filters = form.filters()
    announced = public.list_announced(session, filters=filters, page=1, per_page=FEED_ENTRIES)
    withdrawn = public.list_withdrawals(session, filters=filters, page=1,
                                        per_page=FEED_ENTRIES)
    authority = urlsplit(current_app.config["SITE_URL"]).hostname or "localhost"
    items = exports.feed_entries(authority, [RegisterEntry.of(r) for r in announced.items],
                                 [RegisterEntry.of(r) for r in withdrawn.items], FEED_ENTRIES)
    body = _render("register/feed.atom.xml", items=items, authority=authority,
                   updated=items[0].updated if items else utcnow(),
                   lang=str(get_locale() or "zh"))
    return Response(body, mimetype="application/atom+xml")


@blueprint.route("/statistics")
def statistics_page() -> str:
    session = get_session()
    today = china_today()
    declarations = statistics.declaration_figures(session)
    licences = statistics.licence_figures(session)
    split = statistics.savings_actual_and_projected(session, today)
    return _render("register/statistics.html", declarations=declarations, licences=licences,
                   savings=statistics.open_licence_savings(session), savings_split=split,
                   today=today, charts={
                       "declarations_by_year": charts.declarations_by_year(declarations),
                       "declarations_by_method": charts.by_fee_method(
                           "declarations-by-method", _("Declarations by fee method"),
                           declarations.by_fee_method, FEE_METHOD_NAMES),
                       "licences_by_year": charts.licences_by_year(licences),
                       "licences_by_method": charts.by_fee_method(
                           "licences-by-method", _("Open licences by fee method"),
                           licences.by_fee_method, FEE_METHOD_NAMES),
                       "savings": charts.savings(split, today)})
