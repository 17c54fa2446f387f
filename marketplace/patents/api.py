"""Patent register API: list and read patents, import a portfolio, record encumbrances."""

from __future__ import annotations

from typing import Any

from flask import Response, current_app
from flask.views import MethodView

from marketplace.accounts.models import Role
from marketplace.db import get_session
from marketplace.errors import N_, Message, ValidationFailed
from marketplace.extensions import ErrorSchema
from marketplace.patents import schemas, services
from marketplace.patents.importing import parse_portfolio
from marketplace.patents.models import Encumbrance
from marketplace.uploads import ParseLimits
from marketplace.web.arguments import Blueprint
from marketplace.web.auth import current_actor, login_required, roles_required
from marketplace.web.errors import error_body, json_response, localise
from marketplace.web.pagination import Page
from marketplace.web.transaction import transactional

api_blueprint = Blueprint("patents_api", __name__, url_prefix="/api/v1",
                          description="The patent register and portfolio import")


@api_blueprint.route("/patents")
class Patents(MethodView):
    @login_required
    @api_blueprint.arguments(schemas.PatentListArgsSchema, location="query")
    @api_blueprint.response(200, schemas.PatentPageSchema)
    def get(self, args: dict[str, Any]) -> Page[Any]:
        """The patent register, filtered and paged (logged-in users)."""
        page, per_page = args.pop("page"), args.pop("per_page")
        return services.list_patents(get_session(), actor=current_actor(),
                                     filters=services.PatentFilters(**args), page=page,
                                     per_page=per_page)


@api_blueprint.route("/patents/<int:patent_id>")
class PatentById(MethodView):
    @login_required
    @api_blueprint.response(200, schemas.PatentOutSchema)
    def get(self, patent_id: int) -> dict[str, Any]:
        details = services.get_patent_details(get_session(), actor=current_actor(),
                                              patent_id=patent_id)
        return {**details.patent.model_dump(), "co_owners": details.co_owners,
                "encumbrances": details.encumbrances}


@api_blueprint.route("/patents/<int:patent_id>/encumbrances")
class PatentEncumbrances(MethodView):
    @login_required
    @api_blueprint.arguments(schemas.EncumbranceInSchema)
    @api_blueprint.response(201, schemas.EncumbranceOutSchema)
    @transactional
    def post(self, new: services.NewEncumbrance, patent_id: int) -> Encumbrance:
        """Record an exclusive/sole licence, pledge or suspension (owner only)."""
        return services.add_encumbrance(get_session(), actor=current_actor(),
                                        patent_id=patent_id, new=new)


@api_blueprint.route("/portfolio/import")
class PortfolioImport(MethodView):
    @roles_required(Role.PATENTEE)
    @api_blueprint.arguments(schemas.ImportArgsSchema, location="query")
    @api_blueprint.arguments(schemas.ImportFileSchema, location="files")
    @api_blueprint.response(200, schemas.ImportReportSchema)
    @api_blueprint.alt_response(422, schema=schemas.ImportRejectedSchema,
                                description="Nothing was imported: the rows' errors, or why the "
                                            "file cannot be read (errors.file)")
    @api_blueprint.alt_response(413, schema=ErrorSchema,
                                description="The file breaks a parsing bound (IMPORT_MAX_*)")
    @transactional
    def post(self, args: dict[str, Any],
             files: dict[str, Any]) -> services.ImportOutcome | Response:
        """Import CSV, XLSX or JSON Lines. With any bad row nothing is imported unless
        ``skip_invalid=true``; the report lists every bad row by row number and column."""
        upload = files["file"]
        try:
            parsed = parse_portfolio(upload.read(), upload.filename or "",
                                     ParseLimits.from_settings(current_app.config))
        except ValueError as exc:
            raise ValidationFailed(N_("The file cannot be read."),
                                   {"file": [Message.of(exc)]}) from exc
        outcome = services.import_parsed(get_session(), actor=current_actor(), parsed=parsed,
                                         skip_invalid=args["skip_invalid"])
        if outcome.errors and not outcome.imported:
            rows = [{"row": error.row, "column": error.field, "field": error.field,
                     "message": localise(error.detail)} for error in outcome.errors]
            return json_response(error_body(
                422, ValidationFailed.code, localise(N_("Nothing was imported: some rows are "
                                                        "invalid.")),
                {"rows": rows, "rows_omitted": outcome.errors_omitted}))
        return outcome
