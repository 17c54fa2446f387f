"""The fee calculator: a hypothetical patent's facts → its full annual-fee ledger (issue item 7).

The same ``rules.ledger`` the persisted ledger uses, with the same settings (``policy``); nothing
is read from or written to the database. Input and output shapes are ``schemas.CalculatorInSchema``
and ``schemas.CalculationOutSchema`` (API, page and ``marketplace fees calculate``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from marketplace.calendar import WorkingCalendar
from marketplace.errors import N_, Message, ValidationFailed
from marketplace.fees.lines import FeeLine, FeeTotals
from marketplace.fees.rules import FeePolicy, PatentFacts, ledger


@dataclass(frozen=True)
class CalculatorInput:
    """A hypothetical patent and the day to compute its ledger on."""

    facts: PatentFacts
    as_of: date


@dataclass(frozen=True)
class Calculation:
    """The ledger of a hypothetical patent and the settings it was computed with."""

    as_of: date
    policy: FeePolicy
    expiry: date
    grant_fee_year: int
    lapsed_on: date | None
    lines: tuple[FeeLine, ...]
    totals: FeeTotals


def calculate(
    given: CalculatorInput, *, policy: FeePolicy, calendar: WorkingCalendar | None
) -> Calculation:
    """The ledger of ``given.facts`` on ``given.as_of`` under ``policy`` (D11–D18).

    Raises ``ValidationFailed`` when the facts contradict each other in a way the input schema
    did not catch (the rules' own checks).
    """
    try:
        result = ledger(given.facts, today=given.as_of, policy=policy, calendar=calendar)
    except ValueError as exc:
        raise ValidationFailed(N_("These facts do not describe a possible patent."),
                               {"_schema": [Message.of(exc)]}) from exc
    return Calculation(
        as_of=given.as_of,
        policy=policy,
        expiry=result.expiry,
        grant_fee_year=result.grant_fee_year,
        lapsed_on=result.lapsed_on,
        lines=tuple(FeeLine.of(line) for line in result.lines),
        totals=FeeTotals.of(result.totals),
    )
