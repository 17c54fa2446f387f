"""The app's search index, emptied around each test, and a way to index patents as the drain
would, with the declaration fields an announced open licence has."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterator, Sequence

import pytest
from flask import Flask
from sqlmodel import Session

from marketplace.accounts.models import Organisation
from marketplace.patents.models import Patent
from marketplace.search import sync
from search_index import PatentDocument, SearchIndex

IndexPatents = Callable[..., None]


@pytest.fixture()
def index(app: Flask, connection: object) -> Iterator[SearchIndex]:
    index = sync.search_index(app)
    index.clear()
    yield index
    index.clear()


def document(session: Session, patent: Patent, *, announced: bool = False,
             fee_method: str = "lump_sum", fee_yuan: float = 50_000.0) -> PatentDocument:
    """The drain's document for ``patent``; ``announced`` adds what an announced declaration
    puts in the index (declaration status, fee, announcement time)."""
    owner = session.get(Organisation, patent.owner_id)
    assert owner is not None
    doc = sync.patent_document(patent, owner)
    if not announced:
        return doc
    return dataclasses.replace(doc, declaration_status="announced", fee_method=fee_method,
                               fee_amount=fee_yuan,
                               announced_at=dt.datetime(2026, 11, 1, tzinfo=dt.UTC))


@pytest.fixture()
def index_patents(session: Session, index: SearchIndex) -> IndexPatents:
    """``index_patents(patents, announced=[...])``: put patents in the index."""

    def put(patents: Sequence[Patent], announced: Sequence[Patent] = ()) -> None:
        open_ids = {p.id for p in announced}
        everything = {p.id: p for p in [*patents, *announced]}
        index.upsert([document(session, p, announced=p.id in open_ids)
                      for p in everything.values()])

    return put
