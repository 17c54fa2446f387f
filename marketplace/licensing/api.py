"""Licensing API: taking licences (with an Idempotency-Key), payments (idem), reports,
record-filing and the office's decisions, termination by agreement, negotiated licences and the
public list of recorded licences. Same permissions as the pages (checked in services)."""

from __future__ import annotations

from typing import Any

from flask import url_for
from flask.views import MethodView
from sqlmodel import Session

from marketplace.accounts.models import Role
from marketplace.calendar import china_today
from marketplace.db import get_session
from marketplace.licensing import recordals, schemas, services
from marketplace.licensing.models import Licence, LicencePayment, LicenceRecordal
from marketplace.licensing.negotiated import NewNegotiated, negotiated_of, record_negotiated
from marketplace.licensing.notice import NOTICE_LOCALES
from marketplace.licensing.public import list_accepted_recordals
from marketplace.licensing.royalties import LicenceStatement, ReportFigures
from marketplace.licensing.rules import recordal_due_date
from marketplace.licensing.views import max_upload_bytes, policy, proof_dir
from marketplace.web.arguments import Blueprint
from marketplace.web.auth import current_actor, roles_required
from marketplace.web.pagination import Page, PageArgsSchema, page_out_schema
from marketplace.web.transaction import transactional

api_blueprint = Blueprint("licensing_api", __name__, url_prefix="/api/v1",
                          description="Open licences: notice, payments, royalty reports, "
                                      "record-filing, termination, negotiated licences")

PARTIES = (Role.SME, Role.PATENTEE)
READERS = (Role.SME, Role.PATENTEE, Role.OFFICE)
RecordedPage = page_out_schema(schemas.RecordedLicenceSchema, "RecordedLicencePage")


def licence_out(session: Session, licence: Licence) -> dict[str, Any]:
    return row_out(services.licence_rows(session, [licence])[0])


def row_out(row: services.LicenceRow) -> dict[str, Any]:
    """A licence with its patent and parties already loaded (the lists: no query per item)."""
    licence = row.licence
    due = None
    if licence.effective_on is not None:
        due = recordal_due_date(licence.effective_on, policy())
    return {
        **licence.model_dump(),
        "first_payment_kind": licence.first_payment_kind.value,
        "announcement_number": licence.snapshot.get("announcement_number", ""),
        "patent_number": row.patent.patent_number, "patent_title": row.patent.title,
        "licensor_name": row.licensor.name, "licensee_name": row.licensee.name,
        "notice_pdf_urls": {code: url_for("licensing.notice_download",
                                          licence_id=licence.id, locale=code)
                            for code in NOTICE_LOCALES},
        "recordal_due_on": due,
    }


def statement_out(statement: LicenceStatement) -> dict[str, Any]:
    return {
        "as_of": statement.as_of, "credit_fen": statement.credit_fen,
        "total": statement.total,
        "by_calendar_year": {str(y): t for y, t in statement.by_calendar_year.items()},
        "lines": [{"kind": line.obligation.kind.value,
                   "licence_year": line.obligation.licence_year,
                   "period_start": line.obligation.period.start,
                   "period_end": line.obligation.period.end,
                   "due_on": line.obligation.due_on, "amount_fen": line.obligation.amount_fen,
                   "paid_fen": line.paid_fen, "status": line.status.value}
                  for line in statement.lines],
    }


def _detail(session: Session, licence: Licence) -> dict[str, Any]:
    assert licence.id is not None
    payments = services.payments_of(session, licence.id)
    reports = services.reports_of(session, licence.id)
    return {**licence_out(session, licence), "payments": payments, "reports": reports,
            "statement": statement_out(services.statement_of(licence, payments, reports,
                                                             policy(), china_today()))}


@api_blueprint.route("/licences")
class Licences(MethodView):
    @roles_required(Role.SME, Role.PATENTEE)
    @api_blueprint.response(200, schemas.LicenceOutSchema(many=True))
    def get(self) -> list[dict[str, Any]]:
        """The caller's licences: held (enterprise) or granted (patentee)."""
        return [row_out(row) for row in services.my_licences(get_session(),
                                                             actor=current_actor())]

    @roles_required(Role.SME)
    @api_blueprint.arguments(schemas.LicensingIdempotencySchema, location="headers",
                             error_status_code=schemas.IDEMPOTENCY_KEY_MISSING)
    @api_blueprint.arguments(schemas.TakeLicenceInSchema)
    @api_blueprint.response(201, schemas.LicenceOutSchema)
    @transactional
    def post(self, headers: dict[str, Any], body: dict[str, Any]) -> dict[str, Any]:
        """Take an open licence on an announced declaration by written notice (R1.6, D9).
        Send an ``Idempotency-Key``: a retry with the same key returns the same licence. 409
        when the declaration is withdrawn, the patent out of force, or a licence is held."""
        session = get_session()
        licence = services.take_licence(session, actor=current_actor(),
                                        declaration_id=body["declaration_id"], policy=policy(),
                                        idempotency_key=headers["idempotency_key"])
        return licence_out(session, licence)


@api_blueprint.route("/licences/<int:licence_id>")
class LicenceById(MethodView):
    @roles_required(*READERS)
    @api_blueprint.response(200, schemas.LicenceDetailSchema)
    def get(self, licence_id: int) -> dict[str, Any]:
        """A licence with its payments, reports and statement (parties and the office)."""
        session = get_session()
        return _detail(session, services.get_licence(session, actor=current_actor(),
                                                     licence_id=licence_id))


@api_blueprint.route("/licences/<int:licence_id>/payments")
class Payments(MethodView):
    @roles_required(Role.SME)
    @api_blueprint.arguments(schemas.LicensingIdempotencySchema, location="headers",
                             error_status_code=schemas.IDEMPOTENCY_KEY_MISSING)
    @api_blueprint.arguments(schemas.LicencePaymentInSchema)
    @api_blueprint.response(201, schemas.LicencePaymentOutSchema)
    @transactional
    def post(self, headers: dict[str, Any], body: dict[str, Any],
             licence_id: int) -> LicencePayment:
        """Record a payment (the licensee). The same ``Idempotency-Key`` records it once.
        Proof files are uploaded on the page."""
        return services.record_payment(
            get_session(), actor=current_actor(), licence_id=licence_id,
            new=services.NewPayment(body["amount_fen"], body["paid_on"], body["reference"]),
            proof=None, upload_dir=proof_dir(), max_bytes=max_upload_bytes(),
            idempotency_key=headers["idempotency_key"])


@api_blueprint.route("/licence-payments/<int:payment_id>/confirm")
class ConfirmPayment(MethodView):
    @roles_required(Role.PATENTEE)
    @api_blueprint.response(200, schemas.LicencePaymentOutSchema)
    @transactional
    def post(self, payment_id: int) -> LicencePayment:
        """The patentee confirms receipt of a payment."""
        return services.confirm_payment(get_session(), actor=current_actor(),
                                        payment_id=payment_id)


@api_blueprint.route("/licences/<int:licence_id>/reports")
class Reports(MethodView):
    @roles_required(Role.SME)
    @api_blueprint.arguments(schemas.RoyaltyReportInSchema)
    @api_blueprint.response(201, schemas.RoyaltyReportOutSchema)
    @transactional
    def post(self, body: dict[str, Any], licence_id: int) -> Any:
        """File a royalty report for one reporting period; the royalty is computed from the
        frozen terms."""
        return services.file_report(
            get_session(), actor=current_actor(), licence_id=licence_id,
            period_start=body["period_start"], period_end=body["period_end"],
            figures=ReportFigures(body["net_sales_fen"], body["profit_fen"], body["units"]),
            policy=policy())


@api_blueprint.route("/licences/<int:licence_id>/termination")
class Termination(MethodView):
    @roles_required(*PARTIES)
    @api_blueprint.arguments(schemas.LicenceTerminationInSchema)
    @api_blueprint.response(200, schemas.LicenceOutSchema)
    @transactional
    def post(self, body: dict[str, Any], licence_id: int) -> dict[str, Any]:
        """Propose ending the licence by agreement from ``from_day``."""
        session = get_session()
        return licence_out(session, services.propose_termination(
            session, actor=current_actor(), licence_id=licence_id, from_day=body["from_day"]))


@api_blueprint.route("/licences/<int:licence_id>/termination/confirm")
class ConfirmTermination(MethodView):
    @roles_required(*PARTIES)
    @api_blueprint.response(200, schemas.LicenceOutSchema)
    @transactional
    def post(self, licence_id: int) -> dict[str, Any]:
        """The other party confirms: the licence ends from the proposed day."""
        session = get_session()
        return licence_out(session, services.confirm_termination(
            session, actor=current_actor(), licence_id=licence_id))


@api_blueprint.route("/licences/<int:licence_id>/recordals")
class Recordals(MethodView):
    @roles_required(*PARTIES)
    @api_blueprint.response(201, schemas.RecordalOutSchema)
    @transactional
    def post(self, licence_id: int) -> LicenceRecordal:
        """File an effective licence for record (either party, D10)."""
        return recordals.file_recordal(get_session(), actor=current_actor(),
                                       licence_id=licence_id)


@api_blueprint.route("/office/recordals")
class OfficeQueue(MethodView):
    @roles_required(Role.OFFICE)
    @api_blueprint.response(200, schemas.RecordalQueueItemSchema(many=True))
    def get(self) -> list[dict[str, Any]]:
        """Effective licences not yet recorded: pending filings, overdue, due soon."""
        queue = recordals.office_queue(get_session(), actor=current_actor(),
                                       today=china_today(), policy=policy())
        return [{"licence": row_out(item.row), "due_on": item.due_on,
                 "timing": item.timing.value, "latest": item.latest} for item in queue]


@api_blueprint.route("/recordals/<int:recordal_id>/accept")
class AcceptRecordal(MethodView):
    @roles_required(Role.OFFICE)
    @api_blueprint.arguments(schemas.RecordalAcceptInSchema)
    @api_blueprint.response(200, schemas.RecordalOutSchema)
    @transactional
    def post(self, body: dict[str, Any], recordal_id: int) -> LicenceRecordal:
        """Accept: the record number and date; the fee ledger is recomputed (D11)."""
        return recordals.accept(get_session(), actor=current_actor(), recordal_id=recordal_id,
                                record_date=body["record_date"])


@api_blueprint.route("/recordals/<int:recordal_id>/refuse")
class RefuseRecordal(MethodView):
    @roles_required(Role.OFFICE)
    @api_blueprint.arguments(schemas.RecordalRefuseInSchema)
    @api_blueprint.response(200, schemas.RecordalOutSchema)
    @transactional
    def post(self, body: dict[str, Any], recordal_id: int) -> LicenceRecordal:
        """Refuse with at least one ground (R3.13) and an optional note."""
        return recordals.refuse(get_session(), actor=current_actor(), recordal_id=recordal_id,
                                grounds=body["grounds"], note=body["note"])


@api_blueprint.route("/recorded-licences")
class RecordedLicences(MethodView):
    @api_blueprint.arguments(PageArgsSchema, location="query")
    @api_blueprint.response(200, RecordedPage)
    def get(self, args: dict[str, Any]) -> Page[dict[str, Any]]:
        """Recorded open-licence contracts (public, newest record date first)."""
        page = list_accepted_recordals(get_session(), args["page"], args["per_page"])
        items = [{"record_number": i.record_number, "record_date": i.record_date,
                  "announcement_number": i.announcement_number,
                  "licence_number": i.row.licence.number,
                  "patent_number": i.row.patent.patent_number,
                  "licensor_name": i.row.licensor.name, "licensee_name": i.row.licensee.name}
                 for i in page.items]
        return Page(items=items, page=page.page, per_page=page.per_page, total=page.total)


@api_blueprint.route("/patents/<int:patent_id>/negotiated-licences")
class Negotiated(MethodView):
    @roles_required(Role.PATENTEE)
    @api_blueprint.response(200, schemas.NegotiatedLicenceOutSchema(many=True))
    def get(self, patent_id: int) -> list[Any]:
        """The negotiated licences recorded on the caller's patent."""
        return negotiated_of(get_session(), actor=current_actor(), patent_id=patent_id)

    @roles_required(Role.PATENTEE)
    @api_blueprint.arguments(schemas.NegotiatedLicenceInSchema)
    @api_blueprint.response(201, schemas.NegotiatedLicenceOutSchema)
    @transactional
    def post(self, body: dict[str, Any], patent_id: int) -> Any:
        """Record a licence on negotiated terms (R1.8); exclusive or sole ones are refused
        (409) while an open-licence declaration is announced."""
        return record_negotiated(get_session(), actor=current_actor(), patent_id=patent_id,
                                 new=NewNegotiated(**body))
