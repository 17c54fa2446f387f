"""The fee calculator through its API: DOMAIN §4.2's worked examples and hand-computed cases.

Every amount below is worked out by hand in the comments (RMB; the API speaks fen, ×100).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from flask.testing import FlaskClient
from sqlmodel import Session, func, select

from marketplace.audit.models import AuditEvent
from marketplace.fees.models import AnnualFee
from tests.fees.conftest import BASE, CALCULATE, COMPANY, UNIVERSITY, Calc


def fen(rmb: int | float) -> int:
    return round(rmb * 100)


# --- DOMAIN §4.2 --------------------------------------------------------------------------------

# Example B: the university pays the lower of 15 % (general, years 5–14) and 85 % (open licence).
EXAMPLE_B = [  # year, full, general payable, open-licence payable, payable, reduction applied
    (5, 1200, 180, None, 180, "general"),
    (6, 1200, 180, None, 180, "general"),
    (7, 2000, 300, None, 300, "general"),
    (8, 2000, 300, None, 300, "general"),
    (9, 2000, 300, None, 300, "general"),
    (10, 4000, 600, None, 600, "general"),
    (11, 4000, 600, None, 600, "general"),  # due 2025-03-10: before the declaration
    (12, 4000, 600, 3400, 600, "general"),
    (13, 6000, 900, 5100, 900, "general"),
    (14, 6000, 900, 5100, 900, "general"),
    (15, 6000, 6000, 5100, 5100, "open_licence"),  # window (years 5–14) over
    (16, 8000, 8000, 6800, 6800, "open_licence"),
    (17, 8000, 8000, 6800, 6800, "open_licence"),
    (18, 8000, 8000, 6800, 6800, "open_licence"),
    (19, 8000, 8000, 6800, 6800, "open_licence"),
    (20, 8000, 8000, 6800, 6800, "open_licence"),
]


def test_example_b_university(calc: Calc) -> None:
    result = calc()
    assert [line["fee_year"] for line in result["lines"]] == list(range(5, 21))
    for year, full, general, open_licence, pay, kind in EXAMPLE_B:
        line = result["by_year"][year]
        assert (line["full_fen"], line["general_payable_fen"], line["payable_fen"]) == (
            fen(full), fen(general), fen(pay)), year
        assert line["open_licence_payable_fen"] == (
            None if open_licence is None else fen(open_licence)), year
        assert line["reduction_kind"] == kind, year
    year_12 = result["by_year"][12]
    assert year_12["reason"]["code"] == "general_beats_open_licence"
    assert year_12["record_date"] == "2025-11-20"
    assert "事业单位" in year_12["reason"]["text"] and "2025-11-20" in year_12["reason"]["text"]
    # Open licensing saves, over the best alternative, only in years 15–20:
    # (6000 − 5100) + 5 × (8000 − 6800) = 900 + 6000 = 6,900.
    assert result["totals"]["open_licence_savings_fen"] == fen(6900)
    assert result["expiry"] == "2035-03-09"


def test_example_a_full_fee_patentee(calc: Calc) -> None:
    by_year = calc(owners=[COMPANY])["by_year"]
    # Year 11 is due 2025-03-10, before the declaration: 4,000. Year 12: 4,000 × 0.85 = 3,400.
    # Years 13–15: 6,000 × 0.85 = 5,100. Years 16–20: 8,000 × 0.85 = 6,800.
    expected = {11: 4000, 12: 3400, 13: 5100, 14: 5100, 15: 5100,
                **dict.fromkeys(range(16, 21), 6800)}
    assert {y: by_year[y]["payable_fen"] for y in expected} == {
        y: fen(a) for y, a in expected.items()}
    assert by_year[12]["reason"]["code"] == "open_licence_only"
    assert by_year[12]["open_licence_saving_fen"] == fen(600)


# Example C: invention filed 2015-06-01, granted 2019-01-15 (patent year 4); year 12 due
# 2026-06-01, full 4,000; contract recorded 2025-12-01 → 3,400 payable. Years 4–11 paid.
EXAMPLE_C: dict[str, Any] = {
    "filing_date": "2015-06-01", "grant_date": "2019-01-15", "owners": [COMPANY],
    "declarations": [{"announced_on": "2025-01-10"}], "record_dates": ["2025-12-01"],
    "settled_through": "2026-05-31",
}


def test_example_c_literal_reading(calc: Calc) -> None:
    # Paid 2026-08-15: two whole months late. 3,400 + 2 × 5 % × 4,000 = 3,400 + 400 = 3,800.
    line = calc(**EXAMPLE_C, payments=[{"fee_year": 12, "paid_on": "2026-08-15",
                                        "amount_fen": fen(3800)}],
                as_of="2026-08-20")["by_year"][12]
    assert (line["due_date"], line["payable_fen"], line["late_fee_fen"], line["status"]) == (
        "2026-06-01", fen(3400), fen(400), "paid")
    assert line["amount_owed_fen"] == 0


def test_example_c_reduced_base(calc: Calc, settings: Any) -> None:
    # LATE_FEE_BASE=reduced: 3,400 + 2 × 5 % × 3,400 = 3,400 + 340 = 3,740.
    settings(LATE_FEE_BASE="reduced")
    line = calc(**EXAMPLE_C, payments=[{"fee_year": 12, "paid_on": "2026-08-15",
                                        "amount_fen": fen(3740)}],
                as_of="2026-08-20")["by_year"][12]
    assert (line["late_fee_fen"], line["status"], line["amount_owed_fen"]) == (
        fen(340), "paid", 0)


# --- Hand-computed cases ------------------------------------------------------------------------


def test_utility_model_sole_eligible_owner(calc: Calc) -> None:
    # Utility model filed 2020-04-15, granted 2020-12-01 (patent year 1); 10-year term to
    # 2030-04-14. 85 % off years 1–10: 600 → 90, 900 → 135, 1,200 → 180, 2,000 → 300.
    result = calc(kind="utility_model", filing_date="2020-04-15", grant_date="2020-12-01",
                  declarations=[], record_dates=[], as_of="2020-12-01")
    payable = {y: line["payable_fen"] for y, line in result["by_year"].items()}
    assert payable == {1: fen(90), 2: fen(90), 3: fen(90), 4: fen(135), 5: fen(135),
                       6: fen(180), 7: fen(180), 8: fen(180), 9: fen(300), 10: fen(300)}
    assert result["expiry"] == "2030-04-14"
    assert result["by_year"][1]["due_date"] == "2020-12-01"  # grant year: due at grant
    assert result["by_year"][2]["due_date"] == "2021-04-15"
    # Full 600×3 + 900×2 + 1,200×3 + 2,000×2 = 11,200; payable 90×3 + 135×2 + 180×3 + 300×2
    # = 1,680; general reductions 11,200 − 1,680 = 9,520.
    totals = result["totals"]
    assert (totals["full_fen"], totals["payable_fen"], totals["general_reductions_fen"]) == (
        fen(11200), fen(1680), fen(9520))
    # On the grant day, year 1 is due and year 2 already payable (R5.7): 90 + 90 owed.
    assert (result["by_year"][1]["status"], result["by_year"][2]["status"]) == ("due", "due")
    assert totals["owed_fen"] == fen(180)


def test_design_filed_on_cutover_has_fifteen_years(calc: Calc) -> None:
    # Design filed 2021-06-01: 15-year term to 2036-05-31; years 11–15 cost 3,000.
    # Full: 600×3 + 900×2 + 1,200×3 + 2,000×2 + 3,000×5 = 26,200.
    result = calc(kind="design", filing_date="2021-06-01", grant_date="2022-03-01",
                  owners=[COMPANY], declarations=[], record_dates=[], as_of="2022-03-01")
    assert list(result["by_year"]) == list(range(1, 16))
    assert result["by_year"][15]["due_date"] == "2035-06-01"
    assert result["by_year"][11]["full_fen"] == fen(3000)
    assert (result["expiry"], result["totals"]["full_fen"]) == ("2036-05-31", fen(26200))


def test_design_filed_before_cutover_has_ten_years(calc: Calc) -> None:
    # Filed 2021-05-31: 10-year term to 2031-05-30; no years 11–15.
    result = calc(kind="design", filing_date="2021-05-31", grant_date="2021-12-01",
                  owners=[COMPANY], declarations=[], record_dates=[], as_of="2021-12-01")
    assert list(result["by_year"]) == list(range(1, 11))
    assert result["expiry"] == "2031-05-30"


def test_co_owned_design_window_ends_then_open_licence(calc: Calc) -> None:
    # Design filed 2022-01-10, granted 2022-08-01 (year 1), three eligible co-owners: 70 % off
    # years 1–10. Year 10 (due 2031-01-10): 2,000 × 0.30 = 600; the contract recorded
    # 2031-06-01 comes after it. Year 11 (due 2032-01-10): window over, 3,000 × 0.85 = 2,550.
    owners = [UNIVERSITY, {"name": "某研究所", "eligible": True, "basis": "事业单位"},
              {"name": "某小企业", "eligible": True, "basis": "2031"}]
    by_year = calc(kind="design", filing_date="2022-01-10", grant_date="2022-08-01",
                   owners=owners, declarations=[{"announced_on": "2031-01-01"}],
                   record_dates=["2031-06-01"], as_of="2022-08-01")["by_year"]
    assert (by_year[10]["payable_fen"], by_year[10]["general_rate"]) == (fen(600), "0.70")
    assert by_year[10]["open_licence_code"] == "no_recorded_contract"
    assert (by_year[11]["payable_fen"], by_year[11]["reduction_kind"]) == (
        fen(2550), "open_licence")
    assert by_year[11]["general_code"] == "outside_general_window"


def test_co_owned_invention_all_eligible(calc: Calc) -> None:
    # Two eligible owners: 70 % off. Year 12: 4,000 × 0.30 = 1,200 beats 3,400 (never stacked:
    # not 4,000 × 0.30 × 0.85 = 1,020). Year 15, window over: 6,000 × 0.85 = 5,100.
    owners = [UNIVERSITY, {"name": "某大学", "eligible": True, "basis": "事业单位"}]
    by_year = calc(owners=owners)["by_year"]
    assert (by_year[12]["payable_fen"], by_year[12]["reason"]["code"]) == (
        fen(1200), "general_beats_open_licence")
    assert by_year[15]["payable_fen"] == fen(5100)


def test_co_owned_one_owner_not_eligible(calc: Calc) -> None:
    # A co-owner that does not qualify loses the general reduction for all (R4.12).
    # Year 10 (due 2024-03-10): before the policy start, 4,000. Year 12: open licence 3,400.
    by_year = calc(owners=[UNIVERSITY, COMPANY])["by_year"]
    assert by_year[10]["payable_fen"] == fen(4000)
    assert (by_year[12]["payable_fen"], by_year[12]["general_code"]) == (
        fen(3400), "owners_not_all_eligible")
    assert COMPANY["name"] in by_year[12]["reason"]["text"]


def test_general_window_counts_from_late_grant(calc: Calc) -> None:
    # Filed 2012-05-05, granted 2020-06-01: patent year 9 (2020-05-05 .. 2021-05-04), so the
    # university's window is years 9–18. Year 18 (due 2029-05-05): 8,000 × 0.15 = 1,200;
    # year 19 (due 2030-05-05): 8,000 with no declaration.
    by_year = calc(filing_date="2012-05-05", grant_date="2020-06-01", declarations=[],
                   record_dates=[], as_of="2020-06-01")["by_year"]
    assert min(by_year) == 9
    assert (by_year[18]["due_date"], by_year[18]["payable_fen"]) == ("2029-05-05", fen(1200))
    assert (by_year[19]["payable_fen"], by_year[19]["general_code"]) == (
        fen(8000), "outside_general_window")


def test_leap_day_filing_due_dates_and_expiry(calc: Calc) -> None:
    # Filed 2024-02-29: anniversaries fall on 28 Feb in common years. Granted 2026-05-10, in
    # patent year 3 (2026-02-28 .. 2027-02-27): due at grant. Year 4 due 2027-02-28, year 5
    # 2028-02-29, year 6 2029-02-28. Expiry: 2044-02-29 − 1 day = 2044-02-28.
    result = calc(filing_date="2024-02-29", grant_date="2026-05-10", owners=[COMPANY],
                  declarations=[], record_dates=[], as_of="2026-05-10")
    due = {y: line["due_date"] for y, line in result["by_year"].items()}
    assert (due[3], due[4], due[5], due[6]) == (
        "2026-05-10", "2027-02-28", "2028-02-29", "2029-02-28")
    assert result["expiry"] == "2044-02-28"


@pytest.mark.parametrize(("paid_on", "late"), [
    ("2027-03-28", 0),  # the 1st month ends on 28 Mar: 0 months exceeded
    ("2027-03-29", 60),  # one whole month: 5 % × 1,200 = 60
])
def test_leap_day_filing_late_payment(calc: Calc, paid_on: str, late: int) -> None:
    # Same patent; year 4 (full 1,200) due 2027-02-28.
    line = calc(filing_date="2024-02-29", grant_date="2026-05-10", owners=[COMPANY],
                declarations=[], record_dates=[], settled_through="2026-05-10",
                payments=[{"fee_year": 4, "paid_on": paid_on, "amount_fen": fen(1200 + late)}],
                as_of="2027-04-01")["by_year"][4]
    assert (line["status"], line["late_fee_fen"], line["amount_owed_fen"]) == (
        "paid", fen(late), 0)


def test_utility_model_leap_day_expiry(calc: Calc) -> None:
    # Filed 2016-02-29: year 2 due 2017-02-28, year 5 due 2020-02-29; the 10th anniversary is
    # 2026-02-28, so the term ends 2026-02-27.
    result = calc(kind="utility_model", filing_date="2016-02-29", grant_date="2016-11-01",
                  owners=[COMPANY], declarations=[], record_dates=[], as_of="2016-11-01")
    assert result["by_year"][2]["due_date"] == "2017-02-28"
    assert result["by_year"][5]["due_date"] == "2020-02-29"
    assert result["expiry"] == "2026-02-27"


@pytest.mark.parametrize(("record", "year_12", "year_13"), [
    ("2026-03-10", 3400, 5100),  # recorded on year 12's due date: counts (D11 default)
    ("2026-03-11", 4000, 5100),  # the day after: year 12 full, year 13 reduced
])
def test_recordal_on_and_after_the_due_date(calc: Calc, record: str, year_12: int,
                                            year_13: int) -> None:
    by_year = calc(owners=[COMPANY], record_dates=[record])["by_year"]
    assert (by_year[12]["payable_fen"], by_year[13]["payable_fen"]) == (fen(year_12),
                                                                        fen(year_13))


@pytest.mark.parametrize(("withdrawn", "year_13", "year_14", "code_13"), [
    # Withdrawn the day before year 13's due date (2027-03-10): 6,000 from year 13 on.
    ("2027-03-09", 6000, 6000, "declaration_withdrawn"),
    # Withdrawn the day after: year 13 still 5,100; year 14 (2028-03-10) 6,000.
    ("2027-03-11", 5100, 6000, "open_licence_applies"),
])
def test_withdrawal_before_and_after_a_due_date(calc: Calc, withdrawn: str, year_13: int,
                                                year_14: int, code_13: str) -> None:
    by_year = calc(owners=[COMPANY], declarations=[{"announced_on": "2025-06-01",
                                                    "withdrawn_on": withdrawn}])["by_year"]
    assert by_year[12]["payable_fen"] == fen(3400)  # no repayment by default (D14)
    assert by_year[12]["clawback_fen"] == 0
    assert (by_year[13]["payable_fen"], by_year[13]["open_licence_code"]) == (fen(year_13),
                                                                              code_13)
    assert by_year[14]["payable_fen"] == fen(year_14)


def test_declared_again_after_withdrawal(calc: Calc) -> None:
    # Withdrawn 2027-03-11, declared again 2029-01-01: year 14 (2028-03-10) 6,000; year 15
    # (2029-03-10) 6,000 × 0.85 = 5,100 under the new declaration (recordal 2025-11-20).
    by_year = calc(owners=[COMPANY], declarations=[
        {"announced_on": "2025-06-01", "withdrawn_on": "2027-03-11"},
        {"announced_on": "2029-01-01"}])["by_year"]
    assert (by_year[14]["payable_fen"], by_year[15]["payable_fen"]) == (fen(6000), fen(5100))


@pytest.mark.parametrize(("filed", "year_9_due", "year_9"), [
    ("2016-08-06", "2024-08-06", 1700),  # due on the policy start: 2,000 × 0.85
    ("2016-08-05", "2024-08-05", 2000),  # one day before it: full
])
def test_policy_start_boundary(calc: Calc, filed: str, year_9_due: str, year_9: int) -> None:
    line = calc(filing_date=filed, grant_date="2020-01-10", owners=[COMPANY],
                declarations=[{"announced_on": "2024-01-20"}], record_dates=["2024-05-01"],
                as_of="2020-01-10")["by_year"][9]
    assert (line["due_date"], line["payable_fen"]) == (year_9_due, fen(year_9))


# Example C's year 12 (due Monday 2026-06-01, payable 3,400, full 4,000) paid in each month of
# the grace period, which ends on Tuesday 2026-12-01. Late fee: 5 % of 4,000 = 200 per month.
@pytest.mark.parametrize(("paid_on", "late"), [
    ("2026-07-01", 0),  # month 1 not yet exceeded
    ("2026-07-02", 200),  # 1 month
    ("2026-08-02", 400),  # 2
    ("2026-09-02", 600),  # 3
    ("2026-10-02", 800),  # 4
    ("2026-11-02", 1000),  # 5
    ("2026-12-01", 1000),  # last day of grace: still 25 %
])
def test_late_payment_in_each_month_of_grace(calc: Calc, paid_on: str, late: int) -> None:
    line = calc(**EXAMPLE_C, payments=[{"fee_year": 12, "paid_on": paid_on,
                                        "amount_fen": fen(3400 + late)}],
                as_of="2026-12-15")["by_year"][12]
    assert (line["status"], line["late_fee_fen"], line["paid_fen"], line["amount_owed_fen"]) == (
        "paid", fen(late), fen(3400 + late), 0)


def test_short_payment_stays_in_grace(calc: Calc) -> None:
    # 3,400 paid 2026-08-02 does not cover the 400 late fee then due; on 2026-08-20 (two whole
    # months late) 3,400 + 400 − 3,400 = 400 is owed.
    result = calc(**EXAMPLE_C, payments=[{"fee_year": 12, "paid_on": "2026-08-02",
                                          "amount_fen": fen(3400)}], as_of="2026-08-20")
    line = result["by_year"][12]
    assert (line["status"], line["late_fee_fen"], line["amount_owed_fen"]) == (
        "in_grace", fen(400), fen(400))


def test_payment_after_grace_is_refused_and_patent_lapses(calc: Calc) -> None:
    # Paid 2026-12-02, the day after grace ended: not accepted; lapsed from 2026-06-01.
    result = calc(**EXAMPLE_C, payments=[{"fee_year": 12, "paid_on": "2026-12-02",
                                          "amount_fen": fen(4400)}], as_of="2026-12-02")
    assert result["lapsed_on"] == "2026-06-01"
    assert all(result["by_year"][y]["status"] == "lapsed" for y in range(12, 21))
    assert result["by_year"][12]["paid_fen"] == 0
    # Nothing owed; full fees cover years 4–11 only: 1,200×3 + 2,000×3 + 4,000×2 = 17,600.
    assert (result["totals"]["owed_fen"], result["totals"]["full_fen"]) == (0, fen(17600))


def test_grace_end_on_a_weekend_rolls_to_monday(calc: Calc) -> None:
    # Filed 2015-08-31, granted 2019-01-15 (year 4). Year 11 (full 4,000, company) is due Sunday
    # 2025-08-31; six months later is Saturday 2026-02-28, so grace ends Monday 2026-03-02
    # (R2.10). Paid that Monday: 5 months exceeded at most → 25 % = 1,000; accepted.
    line = calc(filing_date="2015-08-31", grant_date="2019-01-15", owners=[COMPANY],
                declarations=[], record_dates=[], settled_through="2025-08-30",
                payments=[{"fee_year": 11, "paid_on": "2026-03-02", "amount_fen": fen(5000)}],
                as_of="2026-03-10")["by_year"][11]
    assert (line["status"], line["late_fee_fen"]) == ("paid", fen(1000))


def test_term_adjustment_year_is_not_reduced(calc: Calc) -> None:
    # Filed 2010-03-01, granted 2014-05-01 (year 5), 400 days of adjustment: expiry
    # 2030-02-28 + 400 days = 2031-04-04, so year 21 (2030-03-01 .. 2031-02-28) is a whole
    # compensated year at 8,000, never reduced (R4.6). Year 20: 8,000 × 0.85 = 6,800.
    result = calc(filing_date="2010-03-01", grant_date="2014-05-01", owners=[COMPANY],
                  term_adjustment_days=400, declarations=[{"announced_on": "2025-01-01"}],
                  record_dates=["2025-02-01"], as_of="2014-05-01")
    by_year = result["by_year"]
    assert result["expiry"] == "2031-04-04"
    assert (by_year[20]["payable_fen"], by_year[21]["payable_fen"]) == (fen(6800), fen(8000))
    assert (by_year[21]["is_compensation"], by_year[21]["due_date"]) == (True, "2030-03-01")
    assert by_year[21]["open_licence_code"] == "compensation_fee_not_reduced"


def test_term_adjustment_and_extension_add_two_years(calc: Calc) -> None:
    # 200 + 531 = 731 days after 2030-02-28 is 2032-02-29: years 21 and 22 are compensated.
    result = calc(filing_date="2010-03-01", grant_date="2014-05-01", owners=[COMPANY],
                  term_adjustment_days=200, term_extension_days=531, declarations=[],
                  record_dates=[], as_of="2014-05-01")
    assert result["expiry"] == "2032-02-29"
    assert [y for y, line in result["by_year"].items() if line["is_compensation"]] == [21, 22]
    assert result["by_year"][22]["full_fen"] == fen(8000)


def test_false_materials_flag_makes_savings_owed(calc: Calc) -> None:
    # Company: years 12 and 13 paid at 3,400 and 5,100. Flag on 2027-06-01: the savings
    # 600 + 900 = 1,500 become owed; year 14 (due 2028-03-10, already payable) is 6,000.
    result = calc(owners=[COMPANY], settled_through="2025-12-31",
                  payments=[{"fee_year": 12, "paid_on": "2026-03-01", "amount_fen": fen(3400)},
                            {"fee_year": 13, "paid_on": "2027-03-01", "amount_fen": fen(5100)}],
                  false_materials_flagged_on="2027-06-01", as_of="2027-06-15")
    by_year = result["by_year"]
    assert (by_year[12]["clawback_fen"], by_year[12]["amount_owed_fen"]) == (fen(600), fen(600))
    assert by_year[13]["clawback"]["code"] == "false_materials_clawback"
    assert (by_year[14]["payable_fen"], by_year[14]["open_licence_code"]) == (
        fen(6000), "false_materials_flagged")
    assert (result["totals"]["clawback_fen"], result["totals"]["owed_fen"]) == (
        fen(1500), fen(7500))


def test_false_materials_flag_claws_back_nothing_the_general_reduction_gave(calc: Calc) -> None:
    # The university used the general reduction in years 12–14, not the open licence: nothing
    # to repay. Year 15 (due 2029-03-10), after the flag: no open-licence reduction, 6,000.
    result = calc(false_materials_flagged_on="2027-06-01")
    assert result["totals"]["clawback_fen"] == 0
    assert result["by_year"][15]["payable_fen"] == fen(6000)


def test_fees_settled_before_are_not_owed(calc: Calc) -> None:
    # Company; fees due up to 2026-03-10 (year 12) taken as paid. On 2026-03-20 year 13
    # (due 2027-03-10) is already payable: 5,100 owed.
    result = calc(owners=[COMPANY], settled_through="2026-03-10", as_of="2026-03-20")
    by_year = result["by_year"]
    assert by_year[12]["status"] == "paid_before_ledger"
    assert (by_year[13]["status"], result["totals"]["owed_fen"]) == ("due", fen(5100))
    assert result["lapsed_on"] is None


# --- Settings (item 8): changing each one changes the result ------------------------------------


def test_setting_open_licence_rate(calc: Calc, settings: Any) -> None:
    settings(OPEN_LICENSE_FEE_REDUCTION=Decimal("0.20"))
    assert calc(owners=[COMPANY])["by_year"][16]["payable_fen"] == fen(6400)  # 8,000 × 0.80


def test_setting_policy_start(calc: Calc, settings: Any) -> None:
    settings(OPEN_LICENSE_FEE_POLICY_START=dt.date(2026, 6, 1))
    by_year = calc(owners=[COMPANY])["by_year"]
    # Year 12 is due 2026-03-10, before the new start: full 4,000; year 13 still 5,100.
    assert (by_year[12]["payable_fen"], by_year[12]["open_licence_code"]) == (
        fen(4000), "before_policy_start")
    assert by_year[13]["payable_fen"] == fen(5100)


def test_setting_record_date_inclusive(calc: Calc, settings: Any) -> None:
    settings(RECORD_DATE_INCLUSIVE=False)
    by_year = calc(owners=[COMPANY], record_dates=["2026-03-10"])["by_year"]
    assert (by_year[12]["payable_fen"], by_year[12]["open_licence_code"]) == (
        fen(4000), "no_recorded_contract")


def test_setting_general_reduction_years(calc: Calc, settings: Any) -> None:
    settings(GENERAL_REDUCTION_YEARS=6)
    by_year = calc()["by_year"]
    # Window years 5–10: year 10 600; year 11 (before the declaration) 4,000; year 12 3,400.
    assert [by_year[y]["payable_fen"] for y in (10, 11, 12)] == [fen(600), fen(4000), fen(3400)]


def test_setting_late_fee_base(calc: Calc, settings: Any) -> None:
    payment = [{"fee_year": 12, "paid_on": "2026-10-02", "amount_fen": fen(5000)}]
    full = calc(**EXAMPLE_C, payments=payment, as_of="2026-12-15")["by_year"][12]
    settings(LATE_FEE_BASE="reduced")
    reduced = calc(**EXAMPLE_C, payments=payment, as_of="2026-12-15")["by_year"][12]
    # Four whole months late: 20 % of 4,000 = 800, or of 3,400 = 680.
    assert (full["late_fee_fen"], reduced["late_fee_fen"]) == (fen(800), fen(680))


def test_setting_withdrawal_repays_reductions(calc: Calc, settings: Any) -> None:
    declarations = [{"announced_on": "2025-06-01", "withdrawn_on": "2027-03-10"}]
    assert calc(owners=[COMPANY], declarations=declarations)["by_year"][12]["clawback_fen"] == 0
    settings(WITHDRAWAL_REPAYS_REDUCTIONS=True)
    line = calc(owners=[COMPANY], declarations=declarations)["by_year"][12]
    assert (line["clawback_fen"], line["clawback"]["code"]) == (fen(600),
                                                               "withdrawal_repayment")


def test_result_states_the_settings_used(calc: Calc, settings: Any) -> None:
    settings(LATE_FEE_BASE="reduced", GENERAL_REDUCTION_YEARS=6)
    policy = calc()["policy"]
    assert (policy["late_fee_base"], policy["general_reduction_years"]) == ("reduced", 6)
    assert policy["open_license_reduction"] == "0.15"


# --- Input validation and the contract ----------------------------------------------------------


@pytest.mark.parametrize(("changes", "field"), [
    ({"grant_date": "2015-03-09"}, "grant_date"),
    ({"kind": "utility_model", "term_adjustment_days": 10}, "term_adjustment_days"),
    ({"grant_date": "2036-01-01"}, "grant_date"),  # after the 20-year term
    ({"owners": []}, "owners"),
    ({"kind": "spaceship"}, "kind"),
    ({"declarations": [{"announced_on": "2025-06-01", "withdrawn_on": "2025-05-01"}]},
     "declarations"),
    ({"payments": [{"fee_year": 4, "paid_on": "2019-09-20", "amount_fen": 100}]}, "payments"),
    ({"payments": [{"fee_year": 5, "paid_on": "2019-09-20", "amount_fen": 0}]}, "payments"),
    ({"filing_date": "1970-01-01"}, "filing_date"),
])
def test_invalid_input_is_refused_by_field(client: FlaskClient, changes: dict[str, Any],
                                           field: str) -> None:
    response = client.post(CALCULATE, json={**BASE, **changes})
    assert response.status_code == 422
    assert response.json["code"] == "unprocessable_entity"
    assert field in response.json["errors"]


def test_calculator_needs_no_login_and_writes_nothing(client: FlaskClient,
                                                      session: Session) -> None:
    def counts() -> tuple[int, int]:
        return (session.exec(select(func.count()).select_from(AnnualFee)).one(),
                session.exec(select(func.count()).select_from(AuditEvent)).one())

    before = counts()
    assert client.post(CALCULATE, json=BASE).status_code == 200
    assert counts() == before


def test_calculator_is_documented_in_openapi(client: FlaskClient) -> None:
    spec = client.get("/api/v1/openapi.json").json
    operation = spec["paths"]["/api/v1/fees/calculate"]["post"]
    body = operation["requestBody"]["content"]["application/json"]
    assert body["example"]["kind"] == "invention"
    schemas = spec["components"]["schemas"]
    assert "description" in schemas["CalculatorIn"]["properties"]["record_dates"]
    assert "reason" in schemas["FeeLineOut"]["properties"]


def test_readme_example_runs(client: FlaskClient) -> None:
    from marketplace.fees.api import CALCULATOR_EXAMPLE

    result = client.post(CALCULATE, json=CALCULATOR_EXAMPLE).json
    by_year = {line["fee_year"]: line for line in result["lines"]}
    # Years 5–11 settled before; year 12 (600) paid 2026-03-01; year 13 (900) payable.
    assert (by_year[11]["status"], by_year[12]["status"], by_year[13]["status"]) == (
        "paid_before_ledger", "paid", "due")
    assert result["totals"]["owed_fen"] == fen(900)
