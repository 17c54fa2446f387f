"""API plumbing: health check and the locally served Swagger UI assets."""

from __future__ import annotations

from typing import Any

from flask import send_from_directory
from flask.views import MethodView
from marshmallow import Schema, fields
from sqlalchemy import text
from swagger_ui_bundle import swagger_ui_path
from werkzeug.wrappers import Response as BaseResponse

from marketplace.db import get_session
from marketplace.web.arguments import Blueprint

api_blueprint = Blueprint("web_api", __name__, url_prefix="/api/v1",
                          description="Service health")


class HealthOutSchema(Schema):
    status = fields.String()
    database = fields.String()


@api_blueprint.route("/health")
class Health(MethodView):
    @api_blueprint.response(200, HealthOutSchema)
    def get(self) -> dict[str, Any]:
        """Liveness and database reachability."""
        get_session().exec(text("SELECT 1"))  # type: ignore[call-overload]
        return {"status": "ok", "database": "ok"}


@api_blueprint.route("/docs/assets/<path:filename>")
class SwaggerAssets(MethodView):
    @api_blueprint.doc(hide=True)
    def get(self, filename: str) -> BaseResponse:
        """Swagger UI files from the swagger-ui-bundle package: no CDN."""
        return send_from_directory(swagger_ui_path, filename)
