"""Charts drawn on the server as inline SVG (pygal), each with its figures as a table.

Pages stay usable without JavaScript: the SVG is static (pygal's tooltip scripts are left out,
including its inline configuration script, which ``script-src 'self'`` would refuse), and the
template macro ``macros/charts.html`` shows the same figures as a table in a ``<details>``
beside the chart. A chart is described by plain data (`Chart`); `svg` draws it.
"""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from enum import StrEnum

import pygal
from markupsafe import Markup
from pygal.style import Style

# pygal puts an import hook for its optional map plugins (``pygal.maps.*``, unused here) on
# sys.meta_path; it lacks ``find_spec``, which breaks importers that ask every finder for it
# (pytest's). Take it off again.
sys.meta_path[:] = [finder for finder in sys.meta_path
                    if type(finder).__name__ != "PluginImportFixer"]

__all__ = ["Chart", "ChartKind", "Series", "svg"]

# The site's palette: blue, teal, amber, grey, then lighter shades.
COLOURS = ("#1f5fa8", "#2a9d8f", "#e9a23b", "#8d99ae", "#7fb3e6", "#9ad4cc", "#f4d29c")

STYLE = Style(
    background="transparent",
    plot_background="transparent",
    foreground="#333333",
    foreground_strong="#111111",
    foreground_subtle="#d6d9de",
    opacity="0.9",
    opacity_hover="1",
    colors=COLOURS,
    font_family='system-ui, "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif',
    title_font_size=18,
    label_font_size=14,
    major_label_font_size=14,
    legend_font_size=15,
    value_font_size=13,
)


#: Most labels along a bar or line chart's axis before only every n-th is written.
MAX_X_LABELS = 8


class ChartKind(StrEnum):
    BAR = "bar"
    STACKED_BAR = "stacked_bar"
    LINE = "line"
    PIE = "pie"


@dataclass(frozen=True)
class Series:
    """One series: its name and one value per label (``None``: no value there)."""

    name: str
    values: tuple[float | None, ...]


@dataclass(frozen=True)
class Chart:
    """What a chart shows: a title, the labels along its axis and its series.

    ``money``: the values are fen (the table formats them as yuan; the chart draws yuan).
    ``note``: what the reader must know to read it (e.g. which years are projections).
    """

    key: str
    title: str
    kind: ChartKind
    labels: tuple[str, ...]
    series: tuple[Series, ...]
    money: bool = False
    note: str = ""
    colours: tuple[str, ...] = ()

    @property
    def empty(self) -> bool:
        return not any(v for s in self.series for v in s.values)

    def svg(self) -> Markup:
        return svg(self)

    def rows(self) -> list[tuple[str, list[float | None]]]:
        """The table: one row per label, one cell per series."""
        return [(label, [s.values[i] for s in self.series])
                for i, label in enumerate(self.labels)]


def _plotted(chart: Chart, value: float | None) -> float | None:
    if value is None:
        return None
    return value / 100 if chart.money else value


def _style(chart: Chart) -> Style:
    if not chart.colours:
        return STYLE
    return Style(**{**{name: getattr(STYLE, name) for name in _STYLE_FIELDS},
                    "colors": chart.colours + COLOURS})


_STYLE_FIELDS = ("background", "plot_background", "foreground", "foreground_strong",
                 "foreground_subtle", "opacity", "opacity_hover", "font_family",
                 "title_font_size", "label_font_size", "major_label_font_size",
                 "legend_font_size", "value_font_size")


def _width(text: str) -> int:
    """Roughly how many Latin letters wide a text is (a Chinese character counts two)."""
    return sum(2 if ord(char) > 0x2E80 else 1 for char in text)


def _pygal_chart(chart: Chart) -> pygal.graph.graph.Graph:
    longest = max((_width(s.name) for s in chart.series), default=0)
    columns = min(len(chart.series), 1 if longest > 36 else 2 if longest > 18 else 3)
    legend_rows = -(-len(chart.series) // columns)
    common = {"style": _style(chart), "js": [], "disable_xml_declaration": True,
              "title": chart.title, "width": 520, "height": 270 + 22 * legend_rows,
              "legend_at_bottom": True, "legend_at_bottom_columns": columns, "margin": 12,
              "print_values": False, "truncate_legend": -1, "truncate_label": -1}
    if chart.kind is ChartKind.PIE:
        # A pie's legend beside it: the slices stay large.
        common.update(legend_at_bottom=False, height=280)
    else:
        # pygal under-measures a bottom legend in larger fonts: room for every row.
        common["margin_bottom"] = 4 + 22 * legend_rows
    if chart.money:
        common["value_formatter"] = lambda value: f"{value:,.0f}"
    if chart.kind is ChartKind.PIE:
        pie = pygal.Pie(inner_radius=0.45, **common)
        for label, value in zip(chart.labels, chart.series[0].values, strict=True):
            pie.add(label, _plotted(chart, value))
        return pie
    cls = {ChartKind.BAR: pygal.Bar, ChartKind.STACKED_BAR: pygal.StackedBar,
           ChartKind.LINE: pygal.Line}[chart.kind]
    if len(chart.labels) > MAX_X_LABELS:
        # Many years: label every n-th, so that the labels never overlap.
        common.update(x_labels_major_every=-(-len(chart.labels) // MAX_X_LABELS),
                      show_minor_x_labels=False)
    graph = cls(min_scale=4, max_scale=8, **common)
    graph.x_labels = list(chart.labels)
    for series in chart.series:
        graph.add(series.name, [_plotted(chart, v) for v in series.values])
    return graph


def svg(chart: Chart) -> Markup:
    """The chart as an inline ``<svg>`` element (no XML declaration, no script), labelled with
    its title for screen readers; it scales to its container's width."""
    tree = _pygal_chart(chart).render_tree()
    for parent in list(tree.iter()):
        for child in list(parent):
            if child.tag == "script" or not isinstance(child.tag, str):
                parent.remove(child)  # scripts, and comments naming the render date
    tree.set("role", "img")
    tree.set("aria-label", chart.title)
    tree.set("class", f"{tree.get('class', '')} chart-{chart.key}".strip())
    return Markup(ET.tostring(tree, encoding="unicode"))

