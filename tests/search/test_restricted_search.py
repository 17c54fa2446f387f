"""``SearchIndex.search(ids=...)``: the same scores as an unrestricted search, for those
documents only (what alerts use to test new patents against saved searches)."""

from __future__ import annotations

from search_index import PatentDocument, SearchIndex


def _corpus(index: SearchIndex) -> None:
    index.upsert([
        PatentDocument(id="1", title="一种自动化杀青设备", abstract="用于茶叶加工的杀青设备。"),
        PatentDocument(id="2", title="一种茶叶揉捻机", abstract="茶叶揉捻。", kind="utility_model"),
        PatentDocument(id="3", title="一种锂电池正极材料", abstract="高镍三元。"),
        PatentDocument(id="4", title="一种杀青机的控制方法", abstract="叶温控制。",
                       declaration_status="announced"),
    ])


def test_restricted_scores_equal_unrestricted_ones(index: SearchIndex) -> None:
    _corpus(index)
    full = {hit.id: hit.score for hit in index.search("茶叶 杀青 设备").hits}
    restricted = index.search("茶叶 杀青 设备", ids=["2", "3", "4"], facets=())
    assert {hit.id: hit.score for hit in restricted.hits} == {
        doc_id: full[doc_id] for doc_id in ("2", "4")}
    assert restricted.total == 2
    assert restricted.hits[0].matched_terms  # explanations work as usual


def test_restriction_combines_with_filters_and_blank_queries(index: SearchIndex) -> None:
    _corpus(index)
    announced = index.search("", filters={"declaration_status": ["announced"]},
                             ids=["1", "4"], facets=())
    assert [hit.id for hit in announced.hits] == ["4"]
    assert index.search("杀青", ids=[], facets=()).total == 0
    assert index.search("杀青", ids=["999"], facets=()).total == 0
    counted = index.search("茶叶", ids=["1", "2"], facets=("kind",))
    assert counted.facets["kind"] == [("utility_model", 1)]


def test_scores_of_ids_equal_the_search_scores_in_one_call(index: SearchIndex) -> None:
    _corpus(index)
    full = {hit.id: hit.score for hit in index.search("茶叶 杀青 设备").hits}
    assert index.scores("茶叶 杀青 设备", ids=["2", "3", "4", "999"]) == {
        doc_id: full[doc_id] for doc_id in ("2", "4")}
    assert index.scores("", ids=["1", "4"], filters={"declaration_status": ["announced"]}) \
        == {"4": None}
