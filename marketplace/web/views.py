"""Home page and the language switch."""

from __future__ import annotations

from flask import Blueprint, redirect, render_template, request, session, url_for
from flask_login import current_user
from werkzeug.wrappers import Response as BaseResponse

from marketplace.accounts import services as account_services
from marketplace.dashboard.views import dashboard_page
from marketplace.db import get_session
from marketplace.web.i18n import LOCALES
from marketplace.web.transaction import transactional

blueprint = Blueprint("web", __name__)


@blueprint.route("/")
def home() -> str:
    """The public home page; a logged-in user's own dashboard."""
    if current_user.is_authenticated:
        return dashboard_page()
    return render_template("home.html")


@blueprint.route("/rules")
def rules() -> str:
    """The rules the pages cite, in words, with the statute quoted (public)."""
    return render_template("rules.html")


@blueprint.route("/lang/<locale>")
@transactional
def switch_language(locale: str) -> BaseResponse:
    """Remember the chosen language (session, and the account when logged in)."""
    if locale in LOCALES:
        session["locale"] = locale
        if current_user.is_authenticated:
            account_services.set_locale(get_session(), user=current_user, locale=locale)
    target = request.referrer or url_for("web.home")
    if not target.startswith(request.host_url):
        target = url_for("web.home")
    return redirect(target)
