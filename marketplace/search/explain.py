"""Why a patent matched, in terms a reader checks: the words found, where, and the IPC class.

The index returns highlighted snippets (the source text escaped, matches in ``<mark>``) and the
index terms each hit matched, stop words, boilerplate, numbers and single characters left out
(``search_index/stopwords.py``). Here they become what pages and the API show: each highlighted
field as safe HTML, the words as they appear in the patent's own text (not stemmed index terms),
the fields they came from, and the IPC classes shared with the query or with the best matches.
When few words are shared, or the match comes from meaning (the dense side, or the lexicon
across languages), the patent's sentence closest to the need is shown highlighted, with the
lexicon's pairs (``sludge ↔ 污泥``) that carried the match. Given the need's or the search's
vector, the closest sentence is the one closest in meaning, by the sentence vectors stored with
the patent's (``embeddings.sentence_similarities``); without them, the one sharing most words.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Final

from markupsafe import Markup, escape
from sqlmodel import Session, col, select

from marketplace.accounts.models import Organisation
from marketplace.patents.models import Patent
from marketplace.search.embeddings import QueryVector, sentence_similarities
from search_index import SearchHit
from search_index.explain import Highlighter, Similarity, closest_sentence

__all__ = [
    "FIELD_ORDER",
    "Explanation",
    "ResultItem",
    "explain",
    "field_classes",
    "ipc_subclass",
    "load_results",
    "safe_highlight",
]

# Fields in the order a reader weighs them.
FIELD_ORDER: Final = ("title", "abstract", "first_claim", "application_fields", "patentee", "ipc")
_MARK_TAG: Final = re.compile(r'<mark class="match term\d+">|</mark>')
_MARKED: Final = re.compile(r'<mark class="match term\d+">(.*?)</mark>', re.DOTALL)
_SUBCLASS: Final = re.compile(r"[A-H]\d\d[A-Z]")
# The classes of the best matches: those shared by at least this many of the first hits.
_FIELD_CLASS_HITS: Final = 5
_FIELD_CLASS_MIN: Final = 2
# With fewer shared words than this, the closest sentence shows what the match rests on.
FEW_WORDS: Final = 2
# The fields the closest sentence is taken from, in order.
_SENTENCE_FIELDS: Final = ("abstract", "first_claim")


def safe_highlight(fragment: str) -> Markup:
    """A snippet from the index as safe HTML: the index escapes the text and adds only
    ``<mark class="match termN">`` tags; anything else is escaped again, never trusted."""
    bare = _MARK_TAG.sub("", fragment)
    if "<" in bare or ">" in bare:
        return escape(fragment)
    # Checked above: escaped text and our <mark> tags only.
    return Markup(fragment)


def ipc_subclass(code: str) -> str | None:
    """``"A23F 3/06"`` → ``"A23F"``; ``None`` when the code does not start with a subclass."""
    compact = code.replace(" ", "").upper()[:4]
    return compact if _SUBCLASS.fullmatch(compact) else None


@dataclass(frozen=True)
class Explanation:
    """Why one patent matched.

    ``words`` maps each field to the words found there, as written in the patent, in order of
    appearance; ``fields`` lists every field with a match (``ipc`` included), most telling
    first; ``shared_ipc`` holds the IPC levels the query itself named; ``field_ipc`` the
    patent's subclasses that the best matches share (the technical field of the need).
    ``sentence`` is the patent's sentence closest to the query, highlighted, when few words
    are shared or the match is one of meaning (``in_meaning``: the dense side found it, or
    the lexicon's ``pairs`` carried it across words or languages).
    """

    highlights: dict[str, Markup]
    words: dict[str, list[str]]
    fields: list[str]
    shared_ipc: list[str]
    field_ipc: list[str]
    sentence: Markup | None = None
    in_meaning: bool = False
    pairs: tuple[tuple[str, str], ...] = ()

    @property
    def all_words(self) -> list[str]:
        seen: dict[str, None] = {}
        for words in self.words.values():
            seen.update(dict.fromkeys(words))
        return list(seen)


def _words(fragment: str) -> list[str]:
    found = (html.unescape(word).strip() for word in _MARKED.findall(fragment))
    return list(dict.fromkeys(word for word in found if word))


def _ordered(fields: Iterable[str]) -> list[str]:
    present = set(fields)
    return [f for f in FIELD_ORDER if f in present] + sorted(present - set(FIELD_ORDER))


def _sentence(hit: SearchHit, patent: Patent, similarity: Similarity | None) -> Markup | None:
    """The patent's sentence closest to the query, its shared words marked."""
    terms = {match.term for match in hit.matched_terms}
    text = "\n".join(getattr(patent, field) or "" for field in _SENTENCE_FIELDS)
    closest = closest_sentence(text, terms, similarity)
    if closest is None:
        return None
    sentence, spans = closest
    return safe_highlight(Highlighter()("title", sentence, spans)) if spans \
        else escape(sentence)


def explain(hit: SearchHit, patent: Patent, field_classes: frozenset[str] = frozenset(),
            similarity: Similarity | None = None) -> Explanation:
    """The explanation of ``hit`` for ``patent`` (the row the hit stands for).

    ``similarity`` ranks sentences by closeness to the query (e.g. by an Embedder's vectors);
    without it the closest sentence is the one sharing the most words with the query.
    """
    subclasses = {s for s in map(ipc_subclass, patent.ipc_codes) if s}
    words = {field: _words(text) for field, text in hit.highlights.items() if _words(text)}
    in_meaning = hit.dense_similarity is not None or bool(hit.term_pairs)
    shared = {word for found in words.values() for word in found}
    wanted = hit.score is not None and (in_meaning or len(shared) < FEW_WORDS)
    return Explanation(
        highlights={field: safe_highlight(text) for field, text in hit.highlights.items()},
        words=words,
        fields=_ordered(hit.matched_fields),
        shared_ipc=sorted(hit.shared_ipc),
        field_ipc=sorted(subclasses & field_classes),
        sentence=_sentence(hit, patent, similarity) if wanted else None,
        in_meaning=in_meaning,
        pairs=hit.term_pairs,
    )


@dataclass(frozen=True)
class ResultItem:
    """A hit with its patent and owner from the database, and why it matched."""

    hit: SearchHit
    patent: Patent
    owner: Organisation
    explanation: Explanation
    announced: bool


def field_classes(patents: Sequence[Patent]) -> frozenset[str]:
    """The IPC subclasses shared by at least two of the first few patents: the field the query
    is about, even when it names no class."""
    counts = Counter(s for p in patents[:_FIELD_CLASS_HITS]
                     for s in {s for s in map(ipc_subclass, p.ipc_codes) if s})
    return frozenset(s for s, n in counts.items() if n >= _FIELD_CLASS_MIN)


def load_results(session: Session, hits: Sequence[SearchHit], *,
                 announced: Iterable[str] = (),
                 classes: frozenset[str] | None = None,
                 query: QueryVector | None = None) -> list[ResultItem]:
    """The hits' patents from the database, in rank order; hits whose patent no longer exists
    (an index not yet in step) are left out. ``announced`` holds the ids of open licences;
    ``classes`` the field's IPC subclasses (by default those of these hits' best); ``query``
    the need's or search's vector, which picks each patent's sentence closest in meaning."""
    ids = [int(hit.id) for hit in hits if hit.id.isdigit()]
    patents = {p.id: p for p in session.exec(select(Patent).where(col(Patent.id).in_(ids)))}
    owner_ids = sorted({p.owner_id for p in patents.values()})
    owners = {o.id: o for o in session.exec(
        select(Organisation).where(col(Organisation.id).in_(owner_ids)))}
    found = [(hit, patents[int(hit.id)]) for hit in hits
             if hit.id.isdigit() and int(hit.id) in patents]
    if classes is None:
        classes = field_classes([patent for _, patent in found])
    open_ids = set(announced)
    similarities = sentence_similarities(session, query, patents.values())
    return [ResultItem(hit=hit, patent=patent, owner=owners[patent.owner_id],
                       explanation=explain(hit, patent, classes, similarities.get(patent.id or 0)),
                       announced=hit.id in open_ids)
            for hit, patent in found]
