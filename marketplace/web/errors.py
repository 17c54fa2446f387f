"""One error contract: ``{code, status, message, errors}`` under /api, pages elsewhere."""

from __future__ import annotations

import logging
from typing import Any

from flask import Flask, Response, has_request_context, jsonify, render_template, request
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from marshmallow import ValidationError
from werkzeug.exceptions import HTTPException, InternalServerError

from marketplace.db import get_session
from marketplace.errors import DomainError, Message
from marketplace.web.formatting import present, present_exact

log = logging.getLogger(__name__)


def _gettext(text: str) -> str:
    return str(_(text))


def localise(message: str | Message, *, exact: bool = False) -> str:
    """A message in the request's language: a marked string translated, or a `Message`'s
    template translated and its values (translated too when they are messages) filled in; on
    a page its dates and amounts are written the page's way (`present`), the API and
    ``exact`` texts (downloads) keep dates ISO and amounts to the fen (`present_exact`)."""
    on_page = has_request_context() and not wants_json() and not exact
    return Message.of(message).render(_gettext, present if on_page else present_exact)


def wants_json() -> bool:
    return request.path.startswith("/api/")


def error_body(
    status: int, code: str, message: str, errors: dict[str, Any] | None = None
) -> dict[str, Any]:
    body: dict[str, Any] = {"code": code, "status": status, "message": message}
    if errors:
        body["errors"] = errors
    return body


def _render(status: int, code: str, message: str, errors: dict[str, Any] | None = None) -> Any:
    if wants_json():
        response = jsonify(error_body(status, code, message, errors))
        response.status_code = status
        return response
    return render_template("errors/error.html", status=status, message=message), status


def _code_for(exc: HTTPException) -> str:
    name = (exc.name or "error").lower().replace(" ", "_")
    return "".join(ch for ch in name if ch.isalnum() or ch == "_")


def handle_domain_error(exc: DomainError) -> Any:
    get_session().rollback()
    errors = {field: [localise(m) for m in messages] for field, messages in exc.details.items()}
    return _render(exc.status, exc.code, localise(exc.detail), errors or None)


def handle_validation_error(exc: ValidationError) -> Any:
    messages = exc.messages if isinstance(exc.messages, dict) else {"_schema": exc.messages}
    return _render(422, "unprocessable_entity", _("The request has invalid fields."), messages)


def handle_http_exception(exc: HTTPException) -> Any:
    status = exc.code or 500
    # webargs (flask-smorest) attaches marshmallow messages to its 422 aborts.
    data = getattr(exc, "data", None) or {}
    messages = data.get("messages") if isinstance(data, dict) else None
    if messages is not None:
        # Keyed by location (json, query, form...): one flat field -> messages mapping.
        errors = ({name: field for located in messages.values() for name, field in located.items()}
                  if all(isinstance(located, dict) for located in messages.values())
                  else messages)
        if status == 428:
            return _render(428, "precondition_required",
                           _("Send an Idempotency-Key header: a retry with the same key then "
                             "has its effect once."), errors)
        return _render(status, "unprocessable_entity", _("The request has invalid fields."), errors)
    if isinstance(exc, CSRFError):
        return _render(400, "csrf_failed", _("The form expired or was not sent from this site. "
                                             "Please reload the page and try again."))
    messages_by_status = {
        401: _("Please log in."),
        403: _("You are not allowed to do this."),
        404: _("This page or record does not exist."),
        405: _("This method is not allowed here."),
        413: _("The upload is too large."),
        429: _("Too many attempts. Please wait a moment and try again."),
    }
    message = messages_by_status.get(status, exc.description or exc.name)
    return _render(status, _code_for(exc), message)


def handle_unexpected(exc: Exception) -> Any:
    log.exception("unhandled error", exc_info=exc)
    get_session().rollback()
    return _render(500, "internal_server_error", _("Something went wrong on our side."))


def register_error_handlers(app: Flask) -> None:
    app.register_error_handler(DomainError, handle_domain_error)
    app.register_error_handler(ValidationError, handle_validation_error)
    app.register_error_handler(HTTPException, handle_http_exception)
    app.register_error_handler(InternalServerError, handle_unexpected)
    app.register_error_handler(Exception, handle_unexpected)


def json_response(body: dict[str, Any]) -> Response:
    """An error ``body`` (from `error_body`) as a JSON response with its status."""
    response = jsonify(body)
    response.status_code = body["status"]
    return response


def json_error(status: int, code: str, message: str) -> Response:
    return json_response(error_body(status, code, message))
