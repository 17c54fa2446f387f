"""Record-filing (D10): filing, the office's decision, reminders, the public list, and the fee
ledger's 15 % open-licence reduction from the record date (D11, D12, D14; issue 6).

The patent is Examples A/B's invention (filed 2015-03-10, granted 2019-09-20): fee year 12 is due
2026-03-10, year 13 on 2027-03-10 (full RMB 6,000), year 14 on 2028-03-10 (full RMB 6,000).
"""

from __future__ import annotations

import datetime as dt

import pytest
from sqlmodel import Session, select

from marketplace.accounts.models import Organisation, Role, User
from marketplace.declarations.models import Declaration
from marketplace.declarations.rules import DeclarationStatus
from marketplace.declarations.terms import FeeMethod, FeeTerms
from marketplace.errors import InvalidStateTransition, PermissionDenied, ValidationFailed
from marketplace.fees import refresh
from marketplace.fees.models import AnnualFee
from marketplace.fees.rules import ReductionKind
from marketplace.licensing import recordals, services
from marketplace.licensing.models import Licence
from marketplace.licensing.public import list_accepted_recordals
from marketplace.licensing.rules import RecordalRefusalGround, RecordalState, RecordalTiming
from marketplace.notifications.models import Notification
from marketplace.patents.models import Patent
from tests.factories import make_user
from tests.licensing.conftest import NOW, POLICY, declared

D = dt.date


def _effective(session: Session, sme: User, patent: Patent) -> Licence:
    declaration = declared(session, patent, FeeTerms(FeeMethod.FREE))
    return services.take_licence(session, actor=sme, declaration_id=declaration.id or 0,
                                 policy=POLICY, now=NOW)


def _reminders(session: Session, user: User) -> int:
    return len(session.exec(select(Notification).where(
        Notification.user_id == user.id,
        Notification.kind == "licensing.recordal_reminder")).all())


def _fees(session: Session, patent: Patent) -> dict[int, AnnualFee]:
    return {f.fee_year: f for f in session.exec(
        select(AnnualFee).where(AnnualFee.patent_id == patent.id))}


def test_either_party_files_once_and_the_office_accepts(
        session: Session, sme: User, patentee: User, office: User, patent: Patent) -> None:
    licence = _effective(session, sme, patent)
    with pytest.raises(PermissionDenied):
        recordals.file_recordal(session, actor=office, licence_id=licence.id or 0)
    filed = recordals.file_recordal(session, actor=patentee, licence_id=licence.id or 0,
                                    now=NOW)
    with pytest.raises(ValidationFailed, match="awaiting"):
        recordals.file_recordal(session, actor=sme, licence_id=licence.id or 0, now=NOW)
    with pytest.raises(PermissionDenied):
        recordals.accept(session, actor=patentee, recordal_id=filed.id or 0,
                         record_date=D(2026, 11, 21))
    recordals.accept(session, actor=office, recordal_id=filed.id or 0,
                     record_date=D(2026, 11, 21), now=NOW)
    assert filed.state is RecordalState.ACCEPTED
    assert (filed.record_number, filed.record_date) == ("KF-REC-2026-000001", D(2026, 11, 21))
    with pytest.raises(InvalidStateTransition):
        recordals.accept(session, actor=office, recordal_id=filed.id or 0,
                         record_date=D(2026, 11, 21), now=NOW)
    page = list_accepted_recordals(session, 1, 20)
    assert page.total == 1
    item = page.items[0]
    assert (item.record_number, item.row.licence.number) == ("KF-REC-2026-000001",
                                                             licence.number)
    assert item.announcement_number == licence.snapshot["announcement_number"]


def test_a_pending_licence_cannot_be_filed(session: Session, sme: User, patent: Patent) -> None:
    declaration = declared(session, patent, FeeTerms(FeeMethod.LUMP_SUM, lump_sum_fen=100))
    licence = services.take_licence(session, actor=sme, declaration_id=declaration.id or 0,
                                    policy=POLICY, now=NOW)
    with pytest.raises(ValidationFailed, match="Only a licence in force"):
        recordals.file_recordal(session, actor=sme, licence_id=licence.id or 0, now=NOW)


def test_a_refusal_gives_reasons_and_allows_filing_again(
        session: Session, sme: User, office: User, patent: Patent) -> None:
    licence = _effective(session, sme, patent)
    filed = recordals.file_recordal(session, actor=sme, licence_id=licence.id or 0, now=NOW)
    with pytest.raises(ValidationFailed, match="reasons"):
        recordals.refuse(session, actor=office, recordal_id=filed.id or 0, grounds=[])
    recordals.refuse(session, actor=office, recordal_id=filed.id or 0,
                     grounds=[RecordalRefusalGround.DOCUMENTS_INSUFFICIENT], note="缺少付款凭证")
    assert filed.state is RecordalState.REFUSED
    assert [str(m) for m in recordals.refusal_messages(filed)] == [
        "The documents do not prove that the licence was reached (Regs Art. 87, R3.9).",
        "缺少付款凭证"]
    again = recordals.file_recordal(session, actor=sme, licence_id=licence.id or 0, now=NOW)
    assert again.state is RecordalState.PENDING


def test_reminders_go_once_on_each_reminder_day_and_overdue_ones_are_listed(
        session: Session, sme: User, patentee: User, office: User, patent: Patent) -> None:
    licence = _effective(session, sme, patent)
    # Effective 2026-11-21: due 2027-02-21, a Sunday → Monday 2027-02-22 (R2.10). Reminders 30
    # and 7 days before: 2027-01-23 and 2027-02-15.
    assert licence.effective_on == D(2026, 11, 21)
    queue = recordals.office_queue(session, actor=office, today=D(2027, 1, 1), policy=POLICY)
    assert [(q.due_on, q.timing) for q in queue] == [(D(2027, 2, 22),
                                                      RecordalTiming.NOT_DUE_YET)]
    assert recordals.send_reminders(session, today=D(2027, 1, 22), policy=POLICY)[0] == []
    assert recordals.send_reminders(session, today=D(2027, 1, 23), policy=POLICY)[0] == [licence]
    assert recordals.send_reminders(session, today=D(2027, 1, 23), policy=POLICY)[0] == []
    assert recordals.send_reminders(session, today=D(2027, 1, 30), policy=POLICY)[0] == []
    assert (_reminders(session, sme), _reminders(session, patentee)) == (1, 1)
    assert recordals.send_reminders(session, today=D(2027, 2, 16), policy=POLICY)[0] == [licence]
    assert (_reminders(session, sme), _reminders(session, patentee)) == (2, 2)
    reminded, overdue = recordals.send_reminders(session, today=D(2027, 2, 23), policy=POLICY)
    assert reminded == [] and [o.row.licence for o in overdue] == [licence]
    with pytest.raises(PermissionDenied):
        recordals.office_queue(session, actor=sme, today=D(2027, 1, 1), policy=POLICY)


def _ledger_with_recorded_licence(session: Session, sme: User, office: User,
                                  patent: Patent) -> Licence:
    refresh.refresh_ledger(session, patent, cause=refresh.CAUSE_IMPORTED, actor=None,
                           today=D(2026, 11, 21))
    licence = _effective(session, sme, patent)
    filed = recordals.file_recordal(session, actor=sme, licence_id=licence.id or 0, now=NOW)
    recordals.accept(session, actor=office, recordal_id=filed.id or 0,
                     record_date=D(2026, 11, 21), now=NOW)
    return licence


def test_acceptance_gives_the_open_licence_reduction_from_the_record_date(
        session: Session, sme: User, office: User, patent: Patent) -> None:
    _ledger_with_recorded_licence(session, sme, office, patent)
    fees = _fees(session, patent)
    # Year 12 fell due before the record date: no reduction.
    assert (fees[12].reduction_kind, fees[12].payable_fen) == (ReductionKind.NONE, 400_000)
    # Year 13, due 2027-03-10, after it: RMB 6,000 × 85 % = RMB 5,100.
    assert fees[13].reduction_kind is ReductionKind.OPEN_LICENCE
    assert (fees[13].payable_fen, fees[13].record_date) == (510_000, D(2026, 11, 21))
    assert fees[13].open_licence_saving_fen == 90_000


def test_the_general_reduction_wins_and_is_never_stacked(
        session: Session, sme: User, office: User, patent: Patent) -> None:
    owner = session.get(Organisation, patent.owner_id)
    assert owner is not None
    owner.fee_reduction_eligible, owner.fee_reduction_basis = True, "事业单位"
    owner.fee_reduction_year = 2019
    _ledger_with_recorded_licence(session, sme, office, patent)
    fee = _fees(session, patent)[13]
    # General 85 % off (pay 15 % = RMB 900) beats the open-licence 15 % off; never both (D12):
    # not RMB 765.
    assert (fee.reduction_kind, fee.payable_fen) == (ReductionKind.GENERAL, 90_000)


def test_a_withdrawal_stops_the_reduction_for_later_fees(
        session: Session, sme: User, office: User, patent: Patent) -> None:
    licence = _ledger_with_recorded_licence(session, sme, office, patent)
    declaration = licence.declaration_id
    withdrawn = session.get(Declaration, declaration)
    assert withdrawn is not None
    withdrawn.status = DeclarationStatus.WITHDRAWN
    withdrawn.withdrawal_number = "KF-OLW-2027-000001"
    withdrawn.withdrawal_date = D(2027, 6, 1)
    refresh.refresh_ledger(session, patent, cause=refresh.CAUSE_DECLARATION, actor=None,
                           today=D(2027, 6, 1))
    fees = _fees(session, patent)
    assert fees[13].reduction_kind is ReductionKind.OPEN_LICENCE  # due before the withdrawal
    assert (fees[14].reduction_kind, fees[14].payable_fen) == (ReductionKind.NONE, 600_000)


def test_other_organisations_see_no_recordal(session: Session, sme: User, patent: Patent) -> None:
    licence = _effective(session, sme, patent)
    filed = recordals.file_recordal(session, actor=sme, licence_id=licence.id or 0, now=NOW)
    with pytest.raises(Exception, match="No such licence"):
        recordals.get_recordal(session, actor=make_user(session, Role.SME),
                               recordal_id=filed.id or 0)
