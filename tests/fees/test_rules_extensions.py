"""What the persisted ledger added to the rules: fees settled before the ledger opened, an
owner's eligibility over time, the general-reduction code, translatable reasons."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal as D

import pytest

from marketplace.errors import Message
from marketplace.fees.rules import (
    DeclarationPeriod,
    Eligibility,
    FeePolicy,
    FeeStatus,
    GeneralCode,
    LedgerLine,
    Owner,
    PatentFacts,
    PatentKind,
    Payment,
    ledger,
    schedule,
    settled_through_at_opening,
)

POLICY = FeePolicy()
# Invention filed 2015-03-10, granted 2019-09-20 (patent year 5); year n due 2015-03-10 + n − 1.
FACTS = PatentFacts(kind=PatentKind.INVENTION, filing_date=date(2015, 3, 10),
                    grant_date=date(2019, 9, 20), owners=(Owner("某公司", False),))
ITEMS = schedule(PatentKind.INVENTION, date(2015, 3, 10), date(2019, 9, 20))


def _by_year(facts: PatentFacts, today: date) -> dict[int, LedgerLine]:
    return {line.fee_year: line for line in ledger(facts, today=today, policy=POLICY).lines}


def test_fees_settled_before_the_ledger_do_not_lapse_the_patent() -> None:
    # Without an opening balance a patent with no recorded payments lapses from year 5.
    assert ledger(FACTS, today=date(2026, 11, 21), policy=POLICY).lapsed_on == date(2019, 9, 20)
    facts = replace(FACTS, settled_through=date(2026, 3, 10))
    result = ledger(facts, today=date(2026, 11, 21), policy=POLICY)
    assert result.lapsed_on is None
    statuses = {line.fee_year: line.status for line in result.lines}
    assert all(statuses[y] is FeeStatus.PAID_BEFORE_LEDGER for y in range(5, 13))
    assert statuses[13] is FeeStatus.DUE  # due 2027-03-10, payable from 2026-03-10
    assert result.totals.paid == D("0.00") and result.totals.owed == D("6000.00")


def test_a_payment_recorded_for_a_settled_year_counts() -> None:
    facts = replace(FACTS, settled_through=date(2026, 3, 10),
                           payments=(Payment(12, date(2026, 3, 1), D("4000")),))
    line = ledger(facts, today=date(2026, 11, 21), policy=POLICY).lines[12 - 5]
    assert (line.status, line.paid_amount, line.paid_on) == (
        FeeStatus.PAID, D("4000.00"), date(2026, 3, 1))


@pytest.mark.parametrize(("state", "opened", "expected"), [
    ("paid", date(2026, 11, 21), date(2026, 11, 21)),
    # Year 12 fell due 2026-03-10, before opening: it is the fee in grace; 11 and earlier paid.
    ("in_grace", date(2026, 6, 1), date(2026, 3, 9)),
    ("in_grace", date(2026, 3, 10), date(2025, 3, 9)),  # due on the opening day: not overdue
    # Grace of year 12 ended 2026-09-10: it lapsed the patent; fees before it were paid.
    ("unpaid", date(2026, 11, 21), date(2026, 3, 9)),
    ("unpaid", date(2019, 10, 1), None),  # no grace period has ended yet
])
def test_settled_through_at_opening(state: str, opened: date, expected: date | None) -> None:
    assert settled_through_at_opening(ITEMS, opened, state) == expected  # type: ignore[arg-type]


def test_unpaid_register_state_lapses_from_the_fee_that_was_unpaid() -> None:
    settled = settled_through_at_opening(ITEMS, date(2026, 11, 21), "unpaid")
    facts = replace(FACTS, settled_through=settled)
    assert ledger(facts, today=date(2026, 11, 21), policy=POLICY).lapsed_on == date(2026, 3, 10)


def test_eligibility_change_reaches_only_later_fees() -> None:
    # Eligible (85 % off) until 2026-06-30, then not: year 12 (due 2026-03-10) keeps 4,000 ×
    # 0.15 = 600; year 13 (due 2027-03-10) pays 6,000.
    history = (Eligibility(date(1985, 4, 1), True, "事业单位"),
               Eligibility(date(2026, 7, 1), False))
    facts = replace(FACTS, owners=(Owner("某大学", False, "", history),))
    lines = _by_year(facts, date(2019, 9, 20))
    assert lines[12].payable == D("600.00")
    assert lines[13].payable == D("6000.00")
    assert lines[13].general.code is GeneralCode.NOT_ELIGIBLE
    assert "事业单位" in lines[12].reason.text


def test_owner_without_history_is_eligible_throughout() -> None:
    owner = Owner("某大学", True, "事业单位")
    assert owner.on(date(2000, 1, 1)) is owner


@pytest.mark.parametrize(("owners", "year", "code"), [
    ((Owner("A", True),), 10, GeneralCode.APPLIES),
    ((Owner("A", True),), 15, GeneralCode.OUTSIDE_WINDOW),
    ((Owner("A", True), Owner("B", False)), 10, GeneralCode.NOT_ELIGIBLE),
])
def test_general_code(owners: tuple[Owner, ...], year: int, code: GeneralCode) -> None:
    facts = replace(FACTS, owners=owners)
    line = _by_year(facts, date(2019, 9, 20))[year]
    assert line.general.code is code


def test_reasons_are_translatable_messages() -> None:
    facts = replace(FACTS, declarations=(DeclarationPeriod(date(2025, 6, 1)),),
                           record_dates=(date(2025, 11, 20),))
    reason = ledger(facts, today=date(2019, 9, 20), policy=POLICY).lines[12 - 5].reason
    assert isinstance(reason.message, Message)
    catalogue = {"open-licence amount %(amount)s": "开放许可应缴 %(amount)s"}
    rendered = reason.message.render(lambda text: catalogue.get(text, text))
    assert "开放许可应缴 RMB 3,400.00" in rendered
    assert "open-licence amount RMB 3,400.00" in reason.text
