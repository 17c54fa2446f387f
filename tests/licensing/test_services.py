"""Taking a licence, payments, formation, royalty reports, termination and negotiated licences."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from sqlmodel import Session, col, select

from marketplace.accounts.models import Organisation, Role, User
from marketplace.audit.models import AuditEvent
from marketplace.declarations.rules import DeclarationStatus
from marketplace.declarations.terms import FeeMethod, FeeTerms
from marketplace.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from marketplace.fees import refresh
from marketplace.fees.models import FeeLedger
from marketplace.licensing import services
from marketplace.licensing.ending import end_due_licences
from marketplace.licensing.models import Licence, LicencePayment
from marketplace.licensing.negotiated import NewNegotiated, record_negotiated
from marketplace.licensing.royalties import LineStatus, ReportFigures
from marketplace.licensing.rules import FirstPaymentKind, LicenceEvent, LicenceState, NegotiatedKind
from marketplace.notifications.models import Notification
from marketplace.patents.models import Patent
from marketplace.patents.rules import LegalStatus
from tests.factories import make_user
from tests.licensing.conftest import NOW, POLICY, declared, lump_sum

D = dt.date
MAX = 1024 * 1024


def _take(session: Session, sme: User, declaration_id: int, key: str | None = None,
          now: dt.datetime = NOW) -> Licence:
    return services.take_licence(session, actor=sme, declaration_id=declaration_id,
                                 policy=POLICY, idempotency_key=key, now=now)


def _pay(session: Session, sme: User, licence: Licence, fen: int, key: str | None = None,
         proof: services.Proof | None = None, tmp: Path | None = None,
         now: dt.datetime = NOW) -> LicencePayment:
    return services.record_payment(
        session, actor=sme, licence_id=licence.id or 0,
        new=services.NewPayment(fen, now.date(), "转账 2026-1121"), proof=proof,
        upload_dir=str(tmp or Path("/nonexistent")), max_bytes=MAX, idempotency_key=key,
        now=now)


def _kinds(session: Session, user: User) -> list[str]:
    return list(session.exec(select(Notification.kind).where(Notification.user_id == user.id)))


def _actions(session: Session, licence: Licence) -> list[str]:
    return list(session.exec(select(AuditEvent.action).where(
        AuditEvent.entity_type == "licence", AuditEvent.entity_id == licence.id)
        .order_by(col(AuditEvent.id))))


# --- Taking ---------------------------------------------------------------------------------------


def test_taking_copies_the_frozen_terms_gives_notice_and_tells_the_patentee(
        session: Session, sme: User, patentee: User, patent: Patent) -> None:
    declaration = declared(session, patent, lump_sum())
    licence = _take(session, sme, declaration.id or 0)
    assert licence.state is LicenceState.PENDING
    assert licence.snapshot == declaration.snapshot
    assert licence.snapshot_hash == declaration.snapshot_hash
    assert licence.notice_given_at == NOW
    assert licence.notice_reference == "KF-NTC-2026-000001"
    assert (licence.licence_start, licence.licence_end) == (D(2026, 12, 1), D(2031, 12, 31))
    assert (licence.first_payment_kind, licence.first_payment_fen) == (
        FirstPaymentKind.LUMP_SUM, 5_000_000)
    assert licence.number is None
    assert "licensing.notice_received" in _kinds(session, patentee)
    assert _actions(session, licence) == ["licence.taken"]
    notice = services.written_notice(session, licence)
    assert notice.announcement_number == declaration.announcement_number
    assert notice.terms_hash == declaration.snapshot_hash


def test_the_same_idempotency_key_returns_the_first_licence(
        session: Session, sme: User, patent: Patent) -> None:
    declaration = declared(session, patent, lump_sum())
    first = _take(session, sme, declaration.id or 0, key="form-token-1")
    again = _take(session, sme, declaration.id or 0, key="form-token-1")
    assert again.id == first.id
    assert len(session.exec(select(Licence)).all()) == 1


def test_a_second_licence_on_the_same_declaration_is_refused(
        session: Session, sme: User, patent: Patent) -> None:
    declaration = declared(session, patent, lump_sum())
    _take(session, sme, declaration.id or 0, key="a")
    with pytest.raises(Conflict, match="already given notice"):
        _take(session, sme, declaration.id or 0, key="b")
    # Another enterprise may take its own.
    other = make_user(session, Role.SME)
    assert _take(session, other, declaration.id or 0).state is LicenceState.PENDING


def test_no_licence_on_a_withdrawn_declaration(session: Session, sme: User,
                                               patent: Patent) -> None:
    declaration = declared(session, patent, lump_sum(), status=DeclarationStatus.WITHDRAWN)
    with pytest.raises(Conflict, match="withdrawn"):
        _take(session, sme, declaration.id or 0, now=dt.datetime(2027, 1, 5, tzinfo=dt.UTC))


def test_no_licence_on_a_lapsed_or_expired_patent(session: Session, sme: User,
                                                  patent: Patent) -> None:
    declaration = declared(session, patent, lump_sum())
    patent.legal_status = LegalStatus.LAPSED
    patent.updated_at = dt.datetime(2026, 10, 1, tzinfo=dt.UTC)
    with pytest.raises(Conflict, match="lapsed"):
        _take(session, sme, declaration.id or 0)
    patent.legal_status = LegalStatus.IN_FORCE
    patent.expiry_date = D(2026, 11, 20)
    with pytest.raises(Conflict, match="term ended"):
        _take(session, sme, declaration.id or 0)


def test_only_an_enterprise_takes_a_licence_and_drafts_are_not_found(
        session: Session, patentee: User, sme: User, patent: Patent) -> None:
    declaration = declared(session, patent, lump_sum())
    with pytest.raises(PermissionDenied):
        _take(session, patentee, declaration.id or 0)
    draft = declared(session, patent, lump_sum(), status=DeclarationStatus.DRAFT)
    with pytest.raises(NotFound):
        _take(session, sme, draft.id or 0)


def test_free_terms_take_effect_on_notice(session: Session, sme: User, patent: Patent) -> None:
    declaration = declared(session, patent, FeeTerms(FeeMethod.FREE))
    licence = _take(session, sme, declaration.id or 0)
    assert licence.state is LicenceState.EFFECTIVE
    assert licence.effective_on == D(2026, 11, 21)
    assert licence.number == "KF-LIC-2026-000001"


# --- Payments and formation (D9) ---------------------------------------------------------------


def test_the_first_payment_forms_the_licence_with_a_sequential_number(
        session: Session, sme: User, patentee: User, patent: Patent) -> None:
    declaration = declared(session, patent, lump_sum())
    licence = _take(session, sme, declaration.id or 0)
    _pay(session, sme, licence, 3_000_000)
    assert licence.state is LicenceState.PENDING  # not the whole lump sum yet
    later = NOW + dt.timedelta(days=2)
    _pay(session, sme, licence, 2_000_000, now=later)
    assert licence.state is LicenceState.EFFECTIVE
    assert licence.effective_at == later
    assert licence.effective_on == D(2026, 11, 23)
    assert licence.number == "KF-LIC-2026-000001"
    assert "licensing.effective" in _kinds(session, sme)
    assert "licensing.effective" in _kinds(session, patentee)
    assert _actions(session, licence) == ["licence.taken", "licence.payment_recorded",
                                          "licence.payment_recorded", "licence.effective"]
    second = _take(session, make_user(session, Role.SME), declared(
        session, patent, FeeTerms(FeeMethod.FREE)).id or 0)
    assert second.number == "KF-LIC-2026-000002"


def test_a_payment_recorded_twice_with_one_key_is_recorded_once(
        session: Session, sme: User, patent: Patent) -> None:
    licence = _take(session, sme, declared(session, patent, lump_sum()).id or 0)
    first = _pay(session, sme, licence, 1_000, key="pay-1")
    again = _pay(session, sme, licence, 1_000, key="pay-1")
    assert again.id == first.id
    assert len(services.payments_of(session, licence.id or 0)) == 1


def test_payment_input_is_checked_and_changes_nothing(
        session: Session, sme: User, patent: Patent) -> None:
    licence = _take(session, sme, declared(session, patent, lump_sum()).id or 0)
    with pytest.raises(ValidationFailed) as caught:
        services.record_payment(
            session, actor=sme, licence_id=licence.id or 0,
            new=services.NewPayment(0, D(2026, 12, 30), "x" * 201), proof=None,
            upload_dir="/nonexistent", max_bytes=MAX, now=NOW)
    assert set(caught.value.errors) == {"amount", "paid_on", "reference"}
    assert services.payments_of(session, licence.id or 0) == []


def test_proof_files_are_stored_and_bad_ones_refused(
        session: Session, sme: User, patent: Patent, tmp_path: Path) -> None:
    licence = _take(session, sme, declared(session, patent, lump_sum()).id or 0)
    pdf = services.Proof(io.BytesIO(b"%PDF-1.4\n% receipt\n"), "回单.pdf")
    payment = _pay(session, sme, licence, 1_000, proof=pdf, tmp=tmp_path)
    assert payment.proof_original_name == "回单.pdf"
    assert (tmp_path / (payment.proof_stored_name or "")).read_bytes().startswith(b"%PDF")
    bad = services.Proof(io.BytesIO(b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\xff\xff"), "x.exe")
    with pytest.raises(ValidationFailed) as caught:
        _pay(session, sme, licence, 1_000, proof=bad, tmp=tmp_path)
    assert "proof" in caught.value.errors
    too_big = services.Proof(io.BytesIO(b"a" * (MAX + 1)), "big.txt")
    with pytest.raises(ValidationFailed):
        _pay(session, sme, licence, 1_000, proof=too_big, tmp=tmp_path)
    assert len(services.payments_of(session, licence.id or 0)) == 1


def test_only_the_licensee_pays_and_only_the_patentee_confirms(
        session: Session, sme: User, patentee: User, patent: Patent) -> None:
    licence = _take(session, sme, declared(session, patent, lump_sum()).id or 0)
    with pytest.raises(PermissionDenied):
        _pay(session, patentee, licence, 1_000)
    with pytest.raises(NotFound):
        _pay(session, make_user(session, Role.SME), licence, 1_000)
    payment = _pay(session, sme, licence, 1_000)
    with pytest.raises(PermissionDenied):
        services.confirm_payment(session, actor=sme, payment_id=payment.id or 0)
    services.confirm_payment(session, actor=patentee, payment_id=payment.id or 0)
    assert payment.confirmed_by_id == patentee.id
    with pytest.raises(Conflict):
        services.confirm_payment(session, actor=patentee, payment_id=payment.id or 0)


# --- Royalty reports -----------------------------------------------------------------------------


def test_the_first_report_and_its_royalty_form_a_running_royalty_licence(
        session: Session, sme: User, patent: Patent) -> None:
    # 3.5 % of net sales, minimum RMB 20,000 a year; taken on 2026-11-21, from 2026-12-01.
    licence = _take(session, sme, declared(session, patent).id or 0)
    assert licence.first_payment_kind is FirstPaymentKind.FIRST_REPORT
    filed_at = dt.datetime(2027, 3, 10, 2, tzinfo=dt.UTC)
    report = services.file_report(
        session, actor=sme, licence_id=licence.id or 0, period_start=D(2026, 12, 1),
        period_end=D(2027, 2, 28), figures=ReportFigures(net_sales_fen=123_456_789),
        policy=POLICY, now=filed_at)
    # 1,234,567.89 yuan × 3.5 % = 43,209.876… yuan → 4,320,988 fen (half-up).
    assert report.royalty_fen == 4_320_988
    assert licence.state is LicenceState.PENDING
    _pay(session, sme, licence, 4_320_988, now=filed_at)
    assert licence.state is LicenceState.EFFECTIVE
    statement = services.statement(session, licence, POLICY, D(2027, 7, 1))
    royalty_lines = [line for line in statement.lines if line.obligation.amount_fen]
    assert royalty_lines[0].status is LineStatus.PAID
    # The second quarter (2027-03-01 .. 05-31) was due 30 days after it ended, unreported.
    assert statement.total.reports_overdue == 1


def test_a_report_needs_the_terms_figure_and_a_real_period(
        session: Session, sme: User, patent: Patent) -> None:
    licence = _take(session, sme, declared(session, patent).id or 0)
    with pytest.raises(ValidationFailed) as caught:
        services.file_report(session, actor=sme, licence_id=licence.id or 0,
                             period_start=D(2026, 12, 5), period_end=D(2027, 2, 28),
                             figures=ReportFigures(units=10), policy=POLICY, now=NOW)
    assert caught.value.errors
    lump = _take(session, sme, declared(session, patent, lump_sum()).id or 0)
    with pytest.raises(ValidationFailed, match="cannot be filed"):
        services.file_report(session, actor=sme, licence_id=lump.id or 0,
                             period_start=D(2026, 12, 1), period_end=D(2027, 2, 28),
                             figures=ReportFigures(net_sales_fen=1), policy=POLICY, now=NOW)


# --- Ending -------------------------------------------------------------------------------------


def test_termination_by_agreement_needs_the_other_party(
        session: Session, sme: User, patentee: User, patent: Patent) -> None:
    licence = _take(session, sme, declared(session, patent, lump_sum()).id or 0)
    with pytest.raises(Conflict):
        services.confirm_termination(session, actor=patentee, licence_id=licence.id or 0)
    services.propose_termination(session, actor=sme, licence_id=licence.id or 0,
                                 from_day=D(2027, 1, 1), now=NOW)
    assert "licensing.termination_proposed" in _kinds(session, patentee)
    with pytest.raises(PermissionDenied):
        services.confirm_termination(session, actor=sme, licence_id=licence.id or 0)
    services.confirm_termination(session, actor=patentee, licence_id=licence.id or 0)
    assert licence.state is LicenceState.ENDED
    assert (licence.ended_on, licence.end_reason) == (D(2027, 1, 1),
                                                      LicenceEvent.TERMINATED_BY_AGREEMENT)
    assert _actions(session, licence)[-1] == "licence.ended"


def test_the_refresh_ends_licences_at_expiry_invalidation_or_period_end(
        session: Session, sme: User, patentee: User, patent: Patent) -> None:
    licence = _take(session, sme, declared(session, patent, FeeTerms(FeeMethod.FREE)).id or 0)
    assert end_due_licences(session, today=D(2031, 12, 31)) == []
    assert end_due_licences(session, today=D(2032, 1, 1)) == [licence]
    assert (licence.ended_on, licence.end_reason) == (D(2032, 1, 1), LicenceEvent.PERIOD_ENDED)
    assert "licensing.ended" in _kinds(session, sme)
    assert end_due_licences(session, today=D(2032, 1, 2)) == []  # once only

    other = _take(session, make_user(session, Role.SME),
                  declared(session, patent, FeeTerms(FeeMethod.FREE)).id or 0)
    patent.legal_status = LegalStatus.INVALIDATED
    patent.updated_at = dt.datetime(2027, 5, 6, 4, tzinfo=dt.UTC)
    assert end_due_licences(session, today=D(2027, 5, 6)) == [other]
    assert (other.ended_on, other.end_reason) == (D(2027, 5, 6),
                                                  LicenceEvent.PATENT_INVALIDATED)


def test_a_lapse_ends_the_licence_from_the_unpaid_fees_due_date(
        session: Session, sme: User, patent: Patent) -> None:
    licence = _take(session, sme, declared(session, patent, FeeTerms(FeeMethod.FREE)).id or 0)
    refresh.refresh_ledger(session, patent, cause=refresh.CAUSE_IMPORTED, actor=None,
                           today=D(2026, 11, 21))
    header = session.exec(select(FeeLedger).where(FeeLedger.patent_id == patent.id)).one()
    header.lapsed_on = D(2027, 3, 10)  # year 13's fee, never paid (D13)
    patent.legal_status = LegalStatus.LAPSED
    patent.updated_at = dt.datetime(2027, 9, 15, tzinfo=dt.UTC)  # recorded after the grace
    assert end_due_licences(session, today=D(2027, 9, 16)) == [licence]
    assert (licence.ended_on, licence.end_reason) == (D(2027, 3, 10),
                                                      LicenceEvent.PATENT_LAPSED)


# --- Lists and negotiated licences ----------------------------------------------------------


def test_each_side_lists_its_own_licences(session: Session, sme: User, patentee: User,
                                          patent: Patent, office: User) -> None:
    licence = _take(session, sme, declared(session, patent, lump_sum()).id or 0)
    assert [r.licence for r in services.my_licences(session, actor=sme)] == [licence]
    rows = services.my_licences(session, actor=patentee)
    assert [(r.licence, r.licensee.id) for r in rows] == [(licence, sme.organisation_id)]
    assert services.my_licences(session, actor=make_user(session, Role.SME)) == []
    with pytest.raises(PermissionDenied):
        services.my_licences(session, actor=office)


def test_exclusive_licences_are_refused_while_a_declaration_is_announced(
        session: Session, patentee: User, patent: Patent) -> None:
    declared(session, patent, lump_sum())
    with pytest.raises(Conflict, match="ordinary licences only"):
        record_negotiated(session, actor=patentee, patent_id=patent.id or 0,
                          new=NewNegotiated(NegotiatedKind.EXCLUSIVE, "某公司", D(2027, 1, 1)))
    ordinary = record_negotiated(
        session, actor=patentee, patent_id=patent.id or 0,
        new=NewNegotiated(NegotiatedKind.ORDINARY, "某公司", D(2027, 1, 1), D(2028, 12, 31),
                          "入门费 10 万元，提成 2%"))
    assert ordinary.licensor_organisation_id == patent.owner_id
    org = session.get(Organisation, patent.owner_id)
    assert org is not None
    with pytest.raises(PermissionDenied):
        record_negotiated(session, actor=make_user(session, Role.PATENTEE),
                          patent_id=patent.id or 0,
                          new=NewNegotiated(NegotiatedKind.ORDINARY, "某公司", D(2027, 1, 1)))
