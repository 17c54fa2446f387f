"""Unbound extension objects; ``create_app`` initialises them."""

from __future__ import annotations

from typing import Any

from flask import Flask
from flask_babel import Babel
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_smorest import Api
from flask_wtf.csrf import CSRFProtect
from marshmallow import Schema, fields


class DecimalString(fields.Decimal):
    """A decimal sent and documented as a string (``"0.85"``): exact, unlike a JSON number."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(as_string=True, **kwargs)


BEARER_SCHEME = "bearerAuth"
COOKIE_SCHEME = "cookieAuth"


class ErrorSchema(Schema):
    """Every error's body (``web/errors.py``); flask-smorest documents it on error responses."""

    code = fields.String(required=True, metadata={"example": "unprocessable_entity"})
    status = fields.Integer(required=True, metadata={"example": 422})
    message = fields.String(required=True,
                            metadata={"description": "What went wrong, in the request's language"})
    errors = fields.Dict(keys=fields.String(), metadata={
        "description": "Per field, its problems (the portfolio import's 422 lists rows)"})


class MarketplaceApi(Api):  # type: ignore[misc]
    """flask-smorest's Api without its app-wide HTTP error handler: ``web/errors.py`` owns errors
    for pages and API alike, with the same ``{code, status, message, errors}`` body, which
    `ErrorSchema` documents."""

    ERROR_SCHEMA = ErrorSchema

    def init_app(self, app: Flask, *args: Any, **kwargs: Any) -> None:
        self.register_field(DecimalString, "string", "decimal")
        super().init_app(app, *args, **kwargs)
        self.spec.components.security_scheme(BEARER_SCHEME, {
            "type": "http", "scheme": "bearer",
            "description": "An API token: from the account page, or POST /api/v1/auth/token "
                           "with e-mail and password"})
        self.spec.components.security_scheme(COOKIE_SCHEME, {
            "type": "apiKey", "in": "cookie", "name": "session",
            "description": "The browser's session cookie; writes also need the X-CSRFToken "
                           "header"})

    def _register_error_handlers(self) -> None:
        return None


login_manager = LoginManager()
csrf = CSRFProtect()
babel = Babel()
limiter = Limiter(key_func=get_remote_address, default_limits=[])
api = MarketplaceApi()
