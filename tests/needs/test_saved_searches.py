"""Saving searches and needs as alerts: only SMEs, only their organisation's, validated."""

from __future__ import annotations

import json

from flask.testing import FlaskClient
from sqlmodel import Session, select

from marketplace.accounts.models import Role
from marketplace.needs.models import SavedSearch
from tests.conftest import Auth
from tests.factories import make_need, make_patent, make_user
from tests.search.conftest import IndexPatents


def test_sme_saves_a_search_from_the_search_page(
        client: FlaskClient, auth: Auth, session: Session, index_patents: IndexPatents) -> None:
    index_patents([make_patent(session, make_user(session, Role.PATENTEE),
                               title="一种绿茶杀青机")])
    sme = make_user(session, Role.SME)
    auth.login(sme)
    page = client.get("/search?q=杀青&kind=invention").get_data(as_text=True)
    assert 'action="/alerts/searches"' in page
    response = client.post("/alerts/searches", data={
        "name": "杀青设备", "q": "杀青", "filters": json.dumps({"kind": ["invention"]}),
        "min_relevance": "70"})
    assert response.status_code == 302
    [saved] = session.exec(select(SavedSearch)).all()
    assert (saved.query, saved.filters, saved.min_relevance) == ("杀青", {"kind": ["invention"]},
                                                                 70)
    assert "杀青设备" in client.get("/alerts").get_data(as_text=True)
    assert [s["name"] for s in client.get("/api/v1/saved-searches").json] == ["杀青设备"]


def test_malformed_saved_searches_are_refused(client: FlaskClient, auth: Auth,
                                              session: Session) -> None:
    auth.login(make_user(session, Role.SME))
    for filters in ("not json", json.dumps({"declaration_status": ["draft"]}),
                    json.dumps({"kind": "invention"}), json.dumps({"kind": ["x"] * 50})):
        response = client.post("/alerts/searches", data={"name": "x", "q": "杀青",
                                                         "filters": filters,
                                                         "min_relevance": "50"})
        assert response.status_code == 302
    assert client.post("/alerts/searches", data={"name": "x", "min_relevance": "0"}) \
        .status_code == 302
    api = client.post("/api/v1/saved-searches", json={
        "name": "x", "filters": {"declaration_status": ["draft"]}, "min_relevance": 101})
    assert api.status_code == 422
    assert set(api.json["errors"]) == {"filters", "min_relevance"}
    assert session.exec(select(SavedSearch)).all() == []


def test_only_smes_save_and_only_their_organisations_alerts_are_theirs(
        client: FlaskClient, auth: Auth, session: Session, index_patents: IndexPatents) -> None:
    owner = make_user(session, Role.SME)
    auth.login(owner)
    created = client.post("/api/v1/saved-searches", json={"name": "电池", "query": "锂电池"})
    assert created.status_code == 201
    assert created.json["min_relevance"] == 30  # ALERT_MIN_RELEVANCE
    saved_id = created.json["id"]
    need = make_need(session, owner)
    assert client.post(f"/api/v1/needs/{need.id}/alert", json={"min_relevance": 30}) \
        .json["need_id"] == need.id
    auth.logout()

    auth.login(make_user(session, Role.SME))
    assert client.get("/api/v1/saved-searches").json == []
    assert client.delete(f"/api/v1/saved-searches/{saved_id}").status_code == 404
    assert client.post(f"/alerts/{saved_id}/delete").status_code == 404
    assert "电池" not in client.get("/alerts").get_data(as_text=True)
    auth.logout()

    auth.login(make_user(session, Role.PATENTEE))
    assert client.post("/api/v1/saved-searches", json={"name": "x"}).status_code == 403
    assert client.post("/alerts/searches", data={"name": "x", "min_relevance": "50"}) \
        .status_code == 403
    auth.logout()

    auth.login(owner)
    assert client.delete(f"/api/v1/saved-searches/{saved_id}").status_code == 204
    assert [s["need_id"] for s in client.get("/api/v1/saved-searches").json] == [need.id]
