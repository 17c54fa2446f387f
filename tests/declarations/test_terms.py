"""Fee terms round-trip through JSON and hash the same way whatever the key order."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from marketplace.declarations.terms import (
    FeeMethod,
    FeeTerms,
    RoyaltyBase,
    canonical_json,
    content_hash,
)


@pytest.mark.parametrize("terms", [
    FeeTerms(FeeMethod.LUMP_SUM, lump_sum_fen=5_000_000),
    FeeTerms(FeeMethod.ROYALTY_SALES, royalty_rate_percent=Decimal("3.5"),
             min_annual_fen=1_000_000),
    FeeTerms(FeeMethod.ENTRY_PLUS_ROYALTY, entry_fee_fen=200_000,
             royalty_base=RoyaltyBase.UNITS, per_unit_fen=150),
    FeeTerms(FeeMethod.FREE),
])
def test_terms_round_trip(terms: FeeTerms) -> None:
    assert FeeTerms.from_dict(terms.to_dict()) == terms


def test_base_follows_the_method() -> None:
    assert FeeTerms(FeeMethod.ROYALTY_PROFIT).base is RoyaltyBase.PROFIT
    assert FeeTerms(FeeMethod.PER_UNIT).base is RoyaltyBase.UNITS
    assert FeeTerms(FeeMethod.ENTRY_PLUS_ROYALTY,
                    royalty_base=RoyaltyBase.NET_SALES).base is RoyaltyBase.NET_SALES
    assert not FeeTerms(FeeMethod.ANNUAL_FIXED).is_running_royalty
    assert not FeeTerms(FeeMethod.FREE).is_running_royalty


def test_unknown_fields_are_refused() -> None:
    with pytest.raises(ValueError, match="bogus"):
        FeeTerms.from_dict({"method": "free", "bogus": 1})


def test_hash_ignores_key_order_but_not_content() -> None:
    a = {"patent": "ZL202110000001.2", "start": date(2026, 1, 1), "rate": Decimal("3.50")}
    b = {"rate": Decimal("3.50"), "start": date(2026, 1, 1), "patent": "ZL202110000001.2"}
    assert canonical_json(a) == canonical_json(b)
    assert content_hash(a) == content_hash(b)
    assert content_hash(a) != content_hash({**a, "rate": Decimal("3.5")})
    assert len(content_hash(a)) == 64
