"""Request arguments checked before any view sees them for text that cannot be stored
(``marketplace.plaintext``): query strings, pages' and API's alike, are cleaned (they say what
to search and filter by, and any input is a valid search); the API's other arguments are
refused with a field error. Page form fields are checked by ``web.forms.Form`` so that the
error stands next to the field.

Integers are checked here too, against what the databases hold (a signed 64-bit BIGINT): a
larger number in a path matches no route (404, `BoundedIntConverter` is the app's ``int``, and
stops at the INTEGER ids' 2**31 - 1), in an API argument it is a field error (422, every
schema's integers get `INT64_RANGE`, record ids `ID_RANGE`), in a page
form a field error (``web.forms.Form``) and in a page's query string it counts as absent
(`query_int`). None reaches a query.
"""

from __future__ import annotations

import builtins
import threading
import weakref
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

import flask_smorest
import marshmallow as ma
from flask import Flask, request
from flask_babel import gettext as _
from webargs.flaskparser import FlaskParser
from werkzeug.datastructures import ImmutableMultiDict, MultiDict
from werkzeug.routing import IntegerConverter, Map

from marketplace.plaintext import UNSTORABLE_MESSAGE, cleaned, unstorable_fields

__all__ = ["INT64_MAX", "INT64_MIN", "INT64_RANGE", "Blueprint", "BoundedIntConverter",
           "PlainTextParser", "init_app", "query_int"]

INT64_MAX = 2**63 - 1
INT64_MIN = -(2**63)
#: Record ids are INTEGER columns: 32 bits on PostgreSQL.
ID_MAX = 2**31 - 1
INT64_RANGE = ma.validate.Range(min=INT64_MIN, max=INT64_MAX)
#: What a record id argument (``id``, ``…_id``, ``…_ids``) can be: a larger one names no record.
ID_RANGE = ma.validate.Range(min=-ID_MAX - 1, max=ID_MAX)


class BoundedIntConverter(IntegerConverter):
    """``<int:…>`` (always a record id) no larger than an INTEGER column holds: a larger
    number matches no route (404)."""

    def __init__(self, map: Map, fixed_digits: int = 0, min: int | None = None,
                 max: int | None = None, signed: bool = False) -> None:
        bounded = ID_MAX if max is None else builtins.min(max, ID_MAX)
        super().__init__(map, fixed_digits, min, bounded, signed)


def _integer_fields(fields: Iterable[ma.fields.Field[Any]], name: str = ""
                    ) -> Iterator[tuple[str, ma.fields.Integer]]:
    """Every Integer field of ``fields`` with the name of the argument that holds it, inside
    lists, tuples, dicts and nested schemas too."""
    for field in fields:
        own = field.data_key or field.name or name
        if isinstance(field, ma.fields.Integer):
            yield own, field
        elif isinstance(field, ma.fields.List):
            yield from _integer_fields([field.inner], own)
        elif isinstance(field, ma.fields.Tuple):
            yield from _integer_fields(field.tuple_fields, own)
        elif isinstance(field, ma.fields.Dict):
            yield from _integer_fields((f for f in (field.key_field, field.value_field) if f),
                                       own)
        elif isinstance(field, ma.fields.Nested) and isinstance(field.schema, ma.Schema):
            yield from _integer_fields(field.schema.fields.values())


def _is_id(name: str) -> bool:
    return name == "id" or name.endswith(("_id", "_ids"))


_bounded: weakref.WeakSet[ma.Schema] = weakref.WeakSet()
_bounding = threading.Lock()


def bound_integers(schema: ma.Schema) -> None:
    """Give every Integer field of ``schema`` the BIGINT range, and record ids the INTEGER
    one (once per schema instance)."""
    if schema in _bounded:
        return
    with _bounding:
        if schema not in _bounded:
            for name, field in _integer_fields(schema.fields.values()):
                bounds = ID_RANGE if _is_id(name) else INT64_RANGE
                field.validators = [*field.validators, bounds]
            _bounded.add(schema)

def _pairs(data: Mapping[str, Any]) -> Iterable[tuple[str, object]]:
    if isinstance(data, MultiDict):
        return data.items(multi=True)
    return data.items()


class PlainTextParser(FlaskParser):
    """webargs' Flask parser that refuses unstorable text in the body's arguments with a field
    error (a 422 in the API's error shape), before the schema loads them; query strings arrive
    cleaned by `clean_query_string`."""

    def pre_load(self, location_data: Any, *, schema: ma.Schema, req: Any, location: str) -> Any:
        bound_integers(schema)
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


def query_int(name: str) -> int | None:
    """The query string's integer ``name``; None when absent, not a number or beyond BIGINT."""
    value = request.args.get(name, type=int)
    return value if value is not None and INT64_MIN <= value <= INT64_MAX else None


def init_app(app: Flask) -> None:
    """Install the bounded ``int`` converter (before any route is added) and the cleaning of
    query strings."""
    app.url_map.converters["int"] = BoundedIntConverter
    app.before_request(clean_query_string)
