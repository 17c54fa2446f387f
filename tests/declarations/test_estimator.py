"""The royalty estimator (DOMAIN R6.1–R6.4, D6) against hand-computed cases: every estimation
method, every payment method, half-up rounding, the fee-cap warnings, input validation, the JSON
round trip, the distribution of declared fees and the rendered partial."""

from __future__ import annotations

import json
from dataclasses import replace
from decimal import Decimal as D

import pytest
from flask import Flask, render_template_string

from marketplace.declarations.estimator import (
    Coefficient,
    Distribution,
    Estimate,
    EstimateInput,
    EstimateInputError,
    EstimationMethod,
    FeeCaps,
    FeePeriod,
    PriorFee,
    ValuationApproach,
    declared_fee_distributions,
    estimate,
    fee_cap_warnings,
    fee_distribution,
    fen,
    money,
    validate_input,
)
from marketplace.declarations.terms import FeeMethod, FeeTerms, RoyaltyBase

CAPS = FeeCaps(fixed_cny=D("20000000"), net_sales_pct=D("20"), profit_pct=D("40"))
M = FeeMethod

# The example of the brief: industry statistics, two coefficients, every optional input given.
INDUSTRY = EstimateInput(
    EstimationMethod.INDUSTRY_STATISTICS,
    licence_years=D("5"),
    basis_source="Sales plan 2026 of the licensee we expect",
    annual_net_sales=D("12000000.00"),
    profit_margin_pct=D("15"),
    annual_units=40_000,
    reference_rate_pct=D("3"),
    rate_source="CNIPA 2022 licence statistics, manufacturing",
    coefficients=(
        Coefficient("maturity", D("0.9"), "our own judgement: pilot production"),
        Coefficient("exclusivity of field", D("1.1"), "no competing patent in the field"),
    ),
    entry_fee_share_pct=D("20"),
)
OWN = EstimateInput(
    EstimationMethod.OWN_EXPLOITATION,
    licence_years=D("10"),
    basis_source="2025 audited accounts",
    annual_net_sales=D("8000000.00"),
    profit_margin_pct=D("20"),
    contribution_share_pct=D("25"),
    coefficients=(Coefficient("non-exclusive", D("0.8"), "open licences are non-exclusive"),),
)
PRIOR = EstimateInput(
    EstimationMethod.PRIOR_LICENCES,
    licence_years=D("4"),
    basis_source="Recorded licence contracts 2021 and 2023",
    annual_units=1_500,
    prior_fees=(PriorFee(D("300000.00"), D("3")), PriorFee(D("250000.00"), D("2"))),
    coefficients=(Coefficient("wider field of use", D("1.2"), "earlier licences were narrower"),),
    entry_fee_share_pct=D("50"),
)
VALUATION = EstimateInput(
    EstimationMethod.ASSET_VALUATION,
    licence_years=D("7"),
    basis_source="Valuation report No. 2025-017",
    annual_net_sales=D("3000000.00"),
    valuation_approach=ValuationApproach.INCOME,
    valuation=D("6000000.00"),
    licence_share_pct=D("5"),
    coefficients=(Coefficient("market risk", D("0.9"), "the appraiser's report"),),
    entry_fee_share_pct=D("25"),
)
INTERNATIONAL = EstimateInput(
    EstimationMethod.INTERNATIONAL_RATE,
    licence_years=D("2.5"),
    basis_source="Distributor's forecast",
    annual_net_sales=D("5000000.00"),
    reference_rate_pct=D("2.5"),
    rate_source="Licensing survey 2024, chemicals",
)


def texts(messages: object) -> list[str]:
    return [str(m) for m in messages]  # type: ignore[attr-defined]


def terms_of(result_estimate: Estimate) -> dict[FeeMethod, FeeTerms | None]:
    return {r.method: r.terms for r in result_estimate.results}


# --- every estimation method, every payment method ---------------------------------------------


def test_industry_statistics_for_every_payment_method() -> None:
    e = estimate(INDUSTRY, CAPS)
    # 12,000,000 × 3 % × 0.9 × 1.1 = 356,400 a year
    assert (e.base, e.rate_pct, e.fee, e.annual_fee) == (
        D("12000000.00"), D("3"), D("356400.00"), D("356400.00"))
    assert e.fee_period is FeePeriod.YEAR
    assert texts(e.steps) == [
        "Calculation base: annual net sales RMB 12,000,000.00",
        "Royalty rate from industry statistics: 3 %",
        "Fee per year = base RMB 12,000,000.00 × rate 3 % × 0.9 (maturity) × 1.1 "
        "(exclusivity of field) = RMB 356,400.00",
    ]
    assert terms_of(e) == {
        M.LUMP_SUM: FeeTerms(M.LUMP_SUM, lump_sum_fen=178_200_000),  # × 5 years
        M.ANNUAL_FIXED: FeeTerms(M.ANNUAL_FIXED, annual_fee_fen=35_640_000),
        # 356,400 / 12,000,000 = 2.97 %
        M.ROYALTY_SALES: FeeTerms(M.ROYALTY_SALES, royalty_rate_percent=D("2.97")),
        # profit 12,000,000 × 15 % = 1,800,000; 356,400 / 1,800,000 = 19.8 %
        M.ROYALTY_PROFIT: FeeTerms(M.ROYALTY_PROFIT, royalty_rate_percent=D("19.80")),
        M.PER_UNIT: FeeTerms(M.PER_UNIT, per_unit_fen=891),  # 356,400 / 40,000 = 8.91
        # entry 1,782,000 × 20 % = 356,400; royalty part 356,400 × 80 % = 285,120 a year,
        # 285,120 / 12,000,000 = 2.376 % → 2.38 %
        M.ENTRY_PLUS_ROYALTY: FeeTerms(M.ENTRY_PLUS_ROYALTY, entry_fee_fen=35_640_000,
                                       royalty_base=RoyaltyBase.NET_SALES,
                                       royalty_rate_percent=D("2.38")),
        M.FREE: FeeTerms(M.FREE),
    }
    assert texts(e.result(M.ENTRY_PLUS_ROYALTY).lines) == [
        "Entry fee = lump sum RMB 1,782,000.00 × 20 % = RMB 356,400.00",
        "Royalty part per year = fee per year RMB 356,400.00 × (100 % − 20 %) = RMB 285,120.00",
        "Royalty on net sales = royalty part RMB 285,120.00 / annual net sales "
        "RMB 12,000,000.00 = 2.38 %",
    ]
    assert str(e.result(M.LUMP_SUM).summary) == "RMB 1,782,000.00 once, for 5 years"
    assert str(e.result(M.ROYALTY_PROFIT).summary) == "19.8 % of profit"
    assert str(e.result(M.FREE).summary) == "free"
    assert e.warnings == ()


def test_own_exploitation_rate_is_margin_times_contribution_share() -> None:
    e = estimate(OWN, CAPS)
    # rate 20 % × 25 % = 5 %; 8,000,000 × 5 % × 0.8 = 320,000 a year
    assert texts(e.steps) == [
        "Calculation base: annual net sales RMB 8,000,000.00",
        "Royalty rate = profit margin 20 % × the patent's contribution share 25 % = 5 %",
        "Fee per year = base RMB 8,000,000.00 × rate 5 % × 0.8 (non-exclusive) = RMB 320,000.00",
    ]
    assert terms_of(e) == {
        M.LUMP_SUM: FeeTerms(M.LUMP_SUM, lump_sum_fen=320_000_000),  # × 10 years
        M.ANNUAL_FIXED: FeeTerms(M.ANNUAL_FIXED, annual_fee_fen=32_000_000),
        M.ROYALTY_SALES: FeeTerms(M.ROYALTY_SALES, royalty_rate_percent=D("4.00")),
        # profit 1,600,000: exactly the 40 % cap, so no warning
        M.ROYALTY_PROFIT: FeeTerms(M.ROYALTY_PROFIT, royalty_rate_percent=D("20.00")),
        M.PER_UNIT: None,
        M.ENTRY_PLUS_ROYALTY: None,
        M.FREE: FeeTerms(M.FREE),
    }
    assert str(e.result(M.PER_UNIT).unavailable) == (
        "Enter the expected units a year to express the fee per unit.")
    assert "entry fee's share" in str(e.result(M.ENTRY_PLUS_ROYALTY).unavailable)
    assert e.warnings == ()


def test_earlier_licence_fees_are_annualised_and_averaged() -> None:
    e = estimate(PRIOR, CAPS)
    # 300,000 / 3 = 100,000; 250,000 / 2 = 125,000; mean 112,500; × 1.2 = 135,000 a year
    assert texts(e.steps) == [
        "Earlier fee 1: RMB 300,000.00 over 3 years = RMB 100,000.00 a year",
        "Earlier fee 2: RMB 250,000.00 over 2 years = RMB 125,000.00 a year",
        "Calculation base: mean of the earlier fees per year (RMB 100,000.00 + RMB 125,000.00) "
        "/ 2 = RMB 112,500.00",
        "Fee per year = base RMB 112,500.00 × 1.2 (wider field of use) = RMB 135,000.00",
    ]
    assert e.rate_pct is None
    assert terms_of(e) == {
        M.LUMP_SUM: FeeTerms(M.LUMP_SUM, lump_sum_fen=54_000_000),  # × 4 years
        M.ANNUAL_FIXED: FeeTerms(M.ANNUAL_FIXED, annual_fee_fen=13_500_000),
        M.ROYALTY_SALES: None,
        M.ROYALTY_PROFIT: None,
        M.PER_UNIT: FeeTerms(M.PER_UNIT, per_unit_fen=9_000),  # / 1,500 units = 90.00
        # entry 540,000 × 50 % = 270,000; royalty 135,000 × 50 % = 67,500 / 1,500 = 45.00
        M.ENTRY_PLUS_ROYALTY: FeeTerms(M.ENTRY_PLUS_ROYALTY, entry_fee_fen=27_000_000,
                                       royalty_base=RoyaltyBase.UNITS, per_unit_fen=4_500),
        M.FREE: FeeTerms(M.FREE),
    }
    assert "net sales" in str(e.result(M.ROYALTY_SALES).unavailable)
    assert "profit margin" in str(e.result(M.ROYALTY_PROFIT).unavailable)


def test_asset_valuation_gives_the_fee_for_the_whole_period() -> None:
    e = estimate(VALUATION, CAPS)
    # 6,000,000 × 5 % × 0.9 = 270,000 for 7 years; 270,000 / 7 = 38,571.428… → 38,571.43
    assert e.fee_period is FeePeriod.TERM
    assert (e.fee, e.annual_fee) == (D("270000.00"), D("38571.43"))
    assert texts(e.steps) == [
        "Calculation base: valuation by the income approach RMB 6,000,000.00",
        "Rate: the licence's share of the value 5 %",
        "Fee for the whole licence period = base RMB 6,000,000.00 × rate 5 % × 0.9 "
        "(market risk) = RMB 270,000.00",
        "Fee per year = RMB 270,000.00 / 7 years = RMB 38,571.43",
    ]
    assert terms_of(e) == {
        # the whole-period fee itself, not 38,571.43 × 7 = 270,000.01
        M.LUMP_SUM: FeeTerms(M.LUMP_SUM, lump_sum_fen=27_000_000),
        M.ANNUAL_FIXED: FeeTerms(M.ANNUAL_FIXED, annual_fee_fen=3_857_143),
        # 38,571.43 / 3,000,000 = 1.2857… % → 1.29 %
        M.ROYALTY_SALES: FeeTerms(M.ROYALTY_SALES, royalty_rate_percent=D("1.29")),
        M.ROYALTY_PROFIT: None,
        M.PER_UNIT: None,
        # entry 270,000 × 25 % = 67,500; royalty 38,571.43 × 75 % = 28,928.5725 → 28,928.57,
        # / 3,000,000 = 0.9643 % → 0.96 %
        M.ENTRY_PLUS_ROYALTY: FeeTerms(M.ENTRY_PLUS_ROYALTY, entry_fee_fen=6_750_000,
                                       royalty_base=RoyaltyBase.NET_SALES,
                                       royalty_rate_percent=D("0.96")),
        M.FREE: FeeTerms(M.FREE),
    }
    assert texts(e.result(M.LUMP_SUM).lines) == [
        "Lump sum = the fee for the whole licence period = RMB 270,000.00"]


def test_international_rate_without_coefficients_and_a_part_year() -> None:
    e = estimate(INTERNATIONAL, CAPS)
    # 5,000,000 × 2.5 % = 125,000 a year; × 2.5 years = 312,500
    assert texts(e.steps) == [
        "Calculation base: annual net sales RMB 5,000,000.00",
        "Royalty rate from international licensing practice: 2.5 %",
        "Fee per year = base RMB 5,000,000.00 × rate 2.5 % = RMB 125,000.00",
    ]
    assert e.result(M.LUMP_SUM).terms == FeeTerms(M.LUMP_SUM, lump_sum_fen=31_250_000)
    assert texts(e.result(M.LUMP_SUM).lines) == [
        "Lump sum = fee per year RMB 125,000.00 × 2.5 years = RMB 312,500.00 (not discounted)"]
    assert e.result(M.ROYALTY_SALES).terms == FeeTerms(M.ROYALTY_SALES,
                                                       royalty_rate_percent=D("2.50"))


# --- rounding ------------------------------------------------------------------------------------


def test_amounts_round_half_up_to_the_fen() -> None:
    one_fee = replace(PRIOR, coefficients=(), entry_fee_share_pct=None, annual_units=None,
                      licence_years=D("3"))
    # 20,000.01 / 2 = 10,000.005 → 10,000.01 (half-even would give 10,000.00)
    e = estimate(replace(one_fee, prior_fees=(PriorFee(D("20000.01"), D("2")),)), CAPS)
    assert e.base == e.fee == D("10000.01")
    assert str(e.steps[1]) == "Calculation base: the earlier fee per year RMB 10,000.01"
    assert e.result(M.LUMP_SUM).terms == FeeTerms(M.LUMP_SUM, lump_sum_fen=3_000_003)
    # 100,000 / 3 = 33,333.33 a year; the lump sum over 3 years shows the lost fen
    e = estimate(replace(one_fee, prior_fees=(PriorFee(D("100000.00"), D("3")),)), CAPS)
    assert e.annual_fee == D("33333.33")
    assert e.result(M.LUMP_SUM).terms == FeeTerms(M.LUMP_SUM, lump_sum_fen=9_999_999)


def test_money_helpers() -> None:
    assert money(D("0.005")) == D("0.01")
    assert money(D("2.675")) == D("2.68")
    assert fen(D("356400")) == 35_640_000
    assert fen(D("0.125")) == 13


def test_earlier_free_licence_gives_a_zero_fee() -> None:
    e = estimate(replace(PRIOR, prior_fees=(PriorFee(D("0"), D("1")),)), CAPS)
    assert e.fee == 0
    assert e.result(M.PER_UNIT).terms == FeeTerms(M.PER_UNIT, per_unit_fen=0)


# --- fee caps (D6): warnings, never refusals -----------------------------------------------------


def test_every_payment_method_above_the_caps_is_warned() -> None:
    high = replace(INDUSTRY, annual_net_sales=D("100000000.00"), profit_margin_pct=D("50"),
                   annual_units=1_000_000, reference_rate_pct=D("25"), coefficients=(),
                   entry_fee_share_pct=D("10"))
    e = estimate(high, CAPS)  # 25,000,000 a year: 125,000,000 over 5 years
    warned = {r.method: texts(r.warnings) for r in e.results}
    assert warned[M.LUMP_SUM] == [
        "A fixed fee of RMB 125,000,000.00 is above RMB 20,000,000.00, the level a fixed fee "
        "should generally not exceed (D6, R6.3): a warning, not a refusal."]
    assert warned[M.ANNUAL_FIXED] == [
        "Annual fees of RMB 25,000,000.00 over 5 years come to RMB 125,000,000.00, above "
        "RMB 20,000,000.00, the level a fixed fee should generally not exceed (D6, R6.3): "
        "a warning, not a refusal."]
    assert warned[M.ROYALTY_SALES] == [
        "A royalty of 25 % of net sales is above 20 %, the level a royalty on net sales should "
        "generally not exceed (D6, R6.3): a warning, not a refusal."]
    assert warned[M.ROYALTY_PROFIT] == [  # profit 50,000,000: 50 %
        "A royalty of 50 % of profit is above 40 %, the level a royalty on profit should "
        "generally not exceed (D6, R6.3): a warning, not a refusal."]
    assert warned[M.PER_UNIT] == [  # 25.00 per unit of 100.00 net sales
        "A fee of RMB 25.00 per unit is 25 % of the net sales per unit (RMB 100.00), above 20 %, "
        "the level a royalty on net sales should generally not exceed (D6, R6.3): "
        "a warning, not a refusal."]
    # entry 12,500,000 stays under the fixed cap; the royalty part 22,500,000 is 22.5 %
    assert warned[M.ENTRY_PLUS_ROYALTY] == [
        "A royalty of 22.5 % of net sales is above 20 %, the level a royalty on net sales "
        "should generally not exceed (D6, R6.3): a warning, not a refusal."]
    assert warned[M.FREE] == []
    assert len(e.warnings) == 6
    assert all(r.terms is not None for r in e.results)  # still estimated


def test_exactly_at_the_caps_is_not_warned() -> None:
    at_caps = replace(INDUSTRY, annual_net_sales=D("1000000.00"), profit_margin_pct=D("50"),
                      reference_rate_pct=D("20"), coefficients=(), annual_units=None,
                      entry_fee_share_pct=None, licence_years=D("1"))
    e = estimate(at_caps, CAPS)  # 20 % of sales, 40 % of profit
    assert e.result(M.ROYALTY_SALES).terms == FeeTerms(M.ROYALTY_SALES,
                                                       royalty_rate_percent=D("20.00"))
    assert e.result(M.ROYALTY_PROFIT).terms == FeeTerms(M.ROYALTY_PROFIT,
                                                        royalty_rate_percent=D("40.00"))
    assert e.warnings == ()


@pytest.mark.parametrize(("terms", "years", "warned"), [
    (FeeTerms(M.LUMP_SUM, lump_sum_fen=2_000_000_000), None, False),
    (FeeTerms(M.LUMP_SUM, lump_sum_fen=2_000_000_001), None, True),
    (FeeTerms(M.ANNUAL_FIXED, annual_fee_fen=500_000_000), None, False),
    (FeeTerms(M.ANNUAL_FIXED, annual_fee_fen=500_000_000), D("4"), False),  # exactly 20 M
    (FeeTerms(M.ANNUAL_FIXED, annual_fee_fen=500_000_000), D("5"), True),
    (FeeTerms(M.ANNUAL_FIXED, annual_fee_fen=2_000_000_001), None, True),
    (FeeTerms(M.ENTRY_PLUS_ROYALTY, entry_fee_fen=2_000_000_001,
              royalty_base=RoyaltyBase.PROFIT, royalty_rate_percent=D("5")), None, True),
    (FeeTerms(M.ENTRY_PLUS_ROYALTY, entry_fee_fen=100,
              royalty_base=RoyaltyBase.PROFIT, royalty_rate_percent=D("40.01")), None, True),
    (FeeTerms(M.ROYALTY_SALES, royalty_rate_percent=D("20.01")), None, True),
    (FeeTerms(M.ROYALTY_PROFIT, royalty_rate_percent=D("20.01")), None, False),
    (FeeTerms(M.PER_UNIT, per_unit_fen=1_000_000), None, False),  # no unit price: no check
    (FeeTerms(M.FREE), D("30"), False),
])
def test_fee_cap_warnings_on_declared_terms(terms: FeeTerms, years: D | None,
                                            warned: bool) -> None:
    assert bool(fee_cap_warnings(terms, CAPS, licence_years=years)) is warned


def test_caps_come_from_the_settings() -> None:
    settings = {"FEE_CAP_FIXED_CNY": D("20000000"), "FEE_CAP_NET_SALES_PCT": D("20"),
                "FEE_CAP_PROFIT_PCT": D("40")}
    assert FeeCaps.from_settings(settings) == CAPS
    lower = FeeCaps.from_settings({**settings, "FEE_CAP_NET_SALES_PCT": D("2")})
    assert estimate(INDUSTRY, lower).result(M.ROYALTY_SALES).warnings  # 2.97 % > 2 %
    with pytest.raises(ValueError, match="negative"):
        FeeCaps(D("-1"), D("20"), D("40"))


# --- notes: the formula is DERIVED, the figures UNCONFIRMED, every source as stated -------------


def test_notes_say_where_every_figure_comes_from() -> None:
    notes = texts(estimate(INDUSTRY, CAPS).notes)
    assert "[DERIVED]" in notes[0] and "UNCONFIRMED" in notes[0]
    assert "《专利开放许可使用费估算指引（试行）》" in notes[0]
    assert notes[1:5] == [
        "Source of the calculation base, as stated: Sales plan 2026 of the licensee we expect",
        "Source of the royalty rate, as stated: CNIPA 2022 licence statistics, manufacturing",
        "Coefficient 0.9 (maturity) is not an official figure; source, as stated: our own "
        "judgement: pilot production",
        "Coefficient 1.1 (exclusivity of field) is not an official figure; source, as stated: "
        "no competing patent in the field",
    ]
    assert "RMB 20,000,000.00" in notes[5] and "warning, not a refusal" in notes[5]


# --- validation ----------------------------------------------------------------------------------


def test_valid_inputs_have_no_problems() -> None:
    for inputs in (INDUSTRY, OWN, PRIOR, VALUATION, INTERNATIONAL):
        assert validate_input(inputs) == {}


@pytest.mark.parametrize(("inputs", "field", "message"), [
    (replace(INDUSTRY, annual_net_sales=D("-1")), "annual_net_sales", "Must not be negative."),
    (replace(INDUSTRY, annual_net_sales=D("0")), "annual_net_sales", "Must be more than 0."),
    (replace(INDUSTRY, annual_net_sales=D("12.345")), "annual_net_sales",
     "Use at most 2 decimal places."),
    (replace(INDUSTRY, annual_net_sales=D("NaN")), "annual_net_sales", "Enter a number."),
    (replace(INDUSTRY, annual_net_sales=D("1000000000000.01")), "annual_net_sales",
     "Must be at most 1,000,000,000,000.00."),
    (replace(INDUSTRY, annual_net_sales=None), "annual_net_sales",
     "Required for this estimation method."),
    (replace(INDUSTRY, reference_rate_pct=D("150")), "reference_rate_pct",
     "Must be more than 0 % and at most 100 %."),
    (replace(INDUSTRY, reference_rate_pct=D("0")), "reference_rate_pct",
     "Must be more than 0 % and at most 100 %."),
    (replace(INDUSTRY, profit_margin_pct=D("-5")), "profit_margin_pct",
     "Must be more than 0 % and at most 100 %."),
    (replace(INDUSTRY, entry_fee_share_pct=D("100")), "entry_fee_share_pct",
     "Must be more than 0 % and less than 100 %."),
    (replace(INDUSTRY, licence_years=D("0")), "licence_years",
     "Must be more than 0 and at most 30 years."),
    (replace(INDUSTRY, licence_years=D("31")), "licence_years",
     "Must be more than 0 and at most 30 years."),
    (replace(INDUSTRY, annual_units=0), "annual_units",
     "Must be a whole number from 1 to 1,000,000,000,000."),
    (replace(INDUSTRY, coefficients=(Coefficient("x", D("0"), "s"),)), "coefficients.0.value",
     "A coefficient must be more than 0 and at most 10."),
    (replace(INDUSTRY, coefficients=(Coefficient("x", D("11"), "s"),)), "coefficients.0.value",
     "A coefficient must be more than 0 and at most 10."),
    (replace(INDUSTRY, coefficients=(Coefficient("x", D("-0.5"), "s"),)),
     "coefficients.0.value", "A coefficient must be more than 0 and at most 10."),
    (replace(INDUSTRY,
             coefficients=tuple(Coefficient("x", D(v), "s") for v in ("10", "10", "1.5"))),
     "coefficients", "The coefficients multiply to 150; the product must be at most 100."),
    (replace(INDUSTRY, coefficients=(Coefficient("x", D("1"), "s"),) * 11), "coefficients",
     "At most 10 coefficients."),
    (replace(INDUSTRY, coefficients=(Coefficient("x", D("1.1"), "   "),)),
     "coefficients.0.source", "Say where this comes from."),
    (replace(INDUSTRY, coefficients=(Coefficient(" ", D("1.1"), "s"),)),
     "coefficients.0.label", "Name the coefficient."),
    (replace(INDUSTRY, coefficients=(Coefficient("x" * 101, D("1.1"), "s"),)),
     "coefficients.0.label", "At most 100 characters."),
    (replace(INDUSTRY, basis_source="  "), "basis_source", "Say where this comes from."),
    (replace(INDUSTRY, rate_source=""), "rate_source", "Say where this comes from."),
    (replace(INDUSTRY, rate_source="x" * 501), "rate_source", "At most 500 characters."),
    (replace(OWN, profit_margin_pct=None), "profit_margin_pct",
     "Required for this estimation method."),
    (replace(OWN, contribution_share_pct=D("0")), "contribution_share_pct",
     "Must be more than 0 % and at most 100 %."),
    (replace(PRIOR, prior_fees=()), "prior_fees", "Required for this estimation method."),
    (replace(PRIOR, prior_fees=(PriorFee(D("1000"), D("0")),)), "prior_fees.0.years",
     "Must be more than 0 and at most 30 years."),
    (replace(PRIOR, prior_fees=(PriorFee(D("1000"), D("1")), PriorFee(D("-1"), D("1")))),
     "prior_fees.1.amount", "Must not be negative."),
    (replace(PRIOR, prior_fees=(PriorFee(D("1000"), D("1")),) * 11), "prior_fees",
     "At most 10 earlier fees."),
    (replace(VALUATION, valuation_approach=None), "valuation_approach",
     "Required for this estimation method."),
    (replace(VALUATION, valuation=D("0")), "valuation", "Must be more than 0."),
    (replace(VALUATION, licence_share_pct=D("101")), "licence_share_pct",
     "Must be more than 0 % and at most 100 %."),
])
def test_bad_input_is_refused_with_the_field_named(inputs: EstimateInput, field: str,
                                                   message: str) -> None:
    assert message in texts(validate_input(inputs).get(field, []))
    with pytest.raises(EstimateInputError) as raised:
        estimate(inputs, CAPS)
    assert isinstance(raised.value, ValueError)
    assert message in raised.value.errors[field]


def test_every_problem_is_reported_at_once() -> None:
    bad = replace(OWN, licence_years=D("0"), basis_source="", annual_net_sales=D("-1"),
                  contribution_share_pct=None,
                  coefficients=(Coefficient("", D("0"), ""),))
    assert set(validate_input(bad)) == {
        "licence_years", "basis_source", "annual_net_sales", "contribution_share_pct",
        "coefficients.0.label", "coefficients.0.value", "coefficients.0.source",
    }


def test_fields_of_other_methods_are_ignored_and_dropped() -> None:
    mixed = replace(INDUSTRY, valuation=D("-1"), contribution_share_pct=D("500"),
                    prior_fees=(PriorFee(D("1"), D("0")),), basis_source="  padded  ")
    assert validate_input(mixed) == {}
    e = estimate(mixed, CAPS)
    assert (e.inputs.valuation, e.inputs.contribution_share_pct, e.inputs.prior_fees) == (
        None, None, ())
    assert e.inputs.basis_source == "padded"
    assert estimate(mixed, CAPS).result(M.LUMP_SUM) == estimate(INDUSTRY, CAPS).result(M.LUMP_SUM)


# --- stored as JSON ------------------------------------------------------------------------------


@pytest.mark.parametrize("inputs", [INDUSTRY, OWN, PRIOR, VALUATION, INTERNATIONAL])
def test_estimate_round_trips_through_json(inputs: EstimateInput) -> None:
    e = estimate(inputs, CAPS)
    stored = json.loads(json.dumps(e.to_dict()))  # plain JSON types only
    assert Estimate.from_dict(stored) == e


def test_stored_shape() -> None:
    stored = estimate(INDUSTRY, CAPS).to_dict()
    assert stored["format"] == 1
    assert stored["inputs"]["method"] == "industry_statistics"
    assert stored["inputs"]["annual_net_sales"] == "12000000.00"
    assert stored["inputs"]["coefficients"][0] == {
        "label": "maturity", "value": "0.9", "source": "our own judgement: pilot production"}
    assert "valuation" not in stored["inputs"]
    assert stored["caps"] == {"fixed_cny": "20000000", "net_sales_pct": "20",
                              "profit_pct": "40"}
    assert (stored["fee"], stored["fee_period"], stored["annual_fee"]) == (
        "356400.00", "year", "356400.00")
    assert stored["results"][0]["terms"] == {"method": "lump_sum", "lump_sum_fen": 178_200_000}
    assert stored["results"][0]["summary"] == {
        "template": "%(amount)s once, for %(years)s years",
        "params": {"amount": {"fen": 178_200_000}, "years": "5"}}


@pytest.mark.parametrize("change", [
    {"format": 2},
    {"surprise": 1},
    {"fee": "a lot"},
    {"inputs": {"method": "guesswork", "licence_years": "5", "basis_source": "x"}},
    {"inputs": {"method": "prior_licences", "licence_years": "5", "basis_source": "x",
                "prior_fees": [{"amount": "1"}]}},
    {"inputs": {"method": "prior_licences", "licence_years": "5", "basis_source": "x",
                "colour": "blue"}},
])
def test_malformed_stored_estimates_are_refused(change: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        Estimate.from_dict({**estimate(PRIOR, CAPS).to_dict(), **change})


# --- fees already declared for the IPC subclass --------------------------------------------------


def test_distribution_of_an_odd_count() -> None:
    amounts = [D(v) for v in ("90", "10", "50", "30", "70", "20", "80", "40", "60")]
    # sorted 10…90; inclusive quartiles at positions 2, 4, 6 of 0…8
    assert fee_distribution(amounts) == Distribution(9, D("10"), D("30"), D("50"), D("70"),
                                                     D("90"))


def test_distribution_of_an_even_count_interpolates() -> None:
    amounts = [D(v) for v in ("60000", "10000", "50000", "20000", "40000", "30000")]
    # positions 1.25, 2.5, 3.75 of 0…5: 20,000 + 0.25 × 10,000 = 22,500; median 35,000 (mean
    # of 30,000 and 40,000); 40,000 + 0.75 × 10,000 = 47,500
    assert fee_distribution(amounts) == Distribution(
        6, D("10000"), D("22500.00"), D("35000.00"), D("47500.00"), D("60000"))


def test_distribution_quartiles_round_half_up() -> None:
    # positions 1.25 and 3.75 between 0.01 and 0.02: 0.0125 → 0.01 and 0.0175 → 0.02
    cents = [D("0.00"), D("0.01"), D("0.01"), D("0.01"), D("0.02"), D("0.02")]
    d = fee_distribution(cents)
    assert d is not None
    assert (d.lower_quartile, d.median, d.upper_quartile) == (D("0.01"), D("0.01"), D("0.02"))


def test_too_few_points_give_no_distribution() -> None:
    four = [D("1"), D("2"), D("3"), D("4")]
    assert fee_distribution(four) is None
    assert fee_distribution([]) is None
    assert fee_distribution(four, min_points=3) == Distribution(4, D("1"), D("1.75"), D("2.50"),
                                                                D("3.25"), D("4"))
    assert fee_distribution([D("7")], min_points=1) == Distribution(
        1, D("7"), D("7.00"), D("7.00"), D("7.00"), D("7"))
    with pytest.raises(ValueError):
        fee_distribution(four, min_points=0)


def test_declared_fees_are_compared_within_one_payment_method() -> None:
    declared = [
        *(FeeTerms(M.LUMP_SUM, lump_sum_fen=fen_) for fen_ in (100_000, 200_000, 300_000,
                                                                 400_000, 500_000)),
        FeeTerms(M.ROYALTY_SALES, royalty_rate_percent=D("3")),
        FeeTerms(M.ROYALTY_SALES, royalty_rate_percent=D("5")),
        FeeTerms(M.ENTRY_PLUS_ROYALTY, entry_fee_fen=1_000, royalty_base=RoyaltyBase.UNITS,
                 per_unit_fen=10),
        FeeTerms(M.ENTRY_PLUS_ROYALTY, entry_fee_fen=3_000, royalty_base=RoyaltyBase.UNITS,
                 per_unit_fen=10),
        *(FeeTerms(M.FREE) for _ in range(6)),
    ]
    (lump,) = declared_fee_distributions(declared)
    assert (lump.method, lump.in_percent) == (M.LUMP_SUM, False)
    assert lump.distribution == Distribution(5, D("1000"), D("2000.00"), D("3000.00"),
                                             D("4000.00"), D("5000"))
    _, sales, entry = declared_fee_distributions(declared, min_points=2)
    assert (sales.method, sales.in_percent, sales.distribution.median) == (
        M.ROYALTY_SALES, True, D("4.00"))
    assert (entry.method, entry.distribution.median) == (M.ENTRY_PLUS_ROYALTY, D("20.00"))
    assert declared_fee_distributions(declared[5:]) == ()


# --- the partial ---------------------------------------------------------------------------------

PAGE = ('{% from "declarations/_estimate.html" import render_estimate %}'
        "{{ render_estimate(estimate, distributions=distributions, ipc_subclass='H01M') }}")


def render(app: Flask, e: Estimate, distributions: object = None) -> str:
    with app.test_request_context(headers={"Accept-Language": "en"}):
        return render_template_string(PAGE, estimate=e, distributions=distributions)


def test_partial_shows_inputs_arithmetic_results_and_notes(app: Flask) -> None:
    html = render(app, estimate(INDUSTRY, CAPS))
    assert ("Fee per year = base RMB 12,000,000 × rate 3 % × 0.9 (maturity) × 1.1 "
            "(exclusivity of field) = RMB 356,400") in html
    assert "<dd>RMB 12,000,000</dd>" in html  # the input, as people write money
    assert "CNIPA 2022 licence statistics, manufacturing" in html
    assert "our own judgement: pilot production" in html
    assert "RMB 1,782,000 once, for 5 years" in html
    assert "2.38 % of net sales" in html
    assert "UNCONFIRMED" in html
    assert "Fees already declared" not in html  # no distribution given


def test_partial_shows_why_a_method_is_unavailable_and_the_warnings(app: Flask) -> None:
    html = render(app, estimate(PRIOR, CAPS))
    assert "Enter the expected annual net sales to express the fee as a royalty" in html
    high = replace(INDUSTRY, reference_rate_pct=D("30"), coefficients=())
    html = render(app, estimate(high, CAPS))
    assert "A royalty of 30 % of net sales is above 20 %" in html


def test_partial_escapes_the_users_text(app: Flask) -> None:
    hostile = replace(INDUSTRY, basis_source="<b>bold</b>", coefficients=(
        Coefficient("<script>alert(1)</script>", D("1.1"), "<img src=x onerror=alert(2)>"),))
    html = render(app, estimate(hostile, CAPS))
    assert "<script>" not in html and "<img" not in html and "<b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(2)&gt;" in html


def test_partial_shows_the_distribution_or_not_enough_data(app: Flask) -> None:
    e = estimate(INDUSTRY, CAPS)
    assert "Not enough data yet: fewer than 5 fees" in render(app, e, ())
    declared = [FeeTerms(M.ROYALTY_SALES, royalty_rate_percent=D(v))
                for v in ("1", "2", "3", "4", "5")]
    html = render(app, e, declared_fee_distributions(declared))
    assert "Fees already declared for IPC subclass H01M" in html
    assert "<td>3 %</td>" in html  # the median rate
