"""Feedback terms kept at indexing time: each title's and abstract's analysed terms are written
into a column, and pseudo-relevance feedback reads them instead of analysing the text again;
an index written before the columns existed is still ranked by analysing the stored text."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from whoosh import fields

from search_index import PatentDocument, SearchIndex, index, schema
from search_index.analysis import MIXED_ANALYZER
from search_index.scoring import Scoring
from search_index.snapshot import Snapshot

from .conftest import CORPUS

MIXED = PatentDocument(
    id="mixed-cathode",
    title="LiFePO4正极材料及5G通讯电缆的制备方法",
    abstract=(
        "The cathode 正极 uses ＬＥＤ curing at 3.5 kV; 锂电池 batteries batteries and "
        "磷酸铁锂 coatings were tested at 120 °C, 正极材料循环寿命提高。"
        # A letter that NFKC turns into two words: one term holding a space.
        "\ufc5e"
    ),
    language="zh",
)
NO_TERMS = PatentDocument(id="no-terms", title="的", abstract="")
DOCUMENTS = [*CORPUS, MIXED, NO_TERMS]
QUERIES = ("污水处理 厌氧", "battery separator 锂电池", "杀青 茶叶", "正极材料", "反渗透膜 清洗")


def _analysed(text: str) -> Counter[str]:
    return Counter(token.text for token in MIXED_ANALYZER(text))


def _feedback_terms(search_index: SearchIndex) -> dict[str, tuple[dict[str, bytes], Any]]:
    """Per document id: its feedback fields' column values and its feedback terms."""

    def use(snapshot: Snapshot) -> dict[str, tuple[dict[str, bytes], Any]]:
        scoring = Scoring(snapshot)
        return {
            snapshot.stored(docnum)["id"]: (
                {field: snapshot.column_bytes(docnum, field) for field in schema.FEEDBACK_FIELDS},
                dict(scoring._document_terms(docnum)),
            )
            for docnum in range(snapshot.size)
        }

    found: dict[str, tuple[dict[str, bytes], Any]] = search_index._with_snapshot(use, {})
    return found


def _rankings(search_index: SearchIndex) -> dict[str, list[tuple[str, float | None]]]:
    return {query: search_index.ranked(query, count=20, ranking="lexical")
            for query in QUERIES}


def _schema_without_columns() -> Any:
    """The schema as it was before the feedback columns: plain text fields."""
    built = schema.build_schema()
    for field in schema.FEEDBACK_FIELDS:
        built.remove(field)
        built.add(field, fields.TEXT(analyzer=MIXED_ANALYZER, stored=True, phrase=False))
    return built


@pytest.fixture
def old_index(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> SearchIndex:
    """An index of ``DOCUMENTS`` written by the schema without feedback columns."""
    with monkeypatch.context() as patch:
        patch.setattr(index, "build_schema", _schema_without_columns)
        written = SearchIndex(tmp_path / "old", processes=1)
        written.rebuild(DOCUMENTS)
        written.close()
    return SearchIndex(tmp_path / "old", processes=1)


def test_the_stored_terms_are_the_analysis_of_the_stored_text(tmp_path: Path) -> None:
    search_index = SearchIndex(tmp_path / "index", processes=1)
    search_index.rebuild(DOCUMENTS)
    by_id = {doc.id: doc for doc in DOCUMENTS}
    found = _feedback_terms(search_index)
    assert set(found) == set(by_id)
    for doc_id in ("cn-tea-fixing", "us-battery", "mixed-cathode"):
        columns, terms = found[doc_id]
        doc = by_id[doc_id]
        assert schema.decode_terms(columns["title"]) == _analysed(doc.title)
        assert schema.decode_terms(columns["abstract"]) == _analysed(doc.abstract)
        # What feedback reads is what analysing "title\nabstract" gave before the columns.
        assert terms == _analysed(f"{doc.title}\n{doc.abstract}")
    assert found["mixed-cathode"][1]["batteri"] == 2
    assert any(" " in term for term in found["mixed-cathode"][1])
    # A field without terms (only a stop word, or empty) leaves its column value empty.
    assert found["no-terms"] == ({"title": b"", "abstract": b""}, {})
    search_index.close()


def test_an_index_written_before_the_columns_ranks_as_a_rebuilt_one(
    tmp_path: Path, old_index: SearchIndex
) -> None:
    rebuilt = SearchIndex(tmp_path / "rebuilt", processes=1)
    rebuilt.rebuild(DOCUMENTS)
    old_terms = _feedback_terms(old_index)
    # Nothing stored: feedback analyses the stored text, and finds the same terms.
    assert {columns["abstract"] for columns, _ in old_terms.values()} == {b""}
    assert {doc_id: terms for doc_id, (_, terms) in old_terms.items()} == {
        doc_id: terms for doc_id, (_, terms) in _feedback_terms(rebuilt).items()}
    expected = _rankings(rebuilt)
    assert all(expected.values())
    assert _rankings(old_index) == expected
    # A patent changed before the rebuild gets its columns; the old segment keeps working.
    changed = PatentDocument(id="cn-tea-fixing", title="自动化杀青设备 节能",
                             abstract="茶叶杀青节能")
    for search_index in (old_index, rebuilt):
        search_index.upsert([changed])
    columns, terms = _feedback_terms(old_index)["cn-tea-fixing"]
    assert columns["title"] and terms == _analysed(f"{changed.title}\n{changed.abstract}")
    assert _rankings(old_index) == _rankings(rebuilt)
    # Merged into one segment (both: a merge drops deleted documents from term statistics),
    # the old documents have empty column values: still analysed.
    for search_index in (old_index, rebuilt):
        index._open(search_index._generations.current()).writer().commit(optimize=True)
    merged = _feedback_terms(old_index)
    assert old_index._with_snapshot(lambda snapshot: len(snapshot.segment_ids), 0) == 1
    assert [doc_id for doc_id, (columns, _) in merged.items() if columns["title"]] == [
        "cn-tea-fixing"]
    assert {doc_id: terms for doc_id, (_, terms) in merged.items()} == {
        doc_id: terms for doc_id, (_, terms) in _feedback_terms(rebuilt).items()}
    assert _rankings(old_index) == _rankings(rebuilt)
    old_index.close()
    rebuilt.close()
