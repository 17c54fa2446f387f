"""Request arguments refused before any view sees them: text that cannot be stored
(``marketplace.plaintext``), in API arguments of every location and in page query strings.

Form fields are checked by ``web.forms.Form`` so that the error stands next to the field.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, Final

import flask_smorest
import marshmallow as ma
from flask import Flask, request
from flask_babel import gettext as _
from webargs.flaskparser import FlaskParser
from werkzeug.datastructures import MultiDict

from marketplace.errors import N_, ValidationFailed
from marketplace.plaintext import UNSTORABLE_MESSAGE, unstorable_fields

__all__ = ["Blueprint", "PlainTextParser", "init_app"]

_QUERY_MESSAGE: Final = N_(
    "The address holds characters that cannot be used; remove them and try again.")


def _pairs(data: Mapping[str, Any]) -> Iterable[tuple[str, object]]:
    if isinstance(data, MultiDict):
        return data.items(multi=True)
    return data.items()


class PlainTextParser(FlaskParser):
    """webargs' Flask parser that refuses unstorable text in any argument with a field error
    (a 422 in the API's error shape), before the schema loads it."""

    def pre_load(self, location_data: Any, *, schema: ma.Schema, req: Any, location: str) -> Any:
        if isinstance(location_data, Mapping):
            bad = unstorable_fields(_pairs(location_data))
            if bad:
                raise ma.ValidationError({name: [_(UNSTORABLE_MESSAGE)] for name in bad})
        return location_data


class Blueprint(flask_smorest.Blueprint):  # type: ignore[misc]
    """The API's blueprint: flask-smorest's, parsing arguments with `PlainTextParser`."""

    ARGUMENTS_PARSER = PlainTextParser()


def refuse_unstorable_query() -> None:
    """Refuse a page request whose query string holds unstorable text (the API's arguments are
    checked by `PlainTextParser`, with its schemas)."""
    if request.path.startswith("/api/"):
        return
    bad = unstorable_fields(_pairs(request.args))
    if bad:
        raise ValidationFailed(_QUERY_MESSAGE, {name: [UNSTORABLE_MESSAGE] for name in bad})


def init_app(app: Flask) -> None:
    app.before_request(refuse_unstorable_query)
