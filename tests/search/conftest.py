"""The app's search index, emptied around each test, and a way to index patents as the drain
would, with the declaration fields an announced open licence has."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator, Sequence

import pytest
from flask import Flask
from sqlmodel import Session

from marketplace.accounts.models import Organisation
from marketplace.declarations.rules import DeclarationStatus
from marketplace.declarations.terms import FeeMethod, FeeTerms
from marketplace.patents.models import Patent
from marketplace.search import sync
from search_index import PatentDocument, SearchIndex
from tests.factories import DECLARATION_CONTENT, make_declaration
from tests.sqlite_writes import file_app

__all__ = ["IndexPatents", "document", "file_app", "index", "index_patents"]

IndexPatents = Callable[..., None]


@pytest.fixture()
def index(app: Flask, connection: object) -> Iterator[SearchIndex]:
    index = sync.search_index(app)
    index.clear()
    yield index
    index.clear()


def document(session: Session, patent: Patent, *, announced: bool = False,
             fee_yuan: int = 50_000) -> PatentDocument:
    """The drain's document for ``patent``; ``announced`` first gives the patent an announced
    declaration (a lump sum of ``fee_yuan``), as the declarations feature does."""
    owner = session.get(Organisation, patent.owner_id)
    assert owner is not None
    declaration = None
    if announced:
        content = dataclasses.replace(
            DECLARATION_CONTENT,
            fee_terms=FeeTerms(FeeMethod.LUMP_SUM, lump_sum_fen=fee_yuan * 100))
        declaration = make_declaration(session, patent, DeclarationStatus.ANNOUNCED,
                                       content=content)
    return sync.patent_document(patent, owner, declaration)


@pytest.fixture()
def index_patents(session: Session, index: SearchIndex) -> IndexPatents:
    """``index_patents(patents, announced=[...])``: put patents in the index."""

    def put(patents: Sequence[Patent], announced: Sequence[Patent] = ()) -> None:
        open_ids = {p.id for p in announced}
        everything = {p.id: p for p in [*patents, *announced]}
        index.upsert([document(session, p, announced=p.id in open_ids)
                      for p in everything.values()])

    return put
