#!/usr/bin/env python3
"""Benchmark the search index at 10,000 and 100,000 patents: indexing rate, index size, need-
matching latency with one warm searcher, and queries per second with two processes.

    .venv/bin/python scripts/bench_search.py [--sizes 10000 100000] [--seconds 20]

Patents: the development corpora of ``../shared/data`` (CCF 2022 in Chinese, PatSnap and
Google Patents AI in English; 18,500 distinct patents), scaled up by ``generate``:

- the first copy of each patent is the patent itself;
- every further copy keeps its source's language, IPC codes, applicants and shape: its title
  joins the first half of the source's title to the second half of another title in the same
  language, and its abstract is as many clauses (split at ，。；,.;) as the source's abstract,
  each drawn at random from all the clauses of that language.

Every word and clause is real, so the word-frequency distribution, the mix of languages and
the document lengths are those of the development data. What does not scale is the
vocabulary: real collections keep meeting new words (Heaps' law), these reuse theirs, so
posting lists grow denser than they would; if anything that makes latency look worse. Kinds
are drawn 6:3:1 (invention, utility model, design) so that a kind filter has work to do.

Needs: the 371 real technology needs of ``zh_tech_needs_ccf2019``, each its title plus the
first one or two sentences of its description (1–3 sentences), matched as the need page
matches them: relevance, the filter kind = invention, top 10 with highlights, no facets.

Nothing is written to the repository; indexes live in a temporary directory. Figures only,
no assertions: timings depend on the machine and on what else it is running.
"""

from __future__ import annotations

import argparse
import json
import math
import multiprocessing
import os
import random
import re
import resource
import statistics
import tempfile
import time
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

from marketplace.search.matching import match_need
from search_index import PatentDocument, PatentKind, SearchIndex

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
CORPORA = ("ccf_bdci2022_patent_zh", "patsnap_cs3245_en", "google_patents_ai_en")
NEEDS = DATA / "zh_tech_needs_ccf2019" / "queries.jsonl"
FILTERS = {"kind": ["invention"]}
KINDS: tuple[PatentKind, ...] = ("invention",) * 6 + ("utility_model",) * 3 + ("design",)
CLAUSE = re.compile(r"(?<=[，。；,.;])")
SENTENCE = re.compile(r"(?<=[。！？!?])")
WARM_UP = 30

Row = dict[str, Any]


def read_jsonl(path: Path) -> list[Row]:
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def source_patents() -> list[Row]:
    unique: dict[str, Row] = {}  # two patents are in both English sets
    for name in CORPORA:
        for row in read_jsonl(DATA / name / "corpus.jsonl"):
            unique.setdefault(row["id"], row)
    return list(unique.values())


def generate(count: int, seed: int = 2026) -> Iterator[PatentDocument]:
    """``count`` patents scaled from the development corpora (see the module docstring)."""
    sources = source_patents()
    by_language: dict[str, list[Row]] = {}
    for row in sources:
        by_language.setdefault(row["lang"], []).append(row)
    clauses = {
        language: [c for row in rows for c in CLAUSE.split(row["abstract"] or "") if c.strip()]
        for language, rows in by_language.items()
    }
    rng = random.Random(seed)
    for number in range(count):
        source = sources[number % len(sources)]
        copy, language = number // len(sources), source["lang"]
        title, abstract = source["title"], source["abstract"] or ""
        if copy:
            other = rng.choice(by_language[language])["title"]
            title = title[: len(title) // 2] + other[len(other) // 2 :]
            length = max(1, len([c for c in CLAUSE.split(abstract) if c.strip()]))
            abstract = "".join(rng.choice(clauses[language]) for _ in range(length))
        published = source.get("pub_date") or ""
        yield PatentDocument(
            id=f"{source['id']}-{copy}",
            title=title[:500],
            abstract=abstract,
            ipc=tuple(source.get("ipc") or ()),
            patentees=tuple(source.get("applicant") or ()),
            kind=rng.choice(KINDS),
            filing_year=2000 + number % 24,
            announced_at=datetime.fromisoformat(published) if published else None,
            language=language,
        )


def needs() -> list[str]:
    texts = []
    for row in read_jsonl(NEEDS):
        sentences = [s for s in SENTENCE.split(row["text"].strip()) if s.strip()]
        texts.append("\n".join([row["title"], *sentences[: 1 + len(texts) % 2]]))
    return texts


def _cpu_seconds() -> float:
    """User and system CPU time of this process and of its finished children."""
    own, children = (resource.getrusage(who) for who in
                     (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def size_of(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def latency(index: SearchIndex, texts: list[str]) -> list[float]:
    """Milliseconds per need, after warming the searcher up on other needs."""
    for text in texts[-WARM_UP:]:
        match_need(index, text, filters=FILTERS)
    times = []
    for text in texts[:-WARM_UP]:
        started = time.perf_counter()
        page = match_need(index, text, filters=FILTERS)
        times.append((time.perf_counter() - started) * 1000)
        assert len(page.hits) <= 10
    return times


def _searcher_process(path: str, texts: list[str], offset: int, seconds: float,
                      counts: Any) -> None:
    index = SearchIndex(path)
    for text in texts[:WARM_UP]:
        match_need(index, text, filters=FILTERS)
    done, position = 0, offset
    stop = time.perf_counter() + seconds
    while time.perf_counter() < stop:
        match_need(index, texts[position % len(texts)], filters=FILTERS)
        done, position = done + 1, position + 1
    counts[offset] = done


def throughput(path: Path, texts: list[str], seconds: float, processes: int = 2) -> float:
    """Needs matched per second by ``processes`` processes, each with its own searcher."""
    with multiprocessing.Manager() as manager:
        counts = manager.dict()
        workers = [multiprocessing.Process(target=_searcher_process,
                                           args=(str(path), texts, n * 97, seconds, counts))
                   for n in range(processes)]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join()
        return sum(counts.values()) / seconds


def bench(size: int, work: Path, texts: list[str], seconds: float) -> None:
    path = work / f"index-{size}"
    index = SearchIndex(path)
    documents = list(generate(size))
    before = _cpu_seconds()
    started = time.perf_counter()
    index.rebuild(documents)
    elapsed = time.perf_counter() - started
    cpu = _cpu_seconds() - before
    times = latency(index, texts)
    index.close()
    rate = throughput(path, texts, seconds)
    print(f"{size:,} patents")
    processes = os.cpu_count() or 1
    print(f"  indexing        {elapsed:6.1f} s = {size / elapsed:,.0f} patents/s "
          f"(rebuild with {processes} processes)")
    # On a shared machine the wall clock also counts other programs; the CPU time does not.
    print(f"  indexing CPU    {cpu:6.1f} s = {cpu / size * 1000:.2f} ms per patent, i.e. "
          f"{size / (cpu / processes):,.0f} patents/s with {processes} cores to itself")
    print(f"  index size      {size_of(path) / 2**20:6.1f} MiB")
    print(f"  need matching   p50 {statistics.median(times):5.1f} ms   "
          f"p95 {percentile(times, 0.95):5.1f} ms   p99 {percentile(times, 0.99):5.1f} ms   "
          f"({len(times)} needs, one warm searcher)")
    print(f"  throughput      {rate:6.1f} needs/s with 2 processes ({seconds:.0f} s)")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--seconds", type=float, default=20.0,
                        help="how long the throughput run lasts")
    args = parser.parse_args()
    texts = needs()
    load = os.getloadavg()[0]
    print(f"{os.cpu_count()} CPUs, load average {load:.1f} at the start; needs: "
          f"{len(texts) - WARM_UP} timed (mean {statistics.fmean(map(len, texts)):.0f} "
          f"characters), filter kind = invention, top 10 with highlights")
    with tempfile.TemporaryDirectory(prefix="bench_search-") as temporary:
        for size in args.sizes:
            bench(size, Path(temporary), texts, args.seconds)
    print(f"load average {os.getloadavg()[0]:.1f} at the end")


if __name__ == "__main__":
    main()
