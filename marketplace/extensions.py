"""Unbound extension objects; ``create_app`` initialises them."""

from __future__ import annotations

from flask_babel import Babel
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_smorest import Api
from flask_wtf.csrf import CSRFProtect


class MarketplaceApi(Api):  # type: ignore[misc]
    """flask-smorest's Api without its app-wide HTTP error handler: ``web/errors.py`` owns errors
    for pages and API alike, with the same ``{code, status, message, errors}`` body."""

    def _register_error_handlers(self) -> None:
        return None


login_manager = LoginManager()
csrf = CSRFProtect()
babel = Babel()
limiter = Limiter(key_func=get_remote_address, default_limits=[])
api = MarketplaceApi()
