"""Kaifang (开放许可): the open-licence patent marketplace. ``create_app`` builds the app."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from flask import Flask


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    """Build the app: settings → database → extensions → error handlers → blueprints → CLI.

    ``config`` overrides settings read from the environment (tests pass theirs here).
    """
    from marketplace import cli, extensions
    from marketplace.config import framework_settings, load_settings, settings_from_os
    from marketplace.db import Database, close_session
    from marketplace.needs import hooks as needs_hooks
    from marketplace.notifications import delivery as notification_delivery
    from marketplace.search import embeddings as search_embeddings
    from marketplace.search import sync as search_sync
    from marketplace.web import arguments, auth, errors, i18n, security, templating

    app = Flask(__name__)
    instance_path = Path(app.instance_path)
    if config is None:
        settings = settings_from_os(instance_path)
    else:
        # Explicit config stands alone (tests): strings are parsed like the environment's.
        settings = load_settings(
            {k: v for k, v in config.items() if isinstance(v, str)}, instance_path
        )
        settings.update({k: v for k, v in config.items() if not isinstance(v, str)})
    app.config.update(framework_settings(settings))
    app.config.update(settings)

    app.extensions["db"] = Database(app.config["DATABASE_URL"])
    app.teardown_appcontext(close_session)
    search_sync.init_app(app)
    search_embeddings.init_app(app)
    needs_hooks.init_app(app)
    notification_delivery.init_app(app)

    security.init_app(app)
    extensions.csrf.init_app(app)
    extensions.limiter.init_app(app)
    extensions.api.init_app(app)
    i18n.init_app(app)
    arguments.init_app(app)
    auth.init_app(app)
    templating.init_app(app)
    errors.register_error_handlers(app)
    _register_blueprints(app)
    cli.init_app(app)
    return app


def _register_blueprints(app: Flask) -> None:
    """Register every feature's pages and API, from an explicit list."""
    from marketplace.accounts import api as accounts_api
    from marketplace.accounts import views as accounts_views
    from marketplace.dashboard import views as dashboard_views
    from marketplace.declarations import api as declarations_api
    from marketplace.declarations import views as declarations_views
    from marketplace.extensions import api, csrf
    from marketplace.fees import api as fees_api
    from marketplace.fees import views as fees_views
    from marketplace.licensing import api as licensing_api
    from marketplace.licensing import views as licensing_views
    from marketplace.mediation import api as mediation_api
    from marketplace.mediation import views as mediation_views
    from marketplace.needs import api as needs_api
    from marketplace.needs import views as needs_views
    from marketplace.notifications import api as notifications_api
    from marketplace.notifications import views as notifications_views
    from marketplace.patents import api as patents_api
    from marketplace.patents import views as patents_views
    from marketplace.register import api as register_api
    from marketplace.register import views as register_views
    from marketplace.search import api as search_api
    from marketplace.search import batch_views
    from marketplace.search import views as search_views
    from marketplace.web import api as web_api
    from marketplace.web import views as web_views

    for module in (web_views, accounts_views, patents_views, declarations_views, fees_views,
                   licensing_views, search_views, needs_views, notifications_views,
                   register_views, mediation_views, batch_views, dashboard_views):
        app.register_blueprint(module.blueprint)
    for api_module in (web_api, accounts_api, patents_api, declarations_api, fees_api,
                       licensing_api, search_api, needs_api, notifications_api, register_api,
                       mediation_api):
        api_blueprint = api_module.api_blueprint
        api.register_blueprint(api_blueprint)
        # The API checks CSRF itself: for cookie sessions only, not for bearer tokens.
        csrf.exempt(api_blueprint)
