"""The one writer of CSV and XLSX cells: text a spreadsheet would run is shown, never run."""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
from openpyxl import Workbook, load_workbook

from marketplace.spreadsheets import csv_document, csv_line, xlsx_append


@pytest.mark.parametrize("text", ["=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1"])
def test_formula_starts_are_prefixed(text: str) -> None:
    assert next(csv.reader(io.StringIO(csv_line([text])))) == ["'" + text]


def test_numbers_dates_lists_and_plain_text() -> None:
    line = csv_line([Decimal("-12.50"), -3, dt.date(2026, 1, 2), ["-a", "b"], "安全", None])
    assert next(csv.reader(io.StringIO(line))) == ["-12.50", "-3", "2026-01-02", "'-a; b",
                                                   "安全", ""]
    assert csv_document([["a"]]) == "\ufeffa\r\n".encode()


def test_xlsx_cells_are_strings_never_formulas() -> None:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    xlsx_append(sheet, ['=HYPERLINK("http://x","y")', Decimal("-1.5"), dt.date(2026, 1, 2)])
    buffer = io.BytesIO()
    workbook.save(buffer)
    row = next(load_workbook(buffer).active.iter_rows())  # type: ignore[union-attr]
    assert (row[0].value, row[0].data_type) == ('\'=HYPERLINK("http://x","y")', "s")
    assert row[1].value == -1.5 and row[2].value == dt.datetime(2026, 1, 2)
