"""Text every store of ours can hold, checked at each way in.

PostgreSQL refuses the NUL character in text; XML 1.0 (the register's Atom feed) and XLSX
(fee statements) refuse the other C0 control characters; a lone surrogate (JSON can carry one)
has no UTF-8 encoding. Text holding any of them would be accepted on SQLite and fail later,
elsewhere, as a server error. So the API, the forms and the import refuse it with an error on
the field instead. Query strings are what users search and filter by, never stored, and any
input is a valid search: there such characters are cleaned to spaces. Tab, line feed and
carriage return are ordinary text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Final

from marketplace.errors import N_

__all__ = ["UNSTORABLE_MESSAGE", "cleaned", "is_storable", "unstorable_fields"]

UNSTORABLE_MESSAGE: Final = N_(
    "Remove the control characters (such as NUL) from this text; they cannot be stored.")
_UNSTORABLE: Final = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff]")


def is_storable(value: object) -> bool:
    """Whether ``value`` (text, or lists and mappings of it) is free of unstorable characters;
    values of other types are."""
    if isinstance(value, str):
        return _UNSTORABLE.search(value) is None
    if isinstance(value, Mapping):
        return all(is_storable(key) and is_storable(item) for key, item in value.items())
    if isinstance(value, list | tuple):
        return all(is_storable(item) for item in value)
    return True


def unstorable_fields(items: Iterable[tuple[str, object]]) -> list[str]:
    """The names among ``(name, value)`` pairs whose name or value is not storable, sorted and
    each once (a form or query string repeats a name for each of its values)."""
    return sorted({name if is_storable(name) else repr(name)
                   for name, value in items if not (is_storable(name) and is_storable(value))})


def cleaned(text: str) -> str:
    """``text`` with each unstorable character replaced by a space."""
    return _UNSTORABLE.sub(" ", text)
