"""The index follows the database: outbox in the same transaction, drain after commit, busy
index leaves rows, rebuild from the database."""

from __future__ import annotations

import pytest
from flask import Flask
from sqlmodel import Session, select

from marketplace.accounts.models import Organisation, Role
from marketplace.db import Database, transaction
from marketplace.search import sync
from marketplace.search.indexing import enqueue
from marketplace.search.models import IndexAction, SearchOutboxEntry
from search_index import SearchIndex
from tests.factories import make_patent, make_user


def _hits(index: SearchIndex, text: str) -> set[str]:
    return {hit.id for hit in index.search(text).hits}


def test_rollback_leaves_no_outbox_row(app: Flask, session: Session) -> None:
    user = make_user(session, Role.PATENTEE)
    session.commit()
    with pytest.raises(RuntimeError), transaction(session):
        make_patent(session, user)
        raise RuntimeError("crash before commit")
    assert session.exec(select(SearchOutboxEntry)).all() == []


def test_commit_drains_into_the_index(app: Flask, session: Session,
                                      index: SearchIndex) -> None:
    user = make_user(session, Role.PATENTEE)
    with app.app_context(), transaction(session):
        patent = make_patent(session, user, title="一种基于物联网的自动化杀青设备")
        enqueue(session, [patent.id or 0], IndexAction.UPSERT)
    assert _hits(index, "杀青") == {str(patent.id)}
    assert sync.pending(session) == 0


def test_busy_index_keeps_rows_and_sync_applies_them_later(
        app: Flask, session: Session, index: SearchIndex) -> None:
    user = make_user(session, Role.PATENTEE)
    patent = make_patent(session, user, title="一种高镍三元正极材料的包覆改性方法")
    enqueue(session, [patent.id or 0], IndexAction.UPSERT)
    session.commit()
    database: Database = app.extensions["db"]
    other_writer = SearchIndex(index.path)._writer()
    try:
        assert sync.drain(database, index) == 0
    finally:
        other_writer.cancel()
    assert sync.pending(session) == 1
    assert _hits(index, "正极材料") == set()
    result = app.test_cli_runner().invoke(args=["search", "sync"])
    assert result.exit_code == 0, result.output
    assert _hits(index, "正极材料") == {str(patent.id)}
    assert sync.pending(session) == 0


def test_deleted_patent_leaves_the_index(app: Flask, session: Session,
                                         index: SearchIndex) -> None:
    user = make_user(session, Role.PATENTEE)
    patent = make_patent(session, user, title="一种厌氧反应器")
    owner = session.get(Organisation, patent.owner_id)
    assert owner is not None
    index.upsert([sync.patent_document(patent, owner)])
    session.delete(patent)
    enqueue(session, [patent.id or 0], IndexAction.DELETE)
    session.commit()
    sync.drain(app.extensions["db"], index)
    assert _hits(index, "厌氧") == set()


def test_rebuild_from_database(app: Flask, session: Session, index: SearchIndex) -> None:
    user = make_user(session, Role.PATENTEE)
    patents = [make_patent(session, user, title=f"一种污水处理装置{i}") for i in range(3)]
    enqueue(session, [p.id or 0 for p in patents], IndexAction.UPSERT)
    session.commit()
    result = app.test_cli_runner().invoke(args=["search", "rebuild"])
    assert result.exit_code == 0, result.output
    assert _hits(index, "污水处理") == {str(p.id) for p in patents}
    assert sync.pending(session) == 0
