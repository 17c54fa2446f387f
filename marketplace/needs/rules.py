"""Rules of needs and alerts over plain values: no Flask, no session.

Needs and alerts are product features, not statute: no DOMAIN rule governs them. Money is
integer fen (a budget typed in yuan is converted exactly). Relevance is the calibrated,
probability-like figure of the search index (``search_index/calibration.py``) shown and
compared as a whole percentage, so that a threshold or a label means the same for every need:
never a share of the best hit, which made the best of unrelated patents "100 %".
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable, Mapping
from decimal import Decimal, InvalidOperation
from typing import NamedTuple

from marketplace.errors import N_

FEN_PER_YUAN = 100


def need_text(title: str, description: str, industry: str,
              technical_indicators: str | None) -> str:
    """The text a need is matched with: everything the SME wrote about the technology."""
    parts = (title, description, industry, technical_indicators or "")
    return "\n".join(part.strip() for part in parts if part and part.strip())


def is_active(*, open_: bool, valid_until: dt.date, today: dt.date) -> bool:
    """A need takes part in matching while open and up to and including its last valid day."""
    return open_ and valid_until >= today


def yuan_to_fen(amount: Decimal | str | int) -> int:
    """An amount in yuan as integer fen; more than two decimals or a negative amount is an
    error (``ValueError``), never rounded."""
    try:
        value = Decimal(str(amount))
    except InvalidOperation as exc:
        raise ValueError(f"not an amount: {amount!r}") from exc
    if not value.is_finite() or value < 0:
        raise ValueError(f"not an amount: {amount!r}")
    fen = value * FEN_PER_YUAN
    if fen != fen.to_integral_value():
        raise ValueError(f"more than two decimals: {amount!r}")
    return int(fen)


def fen_to_yuan(fen: int) -> Decimal:
    return (Decimal(fen) / FEN_PER_YUAN).quantize(Decimal("0.01"))


def need_problems(*, budget_min_fen: int | None, budget_max_fen: int | None,
                  valid_until: dt.date, today: dt.date) -> dict[str, list[str]]:
    """What is wrong with a need's values, by field (empty when nothing is)."""
    problems: dict[str, list[str]] = {}
    if budget_min_fen is not None and budget_min_fen < 0:
        problems.setdefault("budget_min_fen", []).append(N_("Must not be negative."))
    if budget_max_fen is not None and budget_max_fen < 0:
        problems.setdefault("budget_max_fen", []).append(N_("Must not be negative."))
    if budget_min_fen is not None and budget_max_fen is not None \
            and budget_min_fen > budget_max_fen:
        problems.setdefault("budget_max_fen", []).append(
            N_("Must not be below the lower end of the budget."))
    if valid_until < today:
        problems.setdefault("valid_until", []).append(N_("Must not be in the past."))
    return problems


def percent(relevance: float | None) -> int | None:
    """A calibrated relevance (0..1) as a whole percentage; ``None`` when the hit was listed
    rather than ranked (blank words, filters only)."""
    return None if relevance is None else max(0, min(100, round(100 * relevance)))


class Band(enum.StrEnum):
    """How well a patent answers a need, as a person reads it."""

    STRONG = "strong"
    POSSIBLE = "possible"
    WEAK = "weak"


def band(pct: int | None, *, strong_min: int, possible_min: int) -> Band | None:
    """The label of a relevance percentage: ``STRONG`` from ``strong_min`` %, ``POSSIBLE``
    from ``possible_min`` %, else ``WEAK``; ``None`` for a hit that was not ranked."""
    if pct is None:
        return None
    if pct >= strong_min:
        return Band.STRONG
    return Band.POSSIBLE if pct >= possible_min else Band.WEAK


class Match(NamedTuple):
    """A kept match: the ranking score (orders the need's matches) and the calibrated
    relevance (0..1; labels and alert thresholds)."""

    score: float
    relevance: float


def top_matches(matches: Mapping[int, Match], keep: int) -> list[tuple[int, Match]]:
    """The ``keep`` best (patent id, match) pairs: highest score first, then lowest id."""
    ranked = sorted(matches.items(), key=lambda item: (-item[1].score, item[0]))
    return ranked[:max(keep, 0)]


def merge_matches(current: Mapping[int, Match], changed: Mapping[int, Match | None],
                  keep: int) -> list[tuple[int, Match]]:
    """A need's kept matches after some patents changed.

    ``changed`` maps each changed patent to its new match, or ``None`` when it no longer
    matches (or is gone). Changed patents enter, move or leave; the others keep theirs.
    A patent that drops out of the kept list is not replaced by one that was never kept: the
    full refresh (``marketplace needs refresh``) restores the exact list.
    """
    matches = {pid: match for pid, match in current.items() if pid not in changed}
    matches.update({pid: match for pid, match in changed.items() if match is not None})
    return top_matches(matches, keep)


def newly_qualifying(before: Iterable[int], after: Iterable[tuple[int, Match]], *,
                     min_relevance: int) -> list[tuple[int, int]]:
    """The (patent, relevance %) pairs that are in ``after`` but were not in ``before`` and
    reach ``min_relevance`` % of calibrated relevance."""
    old = set(before)
    pairs = [(pid, percent(match.relevance) or 0) for pid, match in after if pid not in old]
    return [(pid, pct) for pid, pct in pairs if pct >= min_relevance]
