"""The search index carries each patent's announced declaration; drafts stay private."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import replace
from decimal import Decimal

import pytest
from flask import Flask
from sqlmodel import Session

from marketplace.accounts.models import Organisation, Role
from marketplace.db import transaction
from marketplace.declarations import services
from marketplace.declarations.rules import DeclarationStatus, PreExamPolicy
from marketplace.declarations.terms import FeeMethod, FeeTerms
from marketplace.search import sync
from search_index import SearchIndex
from tests.factories import DECLARATION_CONTENT, make_declaration, make_patent, make_user


@pytest.fixture()
def index(app: Flask, connection: object) -> Iterator[SearchIndex]:
    index = sync.search_index(app)
    index.clear()
    yield index
    index.clear()


def test_document_carries_the_announced_declaration(session: Session) -> None:
    user = make_user(session, Role.PATENTEE)
    patent = make_patent(session, user)
    owner = session.get(Organisation, patent.owner_id)
    assert owner is not None
    content = replace(DECLARATION_CONTENT, fee_terms=FeeTerms(
        FeeMethod.LUMP_SUM, lump_sum_fen=12_345_678))
    declaration = make_declaration(session, patent, DeclarationStatus.ANNOUNCED,
                                   content=content)
    doc = sync.patent_document(patent, owner, declaration)
    assert (doc.declaration_status, doc.fee_method, doc.licence_end, doc.application_fields) == (
        "announced", "lump_sum", dt.date(2031, 12, 31), ("茶叶加工",))
    assert Decimal(str(doc.fee_amount)) == Decimal("123456.78")
    assert doc.announced_at == declaration.announced_at
    bare = sync.patent_document(patent, owner)
    assert (bare.declaration_status, bare.fee_method, bare.fee_amount) == (None, None, None)


def test_announcement_reaches_the_index_and_rebuild_keeps_it(
        app: Flask, session: Session, index: SearchIndex) -> None:
    patentee = make_user(session, Role.PATENTEE)
    office = make_user(session, Role.OFFICE)
    patent = make_patent(session, patentee, title="一种高效厌氧反应器")
    private = make_patent(session, patentee, title="一种厌氧污泥颗粒化方法")
    with app.app_context(), transaction(session):
        declaration = services.create_draft(session, actor=patentee, patent_id=patent.id or 0,
                                            content=DECLARATION_CONTENT)
        services.create_draft(session, actor=patentee, patent_id=private.id or 0,
                              content=DECLARATION_CONTENT)
        services.submit_declaration(session, actor=patentee,
                                    declaration_id=declaration.id or 0,
                                    policy=PreExamPolicy())
        services.announce_declaration(session, actor=office,
                                      declaration_id=declaration.id or 0,
                                      policy=PreExamPolicy())
    assert sync.pending(session) == 0

    def announced_ids() -> set[str]:
        page = index.search("厌氧", filters={"declaration_status": ["announced"]})
        return {hit.id for hit in page.hits}

    assert announced_ids() == {str(patent.id)}  # the draft is not public
    assert {h.id for h in index.search("厌氧", filters={"fee_method": ["royalty_sales"]}).hits} \
        == {str(patent.id)}
    sync.rebuild(app.extensions["db"], index)
    assert announced_ids() == {str(patent.id)}
