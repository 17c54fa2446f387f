"""Calibrated relevance: a figure that means the same for every query.

A logistic model of judged relevance on development data turns the signals a hit carries into
a probability-like figure in [0, 1]: ``coverage`` (``coverage.py``) alone when the dense side
is off, or with the dense side's evidence when it is on. The coefficients are fitted by
``scripts/fit_calibration.py`` (see its output in README's "Calibrated relevance") and stored
here; nothing is fitted at run time. Every coefficient of a signal is non-negative, so relevance
never falls when a signal rises, and the logistic keeps it strictly between 0 and 1.

The dense side's evidence is the ``dense_margin``: how far the cosine of the query's and the
patent's vectors stands above the query's typical cosine, the median over every patent of the
index in the patent's language (``searching.DenseQuery.baselines``). The raw cosine of a
multilingual model sits high for any pair (0.75–0.90 for unrelated texts) and moves with the
query: a long need is close to every patent, a short one to none, and a need in English is
further from every Chinese patent than the same need in Chinese. The margin takes the query's
own level out, so the same figure means the same evidence for every need.

Across languages (a need in English over a Chinese patent, or the reverse) the same margin
carries less evidence: ``CROSS_LANGUAGE``, measured by ``scripts/fit_cross_language.py`` on the
same titles and patents in both languages, gives each direction the share of the margin's
evidence that survives (``scale``, the ratio of the slopes fitted on it and on its patents'
own language: most of it from English into Chinese, none from Chinese into machine-translated
English) and a ``shift`` of the dense model's intercept, so that a pair across languages is
judged on the evidence it carries at the level a pair of one language has.
"""

from __future__ import annotations

import math
from typing import Final, NamedTuple

__all__ = ["CROSS_LANGUAGE", "DENSE_MODEL", "LEXICAL_MODEL", "Crossing", "Languages", "Model",
           "relevance"]

# The language of the query and of the patent: "zh" or "en".
Languages = tuple[str, str]


class Model(NamedTuple):
    """``P(relevant) = 1 / (1 + exp(-(intercept + coverage·c + margin·m)))``."""

    intercept: float
    coverage: float
    margin: float = 0.0


# scripts/fit_calibration.py, see README "Calibrated relevance": the lexical model with
# `--lexical-only --pooled` (the lexical ranking's own candidates); the dense one, the margin
# alone, fitted on the need-style set (needs judged by reading, relevant = grade 1 or 2): the
# words count through the lexical model of the noisy-OR below, not twice.
LEXICAL_MODEL: Final = Model(intercept=-2.4550, coverage=2.9320)
DENSE_MODEL: Final = Model(intercept=-4.6805, coverage=0.0, margin=65.4857)


class Crossing(NamedTuple):
    """How the dense model reads a pair across languages: ``margin·scale`` (0 ≤ scale ≤ 1) and
    ``shift`` added to its intercept."""

    shift: float
    scale: float


# scripts/fit_cross_language.py, see README "Calibrated relevance": by (query, patent) language.
CROSS_LANGUAGE: Final[dict[Languages, Crossing]] = {
    ("en", "zh"): Crossing(shift=0.261, scale=0.885),
    ("zh", "en"): Crossing(shift=2.957, scale=0.0),
}
_SAME_LANGUAGE: Final = Crossing(shift=0.0, scale=1.0)


def _clamp(value: float, low: float, high: float) -> float:
    return low if math.isnan(value) else min(max(value, low), high)


def _probability(model: Model, coverage: float, margin: float, shift: float = 0.0) -> float:
    z = model.intercept + shift + model.coverage * coverage + model.margin * margin
    return 1.0 / (1.0 + math.exp(-z))


def relevance(coverage: float | None, dense_margin: float | None = None, *,
              languages: Languages | None = None) -> float:
    """The calibrated relevance of a hit in [0, 1] from its ``coverage`` (0..1; ``None``
    counts as 0) and, when known, its ``dense_margin`` (the cosine minus the query's median
    cosine, -2..2); ``languages`` are the query's and the patent's (``None``: unknown, taken
    as the same).

    With both signals, the two models are read as independent evidence (noisy-OR): the patent
    is relevant unless both say it is not, so a need whose words a patent holds in full is
    still a match when the cosine is unremarkable, as it is without the dense side."""
    covered = _clamp(coverage or 0.0, 0.0, 1.0)
    lexical = _probability(LEXICAL_MODEL, covered, 0.0)
    if dense_margin is None:
        return lexical
    crossing = CROSS_LANGUAGE.get(languages, _SAME_LANGUAGE) if languages else _SAME_LANGUAGE
    dense = _probability(DENSE_MODEL, covered,
                         _clamp(dense_margin, -2.0, 2.0) * crossing.scale, crossing.shift)
    return 1.0 - (1.0 - lexical) * (1.0 - dense)
