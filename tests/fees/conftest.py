"""Fixtures for the fee tests: changing a setting for one test, calling the calculator API."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

CALCULATE = "/api/v1/fees/calculate"

# DOMAIN §4.2: invention filed 2015-03-10, granted 2019-09-20, i.e. in patent year 5
# (2019-03-10 .. 2020-03-09). Fee year n is due 2015-03-10 + (n − 1) years: year 11 on
# 2025-03-10, year 12 on 2026-03-10. Declaration announced 2025-06-01; an open-licence
# contract recorded 2025-11-20, before year 12's due date.
UNIVERSITY = {"name": "浙江大学", "eligible": True, "basis": "事业单位"}
COMPANY = {"name": "杭州某科技有限公司", "eligible": False}
BASE: dict[str, Any] = {
    "kind": "invention",
    "filing_date": "2015-03-10",
    "grant_date": "2019-09-20",
    "owners": [UNIVERSITY],
    "declarations": [{"announced_on": "2025-06-01"}],
    "record_dates": ["2025-11-20"],
    "as_of": "2019-09-20",
}

Calc = Callable[..., dict[str, Any]]


@pytest.fixture()
def settings(app: Flask) -> Iterator[Callable[..., None]]:
    """``settings(NAME=value)`` changes app settings until the test ends."""
    saved: dict[str, Any] = {}

    def change(**values: Any) -> None:
        for name, value in values.items():
            saved.setdefault(name, app.config[name])
            app.config[name] = value

    yield change
    app.config.update(saved)


@pytest.fixture()
def calc(client: FlaskClient) -> Calc:
    """POST the base facts with ``changes`` to the calculator; the ledger's JSON."""

    def run(**changes: Any) -> dict[str, Any]:
        response = client.post(CALCULATE, json={**BASE, **changes})
        assert response.status_code == 200, response.json
        result: dict[str, Any] = response.json
        result["by_year"] = {line["fee_year"]: line for line in result["lines"]}
        return result

    return run
