"""How needs hook into the app: match changed patents after each search drain commits, and
saved needs after the commit that queued them."""

from __future__ import annotations

import logging
from typing import Final

from flask import Flask, current_app, has_app_context

from marketplace.background import Background, ProcessExiting, Yielding, follow_commit
from marketplace.db import Database
from marketplace.needs import alerts, outbox
from marketplace.needs.ranking import MatchSettings
from marketplace.needs.services import today
from marketplace.search.embeddings import embed_need
from marketplace.search.sync import search_index

log = logging.getLogger(__name__)

# After a commit, changes are matched in the request only while few are waiting (an
# announcement, a handful of edits) and the searches that takes stay within
# ``MATCH_AFTER_COMMIT_SEARCHES``; an import, or a platform with many needs and alerts, leaves
# them for ``marketplace needs refresh``, run periodically.
AFTER_COMMIT_MAX: Final = alerts.INCREMENTAL_MAX


# Saved needs are embedded at a lower CPU priority than requests are answered: the model takes
# a tenth of a second of both cores per need, which the requests need more.
EMBED_NICE: Final = 10


def _worth_doing_now(database: Database, budget: int) -> bool:
    session = database.new_session()
    try:
        waiting = alerts.pending(session)
        searches = alerts.searches_per_batch(session, today())
    finally:
        session.close()
    if waiting and (waiting > AFTER_COMMIT_MAX or searches > budget):
        log.info("%d patent changes (%d searches) wait for `marketplace needs refresh`",
                 waiting, searches)
        return False
    return waiting > 0


def process_after_commit() -> None:
    """After-commit hook: best effort, never fails the drain that committed."""
    if not has_app_context():
        return
    app: Flask = current_app._get_current_object()  # type: ignore[attr-defined]
    database: Database = app.extensions["db"]
    try:
        if _worth_doing_now(database, int(app.config["MATCH_AFTER_COMMIT_SEARCHES"])):
            alerts.process_pending(database, search_index(app),
                                   MatchSettings.from_config(app.config), today=today(),
                                   limit=AFTER_COMMIT_MAX)
    except Exception:
        log.exception("matching changed patents against needs failed; they stay queued")


def _match_needs(app: Flask, embedding: Yielding) -> bool:
    """Match the queued needs, embedding them in ``embedding``'s thread (best effort: a
    failing batch stays queued)."""
    with app.app_context():
        try:
            outbox.process_queued(app.extensions["db"], search_index(app),
                                  MatchSettings.from_config(app.config),
                                  embed=lambda index, text: embedding.run(embed_need, index,
                                                                          text))
        except ProcessExiting:
            log.info("the process is exiting: saved needs stay queued for the next one")
        except Exception:
            log.exception("matching saved needs failed; they stay queued")
    return True


def need_matcher(app: Flask) -> Background:
    """The app's background matching of saved needs (one per process)."""
    found: Background = app.extensions["need_matcher"]
    return found


def match_needs_after_commit() -> None:
    """After-commit hook of a saved need: wake the background matching (web requests with
    ``SEARCH_DRAIN=thread``) or match now (CLI commands, scripts, ``inline``)."""
    follow_commit(need_matcher(current_app._get_current_object()))  # type: ignore[attr-defined]


def init_app(app: Flask) -> None:
    """Queue each drained batch for matching, and process the queue after its commit; match
    saved needs after theirs."""
    embedding = Yielding("need-embedding", nice=EMBED_NICE)
    app.extensions["need_matcher"] = Background(
        "need-matching", lambda: _match_needs(app, embedding))
    factory = app.extensions["db"].session_factory
    info = dict(factory.kw.get("info", {}))
    info["indexed_hooks"] = (*info.get("indexed_hooks", ()), alerts.queue_changed_patents)
    info["process_matches"] = process_after_commit
    info["match_needs"] = match_needs_after_commit
    factory.configure(info=info)
