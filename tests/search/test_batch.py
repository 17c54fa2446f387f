"""Batch matching: the needs file, the TREC run of `marketplace match`, the office's page."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlmodel import Session, col, delete, select
from threadpoolctl import threadpool_info, threadpool_limits

from marketplace.accounts.models import Organisation, Role, User
from marketplace.db import utcnow
from marketplace.patents.models import Patent
from marketplace.search import batch_pool, batch_runs, sync
from marketplace.search.batch import NeedsFileError, match_one, parse_needs
from marketplace.search.matching import match_need
from marketplace.search.models import BatchRun, BatchRunStatus
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


MANY_NEEDS = [
    *NEEDS,
    {"query_id": "n3", "text": "杀青设备自动化"},
    {"query_id": "n4", "text": "沼气回收"},
    {"query_id": "n5", "text": "nothing in the index answers this"},
    {"query_id": "n6", "text": "污水处理系统 厌氧反应器"},
    {"query_id": "n7", "text": "锂离子电池"},
]


def test_match_on_worker_processes_prints_the_single_process_run(
        app: Flask, tmp_path: Path, index: SearchIndex, patents: list[Patent]) -> None:
    needs = tmp_path / "needs.jsonl"
    needs.write_bytes(_lines(*MANY_NEEDS))
    runs = {}
    for workers in ("1", "2"):
        result = app.test_cli_runner().invoke(
            args=["match", "--needs", str(needs), "--top", "2", "--workers", workers])
        assert result.exit_code == 0, result.output
        runs[workers] = result.stdout.splitlines()
    assert runs["2"] == runs["1"]
    # In the file's order, each need's lines together.
    assert [line.split()[0] for line in runs["2"]] == sorted(
        (line.split()[0] for line in runs["1"]), key=lambda query_id: int(query_id[1:]))
    assert {"n1", "n2", "n3", "n6", "n7"} <= {line.split()[0] for line in runs["2"]}


def test_worker_processes_share_the_cores_instead_of_each_taking_them_all(
        app: Flask, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(os, "cpu_count", lambda: 4)
    assert [batch_pool.threads_of(workers) for workers in (1, 2, 3, 4, 8)] == [4, 2, 1, 1, 1]
    monkeypatch.setattr(batch_pool, "_app", None)
    with threadpool_limits():  # the test process's own limits come back afterwards
        batch_pool._start(batch_pool.settings_of(app), 1)
        pools = threadpool_info()
        assert pools and all(pool["num_threads"] == 1 for pool in pools)  # numpy's BLAS
        assert batch_pool._app is not None
        assert batch_pool._app.config["SEARCH_EMBED_THREADS"] == 1  # the model's
        # A run's needs share their terms: the worker's searcher keeps more of them.
        worker_index = sync.search_index(batch_pool._app)
        assert worker_index.cache_mb == app.config["BATCH_WORKER_CACHE_MB"] > sync.search_index(
            app).cache_mb


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


def _process(app: Flask) -> int:
    """What ``marketplace search batches`` does (the tests' runner is ``worker``)."""
    return batch_runs.process_pending(app.extensions["db"], sync.search_index(app),
                                      Path(app.config["UPLOAD_DIR"]))


def _row(page: str, run_id: int) -> str:
    return page.split(f'data-run-id="{run_id}"')[1].split("</tr>")[0]


def test_office_queues_a_run_follows_it_and_downloads_the_same_ranking(
        app: Flask, client: FlaskClient, auth: Auth, session: Session, index: SearchIndex,
        patents: list[Patent]) -> None:
    auth.login(make_user(session, Role.OFFICE))
    assert "JSON Lines" in client.get("/office/match").get_data(as_text=True)
    response = _upload(client, _lines(*NEEDS))
    assert response.status_code == 302  # type: ignore[attr-defined]
    [run] = session.exec(select(BatchRun)).all()
    assert (run.status, run.needs_count, run.top) == (BatchRunStatus.QUEUED, 2, 3)
    page = client.get("/office/match", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "Queued" in _row(page, run.id or 0) and 'http-equiv="refresh"' in page
    assert "Download" not in _row(page, run.id or 0)
    assert client.get(f"/office/match/runs/{run.id}/run.txt").status_code == 404

    assert _process(app) == 1
    assert _process(app) == 0  # nothing left
    session.refresh(run)
    expected = _expected_run(index, patents, 3)
    assert (run.status, run.done_count, run.lines_count) == (
        BatchRunStatus.DONE, 2, len(expected))
    page = client.get("/office/match", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert f"Done: {len(expected)} lines" in _row(page, run.id or 0)
    assert 'http-equiv="refresh"' not in page
    with client.get(f"/office/match/runs/{run.id}/run.txt") as download:
        assert "attachment" in download.headers["Content-Disposition"]
        assert download.get_data(as_text=True).splitlines() == expected


def test_an_office_run_on_worker_processes_is_the_single_process_run(
        app: Flask, client: FlaskClient, auth: Auth, session: Session, index: SearchIndex,
        patents: list[Patent]) -> None:
    auth.login(make_user(session, Role.OFFICE))
    _upload(client, _lines(*MANY_NEEDS))
    [run] = session.exec(select(BatchRun)).all()
    expected = [str(line) for need in parse_needs(_lines(*MANY_NEEDS)).needs
                for line in match_one(session, index, need, top=3)]
    upload_dir = Path(app.config["UPLOAD_DIR"])
    assert batch_runs.process_pending(app.extensions["db"], index, upload_dir, workers=2,
                                      settings=batch_pool.settings_of(app)) == 1
    session.refresh(run)
    assert (run.status, run.done_count, run.lines_count) == (
        BatchRunStatus.DONE, len(MANY_NEEDS), len(expected))
    assert batch_runs.run_path(upload_dir, run).read_text().splitlines() == expected


def test_a_run_whose_process_died_is_taken_up_again_and_a_live_one_is_not(
        app: Flask, client: FlaskClient, auth: Auth, session: Session, index: SearchIndex,
        patents: list[Patent]) -> None:
    auth.login(make_user(session, Role.OFFICE))
    _upload(client, _lines(*NEEDS))
    [run] = session.exec(select(BatchRun)).all()
    upload_dir = Path(app.config["UPLOAD_DIR"])
    # Another process is matching it: its heartbeat is fresh, and it left a partial file.
    run.status, run.heartbeat_at = BatchRunStatus.RUNNING, utcnow()
    session.add(run)
    session.commit()
    batch_runs.run_path(upload_dir, run).with_suffix(".partial").write_text("n1 Q0 cut")
    assert _process(app) == 0
    assert client.get(f"/office/match/runs/{run.id}/run.txt").status_code == 404
    # That process died: after STALE_AFTER without a heartbeat the run is computed again.
    run.heartbeat_at = utcnow() - batch_runs.STALE_AFTER - dt.timedelta(seconds=1)
    session.add(run)
    session.commit()
    assert _process(app) == 1
    session.refresh(run)
    assert run.status is BatchRunStatus.DONE
    with client.get(f"/office/match/runs/{run.id}/run.txt") as download:
        assert download.get_data(as_text=True).splitlines() == _expected_run(index, patents, 3)


def test_a_run_that_fails_says_so_and_offers_no_download(
        app: Flask, client: FlaskClient, auth: Auth, session: Session) -> None:
    auth.login(make_user(session, Role.OFFICE))
    _upload(client, _lines(*NEEDS))
    [run] = session.exec(select(BatchRun)).all()
    batch_runs.needs_path(Path(app.config["UPLOAD_DIR"]), run).unlink()  # the store lost it
    assert _process(app) == 1
    session.refresh(run)
    assert run.status is BatchRunStatus.FAILED and "FileNotFoundError" in (run.error or "")
    page = client.get("/office/match", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "Failed; upload the file again." in _row(page, run.id or 0)
    assert client.get(f"/office/match/runs/{run.id}/run.txt").status_code == 404


def test_the_worker_command_computes_queued_runs(
        app: Flask, client: FlaskClient, auth: Auth, session: Session, index: SearchIndex,
        patents: list[Patent]) -> None:
    auth.login(make_user(session, Role.OFFICE))
    _upload(client, _lines(*NEEDS))
    result = app.test_cli_runner().invoke(args=["search", "batches"])
    assert result.exit_code == 0 and "computed 1 batch runs" in result.stdout
    [run] = session.exec(select(BatchRun)).all()
    session.refresh(run)
    assert run.status is BatchRunStatus.DONE


def test_only_the_office_sees_and_downloads_runs(
        app: Flask, client: FlaskClient, auth: Auth, session: Session) -> None:
    office = make_user(session, Role.OFFICE)
    auth.login(office)
    _upload(client, _lines(*NEEDS))
    [run] = session.exec(select(BatchRun)).all()
    _process(app)
    auth.logout()
    for role in (Role.PATENTEE, Role.SME, Role.MEDIATOR):
        auth.login(make_user(session, role))
        assert client.get(f"/office/match/runs/{run.id}/run.txt").status_code == 403
        assert client.get("/office/match").status_code == 403
        auth.logout()
    assert client.get(f"/office/match/runs/{run.id}/run.txt").status_code == 302  # to login
    auth.login(make_user(session, Role.OFFICE))  # a colleague at the office
    with client.get(f"/office/match/runs/{run.id}/run.txt") as download:
        assert download.status_code == 200


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
    assert response.status_code == 302  # type: ignore[attr-defined]


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


def test_the_web_process_computes_a_run_in_a_background_thread(app: Flask) -> None:
    """With real commits (no test transaction): the thread has its own session, as in
    production, and the runner setting decides whether a thread is started at all."""
    database = app.extensions["db"]
    session = database.new_session()
    office = make_user(session, Role.OFFICE)
    upload_dir = Path(app.config["UPLOAD_DIR"])
    run = batch_runs.submit(session, office, parse_needs(_lines(*NEEDS)).needs, top=3,
                            file_name="needs.jsonl", upload_dir=upload_dir)
    session.commit()
    try:
        assert batch_runs.launch(app, [run.id or 0]) is None  # the tests' runner: worker
        app.config["BATCH_RUNNER"] = "thread"
        try:
            thread = batch_runs.launch(app, [run.id or 0])
        finally:
            app.config["BATCH_RUNNER"] = "worker"
        assert thread is not None
        thread.join(60)
        session.refresh(run)
        assert run.status is BatchRunStatus.DONE and run.done_count == 2
        lines = batch_runs.run_path(upload_dir, run).read_text(encoding="utf-8").splitlines()
        assert len(lines) == run.lines_count
    finally:
        session.rollback()
        session.execute(delete(BatchRun).where(col(BatchRun.id) == run.id))
        session.execute(delete(User).where(col(User.id) == office.id))
        session.execute(delete(Organisation).where(col(Organisation.id) == office.organisation_id))
        session.commit()
        session.close()
