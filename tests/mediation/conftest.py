"""Mediation test data: an effective open licence between a patentee and an SME, and the people
around a case (the two parties, a mediator, the office, and outsiders)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from flask import Flask
from sqlmodel import Session

from marketplace.accounts.models import Role, User
from marketplace.declarations.rules import DeclarationStatus
from marketplace.demo.mediation import demo_licence
from marketplace.licensing.models import Licence
from marketplace.mediation import services
from marketplace.mediation.models import MediationCase
from marketplace.mediation.rules import DisputeSubject
from marketplace.patents.models import Patent
from tests.factories import make_declaration, make_patent, make_user


def make_licence(session: Session, patent: Patent, licensee_organisation_id: int,
                 effective_on: dt.date = dt.date(2026, 11, 5)) -> Licence:
    """An effective open licence on a new announced declaration of ``patent`` (no checks)."""
    declaration = make_declaration(session, patent, DeclarationStatus.ANNOUNCED)
    return demo_licence(session, declaration, licensee_organisation_id, effective_on)


@dataclass
class People:
    patentee: User
    sme: User
    mediator: User
    office: User
    licence: Licence

    def storage(self, app: Flask) -> services.Storage:
        return services.Storage(Path(app.config["UPLOAD_DIR"]) / "mediation", 1024 * 1024)


def make_people(session: Session) -> People:
    patentee = make_user(session, Role.PATENTEE)
    sme = make_user(session, Role.SME)
    licence = make_licence(session, make_patent(session, patentee), sme.organisation_id)
    return People(patentee, sme, make_user(session, Role.MEDIATOR),
                  make_user(session, Role.OFFICE), licence)


@pytest.fixture()
def ctx(app: Flask) -> Iterator[None]:
    """An app context for service calls that read settings (notifications, the fee ledger)."""
    with app.app_context():
        yield


@pytest.fixture()
def people(session: Session) -> People:
    return make_people(session)


def open_as(session: Session, people: People, app: Flask, opener: User | None = None,
            today: dt.date = dt.date(2026, 11, 20)) -> MediationCase:
    assert people.licence.id is not None
    return services.open_case(
        session, actor=opener or people.sme,
        new=services.NewCase(people.licence.id, DisputeSubject.AMOUNT_OWED,
                             "被申请人多计了入门费。"),
        documents=[], storage=people.storage(app), today=today)


def assigned_case(session: Session, people: People, app: Flask, *,
                  started: bool = False) -> MediationCase:
    """A case the respondent agreed to, the office accepted and gave to ``people.mediator``
    (who has ``started`` the mediation, if asked)."""
    with app.app_context():
        case = open_as(session, people, app)
        assert case.id is not None and people.mediator.id is not None
        services.answer(session, actor=people.patentee, case_id=case.id, agree=True)
        services.accept(session, actor=people.office, case_id=case.id)
        services.assign_mediator(session, actor=people.office, case_id=case.id,
                                 mediator_id=people.mediator.id)
        if started:
            services.start_mediation(session, actor=people.mediator, case_id=case.id)
        session.commit()
    return case
