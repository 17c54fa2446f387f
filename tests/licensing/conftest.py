"""Fixtures for the licensing service tests: a patentee, an SME, the office, declarations."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator

import pytest
from flask import Flask
from sqlmodel import Session

from marketplace.accounts.models import Role, User
from marketplace.declarations.models import Declaration
from marketplace.declarations.rules import DeclarationStatus
from marketplace.declarations.terms import FeeMethod, FeeTerms
from marketplace.licensing.policy import LicensingPolicy
from marketplace.patents.models import Patent
from tests.factories import DECLARATION_CONTENT, make_declaration, make_patent, make_user

UTC = dt.UTC
#: The moment licences are taken in these tests (10:00 in Beijing, 21 Nov 2026).
NOW = dt.datetime(2026, 11, 21, 2, 0, tzinfo=UTC)
POLICY = LicensingPolicy()


def lump_sum(fen: int = 5_000_000) -> FeeTerms:
    return FeeTerms(FeeMethod.LUMP_SUM, lump_sum_fen=fen)


def declared(session: Session, patent: Patent, terms: FeeTerms | None = None,
             status: DeclarationStatus = DeclarationStatus.ANNOUNCED,
             start: dt.date = dt.date(2026, 12, 1)) -> Declaration:
    """An announced declaration of ``patent`` with ``terms`` (royalty on sales by default)."""
    content = dataclasses.replace(DECLARATION_CONTENT, licence_start=start,
                                  fee_terms=terms or DECLARATION_CONTENT.fee_terms)
    return make_declaration(session, patent, status=status, content=content)


@pytest.fixture(autouse=True)
def app_context(app: Flask) -> Iterator[None]:
    with app.app_context():
        yield


@pytest.fixture()
def patentee(session: Session) -> User:
    return make_user(session, Role.PATENTEE)


@pytest.fixture()
def sme(session: Session) -> User:
    return make_user(session, Role.SME)


@pytest.fixture()
def office(session: Session) -> User:
    return make_user(session, Role.OFFICE)


@pytest.fixture()
def patent(session: Session, patentee: User) -> Patent:
    return make_patent(session, patentee, filing_date=dt.date(2015, 3, 10),
                       grant_date=dt.date(2019, 9, 20))
