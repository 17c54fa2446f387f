"""The persisted ledger: opening, refreshing, history, payments, lapse, eligibility, permissions.

The patent throughout is Examples A/B's invention: filed 2015-03-10, granted 2019-09-20 (patent
year 5); year n is due 2015-03-10 + (n − 1) years, year 12 on 2026-03-10, year 13 on 2027-03-10.
Its owner is not eligible for the general reduction unless a test says so.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal

import pytest
from flask import Flask
from sqlmodel import Session, col, select

from marketplace.accounts import services as account_services
from marketplace.accounts.models import Role, User
from marketplace.audit.models import AuditEvent
from marketplace.errors import Conflict, PermissionDenied, ValidationFailed
from marketplace.fees import refresh, services
from marketplace.fees.models import AnnualFee, AnnualFeeChange, FeeLedger, FeePayment
from marketplace.fees.rules import FeeStatus
from marketplace.patents.models import AnnualFeeState, CoOwner, Patent
from marketplace.patents.rules import LegalStatus
from marketplace.search.models import SearchOutboxEntry
from tests.factories import make_organisation, make_patent, make_user

D = dt.date
FILED, GRANTED = D(2015, 3, 10), D(2019, 9, 20)


@pytest.fixture(autouse=True)
def app_context(app: Flask) -> Iterator[None]:
    """Services read the fee settings from the running app."""
    with app.app_context():
        yield


@pytest.fixture()
def owner(session: Session) -> User:
    return make_user(session, Role.PATENTEE)


def _patent(session: Session, owner: User, **changes: object) -> Patent:
    return make_patent(session, owner, filing_date=FILED, grant_date=GRANTED, **changes)


def _open(session: Session, patent: Patent, today: dt.date) -> None:
    refresh.refresh_ledger(session, patent, cause=refresh.CAUSE_IMPORTED, actor=None,
                            today=today)


def _fees(session: Session, patent: Patent) -> dict[int, AnnualFee]:
    rows = session.exec(select(AnnualFee).where(AnnualFee.patent_id == patent.id))
    return {row.fee_year: row for row in rows}


def _reason(session: Session, owner: User, patent: Patent, year: int) -> str:
    """The reason the fee page shows (the rules' explanation, in English)."""
    lines = services.patent_fees(session, actor=owner, patent_id=patent.id or 0).lines
    return next(str(line.reason) for line in lines if line.fee_year == year)


def _changes(session: Session, patent: Patent) -> list[AnnualFeeChange]:
    return list(session.exec(select(AnnualFeeChange).where(AnnualFeeChange.patent_id == patent.id)
                             .order_by(col(AnnualFeeChange.id))))


def _actions(session: Session, patent: Patent) -> list[str]:
    return list(session.exec(select(AuditEvent.action).where(AuditEvent.entity_type == "patent",
                                                             AuditEvent.entity_id == patent.id)
                             .order_by(col(AuditEvent.id))))


def test_ledger_opens_with_fees_paid_as_the_register_says(session: Session, owner: User) -> None:
    patent = _patent(session, owner)
    _open(session, patent, D(2026, 6, 1))
    fees = _fees(session, patent)
    assert sorted(fees) == list(range(5, 21))
    assert all(fees[y].status is FeeStatus.PAID_BEFORE_LEDGER for y in range(5, 13))
    # Year 13 (6,000, no reduction) is payable from 2026-03-10, during year 12 (R5.7).
    assert (fees[13].status, fees[13].amount_owed_fen) == (FeeStatus.DUE, 600000)
    header = session.exec(select(FeeLedger).where(FeeLedger.patent_id == patent.id)).one()
    assert (header.opened_on, header.settled_through, header.owed_fen) == (
        D(2026, 6, 1), D(2026, 6, 1), 600000)
    assert _changes(session, patent) == []  # opening is not a change
    assert patent.fee_state is AnnualFeeState.PAID


def test_ledger_opens_in_grace_and_lapses_when_grace_ends(session: Session,
                                                         owner: User) -> None:
    patent = _patent(session, owner, fee_state=AnnualFeeState.IN_GRACE)
    _open(session, patent, D(2026, 6, 1))
    year_12 = _fees(session, patent)[12]
    # Due 2026-03-10; on 2026-06-01 two whole months late: 4,000 + 10 % = 4,400 owed.
    assert (year_12.status, year_12.late_fee_fen, year_12.amount_owed_fen) == (
        FeeStatus.IN_GRACE, 40000, 440000)
    assert patent.fee_state is AnnualFeeState.IN_GRACE

    # Grace ends Thursday 2026-09-10; the daily refresh of 2026-09-11 lapses the patent.
    outcome = refresh.refresh_all(session, today=D(2026, 9, 11))
    patent = session.get(Patent, patent.id)
    assert patent is not None
    assert outcome.lapsed == [patent.id]
    assert (patent.legal_status, patent.fee_state) == (LegalStatus.LAPSED, AnnualFeeState.UNPAID)
    header = session.exec(select(FeeLedger).where(FeeLedger.patent_id == patent.id)).one()
    assert header.lapsed_on == D(2026, 3, 10)
    change = next(c for c in _changes(session, patent) if c.fee_year == 12)
    # What was owed before the lapse stays visible.
    assert (change.cause, change.owed_before_fen, change.owed_after_fen) == (
        "ledger.refreshed", 440000, 0)
    assert change.payable_before_fen == change.payable_after_fen == 400000
    assert (change.before or {})["status"] == "in_grace"
    assert (change.after or {})["status"] == "lapsed"
    assert "patent.lapsed" in _actions(session, patent)
    assert session.exec(select(SearchOutboxEntry).where(
        SearchOutboxEntry.entity_id == patent.id)).first() is not None


def test_payment_in_grace_adds_the_late_fee_and_is_audited(session: Session,
                                                           owner: User) -> None:
    patent = _patent(session, owner, fee_state=AnnualFeeState.IN_GRACE)
    _open(session, patent, D(2026, 6, 1))
    services.record_payment(session, actor=owner, patent_id=patent.id or 0, today=D(2026, 6, 1),
                            new=services.NewPayment(12, D(2026, 6, 1), 440000, "CNIPA-1"))
    year_12 = _fees(session, patent)[12]
    assert (year_12.status, year_12.late_fee_fen, year_12.paid_fen, year_12.amount_owed_fen) == (
        FeeStatus.PAID, 40000, 440000, 0)
    assert patent.fee_state is AnnualFeeState.PAID
    change = [c for c in _changes(session, patent) if c.cause == "payment.recorded"]
    assert [(c.fee_year, c.owed_before_fen, c.owed_after_fen) for c in change] == [
        (12, 440000, 0)]
    assert change[0].actor_user_id == owner.id
    event = session.exec(select(AuditEvent).where(
        AuditEvent.action == "fees.payment_recorded")).one()
    assert (event.actor_user_id, (event.after or {})["amount_fen"]) == (owner.id, 440000)
    payment = session.exec(select(FeePayment)).one()
    assert (payment.recorded_by_user_id, payment.reference) == (owner.id, "CNIPA-1")


def test_payment_made_in_grace_but_recorded_after_it_undoes_the_lapse(
        session: Session, owner: User) -> None:
    patent = _patent(session, owner, fee_state=AnnualFeeState.IN_GRACE)
    _open(session, patent, D(2026, 6, 1))
    refresh.refresh_all(session, today=D(2026, 9, 11))
    patent = session.get(Patent, patent.id)
    assert patent is not None and patent.legal_status is LegalStatus.LAPSED
    # Paid on the last day of grace: five whole months late, 4,000 + 25 % = 5,000.
    services.record_payment(session, actor=owner, patent_id=patent.id or 0,
                            today=D(2026, 9, 12),
                            new=services.NewPayment(12, D(2026, 9, 10), 500000))
    assert (patent.legal_status, patent.fee_state) == (LegalStatus.IN_FORCE,
                                                       AnnualFeeState.PAID)
    assert _fees(session, patent)[12].late_fee_fen == 100000
    assert "patent.lapse_cancelled" in _actions(session, patent)


@pytest.mark.parametrize(("today", "payment", "error", "field"), [
    # Year 12 is due 2026-03-10; its grace period ends on Thursday 2026-09-10.
    (D(2026, 9, 12), services.NewPayment(12, D(2026, 9, 11), 500000), ValidationFailed,
     "paid_on"),
    (D(2026, 6, 1), services.NewPayment(12, D(2026, 6, 2), 440000), ValidationFailed,
     "paid_on"),  # dated in the future
    (D(2026, 6, 1), services.NewPayment(12, D(2014, 1, 1), 440000), ValidationFailed,
     "paid_on"),  # before the filing date
    (D(2026, 6, 1), services.NewPayment(3, D(2026, 6, 1), 100000), ValidationFailed,
     "fee_year"),  # before the grant year: no such fee
    (D(2026, 6, 1), services.NewPayment(11, D(2026, 6, 1), 400000), Conflict, None),  # paid
])
def test_payments_refused(session: Session, owner: User, today: dt.date,
                          payment: services.NewPayment, error: type[Exception],
                          field: str | None) -> None:
    patent = _patent(session, owner, fee_state=AnnualFeeState.IN_GRACE)
    _open(session, patent, D(2026, 6, 1))
    with pytest.raises(error) as raised:
        services.record_payment(session, actor=owner, patent_id=patent.id or 0, today=today,
                                new=payment)
    if field is not None:
        assert isinstance(raised.value, ValidationFailed)
        assert field in raised.value.errors
    assert session.exec(select(FeePayment)).first() is None


@pytest.mark.parametrize("role", [Role.PATENTEE, Role.SME, Role.OFFICE, Role.MEDIATOR])
def test_only_the_owners_patentees_record_payments(session: Session, owner: User,
                                                   role: Role) -> None:
    patent = _patent(session, owner, fee_state=AnnualFeeState.IN_GRACE)
    _open(session, patent, D(2026, 6, 1))
    intruder = make_user(session, role)
    with pytest.raises(PermissionDenied):
        services.record_payment(session, actor=intruder, patent_id=patent.id or 0,
                                today=D(2026, 6, 1),
                                new=services.NewPayment(12, D(2026, 6, 1), 440000))


def test_who_sees_a_patents_fees(session: Session, owner: User) -> None:
    co_org = make_organisation(session)
    patent = _patent(session, owner)
    session.add(CoOwner(patent_id=patent.id or 0, name=co_org.name, organisation_id=co_org.id,
                        share=Decimal(50)))
    co_user = make_user(session, Role.PATENTEE, organisation_id=co_org.id)
    allowed = [owner, co_user, make_user(session, Role.OFFICE)]
    denied = [make_user(session, Role.PATENTEE), make_user(session, Role.SME),
              make_user(session, Role.MEDIATOR)]
    for user in allowed:
        assert services.patent_fees(session, actor=user, patent_id=patent.id or 0).patent
    for user in denied:
        with pytest.raises(PermissionDenied):
            services.patent_fees(session, actor=user, patent_id=patent.id or 0)
    assert services.patent_fees(session, actor=owner, patent_id=patent.id or 0).may_record
    assert not services.patent_fees(session, actor=co_user, patent_id=patent.id or 0).may_record


def test_eligibility_change_reaches_fees_due_from_then_on(
        session: Session, owner: User, monkeypatch: pytest.MonkeyPatch) -> None:
    patent = _patent(session, owner)
    _open(session, patent, D(2026, 6, 1))
    monkeypatch.setattr(refresh, "legal_today", lambda: D(2026, 6, 1))
    account_services.set_fee_reduction_eligibility(
        session, actor=owner, organisation_id=owner.organisation_id,
        new=account_services.FeeReductionEligibility(True, "事业单位", 2026))
    fees = _fees(session, patent)
    # Years 13 and 14 (due 2027/2028) fall in the window (years 5–14): 6,000 → 900. Year 12
    # (due 2026-03-10, before the change) keeps 4,000; year 15 is outside the window.
    assert [fees[y].payable_fen for y in (12, 13, 14, 15)] == [400000, 90000, 90000, 600000]
    assert "事业单位, 2026" in _reason(session, owner, patent, 13)
    changed = {(c.fee_year, c.payable_before_fen, c.payable_after_fen, c.cause)
               for c in _changes(session, patent)}
    assert changed == {(13, 600000, 90000, "organisation.eligibility_changed"),
                       (14, 600000, 90000, "organisation.eligibility_changed")}
    assert session.exec(select(AuditEvent).where(
        AuditEvent.action == "organisation.fee_reduction_changed")).one().actor_user_id == owner.id

    # No longer eligible from 2027-06-01: year 13 (due 2027-03-10) keeps 900, year 14 is 6,000.
    monkeypatch.setattr(refresh, "legal_today", lambda: D(2027, 6, 1))
    account_services.set_fee_reduction_eligibility(
        session, actor=owner, organisation_id=owner.organisation_id,
        new=account_services.FeeReductionEligibility(False))
    fees = _fees(session, patent)
    assert (fees[13].payable_fen, fees[14].payable_fen) == (90000, 600000)


def test_eligibility_permissions_and_validation(session: Session, owner: User,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(refresh, "legal_today", lambda: D(2026, 6, 1))
    eligible = account_services.FeeReductionEligibility(True, "事业单位", 2026)
    for intruder in (make_user(session, Role.PATENTEE), make_user(session, Role.SME)):
        with pytest.raises(PermissionDenied):
            account_services.set_fee_reduction_eligibility(
                session, actor=intruder, organisation_id=owner.organisation_id, new=eligible)
    with pytest.raises(ValidationFailed) as raised:
        account_services.set_fee_reduction_eligibility(
            session, actor=owner, organisation_id=owner.organisation_id,
            new=account_services.FeeReductionEligibility(True, " "))
    assert set(raised.value.errors) == {"basis", "year"}
    office = make_user(session, Role.OFFICE)
    org = account_services.set_fee_reduction_eligibility(
        session, actor=office, organisation_id=owner.organisation_id, new=eligible)
    assert (org.fee_reduction_eligible, org.fee_reduction_basis, org.fee_reduction_year) == (
        True, "事业单位", 2026)


def test_co_owners_eligibility(session: Session, owner: User) -> None:
    patent = _patent(session, owner)
    org = session.get(type(make_organisation(session)), owner.organisation_id)
    assert org is not None
    org.fee_reduction_eligible, org.fee_reduction_basis = True, "事业单位"
    partner = make_organisation(session, fee_reduction_eligible=True,
                                fee_reduction_basis="事业单位")
    session.add_all([
        CoOwner(patent_id=patent.id or 0, name=org.name, organisation_id=org.id,
                share=Decimal(50)),
        CoOwner(patent_id=patent.id or 0, name=partner.name, organisation_id=partner.id,
                share=Decimal(50)),
    ])
    _open(session, patent, D(2026, 6, 1))
    # Both eligible: 70 % off year 13, 6,000 × 0.30 = 1,800.
    assert _fees(session, patent)[13].payable_fen == 180000
    session.add(CoOwner(patent_id=patent.id or 0, name="平台外某公司", share=Decimal(0)))
    refresh.refresh_ledger(session, patent, cause=refresh.CAUSE_REFRESHED, actor=None,
                            today=D(2026, 6, 1))
    # A co-owner not on the platform has no recorded eligibility: no general reduction.
    year_13 = _fees(session, patent)[13]
    assert year_13.payable_fen == 600000
    assert "平台外某公司" in _reason(session, owner, patent, 13)


def test_patents_without_annual_fees(session: Session, owner: User) -> None:
    foreign = _patent(session, owner, jurisdiction="EP")
    pending = _patent(session, owner, legal_status=LegalStatus.PENDING)
    _open(session, foreign, D(2026, 6, 1))
    _open(session, pending, D(2026, 6, 1))
    assert _fees(session, foreign) == {} and _fees(session, pending) == {}

    patent = _patent(session, owner)
    _open(session, patent, D(2026, 6, 1))
    patent.legal_status = LegalStatus.INVALIDATED
    refresh.refresh_ledger(session, patent, cause=refresh.CAUSE_IMPORTED, actor=None,
                            today=D(2026, 7, 1))
    assert _fees(session, patent) == {}
    removed = _changes(session, patent)
    assert len(removed) == 16 and all(c.payable_after_fen is None for c in removed)
    assert removed[0].payable_before_fen == 120000  # year 5's 1,200 stays visible


def test_refresh_without_change_writes_no_history(session: Session, owner: User) -> None:
    patent = _patent(session, owner)
    _open(session, patent, D(2026, 6, 1))
    outcome = refresh.refresh_ledger(session, patent, cause=refresh.CAUSE_REFRESHED,
                                      actor=None, today=D(2026, 6, 2))
    assert outcome.changed == {} and _changes(session, patent) == []


def test_refresh_command(app: Flask, session: Session, owner: User) -> None:
    patent = _patent(session, owner, fee_state=AnnualFeeState.IN_GRACE)
    _open(session, patent, D(2026, 6, 1))
    session.commit()  # the command runs in its own session (savepoint of the test connection)
    result = app.test_cli_runner().invoke(args=["fees", "refresh", "--date", "2026-09-11"])
    assert result.exit_code == 0, result.output
    assert "lapsed 1" in result.output
    session.expire_all()
    assert session.get(Patent, patent.id).legal_status is LegalStatus.LAPSED  # type: ignore[union-attr]
