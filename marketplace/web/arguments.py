"""Request arguments checked before any view sees them for text that cannot be stored
(``marketplace.plaintext``): query strings, pages' and API's alike, are cleaned (they say what
to search and filter by, and any input is a valid search); the API's other arguments are
refused with a field error. Page form fields are checked by ``web.forms.Form`` so that the
error stands next to the field.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import flask_smorest
import marshmallow as ma
from flask import Flask, request
from flask_babel import gettext as _
from webargs.flaskparser import FlaskParser
from werkzeug.datastructures import ImmutableMultiDict, MultiDict

from marketplace.plaintext import UNSTORABLE_MESSAGE, cleaned, unstorable_fields

__all__ = ["Blueprint", "PlainTextParser", "init_app"]

def _pairs(data: Mapping[str, Any]) -> Iterable[tuple[str, object]]:
    if isinstance(data, MultiDict):
        return data.items(multi=True)
    return data.items()


class PlainTextParser(FlaskParser):
    """webargs' Flask parser that refuses unstorable text in the body's arguments with a field
    error (a 422 in the API's error shape), before the schema loads them; query strings arrive
    cleaned by `clean_query_string`."""

    def pre_load(self, location_data: Any, *, schema: ma.Schema, req: Any, location: str) -> Any:
        if isinstance(location_data, Mapping):
            bad = unstorable_fields(_pairs(location_data))
            if bad:
                raise ma.ValidationError({name: [_(UNSTORABLE_MESSAGE)] for name in bad})
        return location_data


class Blueprint(flask_smorest.Blueprint):  # type: ignore[misc]
    """The API's blueprint: flask-smorest's, parsing arguments with `PlainTextParser`."""

    ARGUMENTS_PARSER = PlainTextParser()


def clean_query_string() -> None:
    """Replace the request's query arguments by cleaned ones if any holds unstorable text."""
    pairs = list(request.args.items(multi=True))
    if unstorable_fields(pairs):
        request.args = ImmutableMultiDict([(cleaned(k), cleaned(v)) for k, v in pairs])


def init_app(app: Flask) -> None:
    app.before_request(clean_query_string)
