"""Noting when an API token was last used without making every request a write.

A request with a token reads the token's ``last_used_at``; only when it is older than the
interval (``TOKEN_USE_RECORD_MINUTES``) is the use written, in a short transaction of its own
after the request's work (``web/auth.py``). Requests within the interval write nothing, so
bearer reads stay reads. Never commits.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import or_, update
from sqlmodel import Session, col, select

from marketplace.accounts.models import ApiToken
from marketplace.accounts.services import _token_hash


def use_to_record(session: Session, secret: str, *, now: dt.datetime,
                  every: dt.timedelta) -> int | None:
    """The id of the token ``secret`` if its use at ``now`` should be written (never noted, or
    last noted ``every`` or longer ago); None if it is fresh or unknown. Reads only."""
    row = session.exec(select(ApiToken.id, ApiToken.last_used_at)
                       .where(ApiToken.token_hash == _token_hash(secret))).first()
    if row is None:
        return None
    token_id, last_used = row
    if last_used is not None and now - last_used < every:
        return None
    return token_id


def record_use(session: Session, token_id: int, *, now: dt.datetime,
               every: dt.timedelta) -> bool:
    """Write ``now`` as the token's last use unless a concurrent request already wrote a use
    within ``every``; True if written."""
    result = session.execute(
        update(ApiToken)
        .where(col(ApiToken.id) == token_id,
               or_(col(ApiToken.last_used_at).is_(None),
                   col(ApiToken.last_used_at) <= now - every))
        .values(last_used_at=now))
    return bool(getattr(result, "rowcount", 0))
