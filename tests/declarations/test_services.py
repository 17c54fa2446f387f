"""Declaration services: drafting, consents, submission, the office's decisions, withdrawal,
the encumbrance guard, the audit trail and the public reads."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from decimal import Decimal

import pytest
from sqlmodel import Session, col, func, select

from marketplace.accounts.models import Organisation, Role, User
from marketplace.audit.models import AuditEvent
from marketplace.declarations import consents, public, services
from marketplace.declarations.estimator import (
    Coefficient,
    EstimateInput,
    EstimationMethod,
    FeeCaps,
)
from marketplace.declarations.models import (
    ConsentMethod,
    ConsentPurpose,
    Declaration,
    FrozenTermsChanged,
)
from marketplace.declarations.rules import DeclarationStatus, PreExamPolicy
from marketplace.declarations.terms import FeeMethod, FeeTerms, content_hash
from marketplace.errors import (
    Conflict,
    InvalidStateTransition,
    NotFound,
    PermissionDenied,
    ValidationFailed,
)
from marketplace.patents import services as patent_services
from marketplace.patents.models import AnnualFeeState, CoOwner, EncumbranceKind, Patent
from marketplace.patents.rules import LegalStatus
from marketplace.search.models import SearchOutboxEntry
from tests.factories import (
    DECLARATION_CONTENT,
    make_declaration,
    make_organisation,
    make_patent,
    make_user,
)

POLICY = PreExamPolicy()
TODAY = dt.date(2026, 11, 21)
NOW = dt.datetime(2026, 11, 21, 2, 0, tzinfo=dt.UTC)  # 10:00 in Beijing


def at(day: dt.date) -> dt.datetime:
    """10:00 in Beijing on ``day``."""
    return dt.datetime.combine(day, dt.time(2), dt.UTC)
CAPS = FeeCaps(fixed_cny=Decimal("20000000"), net_sales_pct=Decimal("20"),
               profit_pct=Decimal("40"))


def _actions(session: Session, declaration: Declaration) -> list[str]:
    return list(session.exec(select(AuditEvent.action).where(
        AuditEvent.entity_type == "declaration", AuditEvent.entity_id == declaration.id)
        .order_by(col(AuditEvent.id))))


def _count(session: Session) -> int:
    return session.exec(select(func.count()).select_from(Declaration)).one()


@pytest.fixture()
def patentee(session: Session) -> User:
    return make_user(session, Role.PATENTEE)


@pytest.fixture()
def office(session: Session) -> User:
    return make_user(session, Role.OFFICE)


@pytest.fixture()
def patent(session: Session, patentee: User) -> Patent:
    return make_patent(session, patentee)


def _draft(session: Session, patentee: User, patent: Patent, **changes: object) -> Declaration:
    return services.create_draft(session, actor=patentee, patent_id=patent.id or 0,
                                 content=replace(DECLARATION_CONTENT, **changes))


def _submit(session: Session, actor: User, declaration: Declaration) -> None:
    services.submit_declaration(session, actor=actor, declaration_id=declaration.id or 0,
                                policy=POLICY, now=NOW)


def _announce(session: Session, office: User, declaration: Declaration,
              day: dt.date = TODAY) -> Declaration:
    return services.announce_declaration(session, actor=office,
                                         declaration_id=declaration.id or 0, policy=POLICY,
                                         now=at(day))


def _announced(session: Session, patentee: User, office: User, patent: Patent) -> Declaration:
    declaration = _draft(session, patentee, patent)
    _submit(session, patentee, declaration)
    return _announce(session, office, declaration)


# --- Drafting -----------------------------------------------------------------------------------


def test_draft_is_created_audited_and_queued_for_the_index(session: Session, patentee: User,
                                                           patent: Patent) -> None:
    declaration = _draft(session, patentee, patent)
    assert declaration.status is DeclarationStatus.DRAFT
    assert declaration.content() == DECLARATION_CONTENT
    assert declaration.fee_terms == DECLARATION_CONTENT.fee_terms
    assert _actions(session, declaration) == ["declaration.drafted"]
    assert session.exec(select(SearchOutboxEntry).where(
        SearchOutboxEntry.entity_id == patent.id)).first() is not None


@pytest.mark.parametrize("role", [Role.SME, Role.OFFICE, Role.MEDIATOR])
def test_only_patentees_draft(session: Session, patent: Patent, role: Role) -> None:
    with pytest.raises(PermissionDenied):
        _draft(session, make_user(session, role), patent)


def test_another_organisations_patent_cannot_be_declared(session: Session,
                                                          patent: Patent) -> None:
    with pytest.raises(PermissionDenied):
        _draft(session, make_user(session, Role.PATENTEE), patent)
    assert _count(session) == 0


def test_one_open_declaration_per_patent(session: Session, patentee: User,
                                         patent: Patent) -> None:
    _draft(session, patentee, patent)
    with pytest.raises(Conflict, match="already has a declaration"):
        _draft(session, patentee, patent)


def test_a_foreign_patent_cannot_be_declared(session: Session, patentee: User) -> None:
    patent = make_patent(session, patentee, jurisdiction="US")
    with pytest.raises(Conflict, match="not a Chinese patent"):
        _draft(session, patentee, patent)


@pytest.mark.parametrize("changes", [
    {"fee_terms": FeeTerms(FeeMethod.LUMP_SUM, lump_sum_fen=-1)},
    {"fee_terms": FeeTerms(FeeMethod.ROYALTY_SALES, royalty_rate_percent=Decimal(150))},
    {"licence_start": dt.date(2028, 1, 1), "licence_end": dt.date(2027, 1, 1)},
    {"advantages": "长" * 100_000},
    {"know_how": "<script>alert('x')</script>"},
])
def test_bad_input_changes_nothing(session: Session, patentee: User, patent: Patent,
                                   changes: dict[str, object]) -> None:
    with pytest.raises(ValidationFailed) as caught:
        _draft(session, patentee, patent, **changes)
    assert caught.value.errors
    assert _count(session) == 0
    declaration = _draft(session, patentee, patent)
    with pytest.raises(ValidationFailed):
        services.update_draft(session, actor=patentee, declaration_id=declaration.id or 0,
                              content=replace(DECLARATION_CONTENT, **changes))
    session.refresh(declaration)
    assert declaration.content() == DECLARATION_CONTENT


def test_bulk_drafts_share_the_terms(session: Session, patentee: User) -> None:
    patents = [make_patent(session, patentee) for _ in range(3)]
    drafts = services.create_drafts(session, actor=patentee,
                                    patent_ids=[p.id or 0 for p in patents],
                                    content=DECLARATION_CONTENT)
    assert [d.patent_id for d in drafts] == [p.id for p in patents]
    assert {d.fee_terms for d in drafts} == {DECLARATION_CONTENT.fee_terms}


def test_bulk_is_all_or_nothing(session: Session, patentee: User) -> None:
    mine = make_patent(session, patentee)
    theirs = make_patent(session, make_user(session, Role.PATENTEE), title="别人的专利")
    declared = make_patent(session, patentee, title="已声明的专利")
    _draft(session, patentee, declared)
    with pytest.raises(ValidationFailed) as caught:
        services.create_drafts(session, actor=patentee,
                               patent_ids=[mine.id or 0, theirs.id or 0, declared.id or 0],
                               content=DECLARATION_CONTENT)
    problems = caught.value.errors["patent_ids"]
    assert len(problems) == 2
    assert any("别人的专利" in p for p in problems)
    assert any("已声明的专利" in p for p in problems)
    assert _count(session) == 1


# --- Consents -----------------------------------------------------------------------------------


@pytest.fixture()
def co_owned(session: Session, patentee: User) -> tuple[Patent, User]:
    """A patent co-owned with a platform organisation (with a user) and an outside person."""
    partner = make_user(session, Role.PATENTEE)
    partner_org = partner.organisation_id
    patent = make_patent(session, patentee)
    session.add_all([
        CoOwner(patent_id=patent.id or 0, name=_org(session, patentee), share=Decimal(50),
                organisation_id=patentee.organisation_id),
        CoOwner(patent_id=patent.id or 0, name="合作企业", share=Decimal(30),
                organisation_id=partner_org),
        CoOwner(patent_id=patent.id or 0, name="王某", share=Decimal(20)),
    ])
    session.flush()
    return patent, partner


def _org(session: Session, user: User) -> str:
    organisation = session.get(Organisation, user.organisation_id)
    assert organisation is not None
    return organisation.name


def test_consents_are_requested_from_every_other_co_owner(
        session: Session, patentee: User, co_owned: tuple[Patent, User]) -> None:
    patent, partner = co_owned
    declaration = _draft(session, patentee, patent)
    rows = services.consent_rows(session, declaration.id or 0, ConsentPurpose.DECLARE)
    assert [(r.co_owner_name, r.given_at) for r in rows] == [("合作企业", None), ("王某", None)]
    assert [r.row.declaration.id for r in consents.requests_for(session, actor=partner)] == [
        declaration.id]
    assert declaration.display_status(consents_missing=True) == "awaiting_consent"


def test_submission_waits_for_every_consent(session: Session, patentee: User,
                                            co_owned: tuple[Patent, User]) -> None:
    patent, partner = co_owned
    declaration = _draft(session, patentee, patent)
    with pytest.raises(services.PreExaminationFailed) as caught:
        _submit(session, patentee, declaration)
    assert [f.code for f in caught.value.result.refusals] == ["co_owner_consent_missing"] * 2
    consents.give_consent(session, actor=partner, declaration_id=declaration.id or 0,
                          purpose=ConsentPurpose.DECLARE)
    consents.record_written_consent(
        session, actor=patentee, declaration_id=declaration.id or 0,
        purpose=ConsentPurpose.DECLARE, co_owner_name="王某", signatory="王某",
        signed_on=dt.date(2026, 11, 1), today=TODAY)
    _submit(session, patentee, declaration)
    assert declaration.status is DeclarationStatus.SUBMITTED
    rows = services.consent_rows(session, declaration.id or 0, ConsentPurpose.DECLARE)
    assert [(r.method, r.given_by_id) for r in rows] == [
        (ConsentMethod.ON_PLATFORM, partner.id), (ConsentMethod.WRITTEN, patentee.id)]
    assert rows[1].signatory == "王某" and rows[1].signed_on == dt.date(2026, 11, 1)


def test_platform_co_owners_consent_themselves(session: Session, patentee: User,
                                               co_owned: tuple[Patent, User]) -> None:
    patent, _ = co_owned
    declaration = _draft(session, patentee, patent)
    with pytest.raises(ValidationFailed) as caught:
        consents.record_written_consent(
            session, actor=patentee, declaration_id=declaration.id or 0,
            purpose=ConsentPurpose.DECLARE, co_owner_name="合作企业", signatory="某人",
            signed_on=dt.date(2026, 11, 1), today=TODAY)
    assert "consents itself" in caught.value.errors["co_owner_name"][0]


def test_written_consent_is_validated(session: Session, patentee: User,
                                      co_owned: tuple[Patent, User]) -> None:
    patent, _ = co_owned
    declaration = _draft(session, patentee, patent)
    with pytest.raises(ValidationFailed) as caught:
        consents.record_written_consent(
            session, actor=patentee, declaration_id=declaration.id or 0,
            purpose=ConsentPurpose.DECLARE, co_owner_name="不相干的人", signatory="<b>x</b>",
            signed_on=dt.date(2026, 12, 1), today=TODAY)
    assert set(caught.value.errors) == {"co_owner_name", "signatory", "signed_on"}
    assert all(r.given_at is None for r in services.consent_rows(session, declaration.id or 0))


def test_strangers_do_not_even_see_the_draft(session: Session, patentee: User,
                                  co_owned: tuple[Patent, User]) -> None:
    patent, _ = co_owned
    declaration = _draft(session, patentee, patent)
    with pytest.raises(NotFound):
        consents.give_consent(session, actor=make_user(session, Role.PATENTEE),
                              declaration_id=declaration.id or 0,
                              purpose=ConsentPurpose.DECLARE)
    with pytest.raises(NotFound):
        consents.record_written_consent(
            session, actor=make_user(session, Role.PATENTEE), declaration_id=declaration.id or 0,
            purpose=ConsentPurpose.DECLARE, co_owner_name="王某", signatory="王某",
            signed_on=TODAY, today=TODAY)


def test_changing_the_terms_asks_for_consent_again(session: Session, patentee: User,
                                                   co_owned: tuple[Patent, User]) -> None:
    patent, partner = co_owned
    declaration = _draft(session, patentee, patent)
    consents.give_consent(session, actor=partner, declaration_id=declaration.id or 0,
                          purpose=ConsentPurpose.DECLARE)
    with pytest.raises(Conflict):
        consents.give_consent(session, actor=partner, declaration_id=declaration.id or 0,
                              purpose=ConsentPurpose.DECLARE)
    services.update_draft(session, actor=patentee, declaration_id=declaration.id or 0,
                          content=replace(DECLARATION_CONTENT, advantages="能耗降低约25%。"))
    rows = services.consent_rows(session, declaration.id or 0, ConsentPurpose.DECLARE)
    assert all(r.given_at is None for r in rows)
    assert "declaration.consents_reset" in _actions(session, declaration)


# --- Submission and the office ------------------------------------------------------------------


def test_failing_pre_examination_blocks_submission_with_every_reason(
        session: Session, patentee: User, patent: Patent) -> None:
    patent.fee_state = AnnualFeeState.IN_GRACE
    declaration = _draft(session, patentee, patent, advantages="国内最先进",
                         payment_terms="金额面议")
    with pytest.raises(services.PreExaminationFailed) as caught:
        _submit(session, patentee, declaration)
    assert [f.code for f in caught.value.result.refusals] == [
        "annual_fee_in_grace", "fee_vague", "advertising_language"]
    assert set(caught.value.errors) == {"patent", "payment_terms", "advantages"}
    assert declaration.status is DeclarationStatus.DRAFT
    assert declaration.submitted_at is None


def test_dry_run_changes_nothing(session: Session, patentee: User, patent: Patent) -> None:
    declaration = _draft(session, patentee, patent, advantages="国际领先")
    before = _actions(session, declaration)
    result = services.check_declaration(session, actor=patentee,
                                        declaration_id=declaration.id or 0, policy=POLICY,
                                        today=TODAY)
    assert [f.code for f in result.refusals] == ["advertising_language"]
    assert _actions(session, declaration) == before
    assert declaration.pre_examination is None
    with pytest.raises(NotFound):
        services.check_declaration(session, actor=make_user(session, Role.SME),
                                   declaration_id=declaration.id or 0, policy=POLICY)


def test_submission_keeps_the_warnings_for_the_office(session: Session, patentee: User,
                                                      patent: Patent) -> None:
    terms = FeeTerms(FeeMethod.ROYALTY_PROFIT, royalty_rate_percent=Decimal(45))
    declaration = _draft(session, patentee, patent, fee_terms=terms)
    _submit(session, patentee, declaration)
    stored = services.last_pre_examination(declaration)
    assert stored is not None and stored.passed
    assert [f.code for f in stored.warnings] == ["fee_above_cap"]


def test_only_the_declarant_submits(session: Session, patentee: User, patent: Patent) -> None:
    declaration = _draft(session, patentee, patent)
    with pytest.raises(PermissionDenied):
        _submit(session, make_user(session, Role.OFFICE), declaration)


def test_office_queue_and_announcement(session: Session, patentee: User, office: User,
                                       patent: Patent) -> None:
    declaration = _draft(session, patentee, patent)
    _submit(session, patentee, declaration)
    queue = services.office_queue(session, actor=office, page=1, per_page=20)
    assert declaration.id in [r.declaration.id for r in queue.items]
    with pytest.raises(PermissionDenied):
        services.office_queue(session, actor=patentee, page=1, per_page=20)
    with pytest.raises(PermissionDenied):
        _announce(session, patentee, declaration)

    _announce(session, office, declaration)
    assert declaration.status is DeclarationStatus.ANNOUNCED
    assert declaration.announcement_number == "KF-OL-2026-000001"
    assert declaration.announcement_date == TODAY
    assert declaration.snapshot is not None
    assert declaration.snapshot_hash == content_hash(declaration.snapshot)
    assert declaration.snapshot["fee_terms"] == DECLARATION_CONTENT.fee_terms.to_dict()  # type: ignore[union-attr]
    assert declaration.snapshot["patent"] == patent.patent_number
    assert _actions(session, declaration) == [
        "declaration.drafted", "declaration.submitted", "declaration.announced"]


def test_numbers_run_per_year(session: Session, patentee: User, office: User) -> None:
    numbers = []
    for day in (dt.date(2026, 11, 21), dt.date(2026, 12, 1), dt.date(2027, 1, 4)):
        declaration = _draft(session, patentee, make_patent(session, patentee))
        _submit(session, patentee, declaration)
        numbers.append(_announce(session, office, declaration, day).announcement_number)
    assert numbers == ["KF-OL-2026-000001", "KF-OL-2026-000002", "KF-OL-2027-000001"]


def test_announced_terms_never_change(session: Session, patentee: User, office: User,
                                      patent: Patent) -> None:
    declaration = _announced(session, patentee, office, patent)
    with pytest.raises(InvalidStateTransition, match="withdraw"):
        services.update_draft(session, actor=patentee, declaration_id=declaration.id or 0,
                              content=replace(DECLARATION_CONTENT, advantages="改"))
    declaration.lump_sum_fen = 1
    with pytest.raises(FrozenTermsChanged, match="lump_sum_fen"):
        session.flush()
    session.rollback()


def test_announcing_rechecks_the_patent(session: Session, patentee: User, office: User,
                                        patent: Patent) -> None:
    declaration = _draft(session, patentee, patent)
    _submit(session, patentee, declaration)
    patent.legal_status = LegalStatus.LAPSED
    with pytest.raises(services.PreExaminationFailed, match="refuse it"):
        _announce(session, office, declaration)
    assert declaration.status is DeclarationStatus.SUBMITTED


def test_refusal_notice_and_revision(session: Session, patentee: User, office: User,
                                     patent: Patent) -> None:
    declaration = _draft(session, patentee, patent)
    _submit(session, patentee, declaration)
    patent.fee_state = AnnualFeeState.UNPAID
    with pytest.raises(ValidationFailed, match="nothing was changed"):
        services.refuse_declaration(session, actor=office, declaration_id=declaration.id or 0,
                                    policy=POLICY, now=NOW)
    with pytest.raises(ValidationFailed):
        services.refuse_declaration(session, actor=office, declaration_id=declaration.id or 0,
                                    policy=POLICY, finding_codes=["suspended"], now=NOW)
    services.refuse_declaration(session, actor=office, declaration_id=declaration.id or 0,
                                policy=POLICY, finding_codes=["annual_fee_unpaid"],
                                note="请缴纳年费后重新提交。", now=NOW)
    assert declaration.status is DeclarationStatus.REFUSED
    notice = services.refusal_notice(declaration)
    assert notice is not None
    assert [f.code for f in notice.findings] == ["annual_fee_unpaid"]
    assert notice.note == "请缴纳年费后重新提交。"

    patent.fee_state = AnnualFeeState.PAID
    services.update_draft(session, actor=patentee, declaration_id=declaration.id or 0,
                          content=DECLARATION_CONTENT)
    assert declaration.status is DeclarationStatus.DRAFT
    _submit(session, patentee, declaration)
    _announce(session, office, declaration)
    assert _actions(session, declaration) == [
        "declaration.drafted", "declaration.submitted", "declaration.refused",
        "declaration.revised", "declaration.submitted", "declaration.announced"]


# --- Withdrawal ---------------------------------------------------------------------------------


def test_withdrawal_needs_a_reason_and_every_co_owner(
        session: Session, patentee: User, office: User, co_owned: tuple[Patent, User]) -> None:
    patent, partner = co_owned
    declaration = _draft(session, patentee, patent)
    consents.give_consent(session, actor=partner, declaration_id=declaration.id or 0,
                          purpose=ConsentPurpose.DECLARE)
    consents.record_written_consent(
        session, actor=patentee, declaration_id=declaration.id or 0,
        purpose=ConsentPurpose.DECLARE, co_owner_name="王某", signatory="王某",
        signed_on=TODAY, today=TODAY)
    _submit(session, patentee, declaration)
    _announce(session, office, declaration)

    with pytest.raises(ValidationFailed) as caught:
        services.request_withdrawal(session, actor=patentee, declaration_id=declaration.id or 0,
                                    reason=" ")
    assert set(caught.value.errors) == {"reason", "consents"}
    assert declaration.status is DeclarationStatus.ANNOUNCED

    services.request_consents(session, actor=patentee, declaration_id=declaration.id or 0,
                              purpose=ConsentPurpose.WITHDRAW)
    consents.give_consent(session, actor=partner, declaration_id=declaration.id or 0,
                          purpose=ConsentPurpose.WITHDRAW)
    consents.record_written_consent(
        session, actor=patentee, declaration_id=declaration.id or 0,
        purpose=ConsentPurpose.WITHDRAW, co_owner_name="王某", signatory="王某",
        signed_on=TODAY, today=TODAY)
    services.request_withdrawal(session, actor=patentee, declaration_id=declaration.id or 0,
                                reason="该技术已作价入股，不再开放许可。")
    assert declaration.status is DeclarationStatus.WITHDRAWAL_REQUESTED


def test_withdrawal_announced_and_refused(session: Session, patentee: User, office: User,
                                          patent: Patent) -> None:
    declaration = _announced(session, patentee, office, patent)
    services.request_withdrawal(session, actor=patentee, declaration_id=declaration.id or 0,
                                reason="转让专利权")
    with pytest.raises(ValidationFailed):
        services.refuse_withdrawal(session, actor=office, declaration_id=declaration.id or 0,
                                   note="")
    services.refuse_withdrawal(session, actor=office, declaration_id=declaration.id or 0,
                               note="请补充撤回理由的证明材料。")
    assert declaration.status is DeclarationStatus.ANNOUNCED
    assert declaration.withdrawal_refusal_note == "请补充撤回理由的证明材料。"

    services.request_withdrawal(session, actor=patentee, declaration_id=declaration.id or 0,
                                reason="已提交转让合同")
    withdrawn_on = dt.date(2027, 3, 1)
    services.announce_withdrawal(session, actor=office, declaration_id=declaration.id or 0,
                                 now=at(withdrawn_on))
    assert declaration.status is DeclarationStatus.WITHDRAWN
    assert declaration.withdrawal_number == "KF-OLW-2027-000001"
    assert declaration.licensable_on(dt.date(2027, 2, 28))
    assert not declaration.licensable_on(withdrawn_on)
    assert public.licensable_declaration(session, patent_id=patent.id or 0,
                                         day=dt.date(2027, 2, 28)) is declaration
    assert public.licensable_declaration(session, patent_id=patent.id or 0,
                                         day=withdrawn_on) is None
    # A new declaration may follow the withdrawal (D8: withdraw, then declare anew).
    assert _draft(session, patentee, patent).status is DeclarationStatus.DRAFT
    assert _actions(session, declaration)[-4:] == [
        "declaration.withdrawal_requested", "declaration.withdrawal_refused",
        "declaration.withdrawal_requested", "declaration.withdrawal_announced"]


def test_withdrawal_actions_are_the_declarants_and_the_offices(
        session: Session, patentee: User, office: User, patent: Patent) -> None:
    declaration = _announced(session, patentee, office, patent)
    with pytest.raises(PermissionDenied):
        services.request_withdrawal(session, actor=office, declaration_id=declaration.id or 0,
                                    reason="x")
    services.request_withdrawal(session, actor=patentee, declaration_id=declaration.id or 0,
                                reason="x")
    with pytest.raises(PermissionDenied):
        services.announce_withdrawal(session, actor=patentee,
                                     declaration_id=declaration.id or 0)
    with pytest.raises(InvalidStateTransition):
        services.request_withdrawal(session, actor=patentee, declaration_id=declaration.id or 0,
                                    reason="again")


def test_false_materials_flag(session: Session, patentee: User, office: User,
                              patent: Patent) -> None:
    declaration = _announced(session, patentee, office, patent)
    with pytest.raises(PermissionDenied):
        services.flag_false_materials(session, actor=patentee,
                                      declaration_id=declaration.id or 0, flagged_on=TODAY,
                                      note="x")
    with pytest.raises(ValidationFailed):
        services.flag_false_materials(session, actor=office, declaration_id=declaration.id or 0,
                                      flagged_on=TODAY + dt.timedelta(days=1), note="",
                                      today=TODAY)
    services.flag_false_materials(session, actor=office, declaration_id=declaration.id or 0,
                                  flagged_on=TODAY, note="评价报告系伪造。", today=TODAY)
    assert declaration.false_materials_on == TODAY
    assert "declaration.false_materials_flagged" in _actions(session, declaration)
    with pytest.raises(Conflict):
        services.flag_false_materials(session, actor=office, declaration_id=declaration.id or 0,
                                      flagged_on=TODAY, note="again", today=TODAY)


# --- Encumbrance guard (issue item 7) -----------------------------------------------------------


def _licence(kind: EncumbranceKind, end: dt.date | None = None,
             start: dt.date | None = None) -> patent_services.NewEncumbrance:
    return patent_services.NewEncumbrance(kind=kind, start_date=start, end_date=end)


@pytest.mark.parametrize("kind", [EncumbranceKind.EXCLUSIVE_LICENCE,
                                  EncumbranceKind.SOLE_LICENCE])
def test_no_exclusive_licence_while_announced(session: Session, patentee: User, office: User,
                                              patent: Patent, kind: EncumbranceKind) -> None:
    declaration = _announced(session, patentee, office, patent)
    with pytest.raises(Conflict, match=r"Art\. 51"):
        patent_services.add_encumbrance(session, actor=patentee, patent_id=patent.id or 0,
                                        new=_licence(kind))
    # A pledge is not barred; a licence that ended before the announcement is history.
    patent_services.add_encumbrance(session, actor=patentee, patent_id=patent.id or 0,
                                    new=patent_services.NewEncumbrance(
                                        EncumbranceKind.PLEDGE, pledgee_consent=True))
    patent_services.add_encumbrance(session, actor=patentee, patent_id=patent.id or 0,
                                    new=_licence(kind, end=dt.date(2024, 1, 1),
                                                 start=dt.date(2020, 1, 1)))
    services.request_withdrawal(session, actor=patentee, declaration_id=declaration.id or 0,
                                reason="x")
    with pytest.raises(Conflict):  # still announced until the withdrawal is
        patent_services.add_encumbrance(session, actor=patentee, patent_id=patent.id or 0,
                                        new=_licence(kind))
    services.announce_withdrawal(session, actor=office, declaration_id=declaration.id or 0,
                                 now=NOW)
    patent_services.add_encumbrance(session, actor=patentee, patent_id=patent.id or 0,
                                    new=_licence(kind))


def test_a_patent_under_exclusive_licence_cannot_be_declared(session: Session, patentee: User,
                                                              patent: Patent) -> None:
    patent_services.add_encumbrance(
        session, actor=patentee, patent_id=patent.id or 0,
        new=_licence(EncumbranceKind.EXCLUSIVE_LICENCE, start=dt.date(2025, 1, 1),
                     end=dt.date(2030, 1, 1)))
    declaration = _draft(session, patentee, patent)
    with pytest.raises(services.PreExaminationFailed) as caught:
        _submit(session, patentee, declaration)
    assert [f.code for f in caught.value.result.refusals] == ["exclusive_licence_in_force"]


# --- Reading ------------------------------------------------------------------------------------


def test_drafts_are_private(session: Session, patentee: User, office: User,
                            patent: Patent) -> None:
    declaration = _draft(session, patentee, patent)
    sme = make_user(session, Role.SME)
    with pytest.raises(NotFound):
        services.get_declaration(session, actor=sme, declaration_id=declaration.id or 0)
    assert services.get_declaration(session, actor=office,
                                    declaration_id=declaration.id or 0) is declaration
    _submit(session, patentee, declaration)
    _announce(session, office, declaration)
    assert services.get_declaration(session, actor=sme,
                                    declaration_id=declaration.id or 0) is declaration


def test_lists_show_own_declarations_or_all_to_the_office(session: Session, patentee: User,
                                                          office: User, patent: Patent) -> None:
    mine = _draft(session, patentee, patent)
    other = make_user(session, Role.PATENTEE)
    theirs = _draft(session, other, make_patent(session, other))
    own = services.list_declarations(session, actor=patentee, status=None, page=1, per_page=20)
    assert [r.declaration.id for r in own.items] == [mine.id]
    everyone = services.list_declarations(session, actor=office,
                                          status=DeclarationStatus.DRAFT, page=1, per_page=50)
    assert {mine.id, theirs.id} <= {r.declaration.id for r in everyone.items}
    with pytest.raises(PermissionDenied):
        services.list_declarations(session, actor=make_user(session, Role.SME), status=None,
                                   page=1, per_page=20)


def test_public_register_reads(session: Session, patentee: User) -> None:
    org = make_organisation(session, name="浙江农林大学")
    free_patent = make_patent(session, org, ipc_codes=["C02F 3/28"])
    announced = make_declaration(
        session, free_patent, DeclarationStatus.ANNOUNCED,
        content=replace(DECLARATION_CONTENT, fee_terms=FeeTerms(FeeMethod.FREE)))
    withdrawn = make_declaration(session, make_patent(session, org), DeclarationStatus.WITHDRAWN,
                                 announced_on=dt.date(2026, 10, 1))
    make_declaration(session, make_patent(session, org))  # a draft: never public

    everything = public.list_announced(session, filters=public.PublicFilters(), page=1,
                                       per_page=100)
    ids = [r.declaration.id for r in everything.items]
    assert ids.index(announced.id) < ids.index(withdrawn.id)  # newest announcement first
    assert all(r.declaration.status is not DeclarationStatus.DRAFT for r in everything.items)

    def ids_for(**filters: object) -> set[int | None]:
        page = public.list_announced(session, filters=public.PublicFilters(**filters),  # type: ignore[arg-type]
                                     page=1, per_page=100)
        return {r.declaration.id for r in page.items}

    assert ids_for(fee_method=FeeMethod.FREE, organisation_id=org.id) == {announced.id}
    assert ids_for(ipc="C02F", organisation_id=org.id) == {announced.id}
    assert ids_for(q="浙江农林") == {announced.id, withdrawn.id}
    assert ids_for(status=DeclarationStatus.WITHDRAWN, organisation_id=org.id) == {withdrawn.id}
    assert ids_for(date_from=dt.date(2026, 11, 1), organisation_id=org.id) == {announced.id}
    withdrawals = public.list_withdrawals(session, filters=public.PublicFilters(
        organisation_id=org.id), page=1, per_page=10)
    assert [r.declaration.id for r in withdrawals.items] == [withdrawn.id]
    assert [r.declaration.id for r in public.iter_announced(
        session, filters=public.PublicFilters(organisation_id=org.id))] == [
        announced.id, withdrawn.id]

    row = public.get_announced(session, announcement_number=announced.announcement_number or "")
    assert (row.declaration.id, row.patent.id, row.organisation.name) == (
        announced.id, free_patent.id, "浙江农林大学")
    by_withdrawal = public.get_announced(session,
                                         announcement_number=withdrawn.withdrawal_number or "")
    assert by_withdrawal.declaration.id == withdrawn.id
    with pytest.raises(NotFound):
        public.get_announced(session, announcement_number="KF-OL-1999-000001")


def test_declared_fees_feed_the_estimators_distribution(session: Session,
                                                        patentee: User) -> None:
    subclass = "B09Z"  # unused by other tests' factories
    for rate in ("1", "2", "3", "4", "5"):
        patent = make_patent(session, patentee, ipc_codes=[f"{subclass} 1/00"])
        make_declaration(session, patent, DeclarationStatus.ANNOUNCED, content=replace(
            DECLARATION_CONTENT, fee_terms=FeeTerms(FeeMethod.ROYALTY_SALES,
                                                    royalty_rate_percent=Decimal(rate))))
    draft_patent = make_patent(session, patentee, ipc_codes=[f"{subclass} 1/00"])
    make_declaration(session, draft_patent)  # drafts do not count
    terms = services.declared_terms_in_subclass(session, subclass)
    assert sorted(t.royalty_rate_percent for t in terms) == [  # type: ignore[type-var]
        Decimal(v) for v in "12345"]
    (distribution,) = services.fee_distributions_for(session, draft_patent)
    assert distribution.method is FeeMethod.ROYALTY_SALES
    assert distribution.distribution.median == Decimal(3)


def test_estimate_is_stored_with_the_draft(session: Session, patentee: User,
                                           patent: Patent) -> None:
    declaration = _draft(session, patentee, patent)
    inputs = EstimateInput(
        EstimationMethod.INDUSTRY_STATISTICS, licence_years=Decimal(5),
        basis_source="预计被许可人年销售额", annual_net_sales=Decimal("12000000"),
        reference_rate_pct=Decimal(3), rate_source="国家知识产权局2022年许可统计",
        coefficients=(Coefficient("成熟度", Decimal("0.9"), "自行判断：中试阶段"),))
    result = services.store_estimate(session, actor=patentee,
                                     declaration_id=declaration.id or 0, inputs=inputs,
                                     caps=CAPS)
    assert result.annual_fee == Decimal("324000.00")
    stored = services.stored_estimate(declaration)
    assert stored == result
    annual = result.result(FeeMethod.ANNUAL_FIXED).terms
    assert annual is not None
    services.apply_estimated_terms(session, actor=patentee, declaration_id=declaration.id or 0,
                                   terms=annual)
    assert declaration.fee_terms == annual

    with pytest.raises(ValidationFailed) as caught:
        services.store_estimate(session, actor=patentee, declaration_id=declaration.id or 0,
                                inputs=replace(inputs, basis_source="",
                                               annual_net_sales=Decimal(-1)), caps=CAPS)
    assert {"basis_source", "annual_net_sales"} <= set(caught.value.errors)
    assert services.stored_estimate(declaration) == result
