"""``SearchIndex``: the on-disk patent index, its writers and its searcher."""

from __future__ import annotations

import contextlib
import itertools
import os
import shutil
import threading
from collections import OrderedDict
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any, Final, TypeVar, get_args

import numpy as np
from whoosh import index
from whoosh.codec.whoosh3 import W3Codec
from whoosh.index import EmptyIndexError, LockError

from .analysis import warm_up
from .documents import PatentDocument
from .embedding import Embedder, Vectors, crossing_vector, query_rows
from .generations import Generations
from .language_bias import language_means, shifts
from .query import gloss, query_on
from .results import SearchHit, SearchPage
from .schema import FACETS, ID_FIELD, SortKey, build_schema, document_fields
from .searching import DenseQuery, Ranking, hits_for_ids, language_codes, ranked_ids, run_search
from .snapshot import CACHE_ELEMENT_BYTES, SegmentCache, Snapshot
from .vectors import DenseMatrix, VectorFiles

__all__ = ["DEFAULT_FACETS", "MAX_PER_PAGE", "IndexBusy", "SearchIndex"]

DEFAULT_FACETS: Final = (
    "kind",
    "legal_status",
    "declaration_status",
    "fee_method",
    "region",
    "ipc",
    "filing_year",
)
MAX_PER_PAGE: Final = 100
# A generation may be retired by a rebuild between resolving and opening it; try again this
# often on the new one before giving up.
_ATTEMPTS: Final = 3
# Errors that mean "the generation just resolved has been deleted by a rebuild".
_RETIRED: Final = (FileNotFoundError, EmptyIndexError)
# A rebuild of more documents than this is indexed by parallel processes (whoosh's multiprocess
# writer, one segment per process); smaller ones are not worth starting processes for.
PARALLEL_REBUILD_DOCS: Final = 2_000
_REBUILD_BATCH: Final = 250
# Postings each writer process buffers before spilling sorted runs to disk. Spilling and merging
# the runs costs as much again as indexing: with 1 GB a process indexes 50,000 patents without
# spilling (about 1.4 GB resident each; 512 MB would halve the indexing rate at 100,000).
_WRITER_MB: Final = 1024
# Arrays kept between searches, by default (see ``SearchIndex``). At 100,000 patents the need
# page's vocabulary fits in 128 MB: of the cache's lookups over 311 distinct needs 35 % missed
# with 32 MB, 27 % with 64 MB and 19 % with 128 MB or more (the words no earlier need had), and
# the CPU time of a need page fell from 41 to 29 ms (``scripts/bench_search.py``).
DEFAULT_CACHE_MB: Final = 128
# Query texts whose vectors are remembered (a few hundred kilobytes).
_QUERY_VECTORS: Final = 256

T = TypeVar("T")
# Vectors given to a rebuild: batches of (patent ids, rows).
VectorBatches = Iterable[tuple[Sequence[str], Vectors]]


def _check_facets(names: Collection[str]) -> None:
    unknown = sorted(set(names) - FACETS.keys())
    if unknown:
        raise ValueError(f"unknown facets {unknown}; expected names from {sorted(FACETS)}")


class IndexBusy(RuntimeError):
    """Another writer (in this or another process) holds the index; retry the change later."""


def _check_documents(docs: Iterable[PatentDocument]) -> Iterator[PatentDocument]:
    for doc in docs:
        if not isinstance(doc, PatentDocument):
            raise TypeError(f"expected PatentDocument, got {type(doc).__name__}")
        yield doc


def _discard(writer: Any) -> None:
    """Cancel ``writer``, releasing its lock, even if its generation was deleted meanwhile."""
    with contextlib.suppress(OSError):
        writer.cancel()


def _codec() -> Any:
    """Whoosh's codec without per-block length statistics: they only serve whoosh's own
    block-skipping scorers, which ``scoring.py`` does not use, and computing them took a fifth
    of the indexing time (a column lookup for every posting)."""
    codec = W3Codec()
    codec.length_stats = False
    return codec


def _open(generation: Path) -> Any:
    """Open a generation with this code's schema rather than the one pickled in the index, so
    that renaming a class of the analysis never makes an index unreadable (an index built with
    different analysis still needs ``rebuild`` to be searched well)."""
    return index.open_dir(str(generation), schema=build_schema())


def _abandon(writer: Any) -> None:
    """Cancel a rebuild's writer, stopping the processes of a multiprocess writer too (its
    own ``cancel`` leaves them waiting for work that never comes)."""
    for task in getattr(writer, "tasks", ()):
        task.terminate()
        task.join()
    _discard(writer)


class SearchIndex:
    """A full-text patent index stored under ``path``.

    Any number of instances and processes may search at once; only one may write at a time.
    Writing methods raise :class:`IndexBusy` when another writer holds the index for longer
    than ``lock_timeout`` seconds. Every search sees the latest committed changes. One
    instance may be shared by threads: its searches take turns (whoosh is pure Python, so
    under the GIL little would be gained by running them side by side). ``processes`` is the
    number of processes a large ``rebuild`` indexes with (default: one per CPU).
    ``cache_mb`` bounds the arrays kept between searches (decoded postings, analysed
    documents): the default suits a web process; a batch worker, which ranks thousands of
    needs sharing their common terms, gains from more.

    With an ``embedder`` the index has a dense side: patent vectors of that model
    (``add_vectors``, or given to ``rebuild``) stored in the same generation as the text, and a
    relevance ranking fused from BM25F and cosine similarity. Without one, or before any
    vector exists, searching is lexical only.
    """

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        lock_timeout: float = 0.5,
        processes: int | None = None,
        embedder: Embedder | None = None,
        cache_mb: int = DEFAULT_CACHE_MB,
    ) -> None:
        self._generations = Generations(Path(path))
        self._lock_timeout = lock_timeout
        self._processes = processes if processes is not None else (os.cpu_count() or 1)
        self._search_lock = threading.Lock()
        self._searcher: Any = None
        self._searcher_generation: Path | None = None
        self._snapshot: Snapshot | None = None
        self.cache_mb = cache_mb
        self._cache = SegmentCache(cache_mb * 2**20 // CACHE_ELEMENT_BYTES)
        self.embedder = embedder
        self._dense = DenseMatrix()
        self._dense_generation: Path | None = None
        self._rows: tuple[object, ...] = ()
        self._rows_of_docs: Any = None
        self._languages: Any = None
        self._shifts: dict[str, Vectors] = {}
        self._codes: dict[str, int] = {}
        self._means: dict[str, Vectors] = {}
        self._means_of: Embedder | None = None
        self._means_lock = threading.Lock()
        self._product_key: tuple[object, ...] = ()
        self._product: DenseQuery | None = None
        self._query_vectors: OrderedDict[str, Vectors] = OrderedDict()
        self._query_vectors_lock = threading.Lock()
        self._query_vectors_of: Embedder | None = embedder

    @property
    def path(self) -> Path:
        """The directory holding the index generations."""
        return self._generations.root

    def open_or_create(self) -> None:
        """Make sure an index exists at ``path`` (an empty one if there was none)."""
        self._live()

    def _live(self) -> Path:
        """Return the live generation, creating an empty index first if there is none."""
        generation = self._generations.current()
        if generation is not None:
            return generation
        with self._generations.lock():
            generation = self._generations.current()
            if generation is None:
                generation = self._generations.new()
                index.create_in(str(generation), build_schema())
                self._generations.publish(generation)
        return generation

    # Writing

    def _writer(self) -> Any:
        """Return a whoosh writer holding the lock of the live generation.

        Raises ``IndexBusy`` if another writer keeps the lock past ``lock_timeout``.
        """
        return self._locked()[0]

    def _locked(self) -> tuple[Any, Path]:
        """A writer holding the lock of the live generation, and that generation."""
        for _ in range(_ATTEMPTS):
            generation = self._live()
            try:
                writer = _open(generation).writer(timeout=self._lock_timeout, codec=_codec())
            except LockError as error:
                raise IndexBusy(f"another writer holds the search index at {self.path}") from error
            except _RETIRED:
                continue
            # A rebuild may have published a new generation while we waited for the lock;
            # changes written to the old one would be lost.
            if self._generations.current() == generation:
                return writer, generation
            _discard(writer)
        raise IndexBusy(f"the search index at {self.path} is being rebuilt")

    @contextlib.contextmanager
    def _writing(self) -> Iterator[Any]:
        """Yield a writer on the live generation; commit on success, cancel on error."""
        writer = self._writer()
        try:
            yield writer
        except BaseException:
            _discard(writer)
            raise
        writer.commit()

    def upsert(self, docs: Iterable[PatentDocument]) -> int:
        """Add or replace documents by id, in one commit; return how many were written.

        When ``docs`` repeats an id the last one wins. Raises ``IndexBusy`` (nothing written)
        if another writer holds the index.
        """
        latest = {doc.id: doc for doc in _check_documents(docs)}
        if not latest:
            return 0
        with self._writing() as writer:
            for doc in latest.values():
                writer.update_document(**document_fields(doc))
        return len(latest)

    def delete(self, ids: Iterable[str]) -> int:
        """Delete documents by id, in one commit; return how many were in the index.

        Unknown ids are ignored. Raises ``IndexBusy`` (nothing deleted) if another writer
        holds the index.
        """
        unique = set(ids)
        if not unique:
            return 0
        with self._writing() as writer:
            return sum(int(writer.delete_by_term(ID_FIELD, doc_id)) for doc_id in unique)

    def add_vectors(self, ids: Sequence[str], vectors: Vectors) -> None:
        """Store the embedder's vectors of these documents (replacing earlier ones), durably.

        Raises ``IndexBusy`` (nothing stored) while another writer holds the index, e.g. a
        rebuild: its new generation takes the vectors from the caller's source of truth.
        """
        if self.embedder is None:
            raise ValueError("this index has no embedder")
        writer, generation = self._locked()
        try:
            VectorFiles(generation, self.embedder.name).append(ids, vectors)
        finally:
            _discard(writer)

    def vector_count(self) -> int:
        """How many documents of the live generation have a vector."""
        generation = self._generations.current()
        if generation is None or self.embedder is None:
            return 0
        with self._search_lock:
            return len(self._dense_matrix(generation).ids)

    def rebuild(self, docs: Iterable[PatentDocument], vectors: VectorBatches = ()) -> int:
        """Replace the whole index with ``docs`` atomically; return how many were indexed.

        The new index is built in a fresh generation while searches keep using the old one,
        then published in one atomic step and the old generation deleted. The live
        generation's write lock is held throughout, so ``upsert``/``delete`` calls made
        meanwhile raise ``IndexBusy`` and, retried later, apply to the new index: consume
        ``docs`` from the source of truth lazily and no change is lost. ``vectors`` (batches of
        ids and rows of the embedder's model) go into the new generation with the text, so
        both sides switch together. Raises ``ValueError`` on a repeated id and ``IndexBusy``
        if another writer holds the index; on any error the old index stays live and
        unchanged.
        """
        live = self._writer()
        try:
            with self._generations.lock():
                generation = self._generations.new()
            try:
                count = self._fill(generation, docs)
                for ids, rows in vectors:
                    if self.embedder is None:
                        raise ValueError("this index has no embedder")
                    VectorFiles(generation, self.embedder.name).append(ids, rows)
            except BaseException:
                shutil.rmtree(generation, ignore_errors=True)
                raise
            with self._generations.lock():
                self._generations.publish(generation)
        finally:
            _discard(live)
        self._generations.prune(keep=generation)
        return count

    def _fill(self, generation: Path, docs: Iterable[PatentDocument]) -> int:
        """Index ``docs`` into the empty ``generation``; return how many."""
        created = index.create_in(str(generation), build_schema())
        seen: set[str] = set()
        documents = _check_documents(docs)
        first = list(itertools.islice(documents, PARALLEL_REBUILD_DOCS))
        parallel = self._processes > 1 and len(first) == PARALLEL_REBUILD_DOCS
        if parallel:
            # Children inherit the loaded jieba dictionary instead of each loading it.
            warm_up()
            writer = created.writer(procs=self._processes, batchsize=_REBUILD_BATCH,
                                    multisegment=True, limitmb=_WRITER_MB, codec=_codec())
        else:
            writer = created.writer(limitmb=_WRITER_MB, codec=_codec())
        try:
            for doc in itertools.chain(first, documents):
                if doc.id in seen:
                    raise ValueError(f"document id {doc.id!r} occurs more than once")
                seen.add(doc.id)
                writer.add_document(**document_fields(doc))
        except BaseException:
            _abandon(writer)
            raise
        # One segment per process: merging them would take as long again as indexing did.
        writer.commit(optimize=not parallel)
        return len(seen)

    def clear(self) -> None:
        """Remove every document, atomically (see ``rebuild``)."""
        self.rebuild(())

    # Reading

    def _with_snapshot(self, use: Callable[[Snapshot], T], default: T) -> T:
        """Return ``use(snapshot)`` on the live generation (``default`` if there is no index).

        The searcher and its snapshot are kept between calls and reopened when there are new
        commits or a rebuild has published a new generation; the call is retried if the
        generation was deleted between resolving and reading it.
        """
        with self._search_lock:
            attempt = 0
            while True:
                attempt += 1
                generation = self._generations.current()
                if generation is None:
                    return default
                try:
                    # Reopened rather than refresh()ed: whoosh cannot refresh a searcher
                    # opened on an empty index.
                    if generation != self._searcher_generation or not self._searcher.up_to_date():
                        if generation != self._searcher_generation:
                            self._cache.clear()
                        self._close_searcher()
                        self._searcher = _open(generation).searcher()
                        self._searcher_generation = generation
                        self._snapshot = Snapshot(self._searcher, self._cache)
                    assert self._snapshot is not None
                    return use(self._snapshot)
                except _RETIRED:
                    self._close_searcher()
                    if attempt == _ATTEMPTS:
                        raise

    def doc_count(self) -> int:
        """Return the number of documents in the index (0 if it was never created)."""
        return self._with_snapshot(lambda snapshot: snapshot.live_count, 0)

    def search(
        self,
        query: str = "",
        *,
        filters: Mapping[str, Sequence[str]] | None = None,
        sort: SortKey = "relevance",
        page: int = 1,
        per_page: int = 20,
        facets: Sequence[str] = DEFAULT_FACETS,
        facet_limit: int = 20,
        ids: Collection[str] | None = None,
        explain: bool = True,
        query_vector: Vectors | None = None,
        ranking: Ranking = "fused",
    ) -> SearchPage:
        """Search with user text, which may be anything: it never causes an exception.

        A blank ``query`` browses every document (newest first under ``"relevance"``).
        ``filters`` maps facet names (``schema.FACETS``) to accepted values. ``page`` is
        clamped to ≥ 1 and ``per_page`` to 1..``MAX_PER_PAGE``; a page past the end is empty.
        Each facet in ``facets`` gets up to ``facet_limit`` values. Raises ``ValueError`` for
        an unknown sort, filter or facet name — those come from the app, not the user.
        ``ids``, when given, restricts the search to those documents, scored as they would be
        in an unrestricted search (cheap for a few ids: testing new documents against a
        saved search). ``explain=False`` leaves out the hits' matched terms and highlights,
        for callers that only want ids and scores (which do not change).

        With the dense side on, relevance fuses BM25F with the cosine of the query's vector
        (``query_vector``, e.g. a need's stored one; else ``query`` is embedded, once) and
        the patents' vectors; ``ranking`` asks for ``"lexical"`` or ``"dense"`` alone instead.
        """
        if sort not in get_args(SortKey):
            raise ValueError(f"unknown sort {sort!r}; expected one of {get_args(SortKey)}")
        _check_facets({*facets, *(filters or {})})
        page = max(page, 1)
        per_page = min(max(per_page, 1), MAX_PER_PAGE)
        vector = self._query_vector(query, query_vector, ranking if sort == "relevance"
                                    else "lexical")

        def use(snapshot: Snapshot) -> SearchPage:
            return run_search(
                snapshot,
                query,
                filters=filters,
                sort=sort,
                page=page,
                per_page=per_page,
                facets=facets,
                facet_limit=facet_limit,
                ids=ids,
                explain=explain,
                dense=self._dense_query(snapshot, vector),
                ranking=ranking,
            )

        nothing = SearchPage(0, page, per_page, facets={name: [] for name in facets})
        found = self._with_snapshot(use, nothing)
        if vector is None or self.embedder is None:
            return found
        return replace(found, query_vector=query_rows(vector, self.embedder.dim)[0])

    def scores(
        self,
        query: str,
        *,
        ids: Collection[str],
        filters: Mapping[str, Sequence[str]] | None = None,
        query_vector: Vectors | None = None,
        ranking: Ranking = "fused",
    ) -> dict[str, float | None]:
        """The relevance scores of those of ``ids`` that match ``query`` and ``filters``, the
        same as ``search`` gives them (``None`` for a blank query), in one pass however many
        ids: testing changed documents against a saved search. Raises ``ValueError`` for an
        unknown filter name.
        """
        return {doc_id: hit.score for doc_id, hit in
                self.hits(query, ids=ids, filters=filters, query_vector=query_vector,
                          ranking=ranking).items()}

    def hits(
        self,
        query: str,
        *,
        ids: Collection[str],
        filters: Mapping[str, Sequence[str]] | None = None,
        query_vector: Vectors | None = None,
        ranking: Ranking = "fused",
    ) -> dict[str, SearchHit]:
        """Like ``scores``, the unexplained hits (score, coverage and calibrated relevance)
        of those of ``ids`` that match ``query`` and ``filters``, by id."""
        _check_facets(filters or {})
        vector = self._query_vector(query, query_vector, ranking)
        return self._with_snapshot(
            lambda snapshot: hits_for_ids(snapshot, query, filters=filters, ids=ids,
                                          dense=self._dense_query(snapshot, vector),
                                          ranking=ranking), {})

    def ranked(
        self,
        query: str,
        *,
        count: int,
        filters: Mapping[str, Sequence[str]] | None = None,
        query_vector: Vectors | None = None,
        ranking: Ranking = "fused",
    ) -> list[tuple[str, float | None]]:
        """The ids and scores of ``search``'s first ``count`` hits by relevance, in order (the
        same as reading its pages), without building the hits: for a batch run, which keeps
        nothing else. Raises ``ValueError`` for an unknown filter name."""
        _check_facets(filters or {})
        vector = self._query_vector(query, query_vector, ranking)
        return self._with_snapshot(
            lambda snapshot: ranked_ids(snapshot, query, count=count, filters=filters,
                                        dense=self._dense_query(snapshot, vector),
                                        ranking=ranking), [])

    # The dense side

    def _query_vector(self, text: str, given: Vectors | None, ranking: Ranking) -> Vectors | None:
        """The query's vector when the dense side takes part: ``given``, or ``text`` embedded
        (outside the search lock; not while no document has a vector yet)."""
        if given is not None and self.embedder is not None and ranking != "lexical" \
                and text.strip():
            vector: Vectors | None = np.asarray(given, dtype=np.float32).reshape(-1)
        else:
            vector = self.query_vectors([text], ranking)[0]
        if vector is not None:
            self._language_means()
        return vector

    def _language_means(self) -> dict[str, Vectors]:
        """The embedder's mean query vector of each language (``language_bias.py``), computed
        on the first search that uses the dense side (a second or so, outside the search
        lock) and kept."""
        embedder = self.embedder
        with self._means_lock:
            if self._means_of is not embedder and embedder is not None:
                self._means = language_means(embedder)
                self._means_of = embedder
            return self._means

    def query_vectors(self, texts: Sequence[str], ranking: Ranking = "fused"
                      ) -> list[Vectors | None]:
        """Each text's vector as a ``ranking`` of it would use it: ``None`` when the dense side
        takes no part (no embedder, ``"lexical"``, a blank text, no document with a vector
        yet). The texts not remembered are embedded in one call of the model, which is
        cheaper than one call each (a batch run hands its needs over this way)."""
        embedder = self.embedder
        if embedder is None or ranking == "lexical":
            return [None] * len(texts)
        generation = self._generations.current()
        if generation is None or not VectorFiles(generation, embedder.name).names():
            return [None] * len(texts)
        wanted = [text for text in texts if text.strip()]
        known = self.embed_queries(wanted) if wanted else []
        vectors = dict(zip(wanted, known, strict=True))
        return [vectors.get(text) for text in texts]

    def embed_query(self, text: str) -> Vectors:
        """``text`` embedded as a query by the index's embedder (see ``embed_queries``)."""
        return self.embed_queries([text])[0]

    def embed_queries(self, texts: Sequence[str]) -> list[Vectors]:
        """``texts`` embedded as queries by the index's embedder, those not remembered in one
        call; the last few hundred are remembered: the pages of one query, the two lists of a
        need page, a need saved again with its text unchanged embed it once."""
        embedder = self.embedder
        if embedder is None:
            raise ValueError("this index has no embedder")
        with self._query_vectors_lock:
            if self._query_vectors_of is not embedder:  # another model: forget the vectors
                self._query_vectors.clear()
                self._query_vectors_of = embedder
            found = {text: self._query_vectors[text] for text in texts
                     if text in self._query_vectors}
        missing = list(dict.fromkeys(text for text in texts if text not in found))
        if missing:
            glosses = self._glosses(missing)
            said = [text for text in glosses if text]
            vectors = embedder.embed_queries([*missing, *said])
            translations = iter(vectors[len(missing):])
            found.update((text, crossing_vector(vector, next(translations)) if gloss else vector)
                         for text, gloss, vector in zip(missing, glosses, vectors, strict=False))
            with self._query_vectors_lock:
                if self._query_vectors_of is embedder:
                    for text in missing:
                        self._query_vectors[text] = found[text]
                while len(self._query_vectors) > _QUERY_VECTORS:
                    self._query_vectors.popitem(last=False)
        return [found[text] for text in texts]

    def _glosses(self, texts: Sequence[str]) -> list[str]:
        """Each text's words said in the other language (``query.gloss``), where the index
        holds patents in that language (else empty: the crossing row would serve none)."""
        def glosses(snapshot: Snapshot) -> list[str]:
            present = set(map(str, snapshot.facet_table("language").values))
            found = []
            for text in texts:
                query = query_on(snapshot, text)
                other = {"zh": "en", "en": "zh"}.get(query.language or "")
                found.append(gloss(query) if other in present else "")
            return found

        return self._with_snapshot(glosses, [""] * len(texts))

    def _dense_matrix(self, generation: Path) -> DenseMatrix:
        """The live generation's vectors, reading only files added since the last search
        (hold the search lock)."""
        assert self.embedder is not None
        if generation != self._dense_generation:
            self._dense = DenseMatrix()
            self._dense_generation = generation
        self._dense = self._dense.refreshed(VectorFiles(generation, self.embedder.name))
        return self._dense

    def _dense_query(self, snapshot: Snapshot, vector: Vectors | None) -> DenseQuery | None:
        """The dense side of a search on ``snapshot`` (``None`` without a query vector)."""
        generation = self._searcher_generation
        if vector is None or generation is None:
            return None
        matrix = self._dense_matrix(generation)
        if not matrix.ids:
            return None
        means = self._means if self._means_of is self.embedder else {}
        key = (generation, snapshot.size, *snapshot.segment_ids, matrix.files, id(means))
        if key != self._rows:
            self._rows_of_docs = matrix.rows(snapshot.doc_ids())
            self._languages, self._codes = language_codes(snapshot)
            self._shifts = shifts(matrix.matrix, self._rows_of_docs, self._languages,
                                  self._codes, means)
            self._rows = key
        # The two lists of a need page (and the pages of one query) share one product.
        product_key = (key, vector.tobytes())
        if product_key != self._product_key or self._product is None:
            self._product = DenseQuery.of(vector, matrix, self._rows_of_docs, self._languages,
                                          self._shifts, self._codes)
            self._product_key = product_key
        return self._product

    def _close_searcher(self) -> None:
        if self._searcher is not None:
            self._searcher.close()
        self._searcher = None
        self._searcher_generation = None
        self._snapshot = None

    def close(self) -> None:
        """Release the open searcher; the instance stays usable and reopens on demand."""
        with self._search_lock:
            self._close_searcher()

    def __enter__(self) -> SearchIndex:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()
