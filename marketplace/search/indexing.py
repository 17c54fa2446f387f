"""Recording searchable changes in the outbox, in the caller's transaction."""

from __future__ import annotations

from collections.abc import Iterable

from sqlmodel import Session

from marketplace.db import after_commit
from marketplace.search.models import IndexAction, SearchOutboxEntry


def enqueue(session: Session, patent_ids: Iterable[int], action: IndexAction) -> None:
    """Record that these patents must be (re)indexed or removed, in the same transaction, and
    ask for a drain once it commits (the app puts the hook in ``session.info``)."""
    session.add_all(
        SearchOutboxEntry(entity_type="patent", entity_id=patent_id, action=action)
        for patent_id in patent_ids
    )
    hook = session.info.get("drain_outbox")
    if hook is not None:
        after_commit(session, hook)
