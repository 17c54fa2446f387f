"""Who is asking: session cookies for the browser, bearer tokens for programs; role guards."""

from __future__ import annotations

import copy
import datetime as dt
import functools
import logging
from collections.abc import Callable
from typing import ParamSpec, TypeVar

from flask import (
    Flask,
    Request,
    abort,
    after_this_request,
    current_app,
    g,
    redirect,
    request,
    session,
    url_for,
)
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_user
from sqlalchemy.exc import SQLAlchemyError
from werkzeug.wrappers import Response as BaseResponse

from marketplace.accounts import services as account_services
from marketplace.accounts import token_use
from marketplace.accounts.models import Role, User
from marketplace.db import Database, get_session, transaction, utcnow
from marketplace.extensions import BEARER_SCHEME, COOKIE_SCHEME, csrf, login_manager
from marketplace.web.errors import json_error, wants_json

log = logging.getLogger(__name__)

P = ParamSpec("P")
R = TypeVar("R")

UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def load_user(session_id: str) -> User | None:
    """The user of a login session ``"<user id>:<session version>"`` (``User.get_id``), while
    that version is current: logging out or changing the password raises it, which ends every
    session made before, even with a copy of the cookie."""
    user_id, _, version = session_id.partition(":")
    if not (user_id.isdigit() and version.isdigit()):
        return None
    user = get_session().get(User, int(user_id))
    if user is None or not user.active or user.session_version != int(version):
        return None
    return user


def start_session(user: User) -> None:
    """Log ``user`` in with a session that expires after SESSION_IDLE_MINUTES without a request
    (permanent sessions are re-signed on every request and their age is checked on the server)."""
    login_user(user)
    session.permanent = True


def authenticate_bearer() -> None:
    """Check a bearer token before the view runs: a revoked or expired token is a 401, a
    read-only token on a write a 403, each saying why (raised to the error handlers)."""
    scheme, _, secret = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() == "bearer" and secret.strip():
        g.bearer_user = account_services.user_for_token(
            get_session(), secret.strip(), writing=request.method in UNSAFE_METHODS)
        if g.bearer_user is not None:
            _note_token_use(secret.strip())


def _note_token_use(secret: str) -> None:
    """Write the token's use once the response is sent, in a short transaction of its own, if
    its last noted use is older than ``TOKEN_USE_RECORD_MINUTES`` (else write nothing)."""
    now = utcnow()
    every = dt.timedelta(minutes=int(current_app.config["TOKEN_USE_RECORD_MINUTES"]))
    token_id = token_use.use_to_record(get_session(), secret, now=now, every=every)
    if token_id is None:
        return
    database: Database = current_app.extensions["db"]

    def record() -> None:
        try:
            with database.new_session() as own, transaction(own):
                token_use.record_use(own, token_id, now=now, every=every)
        except SQLAlchemyError:
            log.warning("the use of API token %s was not recorded", token_id, exc_info=True)

    @after_this_request
    def record_once_sent(response: BaseResponse) -> BaseResponse:
        response.call_on_close(record)
        return response


def load_user_from_request(req: Request) -> User | None:
    user: User | None = g.get("bearer_user")
    return user


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
    app.before_request(authenticate_bearer)
    app.before_request(protect_api_cookie_sessions)
