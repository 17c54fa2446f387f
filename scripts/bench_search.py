#!/usr/bin/env python3
"""Benchmark ``search_index`` on the development data in ``../shared/data``.

The data is read in place and indexed into a temporary directory; none of it is ever copied
into the repository. Prints indexing throughput, query latency (short queries and long
technology needs) and relevance on the weakly judged sets, comparing our mixed analyzer with
whoosh's StandardAnalyzer, which keeps a run of Chinese characters as one long token. Figures
only, no assertions: timings depend on the machine, and the judgments are too weak to tune on.

    .venv/bin/python scripts/bench_search.py [--limit N] [--data DIR]
"""

from __future__ import annotations

import argparse
import json
import math
import statistics
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any, ClassVar, Protocol

from whoosh import fields, index
from whoosh import query as wq
from whoosh.analysis import StandardAnalyzer

from search_index import DEFAULT_FACETS, PatentDocument, SearchIndex
from search_index.analysis import mixed_analyzer

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
CCF = "ccf_bdci2022_patent_zh"
PATSNAP = "patsnap_cs3245_en"
GOOGLE = "google_patents_ai_en"
NEEDS = "zh_tech_needs_ccf2019"
TOP = 10
SHORT_QUERIES = 200

Row = dict[str, Any]
Query = tuple[str, str, str | None]  # query id, text, document to leave out of the ranking
Analyzer = tuple[str, Callable[[], Any]]  # name, factory

# The naive baseline: whoosh's default analyzer keeps a run of Chinese characters as one token.
BASELINE: Analyzer = ("StandardAnalyzer", StandardAnalyzer)
# Our analyzer on the same plain path, to tell its effect from that of the rest of search_index.
MIXED: Analyzer = ("mixed analyzer", mixed_analyzer)


# Data


def read_jsonl(path: Path, limit: int | None = None) -> list[Row]:
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()][:limit]


def read_qrels(path: Path) -> dict[str, set[str]]:
    relevant: dict[str, set[str]] = defaultdict(set)
    with path.open(encoding="utf-8") as lines:
        next(lines)  # header
        for line in lines:
            query_id, doc_id, grade = line.rstrip("\n").split("\t")
            if int(grade) > 0:
                relevant[query_id].add(doc_id)
    return relevant


def to_document(row: Row) -> PatentDocument:
    app_date, pub_date = row.get("app_date"), row.get("pub_date")
    return PatentDocument(
        id=row["id"],
        title=row["title"],
        abstract=row.get("abstract") or "",
        ipc=tuple(row.get("ipc") or ()),
        patentees=tuple(row.get("applicant") or ()),
        filing_year=int(app_date[:4]) if app_date else None,
        announced_at=datetime.fromisoformat(pub_date) if pub_date else None,
        language=row.get("lang"),
    )


# Systems under comparison


class System(Protocol):
    name: str

    def rank(self, text: str) -> list[str]: ...

    def close(self) -> None: ...


class Ours:
    """The product path: ``SearchIndex.search`` with its query building and field weights."""

    name = "search_index (product path)"

    def __init__(self, directory: Path, rows: list[Row]) -> None:
        self.index = SearchIndex(directory)
        self.index.rebuild(map(to_document, rows))

    def rank(self, text: str) -> list[str]:
        return [hit.id for hit in self.index.search(text, per_page=TOP + 1, facets=()).hits]

    def close(self) -> None:
        self.index.close()


class Raw:
    """Title + abstract indexed with an analyzer and queried as a weighted OR of its terms."""

    WEIGHTS: ClassVar[dict[str, float]] = {"title": 3.0, "abstract": 2.0}

    def __init__(self, analyzer: Analyzer, directory: Path, rows: list[Row]) -> None:
        self.name = f"raw whoosh + {analyzer[0]}"
        self.analyzer = analyzer[1]()
        text = fields.TEXT(analyzer=self.analyzer)
        schema = fields.Schema(id=fields.ID(stored=True), title=text, abstract=text)
        directory.mkdir()
        writer = index.create_in(str(directory), schema).writer(limitmb=256)
        for row in rows:
            writer.add_document(id=row["id"], title=row["title"], abstract=row["abstract"] or "")
        writer.commit(optimize=True)
        self.searcher = index.open_dir(str(directory)).searcher()

    def rank(self, text: str) -> list[str]:
        clauses = [
            wq.Term(field, term, boost=weight)
            for term in {token.text for token in self.analyzer(text)}
            for field, weight in self.WEIGHTS.items()
        ]
        return [hit["id"] for hit in self.searcher.search(wq.Or(clauses), limit=TOP + 1)]

    def close(self) -> None:
        self.searcher.close()


def systems(work: Path, rows: list[Row], raw: Sequence[Analyzer]) -> Iterator[System]:
    stamp = time.monotonic_ns()
    yield Ours(work / f"ours-{stamp}", rows)
    for number, analyzer in enumerate(raw):
        yield Raw(analyzer, work / f"raw-{stamp}-{number}", rows)


# Relevance


def scores(system: System, queries: list[Query], qrels: dict[str, set[str]]) -> str:
    """MRR@10, nDCG@10 and P@10 of ``system``, binary relevance, the excluded doc left out."""
    mrr, ndcg, precision = [], [], []
    for query_id, text, excluded in queries:
        relevant = qrels.get(query_id, set()) - {excluded}
        if not relevant:
            continue
        ranked = [doc for doc in system.rank(text) if doc != excluded][:TOP]
        hits = [i for i, doc in enumerate(ranked) if doc in relevant]
        mrr.append(1 / (hits[0] + 1) if hits else 0.0)
        ideal = sum(1 / math.log2(i + 2) for i in range(min(len(relevant), TOP)))
        ndcg.append(sum(1 / math.log2(i + 2) for i in hits) / ideal)
        precision.append(len(hits) / TOP)
    mean = statistics.fmean
    return (
        f"  {system.name:<32} n={len(mrr):<4} MRR@10={mean(mrr):.3f} "
        f"nDCG@10={mean(ndcg):.3f} P@10={mean(precision):.3f}"
    )


def compare(
    title: str,
    work: Path,
    rows: list[Row],
    queries: list[Query],
    qrels: dict[str, set[str]],
    raw: Sequence[Analyzer] = (BASELINE,),
) -> None:
    started = time.perf_counter()
    print(f"{title} — {len(rows):,} documents")
    for system in systems(work, rows, raw):
        print(scores(system, queries, qrels))
        system.close()
    print(f"  ({time.perf_counter() - started:.0f} s)")


def bench_relevance(data: Path, work: Path, limit: int | None) -> None:
    corpus = read_jsonl(data / CCF / "corpus.jsonl", limit)
    gold = [row for row in corpus if row["label_source"] == "gold"]
    titles = read_jsonl(data / CCF / "queries_title.jsonl", limit)
    compare(
        "CCF 2022 zh: title → other patents of its class (weak)",
        work,
        gold,
        [(row["query_id"], row["text"], row["exclude_doc"]) for row in titles],
        read_qrels(data / CCF / "qrels_title.tsv"),
        raw=(MIXED, BASELINE),
    )
    # Known item: each gold patent's title must find its own abstract; titles are not indexed.
    compare(
        "CCF 2022 zh: known item, title → own abstract",
        work,
        [{**row, "title": ""} for row in corpus],
        [(row["id"], row["title"], None) for row in gold],
        {row["id"]: {row["id"]} for row in gold},
    )
    english = read_jsonl(data / GOOGLE / "queries.jsonl")
    compare(
        "Google Patents AI en: 12 short queries (weak)",
        work,
        read_jsonl(data / GOOGLE / "corpus.jsonl", limit),
        [(row["query_id"], row["text"], None) for row in english],
        read_qrels(data / GOOGLE / "qrels.tsv"),
    )


# Speed


def latency(name: str, search_index: SearchIndex, texts: Sequence[str], facets: bool) -> None:
    times = []
    for text in texts:
        started = time.perf_counter()
        search_index.search(text, facets=DEFAULT_FACETS if facets else ())
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    median, p95 = statistics.median(times), times[math.ceil(0.95 * len(times)) - 1]
    label = f"{name}, {'with' if facets else 'no'} facets"
    print(f"  {label:<34} n={len(times):<4} median={median:6.1f} ms  p95={p95:6.1f} ms")


def bench_speed(data: Path, work: Path, limit: int | None) -> None:
    unique: dict[str, Row] = {}  # two patents are in both English sets
    for name in (CCF, PATSNAP, GOOGLE):
        for row in read_jsonl(data / name / "corpus.jsonl", limit):
            unique.setdefault(row["id"], row)
    docs = [to_document(row) for row in unique.values()]
    search_index = SearchIndex(work / "all")
    started = time.perf_counter()
    search_index.rebuild(docs)
    elapsed = time.perf_counter() - started
    print("Indexing: CCF (zh) + PatSnap (en) + Google AI (en) in one rebuild")
    print(f"  {len(docs):,} documents in {elapsed:.1f} s = {len(docs) / elapsed:,.0f} docs/s")

    short = [row["text"] for row in read_jsonl(data / CCF / "queries_title.jsonl", SHORT_QUERIES)]
    short += [row["text"] for row in read_jsonl(data / GOOGLE / "queries.jsonl")]
    needs = [f"{row['title']}\n{row['text']}" for row in read_jsonl(data / NEEDS / "queries.jsonl")]
    print(
        "Latency on that index: short = CCF titles + Google queries; long = technology needs "
        f"(mean {statistics.fmean(map(len, needs)):.0f} chars)"
    )
    for facets in (False, True):
        latency("short queries", search_index, short, facets)
        latency("long technology needs", search_index, needs, facets)
    search_index.close()


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the shared data folder")
    parser.add_argument("--limit", type=int, help="index at most N documents per corpus")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench_search-") as temporary:
        work = Path(temporary)
        bench_speed(args.data, work, args.limit)
        bench_relevance(args.data, work, args.limit)


if __name__ == "__main__":
    main()
