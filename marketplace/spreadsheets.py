"""Every CSV and XLSX cell the product writes goes through here, so no text becomes a formula.

A spreadsheet program runs a cell that starts with ``=``, ``+``, ``-`` or ``@`` (and, after
trimming, one starting with a tab or a carriage return) as a formula: a patent titled
``=HYPERLINK("http://…","…")`` would be a live link in the office's fee statement. Following
OWASP's CSV-injection guidance, such text is prefixed with ``'`` (shown, not run); numbers and
dates stay numbers and dates. In XLSX every text is also written as a string cell, never a
formula. Lists are joined with ``"; "`` before the check, so a list column is protected too.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Final

from openpyxl.worksheet.worksheet import Worksheet

__all__ = ["FORMULA_STARTS", "csv_document", "csv_line", "neutralise", "xlsx_append"]

FORMULA_STARTS: Final = ("=", "+", "-", "@", "\t", "\r")
LIST_SEPARATOR: Final = "; "

Value = str | int | float | Decimal | dt.date | None


def neutralise(text: str) -> str:
    """``text`` with ``'`` in front when a spreadsheet would take it for a formula."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _value(value: object) -> Value:
    """A cell's value: text neutralised, lists joined, numbers and dates as they are."""
    if value is None or isinstance(value, int | float | Decimal | dt.date):
        return value
    if isinstance(value, list | tuple):
        return neutralise(LIST_SEPARATOR.join(str(item) for item in value))
    return neutralise(str(value))


def _text(value: object) -> str:
    cell = _value(value)
    if cell is None:
        return ""
    if isinstance(cell, dt.date):
        return cell.isoformat()
    return str(cell)


def csv_line(cells: Iterable[object]) -> str:
    """One CSV line (``\\r\\n``-terminated); dates ISO 8601, ``None`` empty."""
    buffer = io.StringIO()
    csv.writer(buffer).writerow([_text(cell) for cell in cells])
    return buffer.getvalue()


def csv_document(rows: Iterable[Iterable[object]]) -> bytes:
    """A whole CSV file: UTF-8 with a byte-order mark, so spreadsheet programs read Chinese."""
    return ("\ufeff" + "".join(csv_line(row) for row in rows)).encode("utf-8")


def xlsx_append(sheet: Worksheet, cells: Sequence[object]) -> None:
    """Append a row to ``sheet``: texts neutralised and typed as strings, never formulas."""
    sheet.append([_value(cell) for cell in cells])
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str):
            cell.data_type = "s"
