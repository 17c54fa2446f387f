"""Each role's dashboard (the logged-in home page): every item with its date, amount and the
link where it is acted on, built from the features' own services; and who sees which."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Iterator
from decimal import Decimal

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlmodel import Session, select

from marketplace.accounts.models import Role, User
from marketplace.calendar import china_today
from marketplace.dashboard import services
from marketplace.declarations.models import Declaration
from marketplace.declarations.rules import DeclarationStatus, Finding
from marketplace.declarations.terms import FeeTerms
from marketplace.demo.mediation import demo_licence
from marketplace.errors import N_, Message, PermissionDenied
from marketplace.fees.models import AnnualFee
from marketplace.fees.rules import FeeStatus, GeneralCode, OpenLicenceCode, ReductionKind
from marketplace.licensing import recordals
from marketplace.licensing import services as licensing_services
from marketplace.licensing.models import LicencePayment, RoyaltyReport
from marketplace.licensing.policy import LicensingPolicy
from marketplace.mediation.models import MediationCase
from marketplace.mediation.rules import (
    CaseState,
    DisputeSubject,
    MediationPolicy,
    mediation_deadline,
)
from marketplace.needs.alerts import SAVED_SEARCH_KIND
from marketplace.needs.models import (
    NeedMatch,
)
from marketplace.notifications.models import Notification
from marketplace.notifications.services import notify
from marketplace.patents.models import CoOwner, Patent
from tests.conftest import Auth
from tests.dashboard.worlds import SmeWorld, build_sme_world
from tests.factories import (
    DECLARATION_CONTENT,
    make_declaration,
    make_need,
    make_patent,
    make_user,
)

TODAY = china_today()
POLICY = LicensingPolicy()


@pytest.fixture()
def app_context(app: Flask) -> Iterator[None]:
    """For service calls only: a page request must not share it (Flask-Babel keeps the
    request's language in the app context's ``g``)."""
    with app.app_context():
        yield


def _html(client: FlaskClient, path: str = "/", language: str = "en") -> str:
    client.get(f"/lang/{language}")  # the login remembered the browser's (none: Chinese)
    response = client.get(path, headers={"Accept-Language": language})
    assert response.status_code == 200, response.status_code
    return response.get_data(as_text=True)


def _block(html: str, id_: str) -> str:
    """The list item or table row with this id, up to the next one (or the section's end)."""
    start = html.index(f'id="{id_}"')
    ends = [html.find(mark, start) for mark in ("<li id=", "<tr id=", "</section>")]
    return html[start:min(i for i in ends if i > 0)]


def _announced(session: Session, patent: Patent, terms: FeeTerms,
               start: dt.date) -> Declaration:
    content = dataclasses.replace(DECLARATION_CONTENT, fee_terms=terms, licence_start=start,
                                  licence_end=start + dt.timedelta(days=3 * 365))
    return make_declaration(session, patent, DeclarationStatus.ANNOUNCED,
                            announced_on=TODAY - dt.timedelta(days=30), content=content)


# --- The SME --------------------------------------------------------------------------------------


@pytest.fixture()
def sme_world(app: Flask, session: Session) -> SmeWorld:
    world = build_sme_world(app, session)
    session.commit()
    return world


def test_sme_dashboard_shows_new_matches_and_the_payment_due(
        client: FlaskClient, auth: Auth, sme_world: SmeWorld) -> None:
    auth.login(sme_world.sme)
    html = _html(client)
    need = _block(html, f"need-{sme_world.need_id}")
    assert f'href="/needs/{sme_world.need_id}"' in need
    assert "3 matching patents" in need and "2 new open-licence matches" in need
    licence = _block(html, f"licence-{sme_world.licence_id}")
    assert f'href="/licences/{sme_world.licence_id}/pay"' in licence
    assert "Payment" in licence and "Lump sum" in licence
    assert "in 12 days" in licence and "45,000.00" in licence
    # The licence's own page says the same amount is still to pay.
    page = _html(client, f"/licences/{sme_world.licence_id}")
    assert "45,000.00" in page
    # Notifications: the patentee was told of the notice, not the SME; the SME has none unread.
    assert re.search(r'id="tile-unread"><a [^>]+><strong class="count">0<', html)


def test_sme_dashboard_in_chinese(client: FlaskClient, auth: Auth,
                                  sme_world: SmeWorld) -> None:
    auth.login(sme_world.sme)
    html = _html(client, language="zh")
    licence = _block(html, f"licence-{sme_world.licence_id}")
    assert "12 天后" in licence and "45,000.00" in licence
    assert "2 项新的开放许可匹配" in _block(html, f"need-{sme_world.need_id}")


@pytest.mark.usefixtures("app_context")
def test_reading_the_alerts_makes_matches_no_longer_new(session: Session,
                                                        sme_world: SmeWorld) -> None:
    assert services.need_cards(session, sme_world.sme, TODAY)[0].new_matches == 2
    notify(session, sme_world.sme, SAVED_SEARCH_KIND, Message(N_("Matches.")), email=False)
    for n in session.exec(select(Notification).where(Notification.user_id == sme_world.sme.id)):
        n.read_at = dt.datetime.now(dt.UTC)
        session.add(n)
    session.flush()
    card = services.need_cards(session, sme_world.sme, TODAY)[0]
    assert (card.matches, card.new_matches, card.alert) == (3, 0, True)


@pytest.mark.usefixtures("app_context")
def test_record_filing_due_follows_the_payment(session: Session) -> None:
    """An effective licence not yet recorded: the record-filing is due 3 months after it
    took effect (D10), the date the licensing rules give."""
    patentee = make_user(session, Role.PATENTEE)
    sme = make_user(session, Role.SME)
    declaration = make_declaration(session, make_patent(session, patentee),
                                   DeclarationStatus.ANNOUNCED)
    licence = demo_licence(session, declaration, sme.organisation_id, TODAY)
    rows = licensing_services.licence_rows(session, [licence])
    card = services.licence_cards(session, rows, POLICY, TODAY)[0]
    recordal = [s for s in card.steps if s.kind == services.StepKind.RECORDAL]
    assert [s.due_on for s in recordal] == [
        recordals.standing(licence, [], TODAY, POLICY)[0]]


def test_sme_without_needs_or_licences_is_told_what_to_do(client: FlaskClient, auth: Auth,
                                                          session: Session) -> None:
    sme = make_user(session, Role.SME)
    session.commit()
    auth.login(sme)
    html = _html(client)
    assert "Post your first need" in html and 'href="/needs/new"' in html
    assert "Browse open licences" in html


# --- The patentee ---------------------------------------------------------------------------------


def test_patentee_dashboard_lists_what_waits_and_for_whom(client: FlaskClient, auth: Auth,
                                                          session: Session) -> None:
    patentee = make_user(session, Role.PATENTEE)
    sme = make_user(session, Role.SME)
    refused = make_declaration(session, make_patent(session, patentee, title="被驳回的专利"),
                               DeclarationStatus.REFUSED)
    finding = Finding(rule="D5", code="vague_fee", field="fee_terms",
                      message=Message(N_("The fee is not one exact standard.")),
                      action=Message(N_("State one amount or rate.")))
    refused.refusal_notice = {"issued_on": TODAY.isoformat(), "findings": [finding.to_dict()],
                              "note": "请明确费用。"}
    shared = make_patent(session, patentee, title="共有专利")
    session.add(CoOwner(patent_id=shared.id or 0, name="合作大学", share=Decimal(50)))
    awaiting = make_declaration(session, shared, DeclarationStatus.DRAFT)
    # A fee payable in 40 days (RMB 900.00) and one late (RMB 945.00 with its late fee).
    fee_patent = make_patent(session, patentee, title="缴费专利")
    for year, due, status, owed in ((11, TODAY - dt.timedelta(days=20), FeeStatus.IN_GRACE,
                                     94_500),
                                    (12, TODAY + dt.timedelta(days=40), FeeStatus.DUE, 90_000)):
        session.add(AnnualFee(
            patent_id=fee_patent.id or 0, fee_year=year, due_date=due, full_fen=90_000,
            general_payable_fen=90_000, payable_fen=90_000, reduction_kind=ReductionKind.NONE,
            reduction_fen=0, reason_code="none", general_code=GeneralCode.OUTSIDE_WINDOW,
            general_rate=Decimal(1), open_licence_code=OpenLicenceCode.NO_DECLARATION,
            status=status, amount_owed_fen=owed, late_fee_fen=owed - 90_000))
    # A payment to confirm and a royalty report received.
    licence = demo_licence(session, make_declaration(
        session, make_patent(session, patentee, title="许可专利"), DeclarationStatus.ANNOUNCED),
        sme.organisation_id, TODAY - dt.timedelta(days=100))
    payment = LicencePayment(licence_id=licence.id or 0, amount_fen=1_234_500,
                             paid_on=TODAY - dt.timedelta(days=3))
    report = RoyaltyReport(licence_id=licence.id or 0, period_start=TODAY - dt.timedelta(days=90),
                           period_end=TODAY - dt.timedelta(days=1), net_sales_fen=10_000_000,
                           royalty_fen=300_000)
    session.add_all([payment, report])
    # A need of the SME that one of the patentee's patents matches.
    need = make_need(session, sme, title="茶叶杀青")
    session.add(NeedMatch(need_id=need.id or 0, patent_id=fee_patent.id or 0, rank=1, score=5))
    session.commit()

    auth.login(patentee)
    html = _html(client)
    block = _block(html, f"declaration-{refused.id}")
    assert "The fee is not one exact standard." in block and "State one amount or rate." in block
    assert f'href="/declarations/{refused.id}/edit"' in block
    block = _block(html, f"declaration-{awaiting.id}")
    assert "Awaiting consent" in block and f'href="/declarations/{awaiting.id}/consents"' in block
    late = _block(html, f"fee-{fee_patent.id}-11")
    assert "20 days overdue" in late and "945.00" in late
    assert f'href="/patents/{fee_patent.id}/fees#year-11"' in late
    payable = _block(html, f"fee-{fee_patent.id}-12")
    assert "in 40 days" in payable and "900.00" in payable
    block = _block(html, f"payment-{payment.id}")
    assert "12,345.00" in block and f'href="/licences/{licence.id}#payments"' in block
    block = _block(html, f"report-{report.id}")
    assert "3,000.00" in block and f'href="/licences/{licence.id}#reports"' in block
    block = _block(html, f"need-{need.id}")
    assert f'href="/needs/{need.id}"' in block and "缴费专利" in block
    assert re.search(r'id="tile-needs"><a [^>]+><strong class="count">1<', html)
    assert re.search(r'id="tile-fees"><a [^>]+><strong class="count">2<', html)


def test_patentee_with_an_empty_portfolio_is_told_to_import(client: FlaskClient, auth: Auth,
                                                            session: Session) -> None:
    patentee = make_user(session, Role.PATENTEE)
    session.commit()
    auth.login(patentee)
    html = _html(client)
    assert "Import your portfolio" in html and 'href="/portfolio/import"' in html


# --- The office and the mediator ------------------------------------------------------------------


@pytest.fixture()
def office_world(app: Flask, session: Session) -> dict[str, int]:
    """A submitted declaration, a record-filing received 20 days ago (past its 7 working
    days), a mediation request received today and a case in mediation for the mediator."""
    patentee = make_user(session, Role.PATENTEE)
    sme = make_user(session, Role.SME)
    mediator = make_user(session, Role.MEDIATOR, email="mediator@example.cn")
    submitted = make_declaration(session, make_patent(session, patentee, title="待审专利"),
                                 DeclarationStatus.SUBMITTED)
    licence = demo_licence(session, make_declaration(
        session, make_patent(session, patentee), DeclarationStatus.ANNOUNCED),
        sme.organisation_id, TODAY - dt.timedelta(days=30))
    with app.app_context():
        filing = recordals.file_recordal(session, actor=sme, licence_id=licence.id or 0,
                                         now=dt.datetime.now(dt.UTC) - dt.timedelta(days=20))
    request = MediationCase(number="KF-MED-TEST-000001", licence_id=licence.id or 0,
                            patent_id=licence.patent_id,
                            applicant_organisation_id=sme.organisation_id,
                            respondent_organisation_id=patentee.organisation_id,
                            subject=DisputeSubject.AMOUNT_OWED, claims="多计了费用。",
                            received_on=TODAY)
    ongoing = MediationCase(number="KF-MED-TEST-000002", licence_id=licence.id or 0,
                            patent_id=licence.patent_id,
                            applicant_organisation_id=sme.organisation_id,
                            respondent_organisation_id=patentee.organisation_id,
                            subject=DisputeSubject.AMOUNT_OWED, claims="多计了费用。",
                            received_on=TODAY - dt.timedelta(days=20),
                            decided_on=TODAY - dt.timedelta(days=10),
                            state=CaseState.IN_MEDIATION, mediator_id=mediator.id)
    session.add_all([request, ongoing])
    session.commit()
    return {"declaration": submitted.id or 0, "recordal": filing.id or 0,
            "request": request.id or 0, "ongoing": ongoing.id or 0, "sme": sme.id or 0,
            "mediator": mediator.id or 0}


def test_office_dashboard_shows_queues_deadlines_and_overdue(
        client: FlaskClient, auth: Auth, session: Session, office_world: dict[str, int]) -> None:
    office = make_user(session, Role.OFFICE)
    session.commit()
    auth.login(office)
    html = _html(client)
    block = _block(html, f"declaration-{office_world['declaration']}")
    assert f'href="/office/declarations/{office_world["declaration"]}"' in block
    block = _block(html, f"recordal-{office_world['recordal']}")
    assert f'href="/office/recordals/{office_world["recordal"]}"' in block
    assert "overdue" in block
    block = _block(html, f"case-{office_world['request']}")
    assert f'href="/mediation/cases/{office_world["request"]}"' in block and "in " in block
    assert re.search(r'id="tile-overdue"><a [^>]+><strong class="count">1<', html)


def test_mediator_dashboard_lists_cases_by_deadline(
        app: Flask, client: FlaskClient, auth: Auth, session: Session,
        office_world: dict[str, int]) -> None:
    mediator = session.get(User, office_world["mediator"])
    assert mediator is not None
    auth.login(mediator)
    html = _html(client)
    block = _block(html, f"case-{office_world['ongoing']}")
    # Accepted 10 days ago with 30 days to mediate (D16), rolled to a working day.
    ends = mediation_deadline(TODAY - dt.timedelta(days=10),
                              MediationPolicy.from_settings(app.config), None)
    assert 19 <= (ends - TODAY).days <= 22
    assert f"in {(ends - TODAY).days} days" in block
    assert f'href="/mediation/cases/{office_world["ongoing"]}"' in block
    assert f"case-{office_world['request']}" not in html


def test_an_sme_never_sees_the_office_queues(client: FlaskClient, auth: Auth, session: Session,
                                             office_world: dict[str, int]) -> None:
    sme = session.get(User, office_world["sme"])
    assert sme is not None
    with pytest.raises(PermissionDenied):
        services.office_dashboard(session, actor=sme, licensing=POLICY,
                                  mediation=None,  # type: ignore[arg-type]
                                  today=TODAY)
    auth.login(sme)
    for path in ("/", "/dashboard"):
        html = _html(client, path)
        assert "Declarations to examine" not in html and "Record-filings to decide" not in html
        assert f"recordal-{office_world['recordal']}" not in html


def test_anonymous_home_stays_public(client: FlaskClient) -> None:
    html = _html(client)
    assert "My dashboard" not in html and 'id="home-register"' in html
    assert client.get("/dashboard").status_code in (302, 401)
