"""Posting, reading, editing and closing needs, by page and API; who may do what."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from flask.testing import FlaskClient
from sqlmodel import Session, select

from marketplace.accounts.models import Role
from marketplace.audit.services import events_for
from marketplace.needs.models import Need, NeedMatch, NeedStatus
from marketplace.patents.models import Patent
from tests.conftest import Auth, csrf_token_from
from tests.factories import DEFAULT_PASSWORD, make_need, make_patent, make_user
from tests.search.conftest import IndexPatents

LATER = (dt.date.today() + dt.timedelta(days=90)).isoformat()


def need_form(**overrides: str) -> dict[str, str]:
    data = {
        "title": "绿茶杀青受热不均，求自动控温的杀青设备",
        "description": "我们是一家中小茶企，现有滚筒杀青机受热不均，经常焦边爆点。希望找到根据叶温"
                       "自动调节加热的连续式杀青设备。",
        "industry": "茶叶加工",
        "technical_indicators": "每小时处理鲜叶300公斤；参考分类 A23F 3/06",
        "budget_min": "200000",
        "budget_max": "600000.50",
        "region": "510000",
        "cooperation_mode": "licence",
        "valid_until": LATER,
    }
    data.update(overrides)
    return data


def _tea_patents(session: Session, index_patents: IndexPatents) -> tuple[Patent, Patent,
                                                                         Patent]:
    owner = make_user(session, Role.PATENTEE)
    announced = make_patent(session, owner, title="一种自动控温的绿茶滚筒杀青机",
                            abstract="控制器根据叶温调节加热功率，避免焦边和受热不均。")
    other = make_patent(session, owner, title="一种连续式杀青设备",
                        abstract="滚筒杀青，叶温传感器。")
    unrelated = make_patent(session, owner, title="一种锂电池正极材料", abstract="高镍三元。",
                            ipc_codes=["H01M 4/525"])
    index_patents([announced, other, unrelated], announced=[announced])
    return announced, other, unrelated


def test_sme_posts_a_need_and_sees_explained_matches_open_licences_first(
        client: FlaskClient, auth: Auth, session: Session,
        index_patents: IndexPatents) -> None:
    announced, other, unrelated = _tea_patents(session, index_patents)
    sme = make_user(session, Role.SME)
    auth.login(sme)
    response = client.post("/needs/new", data=need_form())
    assert response.status_code == 302
    need = session.exec(select(Need).where(Need.organisation_id == sme.organisation_id)).one()
    assert (need.budget_min_fen, need.budget_max_fen) == (20_000_000, 60_000_050)
    assert [e.action for e in events_for(session, "need", need.id or 0)] == ["need.posted"]
    html = client.get(response.headers["Location"], headers={"Accept-Language": "en"}) \
        .get_data(as_text=True)
    open_section = html.split('id="open-licences"')[1].split("</section>")[0]
    other_section = html.split('id="other-patents"')[1].split("</section>")[0]
    assert f'data-patent-id="{announced.id}"' in open_section
    assert f'data-patent-id="{other.id}"' in other_section
    assert f'data-patent-id="{announced.id}"' not in other_section
    assert f'data-patent-id="{unrelated.id}"' not in html
    why = open_section.split('class="why"')[1].split("</div>")[0]
    assert '<mark class="term">杀青</mark>' in why
    assert "title" in why.split('class="fields">')[1].split("</span>")[0]
    assert "A23F" in why  # the need named the class A23F 3/06
    title = open_section.split('class="hit-title"')[1].split("</h3>")[0]
    assert re.search(r'<mark class="match term\d+">杀青</mark>', title)
    assert re.search(r"(Strong|Possible) match · \d+% relevant", title)
    kept = session.exec(select(NeedMatch).where(NeedMatch.need_id == need.id)).all()
    assert {m.patent_id for m in kept} == {announced.id, other.id}
    assert sorted(m.rank for m in kept) == [1, 2]


def test_need_form_errors_stand_next_to_their_fields_and_nothing_is_saved(
        client: FlaskClient, auth: Auth, session: Session) -> None:
    sme = make_user(session, Role.SME)
    auth.login(sme)
    yesterday = (dt.date.today() - dt.timedelta(days=2)).isoformat()
    html = client.post("/needs/new", data=need_form(
        budget_min="900", budget_max="100", valid_until=yesterday, title="")).get_data(
        as_text=True)
    for field in ("title", "budget_max"):
        block = html.split(f'id="{field}"')[1].split("</div>")[0]
        assert 'class="errors"' in block, field
    assert session.exec(select(Need)).all() == []
    html = client.post("/needs/new", data=need_form(valid_until=yesterday)).get_data(
        as_text=True)
    assert 'class="errors"' in html.split('id="valid_until"')[1].split("</div>")[0]
    assert session.exec(select(Need)).all() == []
    bad_amount = client.post("/needs/new", data=need_form(budget_min="1.005"))
    assert bad_amount.status_code == 200
    block = bad_amount.get_data(as_text=True).split('id="budget_min"')[1].split("</div>")[0]
    assert 'class="errors"' in block
    assert session.exec(select(Need)).all() == []


def test_only_smes_post_needs(client: FlaskClient, auth: Auth, session: Session) -> None:
    auth.login(make_user(session, Role.PATENTEE))
    assert client.get("/needs/new").status_code == 403
    assert client.post("/needs/new", data=need_form()).status_code == 403
    api = client.post("/api/v1/needs", json=_api_need())
    assert api.status_code == 403
    assert session.exec(select(Need)).all() == []


def _api_need(**overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "title": "Accurate state of charge for battery packs",
        "description": "Coulomb counting drifts in the cold; we need SOC estimation.",
        "industry": "Batteries", "region": "340000", "cooperation_mode": "licence",
        "valid_until": LATER, "budget_min_fen": 100, "budget_max_fen": 200,
    }
    data.update(overrides)
    return data


def test_another_sme_cannot_edit_or_close_a_need(
        client: FlaskClient, auth: Auth, session: Session, index_patents: IndexPatents) -> None:
    owner = make_user(session, Role.SME)
    colleague = make_user(session, Role.SME, organisation_id=owner.organisation_id)
    need = make_need(session, owner)
    intruder = make_user(session, Role.SME)
    auth.login(intruder)
    assert client.get(f"/needs/{need.id}").status_code == 200  # open needs are readable
    assert client.get(f"/needs/{need.id}/edit").status_code == 403
    assert client.post(f"/needs/{need.id}/edit", data=need_form(title="hijacked")) \
        .status_code == 403
    assert client.post(f"/needs/{need.id}/close").status_code == 403
    assert client.put(f"/api/v1/needs/{need.id}", json=_api_need()).status_code == 403
    assert client.post(f"/api/v1/needs/{need.id}/close").status_code == 403
    assert client.post(f"/api/v1/needs/{need.id}/alert", json={"min_relevance": 50}) \
        .status_code == 403
    session.refresh(need)
    assert (need.title, need.status) == ("求一种自动化茶叶杀青设备", NeedStatus.OPEN)
    page = client.get(f"/needs/{need.id}").get_data(as_text=True)
    assert f"/needs/{need.id}/edit" not in page
    auth.logout()
    auth.login(colleague)
    response = client.post(f"/needs/{need.id}/edit", data=need_form(title="更新后的需求"))
    assert response.status_code == 302
    session.refresh(need)
    assert need.title == "更新后的需求"


def test_closed_needs_disappear_for_other_organisations(
        client: FlaskClient, auth: Auth, session: Session, index_patents: IndexPatents) -> None:
    owner = make_user(session, Role.SME)
    need = make_need(session, owner)
    auth.login(owner)
    assert client.post(f"/needs/{need.id}/close").status_code == 302
    session.refresh(need)
    assert need.status is NeedStatus.CLOSED
    assert client.get(f"/needs/{need.id}").status_code == 200
    assert f"/needs/{need.id}" in client.get("/needs?mine=1").get_data(as_text=True)
    assert client.put(f"/api/v1/needs/{need.id}", json=_api_need()).status_code == 409
    auth.logout()
    auth.login(make_user(session, Role.PATENTEE))
    assert client.get(f"/needs/{need.id}").status_code == 404
    assert client.get(f"/api/v1/needs/{need.id}").status_code == 404
    assert f"/needs/{need.id}" not in client.get("/needs").get_data(as_text=True)


def test_expired_needs_leave_the_list(client: FlaskClient, auth: Auth, session: Session) -> None:
    owner = make_user(session, Role.SME)
    expired = make_need(session, owner, title="过期的需求",
                        valid_until=dt.date.today() - dt.timedelta(days=3))
    current = make_need(session, owner, title="有效的需求")
    auth.login(make_user(session, Role.PATENTEE))
    listing = client.get("/api/v1/needs").json
    assert [n["id"] for n in listing["items"]] == [current.id]
    assert client.get(f"/needs/{expired.id}").status_code == 404


@pytest.mark.parametrize("path", ["/needs", "/needs/{id}", "/needs/new", "/needs/{id}/edit"])
def test_the_public_never_sees_needs(client: FlaskClient, session: Session, path: str) -> None:
    need = make_need(session, make_user(session, Role.SME))
    response = client.get(path.format(id=need.id))
    assert response.status_code == 302
    assert "/login" in response.headers["Location"]
    for api in ("/api/v1/needs", f"/api/v1/needs/{need.id}",
                f"/api/v1/needs/{need.id}/matches"):
        assert client.get(api).status_code == 401


def test_needs_are_not_in_the_public_search(client: FlaskClient, session: Session,
                                            index_patents: IndexPatents) -> None:
    _tea_patents(session, index_patents)
    make_need(session, make_user(session, Role.SME), title="秘密需求杀青",
              description="独一无二的描述词语喵喵杀青")
    html = client.get("/search?q=杀青").get_data(as_text=True)
    api = client.get("/api/v1/search?q=杀青").get_data(as_text=True)
    for text in (html, api):
        assert "秘密需求" not in text
        assert "喵喵" not in text


def test_api_posts_reads_changes_and_closes_a_need(
        client: FlaskClient, auth: Auth, session: Session, index_patents: IndexPatents) -> None:
    announced, other, _ = _tea_patents(session, index_patents)
    sme = make_user(session, Role.SME)
    auth.login(sme)
    bad = client.post("/api/v1/needs", json=_api_need(budget_min_fen=500, budget_max_fen=100,
                                                      region="999999"))
    assert bad.status_code == 422
    assert "region" in bad.json["errors"]
    crossed = client.post("/api/v1/needs", json=_api_need(budget_min_fen=500,
                                                          budget_max_fen=100))
    assert crossed.status_code == 422
    assert set(crossed.json["errors"]) == {"budget_max_fen"}
    created = client.post("/api/v1/needs", json=_api_need(
        title="自动控温杀青设备", description="叶温受热不均，焦边"))
    assert created.status_code == 201, created.json
    need_id = created.json["id"]
    assert client.get(f"/api/v1/needs/{need_id}").json["title"] == "自动控温杀青设备"
    matches = client.get(f"/api/v1/needs/{need_id}/matches").json
    assert [m["patent"]["id"] for m in matches["announced"]] == [announced.id]
    assert other.id in [m["patent"]["id"] for m in matches["others"]]
    first = matches["announced"][0]
    assert first["relevance"] > 0 and first["announced"] is True
    assert "杀青" in first["explanation"]["words"]["title"]
    changed = client.put(f"/api/v1/needs/{need_id}", json=_api_need(title="新的标题"))
    assert changed.status_code == 200 and changed.json["title"] == "新的标题"
    closed = client.post(f"/api/v1/needs/{need_id}/close")
    assert closed.json["status"] == "closed"
    assert client.get(f"/api/v1/needs/{need_id}/matches").json == {"announced": [],
                                                                   "others": []}
    assert session.exec(select(NeedMatch).where(NeedMatch.need_id == need_id)).all() == []
    actions = [e.action for e in events_for(session, "need", need_id)]
    assert actions == ["need.posted", "need.updated", "need.closed"]


@pytest.mark.usefixtures("csrf_enabled")
def test_need_forms_need_their_csrf_token(client: FlaskClient, auth: Auth,
                                          session: Session) -> None:
    sme = make_user(session, Role.SME)
    need = make_need(session, sme)
    token = csrf_token_from(client.get("/login").get_data(as_text=True))
    client.post("/login", data={"email": sme.email, "password": DEFAULT_PASSWORD,
                                "csrf_token": token})
    assert client.post("/needs/new", data=need_form()).status_code == 400
    assert client.post(f"/needs/{need.id}/close").status_code == 400
    assert client.post("/api/v1/needs", json=_api_need()).status_code == 400
    session.refresh(need)
    assert need.status is NeedStatus.OPEN
    form = client.get("/needs/new").get_data(as_text=True)
    response = client.post("/needs/new", data={**need_form(),
                                               "csrf_token": csrf_token_from(form)})
    assert response.status_code == 302
