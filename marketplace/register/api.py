"""The public register API: announced declarations and withdrawals, without login."""

from __future__ import annotations

from typing import Any

from flask.views import MethodView

from marketplace.db import get_session
from marketplace.declarations import public
from marketplace.register import schemas
from marketplace.register.entries import RegisterEntry
from marketplace.register.views import fee_standard
from marketplace.web.arguments import Blueprint

api_blueprint = Blueprint("register_api", __name__, url_prefix="/api/v1",
                          description="The public register of open-licence announcements "
                                      "(open data, no login)")


def _data(entry: RegisterEntry) -> dict[str, Any]:
    return entry.to_data(fee_standard(entry))


@api_blueprint.route("/register/declarations")
class Declarations(MethodView):
    @api_blueprint.arguments(schemas.RegisterArgsSchema, location="query")
    @api_blueprint.response(200, schemas.RegisterPageSchema)
    def get(self, args: dict[str, Any]) -> dict[str, Any]:
        """Announced declarations (in force or withdrawn), newest announcement first; with
        ``withdrawals=true``, announced withdrawals, newest first. Terms are the frozen
        snapshot's."""
        lister = public.list_withdrawals if args["withdrawals"] else public.list_announced
        page = lister(get_session(), filters=args["filters"], page=args["page"],
                      per_page=args["per_page"])
        return {"items": [_data(RegisterEntry.of(row)) for row in page.items],
                "page": page.page, "per_page": page.per_page, "total": page.total,
                "pages": page.pages}


@api_blueprint.route("/register/declarations/<string:number>")
class DeclarationByNumber(MethodView):
    @api_blueprint.response(200, schemas.RegisterDetailSchema)
    def get(self, number: str) -> dict[str, Any]:
        """One announced declaration by its announcement number (``KF-OL-2026-000123``) or its
        withdrawal number (``KF-OLW-2026-000007``), with the frozen snapshot and its hash."""
        entry = RegisterEntry.of(public.get_announced(get_session(), announcement_number=number))
        return {**_data(entry), "snapshot": entry.snapshot}
