"""Accounts API: who am I, registration, API tokens, staff accounts."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from flask import Response, current_app
from flask.views import MethodView
from flask_babel import gettext as _

from marketplace.accounts import emails, schemas, services
from marketplace.accounts.models import ApiToken, Role, User
from marketplace.accounts.views import registration_limit
from marketplace.db import get_session
from marketplace.errors import N_
from marketplace.extensions import limiter
from marketplace.web.arguments import Blueprint
from marketplace.web.auth import current_actor, login_required, roles_required
from marketplace.web.errors import json_error, localise
from marketplace.web.transaction import transactional

api_blueprint = Blueprint("accounts_api", __name__, url_prefix="/api/v1",
                          description="Accounts, organisations and API tokens")


@api_blueprint.route("/me")
class Me(MethodView):
    @login_required
    @api_blueprint.response(200, schemas.MeOutSchema)
    def get(self) -> dict[str, Any]:
        user = current_actor()
        organisation = services.get_organisation(get_session(), user.organisation_id)
        return {**user.model_dump(), "organisation": organisation}


@api_blueprint.route("/registrations")
class Registrations(MethodView):
    @limiter.shared_limit(registration_limit, scope="registration")
    @api_blueprint.arguments(schemas.RegistrationInSchema)
    @api_blueprint.response(202, schemas.RegistrationAcceptedSchema)
    @transactional
    def post(self, data: dict[str, Any]) -> dict[str, Any]:
        """Register an organisation (patentee or SME) with its first user. The answer is the
        same whether the e-mail address is new or not: the address receives a confirmation
        link (or, when it has an account, a notice); the user logs in once confirmed."""
        emails.register(get_session(), organisation=data["organisation"], user=data["user"])
        return {"message": _("Check your e-mail: we sent a message to %(email)s to continue.",
                             email=data["user"].email)}


@api_blueprint.route("/users")
class StaffUsers(MethodView):
    @roles_required(Role.OFFICE)
    @api_blueprint.arguments(schemas.StaffUserInSchema)
    @api_blueprint.response(201, schemas.UserOutSchema)
    @transactional
    def post(self, data: dict[str, Any]) -> User:
        """Create an office or mediator account (office only)."""
        return services.create_staff_user(
            get_session(), actor=current_actor(), user=data["user"],
            organisation_id=data["organisation_id"],
        )


@api_blueprint.route("/tokens")
class Tokens(MethodView):
    @login_required
    @api_blueprint.response(200, schemas.TokenOutSchema(many=True))
    def get(self) -> list[ApiToken]:
        return services.list_api_tokens(get_session(), user=current_actor())

    @login_required
    @api_blueprint.arguments(schemas.TokenInSchema)
    @api_blueprint.response(201, schemas.NewTokenOutSchema)
    @transactional
    def post(self, data: dict[str, Any]) -> dict[str, Any]:
        """Create a bearer token; the secret is in the response and never again."""
        token, secret = services.create_api_token(
            get_session(), user=current_actor(), name=data["name"],
            days=data["expires_in_days"], scope=data["scope"],
            lifetime=services.TokenLifetime.from_settings(current_app.config))
        return {**token.model_dump(), "token": secret}


def _token_limit() -> str:
    return str(current_app.config["LOGIN_RATE_LIMIT"])


@api_blueprint.route("/auth/token")
class TokenForCredentials(MethodView):
    decorators: ClassVar[list[Callable[..., Any]]] = [
        limiter.limit(_token_limit, methods=["POST"])]

    @api_blueprint.arguments(schemas.CredentialsInSchema)
    @api_blueprint.response(201, schemas.NewTokenOutSchema)
    @api_blueprint.alt_response(401, response="UNAUTHORIZED",
                                description="Wrong e-mail or password (which one is not said)")
    @api_blueprint.alt_response(429, response="TOO_MANY_REQUESTS",
                                description="Too many attempts (LOGIN_RATE_LIMIT)")
    @transactional
    def post(self, data: dict[str, Any]) -> dict[str, Any] | Response:
        """Exchange an e-mail and password for a bearer token, without a session or CSRF
        token (for programs); limited like the login. The secret is in the response only."""
        session = get_session()
        user = services.authenticate(session, email=data["email"], password=data["password"])
        if user is None:
            return json_error(401, "unauthorized", localise(N_("Wrong e-mail or password.")))
        token, secret = services.create_api_token(session, user=user, name=data["name"])
        return {**token.model_dump(), "token": secret}


@api_blueprint.route("/tokens/<int:token_id>")
class TokenById(MethodView):
    @login_required
    @api_blueprint.response(200, schemas.TokenOutSchema)
    @transactional
    def delete(self, token_id: int) -> ApiToken:
        """Revoke a token."""
        return services.revoke_api_token(get_session(), user=current_actor(), token_id=token_id)
