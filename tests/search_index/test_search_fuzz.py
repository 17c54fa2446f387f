"""Any input is a query: fuzzed with hypothesis, no text ever raises or breaks a page."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from search_index import SearchIndex, SearchPage
from tests.search_index.conftest import CORPUS

# Query syntax of common engines, scripts and symbols users paste, IPC-like fragments.
FRAGMENTS = [
    '"', "'", "(", ")", "[", "]", "{", "}", "AND", "OR", "NOT", "and", "*", "?", "~", "^",
    "^2", "~3", "+", "-", "!", ":", "\\", "/", "title:", "ipc:C02F", "C02F 3/", "C02F3/28",
    "H01M", "杀青", "设备", "厌氧", "battery", "Batteries", "🔋", "💧", "👨‍👩‍👧", "\u202e", "\x00",
    "\ufeff", "ＬＥＤ", "１２", "Ελληνικά", "русский", "日本語の", "한국어", "العربية", "\t", "\n",
    "3.5", "1e10", "-0", "%", "_", "<script>", "&amp;", "' OR 1=1 --", "的", "了",
]
TEXT = st.one_of(
    st.text(max_size=300),
    st.lists(st.sampled_from(FRAGMENTS), max_size=40).map(" ".join),
    st.lists(st.sampled_from(FRAGMENTS), max_size=40).map("".join),
    st.tuples(st.sampled_from(FRAGMENTS), st.integers(1, 3000)).map(lambda t: t[0] * t[1]),
)
FILTERS = st.dictionaries(
    st.sampled_from(["kind", "region", "ipc", "filing_year", "fee_method"]),
    st.lists(st.one_of(st.text(max_size=12), st.sampled_from(["invention", "C02F", "2019"])),
             max_size=3),
    max_size=3,
)


@pytest.fixture(scope="module")
def fuzz_index(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SearchIndex]:
    index = SearchIndex(Path(tmp_path_factory.mktemp("fuzz")) / "index")
    index.upsert(CORPUS)
    yield index
    index.close()


def _check(page: SearchPage, page_number: int, per_page: int) -> None:
    assert isinstance(page, SearchPage)
    assert page.page == max(page_number, 1)
    assert 1 <= page.per_page <= 100
    assert 0 <= len(page.hits) <= page.per_page
    assert page.total >= len(page.hits)
    assert page.total <= len(CORPUS)
    known = {doc.id for doc in CORPUS}
    for hit in page.hits:
        assert hit.id in known
        assert all(isinstance(html, str) and "<script>" not in html
                   for html in hit.highlights.values())


@settings(max_examples=300, deadline=None, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(text=TEXT, filters=FILTERS, page=st.integers(-5, 5), per_page=st.integers(-5, 500),
       sort=st.sampled_from(["relevance", "date", "fee", "filing_year"]))
def test_any_text_gives_a_valid_page(fuzz_index: SearchIndex, text: str,
                                     filters: dict[str, list[str]], page: int, per_page: int,
                                     sort: str) -> None:
    result = fuzz_index.search(text, filters=filters, page=page, per_page=per_page,
                               sort=sort, facets=("kind", "ipc", "filing_year"))  # type: ignore[arg-type]
    _check(result, page, per_page)


@pytest.mark.parametrize("text", [
    "x" * 10_000,
    "杀青设备" * 2_500,
    "🔋" * 10_000,
    ("杀青 AND (设备 OR battery*) NOT \"厌氧~2\" ^3 C02F 3/28 🔋 Ελληνικά " * 200)[:10_000],
    "A" * 100_000,
])
def test_ten_thousand_characters_and_more(fuzz_index: SearchIndex, text: str) -> None:
    _check(fuzz_index.search(text, filters={"kind": ["invention"]}), 1, 20)
