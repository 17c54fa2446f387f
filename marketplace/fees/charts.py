"""The fee pages' charts and the office's compact table: presentation of the ledger's totals
(`statements.year_totals`), nothing recomputed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from marketplace.fees.statements import YearTotals
from marketplace.web.charts import Chart, ChartKind, Series

#: The money columns of the office's table, in order, with their headings.
OFFICE_COLUMNS = (
    ("full_fen", _l("Full fees")),
    ("general_reductions_fen", _l("General reductions")),
    ("open_licence_reductions_fen", _l("Open-licence reductions")),
    ("open_licence_savings_fen", _l("Saved by open licensing")),
    ("payable_fen", _l("Fees due")),
    ("paid_fen", _l("Paid")),
    ("late_fees_fen", _l("Late fees")),
    ("clawback_fen", _l("Repayable savings")),
    ("owed_fen", _l("Still to pay")),
)


def year_label(year: int, today: dt.date) -> str:
    """A year, marked when its fees are all still to come (a projection)."""
    return f"{year}*" if year > today.year else str(year)


def projection_note(totals: Sequence[YearTotals], today: dt.date) -> str:
    if any(t.year > today.year for t in totals):
        return str(_("* Projected: the fees of these years are not yet due; they are computed from "
                 "today’s facts and change with payments, licences and eligibility."))
    return ""


def fees_by_year(key: str, title: str, totals: Sequence[YearTotals], today: dt.date) -> Chart:
    """Payable fees, payments and open-licence savings by due year."""
    shown = [t for t in totals if t.payable_fen or t.paid_fen or t.open_licence_savings_fen]
    return Chart(
        key=key, title=title, kind=ChartKind.BAR,
        labels=tuple(year_label(t.year, today) for t in shown),
        series=(Series(_("Fees due"), tuple(float(t.payable_fen) for t in shown)),
                Series(_("Paid"), tuple(float(t.paid_fen) for t in shown)),
                Series(_("Saved by open licensing"),
                       tuple(float(t.open_licence_savings_fen) for t in shown))),
        money=True, note=projection_note(shown, today))


def reductions_by_year(totals: Sequence[YearTotals], today: dt.date) -> Chart:
    """The platform's fees and the reductions granted, stacked by due year (office)."""
    shown = [t for t in totals if t.full_fen]
    return Chart(
        key="office-fees", title=_("Annual fees and reductions by due year"),
        kind=ChartKind.STACKED_BAR, labels=tuple(year_label(t.year, today) for t in shown),
        series=(Series(_("Fees due"), tuple(float(t.payable_fen) for t in shown)),
                Series(_("General reductions"),
                       tuple(float(t.general_reductions_fen) for t in shown)),
                Series(_("Open-licence reductions"),
                       tuple(float(t.open_licence_reductions_fen) for t in shown))),
        money=True, note=projection_note(shown, today))


@dataclass(frozen=True)
class CompactTable:
    """The office's totals without the columns and rows that hold nothing but zeros."""

    columns: list[tuple[str, str]]
    rows: list[YearTotals]


def compact(totals: Sequence[YearTotals]) -> CompactTable:
    """Columns with a figure somewhere; the savings column only where it differs from the
    open-licence reductions (it does when a general reduction would otherwise apply)."""
    same = all(t.open_licence_savings_fen == t.open_licence_reductions_fen for t in totals)
    columns = [(name, str(label)) for name, label in OFFICE_COLUMNS
               if any(getattr(t, name) for t in totals)
               and not (same and name == "open_licence_savings_fen")]
    rows = [t for t in totals if any(getattr(t, name) for name, _label in columns)]
    return CompactTable(columns, rows)
