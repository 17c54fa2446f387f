"""Rules of needs and alerts over plain values: no Flask, no session.

Needs and alerts are product features, not statute: no DOMAIN rule governs them. Money is
integer fen (a budget typed in yuan is converted exactly); relevance is a whole percentage of a
reference score (the best match), so that thresholds mean the same for any query.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from decimal import Decimal, InvalidOperation

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


def relevance(score: float | None, best: float | None) -> int:
    """``score`` as a whole percentage of ``best`` (at most 100).

    A hit without a score (a filter-only search lists, it does not rank) and a reference that
    is not yet known count as fully relevant.
    """
    if score is None or best is None or best <= 0:
        return 100
    return max(0, min(100, round(100 * score / best)))


def top_matches(scores: Mapping[int, float], keep: int) -> list[tuple[int, float]]:
    """The ``keep`` best (patent id, score) pairs: highest score first, then lowest id."""
    ranked = sorted(scores.items(), key=lambda item: (-item[1], item[0]))
    return ranked[:max(keep, 0)]


def merge_matches(current: Mapping[int, float], changed: Mapping[int, float | None],
                  keep: int) -> list[tuple[int, float]]:
    """A need's kept matches after some patents changed.

    ``changed`` maps each changed patent to its new score, or ``None`` when it no longer
    matches (or is gone). Changed patents enter, move or leave; the others keep their scores.
    A patent that drops out of the kept list is not replaced by one that was never kept: the
    full refresh (``marketplace needs refresh``) restores the exact list.
    """
    scores = {pid: score for pid, score in current.items() if pid not in changed}
    scores.update({pid: score for pid, score in changed.items() if score is not None})
    return top_matches(scores, keep)


def newly_qualifying(before: Iterable[int], after: Iterable[tuple[int, float]], *,
                     best: float | None, min_relevance: int) -> list[tuple[int, int]]:
    """The (patent, relevance) pairs that are in ``after`` but were not in ``before`` and reach
    ``min_relevance`` % of ``best``."""
    old = set(before)
    pairs = [(pid, relevance(score, best)) for pid, score in after if pid not in old]
    return [(pid, pct) for pid, pct in pairs if pct >= min_relevance]
