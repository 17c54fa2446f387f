"""Batch matching: a file of needs in, a TREC run out, ranked exactly as the need page ranks.

A provincial office pushes matches to thousands of firms at once (Zhejiang did so for 6,365).
The needs file is JSON Lines, one need per line: ``query_id`` plus ``text``, or ``query_id``
plus ``title`` and ``description`` (whichever of the three a line has are matched together).
The run has one line per hit, in the format TREC tools read (``trec_eval``)::

    query_id Q0 doc_id rank score kaifang

``doc_id`` is the patent's ``id`` as given in its import file (``Patent.source_id``), so a run
can be scored against judgments made on the source data.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, cast

from sqlmodel import Session, col, select

from marketplace.errors import N_, Message, MessageError
from marketplace.patents.models import Patent
from marketplace.search.matching import ranked_ids
from marketplace.uploads import ParseLimits
from search_index import SearchIndex
from search_index.embedding import Vectors
from search_index.searching import Ranking

RUN_TAG = "kaifang"
MAX_TOP = 1000  # hits per need


class NeedsFileError(MessageError):
    """The needs file cannot be read at all (not UTF-8 text)."""


@dataclass(frozen=True, slots=True)
class Need:
    query_id: str
    text: str


@dataclass(frozen=True, slots=True)
class LineError:
    """A bad line: ``line`` counts from 1, as editors do."""

    line: int
    detail: Message

    @property
    def message(self) -> str:
        return str(self.detail)


@dataclass(slots=True)
class ParsedNeeds:
    needs: list[Need] = field(default_factory=list)
    errors: list[LineError] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class RunLine:
    """One hit of a run."""

    query_id: str
    doc_id: str
    rank: int
    score: float

    def __str__(self) -> str:
        return f"{self.query_id} Q0 {self.doc_id} {self.rank} {self.score:.6f} {RUN_TAG}"


def _text_of(record: dict[str, object]) -> str | None:
    """The need's words: its title, description and text, whichever it has."""
    parts = [record.get(key) for key in ("title", "description", "text")]
    words = [part.strip() for part in parts if isinstance(part, str) and part.strip()]
    return "\n".join(words) or None


def _need(record: object) -> Need | Message:
    if not isinstance(record, dict):
        return Message(N_("Each line must be a JSON object."))
    query_id = record.get("query_id")
    if isinstance(query_id, int) and not isinstance(query_id, bool):
        query_id = str(query_id)
    if not isinstance(query_id, str) or not query_id.strip():
        return Message(N_("The query_id is missing."))
    if any(character.isspace() for character in query_id.strip()):
        return Message(N_("The query_id %(query_id)s contains a space."),
                       {"query_id": query_id.strip()})
    text = _text_of(record)
    if text is None:
        return Message(N_("The need has no text: give a text, or a title and a description."))
    return Need(query_id.strip(), text)


def parse_needs(data: bytes, limits: ParseLimits | None = None) -> ParsedNeeds:
    """Read a needs file; every bad line is reported with its number, blank lines skipped.

    Raises ``NeedsFileError`` when the file is not UTF-8 text, and
    `marketplace.uploads.UploadTooLarge` when it breaks a bound of ``limits`` (size, lines,
    time).
    """
    limits = limits or ParseLimits()
    limits.check_size(len(data))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise NeedsFileError(N_("The file is not UTF-8 text.")) from exc
    parsed = ParsedNeeds()
    first_line: dict[str, int] = {}
    budget = limits.start()
    lines = text.splitlines()
    limits.check_row(len(lines))  # before any line is read
    for number, line in enumerate(lines, start=1):
        budget.row(number)
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except (json.JSONDecodeError, RecursionError):
            parsed.errors.append(LineError(number, Message(N_("This line is not valid JSON."))))
            continue
        need = _need(record)
        if isinstance(need, Message):
            parsed.errors.append(LineError(number, need))
        elif need.query_id in first_line:
            parsed.errors.append(LineError(number, Message(
                N_("The query_id %(query_id)s is already used on line %(line)d."),
                {"query_id": need.query_id, "line": first_line[need.query_id]})))
        else:
            first_line[need.query_id] = number
            parsed.needs.append(need)
    return parsed


def _source_ids(session: Session, hit_ids: list[str]) -> dict[str, str]:
    ids = [int(hit_id) for hit_id in hit_ids if hit_id.isdigit()]
    if not ids:
        return {}
    rows = session.exec(select(Patent.id, Patent.source_id).where(col(Patent.id).in_(ids)))
    return {str(patent_id): source_id for patent_id, source_id in rows}


Hit = tuple[str, float]  # the index's id of a patent, its score


def query_vectors(index: SearchIndex, texts: Sequence[str], ranking: str | None = None
                  ) -> list[Vectors | None]:
    """The vectors the ranking of each text uses, the texts embedded together: one call of the
    model for a chunk of needs costs less than one call each."""
    return index.query_vectors(texts, "fused" if ranking is None else cast(Ranking, ranking))


def first_hits(index: SearchIndex, text: str, *, top: int, ranking: str | None = None,
               query_vector: Vectors | None = None) -> list[Hit]:
    """The first ``top`` hits of ``text`` by ``match_need``'s ranking (for worker processes,
    which have the index but not the database: see ``batch_pool``). ``ranking`` (``lexical``,
    ``dense`` or ``fused``): ``None`` keeps the ranking users see; ``query_vector``: the
    text's, when already embedded (:func:`query_vectors`)."""
    options: dict[str, Any] = {} if ranking is None else {"ranking": ranking}
    return [(hit_id, score or 0.0) for hit_id, score in
            ranked_ids(index, text, count=top, query_vector=query_vector, **options)]


def _lines(session: Session, need: Need, hits: list[Hit], lines: list[RunLine], top: int
           ) -> None:
    sources = _source_ids(session, [hit_id for hit_id, _ in hits])
    for hit_id, score in hits:
        if hit_id in sources and len(lines) < top:
            lines.append(RunLine(need.query_id, sources[hit_id], len(lines) + 1, score))


def match_one(session: Session, index: SearchIndex, need: Need, *, top: int,
              ranking: str | None = None, query_vector: Vectors | None = None
              ) -> list[RunLine]:
    """The ``top`` best patents for ``need`` (by ``match_need``, see :func:`first_hits`) as
    run lines. A hit whose patent has left the database since it was indexed is skipped (the
    ranking read further, so that there are still ``top`` lines when the index has them)."""
    count = top
    while True:
        hits = first_hits(index, need.text, top=count, ranking=ranking,
                          query_vector=query_vector)
        lines: list[RunLine] = []
        _lines(session, need, hits, lines, top)
        if len(lines) >= top or len(hits) < count:
            return lines
        count *= 2


def lines_of(session: Session, index: SearchIndex, need: Need, hits: list[Hit], *, top: int,
             ranking: str | None = None, query_vector: Vectors | None = None
             ) -> list[RunLine]:
    """The run lines of ``hits``, :func:`first_hits` of ``need`` computed elsewhere: the same
    as :func:`match_one`, which ranks further itself in the rare case where some of the hits
    left the database and the first ``top`` are not enough."""
    lines: list[RunLine] = []
    _lines(session, need, hits, lines, top)
    if len(lines) < top and len(hits) >= top:
        return match_one(session, index, need, top=top, ranking=ranking,
                         query_vector=query_vector)
    return lines
