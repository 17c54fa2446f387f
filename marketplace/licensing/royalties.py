"""What a licensee owes under the frozen terms: royalties, the payment schedule and the statement.

Pure functions over dates, integer fen and ``Decimal`` rates (DOMAIN D8, D9, R1.6; Law Art. 51(1):
the licence fee is paid "according to the announced method and standard"). Amounts are integer
fen; every product of a rate is computed exactly in ``Decimal`` and rounded half-up to the fen
once, per amount. Settings arrive as a `LicensingPolicy`.

Timeline: a licence runs from its start to the last day of its frozen licence period (never after
the patent's expiry, D7), or to an earlier end (`rules.licence_end`). Licence year n runs from the
(n−1)th anniversary of the start to the day before the n-th (month-end rule, R2.10). Reporting
periods of ``policy.report_months`` months are counted from the start and tile each licence year;
each report and its royalty are due ``policy.report_due_days`` after its period ends (rolled to a
working day, R2.10).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from marketplace.calendar import add_months, add_years
from marketplace.calendar import period_end as end_of_period
from marketplace.declarations.terms import FeeMethod, FeeTerms, RoyaltyBase
from marketplace.errors import N_, Message
from marketplace.licensing.policy import LicensingPolicy

__all__ = [
    "BASE_NAMES",
    "METHOD_NAMES",
    "LicenceStatement",
    "LicenceTimeline",
    "LineStatus",
    "Obligation",
    "ObligationKind",
    "Payment",
    "Period",
    "ReportFigures",
    "ReportingPeriod",
    "RoyaltyReport",
    "StatementLine",
    "Totals",
    "licence_statement",
    "licence_years",
    "payment_schedule",
    "prorated_fen",
    "report_problems",
    "reporting_periods",
    "royalty_fen",
    "to_fen",
]

_ONE_DAY = timedelta(days=1)
_HUNDRED = Decimal(100)


def to_fen(amount: Decimal) -> int:
    """``amount`` (in fen) rounded half-up to a whole fen: the one rounding rule here."""
    return int(amount.quantize(Decimal(1), rounding=ROUND_HALF_UP))


# --- Periods -------------------------------------------------------------------------------------


@dataclass(frozen=True, order=True)
class Period:
    """The days ``start`` to ``end``, both included."""

    start: date
    end: date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError(f"a period cannot end ({self.end}) before it starts ({self.start})")

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def overlaps(self, other: Period) -> bool:
        return self.start <= other.end and other.start <= self.end

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.start <= day <= self.end


@dataclass(frozen=True)
class LicenceTimeline:
    """When a licence runs.

    ``period_end`` is the last day of its frozen licence period, already clipped to the patent's
    expiry (D7, R3.12); ``last_day`` the last day it is actually in force, earlier when it ended
    early (``rules.licence_end``); ``None`` means it runs to ``period_end``. A ``last_day`` before
    ``start`` means it ended before it began.
    """

    start: date
    period_end: date
    last_day: date | None = None

    def __post_init__(self) -> None:
        if self.period_end < self.start:
            raise ValueError("the licence period ends before it starts")
        if self.last_day is not None and self.last_day > self.period_end:
            raise ValueError("a licence cannot outlast its licence period")

    @property
    def end(self) -> date:
        """The last day in force."""
        return self.period_end if self.last_day is None else self.last_day


def _year_bounds(start: date, n: int) -> Period:
    """Licence year ``n`` in full, not clipped to the licence's end."""
    return Period(add_years(start, n - 1), add_years(start, n) - _ONE_DAY)


def licence_years(timeline: LicenceTimeline) -> list[Period]:
    """The licence years of the frozen period, the last one cut at ``period_end`` (R2.10)."""
    years: list[Period] = []
    n = 1
    while (full := _year_bounds(timeline.start, n)).start <= timeline.period_end:
        years.append(Period(full.start, min(full.end, timeline.period_end)))
        n += 1
    return years


def prorated_fen(amount_fen: int, days: int, year_days: int) -> int:
    """``amount_fen`` for ``days`` of a ``year_days``-day licence year, half-up to the fen.

    Used for an annual fee of a final part-year of the licence period and for the annual minimum
    of a year the licence was not in force throughout.
    """
    if days >= year_days:
        return amount_fen
    return to_fen(Decimal(amount_fen) * days / year_days)


@dataclass(frozen=True)
class ReportingPeriod:
    """One royalty reporting period of licence year ``licence_year`` and its due date."""

    licence_year: int
    period: Period
    due_on: date


def reporting_periods(timeline: LicenceTimeline, policy: LicensingPolicy) -> list[ReportingPeriod]:
    """The reporting periods from the start to the last day in force (D9).

    Period i runs from ``start + i·report_months`` months to the day before the next (month-end
    rule, R2.10); the last one is cut at the last day in force. Each is due
    ``report_due_days`` after its last day, rolled to a working day (R2.10).
    """
    out: list[ReportingPeriod] = []
    i = 0
    while (first := add_months(timeline.start, i * policy.report_months)) <= timeline.end:
        last = min(add_months(timeline.start, (i + 1) * policy.report_months) - _ONE_DAY,
                   timeline.end)
        due = end_of_period(last, days=policy.report_due_days, calendar=policy.calendar)
        out.append(ReportingPeriod(i // policy.periods_per_year + 1, Period(first, last), due))
        i += 1
    return out


# --- Royalty of one report ----------------------------------------------------------------------


@dataclass(frozen=True)
class ReportFigures:
    """What a licensee reports for one period; only the figure the terms' base uses is set."""

    net_sales_fen: int | None = None
    profit_fen: int | None = None
    units: int | None = None

    def value(self, base: RoyaltyBase) -> int | None:
        return {
            RoyaltyBase.NET_SALES: self.net_sales_fen,
            RoyaltyBase.PROFIT: self.profit_fen,
            RoyaltyBase.UNITS: self.units,
        }[base]


@dataclass(frozen=True)
class RoyaltyReport:
    """A filed report: its period and figures."""

    period: Period
    figures: ReportFigures


def royalty_fen(terms: FeeTerms, figures: ReportFigures) -> int:
    """The running royalty for one reported period under ``terms`` (D9, R1.6).

    Net sales × rate (ROYALTY_SALES, or ENTRY_PLUS_ROYALTY on net sales), profit × rate
    (ROYALTY_PROFIT, or entry-plus on profit), units × per-unit fee (PER_UNIT, or entry-plus on
    units). Rates are percentages; the product is exact and rounded half-up to the fen once.
    The annual minimum is not applied here (see `payment_schedule`). Raises ``ValueError`` for
    terms without a running royalty or a missing or negative figure (`report_problems` says
    which, translatably).
    """
    base = terms.base
    if base is None:
        raise ValueError(f"{terms.method.value} terms have no running royalty")
    value = figures.value(base)
    if value is None or value < 0:
        raise ValueError(f"a non-negative {base.value} figure is required")
    if base is RoyaltyBase.UNITS:
        if terms.per_unit_fen is None:
            raise ValueError("per-unit terms without a per-unit fee")
        return value * terms.per_unit_fen
    if terms.royalty_rate_percent is None:
        raise ValueError("royalty terms without a rate")
    return to_fen(Decimal(value) * terms.royalty_rate_percent / _HUNDRED)


# --- Report validation ---------------------------------------------------------------------------

METHOD_NAMES: Mapping[FeeMethod, Message] = {
    FeeMethod.LUMP_SUM: Message(N_("lump sum")),
    FeeMethod.ANNUAL_FIXED: Message(N_("fixed annual fee")),
    FeeMethod.ROYALTY_SALES: Message(N_("royalty on net sales")),
    FeeMethod.ROYALTY_PROFIT: Message(N_("royalty on profit")),
    FeeMethod.PER_UNIT: Message(N_("royalty per unit")),
    FeeMethod.ENTRY_PLUS_ROYALTY: Message(N_("entry fee plus royalty")),
    FeeMethod.FREE: Message(N_("free of charge")),
}
BASE_NAMES: Mapping[RoyaltyBase, Message] = {
    RoyaltyBase.NET_SALES: Message(N_("net sales")),
    RoyaltyBase.PROFIT: Message(N_("profit")),
    RoyaltyBase.UNITS: Message(N_("units")),
}
_FIGURE_FIELDS: Mapping[RoyaltyBase, str] = {
    RoyaltyBase.NET_SALES: "net_sales_fen",
    RoyaltyBase.PROFIT: "profit_fen",
    RoyaltyBase.UNITS: "units",
}


def _figure_problems(base: RoyaltyBase, figures: ReportFigures) -> dict[str, list[Message]]:
    problems: dict[str, list[Message]] = {}
    for other, field_name in _FIGURE_FIELDS.items():
        value = figures.value(other)
        if other is base and value is None:
            problems[field_name] = [Message(
                N_("Required: this licence's royalty is computed on %(base)s (D9)."),
                {"base": BASE_NAMES[base]})]
        elif other is not base and value is not None:
            problems[field_name] = [Message(
                N_("Not part of these terms: the royalty is computed on %(base)s, not on "
                   "%(other)s (D9)."),
                {"base": BASE_NAMES[base], "other": BASE_NAMES[other]})]
        elif value is not None and value < 0:
            problems[field_name] = [Message(
                N_("Must not be negative; report a loss as 0.") if other is RoyaltyBase.PROFIT
                else N_("Must not be negative."))]
    return problems


def _period_problems(
    start: date, end: date, timeline: LicenceTimeline, policy: LicensingPolicy,
    filed: Iterable[Period],
) -> dict[str, list[Message]]:
    if end < start:
        return {"period_end": [Message(N_("The period ends before it starts."))]}
    licence = Period(timeline.start, timeline.end)
    span = {"start": timeline.start.isoformat(), "end": timeline.end.isoformat()}
    if start not in licence:
        return {"period_start": [Message(
            N_("The period must lie within the licence, %(start)s to %(end)s."), span)]}
    if end not in licence:
        return {"period_end": [Message(
            N_("The period must lie within the licence, %(start)s to %(end)s."), span)]}
    period = Period(start, end)
    problems: dict[str, list[Message]] = {}
    scheduled = [p.period for p in reporting_periods(timeline, policy)]
    if period not in scheduled:
        expected = next(p for p in scheduled if start in p)
        problems["period_start"] = [Message(
            N_("Reports follow the reporting periods of the licence: the one containing "
               "%(day)s runs from %(start)s to %(end)s."),
            {"day": start.isoformat(), "start": expected.start.isoformat(),
             "end": expected.end.isoformat()})]
    clash = next((p for p in sorted(filed) if p.overlaps(period)), None)
    if clash is not None:
        problems.setdefault("period_start", []).append(Message(
            N_("A report for %(start)s to %(end)s is already filed; periods may not overlap."),
            {"start": clash.start.isoformat(), "end": clash.end.isoformat()}))
    return problems


def report_problems(
    terms: FeeTerms,
    timeline: LicenceTimeline,
    policy: LicensingPolicy,
    *,
    period_start: date,
    period_end: date,
    figures: ReportFigures,
    filed: Iterable[Period] = (),
) -> dict[str, list[Message]]:
    """What is wrong with a royalty report, keyed by field; empty when it may be filed (D9).

    Terms without a running royalty take no reports. The figure of the terms' base is required
    and the others refused (wrong base); no figure may be negative. The period must lie within
    the licence, be one of its reporting periods (`reporting_periods`) and overlap no period in
    ``filed``. A service raises ``ValidationFailed(…, problems)`` when this is not empty.
    """
    base = terms.base
    if base is None:
        return {"terms": [Message(
            N_("These licence terms (%(method)s) have no royalty reports."),
            {"method": METHOD_NAMES[terms.method]})]}
    problems = _figure_problems(base, figures)
    for field_name, messages in _period_problems(
        period_start, period_end, timeline, policy, filed
    ).items():
        problems.setdefault(field_name, []).extend(messages)
    return problems


# --- Payment schedule ----------------------------------------------------------------------------


class ObligationKind(StrEnum):
    """What a scheduled amount pays for."""

    LUMP_SUM = "lump_sum"
    ENTRY_FEE = "entry_fee"
    ANNUAL_FEE = "annual_fee"
    ROYALTY = "royalty"
    MINIMUM_TOP_UP = "minimum_top_up"


_KIND_ORDER = {kind: i for i, kind in enumerate(ObligationKind)}


@dataclass(frozen=True)
class Obligation:
    """One amount the licensee owes: for ``period``, due on ``due_on``.

    ``amount_fen`` is ``None`` while the report(s) it depends on are not filed: a royalty before
    its report, a minimum top-up before every report of its year.
    """

    kind: ObligationKind
    licence_year: int
    period: Period
    due_on: date
    amount_fen: int | None

    @property
    def sort_key(self) -> tuple[date, int, date]:
        return self.due_on, _KIND_ORDER[self.kind], self.period.start


def _fixed_obligations(terms: FeeTerms, timeline: LicenceTimeline) -> list[Obligation]:
    whole = Period(timeline.start, timeline.period_end)
    if terms.method is FeeMethod.LUMP_SUM and terms.lump_sum_fen is not None:
        return [Obligation(ObligationKind.LUMP_SUM, 1, whole, timeline.start, terms.lump_sum_fen)]
    if terms.method is FeeMethod.ENTRY_PLUS_ROYALTY and terms.entry_fee_fen is not None:
        return [Obligation(ObligationKind.ENTRY_FEE, 1, whole, timeline.start,
                           terms.entry_fee_fen)]
    if terms.method is FeeMethod.ANNUAL_FIXED and terms.annual_fee_fen is not None:
        fee = terms.annual_fee_fen
        return [
            Obligation(ObligationKind.ANNUAL_FEE, n, year, year.start,
                       prorated_fen(fee, year.days, _year_bounds(timeline.start, n).days))
            for n, year in enumerate(licence_years(timeline), start=1)
            if year.start <= timeline.end
        ]
    return []


def _royalty_obligations(
    terms: FeeTerms, timeline: LicenceTimeline, policy: LicensingPolicy,
    reports: Sequence[RoyaltyReport],
) -> list[Obligation]:
    by_start = {report.period.start: report for report in reports}
    out: list[Obligation] = []
    for rp in reporting_periods(timeline, policy):
        report = by_start.get(rp.period.start)
        amount = None if report is None else royalty_fen(terms, report.figures)
        out.append(Obligation(ObligationKind.ROYALTY, rp.licence_year, rp.period, rp.due_on,
                              amount))
    return out


def _top_ups(
    minimum_fen: int, timeline: LicenceTimeline, royalties: Sequence[Obligation]
) -> list[Obligation]:
    """Year-end top-ups to the annual minimum, pro rata to the days in force that year."""
    out: list[Obligation] = []
    for n in sorted({o.licence_year for o in royalties}):
        year = [o for o in royalties if o.licence_year == n]
        in_force = Period(year[0].period.start, year[-1].period.end)
        minimum = prorated_fen(minimum_fen, in_force.days, _year_bounds(timeline.start, n).days)
        amounts = [o.amount_fen for o in year]
        if None in amounts:
            top_up = None
        else:
            top_up = max(minimum - sum(a for a in amounts if a is not None), 0)
            if top_up == 0:
                continue
        out.append(Obligation(ObligationKind.MINIMUM_TOP_UP, n, in_force, year[-1].due_on,
                              top_up))
    return out


def payment_schedule(
    terms: FeeTerms,
    timeline: LicenceTimeline,
    policy: LicensingPolicy,
    reports: Sequence[RoyaltyReport] = (),
) -> list[Obligation]:
    """Everything the licensee owes under ``terms``, in due-date order (D9, R1.6).

    * LUMP_SUM: the lump sum, due on the start.
    * ANNUAL_FIXED: the annual fee for each licence year, due on the start and each anniversary;
      a final part-year of the licence period pays pro rata to its days.
    * ENTRY_PLUS_ROYALTY: the entry fee, due on the start, plus the royalties.
    * Running royalties: one royalty per reporting period, its amount computed from the period's
      report once filed (`royalty_fen`); with ``min_annual_fen``, a top-up per licence year to the
      minimum (pro rata to the days in force that year), due with the year's last report and
      known once all the year's reports are filed; a top-up of nothing is left out.
    * FREE: nothing.

    Amounts falling due after the licence's last day in force are not owed; amounts already due
    stay owed, whatever ended the licence (no refund, Law Art. 47). Reports are matched to
    periods by their first day; reports for periods after the last day in force are ignored.
    """
    obligations = _fixed_obligations(terms, timeline)
    if terms.is_running_royalty:
        royalties = _royalty_obligations(terms, timeline, policy, reports)
        obligations += royalties
        if terms.min_annual_fen:
            obligations += _top_ups(terms.min_annual_fen, timeline, royalties)
    return sorted(obligations, key=lambda o: o.sort_key)


# --- Statement -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Payment:
    """A payment the licensee made (and the patentee may have confirmed)."""

    paid_on: date
    amount_fen: int

    def __post_init__(self) -> None:
        if self.amount_fen <= 0:
            raise ValueError("a payment amount must be positive")


class LineStatus(StrEnum):
    """Where one obligation stands on the statement's day."""

    PAID = "paid"
    NOT_YET_DUE = "not_yet_due"
    OVERDUE = "overdue"
    AWAITING_REPORT = "awaiting_report"
    REPORT_OVERDUE = "report_overdue"


@dataclass(frozen=True)
class StatementLine:
    obligation: Obligation
    paid_fen: int
    status: LineStatus

    @property
    def outstanding_fen(self) -> int:
        """Unpaid part of a known amount; 0 while the amount is unknown."""
        return (self.obligation.amount_fen or 0) - self.paid_fen

    @property
    def overdue_fen(self) -> int:
        return self.outstanding_fen if self.status is LineStatus.OVERDUE else 0


@dataclass(frozen=True)
class Totals:
    """Sums over a group of statement lines.

    ``scheduled``: every known amount; ``due``: known amounts whose due date has come;
    ``paid``: payments applied to them; ``outstanding``: known amounts not yet paid, due or not;
    ``overdue``: the unpaid part of amounts past their due date; ``reports_overdue``: periods whose
    report is past due.
    """

    scheduled_fen: int = 0
    due_fen: int = 0
    paid_fen: int = 0
    outstanding_fen: int = 0
    overdue_fen: int = 0
    reports_overdue: int = 0


@dataclass(frozen=True)
class LicenceStatement:
    """One licence's account on ``as_of``: lines in due order and totals three ways.

    ``by_licence_year`` groups by the licence year an amount belongs to, ``by_calendar_year`` by
    the calendar year it falls due in. ``credit_fen`` is what was paid beyond every known amount.
    """

    as_of: date
    lines: tuple[StatementLine, ...]
    total: Totals
    by_licence_year: Mapping[int, Totals]
    by_calendar_year: Mapping[int, Totals]
    credit_fen: int


def _status(obligation: Obligation, paid: int, as_of: date) -> LineStatus:
    past_due = as_of > obligation.due_on
    if obligation.amount_fen is None:
        return LineStatus.REPORT_OVERDUE if past_due else LineStatus.AWAITING_REPORT
    if paid >= obligation.amount_fen:
        return LineStatus.PAID
    return LineStatus.OVERDUE if past_due else LineStatus.NOT_YET_DUE


def _totals(lines: Iterable[StatementLine], as_of: date) -> Totals:
    lines = list(lines)
    known = [line for line in lines if line.obligation.amount_fen is not None]
    return Totals(
        scheduled_fen=sum(line.obligation.amount_fen or 0 for line in known),
        due_fen=sum(line.obligation.amount_fen or 0 for line in known
                    if line.obligation.due_on <= as_of),
        paid_fen=sum(line.paid_fen for line in known),
        outstanding_fen=sum(line.outstanding_fen for line in known),
        overdue_fen=sum(line.overdue_fen for line in known),
        reports_overdue=sum(line.status is LineStatus.REPORT_OVERDUE for line in lines),
    )


def _grouped(
    lines: Sequence[StatementLine], group_of: Callable[[Obligation], int], as_of: date
) -> dict[int, Totals]:
    groups = sorted({group_of(line.obligation) for line in lines})
    return {
        g: _totals((line for line in lines if group_of(line.obligation) == g), as_of)
        for g in groups
    }


def licence_statement(
    obligations: Sequence[Obligation], payments: Iterable[Payment], as_of: date
) -> LicenceStatement:
    """Due, paid, outstanding and overdue on ``as_of``, per licence and per year (D9).

    ``obligations`` come from `payment_schedule`. Payments made on or before ``as_of`` are applied
    oldest first to the known amounts in due-date order (an amount still unknown waits for its
    report); what remains is credit. An amount is overdue from the day after its due date; a
    report is overdue likewise.
    """
    ordered = sorted(obligations, key=lambda o: o.sort_key)
    available = sum(p.amount_fen for p in payments if p.paid_on <= as_of)
    lines: list[StatementLine] = []
    for obligation in ordered:
        applied = min(available, obligation.amount_fen or 0)
        available -= applied
        lines.append(StatementLine(obligation, applied, _status(obligation, applied, as_of)))
    return LicenceStatement(
        as_of=as_of,
        lines=tuple(lines),
        total=_totals(lines, as_of),
        by_licence_year=_grouped(lines, lambda o: o.licence_year, as_of),
        by_calendar_year=_grouped(lines, lambda o: o.due_on.year, as_of),
        credit_fen=available,
    )
