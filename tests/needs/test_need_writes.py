"""Saving a need embeds and ranks it before its write transaction begins: on SQLite one writer
at a time holds the database's write lock, so while the model or a search works for one SME,
another request's payment or import must still be able to write."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from flask import Flask
from sqlmodel import select

from marketplace.accounts.models import Role
from marketplace.db import get_session, transaction
from marketplace.needs.models import CooperationMode, NeedMatch
from marketplace.needs.ranking import MatchSettings
from marketplace.needs.services import NewNeed, create_need, update_need
from marketplace.search.models import NeedEmbedding
from marketplace.search.sync import search_index
from search_index import SearchIndex
from tests.factories import make_patent, make_user
from tests.search.conftest import document
from tests.sqlite_writes import WatchingEmbedder, another_writer_can_write


def _need(title: str) -> NewNeed:
    return NewNeed(title=title, description="希望叶温自动控制，受热均匀。", industry="农业",
                   region="浙江省", cooperation_mode=CooperationMode.LICENCE,
                   valid_until=dt.date.today() + dt.timedelta(days=90))


def test_saving_a_need_embeds_and_ranks_it_while_other_writers_can_write(
        file_app: tuple[Flask, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    app, path = file_app
    with app.app_context():
        session = get_session()
        with transaction(session):
            owner = make_user(session, Role.PATENTEE)
            tea = make_patent(session, owner, title="一种自动控温的绿茶杀青设备",
                              abstract="控制器根据叶温调节加热功率。")
            sme = make_user(session, Role.SME)
        index = search_index(app)
        index.upsert([document(session, tea, announced=True)])
        watching = WatchingEmbedder(path)
        index.embedder = watching
        searched_free: list[bool] = []
        search = SearchIndex.search

        def watched_search(self: SearchIndex, *args: object, **kwargs: object) -> object:
            searched_free.append(another_writer_can_write(path))
            return search(self, *args, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(SearchIndex, "search", watched_search)
        settings = MatchSettings()
        with transaction(session):
            need = create_need(session, actor=sme, new=_need("求绿茶杀青设备"), index=index,
                               settings=settings)
        with transaction(session):
            update_need(session, actor=sme, need_id=need.id or 0,
                        new=_need("求自动控温的绿茶杀青设备"), index=index, settings=settings)

        assert watching.free == [True, True]
        assert searched_free and all(searched_free)
        # The work done outside the transaction is what was saved inside it.
        kept = session.exec(select(NeedMatch)).all()
        assert [row.patent_id for row in kept] == [tea.id]
        stored = session.exec(select(NeedEmbedding)).all()
        assert len(stored) == 1 and stored[0].need_id == need.id
