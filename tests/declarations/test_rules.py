"""Pre-examination (D2–D7), field validation and the declaration's state machine, case by case."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from decimal import Decimal

import pytest

from marketplace.declarations import rules
from marketplace.declarations.estimator import FeeCaps
from marketplace.declarations.rules import (
    ConsentFacts,
    DeclarationContent,
    DeclarationStatus,
    EncumbranceFacts,
    PatentFacts,
    PreExamination,
    PreExamPolicy,
    Severity,
    Transition,
)
from marketplace.declarations.terms import FeeMethod, FeeTerms, RoyaltyBase, content_hash
from marketplace.errors import InvalidStateTransition
from marketplace.fees.rules import PatentKind
from marketplace.patents.models import AnnualFeeState, EncumbranceKind
from marketplace.patents.rules import EvaluationConclusion, LegalStatus
from tests.factories import DECLARATION_CONTENT

DAY = dt.date(2026, 11, 21)
POLICY = PreExamPolicy()

PATENT = PatentFacts(
    jurisdiction="CN", patent_number="ZL202110123456.7", kind=PatentKind.INVENTION,
    legal_status=LegalStatus.IN_FORCE, grant_date=dt.date(2023, 5, 6),
    expiry_date=dt.date(2041, 2, 28), fee_state=AnnualFeeState.PAID,
)
CONTENT = replace(DECLARATION_CONTENT, contact_name="", contact_phone="", contact_email="")


def codes(result: PreExamination) -> list[str]:
    return [f.code for f in result.refusals]


NO_CO_OWNERS = ConsentFacts()


def examine(patent: PatentFacts = PATENT, content: DeclarationContent = CONTENT,
            consents: ConsentFacts = NO_CO_OWNERS, policy: PreExamPolicy = POLICY,
            day: dt.date = DAY) -> PreExamination:
    return rules.pre_examine(patent, content, consents, day, policy)


def test_a_clean_declaration_passes_without_findings() -> None:
    result = examine()
    assert result.passed
    assert result.findings == ()


# --- D3: eligibility ----------------------------------------------------------------------------


@pytest.mark.parametrize(("patent", "code"), [
    (replace(PATENT, jurisdiction="US"), "not_cn_patent"),
    (replace(PATENT, legal_status=LegalStatus.PENDING, grant_date=None), "not_granted"),
    (replace(PATENT, grant_date=dt.date(2026, 12, 1)), "not_granted"),
    (replace(PATENT, legal_status=LegalStatus.LAPSED), "not_in_force"),
    (replace(PATENT, legal_status=LegalStatus.INVALIDATED), "not_in_force"),
    (replace(PATENT, expiry_date=dt.date(2026, 11, 20)), "not_in_force"),
    (replace(PATENT, fee_state=AnnualFeeState.UNPAID), "annual_fee_unpaid"),
    (replace(PATENT, fee_state=AnnualFeeState.IN_GRACE), "annual_fee_in_grace"),
])
def test_each_d3_bar_on_the_patent_is_a_refusal(patent: PatentFacts, code: str) -> None:
    result = examine(patent)
    assert code in codes(result)
    finding = next(f for f in result.refusals if f.code == code)
    assert finding.rule == "D3"
    assert str(finding.action)  # says what to do


@pytest.mark.parametrize(("kind", "code"), [
    (EncumbranceKind.EXCLUSIVE_LICENCE, "exclusive_licence_in_force"),
    (EncumbranceKind.SOLE_LICENCE, "exclusive_licence_in_force"),
    (EncumbranceKind.SUSPENSION, "suspended"),
])
def test_encumbrances_in_force_bar_the_declaration(kind: EncumbranceKind, code: str) -> None:
    encumbrance = EncumbranceFacts(kind, dt.date(2025, 1, 1), dt.date(2028, 1, 1),
                                   reference="X2025980000001")
    result = examine(replace(PATENT, encumbrances=(encumbrance,)))
    assert codes(result) == [code]
    assert "X2025980000001" in str(result.refusals[0].message)


@pytest.mark.parametrize("period", [
    (dt.date(2019, 1, 1), dt.date(2026, 11, 20)),  # ended yesterday
    (dt.date(2026, 11, 22), None),  # starts tomorrow
])
def test_an_exclusive_licence_outside_its_term_does_not_bar(
        period: tuple[dt.date, dt.date | None]) -> None:
    encumbrance = EncumbranceFacts(EncumbranceKind.EXCLUSIVE_LICENCE, *period)
    assert examine(replace(PATENT, encumbrances=(encumbrance,))).passed


def test_a_licence_ending_today_is_still_in_force() -> None:
    encumbrance = EncumbranceFacts(EncumbranceKind.SOLE_LICENCE, dt.date(2020, 1, 1), DAY)
    assert codes(examine(replace(PATENT, encumbrances=(encumbrance,)))) == [
        "exclusive_licence_in_force"]


@pytest.mark.parametrize(("consent", "passes"), [(True, True), (False, False), (None, False)])
def test_a_pledge_needs_the_pledgees_consent(consent: bool | None, passes: bool) -> None:
    pledge = EncumbranceFacts(EncumbranceKind.PLEDGE, dt.date(2025, 6, 1), dt.date(2027, 6, 1),
                              pledgee_consent=consent)
    result = examine(replace(PATENT, encumbrances=(pledge,)))
    assert result.passed is passes
    if not passes:
        assert codes(result) == ["pledged_without_consent"]


def test_the_grace_window_blocks_only_while_the_setting_says_so() -> None:
    in_grace = replace(PATENT, fee_state=AnnualFeeState.IN_GRACE)
    assert codes(examine(in_grace)) == ["annual_fee_in_grace"]
    assert examine(in_grace, policy=replace(POLICY, block_during_fee_grace=False)).passed


# --- D4: evaluation report ----------------------------------------------------------------------


UTILITY = replace(PATENT, kind=PatentKind.UTILITY_MODEL, expiry_date=dt.date(2031, 2, 28),
                  evaluation_report_ref="PE2024000123",
                  evaluation_conclusion=EvaluationConclusion.FAVOURABLE)


@pytest.mark.parametrize(("patent", "code"), [
    (replace(UTILITY, evaluation_report_ref=None, evaluation_conclusion=None),
     "evaluation_report_missing"),
    (replace(UTILITY, kind=PatentKind.DESIGN, evaluation_report_ref=None,
             evaluation_conclusion=None), "evaluation_report_missing"),
    (replace(UTILITY, evaluation_conclusion=EvaluationConclusion.UNFAVOURABLE),
     "evaluation_unfavourable"),
    (replace(UTILITY, evaluation_conclusion=None), "evaluation_conclusion_missing"),
])
def test_utility_models_and_designs_need_a_favourable_report(patent: PatentFacts,
                                                             code: str) -> None:
    content = replace(CONTENT, licence_end=dt.date(2030, 12, 31))
    result = examine(patent, content)
    assert codes(result) == [code]
    assert result.refusals[0].rule == "D4"


def test_favourable_report_passes_and_inventions_need_none() -> None:
    assert examine(UTILITY, replace(CONTENT, licence_end=dt.date(2030, 12, 31))).passed
    assert examine(replace(PATENT, evaluation_report_ref=None)).passed


def test_an_unfavourable_report_passes_when_the_setting_is_off() -> None:
    patent = replace(UTILITY, evaluation_conclusion=EvaluationConclusion.UNFAVOURABLE)
    lenient = replace(POLICY, require_favourable_evaluation=False)
    assert examine(patent, replace(CONTENT, licence_end=dt.date(2030, 12, 31)),
                   policy=lenient).passed
    # The report itself is still required by the Law (Art. 50(1)).
    assert codes(examine(replace(patent, evaluation_report_ref=None),
                         replace(CONTENT, licence_end=dt.date(2030, 12, 31)),
                         policy=lenient)) == ["evaluation_report_missing"]


# --- D2: consents -------------------------------------------------------------------------------


def test_every_missing_co_owner_consent_is_a_refusal() -> None:
    consents = ConsentFacts(required=("北京某公司", "王某"), given=frozenset({"王某"}))
    result = examine(consents=consents)
    assert codes(result) == ["co_owner_consent_missing"]
    assert "北京某公司" in str(result.refusals[0].message)
    assert result.refusals[0].rule == "D2"
    assert examine(consents=replace(consents, given=frozenset({"王某", "北京某公司"}))).passed


def test_co_owners_to_consent_leave_out_the_declarant() -> None:
    co_owners = [rules.CoOwnerFacts("清华大学", 7), rules.CoOwnerFacts("北京某公司", 9),
                 rules.CoOwnerFacts("王某", None)]
    assert [c.name for c in rules.co_owners_to_consent(7, "清华大学", co_owners)] == [
        "北京某公司", "王某"]
    unlinked = [rules.CoOwnerFacts("清华大学", None), rules.CoOwnerFacts("王某", None)]
    assert [c.name for c in rules.co_owners_to_consent(7, "清华大学", unlinked)] == ["王某"]


# --- D5: content --------------------------------------------------------------------------------


def test_no_fee_method_is_a_refusal() -> None:
    result = examine(content=replace(CONTENT, fee_terms=None))
    assert codes(result) == ["fee_method_missing"]
    assert result.refusals[0].field == "fee_method"


@pytest.mark.parametrize(("terms", "fields"), [
    (FeeTerms(FeeMethod.LUMP_SUM), ["lump_sum_fen"]),
    (FeeTerms(FeeMethod.ANNUAL_FIXED), ["annual_fee_fen"]),
    (FeeTerms(FeeMethod.ROYALTY_SALES), ["royalty_rate_percent"]),
    (FeeTerms(FeeMethod.ROYALTY_PROFIT), ["royalty_rate_percent"]),
    (FeeTerms(FeeMethod.PER_UNIT), ["per_unit_fen"]),
    (FeeTerms(FeeMethod.ENTRY_PLUS_ROYALTY),
     ["entry_fee_fen", "royalty_base", "royalty_rate_percent"]),
    (FeeTerms(FeeMethod.ENTRY_PLUS_ROYALTY, entry_fee_fen=100_000,
              royalty_base=RoyaltyBase.UNITS), ["per_unit_fen"]),
])
def test_an_incomplete_fee_standard_names_each_missing_figure(terms: FeeTerms,
                                                             fields: list[str]) -> None:
    result = examine(content=replace(CONTENT, fee_terms=terms))
    assert codes(result) == ["fee_standard_missing"] * len(fields)
    assert [f.field for f in result.refusals] == fields


def test_free_terms_need_no_figure() -> None:
    assert examine(content=replace(CONTENT, fee_terms=FeeTerms(FeeMethod.FREE))).passed


@pytest.mark.parametrize("payment_terms", [
    "许可费面议", "价格可协商确定", "Licence fee negotiable.", "Amount to be agreed",
    "1-5万元", "3%~5%的提成", "10万至50万元", "5万元起", "between 3% and 5% of sales", "TBD",
])
def test_vague_fees_are_refused(payment_terms: str) -> None:
    result = examine(content=replace(CONTENT, payment_terms=payment_terms))
    assert codes(result) == ["fee_vague"]
    assert result.refusals[0].field == "payment_terms"


@pytest.mark.parametrize("payment_terms", [
    "首期于2026-12-31前支付，其余按季度支付。", "第1-3年按合同约定的提成率支付。",
    "Paid within 30 days of the written notice.",
])
def test_exact_payment_terms_are_not_vague(payment_terms: str) -> None:
    assert examine(content=replace(CONTENT, payment_terms=payment_terms)).passed


@pytest.mark.parametrize(("field_name", "text", "term"), [
    ("advantages", "本技术为国内最先进的杀青工艺。", "最先进"),
    ("advantages", "达到国际领先水平", "国际领先"),
    ("advantages", "销量全国第一", "全国第一"),
    ("know_how", "We offer the best support.", "best"),
    ("advantages", "A world-leading process.", "world-leading"),
    ("advantages", "ＢＥＳＴ choice", "best"),
    ("payment_terms", "最低价一次性支付", "最低价"),
])
def test_advertising_language_is_refused_in_each_text(field_name: str, text: str,
                                                      term: str) -> None:
    result = examine(content=replace(CONTENT, **{field_name: text}))
    assert codes(result) == ["advertising_language"]
    finding = result.refusals[0]
    assert (finding.rule, finding.field) == ("D5", field_name)
    assert term in str(finding.message)


def test_advertising_in_list_fields_is_found_per_field() -> None:
    content = replace(CONTENT, application_fields=("茶叶加工", "顶级茶园"),
                      target_products=("世界一流的杀青机",))
    result = examine(content=content)
    assert [(f.code, f.field) for f in result.refusals] == [
        ("advertising_language", "application_fields"),
        ("advertising_language", "target_products")]


@pytest.mark.parametrize("text", [
    "第一电极与第二电极之间设有隔膜。", "求得最优解。", "the leading edge of the blade",
    "bestow", "最高温度为180℃", "唯一标识码", "绝对压力传感器", "the first step",
])
def test_technical_language_is_not_advertising(text: str) -> None:
    assert examine(content=replace(CONTENT, advantages=text)).passed


def test_the_patent_number_must_be_known() -> None:
    assert codes(examine(replace(PATENT, patent_number=None))) == ["patent_number_missing"]


# --- D7: licence period -------------------------------------------------------------------------


@pytest.mark.parametrize(("start", "end", "expected"), [
    (None, dt.date(2030, 1, 1), ["licence_period_missing"]),
    (dt.date(2027, 1, 1), None, ["licence_period_missing"]),
    (dt.date(2027, 1, 1), dt.date(2041, 3, 1), ["licence_end_after_expiry"]),
    (dt.date(2027, 1, 1), dt.date(2026, 12, 31), ["licence_end_before_start"]),
    (dt.date(2020, 1, 1), dt.date(2025, 12, 31), ["licence_period_over"]),
])
def test_licence_period_rules(start: dt.date | None, end: dt.date | None,
                              expected: list[str]) -> None:
    result = examine(content=replace(CONTENT, licence_start=start, licence_end=end))
    assert codes(result) == expected


def test_a_period_ending_on_the_expiry_day_is_allowed() -> None:
    assert examine(content=replace(CONTENT, licence_end=PATENT.expiry_date)).passed


def test_licence_end_from_years_counts_the_start_day() -> None:
    assert rules.licence_end_from_years(dt.date(2027, 1, 1), 5) == dt.date(2031, 12, 31)
    assert rules.licence_end_from_years(dt.date(2028, 2, 29), 1) == dt.date(2029, 2, 27)


# --- D6: caps are warnings ----------------------------------------------------------------------


@pytest.mark.parametrize("terms", [
    FeeTerms(FeeMethod.LUMP_SUM, lump_sum_fen=2_000_000_001),  # RMB 20,000,000.01
    FeeTerms(FeeMethod.ROYALTY_SALES, royalty_rate_percent=Decimal("20.5")),
    FeeTerms(FeeMethod.ROYALTY_PROFIT, royalty_rate_percent=Decimal("45")),
    FeeTerms(FeeMethod.ENTRY_PLUS_ROYALTY, entry_fee_fen=2_500_000_000,
             royalty_base=RoyaltyBase.PROFIT, royalty_rate_percent=Decimal("10")),
])
def test_fees_above_the_caps_warn_but_do_not_refuse(terms: FeeTerms) -> None:
    result = examine(content=replace(CONTENT, fee_terms=terms))
    assert result.passed
    assert [(f.rule, f.severity) for f in result.warnings] == [("D6", Severity.WARNING)]


@pytest.mark.parametrize("terms", [
    FeeTerms(FeeMethod.LUMP_SUM, lump_sum_fen=2_000_000_000),  # exactly RMB 20 M
    FeeTerms(FeeMethod.ROYALTY_SALES, royalty_rate_percent=Decimal("20")),
    FeeTerms(FeeMethod.ROYALTY_PROFIT, royalty_rate_percent=Decimal("40")),
])
def test_fees_at_the_caps_do_not_warn(terms: FeeTerms) -> None:
    assert examine(content=replace(CONTENT, fee_terms=terms)).findings == ()


def test_annual_fees_over_the_period_count_against_the_fixed_cap() -> None:
    # RMB 5 M a year for 5 years = RMB 25 M.
    terms = FeeTerms(FeeMethod.ANNUAL_FIXED, annual_fee_fen=500_000_000)
    assert [f.code for f in examine(content=replace(CONTENT, fee_terms=terms)).warnings] == [
        "fee_above_cap"]


def test_caps_come_from_the_policy() -> None:
    lower = replace(POLICY, caps=FeeCaps(fixed_cny=Decimal(1000), net_sales_pct=Decimal(3),
                                         profit_pct=Decimal(40)))
    assert len(examine(policy=lower).warnings) == 1  # 3.5 % of net sales > 3 %


def test_policy_from_settings() -> None:
    policy = PreExamPolicy.from_settings({
        "BLOCK_DURING_FEE_GRACE": False, "REQUIRE_FAVOURABLE_EVALUATION": True,
        "FEE_CAP_FIXED_CNY": Decimal("100"), "FEE_CAP_NET_SALES_PCT": Decimal("5"),
        "FEE_CAP_PROFIT_PCT": Decimal("10")})
    assert not policy.block_during_fee_grace
    assert policy.caps.net_sales_pct == Decimal(5)


# --- Every failure at once ----------------------------------------------------------------------


def test_every_failure_is_reported_at_once() -> None:
    patent = replace(
        PATENT, legal_status=LegalStatus.LAPSED, fee_state=AnnualFeeState.UNPAID,
        encumbrances=(EncumbranceFacts(EncumbranceKind.PLEDGE, dt.date(2025, 1, 1), None,
                                       pledgee_consent=False),))
    content = replace(CONTENT, fee_terms=FeeTerms(FeeMethod.ROYALTY_PROFIT,
                                                  royalty_rate_percent=Decimal("45")),
                      payment_terms="具体金额面议", advantages="国际领先的工艺",
                      licence_end=dt.date(2042, 1, 1))
    result = examine(patent, content, ConsentFacts(required=("王某",)))
    assert codes(result) == [
        "not_in_force", "pledged_without_consent", "annual_fee_unpaid",
        "co_owner_consent_missing", "fee_vague", "advertising_language",
        "licence_end_after_expiry"]
    assert [f.code for f in result.warnings] == ["fee_above_cap"]
    assert set(result.by_field()) == {"patent", "consents", "payment_terms", "advantages",
                                      "licence_end"}


def test_pre_examination_survives_storage() -> None:
    result = examine(content=replace(CONTENT, advantages="最先进", fee_terms=None))
    again = PreExamination.from_dict(result.to_dict())
    assert again == result
    assert str(again.refusals[1].message) == str(result.refusals[1].message)


# --- Field validation (bad input changes nothing) -----------------------------------------------


@pytest.mark.parametrize(("content", "field_name", "text"), [
    (replace(CONTENT, fee_terms=FeeTerms(FeeMethod.LUMP_SUM, lump_sum_fen=-100)),
     "lump_sum_fen", "negative"),
    (replace(CONTENT, fee_terms=FeeTerms(FeeMethod.LUMP_SUM, lump_sum_fen=0)),
     "lump_sum_fen", "free"),
    (replace(CONTENT, fee_terms=FeeTerms(FeeMethod.ROYALTY_SALES,
                                         royalty_rate_percent=Decimal(150))),
     "royalty_rate_percent", "100 %"),
    (replace(CONTENT, fee_terms=FeeTerms(FeeMethod.ROYALTY_SALES,
                                         royalty_rate_percent=Decimal(0))),
     "royalty_rate_percent", "above 0"),
    (replace(CONTENT, fee_terms=FeeTerms(FeeMethod.ROYALTY_SALES,
                                         royalty_rate_percent=Decimal("3.12345"))),
     "royalty_rate_percent", "decimal places"),
    (replace(CONTENT, fee_terms=FeeTerms(FeeMethod.LUMP_SUM, lump_sum_fen=100,
                                         per_unit_fen=5)),
     "per_unit_fen", "Not part of the fee method"),
    (replace(CONTENT, fee_terms=FeeTerms(FeeMethod.PER_UNIT, per_unit_fen=10**14)),
     "per_unit_fen", "At most"),
    (replace(CONTENT, licence_start=dt.date(2027, 1, 1), licence_end=dt.date(2026, 1, 1)),
     "licence_end", "ends before it starts"),
    (replace(CONTENT, advantages="很" * 100_000), "advantages", "At most 2000 characters"),
    (replace(CONTENT, know_how="<script>alert(1)</script>"), "know_how", "HTML"),
    (replace(CONTENT, advantages='<img src=x onerror="alert(1)">'), "advantages", "HTML"),
    (replace(CONTENT, payment_terms="<b>加粗</b>"), "payment_terms", "HTML"),
    (replace(CONTENT, application_fields=tuple(f"领域{i}" for i in range(11))),
     "application_fields", "At most 10 entries"),
    (replace(CONTENT, target_products=("<a href='javascript:x'>x</a>",)),
     "target_products", "HTML"),
    (replace(CONTENT, know_how="", know_how_price_fen=100), "know_how_price_fen", "Describe"),
    (replace(CONTENT, know_how_price_fen=-1), "know_how_price_fen", "negative"),
    (replace(CONTENT, contact_phone="call me"), "contact_phone", "Digits"),
    (replace(CONTENT, contact_email="not-an-email"), "contact_email", "e-mail"),
])
def test_bad_fields_are_reported_by_field(content: DeclarationContent, field_name: str,
                                          text: str) -> None:
    problems = rules.content_problems(content)
    assert field_name in problems, problems
    assert any(text in str(m) for m in problems[field_name]), problems[field_name]


def test_good_fields_have_no_problems() -> None:
    assert rules.content_problems(CONTENT) == {}
    assert rules.content_problems(replace(CONTENT, advantages="温度<50℃时效果稳定")) == {}


# --- State machine ------------------------------------------------------------------------------

ALLOWED = {
    (DeclarationStatus.DRAFT, Transition.SUBMIT): DeclarationStatus.SUBMITTED,
    (DeclarationStatus.SUBMITTED, Transition.ANNOUNCE): DeclarationStatus.ANNOUNCED,
    (DeclarationStatus.SUBMITTED, Transition.REFUSE): DeclarationStatus.REFUSED,
    (DeclarationStatus.REFUSED, Transition.REVISE): DeclarationStatus.DRAFT,
    (DeclarationStatus.ANNOUNCED, Transition.REQUEST_WITHDRAWAL):
        DeclarationStatus.WITHDRAWAL_REQUESTED,
    (DeclarationStatus.WITHDRAWAL_REQUESTED, Transition.ANNOUNCE_WITHDRAWAL):
        DeclarationStatus.WITHDRAWN,
    (DeclarationStatus.WITHDRAWAL_REQUESTED, Transition.REFUSE_WITHDRAWAL):
        DeclarationStatus.ANNOUNCED,
}
EVERY_PAIR = [(s, t) for s in DeclarationStatus for t in Transition]


@pytest.mark.parametrize(("status", "transition"), list(ALLOWED))
def test_allowed_transitions(status: DeclarationStatus, transition: Transition) -> None:
    assert rules.next_status(status, transition) is ALLOWED[(status, transition)]


@pytest.mark.parametrize(("status", "transition"),
                         [pair for pair in EVERY_PAIR if pair not in ALLOWED])
def test_every_other_transition_is_refused(status: DeclarationStatus,
                                           transition: Transition) -> None:
    with pytest.raises(InvalidStateTransition):
        rules.next_status(status, transition)


def test_the_table_is_exactly_the_documented_machine() -> None:
    assert dict(rules.TRANSITIONS) == ALLOWED
    assert len(EVERY_PAIR) - len(ALLOWED) == 35


def test_withdrawn_is_final() -> None:
    for transition in Transition:
        with pytest.raises(InvalidStateTransition, match="withdrawn"):
            rules.next_status(DeclarationStatus.WITHDRAWN, transition)


# --- When terms bind ----------------------------------------------------------------------------


@dataclass
class Dates:
    announcement_date: dt.date | None = dt.date(2026, 3, 1)
    withdrawal_date: dt.date | None = None
    licence_start: dt.date | None = dt.date(2026, 4, 1)
    licence_end: dt.date | None = dt.date(2030, 3, 31)


@pytest.mark.parametrize(("dates", "day", "in_force", "licensable"), [
    (Dates(), dt.date(2026, 2, 28), False, False),  # before the announcement
    (Dates(), dt.date(2026, 3, 1), True, False),  # announced, licence period not begun
    (Dates(), dt.date(2026, 4, 1), True, True),
    (Dates(), dt.date(2030, 3, 31), True, True),  # last day of the period
    (Dates(), dt.date(2030, 4, 1), True, False),  # period over
    (Dates(withdrawal_date=dt.date(2027, 6, 1)), dt.date(2027, 5, 31), True, True),
    (Dates(withdrawal_date=dt.date(2027, 6, 1)), dt.date(2027, 6, 1), False, False),
    (Dates(announcement_date=None), dt.date(2027, 1, 1), False, False),  # never announced
])
def test_in_force_and_licensable(dates: Dates, day: dt.date, in_force: bool,
                                 licensable: bool) -> None:
    assert rules.in_force_on(dates, day) is in_force
    assert rules.licensable_on(dates, day) is licensable


# --- Snapshot -----------------------------------------------------------------------------------


def _snapshot(content: DeclarationContent = CONTENT) -> dict[str, object]:
    return rules.build_snapshot(
        declaration_id=7, number="KF-OL-2026-000001", announced_on=DAY,
        patent=rules.SnapshotPatent("ZL202110123456.7", "202110123456.7", "一种杀青设备",
                                    PatentKind.INVENTION, ("A23F 3/06",), None,
                                    dt.date(2041, 2, 28)),
        patentees=["测试大学", "王某"], content=content)


def test_snapshot_carries_what_art_85_requires_and_hashes_stably() -> None:
    snapshot = _snapshot()
    assert snapshot["patent"] == "ZL202110123456.7"
    assert snapshot["patentees"] == ["测试大学", "王某"]
    assert snapshot["fee_terms"] == {"method": "royalty_sales", "royalty_rate_percent": "3.5",
                                     "min_annual_fen": 2_000_000}
    assert (snapshot["licence_start"], snapshot["licence_end"]) == ("2027-01-01", "2031-12-31")
    assert content_hash(snapshot) == content_hash(_snapshot())
    changed = replace(CONTENT, fee_terms=FeeTerms(FeeMethod.ROYALTY_SALES,
                                                  royalty_rate_percent=Decimal("3.6")))
    assert content_hash(_snapshot(changed)) != content_hash(snapshot)


def test_incomplete_terms_cannot_be_frozen() -> None:
    with pytest.raises(ValueError, match="complete"):
        _snapshot(replace(CONTENT, fee_terms=None))


def test_announcement_numbers_are_sequential_per_year() -> None:
    assert rules.announcement_number("KF-OL", 2026, 123) == "KF-OL-2026-000123"
    assert rules.announcement_number("KF-OLW", 2027, 1) == "KF-OLW-2027-000001"


@pytest.mark.parametrize(("terms", "fen"), [
    (FeeTerms(FeeMethod.FREE), 0),
    (FeeTerms(FeeMethod.LUMP_SUM, lump_sum_fen=500_000), 500_000),
    (FeeTerms(FeeMethod.ROYALTY_SALES, royalty_rate_percent=Decimal(3)), None),
    (FeeTerms(FeeMethod.ROYALTY_SALES, royalty_rate_percent=Decimal(3),
              min_annual_fen=100_000), 100_000),
    (FeeTerms(FeeMethod.ENTRY_PLUS_ROYALTY, entry_fee_fen=300_000,
              royalty_base=RoyaltyBase.UNITS, per_unit_fen=50), 300_000),
    (None, None),
])
def test_headline_fee(terms: FeeTerms | None, fen: int | None) -> None:
    assert rules.headline_fee_fen(terms) == fen
