"""A searcher's view of the index as numpy arrays: postings, live documents, field lengths,
filter masks, facet tables and sort keys.

Whoosh scores postings one document at a time in Python, which at 100,000 patents takes
hundreds of milliseconds per need. Here each term's postings are decoded block by block into
arrays and scored in bulk (``scoring.py``). Arrays derived from a segment are cached by segment
id: whoosh segments never change once written (deletions are kept apart), so the cache stays
valid across commits and only new segments are read after a drain.

This module reads whoosh's ``W3`` postings blocks directly (``W3LeafMatcher``), falling back to
the generic matcher interface for any other codec.
"""

from __future__ import annotations

import functools
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterator
from dataclasses import dataclass
from typing import Any, Final, TypeVar

import numpy as np
from numpy.typing import NDArray
from whoosh.codec.whoosh3 import LENGTHS_COLUMN
from whoosh.reading import TermNotFound
from whoosh.util.numeric import byte_to_length

from .query import FilterClause, FilterTerm
from .schema import FACETS, ID_FIELD

__all__ = ["CACHE_ELEMENT_BYTES", "FacetTable", "Postings", "SegmentCache", "Snapshot", "among"]

Ints = NDArray[np.int64]
Floats = NDArray[np.float64]
Mask = NDArray[np.bool_]
# The documents holding a term (global document numbers, ascending) and its frequency in each.
Postings = tuple[Ints, Floats]

# Whoosh stores a field's length per document as one byte; this undoes the encoding.
_BYTE_LENGTHS: Final = np.array([byte_to_length(b) for b in range(256)], dtype=np.float64)
_LENGTHS_PREFIX: Final = "_%s_len"
T = TypeVar("T")
# The bytes of one cached element: a posting is a document number and a frequency.
CACHE_ELEMENT_BYTES: Final = 16


def among(docnums: Ints, ascending: Ints) -> Mask:
    """Which of ``docnums`` occur in ``ascending`` (document numbers in ascending order, such as
    postings): a binary search for each, not a sort of the postings."""
    if not len(ascending):
        return np.zeros(len(docnums), dtype=np.bool_)
    at = np.minimum(np.searchsorted(ascending, docnums), len(ascending) - 1)
    found: Mask = ascending[at] == docnums
    return found


class SegmentCache:
    """A least-recently-used cache of arrays derived from segments, bounded by their size.

    Sizes are in array elements (a posting counts one, ``CACHE_ELEMENT_BYTES``).
    """

    def __init__(self, capacity: int) -> None:
        self._capacity = capacity
        self._size = 0
        self._items: OrderedDict[Hashable, tuple[Any, int]] = OrderedDict()

    def get(self, key: Hashable, compute: Callable[[], T], size: Callable[[T], int]) -> T:
        """Return the cached value for ``key``, computing (and caching) it when missing."""
        if key in self._items:
            self._items.move_to_end(key)
            value: T = self._items[key][0]
            return value
        value = compute()
        cost = max(size(value), 1)
        self._items[key] = (value, cost)
        self._size += cost
        while self._size > self._capacity and len(self._items) > 1:
            _, (_, dropped) = self._items.popitem(last=False)
            self._size -= dropped
        return value

    def clear(self) -> None:
        self._items.clear()
        self._size = 0


def _decode_blocks(matcher: Any) -> tuple[list[Ints], list[Floats]]:
    """Decode a whoosh 3 leaf matcher block by block (ids are delta-coded per block)."""
    ids: list[Ints] = []
    weights: list[Floats] = []
    while matcher.is_active():
        matcher._read_data()
        deltas, block_weights = matcher._data[0], matcher._data[1]
        block_ids = np.cumsum(np.asarray(deltas, dtype=np.int64))
        ids.append(block_ids)
        if block_weights is None:
            weights.append(np.ones(len(block_ids)))
        elif isinstance(block_weights, float):
            weights.append(np.full(len(block_ids), block_weights))
        else:
            weights.append(np.asarray(block_weights, dtype=np.float64))
        matcher._next_block()
    return ids, weights


def _decode_generic(matcher: Any) -> tuple[list[Ints], list[Floats]]:
    ids, weights = [], []
    while matcher.is_active():
        ids.append(matcher.id())
        weights.append(matcher.weight())
        matcher.next()
    return [np.array(ids, dtype=np.int64)], [np.array(weights, dtype=np.float64)]


def segment_postings(reader: Any, field: str, value: str | int) -> Postings | None:
    """The postings of one term in one segment (local document numbers, deletions included)."""
    schema_field = reader.schema[field]
    try:
        matcher = reader._terms.matcher(field, schema_field.to_bytes(value), schema_field.format)
    except (TermNotFound, KeyError, ValueError, OverflowError):
        return None
    if hasattr(matcher, "_read_data") and hasattr(matcher, "_next_block"):
        ids, weights = _decode_blocks(matcher)
    else:
        ids, weights = _decode_generic(matcher)
    if not ids:
        return None
    return np.concatenate(ids), np.concatenate(weights)


@dataclass(frozen=True, slots=True)
class FacetTable:
    """Every (document, value) pair of a facet: ``codes[i]`` indexes ``values`` for document
    ``docs[i]``; a multi-valued facet lists a document once per value."""

    docs: Ints
    codes: Ints
    values: tuple[Any, ...]


@dataclass(frozen=True, slots=True)
class _Leaf:
    reader: Any
    base: int
    segment_id: str
    size: int


class Snapshot:
    """The arrays of one open whoosh searcher; document numbers are the searcher's."""

    def __init__(self, searcher: Any, cache: SegmentCache) -> None:
        self.searcher = searcher
        self._cache = cache
        self._leaves = [
            _Leaf(reader, base, reader.segment().segment_id(), reader.doc_count_all())
            for reader, base in searcher.reader().leaf_readers()
            if reader.segment() is not None  # an empty index has a reader without segment
        ]
        self.segment_ids = tuple(leaf.segment_id for leaf in self._leaves)
        self.size: int = searcher.doc_count_all()
        self.live: Mask = self._live()
        self.live_count = int(self.live.sum())
        self._lengths: dict[str, Floats] = {}
        self._norms: dict[tuple[str, float], Floats] = {}
        self._frequencies: dict[tuple[str, str], int] = {}
        self._masks: OrderedDict[FilterTerm, Mask] = OrderedDict()
        self._ids: list[str] | None = None
        self._columns: dict[tuple[str, str], Any] = {}
        self._bases = np.array([leaf.base for leaf in self._leaves], dtype=np.int64)

    # Documents

    def _live(self) -> Mask:
        parts = []
        for leaf in self._leaves:
            segment = leaf.reader.segment()
            deleted = segment.deleted_count()

            def compute(segment: Any = segment, size: int = leaf.size) -> Mask:
                live = np.ones(size, dtype=np.bool_)
                if segment.has_deletions():
                    live[np.fromiter(segment.deleted_docs(), dtype=np.int64)] = False
                return live

            parts.append(self._cache.get((leaf.segment_id, "live", deleted), compute, len))
        return np.concatenate(parts) if parts else np.zeros(0, dtype=np.bool_)

    def doc_ids(self) -> list[str]:
        """Each document's id by document number (deleted documents included; read once)."""
        if self._ids is None:
            self._ids = self._read_ids()
        return self._ids

    def _read_ids(self) -> list[str]:
        ids: list[str] = [""] * self.size
        for leaf in self._leaves:
            table = self._cache.get((leaf.segment_id, "facet", ID_FIELD),
                                    functools.partial(_segment_facet, leaf.reader, ID_FIELD),
                                    _table_size)
            for docnum, code in zip((table.docs + leaf.base).tolist(), table.codes.tolist(),
                                    strict=True):
                ids[docnum] = table.values[code]
        return ids

    def stored(self, docnum: int) -> dict[str, Any]:
        """The stored fields of a document."""
        fields: dict[str, Any] = self.searcher.stored_fields(docnum)
        return fields

    def document_memo(
        self, docnum: int, kind: str, compute: Callable[[], T], size: Callable[[T], int]
    ) -> T:
        """Something derived from one document, cached with its segment."""
        leaf = self._leaf(docnum)
        return self._cache.get((leaf.segment_id, kind, docnum - leaf.base), compute, size)

    def derived(self, kind: str, key: Hashable, compute: Callable[[], T],
                size: Callable[[T], int]) -> T:
        """Something derived from the whole snapshot (every segment and which documents are
        live), cached while those stay the same: in the searcher's cache, so that later
        snapshots of the same segments find it too."""
        return self._cache.get((self.segment_ids, self.live_count, kind, key), compute, size)

    def column_bytes(self, docnum: int, field: str) -> bytes:
        """A document's raw value in ``field``'s column; empty where its segment has none."""
        leaf = self._leaf(docnum)
        key = (leaf.segment_id, field)
        if key not in self._columns:
            reader = leaf.reader
            self._columns[key] = (reader.column_reader(field, translate=False)
                                  if reader.has_column(field) else None)
        column = self._columns[key]
        return b"" if column is None else bytes(column[docnum - leaf.base])

    def _leaf(self, docnum: int) -> _Leaf:
        return self._leaves[int(np.searchsorted(self._bases, docnum, side="right")) - 1]

    # Postings and lengths

    def postings(self, field: str, value: str | int) -> Postings | None:
        """The postings of a term over the whole index (deleted documents included)."""
        ids: list[Ints] = []
        weights: list[Floats] = []
        for leaf in self._leaves:

            def compute(leaf: _Leaf = leaf) -> Postings | None:
                return segment_postings(leaf.reader, field, value)

            found = self._cache.get(
                (leaf.segment_id, "postings", field, value), compute,
                lambda p: 0 if p is None else len(p[0]),
            )
            if found is not None:
                ids.append(found[0] + leaf.base if leaf.base else found[0])
                weights.append(found[1])
        if not ids:
            return None
        if len(ids) == 1:
            return ids[0], weights[0]
        return np.concatenate(ids), np.concatenate(weights)

    def doc_count(self) -> int:
        """How many live documents the index holds."""
        return self.live_count

    def doc_frequency(self, field: str, term: str) -> int:
        """How many documents hold ``term`` in ``field`` (from the term index, remembered)."""
        frequency = self._frequencies.get((field, term))
        if frequency is None:
            frequency = int(self.searcher.doc_frequency(field, term))
            self._frequencies[(field, term)] = frequency
        return frequency

    def lengths(self, field: str) -> Floats:
        """Each document's length in ``field`` (number of terms; 0 when empty)."""
        lengths = self._lengths.get(field)
        if lengths is None:
            parts = [
                self._cache.get((leaf.segment_id, "lengths", field),
                                functools.partial(_segment_lengths, leaf.reader, field), len)
                for leaf in self._leaves
            ]
            lengths = np.concatenate(parts) if parts else np.zeros(0)
            self._lengths[field] = lengths
        return lengths

    def length_norm(self, field: str, b: float) -> Floats:
        """BM25's length normalisation ``1 - b + b * length / average length`` per document,
        the average taken over the live documents where the field is not empty."""
        norm = self._norms.get((field, b))
        if norm is None:
            lengths = self.lengths(field)
            filled = lengths[self.live & (lengths > 0)]
            average = float(filled.mean()) if len(filled) else 1.0
            norm = 1 - b + b * lengths / average
            self._norms[(field, b)] = norm
        return norm

    # Filters

    def term_mask(self, term: FilterTerm) -> Mask:
        """The live documents holding ``term`` (the last few masks are kept)."""
        mask = self._masks.get(term)
        if mask is None:
            mask = np.zeros(self.size, dtype=np.bool_)
            found = self.postings(term.field, term.value)
            if found is not None:
                mask[found[0]] = True
            mask &= self.live
            self._masks[term] = mask
            if len(self._masks) > 32:
                self._masks.popitem(last=False)
        else:
            self._masks.move_to_end(term)
        return mask

    def filter_mask(self, clauses: tuple[FilterClause, ...] | None) -> Mask:
        """The live documents passing every clause (any term of a clause)."""
        mask = self.live.copy()
        for clause in clauses or ():
            either = np.zeros(self.size, dtype=np.bool_)
            for term in clause:
                either |= self.term_mask(term)
            mask &= either
        return mask

    # Facets and sorting

    def facet_table(self, name: str) -> FacetTable:
        """The (document, value) pairs of facet ``name`` over the whole index."""
        field = FACETS[name].field
        codes: dict[Any, int] = {}
        docs: list[Ints] = []
        values: list[Ints] = []
        for leaf in self._leaves:
            table = self._cache.get((leaf.segment_id, "facet", field),
                                    functools.partial(_segment_facet, leaf.reader, field),
                                    _table_size)
            mapping = np.array([codes.setdefault(v, len(codes)) for v in table.values],
                               dtype=np.int64)
            docs.append(table.docs + leaf.base)
            values.append(mapping[table.codes] if len(table.codes) else table.codes)
        if not docs:
            return FacetTable(np.zeros(0, np.int64), np.zeros(0, np.int64), ())
        return FacetTable(np.concatenate(docs), np.concatenate(values), tuple(codes))

    def sort_key(self, column: str) -> Ints:
        """Each document's value of a sortable numeric ``column`` (missing values are the
        column's extreme, so they sort last)."""
        parts = [
            self._cache.get((leaf.segment_id, "column", column),
                            functools.partial(_segment_column, leaf.reader, column), len)
            for leaf in self._leaves
        ]
        return np.concatenate(parts) if parts else np.zeros(0, dtype=np.int64)


def _table_size(table: FacetTable) -> int:
    return len(table.docs)


def _segment_lengths(reader: Any, field: str) -> Floats:
    size = reader.doc_count_all()
    column = reader._perdoc._cached_reader(_LENGTHS_PREFIX % field, LENGTHS_COLUMN)
    if column is None:
        return np.zeros(size)
    encoded = np.zeros(size, dtype=np.uint8)
    if hasattr(column, "_dbfile") and hasattr(column, "_basepos"):
        raw = column._dbfile.get(column._basepos, column._count)
        encoded[: len(raw)] = np.frombuffer(raw, dtype=np.uint8)
    else:
        encoded[:] = [column[docnum] for docnum in range(size)]
    return _BYTE_LENGTHS[encoded]


def _segment_facet(reader: Any, field: str) -> FacetTable:
    schema_field = reader.schema[field]
    docs: list[Ints] = []
    codes: list[Ints] = []
    values: list[Any] = []
    for term in _terms(reader, field):
        value = schema_field.from_bytes(term)
        found = segment_postings(reader, field, value)
        if found is None:
            continue
        docs.append(found[0])
        codes.append(np.full(len(found[0]), len(values), dtype=np.int64))
        values.append(value)
    if not docs:
        return FacetTable(np.zeros(0, np.int64), np.zeros(0, np.int64), ())
    return FacetTable(np.concatenate(docs), np.concatenate(codes), tuple(values))


def _terms(reader: Any, field: str) -> Iterator[bytes]:
    if field not in reader.schema.names():
        return iter(())
    terms: Iterator[bytes] = reader.schema[field].sortable_terms(reader, field)
    return terms


def _segment_column(reader: Any, column: str) -> Ints:
    values = reader.column_reader(column, translate=True)
    return np.fromiter(values, dtype=np.int64, count=reader.doc_count_all())
