"""The demo's open-licence declarations: which patent, which state, which terms.

`plan_declarations(world)` is plain data, deterministic, and touches no database;
`load_declarations` (called by `seed.seed_demo`) carries the plan out through the declaration
services, as the patentees and the office would have on the plan's days, so every declaration
has its audit trail, its pre-examination, and (once announced) its number, snapshot and hash.

Every state appears: drafts (one with a royalty estimate), drafts awaiting a co-owner's
consent, submissions waiting for the office, refusals with their notice, announced
declarations, withdrawal requests and announced withdrawals. Fee methods follow the mix of
recorded licences (R6.2: in 2022 about 58 % fixed fees, 4 % running royalties and 38 % free),
with every method of R6.4 present.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Final, Literal

from sqlmodel import Session, select

from marketplace.accounts.models import Role, User
from marketplace.calendar import CHINA
from marketplace.declarations import services
from marketplace.declarations.estimator import EstimateInput, EstimationMethod
from marketplace.declarations.rules import DeclarationContent, MaturityStage, PreExamPolicy
from marketplace.declarations.terms import FeeMethod, FeeTerms, RoyaltyBase
from marketplace.demo.world import DEMO_TODAY, DemoPatent, DemoWorld
from marketplace.fees.rules import PatentKind, patent_term_expiry
from marketplace.patents.models import Patent

DemoState = Literal["draft", "awaiting_consent", "submitted", "refused", "announced",
                    "withdrawal_requested", "withdrawn"]


@dataclass(frozen=True)
class DemoDeclaration:
    """One declaration to load. ``day`` is when it was submitted (and, for states past
    submission, decided); a withdrawal is requested and decided ``withdrawal_day``."""

    application_number: str
    owner_key: str
    state: DemoState
    terms: FeeTerms
    licence_start: date
    licence_end: date
    maturity: MaturityStage
    advantages: str
    know_how: str
    know_how_price_fen: int | None
    payment_terms: str
    day: date
    note: str = ""
    withdrawal_day: date | None = None
    with_estimate: bool = False


# (state, fee terms) in the order they are loaded; announcements run in date order.
_PLAN: Final[tuple[tuple[DemoState, FeeTerms], ...]] = (
    ("announced", FeeTerms(FeeMethod.FREE)),
    ("announced", FeeTerms(FeeMethod.LUMP_SUM, lump_sum_fen=30_000_000)),
    ("withdrawn", FeeTerms(FeeMethod.LUMP_SUM, lump_sum_fen=12_000_000)),
    ("announced", FeeTerms(FeeMethod.ANNUAL_FIXED, annual_fee_fen=5_000_000)),
    ("announced", FeeTerms(FeeMethod.FREE)),
    ("announced", FeeTerms(FeeMethod.ROYALTY_SALES, royalty_rate_percent=Decimal("3.5"),
                           min_annual_fen=2_000_000)),
    ("withdrawn", FeeTerms(FeeMethod.FREE)),
    ("announced", FeeTerms(FeeMethod.LUMP_SUM, lump_sum_fen=80_000_000)),
    ("announced", FeeTerms(FeeMethod.ENTRY_PLUS_ROYALTY, entry_fee_fen=10_000_000,
                           royalty_base=RoyaltyBase.NET_SALES,
                           royalty_rate_percent=Decimal("2"))),
    ("announced", FeeTerms(FeeMethod.FREE)),
    ("announced", FeeTerms(FeeMethod.PER_UNIT, per_unit_fen=1_500)),
    ("announced", FeeTerms(FeeMethod.ANNUAL_FIXED, annual_fee_fen=12_000_000)),
    ("withdrawal_requested", FeeTerms(FeeMethod.LUMP_SUM, lump_sum_fen=20_000_000)),
    ("announced", FeeTerms(FeeMethod.ROYALTY_PROFIT, royalty_rate_percent=Decimal("15"))),
    ("announced", FeeTerms(FeeMethod.FREE)),
    ("announced", FeeTerms(FeeMethod.LUMP_SUM, lump_sum_fen=5_000_000)),
    ("announced", FeeTerms(FeeMethod.ENTRY_PLUS_ROYALTY, entry_fee_fen=5_000_000,
                           royalty_base=RoyaltyBase.UNITS, per_unit_fen=800)),
    ("withdrawal_requested", FeeTerms(FeeMethod.FREE)),
    ("announced", FeeTerms(FeeMethod.LUMP_SUM, lump_sum_fen=45_000_000)),
    ("announced", FeeTerms(FeeMethod.ROYALTY_SALES, royalty_rate_percent=Decimal("5"))),
    ("refused", FeeTerms(FeeMethod.LUMP_SUM, lump_sum_fen=60_000_000)),
    ("refused", FeeTerms(FeeMethod.ROYALTY_SALES, royalty_rate_percent=Decimal("4"))),
    ("refused", FeeTerms(FeeMethod.FREE)),
    ("submitted", FeeTerms(FeeMethod.ANNUAL_FIXED, annual_fee_fen=8_000_000)),
    ("submitted", FeeTerms(FeeMethod.FREE)),
    ("submitted", FeeTerms(FeeMethod.ROYALTY_SALES, royalty_rate_percent=Decimal("25"))),
    ("submitted", FeeTerms(FeeMethod.PER_UNIT, per_unit_fen=300)),
    ("draft", FeeTerms(FeeMethod.LUMP_SUM, lump_sum_fen=25_000_000)),
    ("draft", FeeTerms(FeeMethod.ROYALTY_SALES, royalty_rate_percent=Decimal("3"))),
    ("draft", FeeTerms(FeeMethod.FREE)),
    ("awaiting_consent", FeeTerms(FeeMethod.LUMP_SUM, lump_sum_fen=40_000_000)),
    ("awaiting_consent", FeeTerms(FeeMethod.ANNUAL_FIXED, annual_fee_fen=3_000_000)),
)
_REFUSAL_NOTES: Final = (
    "许可使用费计算依据说明不足，请补充说明收费标准的确定方式后重新提交。",
    "应用领域的描述超出专利保护范围，请按权利要求书修改。",
    "联系人信息无法核实，请提供单位座机或单位邮箱。",
)
_WITHDRAWAL_REASONS: Final = (
    "该专利已作价入股新设公司，不再适宜开放许可。",
    "专利权人拟将该专利转让，经全体专利权人同意撤回开放许可声明。",
)
_MATURITY: Final = tuple(MaturityStage)
_SUPPORT: Final = (
    "提供工艺文件和操作规程，并派技术人员现场指导{n}次。",
    "提供设计图纸和关键参数，远程技术咨询一年，每年不超过{n}次。",
    "提供小试数据和中试放大方案，协助被许可人完成首批样品试制（{n}个工作日）。",
)
_ADVANTAGES: Final = (
    "与现有工艺相比，能耗降低约{n}%，设备占地面积减少约三分之一。",
    "关键部件寿命提高约{n}%，维护周期由每月一次延长至每季度一次。",
    "处理效率提高约{n}%，运行成本降低，适合中小企业改造现有产线。",
)
_FIRST_DAY: Final = date(2025, 9, 1)
_LAST_ANNOUNCEMENT: Final = date(2026, 11, 16)


def _eligible(patent: DemoPatent, *, co_owned: bool) -> bool:
    """Passes pre-examination on the demo's own terms (D3, D4): in force, fee paid, nothing
    registered against it, a favourable report for utility models and designs, and enough
    term left for a licence period."""
    return (
        patent.jurisdiction == "CN"
        and patent.legal_status == "in_force"
        and patent.fee_status == "paid"
        and not patent.encumbrances
        and bool(patent.co_owners) is co_owned
        and (patent.kind == "invention" or patent.evaluation_conclusion == "favourable")
        and _expiry(patent) >= date(2029, 6, 1)
    )


def _expiry(patent: DemoPatent) -> date:
    return patent_term_expiry(PatentKind(patent.kind), patent.filing_date)


def _pick(candidates: list[DemoPatent], count: int) -> list[DemoPatent]:
    """``count`` patents, taking one owner after another so every patentee declares some."""
    by_owner: dict[str, list[DemoPatent]] = {}
    for patent in candidates:
        by_owner.setdefault(patent.owner_key, []).append(patent)
    picked: list[DemoPatent] = []
    while len(picked) < count and any(by_owner.values()):
        for patents in by_owner.values():
            if patents and len(picked) < count:
                picked.append(patents.pop(0))
    return picked


def _day(index: int, total: int) -> date:
    """Submission days spread from September 2025 to mid-November 2026, in plan order."""
    span = (_LAST_ANNOUNCEMENT - _FIRST_DAY).days
    return _FIRST_DAY + timedelta(days=span * index // max(total - 1, 1))


def plan_declarations(world: DemoWorld) -> tuple[DemoDeclaration, ...]:
    """The declarations of the demo world, in the order they are loaded."""
    sole = _pick([p for p in world.patents if _eligible(p, co_owned=False)],
                 sum(1 for state, _ in _PLAN if state != "awaiting_consent"))
    shared = _pick([p for p in world.patents if _eligible(p, co_owned=True)],
                   sum(1 for state, _ in _PLAN if state == "awaiting_consent"))
    plan: list[DemoDeclaration] = []
    refusals = withdrawals = 0
    for index, (state, terms) in enumerate(_PLAN):
        patent = (shared if state == "awaiting_consent" else sole).pop(0)
        day = _day(index, len(_PLAN))
        if state in ("draft", "awaiting_consent", "submitted"):
            day = DEMO_TODAY - timedelta(days=len(_PLAN) - index)
        start = date(day.year + (day.month == 12), day.month % 12 + 1, 1)
        years = 3 + index % 6
        end = min(start.replace(year=start.year + years) - timedelta(days=1), _expiry(patent))
        note, withdrawal_day = "", None
        if state == "refused":
            note = _REFUSAL_NOTES[refusals % len(_REFUSAL_NOTES)]
            refusals += 1
        if state in ("withdrawal_requested", "withdrawn"):
            note = _WITHDRAWAL_REASONS[withdrawals % len(_WITHDRAWAL_REASONS)]
            withdrawals += 1
            withdrawal_day = min(day + timedelta(days=120), DEMO_TODAY - timedelta(days=3))
        n = 10 + (index * 7) % 30
        plan.append(DemoDeclaration(
            application_number=patent.application_number, owner_key=patent.owner_key,
            state=state, terms=terms, licence_start=start, licence_end=end,
            maturity=_MATURITY[index % len(_MATURITY)],
            advantages=_ADVANTAGES[index % len(_ADVANTAGES)].format(n=n),
            know_how=_SUPPORT[index % len(_SUPPORT)].format(n=2 + index % 4),
            know_how_price_fen=(None if terms.method is FeeMethod.FREE
                                else 1_000_000 * (1 + index % 5)),
            payment_terms=("书面通知送达后30日内支付。" if terms.method is not FeeMethod.FREE
                           else "免费许可，被许可人书面通知专利权人即可实施。"),
            day=day, note=note, withdrawal_day=withdrawal_day,
            with_estimate=state == "draft" and index % 2 == 1,
        ))
    return tuple(plan)


def load_declarations(session: Session, world: DemoWorld,
                      patents: Mapping[str | None, Patent]) -> int:
    """Carry out `plan_declarations` through the services; returns how many were made."""
    policy = PreExamPolicy()  # DOMAIN Part A's defaults, as the demo's own settings
    users = {u.email: u for u in session.exec(select(User))}
    office = next(u for u in users.values() if u.role is Role.OFFICE)
    by_number = {p.application_number: p for p in world.patents}
    plan = plan_declarations(world)
    for demo in plan:
        contact = next(u for u in world.users_of(demo.owner_key) if u.role == "patentee")
        actor = users[contact.email]
        source = by_number[demo.application_number]
        content = DeclarationContent(
            fee_terms=demo.terms, payment_terms=demo.payment_terms,
            licence_start=demo.licence_start, licence_end=demo.licence_end,
            application_fields=source.application_fields,
            target_products=source.target_products, maturity_stage=demo.maturity,
            advantages=demo.advantages, know_how=demo.know_how,
            know_how_price_fen=demo.know_how_price_fen, contact_name=contact.display_name,
            contact_email=contact.email)
        patent_id = patents[demo.application_number].id or 0
        number = services.create_draft(session, actor=actor, patent_id=patent_id,
                                       content=content).id or 0
        if demo.with_estimate:
            services.store_estimate(session, actor=actor, declaration_id=number,
                                    caps=policy.caps, inputs=_ESTIMATE)
        if demo.state in ("draft", "awaiting_consent"):
            continue
        at = dt.datetime.combine(demo.day, dt.time(10), CHINA)
        services.submit_declaration(session, actor=actor, declaration_id=number,
                                    policy=policy, now=at)
        if demo.state == "refused":
            services.refuse_declaration(session, actor=office, declaration_id=number,
                                        policy=policy, note=demo.note, now=at)
        elif demo.state != "submitted":
            services.announce_declaration(session, actor=office, declaration_id=number,
                                          policy=policy, now=at)
        if demo.withdrawal_day is not None:
            later = dt.datetime.combine(demo.withdrawal_day, dt.time(10), CHINA)
            services.request_withdrawal(session, actor=actor, declaration_id=number,
                                        reason=demo.note, now=later)
            if demo.state == "withdrawn":
                services.announce_withdrawal(session, actor=office, declaration_id=number,
                                             now=later)
    return len(plan)


_ESTIMATE: Final = EstimateInput(
    EstimationMethod.INDUSTRY_STATISTICS, licence_years=Decimal(5),
    basis_source="被许可人预计年净销售额（企业访谈）", annual_net_sales=Decimal(8_000_000),
    reference_rate_pct=Decimal(3),
    rate_source="国家知识产权局专利实施许可统计（制造业），由专利权人自行选取")
