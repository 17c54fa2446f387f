"""Template globals and filters shared by every page."""

from __future__ import annotations

import datetime as dt
from typing import Any

from flask import Flask, request
from flask_babel import format_date, get_locale
from flask_babel import gettext as _

from marketplace.accounts.forms import KIND_LABELS, ROLE_LABELS
from marketplace.accounts.regions import region_name
from marketplace.errors import Message
from marketplace.web.errors import localise
from marketplace.web.i18n import LOCALE_NAMES


def _date(value: dt.date | None) -> str:
    return format_date(value, "medium") if value else "—"


def _region(code: str) -> str:
    return region_name(code, str(get_locale() or "zh"))


def _translate(message: str) -> str:
    return str(_(message)) if message else message


def _translate_message(message: Message | str | None) -> str:
    """``{{ error.detail|tmsg }}``: a `Message` (or a marked string) in the page's language."""
    return localise(message) if message else ""


def _url_with(**changes: Any) -> str:
    """The current URL with some query arguments replaced (filters, paging)."""
    args = request.args.to_dict()
    for key, value in changes.items():
        if value is None:
            args.pop(key, None)
        else:
            args[key] = str(value)
    from urllib.parse import urlencode

    return f"{request.path}?{urlencode(args)}" if args else request.path


def init_app(app: Flask) -> None:
    app.jinja_env.filters["date"] = _date
    app.jinja_env.filters["region"] = _region
    app.jinja_env.filters["t"] = _translate
    app.jinja_env.filters["tmsg"] = _translate_message

    @app.context_processor
    def inject() -> dict[str, Any]:
        from marketplace.accounts.forms import LogoutForm

        return {
            "LOCALE_NAMES": LOCALE_NAMES,
            "current_locale": str(get_locale() or "zh"),
            "KIND_LABELS": KIND_LABELS,
            "ROLE_LABELS": ROLE_LABELS,
            # Never bound to the request: reading the body here would raise again on the
            # error page of an upload that is too large (413).
            "logout_form": LogoutForm(formdata=None),
            "url_with": _url_with,
        }
