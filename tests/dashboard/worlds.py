"""The SME of the dashboard tests and the browser journey: a need with new matches and a
licence whose lump sum is due in 12 days."""

from __future__ import annotations

import dataclasses
import datetime as dt

from flask import Flask
from sqlmodel import Session

from marketplace.accounts.models import Role, User
from marketplace.calendar import china_today
from marketplace.declarations.models import Declaration
from marketplace.declarations.rules import DeclarationStatus
from marketplace.declarations.terms import FeeMethod, FeeTerms
from marketplace.licensing import services as licensing_services
from marketplace.licensing.policy import LicensingPolicy
from marketplace.needs.alerts import SAVED_SEARCH_KIND
from marketplace.needs.models import AlertDelivery, AlertKind, NeedMatch, SavedSearch
from marketplace.notifications.models import Notification
from marketplace.patents.models import Patent
from tests.factories import DECLARATION_CONTENT, make_declaration, make_need, make_patent, make_user


def announced(session: Session, patent: Patent, terms: FeeTerms, start: dt.date) -> Declaration:
    content = dataclasses.replace(DECLARATION_CONTENT, fee_terms=terms, licence_start=start,
                                  licence_end=start + dt.timedelta(days=3 * 365))
    return make_declaration(session, patent, DeclarationStatus.ANNOUNCED,
                            announced_on=china_today() - dt.timedelta(days=30), content=content)


@dataclasses.dataclass
class SmeWorld:
    sme: User
    need_id: int
    licence_id: int
    patent: Patent


def build_sme_world(app: Flask, session: Session) -> SmeWorld:
    """An SME with a need (3 kept matches, an alert that delivered 2 open licences after the
    last alert it read) and a lump-sum licence of RMB 45,000 starting in 12 days."""
    patentee = make_user(session, Role.PATENTEE)
    sme = make_user(session, Role.SME)
    need = make_need(session, sme, title="连续式自动杀青设备")
    assert need.id is not None and sme.id is not None
    patents = [make_patent(session, patentee, title=f"杀青机 {n}") for n in range(3)]
    for rank, patent in enumerate(patents, start=1):
        session.add(NeedMatch(need_id=need.id, patent_id=patent.id or 0, rank=rank,
                              score=10.0 - rank))
    alert = SavedSearch(organisation_id=sme.organisation_id, created_by=sme.id, name=need.title,
                        need_id=need.id, min_relevance=50)
    session.add(alert)
    session.flush()
    # An alert read yesterday: what it announced is seen; two deliveries since are new.
    earlier = dt.datetime.now(dt.UTC) - dt.timedelta(days=1)
    session.add(AlertDelivery(kind=AlertKind.SAVED_SEARCH, subject_id=alert.id or 0,
                              patent_id=patents[0].id or 0, organisation_id=sme.organisation_id,
                              delivered_at=earlier - dt.timedelta(minutes=1)))
    session.add(Notification(user_id=sme.id, kind=SAVED_SEARCH_KIND, template="old",
                             created_at=earlier, read_at=earlier))
    for patent in patents[1:]:
        session.add(AlertDelivery(kind=AlertKind.SAVED_SEARCH, subject_id=alert.id or 0,
                                  patent_id=patent.id or 0,
                                  organisation_id=sme.organisation_id))
    licensed = make_patent(session, patentee, title="一种茶叶杀青设备")
    declaration = announced(session, licensed, FeeTerms(FeeMethod.LUMP_SUM,
                                                         lump_sum_fen=4_500_000),
                             china_today() + dt.timedelta(days=12))
    with app.app_context():
        licence = licensing_services.take_licence(session, actor=sme,
                                                  declaration_id=declaration.id or 0,
                                                  policy=LicensingPolicy())
    session.flush()
    assert licence.id is not None
    return SmeWorld(sme, need.id, licence.id, licensed)


