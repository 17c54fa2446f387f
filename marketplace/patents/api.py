"""Patent register API: list and read patents, import a portfolio, record encumbrances."""

from __future__ import annotations

from typing import Any

from flask.views import MethodView

from marketplace.accounts.models import Role
from marketplace.db import get_session
from marketplace.errors import N_, Message, ValidationFailed
from marketplace.patents import schemas, services
from marketplace.patents.importing import parse_portfolio
from marketplace.patents.models import Encumbrance
from marketplace.web.arguments import Blueprint
from marketplace.web.auth import current_actor, login_required, roles_required
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
    @transactional
    def post(self, args: dict[str, Any], files: dict[str, Any]) -> services.ImportOutcome:
        """Import CSV, XLSX or JSON Lines. With any bad row nothing is imported unless
        ``skip_invalid=true``; the report lists every bad row by row number and field."""
        upload = files["file"]
        try:
            parsed = parse_portfolio(upload.read(), upload.filename or "")
        except ValueError as exc:
            raise ValidationFailed(N_("The file cannot be read."),
                                   {"file": [Message.of(exc)]}) from exc
        outcome = services.import_records(
            get_session(), actor=current_actor(), records=parsed.records,
            parse_errors=parsed.errors, parse_warnings=parsed.warnings,
            skip_invalid=args["skip_invalid"])
        if outcome.errors and not outcome.imported:
            # Messages, so that the error handler renders them in the request's language. The
            # template is layout, not language: it is not marked for translation.
            by_row: dict[str, list[str | Message]] = {}
            for error in outcome.errors:
                by_row.setdefault(f"row {error.row}", []).append(
                    Message("%(field)s: %(message)s", {"field": error.field,
                                                        "message": error.detail}))
            raise ValidationFailed(N_("Nothing was imported: some rows are invalid."), by_row)
        return outcome
