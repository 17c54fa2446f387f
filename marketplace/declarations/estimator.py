"""Royalty estimator: an open-licence fee worked out in visible steps (DOMAIN R6.1–R6.4, D6).

It follows the operational steps of CNIPA's 《专利开放许可使用费估算指引（试行）》 (R6.1, part III):
choose an estimation method (part II), determine the calculation base (计算基数), set adjustment
coefficients (调整系数), then fix the fee for each payment method (R6.4). The guideline's own
formulas, coefficients and industry rates are UNCONFIRMED (R6.1, R6.2, OQ-9), so the only
formula is the generic [DERIVED] one::

    fee = base × royalty rate × Π adjustment coefficients

and every rate and coefficient is the user's, kept with the source the user states. Nothing
here is an official figure.

Pure: no Flask, no database, no settings module. The D6 caps arrive as `FeeCaps`.

Shapes
------
* ``estimate(inputs, caps) -> Estimate``. Bad inputs raise `EstimateInputError` (a
  `ValueError`) carrying every problem at once in ``details``: a mapping from input field to
  `Message` objects. Fields of rows are dotted: ``"coefficients.0.source"``,
  ``"prior_fees.1.years"``. `validate_input` returns the same mapping without raising.
* Money is ``Decimal`` yuan rounded half-up to the fen (`money`) at every step shown, so each
  line can be checked by hand; `fen` converts to integer fen. Each payment method's result holds
  its `FeeTerms` (fen and percentages), ready to fill the declaration's fee fields.
* Every arithmetic step, summary, warning and note is a `Message` (translatable template and
  formatted values, amounts as `Amount`s); the web layer renders them with the ``tmsg`` filter.
* ``Estimate.to_dict()`` is plain JSON (decimals as strings, messages as ``{template,
  params}``, an amount in them as ``{"fen": …}``); ``Estimate.from_dict()`` restores the
  estimate exactly as it was computed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, fields, replace
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation, localcontext
from enum import StrEnum
from typing import Any

from marketplace.declarations.terms import FeeMethod, FeeTerms, RoyaltyBase
from marketplace.errors import N_, Amount, Message, MessageError

__all__ = [
    "DEFAULT_MIN_POINTS",
    "Coefficient",
    "Distribution",
    "Estimate",
    "EstimateInput",
    "EstimateInputError",
    "EstimationMethod",
    "FeeCaps",
    "FeeDistribution",
    "FeePeriod",
    "MethodResult",
    "PriorFee",
    "ValuationApproach",
    "declared_fee_distributions",
    "estimate",
    "fee_cap_warnings",
    "fee_distribution",
    "fen",
    "money",
    "validate_input",
]

FORMAT_VERSION = 1  # of Estimate.to_dict(); from_dict refuses any other
CENT = Decimal("0.01")
RATE_QUANTUM = Decimal("0.01")  # derived royalty rates, in percent
HUNDRED = Decimal(100)
# Input bounds: not legal rules but plausibility limits that keep every figure inside a bigint
# of fen: amounts up to RMB 1 trillion, at most 30 years (20-year term + adjustment/extension).
MAX_AMOUNT = Decimal("1000000000000")
MAX_UNITS = 10**12
MAX_YEARS = Decimal(30)
MAX_COEFFICIENT = Decimal(10)
MAX_COEFFICIENT_PRODUCT = Decimal(100)
MAX_COEFFICIENTS = 10
MAX_PRIOR_FEES = 10
MAX_LABEL_LENGTH = 100
MAX_SOURCE_LENGTH = 500
AMOUNT_PLACES = 2
PERCENT_PLACES = 4
COEFFICIENT_PLACES = 4
YEAR_PLACES = 2
DEFAULT_MIN_POINTS = 5  # fewer declared fees than this: "not enough data"

_WORKING_PRECISION = 60  # digits while multiplying; results are then rounded once, half-up


def money(value: Decimal) -> Decimal:
    """``value`` rounded half-up to the fen: the one rounding rule for every amount."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def fen(amount: Decimal) -> int:
    """``amount`` in yuan as integer fen, rounded half-up (the database's money unit)."""
    return int(money(amount) * 100)


def _rate(numerator: Decimal, denominator: Decimal) -> Decimal:
    """``numerator / denominator`` as a percentage rounded half-up to 0.01 %."""
    return (numerator * HUNDRED / denominator).quantize(RATE_QUANTUM, rounding=ROUND_HALF_UP)


def _yuan(value: Decimal) -> Amount:
    return Amount.of_yuan(value)


def _plus(amounts: Sequence[Decimal]) -> Message:
    """``a + b + c``; a symbol, so not marked for translation."""
    return Message(" + ".join(f"%(a{i})s" for i in range(len(amounts))),
                   {f"a{i}": _yuan(amount) for i, amount in enumerate(amounts)})


def _plain(value: Decimal) -> str:
    """A rate, coefficient or year count without trailing zeros: 3, 2.97, 0.9, 5.5."""
    return f"{value.normalize():f}"


# -------------------------------------------------------------------------------------------------
# Inputs
# -------------------------------------------------------------------------------------------------


class EstimationMethod(StrEnum):
    """The estimation methods of the guideline, part II (R6.1)."""

    OWN_EXPLOITATION = "own_exploitation"  # II.1 自行实施收益
    PRIOR_LICENCES = "prior_licences"  # II.2 参照该专利实施许可使用费
    INDUSTRY_STATISTICS = "industry_statistics"  # II.3 同行业专利许可使用费统计数据
    INTERNATIONAL_RATE = "international_rate"  # II.4 国际通行许可费率
    ASSET_VALUATION = "asset_valuation"  # II.5 资产评估方法

    @property
    def label(self) -> str:
        """The method's name, marked for translation (forms: ``_l(method.label)``)."""
        return _METHOD_LABELS[self]


_METHOD_LABELS: Mapping[EstimationMethod, str] = {
    EstimationMethod.OWN_EXPLOITATION: N_("The patentee's own exploitation income"),
    EstimationMethod.PRIOR_LICENCES: N_("Earlier licence fees for this patent"),
    EstimationMethod.INDUSTRY_STATISTICS: N_("Industry statistics on licence fees"),
    EstimationMethod.INTERNATIONAL_RATE: N_("Internationally common royalty rates"),
    EstimationMethod.ASSET_VALUATION: N_("Asset valuation"),
}


class ValuationApproach(StrEnum):
    """The asset-valuation approaches of method II.5 (R6.1)."""

    INCOME = "income"
    MARKET = "market"
    COST = "cost"

    @property
    def label(self) -> str:
        """The approach's name, marked for translation."""
        return _APPROACH_LABELS[self]


_APPROACH_LABELS: Mapping[ValuationApproach, str] = {
    ValuationApproach.INCOME: N_("income approach"),
    ValuationApproach.MARKET: N_("market approach"),
    ValuationApproach.COST: N_("cost approach"),
}


class FeePeriod(StrEnum):
    """What the formula's fee covers: a year (methods II.1–II.4) or the whole licence (II.5)."""

    YEAR = "year"
    TERM = "term"


@dataclass(frozen=True, slots=True)
class Coefficient:
    """An adjustment coefficient (调整系数) the user entered, with where it comes from."""

    label: str
    value: Decimal
    source: str


@dataclass(frozen=True, slots=True)
class PriorFee:
    """An earlier licence fee for this patent and the years it paid for (method II.2)."""

    amount: Decimal
    years: Decimal


@dataclass(frozen=True, slots=True)
class EstimateInput:
    """What the user enters. Only the fields the method uses matter; `cleaned` drops the rest.

    ========================= ===============================================================
    method                    required fields (besides ``licence_years``, ``basis_source``)
    ========================= ===============================================================
    OWN_EXPLOITATION          ``annual_net_sales``, ``profit_margin_pct``,
                              ``contribution_share_pct``: rate = margin × contribution share
    PRIOR_LICENCES            ``prior_fees``: base = mean fee per year
    INDUSTRY_STATISTICS,      ``annual_net_sales``, ``reference_rate_pct``, ``rate_source``
    INTERNATIONAL_RATE
    ASSET_VALUATION           ``valuation_approach``, ``valuation``, ``licence_share_pct``:
                              the fee covers the whole licence period
    ========================= ===============================================================

    Optional for every method: ``annual_net_sales`` and ``profit_margin_pct`` (to express the
    fee as a royalty on net sales or on profit), ``annual_units`` (per unit),
    ``entry_fee_share_pct`` (the entry fee's share of the lump sum, for entry fee + royalty)
    and ``coefficients``. Percentages are numbers of percent (``Decimal("3")`` is 3 %).
    """

    method: EstimationMethod
    licence_years: Decimal
    basis_source: str
    annual_net_sales: Decimal | None = None
    profit_margin_pct: Decimal | None = None
    annual_units: int | None = None
    contribution_share_pct: Decimal | None = None
    prior_fees: tuple[PriorFee, ...] = ()
    reference_rate_pct: Decimal | None = None
    rate_source: str = ""
    valuation_approach: ValuationApproach | None = None
    valuation: Decimal | None = None
    licence_share_pct: Decimal | None = None
    coefficients: tuple[Coefficient, ...] = ()
    entry_fee_share_pct: Decimal | None = None

    def cleaned(self) -> EstimateInput:
        """Texts trimmed, and the fields of other methods reset to their defaults."""
        changes: dict[str, Any] = {
            "basis_source": self.basis_source.strip(),
            "rate_source": self.rate_source.strip(),
            "coefficients": tuple(
                Coefficient(c.label.strip(), c.value, c.source.strip()) for c in self.coefficients
            ),
        }
        unused = _METHOD_SPECIFIC - _METHOD_FIELDS[self.method]
        changes.update({f.name: f.default for f in fields(self) if f.name in unused})
        return replace(self, **changes)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: enums as values, decimals as strings; unset fields left out."""
        out: dict[str, Any] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if value is None or value == "" or value == ():
                continue
            if f.name == "prior_fees":
                value = [{"amount": str(p.amount), "years": str(p.years)} for p in value]
            elif f.name == "coefficients":
                value = [{"label": c.label, "value": str(c.value), "source": c.source}
                         for c in value]
            elif isinstance(value, StrEnum):
                value = value.value
            elif isinstance(value, Decimal):
                value = str(value)
            out[f.name] = value
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> EstimateInput:
        """Inverse of `to_dict`; unknown keys or malformed values raise ``ValueError``."""
        _refuse_unknown(data, {f.name for f in fields(cls)}, "estimate input")
        try:
            return cls(**_input_values(data))
        except (KeyError, TypeError) as error:
            raise ValueError(f"malformed estimate input: {error!r}") from error


def _input_values(data: Mapping[str, Any]) -> dict[str, Any]:
    """`EstimateInput.from_dict`'s parsing: the constructor's keyword arguments."""
    values: dict[str, Any] = dict(data)
    values["method"] = EstimationMethod(values["method"])
    if values.get("valuation_approach") is not None:
        values["valuation_approach"] = ValuationApproach(values["valuation_approach"])
    for name in _DECIMAL_FIELDS:
        if values.get(name) is not None:
            values[name] = _decimal(values[name], name)
    if values.get("annual_units") is not None:
        values["annual_units"] = int(values["annual_units"])
    values["prior_fees"] = tuple(
        PriorFee(_decimal(p["amount"], "amount"), _decimal(p["years"], "years"))
        for p in values.get("prior_fees", ())
    )
    values["coefficients"] = tuple(
        Coefficient(str(c["label"]), _decimal(c["value"], "value"), str(c["source"]))
        for c in values.get("coefficients", ())
    )
    return values


_METHOD_FIELDS: Mapping[EstimationMethod, frozenset[str]] = {
    EstimationMethod.OWN_EXPLOITATION: frozenset({"contribution_share_pct"}),
    EstimationMethod.PRIOR_LICENCES: frozenset({"prior_fees"}),
    EstimationMethod.INDUSTRY_STATISTICS: frozenset({"reference_rate_pct", "rate_source"}),
    EstimationMethod.INTERNATIONAL_RATE: frozenset({"reference_rate_pct", "rate_source"}),
    EstimationMethod.ASSET_VALUATION: frozenset(
        {"valuation_approach", "valuation", "licence_share_pct"}
    ),
}
_METHOD_SPECIFIC = frozenset(name for names in _METHOD_FIELDS.values() for name in names)
_TEXT_FIELDS = frozenset({"basis_source", "rate_source"})
_REQUIRED: Mapping[EstimationMethod, tuple[str, ...]] = {
    EstimationMethod.OWN_EXPLOITATION: (
        "annual_net_sales", "profit_margin_pct", "contribution_share_pct",
    ),
    EstimationMethod.PRIOR_LICENCES: ("prior_fees",),
    EstimationMethod.INDUSTRY_STATISTICS: ("annual_net_sales", "reference_rate_pct", "rate_source"),
    EstimationMethod.INTERNATIONAL_RATE: ("annual_net_sales", "reference_rate_pct", "rate_source"),
    EstimationMethod.ASSET_VALUATION: ("valuation_approach", "valuation", "licence_share_pct"),
}
_DECIMAL_FIELDS = (
    "licence_years", "annual_net_sales", "profit_margin_pct", "contribution_share_pct",
    "reference_rate_pct", "valuation", "licence_share_pct", "entry_fee_share_pct",
)


def _refuse_unknown(data: Mapping[str, Any], known: set[str], what: str) -> None:
    unknown = sorted(set(data) - known)
    if unknown:
        raise ValueError(f"unknown {what} fields {unknown}")


def _decimal(raw: object, name: str) -> Decimal:
    try:
        return Decimal(str(raw))
    except InvalidOperation as error:
        raise ValueError(f"{name}: not a number: {raw!r}") from error


# -------------------------------------------------------------------------------------------------
# Validation
# -------------------------------------------------------------------------------------------------


class EstimateInputError(MessageError):
    """Every problem with an estimate's inputs at once.

    ``details`` maps each input field (dotted for rows: ``"coefficients.0.value"``) to its
    `Message` list; ``errors`` is the same in English. A service passes ``details`` on as
    ``ValidationFailed(error.detail, error.details)``.
    """

    def __init__(self, details: Mapping[str, Sequence[Message]]) -> None:
        self.details: dict[str, list[Message]] = {k: list(v) for k, v in details.items()}
        self.errors: dict[str, list[str]] = {
            key: [str(m) for m in messages] for key, messages in self.details.items()
        }
        super().__init__(Message(N_("Some inputs of the estimate are not valid.")))


_REQUIRED_MESSAGE = Message(N_("Required for this estimation method."))
_SOURCE_MESSAGE = Message(N_("Say where this comes from."))
_NOT_A_NUMBER = Message(N_("Enter a number."))


def _places_problem(value: Decimal, places: int) -> Message | None:
    if value != value.quantize(Decimal(1).scaleb(-places)):
        return Message(N_("Use at most %(places)s decimal places."), {"places": places})
    return None


def _amount_problem(value: Decimal, *, positive: bool) -> Message | None:
    """A sum of money: not negative (more than 0 when ``positive``), plausible, in fen."""
    if not value.is_finite():
        return _NOT_A_NUMBER
    if value < 0:
        return Message(N_("Must not be negative."))
    if positive and value == 0:
        return Message(N_("Must be more than 0."))
    if value > MAX_AMOUNT:
        return Message(N_("Must be at most %(max)s."), {"max": f"{MAX_AMOUNT:,.2f}"})
    return _places_problem(value, AMOUNT_PLACES)


def _percent_problem(value: Decimal, *, below_hundred: bool = False) -> Message | None:
    """A share or rate in percent: more than 0 and at most 100 (below 100 for a split)."""
    if not value.is_finite():
        return _NOT_A_NUMBER
    if below_hundred and not 0 < value < HUNDRED:
        return Message(N_("Must be more than %(low)s %% and less than %(high)s %%."),
                       {"low": "0", "high": "100"})
    if not 0 < value <= HUNDRED:
        return Message(N_("Must be more than %(low)s %% and at most %(high)s %%."),
                       {"low": "0", "high": "100"})
    return _places_problem(value, PERCENT_PLACES)


def _years_problem(value: Decimal) -> Message | None:
    if not value.is_finite():
        return _NOT_A_NUMBER
    if not 0 < value <= MAX_YEARS:
        return Message(N_("Must be more than 0 and at most %(max)s years."),
                       {"max": _plain(MAX_YEARS)})
    return _places_problem(value, YEAR_PLACES)


def _coefficient_problem(value: Decimal) -> Message | None:
    if not value.is_finite():
        return _NOT_A_NUMBER
    if not 0 < value <= MAX_COEFFICIENT:
        return Message(N_("A coefficient must be more than 0 and at most %(max)s."),
                       {"max": _plain(MAX_COEFFICIENT)})
    return _places_problem(value, COEFFICIENT_PLACES)


def _text_problem(value: str, max_length: int) -> Message | None:
    if len(value) > max_length:
        return Message(N_("At most %(max)s characters."), {"max": max_length})
    return None


def _units_problem(value: int) -> Message | None:
    if isinstance(value, bool) or not 1 <= value <= MAX_UNITS:
        return Message(N_("Must be a whole number from 1 to %(max)s."),
                       {"max": f"{MAX_UNITS:,}"})
    return None


_FIELD_CHECKS: Mapping[str, Callable[[Any], Message | None]] = {
    "licence_years": _years_problem,
    "basis_source": lambda v: _text_problem(v, MAX_SOURCE_LENGTH),
    "rate_source": lambda v: _text_problem(v, MAX_SOURCE_LENGTH),
    "annual_net_sales": lambda v: _amount_problem(v, positive=True),
    "valuation": lambda v: _amount_problem(v, positive=True),
    "profit_margin_pct": _percent_problem,
    "contribution_share_pct": _percent_problem,
    "reference_rate_pct": _percent_problem,
    "licence_share_pct": _percent_problem,
    "entry_fee_share_pct": lambda v: _percent_problem(v, below_hundred=True),
    "annual_units": _units_problem,
}


def validate_input(inputs: EstimateInput) -> dict[str, list[Message]]:
    """Every problem with ``inputs``, keyed by field; empty when the estimate can be made.

    Amounts are not negative (a calculation base or valuation more than 0), in fen, at most
    RMB 1 trillion; shares and rates more than 0 % and at most 100 % (the entry fee's share
    below 100 %); years more than 0 and at most 30; each coefficient more than 0 and at most
    10 and their product at most 100; every coefficient has a label and a source; the source
    of the calculation base (and of a reference rate) is stated. Fields of other methods are
    ignored.
    """
    inputs = inputs.cleaned()
    errors: dict[str, list[Message]] = {}

    def add(name: str, problem: Message | None) -> None:
        if problem is not None:
            errors.setdefault(name, []).append(problem)

    for name in ("basis_source", *_REQUIRED[inputs.method]):
        if getattr(inputs, name) in (None, "", ()):
            add(name, _SOURCE_MESSAGE if name in _TEXT_FIELDS else _REQUIRED_MESSAGE)
    for name, check in _FIELD_CHECKS.items():
        value = getattr(inputs, name)
        if value not in (None, ""):
            add(name, check(value))
    _validate_prior_fees(inputs.prior_fees, add)
    _validate_coefficients(inputs.coefficients, add)
    return errors


def _validate_prior_fees(
    prior_fees: Sequence[PriorFee], add: Callable[[str, Message | None], None]
) -> None:
    if len(prior_fees) > MAX_PRIOR_FEES:
        add("prior_fees", Message(N_("At most %(max)s earlier fees."), {"max": MAX_PRIOR_FEES}))
    for index, prior in enumerate(prior_fees):
        add(f"prior_fees.{index}.amount", _amount_problem(prior.amount, positive=False))
        add(f"prior_fees.{index}.years", _years_problem(prior.years))


def _validate_coefficients(
    coefficients: Sequence[Coefficient], add: Callable[[str, Message | None], None]
) -> None:
    if len(coefficients) > MAX_COEFFICIENTS:
        add("coefficients",
            Message(N_("At most %(max)s coefficients."), {"max": MAX_COEFFICIENTS}))
    product = Decimal(1)
    for index, coefficient in enumerate(coefficients):
        problem = _coefficient_problem(coefficient.value)
        add(f"coefficients.{index}.value", problem)
        if problem is None:
            product *= coefficient.value
        if not coefficient.label:
            add(f"coefficients.{index}.label", Message(N_("Name the coefficient.")))
        elif len(coefficient.label) > MAX_LABEL_LENGTH:
            add(f"coefficients.{index}.label",
                Message(N_("At most %(max)s characters."), {"max": MAX_LABEL_LENGTH}))
        add(f"coefficients.{index}.source",
            _text_problem(coefficient.source, MAX_SOURCE_LENGTH) if coefficient.source
            else _SOURCE_MESSAGE)
    if product > MAX_COEFFICIENT_PRODUCT:
        add("coefficients", Message(
            N_("The coefficients multiply to %(product)s; the product must be at most %(max)s."),
            {"product": _plain(product), "max": _plain(MAX_COEFFICIENT_PRODUCT)},
        ))


# -------------------------------------------------------------------------------------------------
# Fee caps (D6)
# -------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class FeeCaps:
    """The D6 caps (R6.3): settings FEE_CAP_FIXED_CNY, FEE_CAP_NET_SALES_PCT, FEE_CAP_PROFIT_PCT."""

    fixed_cny: Decimal
    net_sales_pct: Decimal
    profit_pct: Decimal

    def __post_init__(self) -> None:
        if min(self.fixed_cny, self.net_sales_pct, self.profit_pct) < 0:
            raise ValueError("fee caps cannot be negative")

    @classmethod
    def from_settings(cls, settings: Mapping[str, Any]) -> FeeCaps:
        """The caps from a settings mapping (``current_app.config``)."""
        return cls(
            fixed_cny=Decimal(settings["FEE_CAP_FIXED_CNY"]),
            net_sales_pct=Decimal(settings["FEE_CAP_NET_SALES_PCT"]),
            profit_pct=Decimal(settings["FEE_CAP_PROFIT_PCT"]),
        )

    def to_dict(self) -> dict[str, str]:
        return {"fixed_cny": str(self.fixed_cny), "net_sales_pct": str(self.net_sales_pct),
                "profit_pct": str(self.profit_pct)}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> FeeCaps:
        _refuse_unknown(data, {"fixed_cny", "net_sales_pct", "profit_pct"}, "fee cap")
        return cls(**{name: _decimal(value, name) for name, value in data.items()})


def fee_cap_warnings(
    terms: FeeTerms,
    caps: FeeCaps,
    *,
    licence_years: Decimal | None = None,
    unit_price: Decimal | None = None,
) -> tuple[Message, ...]:
    """Warnings, never refusals, for terms above the D6 caps (R6.3, read as soft caps).

    * A fixed fee above ``caps.fixed_cny``: the lump sum, the entry fee, or the annual fixed
      fees over ``licence_years`` (the annual fee itself when the years are not given). That
      the cap is on the total paid under the licence is our [DERIVED] reading.
    * A royalty above ``caps.net_sales_pct`` of net sales or ``caps.profit_pct`` of profit.
    * A per-unit fee above ``caps.net_sales_pct`` of ``unit_price`` (the net sales per unit),
      when that price is known.
    """
    warnings: list[Message] = []
    cap = _yuan(caps.fixed_cny)
    for amount_fen in (terms.lump_sum_fen, terms.entry_fee_fen):
        if amount_fen is not None and Decimal(amount_fen) / 100 > caps.fixed_cny:
            warnings.append(Message(
                N_("A fixed fee of %(amount)s is above %(cap)s, the level a fixed fee "
                   "should generally not exceed (D6, R6.3): a warning, not a refusal."),
                {"amount": _yuan(Decimal(amount_fen) / 100), "cap": cap},
            ))
    if terms.annual_fee_fen is not None:
        annual = Decimal(terms.annual_fee_fen) / 100
        if licence_years is None and annual > caps.fixed_cny:
            warnings.append(Message(
                N_("An annual fee of %(annual)s is above %(cap)s, the level a fixed fee "
                   "should generally not exceed (D6, R6.3): a warning, not a refusal."),
                {"annual": _yuan(annual), "cap": cap},
            ))
        elif licence_years is not None and money(annual * licence_years) > caps.fixed_cny:
            warnings.append(Message(
                N_("Annual fees of %(annual)s over %(years)s years come to %(amount)s, "
                   "above %(cap)s, the level a fixed fee should generally not exceed "
                   "(D6, R6.3): a warning, not a refusal."),
                {"annual": _yuan(annual), "years": _plain(licence_years),
                 "amount": _yuan(money(annual * licence_years)), "cap": cap},
            ))
    rate = terms.royalty_rate_percent
    if rate is not None and terms.base is RoyaltyBase.NET_SALES and rate > caps.net_sales_pct:
        warnings.append(Message(
            N_("A royalty of %(rate)s %% of net sales is above %(cap)s %%, the level a royalty "
               "on net sales should generally not exceed (D6, R6.3): a warning, not a refusal."),
            {"rate": _plain(rate), "cap": _plain(caps.net_sales_pct)},
        ))
    if rate is not None and terms.base is RoyaltyBase.PROFIT and rate > caps.profit_pct:
        warnings.append(Message(
            N_("A royalty of %(rate)s %% of profit is above %(cap)s %%, the level a royalty on "
               "profit should generally not exceed (D6, R6.3): a warning, not a refusal."),
            {"rate": _plain(rate), "cap": _plain(caps.profit_pct)},
        ))
    if terms.per_unit_fen is not None and unit_price is not None and unit_price > 0:
        per_unit = Decimal(terms.per_unit_fen) / 100
        equivalent = _rate(per_unit, unit_price)
        if equivalent > caps.net_sales_pct:
            warnings.append(Message(
                N_("A fee of %(amount)s per unit is %(rate)s %% of the net sales per unit "
                   "(%(price)s), above %(cap)s %%, the level a royalty on net sales should "
                   "generally not exceed (D6, R6.3): a warning, not a refusal."),
                {"amount": _yuan(per_unit), "rate": _plain(equivalent),
                 "price": _yuan(money(unit_price)), "cap": _plain(caps.net_sales_pct)},
            ))
    return tuple(warnings)


# -------------------------------------------------------------------------------------------------
# The estimate
# -------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class MethodResult:
    """The estimated fee under one payment method (R6.4).

    ``terms`` is ``None`` when the inputs cannot express the fee this way; ``unavailable`` then
    says which input is missing.
    """

    method: FeeMethod
    terms: FeeTerms | None
    summary: Message | None
    lines: tuple[Message, ...] = ()
    warnings: tuple[Message, ...] = ()
    unavailable: Message | None = None


@dataclass(frozen=True, slots=True)
class Estimate:
    """An estimate with its inputs, every arithmetic step, the fee for each payment method,
    the D6 warnings and the notes on where the figures come from."""

    inputs: EstimateInput
    caps: FeeCaps
    base: Decimal  # the calculation base (计算基数)
    rate_pct: Decimal | None  # the royalty rate applied to it; None when the base is a fee
    fee: Decimal  # base × rate × Π coefficients, for fee_period
    fee_period: FeePeriod
    annual_fee: Decimal
    steps: tuple[Message, ...]
    results: tuple[MethodResult, ...]  # one per FeeMethod, in FeeMethod order
    notes: tuple[Message, ...]

    def result(self, method: FeeMethod) -> MethodResult:
        """The result for one payment method."""
        return next(r for r in self.results if r.method is method)

    @property
    def warnings(self) -> tuple[Message, ...]:
        """Every payment method's D6 warnings, in order."""
        return tuple(w for r in self.results for w in r.warnings)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON values (see the module docstring and `Estimate.from_dict`)."""
        return {
            "format": FORMAT_VERSION,
            "inputs": self.inputs.to_dict(),
            "caps": self.caps.to_dict(),
            "base": str(self.base),
            "rate_pct": None if self.rate_pct is None else str(self.rate_pct),
            "fee": str(self.fee),
            "fee_period": self.fee_period.value,
            "annual_fee": str(self.annual_fee),
            "steps": [m.to_dict() for m in self.steps],
            "results": [_result_to_dict(r) for r in self.results],
            "notes": [m.to_dict() for m in self.notes],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Estimate:
        """The estimate as it was stored; ``ValueError`` for another format or bad data."""
        if data.get("format") != FORMAT_VERSION:
            raise ValueError(f"unknown estimate format {data.get('format')!r}")
        _refuse_unknown(data, {f.name for f in fields(cls)} | {"format"}, "estimate")
        try:
            return cls(
                inputs=EstimateInput.from_dict(data["inputs"]),
                caps=FeeCaps.from_dict(data["caps"]),
                base=_decimal(data["base"], "base"),
                rate_pct=None if data["rate_pct"] is None else _decimal(data["rate_pct"], "rate"),
                fee=_decimal(data["fee"], "fee"),
                fee_period=FeePeriod(data["fee_period"]),
                annual_fee=_decimal(data["annual_fee"], "annual_fee"),
                steps=tuple(Message.from_dict(m) for m in data["steps"]),
                results=tuple(_result_from_dict(r) for r in data["results"]),
                notes=tuple(Message.from_dict(m) for m in data["notes"]),
            )
        except (KeyError, TypeError) as error:
            raise ValueError(f"malformed estimate: {error!r}") from error


def _optional_message(data: Mapping[str, Any] | None) -> Message | None:
    return None if data is None else Message.from_dict(data)


def _result_to_dict(result: MethodResult) -> dict[str, Any]:
    return {
        "method": result.method.value,
        "terms": None if result.terms is None else result.terms.to_dict(),
        "summary": None if result.summary is None else result.summary.to_dict(),
        "lines": [m.to_dict() for m in result.lines],
        "warnings": [m.to_dict() for m in result.warnings],
        "unavailable": None if result.unavailable is None else result.unavailable.to_dict(),
    }


def _result_from_dict(data: Mapping[str, Any]) -> MethodResult:
    return MethodResult(
        method=FeeMethod(data["method"]),
        terms=None if data["terms"] is None else FeeTerms.from_dict(data["terms"]),
        summary=_optional_message(data["summary"]),
        lines=tuple(Message.from_dict(m) for m in data["lines"]),
        warnings=tuple(Message.from_dict(m) for m in data["warnings"]),
        unavailable=_optional_message(data["unavailable"]),
    )


@dataclass(frozen=True, slots=True)
class _Basis:
    """Steps II and III.3 of the guideline: the calculation base and the rate applied to it."""

    base: Decimal
    rate_pct: Decimal | None
    period: FeePeriod
    steps: tuple[Message, ...]


def _basis(inputs: EstimateInput) -> _Basis:
    method = inputs.method
    if method is EstimationMethod.OWN_EXPLOITATION:
        return _own_exploitation_basis(inputs)
    if method is EstimationMethod.PRIOR_LICENCES:
        return _prior_licences_basis(inputs.prior_fees)
    if method is EstimationMethod.ASSET_VALUATION:
        return _valuation_basis(inputs)
    return _reference_rate_basis(inputs)


def _sales_base_step(sales: Decimal) -> Message:
    return Message(N_("Calculation base: annual net sales %(sales)s"), {"sales": _yuan(sales)})


def _own_exploitation_basis(inputs: EstimateInput) -> _Basis:
    """II.1: the patentee's own sales; rate = profit margin × the patent's contribution share."""
    assert inputs.annual_net_sales is not None  # checked by validate_input
    assert inputs.profit_margin_pct is not None and inputs.contribution_share_pct is not None
    rate = inputs.profit_margin_pct * inputs.contribution_share_pct / HUNDRED
    return _Basis(inputs.annual_net_sales, rate, FeePeriod.YEAR, (
        _sales_base_step(inputs.annual_net_sales),
        Message(N_("Royalty rate = profit margin %(margin)s %% × the patent's contribution "
                   "share %(share)s %% = %(rate)s %%"),
                {"margin": _plain(inputs.profit_margin_pct),
                 "share": _plain(inputs.contribution_share_pct), "rate": _plain(rate)}),
    ))


def _prior_licences_basis(prior_fees: Sequence[PriorFee]) -> _Basis:
    """II.2: the earlier fees, each per year, then their mean; the base is already a fee."""
    steps: list[Message] = []
    annual: list[Decimal] = []
    for number, prior in enumerate(prior_fees, start=1):
        per_year = money(prior.amount / prior.years)
        annual.append(per_year)
        steps.append(Message(
            N_("Earlier fee %(number)s: %(amount)s over %(years)s years = %(annual)s a year"),
            {"number": number, "amount": _yuan(prior.amount), "years": _plain(prior.years),
             "annual": _yuan(per_year)},
        ))
    if len(annual) == 1:
        base = annual[0]
        steps.append(Message(N_("Calculation base: the earlier fee per year %(base)s"),
                             {"base": _yuan(base)}))
    else:
        base = money(sum(annual, Decimal(0)) / len(annual))
        steps.append(Message(
            N_("Calculation base: mean of the earlier fees per year (%(sum)s) / %(count)s = "
               "%(base)s"),
            {"sum": _plus(annual), "count": len(annual),
             "base": _yuan(base)},
        ))
    return _Basis(base, None, FeePeriod.YEAR, tuple(steps))


def _reference_rate_basis(inputs: EstimateInput) -> _Basis:
    """II.3 and II.4: expected net sales at an industry or international rate."""
    assert inputs.annual_net_sales is not None and inputs.reference_rate_pct is not None
    if inputs.method is EstimationMethod.INDUSTRY_STATISTICS:
        template = N_("Royalty rate from industry statistics: %(rate)s %%")
    else:
        template = N_("Royalty rate from international licensing practice: %(rate)s %%")
    return _Basis(inputs.annual_net_sales, inputs.reference_rate_pct, FeePeriod.YEAR, (
        _sales_base_step(inputs.annual_net_sales),
        Message(template, {"rate": _plain(inputs.reference_rate_pct)}),
    ))


def _valuation_basis(inputs: EstimateInput) -> _Basis:
    """II.5: the patent's value, of which this licence carries a share over its whole period."""
    assert inputs.valuation is not None and inputs.valuation_approach is not None
    assert inputs.licence_share_pct is not None
    return _Basis(inputs.valuation, inputs.licence_share_pct, FeePeriod.TERM, (
        Message(N_("Calculation base: valuation by the %(approach)s %(valuation)s"),
                {"approach": Message(inputs.valuation_approach.label),
                 "valuation": _yuan(inputs.valuation)}),
        Message(N_("Rate: the licence's share of the value %(share)s %%"),
                {"share": _plain(inputs.licence_share_pct)}),
    ))


def _times(left: Message, right: Message) -> Message:
    """Two factors of a product; a symbol, so not marked for translation."""
    return Message("%(left)s × %(right)s", {"left": left, "right": right})


def _fee_step(basis: _Basis, coefficients: Sequence[Coefficient], fee: Decimal) -> Message:
    """III.4: ``base × rate × coefficients = fee``, each factor named."""
    product = Message(N_("base %(amount)s"), {"amount": _yuan(basis.base)})
    if basis.rate_pct is not None:
        product = _times(product, Message(N_("rate %(rate)s %%"), {"rate": _plain(basis.rate_pct)}))
    for coefficient in coefficients:
        product = _times(product, Message(N_("%(value)s (%(label)s)"),
                                          {"value": _plain(coefficient.value),
                                           "label": coefficient.label}))
    if basis.period is FeePeriod.YEAR:
        template = N_("Fee per year = %(product)s = %(fee)s")
    else:
        template = N_("Fee for the whole licence period = %(product)s = %(fee)s")
    return Message(template, {"product": product, "fee": _yuan(fee)})


@dataclass(frozen=True, slots=True)
class _Figures:
    """What every payment method's result is computed from (step III.5)."""

    inputs: EstimateInput
    caps: FeeCaps
    fee: Decimal
    period: FeePeriod
    annual: Decimal

    @property
    def years(self) -> Decimal:
        return self.inputs.licence_years

    @property
    def lump_sum(self) -> Decimal:
        return self.fee if self.period is FeePeriod.TERM else money(self.annual * self.years)

    @property
    def sales(self) -> Decimal | None:
        return self.inputs.annual_net_sales

    @property
    def unit_price(self) -> Decimal | None:
        if self.sales is None or self.inputs.annual_units is None:
            return None
        return self.sales / self.inputs.annual_units

    def result(self, terms: FeeTerms, summary: Message, *lines: Message) -> MethodResult:
        warnings = fee_cap_warnings(terms, self.caps, licence_years=self.years,
                                    unit_price=self.unit_price)
        return MethodResult(terms.method, terms, summary, lines, warnings)


def _unavailable(method: FeeMethod, reason: str) -> MethodResult:
    return MethodResult(method, None, None, unavailable=Message(reason))


_NEEDS_SALES = N_("Enter the expected annual net sales to express the fee as a royalty on "
                  "net sales.")
_NEEDS_PROFIT = N_("Enter the expected annual net sales and the profit margin to express the "
                   "fee as a royalty on profit.")
_NEEDS_UNITS = N_("Enter the expected units a year to express the fee per unit.")
_NEEDS_SPLIT = N_("Enter the entry fee's share of the lump sum to split the fee into an entry "
                  "fee and a royalty.")
_NEEDS_ROYALTY_BASE = N_("Enter the expected annual net sales or units a year to express the "
                         "royalty after the entry fee.")


def _lump_sum(f: _Figures) -> MethodResult:
    if f.period is FeePeriod.TERM:
        line = Message(N_("Lump sum = the fee for the whole licence period = %(amount)s"),
                       {"amount": _yuan(f.lump_sum)})
    else:
        line = Message(N_("Lump sum = fee per year %(annual)s × %(years)s years = %(amount)s "
                          "(not discounted)"),
                       {"annual": _yuan(f.annual), "years": _plain(f.years),
                        "amount": _yuan(f.lump_sum)})
    return f.result(
        FeeTerms(FeeMethod.LUMP_SUM, lump_sum_fen=fen(f.lump_sum)),
        Message(N_("%(amount)s once, for %(years)s years"),
                {"amount": _yuan(f.lump_sum), "years": _plain(f.years)}),
        line,
    )


def _annual_fixed(f: _Figures) -> MethodResult:
    return f.result(
        FeeTerms(FeeMethod.ANNUAL_FIXED, annual_fee_fen=fen(f.annual)),
        Message(N_("%(amount)s a year"), {"amount": _yuan(f.annual)}),
        Message(N_("Annual fixed fee = the fee per year = %(amount)s"),
                {"amount": _yuan(f.annual)}),
    )


def _royalty_sales(f: _Figures) -> MethodResult:
    if f.sales is None:
        return _unavailable(FeeMethod.ROYALTY_SALES, _NEEDS_SALES)
    rate = _rate(f.annual, f.sales)
    return f.result(
        FeeTerms(FeeMethod.ROYALTY_SALES, royalty_rate_percent=rate),
        Message(N_("%(rate)s %% of net sales"), {"rate": _plain(rate)}),
        Message(N_("Royalty on net sales = fee per year %(annual)s / annual net sales %(sales)s "
                   "= %(rate)s %%"),
                {"annual": _yuan(f.annual), "sales": _yuan(f.sales), "rate": _plain(rate)}),
    )


def _royalty_profit(f: _Figures) -> MethodResult:
    margin = f.inputs.profit_margin_pct
    if f.sales is None or margin is None:
        return _unavailable(FeeMethod.ROYALTY_PROFIT, _NEEDS_PROFIT)
    profit = money(f.sales * margin / HUNDRED)
    if profit == 0:
        return _unavailable(FeeMethod.ROYALTY_PROFIT, _NEEDS_PROFIT)
    rate = _rate(f.annual, profit)
    return f.result(
        FeeTerms(FeeMethod.ROYALTY_PROFIT, royalty_rate_percent=rate),
        Message(N_("%(rate)s %% of profit"), {"rate": _plain(rate)}),
        Message(N_("Annual profit = annual net sales %(sales)s × profit margin %(margin)s %% = "
                   "%(profit)s"),
                {"sales": _yuan(f.sales), "margin": _plain(margin), "profit": _yuan(profit)}),
        Message(N_("Royalty on profit = fee per year %(annual)s / annual profit %(profit)s = "
                   "%(rate)s %%"),
                {"annual": _yuan(f.annual), "profit": _yuan(profit), "rate": _plain(rate)}),
    )


def _per_unit(f: _Figures) -> MethodResult:
    units = f.inputs.annual_units
    if units is None:
        return _unavailable(FeeMethod.PER_UNIT, _NEEDS_UNITS)
    per_unit = money(f.annual / units)
    return f.result(
        FeeTerms(FeeMethod.PER_UNIT, per_unit_fen=fen(per_unit)),
        Message(N_("%(amount)s per unit"), {"amount": _yuan(per_unit)}),
        Message(N_("Fee per unit = fee per year %(annual)s / %(units)s units a year = "
                   "%(amount)s"),
                {"annual": _yuan(f.annual), "units": f"{units:,}", "amount": _yuan(per_unit)}),
    )


def _entry_plus_royalty(f: _Figures) -> MethodResult:
    share = f.inputs.entry_fee_share_pct
    units = f.inputs.annual_units
    if share is None:
        return _unavailable(FeeMethod.ENTRY_PLUS_ROYALTY, _NEEDS_SPLIT)
    if f.sales is None and units is None:
        return _unavailable(FeeMethod.ENTRY_PLUS_ROYALTY, _NEEDS_ROYALTY_BASE)
    entry = money(f.lump_sum * share / HUNDRED)
    rest = money(f.annual * (HUNDRED - share) / HUNDRED)
    split = (
        Message(N_("Entry fee = lump sum %(lump)s × %(share)s %% = %(entry)s"),
                {"lump": _yuan(f.lump_sum), "share": _plain(share), "entry": _yuan(entry)}),
        Message(N_("Royalty part per year = fee per year %(annual)s × (100 %% − %(share)s %%) = "
                   "%(rest)s"),
                {"annual": _yuan(f.annual), "share": _plain(share), "rest": _yuan(rest)}),
    )
    if f.sales is not None:
        rate = _rate(rest, f.sales)
        return f.result(
            FeeTerms(FeeMethod.ENTRY_PLUS_ROYALTY, entry_fee_fen=fen(entry),
                     royalty_base=RoyaltyBase.NET_SALES, royalty_rate_percent=rate),
            Message(N_("entry fee %(entry)s + %(rate)s %% of net sales"),
                    {"entry": _yuan(entry), "rate": _plain(rate)}),
            *split,
            Message(N_("Royalty on net sales = royalty part %(rest)s / annual net sales "
                       "%(sales)s = %(rate)s %%"),
                    {"rest": _yuan(rest), "sales": _yuan(f.sales), "rate": _plain(rate)}),
        )
    assert units is not None
    per_unit = money(rest / units)
    return f.result(
        FeeTerms(FeeMethod.ENTRY_PLUS_ROYALTY, entry_fee_fen=fen(entry),
                 royalty_base=RoyaltyBase.UNITS, per_unit_fen=fen(per_unit)),
        Message(N_("entry fee %(entry)s + %(amount)s per unit"),
                {"entry": _yuan(entry), "amount": _yuan(per_unit)}),
        *split,
        Message(N_("Royalty per unit = royalty part %(rest)s / %(units)s units a year = "
                   "%(amount)s"),
                {"rest": _yuan(rest), "units": f"{units:,}", "amount": _yuan(per_unit)}),
    )


def _free(f: _Figures) -> MethodResult:
    return MethodResult(FeeMethod.FREE, FeeTerms(FeeMethod.FREE), Message(N_("free")),
                        (Message(N_("A free licence: no fee.")),))


_RESULTS: Mapping[FeeMethod, Callable[[_Figures], MethodResult]] = {
    FeeMethod.LUMP_SUM: _lump_sum,
    FeeMethod.ANNUAL_FIXED: _annual_fixed,
    FeeMethod.ROYALTY_SALES: _royalty_sales,
    FeeMethod.ROYALTY_PROFIT: _royalty_profit,
    FeeMethod.PER_UNIT: _per_unit,
    FeeMethod.ENTRY_PLUS_ROYALTY: _entry_plus_royalty,
    FeeMethod.FREE: _free,
}


def _notes(inputs: EstimateInput, caps: FeeCaps) -> tuple[Message, ...]:
    notes = [
        Message(N_(
            "[DERIVED] fee = calculation base × royalty rate × the product of the adjustment "
            "coefficients. This generic formula follows the steps of CNIPA's royalty-estimation "
            "guideline (《专利开放许可使用费估算指引（试行）》, 2022), which is guidance only; the "
            "guideline's own formulas, coefficients and industry rates are UNCONFIRMED, so every "
            "rate and coefficient here is the user's own, not an official figure (R6.1, R6.2)."
        )),
        Message(N_("Source of the calculation base, as stated: %(source)s"),
                {"source": inputs.basis_source}),
    ]
    if inputs.rate_source:
        notes.append(Message(N_("Source of the royalty rate, as stated: %(source)s"),
                             {"source": inputs.rate_source}))
    notes.extend(
        Message(N_("Coefficient %(value)s (%(label)s) is not an official figure; source, as "
                   "stated: %(source)s"),
                {"value": _plain(c.value), "label": c.label, "source": c.source})
        for c in inputs.coefficients
    )
    notes.append(Message(
        N_("The fee caps (%(fixed)s for a fixed fee; %(sales)s %% of net sales or "
           "%(profit)s %% of profit for a royalty) come from press reposts of CNIPA's 2024 "
           "notice; going above them draws a warning, not a refusal (D6, R6.3)."),
        {"fixed": _yuan(caps.fixed_cny), "sales": _plain(caps.net_sales_pct),
         "profit": _plain(caps.profit_pct)},
    ))
    return tuple(notes)


def estimate(inputs: EstimateInput, caps: FeeCaps) -> Estimate:
    """The royalty estimate for ``inputs`` (R6.1 steps III.2–III.5), warned against ``caps`` (D6).

    Raises `EstimateInputError` with every input problem when `validate_input` finds any.
    """
    inputs = inputs.cleaned()
    problems = validate_input(inputs)
    if problems:
        raise EstimateInputError(problems)
    with localcontext() as context:
        context.prec = _WORKING_PRECISION
        basis = _basis(inputs)
        factor = Decimal(1) if basis.rate_pct is None else basis.rate_pct / HUNDRED
        for coefficient in inputs.coefficients:
            factor *= coefficient.value
        fee = money(basis.base * factor)
        steps = [*basis.steps, _fee_step(basis, inputs.coefficients, fee)]
        if basis.period is FeePeriod.TERM:
            annual = money(fee / inputs.licence_years)
            steps.append(Message(N_("Fee per year = %(fee)s / %(years)s years = %(annual)s"),
                                 {"fee": _yuan(fee), "years": _plain(inputs.licence_years),
                                  "annual": _yuan(annual)}))
        else:
            annual = fee
        figures = _Figures(inputs, caps, fee, basis.period, annual)
        results = tuple(_RESULTS[method](figures) for method in FeeMethod)
    return Estimate(
        inputs=inputs, caps=caps, base=basis.base, rate_pct=basis.rate_pct, fee=fee,
        fee_period=basis.period, annual_fee=annual, steps=tuple(steps), results=results,
        notes=_notes(inputs, caps),
    )


# -------------------------------------------------------------------------------------------------
# Fees already declared (issue 3 item 2)
# -------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Distribution:
    """Count, minimum, quartiles and maximum of some fees; the quartiles rounded half-up to
    0.01 (a fen, or 0.01 % for rates)."""

    count: int
    minimum: Decimal
    lower_quartile: Decimal
    median: Decimal
    upper_quartile: Decimal
    maximum: Decimal


def _quantile(ordered: Sequence[Decimal], fraction: Decimal) -> Decimal:
    """Linear interpolation between closest ranks, inclusive of the extremes: position
    ``(n − 1) × fraction`` counted from 0 (Excel QUARTILE.INC, ``statistics.quantiles(...,
    method="inclusive")``)."""
    position = (len(ordered) - 1) * fraction
    below = int(position)
    if below + 1 >= len(ordered):
        return ordered[below]
    return ordered[below] + (position - below) * (ordered[below + 1] - ordered[below])


def fee_distribution(
    amounts: Sequence[Decimal], *, min_points: int = DEFAULT_MIN_POINTS
) -> Distribution | None:
    """The distribution of ``amounts`` (fees of one kind declared for one IPC subclass), or
    ``None`` when there are fewer than ``min_points`` of them ("not enough data").

    Quartiles interpolate linearly between closest ranks (`_quantile`), then round half-up to
    0.01; with an even count the median is the mean of the two middle values.
    """
    if min_points < 1:
        raise ValueError("min_points must be at least 1")
    if len(amounts) < min_points:
        return None
    ordered = sorted(amounts)
    quarter = Decimal("0.25")
    return Distribution(
        count=len(ordered),
        minimum=ordered[0],
        lower_quartile=money(_quantile(ordered, quarter)),
        median=money(_quantile(ordered, 2 * quarter)),
        upper_quartile=money(_quantile(ordered, 3 * quarter)),
        maximum=ordered[-1],
    )


@dataclass(frozen=True, slots=True)
class FeeDistribution:
    """The distribution of one fee method's standard: RMB amounts, or percent for royalties."""

    method: FeeMethod
    in_percent: bool
    distribution: Distribution


def _standard(terms: FeeTerms) -> Decimal | None:
    """The comparable figure of ``terms``: the amount (yuan) or rate (percent) its method sets;
    for entry fee + royalty, the entry fee."""
    amount = {
        FeeMethod.LUMP_SUM: terms.lump_sum_fen,
        FeeMethod.ANNUAL_FIXED: terms.annual_fee_fen,
        FeeMethod.PER_UNIT: terms.per_unit_fen,
        FeeMethod.ENTRY_PLUS_ROYALTY: terms.entry_fee_fen,
    }.get(terms.method)
    if amount is not None:
        return Decimal(amount) / 100
    if terms.method in (FeeMethod.ROYALTY_SALES, FeeMethod.ROYALTY_PROFIT):
        return terms.royalty_rate_percent
    return None


def declared_fee_distributions(
    declared: Iterable[FeeTerms], *, min_points: int = DEFAULT_MIN_POINTS
) -> tuple[FeeDistribution, ...]:
    """`fee_distribution` of each fee method among ``declared`` (the terms announced for one
    IPC subclass), in FeeMethod order; methods with fewer than ``min_points`` are left out, so
    an empty tuple means "not enough data". Free licences have no figure to compare."""
    by_method: dict[FeeMethod, list[Decimal]] = {}
    for terms in declared:
        value = _standard(terms)
        if value is not None:
            by_method.setdefault(terms.method, []).append(value)
    out: list[FeeDistribution] = []
    for method in FeeMethod:
        distribution = fee_distribution(by_method.get(method, []), min_points=min_points)
        if distribution is not None:
            in_percent = method in (FeeMethod.ROYALTY_SALES, FeeMethod.ROYALTY_PROFIT)
            out.append(FeeDistribution(method, in_percent, distribution))
    return tuple(out)
