"""The statistics page's charts, drawn from `statistics`' figures (nothing recomputed)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from flask_babel import gettext as _

from marketplace.declarations.terms import FeeMethod
from marketplace.register.statistics import DeclarationFigures, LicenceFigures, SavingsYear
from marketplace.web.charts import Chart, ChartKind, Series
from marketplace.web.formatting import format_day


def declarations_by_year(figures: DeclarationFigures) -> Chart:
    rows = sorted(figures.by_year, key=lambda r: r.year)
    return Chart(key="declarations-by-year",
                 title=_("Declarations announced and withdrawn by year"), kind=ChartKind.BAR,
                 labels=tuple(str(r.year) for r in rows),
                 series=(Series(_("Announced"), tuple(float(r.announced) for r in rows)),
                         Series(_("Withdrawn"), tuple(float(r.withdrawn) for r in rows))))


def by_fee_method(key: str, title: str, counts: Sequence[tuple[FeeMethod, int]],
                  names: Mapping[FeeMethod, object]) -> Chart:
    return Chart(key=key, title=title, kind=ChartKind.PIE,
                 labels=tuple(str(names[method]) for method, _n in counts),
                 series=(Series(title, tuple(float(n) for _m, n in counts)),))


def licences_by_year(figures: LicenceFigures) -> Chart:
    return Chart(key="licences-by-year", title=_("Open licences taken and in effect by year"),
                 kind=ChartKind.BAR, labels=tuple(str(y) for y, _t, _e in figures.by_year),
                 series=(Series(_("Taken (notice given)"),
                                tuple(float(t) for _y, t, _e in figures.by_year)),
                         Series(_("Took effect"),
                                tuple(float(e) for _y, _t, e in figures.by_year))))


def savings(years: Sequence[SavingsYear], today: dt.date) -> Chart:
    """Savings on fees already due, and projected savings on fees not yet due, stacked."""
    return Chart(
        key="savings", title=_("Annual fees saved through open licensing, by due year"),
        kind=ChartKind.STACKED_BAR, labels=tuple(str(y.year) for y in years),
        series=(Series(_("Saved (fees already due)"),
                       tuple(float(y.actual_fen) if y.actual_fen else None for y in years)),
                Series(_("Projected (fees not yet due)"),
                       tuple(float(y.projected_fen) if y.projected_fen else None
                             for y in years))),
        money=True, colours=("#1f5fa8", "#a9c4e6"),
        note=_("Projected savings are those of fees due after %(day)s under the open licences "
               "recorded today; they change as licences are recorded, end or are withdrawn.",
               day=format_day(today)))
