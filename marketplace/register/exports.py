"""Open data: the register as CSV and JSON, streamed row by row, and the Atom feed's entries.

CSV: UTF-8 with a byte-order mark (spreadsheet programs then read Chinese correctly), one row per
declaration, the columns of ``CSV_COLUMNS`` (documented in the README). JSON: one document
``{"generated_at": ..., "items": [...]}`` written as it is read, each item the
API's record. Text that a spreadsheet would take for a formula, in list columns too, is prefixed
with ``'`` (``marketplace.spreadsheets``).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Final

from marketplace.register.entries import RegisterEntry
from marketplace.spreadsheets import csv_line

Summary = Callable[[RegisterEntry], str]

CSV_COLUMNS: Final = (
    "announcement_number", "announcement_date", "status", "withdrawal_number",
    "withdrawal_date", "patent_number", "application_number", "title", "kind", "main_ipc",
    "ipc_codes", "patent_status", "patentees", "fee_method", "fee_standard", "payment_terms",
    "licence_start", "licence_end", "application_fields", "target_products", "maturity_stage",
    "advantages", "know_how", "know_how_price_yuan", "contact_name", "contact_phone",
    "contact_email", "snapshot_hash",
)


def csv_row(entry: RegisterEntry, fee_standard: str) -> list[object]:
    data = entry.to_data(fee_standard)
    price = entry.know_how_price_fen
    data["know_how_price_yuan"] = None if price is None else f"{Decimal(price) / 100:.2f}"
    contact = data.pop("contact")
    data.update({f"contact_{key}": value for key, value in contact.items()})
    return [data[column] for column in CSV_COLUMNS]


def csv_stream(entries: Iterable[RegisterEntry], summary: Summary) -> Iterator[str]:
    """The heading row (after the BOM), then one row per entry."""
    yield "\ufeff" + csv_line(CSV_COLUMNS)
    for entry in entries:
        yield csv_line(csv_row(entry, summary(entry)))


def _iso(value: object) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(f"not JSON: {value!r}")


def json_stream(entries: Iterable[RegisterEntry], summary: Summary,
                generated_at: dt.datetime) -> Iterator[str]:
    """One JSON document, written item by item."""
    yield '{"generated_at": ' + json.dumps(generated_at.isoformat()) + ', "items": ['
    separator = ""
    for entry in entries:
        yield separator + json.dumps(entry.to_data(summary(entry)), ensure_ascii=False,
                                           default=_iso)
        separator = ", "
    yield "]}"


@dataclass(frozen=True)
class FeedEntry:
    """An Atom entry: an announcement or a withdrawal, with a tag URI that never changes."""

    id: str
    number: str
    updated: dt.datetime
    withdrawal: bool
    entry: RegisterEntry


def tag_uri(authority: str, day: dt.date, number: str) -> str:
    """``tag:example.org,2026-11-02:KF-OL-2026-000123`` (RFC 4151): stable for the number."""
    return f"tag:{authority},{day.isoformat()}:{number}"


def _midnight(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(), dt.UTC)


def feed_entries(authority: str, announced: Iterable[RegisterEntry],
                 withdrawn: Iterable[RegisterEntry], limit: int) -> list[FeedEntry]:
    """The newest ``limit`` announcements and withdrawals together, newest first."""
    items = [FeedEntry(tag_uri(authority, e.announcement_date, e.announcement_number),
                       e.announcement_number,
                       e.announced_at or _midnight(e.announcement_date), False, e)
             for e in announced]
    items.extend(FeedEntry(tag_uri(authority, e.withdrawal_date, e.withdrawal_number),
                           e.withdrawal_number, _midnight(e.withdrawal_date), True, e)
                 for e in withdrawn
                 if e.withdrawal_date is not None and e.withdrawal_number is not None)
    items.sort(key=lambda item: (item.updated, item.number), reverse=True)
    return items[:limit]
