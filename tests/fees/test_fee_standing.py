"""Fee pages separate what was paid, what is payable now, what is late, what is not yet due
(a projection) and what is repayable; one line per amount (issue 13 item 6).

The patent is Example A's invention (filed 2015-03-10, granted 2019-09-20, fees from the grant
year 5: year 12 due 2026-03-10 is RMB 4,000 full; years 13–15 RMB 6,000; 16–20 RMB 8,000), its
owner not eligible for the general reduction and no open licence: payable = full fee.
"""

from __future__ import annotations

import datetime as dt

from flask.testing import FlaskClient

from marketplace.fees.rules import FeeStatus
from marketplace.fees.standing import Part, standing


class Line:
    """A ledger line with only the fields the standing reads."""

    def __init__(self, status: FeeStatus, due: dt.date, payable: int, paid: int = 0,
                 owed: int = 0, clawback: int = 0) -> None:
        self.status, self.due_date, self.payable_fen = status, due, payable
        self.paid_fen, self.amount_owed_fen, self.clawback_fen = paid, owed, clawback


def test_standing_puts_each_amount_in_one_place_only() -> None:
    """Hand-computed: year 10 paid 900; year 11 in grace owes 900 + late fee 45 = 945;
    year 12 payable 1,200 (300 of it paid already: owes 900); years 13 and 14 not yet due,
    1,200 each; a repayable saving of 180 counted in year 12's owed amount counts once."""
    lines = [
        Line(FeeStatus.PAID, dt.date(2024, 3, 10), 900, paid=900),
        Line(FeeStatus.IN_GRACE, dt.date(2025, 3, 10), 900, owed=945),
        Line(FeeStatus.DUE, dt.date(2026, 3, 10), 1200, paid=300, owed=900 + 180, clawback=180),
        Line(FeeStatus.NOT_YET_DUE, dt.date(2027, 3, 10), 1200),
        Line(FeeStatus.NOT_YET_DUE, dt.date(2028, 3, 10), 1200),
    ]
    result = standing(lines)
    assert result.paid_fen == 1200
    assert result.late == Part(1, 945, dt.date(2025, 3, 10))
    assert result.payable == Part(1, 900, dt.date(2026, 3, 10))
    assert result.not_yet_due == Part(2, 2400, dt.date(2027, 3, 10))
    assert result.repayable_fen == 180
    assert result.owed_now_fen == 945 + 900 + 180


def _html(client: FlaskClient, path: str) -> str:
    response = client.get(path, headers={"Accept-Language": "en"})
    assert response.status_code == 200, response.status_code
    return response.get_data(as_text=True)


def test_calculator_asks_the_required_facts_first_and_folds_the_rest(
        client: FlaskClient) -> None:
    """Kind, dates and patentees show; the optional facts are folded until one is given."""
    blank = _html(client, "/fees/calculator")
    folded = blank[blank.index('<details id="optional-facts"'):]
    assert folded.startswith('<details id="optional-facts">')  # closed
    assert 'id="filing_date"' in blank[:blank.index('<details id="optional-facts"')]
    assert 'id="settled_through"' in folded
    base = {"kind": "invention", "filing_date": "2015-03-10", "grant_date": "2019-09-20",
            "owners-0-name": "浙江大学"}
    html = client.get("/fees/calculator", query_string=base).get_data(as_text=True)
    assert '<details id="optional-facts">' in html and 'id="result-title"' in html
    html = client.get("/fees/calculator",
                      query_string={**base, "settled_through": "2025-12-31"}).get_data(
                          as_text=True)
    assert '<details id="optional-facts" open>' in html
