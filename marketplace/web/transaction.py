"""One transaction per request: views that change data are wrapped in ``transactional``."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import ParamSpec, TypeVar

from marketplace.db import get_session, transaction

P = ParamSpec("P")
R = TypeVar("R")


def transactional(view: Callable[P, R]) -> Callable[P, R]:
    """Commit once if the view returns, roll back if it raises (Indico's ``RH.process``)."""

    @functools.wraps(view)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        with transaction(get_session()):
            return view(*args, **kwargs)

    return wrapper
