"""Annual-fee rules and the fee ledger: pure functions over dates, Decimal money and frozen data.

Nothing here touches Flask, the database or the settings module. Settings arrive as a
``FeePolicy`` (DOMAIN D11–D14); the working-day calendar, when wanted, as a ``WorkingCalendar``.
Money is ``Decimal`` quantized to 0.01 (half-up); there are no floats. Every public function's
docstring names the DOMAIN rule it implements. Explanations are translatable `Message` objects
(English templates marked with `N_`, values as plain strings), so the web layer shows them in the
reader's language and the persisted ledger can store them as JSON.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from functools import cache, cached_property, partial
from typing import Literal

from marketplace.calendar import WorkingCalendar, add_months, add_years, period_end
from marketplace.errors import N_, Amount, Message

LateFeeBase = Literal["full", "reduced"]
Explain = Callable[[], Message]  # builds an explanation when it is first read

CENT = Decimal("0.01")
ZERO = Decimal("0.00")
DESIGN_15_YEAR_TERM_FROM = date(2021, 6, 1)  # R5.9: designs filed on or after get 15 years
COMPENSATION_ANNUAL_FEE = Decimal("8000.00")  # R5.3: per full compensated year
SINGLE_OWNER_GENERAL_REDUCTION = Decimal("0.85")  # R4.12
CO_OWNED_GENERAL_REDUCTION = Decimal("0.70")  # R4.12
LATE_FEE_RATE_PER_MONTH = Decimal("0.05")  # R5.8
MAX_LATE_FEE_MONTHS = 5  # R5.8: 25 % from the 6th month to the end of the grace period
GRACE_MONTHS = 6  # R5.8

_ONE_DAY = timedelta(days=1)


def money(value: Decimal) -> Decimal:
    """``value`` rounded half-up to the cent: the one rounding rule for every amount."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def _percent(rate: Decimal) -> str:
    return f"{rate * 100:.0f}%"


@cache
def _layout(count: int) -> str:
    return "; ".join(f"%(p{i})s" for i in range(count))


def _joined(parts: Sequence[Message]) -> Message:
    """Several explanations as one message; the layout template is not language."""
    return Message(_layout(len(parts)), {f"p{i}": part for i, part in enumerate(parts)})


# --- Settings ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class FeePolicy:
    """The fee settings of DOMAIN Part A (D11–D14), passed in rather than read.

    Mirrors OPEN_LICENSE_FEE_REDUCTION, OPEN_LICENSE_FEE_POLICY_START, RECORD_DATE_INCLUSIVE,
    GENERAL_REDUCTION_YEARS, LATE_FEE_BASE and WITHDRAWAL_REPAYS_REDUCTIONS.
    """

    open_license_reduction: Decimal = Decimal("0.15")
    policy_start: date = date(2024, 8, 6)
    record_date_inclusive: bool = True
    general_reduction_years: int = 10
    late_fee_base: LateFeeBase = "full"
    withdrawal_repays_reductions: bool = False

    def __post_init__(self) -> None:
        if not Decimal(0) <= self.open_license_reduction < Decimal(1):
            raise ValueError("open_license_reduction must be in [0, 1)")
        if self.general_reduction_years < 0:
            raise ValueError("general_reduction_years must be >= 0")
        if self.late_fee_base not in ("full", "reduced"):
            raise ValueError("late_fee_base must be 'full' or 'reduced'")


# --- Terms (D18) -------------------------------------------------------------------------------


class PatentKind(StrEnum):
    """The three kinds of Chinese patent (Law Art. 2)."""

    INVENTION = "invention"
    UTILITY_MODEL = "utility_model"
    DESIGN = "design"


def normal_term_years(kind: PatentKind, filing_date: date) -> int:
    """Statutory term in years from the filing date (D18, R5.9).

    Invention 20, utility model 10, design 15 if filed on or after 2021-06-01, else 10.
    """
    if kind is PatentKind.INVENTION:
        return 20
    if kind is PatentKind.DESIGN and filing_date >= DESIGN_15_YEAR_TERM_FROM:
        return 15
    return 10


def _check_compensation_days(kind: PatentKind, adjustment_days: int, extension_days: int) -> None:
    """Term adjustment and extension exist only for inventions (Law Art. 42(2)–(3), R5.10–R5.11)."""
    if adjustment_days < 0 or extension_days < 0:
        raise ValueError("term adjustment/extension days cannot be negative")
    if kind is not PatentKind.INVENTION and adjustment_days + extension_days > 0:
        raise ValueError(f"a {kind.value} patent has no term adjustment or extension")


def patent_term_expiry(
    kind: PatentKind,
    filing_date: date,
    term_adjustment_days: int = 0,
    term_extension_days: int = 0,
) -> date:
    """Last day of the patent term (D18, R5.9–R5.11).

    ``filing + term years − 1 day + adjustment + extension``; the filing date counts within the
    term (filed 2000-09-06 → 2020-09-05). The anniversary follows the month-end rule (R2.10), as
    the fee years do (D17): a utility model filed 2004-02-29 reaches its 10th anniversary on
    2014-02-28 and expires 2014-02-27. The term end never rolls forward over holidays (R5.7).
    """
    _check_compensation_days(kind, term_adjustment_days, term_extension_days)
    normal_end = add_years(filing_date, normal_term_years(kind, filing_date)) - _ONE_DAY
    return normal_end + timedelta(days=term_adjustment_days + term_extension_days)


# --- Fee table (R5.1–R5.3) ---------------------------------------------------------------------

_Band = tuple[int, int, int]  # first year, last year, RMB per year

_FEE_BANDS: dict[PatentKind, tuple[_Band, ...]] = {
    PatentKind.INVENTION: (
        (1, 3, 900), (4, 6, 1200), (7, 9, 2000), (10, 12, 4000), (13, 15, 6000), (16, 20, 8000),
    ),
    PatentKind.UTILITY_MODEL: ((1, 3, 600), (4, 5, 900), (6, 8, 1200), (9, 10, 2000)),
    PatentKind.DESIGN: ((1, 3, 600), (4, 5, 900), (6, 8, 1200), (9, 10, 2000), (11, 15, 3000)),
}


def full_fee(kind: PatentKind, fee_year: int, filing_date: date) -> Decimal:
    """Official unreduced annual fee for patent year ``fee_year`` (R5.1, R5.2).

    Raises ``ValueError`` for a year outside the normal term: design years 11–15 exist only for
    designs filed on or after 2021-06-01. Years after the normal term are term-compensation years,
    priced by ``compensation_fee_years`` (R5.3).
    """
    if not 1 <= fee_year <= normal_term_years(kind, filing_date):
        raise ValueError(f"year {fee_year} is outside the normal term of this {kind.value}")
    fee = next(amount for first, last, amount in _FEE_BANDS[kind] if first <= fee_year <= last)
    return money(Decimal(fee))


def compensation_fee_years(
    kind: PatentKind, filing_date: date, adjustment_days: int, extension_days: int
) -> list[int]:
    """Patent years after the normal term that fall wholly inside the compensated term (R5.3).

    Each such year costs RMB 8,000 (``COMPENSATION_ANNUAL_FEE``); a final part-year is free and
    therefore not listed.
    """
    expiry = patent_term_expiry(kind, filing_date, adjustment_days, extension_days)
    year = normal_term_years(kind, filing_date) + 1
    years: list[int] = []
    while add_years(filing_date, year) - _ONE_DAY <= expiry:
        years.append(year)
        year += 1
    return years


# --- Fee years and due dates (D17) -------------------------------------------------------------


def fee_year_of(filing_date: date, on: date) -> int:
    """The patent year containing ``on`` (R5.5).

    Year 1 runs from the filing date to the day before the first anniversary; anniversaries follow
    the month-end rule (R2.10), so for a 29 Feb filing year 2 starts on 28 Feb.
    """
    if on < filing_date:
        raise ValueError(f"{on} is before the filing date {filing_date}")
    completed = on.year - filing_date.year
    if add_years(filing_date, completed) > on:
        completed -= 1
    return completed + 1


def grant_fee_year(filing_date: date, grant_date: date) -> int:
    """The patent year of grant, whose fee is the first one paid (R5.6, Law Art. 43)."""
    return fee_year_of(filing_date, grant_date)


def due_date(filing_date: date, fee_year: int, grant_date: date) -> date:
    """Due date of the fee for ``fee_year`` (D17, R5.6–R5.7).

    The grant-year fee is due at grant (with the registration formalities); each later fee is due
    on the filing-date anniversary that starts its year, ``filing + (n − 1) years``, with the
    month-end rule (29 Feb → 28 Feb). Due dates do not roll over holidays (R5.7: unconfirmed).
    """
    first = grant_fee_year(filing_date, grant_date)
    if fee_year < first:
        raise ValueError(f"no annual fee for year {fee_year}: the grant year is {first}")
    if fee_year == first:
        return grant_date
    return add_years(filing_date, fee_year - 1)


@dataclass(frozen=True)
class ScheduledFee:
    """One annual fee of the schedule (D17, R5.1–R5.3)."""

    fee_year: int
    due_date: date
    full_fee: Decimal
    is_compensation: bool


def schedule(
    kind: PatentKind,
    filing_date: date,
    grant_date: date,
    adjustment_days: int = 0,
    extension_days: int = 0,
) -> list[ScheduledFee]:
    """Every annual fee from the grant year to expiry, compensation years included (D17, D18).

    Normal-term years carry the table fee (R5.1, R5.2); full term-compensation years RMB 8,000
    (R5.3).
    """
    first = grant_fee_year(filing_date, grant_date)
    term = normal_term_years(kind, filing_date)
    if first > term:
        raise ValueError(f"grant date {grant_date} is after the normal term")

    def item(year: int, fee: Decimal, is_compensation: bool) -> ScheduledFee:
        return ScheduledFee(year, due_date(filing_date, year, grant_date), fee, is_compensation)

    normal = [item(n, full_fee(kind, n, filing_date), False) for n in range(first, term + 1)]
    compensated = compensation_fee_years(kind, filing_date, adjustment_days, extension_days)
    return normal + [item(n, COMPENSATION_ANNUAL_FEE, True) for n in compensated]


# --- Reductions (D11, D12, R4.2–R4.5, R4.11–R4.14) ---------------------------------------------


def general_reduction_rate(
    owner_count: int,
    all_owners_eligible: bool,
    fee_year: int,
    grant_fee_year: int,
    policy: FeePolicy,
) -> Decimal:
    """Share of the fee waived under the general regime (D12, R4.12–R4.13).

    0.85 for a single eligible owner, 0.70 when two or more owners are all eligible, within
    ``policy.general_reduction_years`` counted from the grant year as year 1 (granted in patent
    year 5 → years 5–14); otherwise 0.
    """
    if owner_count < 1:
        raise ValueError("a patent has at least one owner")
    window_end = grant_fee_year + policy.general_reduction_years
    if not all_owners_eligible or not grant_fee_year <= fee_year < window_end:
        return Decimal(0)
    return SINGLE_OWNER_GENERAL_REDUCTION if owner_count == 1 else CO_OWNED_GENERAL_REDUCTION


class GeneralCode(StrEnum):
    """Why the general reduction does or does not apply to one fee (D12, R4.12–R4.14, R4.6)."""

    APPLIES = "general_applies"
    NOT_ELIGIBLE = "owners_not_all_eligible"
    OUTSIDE_WINDOW = "outside_general_window"
    COMPENSATION_FEE = "compensation_fee_not_reduced"


@dataclass(frozen=True)
class Explained:
    """Something with a translatable explanation, put together when first read: a ledger's
    amounts are computed far more often (``marketplace fees refresh``) than its reasons shown."""

    explain: Explain = field(repr=False, compare=False, kw_only=True)

    @cached_property
    def message(self) -> Message:
        return self.explain()

    @property
    def text(self) -> str:
        """The explanation in English."""
        return str(self.message)


@dataclass(frozen=True)
class GeneralCheck(Explained):
    """Outcome of the general-reduction test for one fee: the rate, why, and its window."""

    rate: Decimal
    code: GeneralCode
    first_year: int
    last_year: int


@dataclass(frozen=True)
class DeclarationPeriod:
    """An announced open-licence declaration and, once withdrawn, its withdrawal announcement."""

    announced_on: date
    withdrawn_on: date | None = None

    def __post_init__(self) -> None:
        if self.withdrawn_on is not None and self.withdrawn_on < self.announced_on:
            raise ValueError("a declaration cannot be withdrawn before it is announced")

    def in_force_on(self, day: date) -> bool:
        """In force from its announcement day (R1.4) until the day before the withdrawal
        announcement, which takes effect on its own date (R3.10, D14)."""
        return self.announced_on <= day and (self.withdrawn_on is None or day < self.withdrawn_on)


class OpenLicenceCode(StrEnum):
    """Why the open-licence reduction does or does not apply to one fee (D11, D14, D15, R4.6)."""

    APPLIES = "open_licence_applies"
    BEFORE_POLICY_START = "before_policy_start"
    NO_DECLARATION = "no_declaration_in_force"
    WITHDRAWN = "declaration_withdrawn"
    NO_RECORDED_CONTRACT = "no_recorded_contract"
    COMPENSATION_FEE = "compensation_fee_not_reduced"
    FALSE_MATERIALS = "false_materials_flagged"


@dataclass(frozen=True)
class OpenLicenceCheck(Explained):
    """Outcome of the D11 test for one due date, with the record date and declaration used."""

    applies: bool
    code: OpenLicenceCode
    record_date: date | None = None
    declaration: DeclarationPeriod | None = None


def _recorded_by(record_date: date, due: date, policy: FeePolicy) -> bool:
    return record_date <= due if policy.record_date_inclusive else record_date < due


def _no_declaration(due: date, periods: Sequence[DeclarationPeriod]) -> OpenLicenceCheck:
    withdrawals = [
        p.withdrawn_on for p in periods if p.announced_on <= due and p.withdrawn_on is not None
    ]
    if withdrawals:
        return OpenLicenceCheck(False, OpenLicenceCode.WITHDRAWN, explain=lambda: Message(
            N_("declaration withdrawn by announcement on %(withdrawn)s, not after due %(due)s"),
            {"withdrawn": max(withdrawals).isoformat(), "due": due.isoformat()},
        ))
    return OpenLicenceCheck(False, OpenLicenceCode.NO_DECLARATION, explain=lambda: Message(
        N_("no open-licence declaration announced on or before due %(due)s"),
        {"due": due.isoformat()},
    ))


def open_licence_check(
    due: date,
    record_dates: Iterable[date],
    declaration_periods: Sequence[DeclarationPeriod],
    policy: FeePolicy,
) -> OpenLicenceCheck:
    """Whether the 15 % open-licence reduction applies to the fee due on ``due`` (D11, R4.3–R4.4).

    All three must hold: ``due >= policy.policy_start``; a declaration is in force on ``due``
    (announced on or before it, and not withdrawn by an announcement dated on or before it); and
    some open-licence contract on the patent was recorded on or before ``due`` (strictly before
    when ``policy.record_date_inclusive`` is false). The earliest qualifying record date is
    reported as the trigger.
    """
    if due < policy.policy_start:
        def before_start() -> Message:
            return Message(N_("due %(due)s is before the open-licence fee policy start %(start)s"),
                           {"due": due.isoformat(), "start": policy.policy_start.isoformat()})

        return OpenLicenceCheck(False, OpenLicenceCode.BEFORE_POLICY_START, explain=before_start)
    in_force = [p for p in declaration_periods if p.in_force_on(due)]
    if not in_force:
        return _no_declaration(due, declaration_periods)
    recorded = sorted(r for r in record_dates if _recorded_by(r, due, policy))
    inclusive = policy.record_date_inclusive
    if not recorded:
        def no_contract() -> Message:
            template = (N_("no open-licence contract recorded on or before due %(due)s")
                        if inclusive
                        else N_("no open-licence contract recorded before due %(due)s"))
            return Message(template, {"due": due.isoformat()})

        return OpenLicenceCheck(False, OpenLicenceCode.NO_RECORDED_CONTRACT, explain=no_contract)
    declaration = max(in_force, key=lambda p: p.announced_on)

    def applies() -> Message:
        template = (
            N_("open-licence contract recorded %(record)s, on or before due %(due)s; "
               "declaration announced %(announced)s in force")
            if inclusive
            else N_("open-licence contract recorded %(record)s, before due %(due)s; "
                    "declaration announced %(announced)s in force")
        )
        return Message(template, {"record": recorded[0].isoformat(), "due": due.isoformat(),
                                  "announced": declaration.announced_on.isoformat()})

    return OpenLicenceCheck(True, OpenLicenceCode.APPLIES, recorded[0], declaration,
                            explain=applies)


def open_licence_reduction_applies(
    due: date,
    record_dates: Iterable[date],
    declaration_periods: Sequence[DeclarationPeriod],
    policy: FeePolicy,
) -> bool:
    """True when the open-licence reduction applies to the fee due on ``due`` (D11, R4.4)."""
    return open_licence_check(due, record_dates, declaration_periods, policy).applies


class ReductionKind(StrEnum):
    """Which reduction a fee carries; never both (D12)."""

    NONE = "none"
    GENERAL = "general"
    OPEN_LICENCE = "open_licence"


class ReasonCode(StrEnum):
    """How the payable amount was chosen (D12, R4.5)."""

    NO_REDUCTION = "no_reduction"
    GENERAL_ONLY = "general_only"
    OPEN_LICENCE_ONLY = "open_licence_only"
    GENERAL_BEATS_OPEN_LICENCE = "general_beats_open_licence"
    OPEN_LICENCE_BEATS_GENERAL = "open_licence_beats_general"
    TIE_PREFERS_GENERAL = "tie_prefers_general"


@dataclass(frozen=True)
class FeeAssessment:
    """The amount payable for one fee and the reduction chosen (D12)."""

    full: Decimal
    general_payable: Decimal
    open_licence_payable: Decimal | None
    payable: Decimal
    reduction_kind: ReductionKind
    reduction_amount: Decimal
    reason_code: ReasonCode


def _choose(
    has_general: bool, general: Decimal, open_licence: Decimal | None
) -> tuple[ReductionKind, ReasonCode]:
    if open_licence is None:
        if has_general:
            return ReductionKind.GENERAL, ReasonCode.GENERAL_ONLY
        return ReductionKind.NONE, ReasonCode.NO_REDUCTION
    if not has_general:
        return ReductionKind.OPEN_LICENCE, ReasonCode.OPEN_LICENCE_ONLY
    if open_licence < general:
        return ReductionKind.OPEN_LICENCE, ReasonCode.OPEN_LICENCE_BEATS_GENERAL
    if general < open_licence:
        return ReductionKind.GENERAL, ReasonCode.GENERAL_BEATS_OPEN_LICENCE
    return ReductionKind.GENERAL, ReasonCode.TIE_PREFERS_GENERAL


def payable(
    full_fee: Decimal, general_rate: Decimal, open_licence_applies: bool, policy: FeePolicy
) -> FeeAssessment:
    """The lower of the general-reduction and open-licence amounts, never stacked (D12, R4.5).

    On a tie the general reduction is chosen: it does not depend on the declaration staying in
    force and cannot be clawed back under D14/D15.
    """
    full = money(full_fee)
    general = money(full * (1 - general_rate))
    open_licence = (
        money(full * (1 - policy.open_license_reduction)) if open_licence_applies else None
    )
    kind, code = _choose(general_rate > 0, general, open_licence)
    amount = general
    if kind is ReductionKind.OPEN_LICENCE and open_licence is not None:
        amount = open_licence
    return FeeAssessment(full, general, open_licence, amount, kind, full - amount, code)


# --- Late fees, grace and status (D13, R5.8) ---------------------------------------------------


def completed_months_late(due: date, paid_on: date) -> int:
    """Whole months by which ``paid_on`` exceeds ``due`` (D13, R5.8, R2.10).

    The n-th month of delay ends on the corresponding day n months after ``due`` (month-end
    rule), and that day still belongs to it: due 2026-06-01 → paid 2026-07-01 is 0 months,
    2026-07-02 is 1 month; due 31 Jan → paid 28 Feb (common year) is 0, 1 Mar is 1.
    """
    months = (paid_on.year - due.year) * 12 + paid_on.month - due.month
    while months > 0 and add_months(due, months) >= paid_on:
        months -= 1
    return max(months, 0)


def late_fee(
    full_fee: Decimal, payable_fee: Decimal, due: date, paid_on: date, policy: FeePolicy
) -> Decimal:
    """Late fee for paying on ``paid_on`` a fee due on ``due`` (D13, R5.8, R4.7).

    5 % per whole month exceeded (see ``completed_months_late``), at most 25 % (5 months), of the
    full fee, or of the payable fee when ``policy.late_fee_base == "reduced"``. Whether the payment
    is still accepted is ``grace_end``'s question, not this function's.
    """
    months = min(completed_months_late(due, paid_on), MAX_LATE_FEE_MONTHS)
    base = full_fee if policy.late_fee_base == "full" else payable_fee
    return money(base * LATE_FEE_RATE_PER_MONTH * months)


def grace_end(due: date, calendar: WorkingCalendar | None = None) -> date:
    """Last day on which a late payment is accepted: due + 6 months (D13, R5.8, R2.10).

    With a ``calendar`` a non-working last day rolls forward (R2.10). A fee unpaid by then lapses
    the patent with effect from ``due``.
    """
    return period_end(due, months=GRACE_MONTHS, calendar=calendar)


class FeeStatus(StrEnum):
    """Where one annual fee stands on a given day (D13, R5.7–R5.8)."""

    NOT_YET_DUE = "not_yet_due"
    DUE = "due"
    IN_GRACE = "in_grace"
    PAID = "paid"
    PAID_BEFORE_LEDGER = "paid_before_ledger"
    LAPSED = "lapsed"


def fee_status(
    due: date, today: date, paid_on: date | None, calendar: WorkingCalendar | None = None
) -> FeeStatus:
    """Status of a fee on ``today`` given the day it was paid in full, if any (D13, R5.7–R5.8).

    PAID if paid in full by the end of grace (a later payment is not accepted); otherwise LAPSED
    after the grace end, IN_GRACE after the due date, DUE within the year before the due date
    (R5.7: a fee is paid during the preceding patent year), else NOT_YET_DUE.
    """
    return _status_given_grace(due, grace_end(due, calendar), today, paid_on)


def _status_given_grace(due: date, end: date, today: date, paid_on: date | None) -> FeeStatus:
    if paid_on is not None and paid_on <= end:
        return FeeStatus.PAID
    if today > end:
        return FeeStatus.LAPSED
    if today > due:
        return FeeStatus.IN_GRACE
    if today >= add_years(due, -1):
        return FeeStatus.DUE
    return FeeStatus.NOT_YET_DUE


# --- Ledger inputs -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Eligibility:
    """An owner's eligibility for the general reduction from ``since`` on (R4.14–R4.15)."""

    since: date
    eligible: bool
    basis: str = ""


@dataclass(frozen=True)
class Owner:
    """A patentee, whether it qualifies for the general reduction (R4.14) and on what basis
    (e.g. 事业单位, or the year of its fee-reduction recordal), named in the ledger's reasons.

    ``history``, when given, is the eligibility over time, sorted by ``since``: a fee due on D
    takes the last entry from on or before D (the first entry for earlier fees), so a change of
    eligibility reaches only fees falling due from the change on. Without it, ``eligible`` and
    ``basis`` hold for every fee.
    """

    name: str
    eligible: bool
    basis: str = ""
    history: tuple[Eligibility, ...] = ()

    @property
    def label(self) -> str:
        return f"{self.name} ({self.basis})" if self.basis else self.name

    def on(self, due: date) -> Owner:
        """This owner as eligible, or not, for a fee due on ``due``."""
        if not self.history:
            return self
        entry = self.history[0]
        for candidate in self.history:
            if candidate.since > due:
                break
            entry = candidate
        return Owner(self.name, entry.eligible, entry.basis)


@dataclass(frozen=True)
class Payment:
    """An annual-fee payment (fee plus any late fee) for one patent year."""

    fee_year: int
    paid_on: date
    amount: Decimal


@dataclass(frozen=True)
class PatentFacts:
    """Everything the ledger needs about one real or hypothetical patent, as plain data."""

    kind: PatentKind
    filing_date: date
    grant_date: date
    owners: tuple[Owner, ...]
    adjustment_days: int = 0
    extension_days: int = 0
    declarations: tuple[DeclarationPeriod, ...] = ()
    record_dates: tuple[date, ...] = ()
    payments: tuple[Payment, ...] = ()
    false_materials_flagged_on: date | None = None
    settled_through: date | None = None
    """Fees due on or before this day were settled before the ledger was kept (the register's
    fee state when the patent joined the platform, ``settled_through_at_opening``): they are
    PAID_BEFORE_LEDGER unless payments recorded here settle them, and never lapse the patent."""


RegisterFeeState = Literal["paid", "in_grace", "unpaid"]


def settled_through_at_opening(
    items: Sequence[ScheduledFee],
    opened_on: date,
    register_state: RegisterFeeState,
    calendar: WorkingCalendar | None = None,
) -> date | None:
    """The last due date taken as settled when a patent's ledger opens (D13, R5.7–R5.8).

    Fees due before a patent joined the platform were paid, or not, outside it; the register's
    fee state says which. ``paid``: every fee due on or before ``opened_on``. ``in_grace``: every
    fee before the latest one that fell due before ``opened_on`` (that one is in its grace
    period). ``unpaid``: every fee before the latest one whose grace period ended before
    ``opened_on`` (that one lapsed the patent). None when no fee is taken as settled.
    """
    if register_state == "paid":
        return opened_on
    if register_state == "in_grace":
        overdue = [item for item in items if item.due_date < opened_on]
    else:
        overdue = [item for item in items if grace_end(item.due_date, calendar) < opened_on]
    return overdue[-1].due_date - _ONE_DAY if overdue else None


# --- Ledger outputs ----------------------------------------------------------------------------


class ClawbackCode(StrEnum):
    """Why an open-licence saving already granted becomes owed (D14, D15)."""

    FALSE_MATERIALS = "false_materials_clawback"
    WITHDRAWAL_REPAYMENT = "withdrawal_repayment"


@dataclass(frozen=True)
class Reason(Explained):
    """A machine code plus a translatable explanation."""

    code: str


@dataclass(frozen=True)
class LedgerLine:
    """One patent year of the fee ledger."""

    fee_year: int
    due_date: date
    is_compensation: bool
    full_fee: Decimal
    general_payable: Decimal
    open_licence_payable: Decimal | None
    payable: Decimal
    reduction_kind: ReductionKind
    reduction_amount: Decimal
    reason: Reason
    general: GeneralCheck
    open_licence: OpenLicenceCheck
    late_fee: Decimal
    paid_amount: Decimal
    paid_on: date | None
    status: FeeStatus
    clawback: Decimal
    clawback_reason: Reason | None
    amount_owed: Decimal

    @property
    def open_licence_saving(self) -> Decimal:
        """What the open licence saved over the best alternative (general or none)."""
        if self.reduction_kind is not ReductionKind.OPEN_LICENCE:
            return ZERO
        return self.general_payable - self.payable


@dataclass(frozen=True)
class LedgerTotals:
    """Sums over the ledger; fees, reductions and late fees exclude lapsed lines."""

    full: Decimal
    payable: Decimal
    general_reductions: Decimal
    open_licence_reductions: Decimal
    open_licence_savings: Decimal
    paid: Decimal
    late_fees: Decimal
    clawback: Decimal
    owed: Decimal


@dataclass(frozen=True)
class Ledger:
    """The fee ledger of one patent on one day."""

    lines: tuple[LedgerLine, ...]
    totals: LedgerTotals
    expiry: date
    grant_fee_year: int
    lapsed_on: date | None


# --- Ledger computation ------------------------------------------------------------------------


def _validate(patent: PatentFacts, items: Sequence[ScheduledFee]) -> None:
    if patent.grant_date < patent.filing_date:
        raise ValueError("grant date is before the filing date")
    years = {item.fee_year for item in items}
    for payment in patent.payments:
        if payment.fee_year not in years:
            raise ValueError(f"payment for year {payment.fee_year}, which has no annual fee")
        if payment.amount <= 0:
            raise ValueError("a payment amount must be positive")


def _false_materials(
    check: OpenLicenceCheck, due: date, flagged_on: date | None
) -> OpenLicenceCheck:
    """No open-licence reduction for fees due on or after a false-materials flag (D15)."""
    if flagged_on is None or not check.applies or due < flagged_on:
        return check
    return OpenLicenceCheck(False, OpenLicenceCode.FALSE_MATERIALS, explain=lambda: Message(
        N_("declaration flagged for false materials on %(flagged)s; no reduction from then on"),
        {"flagged": flagged_on.isoformat()},
    ))


_COMPENSATION_NOT_REDUCED = Message(
    N_("term-compensation annual fee: no reduction applied (R4.6 unconfirmed)")
)


def _open_licence(patent: PatentFacts, item: ScheduledFee, policy: FeePolicy) -> OpenLicenceCheck:
    if item.is_compensation:
        return OpenLicenceCheck(False, OpenLicenceCode.COMPENSATION_FEE,
                                explain=lambda: _COMPENSATION_NOT_REDUCED)
    check = open_licence_check(item.due_date, patent.record_dates, patent.declarations, policy)
    return _false_materials(check, item.due_date, patent.false_materials_flagged_on)


def general_check(
    owners: Sequence[Owner], item: ScheduledFee, grant_year: int, policy: FeePolicy
) -> GeneralCheck:
    """The general reduction for one scheduled fee and why (D12, R4.12–R4.14, R4.6).

    Each owner's eligibility is the one in force on the fee's due date (``Owner.on``). The rate
    is ``general_reduction_rate``'s; the explanation names the eligible owners and their basis,
    the owners that are not eligible, or the window that does not cover the year.
    Term-compensation fees are not reduced.
    """
    first, last = grant_year, grant_year + policy.general_reduction_years - 1
    if item.is_compensation:
        return GeneralCheck(Decimal(0), GeneralCode.COMPENSATION_FEE, first, last,
                            explain=lambda: _COMPENSATION_NOT_REDUCED)
    owners = [owner.on(item.due_date) for owner in owners]
    eligible = all(owner.eligible for owner in owners)
    rate = general_reduction_rate(len(owners), eligible, item.fee_year, grant_year, policy)
    if not eligible:
        code = GeneralCode.NOT_ELIGIBLE
    else:
        code = GeneralCode.OUTSIDE_WINDOW if rate == 0 else GeneralCode.APPLIES
    return GeneralCheck(rate, code, first, last, explain=partial(
        _general_message, code, rate, owners, item.fee_year, first, last))


def _general_message(code: GeneralCode, rate: Decimal, owners: Sequence[Owner], year: int,
                     first: int, last: int) -> Message:
    if code is GeneralCode.NOT_ELIGIBLE:
        return Message(N_("no general reduction: not eligible: %(owners)s"),
                       {"owners": "; ".join(owner.name for owner in owners
                                            if not owner.eligible)})
    if code is GeneralCode.OUTSIDE_WINDOW:
        return Message(
            N_("no general reduction: year %(year)d is outside years %(first)d–%(last)d"),
            {"year": year, "first": first, "last": last},
        )
    return Message(
        N_("general reduction %(rate)s for %(owners)s, years %(first)d–%(last)d"),
        {"rate": _percent(rate), "owners": "; ".join(owner.label for owner in owners),
         "first": first, "last": last},
    )


CHOICE_MESSAGES: dict[ReasonCode, str] = {
    ReasonCode.NO_REDUCTION: N_("no reduction applies"),
    ReasonCode.GENERAL_ONLY: N_("general reduction"),
    ReasonCode.OPEN_LICENCE_ONLY: N_("open-licence reduction"),
    ReasonCode.GENERAL_BEATS_OPEN_LICENCE: N_(
        "general reduction, lower than the open-licence amount; never both (D12)"),
    ReasonCode.OPEN_LICENCE_BEATS_GENERAL: N_(
        "open-licence reduction, lower than the general amount; never both (D12)"),
    ReasonCode.TIE_PREFERS_GENERAL: N_(
        "general reduction: both amounts are equal and the general one is kept (D12)"),
}


def _reason(
    assessment: FeeAssessment, general: GeneralCheck, check: OpenLicenceCheck
) -> Reason:
    return Reason(assessment.reason_code.value,
                  explain=partial(_reason_message, assessment, general, check))


def _reason_message(
    assessment: FeeAssessment, general: GeneralCheck, check: OpenLicenceCheck
) -> Message:
    parts: list[Message] = []
    if general.code is not GeneralCode.COMPENSATION_FEE:
        parts.append(general.message)
    if general.rate > 0:
        parts.append(Message(N_("general amount %(amount)s"),
                             {"amount": Amount.of_yuan(assessment.general_payable)}))
    parts.append(check.message)
    if assessment.open_licence_payable is not None:
        parts.append(Message(N_("open-licence amount %(amount)s"),
                             {"amount": Amount.of_yuan(assessment.open_licence_payable)}))
    parts.append(Message(
        N_("payable %(amount)s: %(choice)s"),
        {"amount": Amount.of_yuan(assessment.payable),
         "choice": Message(CHOICE_MESSAGES[assessment.reason_code])},
    ))
    return _joined(parts)


def _clawback(
    assessment: FeeAssessment, check: OpenLicenceCheck, patent: PatentFacts, policy: FeePolicy
) -> tuple[Decimal, Reason | None]:
    """Open-licence savings that become owed: false materials (D15), or withdrawal when
    ``policy.withdrawal_repays_reductions`` (D14, R4.8)."""
    if assessment.reduction_kind is not ReductionKind.OPEN_LICENCE:
        return ZERO, None
    saving = assessment.general_payable - assessment.payable
    flagged_on = patent.false_materials_flagged_on
    if flagged_on is not None:
        message = Message(
            N_("declaration flagged for false materials on %(flagged)s: %(amount)s repayable"),
            {"flagged": flagged_on.isoformat(), "amount": Amount.of_yuan(saving)},
        )
        return saving, Reason(ClawbackCode.FALSE_MATERIALS.value, explain=lambda: message)
    withdrawn_on = check.declaration.withdrawn_on if check.declaration else None
    if policy.withdrawal_repays_reductions and withdrawn_on is not None:
        message = Message(N_("declaration withdrawn on %(withdrawn)s: %(amount)s repayable"),
                          {"withdrawn": withdrawn_on.isoformat(),
                           "amount": Amount.of_yuan(saving)})
        return saving, Reason(ClawbackCode.WITHDRAWAL_REPAYMENT.value,
                              explain=lambda: message)
    return ZERO, None


def _settlement(
    item: ScheduledFee, assessment: FeeAssessment, patent: PatentFacts, policy: FeePolicy,
    end: date,
) -> tuple[date | None, Decimal]:
    """(Day the fee plus its late fee was paid in full, or None; total accepted payments).

    Payments after the grace end ``end`` are not accepted (R5.8). The late fee is that of the
    band in which the completing payment falls (D13).
    """
    accepted = sorted(
        (p for p in patent.payments if p.fee_year == item.fee_year and p.paid_on <= end),
        key=lambda p: p.paid_on,
    )
    total = ZERO
    settled_on: date | None = None
    for p in accepted:
        total += p.amount
        owed = assessment.payable + late_fee(
            assessment.full, assessment.payable, item.due_date, p.paid_on, policy
        )
        if settled_on is None and total >= owed:
            settled_on = p.paid_on
    return settled_on, money(total)


def _late_fee_now(
    assessment: FeeAssessment, due: date, status: FeeStatus, settled_on: date | None,
    today: date, policy: FeePolicy,
) -> Decimal:
    if status is FeeStatus.PAID and settled_on is not None:
        return late_fee(assessment.full, assessment.payable, due, settled_on, policy)
    if status is FeeStatus.IN_GRACE:
        return late_fee(assessment.full, assessment.payable, due, today, policy)
    return ZERO


def _owed(status: FeeStatus, payable_fee: Decimal, late: Decimal, paid: Decimal) -> Decimal:
    if status in (FeeStatus.DUE, FeeStatus.IN_GRACE):
        return max(payable_fee + late - paid, ZERO)
    return ZERO


def _status(
    patent: PatentFacts, item: ScheduledFee, settled_on: date | None, today: date, end: date,
    lapsed: bool,
) -> FeeStatus:
    if lapsed:
        return FeeStatus.LAPSED
    settled_before = patent.settled_through is not None and item.due_date <= patent.settled_through
    if settled_before and settled_on is None:
        return FeeStatus.PAID_BEFORE_LEDGER
    return _status_given_grace(item.due_date, end, today, settled_on)


def _line(
    patent: PatentFacts, item: ScheduledFee, first_year: int, today: date, policy: FeePolicy,
    calendar: WorkingCalendar | None, lapsed: bool,
) -> LedgerLine:
    check = _open_licence(patent, item, policy)
    general = general_check(patent.owners, item, first_year, policy)
    assessment = payable(item.full_fee, general.rate, check.applies, policy)
    end = grace_end(item.due_date, calendar)
    settled_on, paid = _settlement(item, assessment, patent, policy, end)
    status = _status(patent, item, settled_on, today, end, lapsed)
    late = _late_fee_now(assessment, item.due_date, status, settled_on, today, policy)
    clawback, clawback_reason = (
        (ZERO, None) if status is FeeStatus.LAPSED else _clawback(assessment, check, patent, policy)
    )
    return LedgerLine(
        fee_year=item.fee_year,
        due_date=item.due_date,
        is_compensation=item.is_compensation,
        full_fee=assessment.full,
        general_payable=assessment.general_payable,
        open_licence_payable=assessment.open_licence_payable,
        payable=assessment.payable,
        reduction_kind=assessment.reduction_kind,
        reduction_amount=assessment.reduction_amount,
        reason=_reason(assessment, general, check),
        general=general,
        open_licence=check,
        late_fee=late,
        paid_amount=paid,
        paid_on=settled_on,
        status=status,
        clawback=clawback,
        clawback_reason=clawback_reason,
        amount_owed=_owed(status, assessment.payable, late, paid) + clawback,
    )


def _sum(values: Iterable[Decimal]) -> Decimal:
    return money(sum(values, ZERO))


def _totals(lines: Sequence[LedgerLine]) -> LedgerTotals:
    live = [line for line in lines if line.status is not FeeStatus.LAPSED]

    def reductions(kind: ReductionKind) -> Decimal:
        return _sum(line.reduction_amount for line in live if line.reduction_kind is kind)

    return LedgerTotals(
        full=_sum(line.full_fee for line in live),
        payable=_sum(line.payable for line in live),
        general_reductions=reductions(ReductionKind.GENERAL),
        open_licence_reductions=reductions(ReductionKind.OPEN_LICENCE),
        open_licence_savings=_sum(line.open_licence_saving for line in live),
        paid=_sum(line.paid_amount for line in lines),
        late_fees=_sum(line.late_fee for line in lines),
        clawback=_sum(line.clawback for line in lines),
        owed=_sum(line.amount_owed for line in lines),
    )


def ledger(
    patent: PatentFacts,
    *,
    today: date,
    policy: FeePolicy,
    calendar: WorkingCalendar | None = None,
) -> Ledger:
    """The annual-fee ledger of ``patent`` as of ``today`` (D11–D18, R4–R5).

    One line per fee year from the grant year to expiry (``schedule``). Each line carries the
    best non-stacked reduction (D12), the late fee of the band the fee was or would today be paid
    in (D13), its status and the amount owed now (DUE and IN_GRACE lines owe the unpaid fee and
    late fee; NOT_YET_DUE lines owe nothing yet; fees due up to ``patent.settled_through`` and
    not settled here are PAID_BEFORE_LEDGER). The first fee unpaid at the end of its grace
    period lapses the patent from its due date: that line and every later one are LAPSED and owe
    nothing (payments recorded on them are shown, not applied). Open-licence savings become owed
    (``clawback``) on a false-materials flag (D15) or, when
    ``policy.withdrawal_repays_reductions``, on withdrawal (D14). Deterministic: all facts,
    including hypothetical future ones, are taken as given; ``today`` only fixes statuses.
    """
    items = schedule(
        patent.kind, patent.filing_date, patent.grant_date,
        patent.adjustment_days, patent.extension_days,
    )
    _validate(patent, items)
    first_year = items[0].fee_year
    lines: list[LedgerLine] = []
    lapsed_on: date | None = None
    for item in items:
        line = _line(patent, item, first_year, today, policy, calendar, lapsed_on is not None)
        if lapsed_on is None and line.status is FeeStatus.LAPSED:
            lapsed_on = line.due_date
        lines.append(line)
    return Ledger(
        lines=tuple(lines),
        totals=_totals(lines),
        expiry=patent_term_expiry(
            patent.kind, patent.filing_date, patent.adjustment_days, patent.extension_days
        ),
        grant_fee_year=first_year,
        lapsed_on=lapsed_on,
    )


# --- Reminders -----------------------------------------------------------------------------------


def reminder_stage(due: date, today: date, days_before: Sequence[int],
                   grace_last: date) -> str | None:
    """Which reminder an unpaid fee is owed on ``today`` (issue 6 item 6; D13, R5.7–R5.8).

    Before the due date (and on it): ``before-N`` for the smallest configured ``N`` with at most
    ``N`` days left, so that a first run 5 days ahead sends only the 7-day reminder. In the grace
    window (after ``due``, up to ``grace_last``): ``grace-M``, ``M`` the completed months late,
    one reminder a month. Otherwise none (too early, or lapsed).
    """
    if today <= due:
        left = (due - today).days
        reached = [n for n in days_before if left <= n]
        return f"before-{min(reached)}" if reached else None
    if today <= grace_last:
        return f"grace-{completed_months_late(due, today)}"
    return None
