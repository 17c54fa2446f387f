"""The index schema in one place: fields, weights, facets, sort orders, document mapping."""

from __future__ import annotations

import functools
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any, Final, Literal

from whoosh import columns, fields

from .analysis import MIXED_ANALYZER, ipc_terms
from .documents import PatentDocument

__all__ = [
    "BM25_K1",
    "FACETS",
    "FEEDBACK_FIELDS",
    "FIELD_LENGTH_NORMS",
    "ID_FIELD",
    "IPC_FIELD",
    "IPC_WEIGHT",
    "SORTS",
    "TEXT_FIELD_WEIGHTS",
    "Facet",
    "SortKey",
    "analysed_terms",
    "build_schema",
    "decode_terms",
    "document_fields",
]

ID_FIELD: Final = "id"
IPC_FIELD: Final = "ipc"
# BM25F (search_index/scoring.py): each field's term frequency, normalised by the field's length
# and multiplied by its weight, is summed over fields before the saturation k1 is applied.
# Title and abstract describe the invention; claims are legalistic and repeat the title.
TEXT_FIELD_WEIGHTS: Final[dict[str, float]] = {
    "title": 2.0,
    "abstract": 1.0,
    "application_fields": 1.0,
    "first_claim": 0.5,
    "patentee": 0.5,
}
# How strongly a field's length normalises its term frequencies (BM25's b), per field, and the
# saturation k1: the values that work best across collections of short technical texts
# (k1 = 0.9, b = 0.4; Lin et al., "Toward reproducible baselines", SIGIR 2016).
FIELD_LENGTH_NORMS: Final[dict[str, float]] = dict.fromkeys(TEXT_FIELD_WEIGHTS, 0.4)
BM25_K1: Final = 0.9
# A shared IPC level in the query counts like a text term of this weight.
IPC_WEIGHT: Final = 2.0
# The fields whose analysed terms pseudo-relevance feedback reads (search_index/scoring.py);
# each keeps them in a column, written as the field is indexed, so that a search reads them
# instead of running jieba over the feedback documents again.
FEEDBACK_FIELDS: Final = ("title", "abstract")


@dataclass(frozen=True, slots=True)
class Facet:
    """A filterable, countable attribute.

    ``field`` holds the values that are counted (and filtered on, unless ``filter_field`` says
    otherwise); ``multi`` marks documents with several values (a document counts once under
    each); ``numeric`` fields hold integers.
    """

    field: str
    multi: bool = False
    numeric: bool = False
    filter_field: str | None = None


FACETS: Final[dict[str, Facet]] = {
    "kind": Facet("kind"),
    "legal_status": Facet("legal_status"),
    "declaration_status": Facet("declaration_status"),
    "fee_method": Facet("fee_method"),
    "region": Facet("region"),
    "language": Facet("language"),
    "patentee": Facet("patentee_facet", multi=True),
    # Counted per subclass (C02F), filtered at any level (C02F, C02F 3/28).
    "ipc": Facet("ipc_subclass", multi=True, filter_field=IPC_FIELD),
    "filing_year": Facet("filing_year", numeric=True),
    "grant_year": Facet("grant_year", numeric=True),
}

SortKey = Literal["relevance", "date", "fee", "filing_year"]
# sort key -> (column, descending). Missing values are stored so that they sort last.
SORTS: Final[dict[str, tuple[str, bool]]] = {
    "date": ("announced_at", True),
    "fee": ("fee_amount", False),
    "filing_year": ("filing_year", True),
}


class _ListColumn(columns.VarBytesListColumn):  # type: ignore[misc]
    """whoosh's list column, plus the default value it lacks: a segment in which no document
    has the field reads every document's value as this default."""

    _default: tuple[bytes, ...] = ()


class _KeywordList(fields.KEYWORD):  # type: ignore[misc]
    """Exact multi-valued keyword: values indexed verbatim, kept as a list column for facets."""

    def __init__(self) -> None:
        super().__init__()
        self.column_type = _ListColumn()

    def to_column_value(self, value: list[str]) -> list[bytes]:
        return [v.encode("utf-8") for v in value]


@functools.lru_cache(maxsize=4)
def analysed_terms(text: str) -> Counter[str]:
    """Each term ``MIXED_ANALYZER`` makes of ``text``, with its count.

    The last few are remembered (callers must not change them): whoosh asks a field for its
    postings and then for its column value of the same text, which is thus analysed once.
    """
    return Counter(token.text for token in MIXED_ANALYZER(text))


def _encode_terms(counts: Counter[str]) -> bytes:
    # A term a line, one occurring more than once followed by ":" and its count. Terms are runs
    # of letters, digits and dots, NFKC-folded: never a line break or a colon (NFKC turns a few
    # letters into text with spaces, U+037A and Arabic ligatures, so not a space). Most terms
    # occur once; this is shorter than writing every count or repeating the terms.
    return "\n".join(term if count == 1 else f"{term}:{count}"
                     for term, count in counts.items()).encode("utf-8")


def decode_terms(value: bytes) -> Counter[str]:
    """The term counts of a feedback field's column value (see ``_FeedbackText``)."""
    counts: Counter[str] = Counter()
    for part in value.decode("utf-8").split("\n"):
        term, _, count = part.partition(":")
        counts[term] = int(count) if count else 1
    return counts


class _FeedbackText(fields.TEXT):  # type: ignore[misc]
    """A text field that also keeps each document's analysed terms in a column, written from
    the same analysis as its postings (bytes, ``decode_terms``; empty for a document without
    the field or without a term, and in segments written before the column existed: readers
    then analyse the stored text)."""

    def __init__(self) -> None:
        super().__init__(analyzer=MIXED_ANALYZER, stored=True, phrase=False,
                         sortable=columns.VarBytesColumn())

    def index(self, value: Any, **kwargs: Any) -> Any:
        if isinstance(value, str):
            # Whoosh indexes a list of strings as the terms themselves, unanalysed.
            value = list(analysed_terms(value).elements())
        return super().index(value, **kwargs)

    def to_column_value(self, value: str) -> bytes:
        return _encode_terms(analysed_terms(value))


def _text() -> Any:
    # Term frequencies only, no positions: ranking measured no gain from phrase and proximity
    # boosts, and postings without positions make indexing and scoring several times cheaper.
    # Highlighting finds the matched words in the stored text instead.
    return fields.TEXT(analyzer=MIXED_ANALYZER, stored=True, phrase=False)


def _choice() -> Any:
    return fields.ID(sortable=True)


def _int() -> Any:
    # A default of 0 sorts documents without a value last in descending orders.
    return fields.NUMERIC(int, bits=64, sortable=True, default=0)


def build_schema() -> Any:
    """Return a new whoosh ``Schema`` for patent documents."""
    return fields.Schema(
        id=fields.ID(unique=True, stored=True),
        title=_FeedbackText(),
        abstract=_FeedbackText(),
        first_claim=_text(),
        application_fields=_text(),
        patentee=_text(),
        patentee_facet=_KeywordList(),
        # Hierarchical IPC terms (C, C02, C02F, C02F3, C02F3/28), scored so that a shared code
        # raises relevance; the original codes are stored.
        ipc=fields.KEYWORD(stored=True, scorable=True),
        ipc_subclass=_KeywordList(),
        kind=_choice(),
        legal_status=_choice(),
        declaration_status=_choice(),
        fee_method=_choice(),
        region=_choice(),
        language=_choice(),
        filing_year=_int(),
        grant_year=_int(),
        licence_end=_int(),
        announced_at=_int(),
        # In fen (1/100 yuan): whoosh cannot give float columns a default. Without a default an
        # int column reads missing values as the maximum, which sorts last in ascending order.
        fee_amount=fields.NUMERIC(int, bits=64, sortable=True),
    )


def _yyyymmdd(value: date) -> int:
    return value.year * 10_000 + value.month * 100 + value.day


def _timestamp(value: datetime) -> int:
    aware = value if value.tzinfo is not None else value.replace(tzinfo=UTC)
    return int(aware.timestamp())


def document_fields(doc: PatentDocument) -> dict[str, Any]:
    """Map a document to whoosh ``add_document`` keyword arguments.

    Empty values are left out, so they neither count towards field lengths nor appear as facet
    values. IPC codes that cannot be parsed are stored but not indexed.
    """
    ipc = [terms for terms in map(ipc_terms, doc.ipc) if terms]
    values: dict[str, Any] = {
        "id": doc.id,
        "title": doc.title,
        "abstract": doc.abstract,
        "first_claim": doc.first_claim,
        "application_fields": "\n".join(doc.application_fields),
        "patentee": "\n".join(doc.patentees),
        "patentee_facet": sorted({p.strip() for p in doc.patentees if p.strip()}),
        # Kept (possibly empty) whenever codes were given, so that the originals are stored.
        "ipc": sorted({term for terms in ipc for term in terms}) if doc.ipc else None,
        "_stored_ipc": list(doc.ipc),
        "ipc_subclass": sorted({terms[2] for terms in ipc}),
        "kind": doc.kind,
        "legal_status": doc.legal_status,
        "declaration_status": doc.declaration_status,
        "fee_method": doc.fee_method,
        "region": doc.region,
        "language": doc.language,
        "filing_year": doc.filing_year,
        "grant_year": doc.grant_year,
        "licence_end": _yyyymmdd(doc.licence_end) if doc.licence_end else None,
        "announced_at": _timestamp(doc.announced_at) if doc.announced_at else None,
        "fee_amount": round(doc.fee_amount * 100) if doc.fee_amount is not None else None,
    }
    return {
        name: value
        for name, value in values.items()
        if value is not None and value != "" and (value != [] or name == IPC_FIELD)
    }
