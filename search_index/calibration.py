"""Calibrated relevance: a figure that means the same for every query.

A logistic model of judged relevance on development data turns the signals a hit carries into
a probability-like figure in [0, 1]: ``coverage`` (``coverage.py``) alone when the dense side
is off, or with ``dense_similarity`` (the cosine of the query's and the patent's vectors) when
it is on. The coefficients are fitted by ``scripts/fit_calibration.py`` (see its output in
README's "Calibrated relevance") and stored here; nothing is fitted at run time. Every
coefficient of a signal is non-negative, so relevance never falls when a signal rises, and the
logistic keeps it strictly between 0 and 1.

Across languages (a need in English over a Chinese patent, or the reverse) the model's cosine of
the same meanings sits lower than within one language; ``CROSS_LANGUAGE_SHIFTS``, measured by
``scripts/fit_cross_language.py`` on the same titles and patents in both languages, are added to
the dense model's intercept for such pairs, so that they are judged as a pair in the patents'
own language would be.
"""

from __future__ import annotations

import math
from typing import Final, NamedTuple

__all__ = ["CROSS_LANGUAGE_SHIFTS", "DENSE_MODEL", "LEXICAL_MODEL", "Languages", "Model",
           "relevance"]

# The language of the query and of the patent: "zh" or "en".
Languages = tuple[str, str]


class Model(NamedTuple):
    """``P(relevant) = 1 / (1 + exp(-(intercept + coverage·c + cosine·d)))``."""

    intercept: float
    coverage: float
    cosine: float = 0.0


# scripts/fit_calibration.py, see README "Calibrated relevance": the lexical model with
# `--lexical-only --pooled` (the lexical ranking's own candidates), the dense one with
# `--cached-only` (one intercept per set, their mean stored; coverage adds nothing once the
# cosine is known, so its coefficient was fixed at 0).
LEXICAL_MODEL: Final = Model(intercept=-2.4550, coverage=2.9320)
DENSE_MODEL: Final = Model(intercept=-23.5035, coverage=0.0, cosine=24.7731)
# scripts/fit_cross_language.py, see README "Calibrated relevance": by (query, patent) language,
# the dense model's intercept fitted on one direction minus that on the same patents queried in
# their own language (en→zh − zh→zh, zh→en − en→en), at the dense model's slope.
CROSS_LANGUAGE_SHIFTS: Final[dict[Languages, float]] = {("en", "zh"): 1.540, ("zh", "en"): 0.334}


def _clamp(value: float, low: float, high: float) -> float:
    return low if math.isnan(value) else min(max(value, low), high)


def _probability(model: Model, coverage: float, cosine: float, shift: float = 0.0) -> float:
    z = model.intercept + shift + model.coverage * coverage + model.cosine * cosine
    return 1.0 / (1.0 + math.exp(-z))


def relevance(coverage: float | None, dense_similarity: float | None = None, *,
              languages: Languages | None = None) -> float:
    """The calibrated relevance of a hit in [0, 1] from its ``coverage`` (0..1; ``None``
    counts as 0) and, when known, its ``dense_similarity`` (a cosine, -1..1); ``languages``
    are the query's and the patent's (``None``: unknown, taken as the same).

    With both signals, the two models are read as independent evidence (noisy-OR): the patent
    is relevant unless both say it is not. The dense model was fitted on candidates the cosine
    ranked, where the words add nothing once the cosine is known; a need whose words a patent
    holds in full is still a match when the cosine is unremarkable, as it is without the dense
    side."""
    covered = _clamp(coverage or 0.0, 0.0, 1.0)
    lexical = _probability(LEXICAL_MODEL, covered, 0.0)
    if dense_similarity is None:
        return lexical
    dense = _probability(DENSE_MODEL, covered, _clamp(dense_similarity, -1.0, 1.0),
                         CROSS_LANGUAGE_SHIFTS.get(languages, 0.0) if languages else 0.0)
    return 1.0 - (1.0 - lexical) * (1.0 - dense)
