"""One transaction per request: views that change data are wrapped in ``transactional``."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import ParamSpec, TypeVar

from flask import request

from marketplace.db import get_session, transaction

P = ParamSpec("P")
R = TypeVar("R")


def transactional(view: Callable[P, R]) -> Callable[P, R]:
    """Commit once if the view returns, roll back if it raises (Indico's ``RH.process``).

    The request's body is received and parsed first (a form's upload goes to a temporary file):
    a slow client keeps its own request waiting, never the write transaction's lock.
    """

    @functools.wraps(view)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        request.get_data(parse_form_data=True)
        with transaction(get_session()):
            return view(*args, **kwargs)

    return wrapper
