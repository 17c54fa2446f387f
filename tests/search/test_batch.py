"""Batch matching: the needs file, the TREC run of `marketplace match`, the office's page."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlmodel import Session

from marketplace.accounts.models import Organisation, Role
from marketplace.patents.models import Patent
from marketplace.search import sync
from marketplace.search.batch import NeedsFileError, parse_needs
from marketplace.search.matching import match_need
from search_index import SearchIndex
from tests.conftest import Auth, csrf_token_from
from tests.factories import DEFAULT_PASSWORD, make_patent, make_user

TITLES = [
    "一种厌氧反应器及污水处理系统",
    "一种高浓度有机废水厌氧处理装置",
    "污泥厌氧消化沼气回收装置",
    "一种自动化杀青设备",
    "防爆锂离子电池及其制备方法",
]
NEEDS = [
    {"query_id": "n1", "text": "寻求厌氧处理高浓度有机废水的技术，回收沼气"},
    {"query_id": "n2", "title": "电池安全", "description": "锂离子电池防爆"},
]


@pytest.fixture()
def patents(session: Session, index: SearchIndex) -> list[Patent]:
    owner = make_user(session, Role.PATENTEE)
    made = [make_patent(session, owner, title=title, abstract=f"{title}。") for title in TITLES]
    organisation = session.get(Organisation, owner.organisation_id)
    assert organisation is not None
    index.upsert(sync.patent_document(patent, organisation) for patent in made)
    return made


def _lines(*records: object) -> bytes:
    return "".join(
        (record if isinstance(record, str) else json.dumps(record, ensure_ascii=False)) + "\n"
        for record in records
    ).encode()


def _expected_run(index: SearchIndex, patents: list[Patent], top: int) -> list[str]:
    source = {str(p.id): p.source_id for p in patents}
    lines = []
    for need in parse_needs(_lines(*NEEDS)).needs:
        for rank, hit in enumerate(match_need(index, need.text, per_page=top).hits, start=1):
            lines.append(f"{need.query_id} Q0 {source[hit.id]} {rank} {hit.score:.6f} kaifang")
    return lines


# The needs file


def test_needs_are_read_from_text_or_title_and_description() -> None:
    parsed = parse_needs(b"\xef\xbb\xbf" + _lines(
        {"query_id": "a", "text": "厌氧 反应器"},
        "",
        {"query_id": 7, "title": "电池", "description": "防爆"},
        {"query_id": "c", "title": "仅有标题"},
    ))
    assert parsed.errors == []
    assert [(n.query_id, n.text) for n in parsed.needs] == [
        ("a", "厌氧 反应器"), ("7", "电池\n防爆"), ("c", "仅有标题")]


def test_every_bad_line_is_reported_with_its_number() -> None:
    parsed = parse_needs(_lines(
        {"query_id": "ok", "text": "厌氧"},
        "{not json",
        '["a list"]',
        {"text": "no id"},
        {"query_id": "x y", "text": "space in id"},
        {"query_id": "empty", "text": "  "},
        {"query_id": "ok", "text": "again"},
    ))
    assert [n.query_id for n in parsed.needs] == ["ok"]
    assert [(e.line, e.message) for e in parsed.errors] == [
        (2, "This line is not valid JSON."),
        (3, "Each line must be a JSON object."),
        (4, "The query_id is missing."),
        (5, "The query_id x y contains a space."),
        (6, "The need has no text: give a text, or a title and a description."),
        (7, "The query_id ok is already used on line 1."),
    ]


def test_a_file_that_is_not_utf8_is_refused() -> None:
    with pytest.raises(NeedsFileError, match="UTF-8"):
        parse_needs("厌氧".encode("gb18030") + b"\xff")


# The command


def test_match_prints_a_trec_run_ranked_as_match_need(
        app: Flask, tmp_path: Path, index: SearchIndex, patents: list[Patent]) -> None:
    needs = tmp_path / "needs.jsonl"
    needs.write_bytes(_lines(*NEEDS))
    result = app.test_cli_runner().invoke(args=["match", "--needs", str(needs), "--top", "3"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines == _expected_run(index, patents, 3)
    columns = [line.split() for line in lines]
    assert all(len(c) == 6 and c[1] == "Q0" and c[5] == "kaifang" for c in columns)
    n1 = [c for c in columns if c[0] == "n1"]
    assert [c[3] for c in n1] == ["1", "2", "3"]
    assert [float(c[4]) for c in n1] == sorted((float(c[4]) for c in n1), reverse=True)
    # doc_id is the id the patent was imported under, not the database's.
    by_source = {p.source_id: p.title for p in patents}
    assert "厌氧" in by_source[n1[0][2]]
    assert by_source[next(c for c in columns if c[0] == "n2")[2]] == "防爆锂离子电池及其制备方法"


def test_match_reports_bad_lines_and_matches_nothing(app: Flask, tmp_path: Path,
                                                     index: SearchIndex) -> None:
    needs = tmp_path / "needs.jsonl"
    needs.write_bytes(_lines(NEEDS[0], {"query_id": "n2"}))
    result = app.test_cli_runner().invoke(args=["match", "--needs", str(needs)])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "line 2: The need has no text" in result.stderr


# The office's page


def _upload(client: FlaskClient, data: bytes, top: str = "3", **extra: str) -> object:
    return client.post("/office/match", data={
        "needs": (io.BytesIO(data), "needs.jsonl"), "top": top, **extra,
    }, content_type="multipart/form-data")


def test_office_downloads_the_same_run(client: FlaskClient, auth: Auth, session: Session,
                                       index: SearchIndex, patents: list[Patent]) -> None:
    auth.login(make_user(session, Role.OFFICE))
    assert "JSON Lines" in client.get("/office/match").get_data(as_text=True)
    response = _upload(client, _lines(*NEEDS))
    assert response.status_code == 200  # type: ignore[attr-defined]
    assert "attachment" in response.headers["Content-Disposition"]  # type: ignore[attr-defined]
    body = response.get_data(as_text=True)  # type: ignore[attr-defined]
    assert body.splitlines() == _expected_run(index, patents, 3)


def test_office_sees_bad_lines_and_no_run(client: FlaskClient, auth: Auth, session: Session,
                                          index: SearchIndex) -> None:
    auth.login(make_user(session, Role.OFFICE))
    response = _upload(client, _lines(NEEDS[0], "oops", {"text": "x"}))
    page = response.get_data(as_text=True)  # type: ignore[attr-defined]
    assert response.status_code == 200  # type: ignore[attr-defined]
    assert "attachment" not in response.headers.get(  # type: ignore[attr-defined]
        "Content-Disposition", "")
    assert 'id="batch-errors"' in page
    assert '<td class="row">2</td>' in page and '<td class="row">3</td>' in page


def test_office_form_checks_its_fields(client: FlaskClient, auth: Auth, session: Session) -> None:
    auth.login(make_user(session, Role.OFFICE))
    for data, top in ((b"", "3"), (_lines(*NEEDS), "0"), (_lines(*NEEDS), "1001")):
        response = _upload(client, data, top)
        assert response.status_code == 200  # type: ignore[attr-defined]
        assert 'class="errors"' in response.get_data(as_text=True)  # type: ignore[attr-defined]
    wrong_type = client.post("/office/match", data={
        "needs": (io.BytesIO(b"x"), "needs.csv"), "top": "3"}, content_type="multipart/form-data")
    assert "请使用 .jsonl 文件。" in wrong_type.get_data(as_text=True)  # the default language


@pytest.mark.usefixtures("csrf_enabled")
def test_office_upload_needs_the_csrf_token(client: FlaskClient, session: Session) -> None:
    office = make_user(session, Role.OFFICE)
    token = csrf_token_from(client.get("/login").get_data(as_text=True))
    client.post("/login", data={"email": office.email, "password": DEFAULT_PASSWORD,
                                "csrf_token": token})
    assert _upload(client, _lines(*NEEDS)).status_code == 400  # type: ignore[attr-defined]
    token = csrf_token_from(client.get("/office/match").get_data(as_text=True))
    response = _upload(client, _lines(*NEEDS), csrf_token=token)
    assert response.status_code == 200  # type: ignore[attr-defined]


def test_office_upload_is_limited_in_size(app: Flask, client: FlaskClient, auth: Auth,
                                          session: Session) -> None:
    auth.login(make_user(session, Role.OFFICE))
    limit = app.config["MAX_CONTENT_LENGTH"]
    app.config["MAX_CONTENT_LENGTH"] = 1024
    try:
        response = _upload(client, _lines(*NEEDS) * 50)
    finally:
        app.config["MAX_CONTENT_LENGTH"] = limit
    assert response.status_code == 413  # type: ignore[attr-defined]


@pytest.mark.parametrize("role", [Role.PATENTEE, Role.SME, Role.MEDIATOR])
def test_other_roles_cannot_run_batches(client: FlaskClient, auth: Auth, session: Session,
                                        role: Role) -> None:
    auth.login(make_user(session, role))
    assert _upload(client, _lines(*NEEDS)).status_code == 403  # type: ignore[attr-defined]


def test_anonymous_upload_is_sent_to_login(client: FlaskClient) -> None:
    response = _upload(client, _lines(*NEEDS))
    assert response.status_code == 302  # type: ignore[attr-defined]
    assert "/login" in response.headers["Location"]  # type: ignore[attr-defined]
