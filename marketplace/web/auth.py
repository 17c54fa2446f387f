"""Who is asking: session cookies for the browser, bearer tokens for programs; role guards."""

from __future__ import annotations

import copy
import functools
from collections.abc import Callable
from typing import ParamSpec, TypeVar

from flask import Flask, Request, abort, current_app, redirect, request, session, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from werkzeug.wrappers import Response as BaseResponse

from marketplace.accounts import services as account_services
from marketplace.accounts.models import Role, User
from marketplace.db import get_session
from marketplace.extensions import BEARER_SCHEME, COOKIE_SCHEME, csrf, login_manager
from marketplace.web.errors import json_error, wants_json

P = ParamSpec("P")
R = TypeVar("R")

UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def load_user(user_id: str) -> User | None:
    user = get_session().get(User, int(user_id))
    return user if user is not None and user.active else None


def load_user_from_request(req: Request) -> User | None:
    header = req.headers.get("Authorization", "")
    scheme, _, secret = header.partition(" ")
    if scheme.lower() != "bearer" or not secret:
        return None
    return account_services.user_for_token(get_session(), secret.strip())


def unauthorized() -> BaseResponse:
    if wants_json():
        return json_error(401, "unauthorized", "Authentication required: log in or send a "
                                               "bearer token.")
    return redirect(url_for("accounts.login", next=request.full_path))


def protect_api_cookie_sessions() -> None:
    """An API write through a cookie session needs the CSRF token header; a bearer token does not
    (a third-party site cannot send our bearer token)."""
    if not current_app.config.get("WTF_CSRF_ENABLED", True):
        return
    if request.method in UNSAFE_METHODS and request.path.startswith("/api/"):
        if request.headers.get("Authorization", "").lower().startswith("bearer "):
            return
        if "_user_id" in session:
            csrf.protect()


def current_actor() -> User:
    """The logged-in user; only call it behind ``login_required``/``roles_required``."""
    user: User = current_user._get_current_object()
    return user


def roles_required(*roles: Role) -> Callable[[Callable[P, R]], Callable[P, R | BaseResponse]]:
    """Allow only logged-in users holding one of ``roles`` (403 for the others)."""

    def decorator(view: Callable[P, R]) -> Callable[P, R | BaseResponse]:
        @functools.wraps(view)
        def wrapper(*args: P.args, **kwargs: P.kwargs) -> R | BaseResponse:
            if not current_user.is_authenticated:
                return unauthorized()
            if roles and current_user.role not in roles:
                abort(403)
            return view(*args, **kwargs)

        _document_security(wrapper, forbidden=bool(roles))
        return wrapper

    return decorator


def _document_security(view: Callable[..., object], *, forbidden: bool) -> None:
    """In the OpenAPI document: the operation takes the bearer token (or the session cookie)
    and answers 401 without one, and 403 to the roles it refuses (flask-smorest's ``_apidoc``;
    the responses reference its error responses)."""
    doc = copy.deepcopy(getattr(view, "_apidoc", {}))
    responses = doc.setdefault("response", {}).setdefault("responses", {})
    responses.setdefault(401, []).append("UNAUTHORIZED")
    if forbidden:
        responses.setdefault(403, []).append("FORBIDDEN")
    doc.setdefault("manual_doc", {})["security"] = [{BEARER_SCHEME: []}, {COOKIE_SCHEME: []}]
    view._apidoc = doc  # type: ignore[attr-defined]


login_required = roles_required()


def init_app(app: Flask) -> None:
    login_manager.init_app(app)
    login_manager.user_loader(load_user)
    login_manager.request_loader(load_user_from_request)
    login_manager.unauthorized_handler(unauthorized)
    login_manager.login_message = _l("Please log in to see this page.")
    login_manager.session_protection = "strong"
    app.before_request(protect_api_cookie_sessions)
