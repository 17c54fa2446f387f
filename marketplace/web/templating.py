"""Template globals and filters shared by every page."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from typing import Any

from flask import Flask, request
from flask_babel import get_locale
from flask_babel import gettext as _

from marketplace.accounts.forms import KIND_LABELS, ROLE_LABELS
from marketplace.accounts.regions import region_name
from marketplace.declarations.rules import DeclarationStatus, status_name
from marketplace.errors import Message
from marketplace.licensing.rules import (
    LICENCE_STATE_NAMES,
    RECORDAL_STATE_NAMES,
    LicenceState,
    RecordalState,
)
from marketplace.mediation.rules import STATE_LABELS, CaseState
from marketplace.web.errors import localise
from marketplace.web.formatting import (
    format_day,
    format_instant,
    format_money,
    organisation_name,
    sentence_case,
)
from marketplace.web.i18n import LOCALE_NAMES
from marketplace.web.navigation import navigation

_ENUM_NAMES: Mapping[type[enum.Enum], Mapping[Any, Message]] = {
    LicenceState: LICENCE_STATE_NAMES,
    RecordalState: RECORDAL_STATE_NAMES,
    CaseState: STATE_LABELS,
    DeclarationStatus: {status: status_name(status) for status in DeclarationStatus},
}


def _label(value: enum.Enum | None) -> str:
    """``{{ licence.state|label }}``: the name of a stored enum value in the page's language,
    per kind of object (a refused recordal is 不予备案, a refused mediation 不予受理)."""
    if value is None:
        return "—"
    names = _ENUM_NAMES.get(type(value))
    return localise(names[value]) if names is not None else localise(value.value)


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
    app.jinja_env.filters["date"] = format_day
    app.jinja_env.filters["datetime"] = format_instant
    app.jinja_env.filters["region"] = _region
    app.jinja_env.filters["label"] = _label
    app.jinja_env.filters["money"] = format_money
    app.jinja_env.filters["org_name"] = organisation_name
    app.jinja_env.filters["sentence_case"] = sentence_case
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
            "navigation": navigation,
        }
