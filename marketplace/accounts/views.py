"""Account pages: register, log in and out, the user's own tokens, staff accounts (office)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, logout_user
from werkzeug.wrappers import Response as BaseResponse

from marketplace.accounts import emails, forms, services
from marketplace.accounts.models import OrganisationKind, Role, TokenScope
from marketplace.db import get_session, utcnow
from marketplace.errors import DomainError
from marketplace.extensions import limiter
from marketplace.web.auth import current_actor, login_required, roles_required, start_session
from marketplace.web.errors import localise
from marketplace.web.forms import choices, show_domain_errors
from marketplace.web.transaction import transactional

blueprint = Blueprint("accounts", __name__)


def _safe_next(target: str | None) -> str:
    """Only redirect to paths on this site (no open redirect)."""
    if target and not urlsplit(target).netloc and target.startswith("/") \
            and not target.startswith("//"):
        return target
    return url_for("web.home")


def _login_limit() -> str:
    return str(current_app.config["LOGIN_RATE_LIMIT"])


def registration_limit() -> str:
    return str(current_app.config["REGISTRATION_RATE_LIMIT"])


@blueprint.route("/register", methods=["GET", "POST"])
@limiter.shared_limit(registration_limit, scope="registration", methods=["POST"])
@transactional
def register() -> str | BaseResponse:
    form = forms.RegistrationForm()
    if form.validate_on_submit():
        try:
            emails.register(
                get_session(),
                organisation=services.NewOrganisation(
                    name=form.organisation_name.data,
                    kind=OrganisationKind(form.kind.data),
                    region=form.region.data,
                    uscc=form.uscc.data or None,
                ),
                user=services.NewUser(
                    email=form.email.data,
                    password=form.password.data,
                    display_name=form.display_name.data,
                    role=Role(form.role.data),
                ),
            )
        except DomainError as error:
            get_session().rollback()
            flash(show_domain_errors(form, error), "error")
        else:
            # The same answer whether the address was new or not (no account enumeration).
            flash(_("Check your e-mail: we sent a message to %(email)s to continue.",
                    email=form.email.data), "success")
            return redirect(url_for("accounts.login"))
    return render_template("accounts/register.html", form=form)


@blueprint.route("/register/confirm/<token>", methods=["GET"])
@transactional
def confirm_email(token: str) -> BaseResponse:
    confirmation = emails.read_confirmation_token(token)
    if confirmation is None:
        flash(_("This link is not valid or has expired: register again to get a new one."),
              "error")
        return redirect(url_for("accounts.register"))
    user = services.confirm_email(get_session(), user_id=confirmation.user_id,
                                  email=confirmation.email)
    start_session(user)
    flash(_("Welcome! Your e-mail address is confirmed and your organisation is registered."),
          "success")
    return redirect(url_for("web.home"))


@blueprint.route("/login", methods=["GET", "POST"])
@limiter.limit(_login_limit, methods=["POST"])
@transactional
def login() -> str | BaseResponse:
    form = forms.LoginForm()
    if form.validate_on_submit():
        try:
            user = services.authenticate(get_session(), email=form.email.data,
                                         password=form.password.data)
        except services.EmailNotConfirmed as error:
            form.password.errors.append(localise(error.detail))
        else:
            if user is not None:
                start_session(user)
                flash(_("You are logged in."), "success")
                return redirect(_safe_next(request.args.get("next")))
            form.password.errors.append(_("Wrong e-mail or password."))
    return render_template("accounts/login.html", form=form)


@blueprint.route("/logout", methods=["POST"])
@transactional
def logout() -> BaseResponse:
    form = forms.LogoutForm()
    if form.validate_on_submit():
        if current_user.is_authenticated:
            # The cookie lives in the browser: the server ends the session itself, so a copy of
            # the cookie taken before no longer logs anyone in.
            services.end_sessions(get_session(), user=current_actor())
        logout_user()
        flash(_("You are logged out."), "success")
    return redirect(url_for("web.home"))


@blueprint.route("/account/password", methods=["GET", "POST"])
@login_required
@transactional
def change_password() -> str | BaseResponse:
    form = forms.PasswordChangeForm()
    if form.validate_on_submit():
        user = current_actor()
        try:
            services.change_password(get_session(), user=user,
                                     current=form.current_password.data,
                                     new=form.new_password.data)
        except DomainError as error:
            get_session().rollback()
            flash(show_domain_errors(form, error), "error")
        else:
            start_session(user)  # this browser goes on; every other session has ended
            flash(_("Your password is changed. Your other sessions are logged out."),
                  "success")
            return redirect(url_for("accounts.account"))
    return render_template("accounts/password.html", form=form)


def _token_form(lifetime: services.TokenLifetime, **kwargs: Any) -> forms.TokenForm:
    form = forms.TokenForm(**kwargs)
    form.offer_lifetimes(lifetime.default_days, lifetime.max_days)
    return form


def _account_page(lifetime: services.TokenLifetime, new_secret: str | None = None) -> str:
    user = current_actor()
    session = get_session()
    return render_template(
        "accounts/account.html",
        organisation=services.get_organisation(session, user.organisation_id),
        tokens=services.list_api_tokens(session, user=user),
        token_form=_token_form(lifetime, formdata=None),
        revoke_form=forms.RevokeTokenForm(),
        new_secret=new_secret,
        scope_labels=forms.SCOPE_LABELS,
        now=utcnow(),
    )


@blueprint.route("/account", methods=["GET"])
@login_required
def account() -> str:
    return _account_page(services.TokenLifetime.from_settings(current_app.config))


@blueprint.route("/account/tokens", methods=["POST"])
@login_required
@transactional
def create_token() -> str | BaseResponse:
    lifetime = services.TokenLifetime.from_settings(current_app.config)
    form = _token_form(lifetime)
    if not form.validate_on_submit():
        flash(_("Give the token a name and choose its lifetime and access."), "error")
        return redirect(url_for("accounts.account"))
    secret = services.create_api_token(
        get_session(), user=current_actor(), name=form.name.data,
        days=form.expires_in_days.data, scope=TokenScope(form.scope.data), lifetime=lifetime)[1]
    return _account_page(lifetime, new_secret=secret)


@blueprint.route("/account/tokens/<int:token_id>/revoke", methods=["POST"])
@login_required
@transactional
def revoke_token(token_id: int) -> BaseResponse:
    form = forms.RevokeTokenForm()
    if form.validate_on_submit():
        services.revoke_api_token(get_session(), user=current_actor(), token_id=token_id)
        flash(_("The token is revoked."), "success")
    return redirect(url_for("accounts.account"))


@blueprint.route("/office/users", methods=["GET", "POST"])
@roles_required(Role.OFFICE)
@transactional
def staff_users() -> str | BaseResponse:
    session = get_session()
    form = forms.StaffUserForm()
    staff_kinds = (OrganisationKind.AUTHORITY, OrganisationKind.MEDIATION_BODY)
    form.organisation_id.choices = choices(
        (org.id, org.name) for org in services.list_organisations(session, kinds=staff_kinds))
    if form.validate_on_submit():
        try:
            services.create_staff_user(
                session,
                actor=current_actor(),
                user=services.NewUser(email=form.email.data, password=form.password.data,
                                      display_name=form.display_name.data,
                                      role=Role(form.role.data)),
                organisation_id=form.organisation_id.data,
            )
        except DomainError as error:
            session.rollback()
            flash(show_domain_errors(form, error), "error")
        else:
            flash(_("The account is created."), "success")
            return redirect(url_for("accounts.staff_users"))
    return render_template("accounts/staff_users.html", form=form)
