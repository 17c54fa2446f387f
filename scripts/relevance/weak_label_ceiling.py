#!/usr/bin/env python3
"""How far a topical ranking can go on ``google_patents_ai_en``'s weak judgments.

There, "relevant" means "was in that engine's result list for the query" (``../shared/data``
README), and the queries overlap (``neural network``, ``neural networks``, ``deep neural
networks``...): a patent titled "Neural networks and methods for training neural networks" is
judged relevant to the PatentsView query and not to the Google one. For each query this prints
how many patents state the query's phrase in their title and what share of them are judged
relevant: a ranking that puts exactly such patents first, in any order among them, is expected to
score that share as its precision, and nDCG@10 with one grade follows it. The last lines give the
set's mean nDCG@10 expected of such a ranking, and of a ranking perfect on every query but those
where most such titles are judged not relevant (below ``--ambiguous``, 70 %), which it can only
tell apart by the engine that listed them; with their ratios to the BM25 figure given.

    .venv/bin/python scripts/relevance/weak_label_ceiling.py --bm25 0.7737
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
from collections import defaultdict
from pathlib import Path

DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "google_patents_ai_en"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--bm25", type=float, help="plain BM25 nDCG@10 on the set")
    parser.add_argument("--ambiguous", type=float, default=0.7)
    args = parser.parse_args()
    with (args.data / "corpus.jsonl").open(encoding="utf-8") as lines:
        titles = {row["id"]: row["title"] for row in map(json.loads, lines)}
    with (args.data / "queries.jsonl").open(encoding="utf-8") as lines:
        queries = [json.loads(line) for line in lines]
    relevant: dict[str, set[str]] = defaultdict(set)
    with (args.data / "qrels.tsv").open(encoding="utf-8") as lines:
        next(lines)
        for line in lines:
            query_id, doc_id, grade = line.split()
            if int(grade) > 0:
                relevant[query_id].add(doc_id)
    shares = []
    for query in queries:
        stem = query["text"].rstrip("s")
        phrase = re.compile(rf"\b{re.escape(stem)}s?\b", re.IGNORECASE)
        stating = [doc for doc, title in titles.items() if phrase.search(title)]
        share = (sum(doc in relevant[query["query_id"]] for doc in stating) / len(stating)
                 if stating else 1.0)
        shares.append(share)
        print(f"{query['query_id']:<30} {len(stating):5d} titles state it, "
              f"{share:6.1%} of them judged relevant")
    def ratio(value: float) -> str:
        return f" = {value / args.bm25:.2f}× plain BM25 ({args.bm25:.4f})" if args.bm25 else ""

    topical = statistics.fmean(shares)
    best = statistics.fmean(share if share < args.ambiguous else 1.0 for share in shares)
    print(f"expected nDCG@10 of a ranking by the stated phrase: {topical:.3f}{ratio(topical)}")
    print(f"perfect but where most such titles are judged not relevant: {best:.3f}{ratio(best)}")


if __name__ == "__main__":
    main()
