"""Coverage: how much of what a query asks for a document holds, whatever the other documents.

BM25 scores rank the documents of one query and mean nothing across queries: the best of
unrelated patents still scores highest. Coverage is the share of the query's informative terms
(stop words, boilerplate, numbers and single characters left out, see ``stopwords.py``) that a
document holds in any free-text field, each term weighted by its IDF so that a shared rare word
counts more than a shared common one. A term also counts as held when the document holds a
lexicon equivalent standing for it (``sludge`` for 污泥). A term no patent holds weighs the
most: a need about cat toys over tea patents is barely covered by any of them.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

from .query import WeightedQuery
from .scoring import Scoring
from .snapshot import among
from .stopwords import is_informative

__all__ = ["coverage"]


def coverage(scoring: Scoring, query: WeightedQuery, docnums: Sequence[int]) -> \
        dict[int, float | None]:
    """Each of ``docnums``' coverage of ``query`` in 0..1; ``None`` for every document when the
    query has no informative term (IPC codes only, stop words only, or blank)."""
    terms = sorted(term for term in query.terms if is_informative(term))
    if not terms or not docnums:
        return dict.fromkeys(docnums)
    wanted = np.asarray(docnums, dtype=np.int64)

    def held(term: str) -> NDArray[np.bool_]:
        return among(wanted, scoring.holding(term))

    weights = np.array([scoring.idf(term) for term in terms])
    found = np.stack([held(term) for term in terms])
    for group in query.groups:
        covered = [i for i, term in enumerate(terms) if term in group.covers]
        if covered:
            together = np.logical_and.reduce([held(term) for term in group.terms])
            found[covered] |= together
    shares = weights @ found / weights.sum()
    return {docnum: float(share) for docnum, share in zip(docnums, shares.tolist(), strict=True)}
