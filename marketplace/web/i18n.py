"""Language: the visitor's choice, else the browser's Accept-Language, else Chinese."""

from __future__ import annotations

from flask import Flask, current_app, request, session
from flask_login import current_user

from marketplace.extensions import babel

LOCALES = ("zh", "en")
LOCALE_NAMES = {"zh": "中文", "en": "English"}


def select_locale() -> str:
    chosen = session.get("locale")
    if chosen in LOCALES:
        return str(chosen)
    if current_user.is_authenticated and current_user.locale in LOCALES:
        return str(current_user.locale)
    best = request.accept_languages.best_match(LOCALES)
    return best or str(current_app.config["DEFAULT_LOCALE"])


def init_app(app: Flask) -> None:
    babel.init_app(app, locale_selector=select_locale)
