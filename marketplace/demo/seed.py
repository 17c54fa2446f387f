"""Loading the demo world into an empty database (``marketplace demo``)."""

from __future__ import annotations

from pathlib import Path

from flask import current_app, has_app_context
from sqlmodel import Session, col, select

from marketplace.accounts.models import Organisation, OrganisationKind, Role, User
from marketplace.accounts.passwords import hash_password
from marketplace.audit.services import record_event
from marketplace.calendar import china_today
from marketplace.db import utcnow
from marketplace.demo.declarations import load_declarations
from marketplace.demo.licences import load_licences
from marketplace.demo.mediation import seed_mediation
from marketplace.demo.needs import seed_needs
from marketplace.demo.world import DEMO_PASSWORD, DemoPatent, DemoWorld, build_world
from marketplace.fees.refresh import CAUSE_IMPORTED, refresh_ledgers
from marketplace.fees.rules import PatentKind
from marketplace.licensing.models import Licence
from marketplace.licensing.rules import LicenceState
from marketplace.patents.models import AnnualFeeState, CoOwner, Encumbrance, EncumbranceKind, Patent
from marketplace.patents.rules import EvaluationConclusion, LegalStatus
from marketplace.patents.services import expiry_of, ipc_sections
from marketplace.search.indexing import enqueue
from marketplace.search.models import IndexAction


def seed_demo(session: Session, world: DemoWorld | None = None) -> list[tuple[str, str]]:
    """Insert the demo world unless the database already holds organisations.

    Returns the demo logins as (role, e-mail), or an empty list when nothing was loaded.
    """
    if session.exec(select(Organisation.id)).first() is not None:
        return []
    world = world or build_world()
    organisations: dict[str, Organisation] = {}
    for demo_org in world.organisations:
        org = Organisation(
            name=demo_org.name, name_en=demo_org.name_en, kind=OrganisationKind(demo_org.kind),
            uscc=demo_org.uscc, region=demo_org.region,
            fee_reduction_eligible=demo_org.fee_reduction_eligible,
            fee_reduction_basis=demo_org.fee_reduction_basis,
            fee_reduction_year=demo_org.fee_reduction_year,
        )
        session.add(org)
        organisations[demo_org.key] = org
    session.flush()
    password_hash = hash_password(DEMO_PASSWORD)
    logins: list[tuple[str, str]] = []
    for demo_user in world.users:
        org = organisations[demo_user.organisation_key]
        assert org.id is not None
        session.add(User(email=demo_user.email, password_hash=password_hash,
                         display_name=demo_user.display_name, role=Role(demo_user.role),
                         organisation_id=org.id, locale=demo_user.locale,
                         email_confirmed_at=utcnow()))
        logins.append((demo_user.role, demo_user.email))
    patents: list[tuple[Patent, DemoPatent]] = []
    for demo in world.patents:
        owner = organisations[demo.owner_key]
        assert owner.id is not None
        kind = PatentKind(demo.kind)
        patent = Patent(
            owner_id=owner.id, jurisdiction=demo.jurisdiction, source_id=demo.application_number,
            application_number=demo.application_number, patent_number=demo.patent_number,
            publication_number=demo.publication_number, kind=kind, title=demo.title,
            abstract=demo.abstract, first_claim=demo.first_claim,
            ipc_codes=list(demo.ipc_codes), ipc_sections=ipc_sections(demo.ipc_codes),
            locarno_class=demo.locarno_class, applicants=list(demo.applicants),
            language=demo.language, filing_date=demo.filing_date, grant_date=demo.grant_date,
            publication_date=demo.publication_date,
            expiry_date=expiry_of(kind, demo.filing_date, 0, 0),
            legal_status=LegalStatus(demo.legal_status), fee_state=AnnualFeeState(demo.fee_status),
            evaluation_report_ref=demo.evaluation_report_ref,
            evaluation_conclusion=(EvaluationConclusion(demo.evaluation_conclusion)
                                   if demo.evaluation_conclusion else None),
        )
        session.add(patent)
        patents.append((patent, demo))
    session.flush()
    for patent, demo in patents:
        assert patent.id is not None
        for co_key, share in demo.co_owners:
            co_org = organisations.get(co_key)
            session.add(CoOwner(patent_id=patent.id, name=co_org.name if co_org else co_key,
                                organisation_id=co_org.id if co_org else None, share=share))
        for enc in demo.encumbrances:
            session.add(Encumbrance(patent_id=patent.id, kind=EncumbranceKind(enc.kind),
                                    pledgee_consent=enc.pledgee_consent, start_date=enc.start,
                                    end_date=enc.end, reference=enc.reference))
    enqueue(session, [p.id for p, _ in patents if p.id is not None], IndexAction.UPSERT)
    refresh_ledgers(session, [p for p, _ in patents], cause=CAUSE_IMPORTED, actor=None)
    record_event(session, actor=None, action="demo.loaded", entity_type="platform",
                 entity_id=None, after={"organisations": len(organisations),
                                        "patents": len(patents)})
    load_declarations(session, world, {p.application_number: p for p, _ in patents})
    load_licences(session)
    # Disputes arise on the licences that took effect.
    effective = list(session.exec(select(Licence).where(Licence.state == LicenceState.EFFECTIVE)
                                  .order_by(col(Licence.id))))
    seed_mediation(session, effective, today=china_today(), upload_dir=Path(
        current_app.config["UPLOAD_DIR"]) if has_app_context() else None)
    seed_needs(session, organisations)
    return logins
