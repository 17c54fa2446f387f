"""Uploads are parsed within bounds: ZIP bombs, millions of rows, 100,000 columns and endless
files are refused with a short 413 in the user's language, before the work they would cause."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from flask.testing import FlaskClient
from openpyxl import Workbook
from sqlmodel import Session
from werkzeug.datastructures import FileStorage, MultiDict
from werkzeug.test import TestResponse, encode_multipart

from marketplace.accounts.models import Role
from marketplace.patents.importing import parse_portfolio
from marketplace.search.batch import parse_needs
from marketplace.uploads import ParseLimits, UploadTooLarge
from scripts.bench_upload_bombs import long_jsonl, many_rows_xlsx, shared_strings_bomb, wide_csv
from tests.conftest import Auth
from tests.factories import make_user

HEADER = "title,application_number\n"


@pytest.fixture(scope="module")
def bombs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bombs, built once on disk (streamed: never held in memory)."""
    directory = tmp_path_factory.mktemp("bombs")
    shared_strings_bomb(directory / "strings.xlsx", level=1)  # refused by its directory
    shared_strings_bomb(directory / "ratio.xlsx", gib=0.005)  # 5 MiB, compressed 1000 times
    many_rows_xlsx(directory / "rows.xlsx")
    wide_csv(directory / "wide.csv")
    long_jsonl(directory / "long.jsonl")
    return directory


def _upload(client: FlaskClient, url: str, fields: dict[str, object],
            language: str = "en") -> TestResponse:
    """A multipart POST encoded in memory (the test client spools large bodies to a temporary
    file it never closes)."""
    boundary, body = encode_multipart(MultiDict(fields))
    return client.post(url, data=body, content_type=f"multipart/form-data; boundary={boundary}",
                       headers={"Accept-Language": language})


def _post(client: FlaskClient, path: Path, language: str) -> tuple[int, dict[str, object]]:
    response = _upload(client, "/api/v1/portfolio/import",
                       {"file": FileStorage(io.BytesIO(path.read_bytes()), path.name)}, language)
    assert response.json is not None
    return response.status_code, response.json


@pytest.mark.parametrize(("name", "english", "chinese"), [
    ("strings.xlsx", "larger than 100 MiB once unpacked", "解压"),
    ("rows.xlsx", "larger than 100 MiB once unpacked", "解压"),
    ("ratio.xlsx", "is compressed more than 100 times", "压缩比"),
    ("wide.csv", "A row has 100,002 columns; at most 200 are read.", "列"),
    ("long.jsonl", "more than 50,000 rows", "行"),
])
def test_bombs_get_a_short_413_in_both_languages(
        bombs: Path, client: FlaskClient, auth: Auth, session: Session,
        name: str, english: str, chinese: str) -> None:
    auth.login(make_user(session, Role.PATENTEE))
    status, body = _post(client, bombs / name, "en")
    assert (status, body["code"]) == (413, "payload_too_large")
    assert english in str(body["message"])
    assert len(str(body)) < 500  # not megabytes of warnings
    status, body = _post(client, bombs / name, "zh")
    assert status == 413
    assert chinese in str(body["message"])


def test_the_import_page_refuses_a_bomb_next_to_the_file(
        bombs: Path, client: FlaskClient, auth: Auth, session: Session) -> None:
    auth.login(make_user(session, Role.PATENTEE))
    response = _upload(client, "/portfolio/import", {
        "file": FileStorage(io.BytesIO((bombs / "wide.csv").read_bytes()), "wide.csv")})
    assert response.status_code == 413
    assert "A row has 100,002 columns" in response.get_data(as_text=True)


def test_the_needs_upload_refuses_a_file_of_too_many_lines(
        bombs: Path, client: FlaskClient, auth: Auth, session: Session) -> None:
    auth.login(make_user(session, Role.OFFICE))
    response = _upload(client, "/office/match", {
        "needs": FileStorage(io.BytesIO((bombs / "long.jsonl").read_bytes()), "needs.jsonl"),
        "top": "10"})
    assert response.status_code == 413
    assert "more than 50,000 rows" in response.get_data(as_text=True)


def _xlsx(rows: int) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["title", "application_number"])
    for n in range(rows):
        sheet.append([f"t{n}", f"US{n}"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _csv(rows: int) -> bytes:
    return (HEADER + "".join(f"t{n},US{n}\n" for n in range(rows))).encode()


def _jsonl(rows: int) -> bytes:
    return "".join(f'{{"title": "t{n}", "id": "US{n}"}}\n' for n in range(rows)).encode()


@pytest.mark.parametrize(("data", "name"), [
    (_csv(11), "p.csv"), (_xlsx(11), "p.xlsx"), (_jsonl(11), "p.jsonl")])
def test_rows_beyond_the_bound_refuse_the_file(data: bytes, name: str) -> None:
    assert len(parse_portfolio(data, name, ParseLimits(max_rows=11)).records) == 11
    with pytest.raises(UploadTooLarge, match="more than 10 rows"):
        parse_portfolio(data, name, ParseLimits(max_rows=10))


def test_blank_rows_count_towards_the_bound() -> None:
    with pytest.raises(UploadTooLarge):
        parse_portfolio((HEADER + "t,US1\n" + "\n" * 20).encode(), "p.csv",
                        ParseLimits(max_rows=10))


def test_parsing_stops_when_its_time_is_up() -> None:
    with pytest.raises(UploadTooLarge, match="took longer than"):
        parse_portfolio(_csv(3), "p.csv", ParseLimits(max_seconds=-1))
    with pytest.raises(UploadTooLarge, match="took longer than"):
        parse_needs(b'{"query_id": "q1", "text": "x"}\n', ParseLimits(max_seconds=-1))


def test_an_xlsx_inflating_beyond_the_size_bound_is_refused_from_its_directory() -> None:
    data = _xlsx(2000)
    with pytest.raises(UploadTooLarge, match="larger than 0 MiB once unpacked"):
        parse_portfolio(data, "p.xlsx", ParseLimits(max_uncompressed_bytes=10_000))


def test_reported_problems_are_capped_and_counted() -> None:
    header = ",".join(["title", "application_number"] + [f"x{n}" for n in range(150)])
    result = parse_portfolio((header + "\n").encode(), "p.csv", ParseLimits(max_messages=5))
    assert (len(result.warnings), result.warnings_omitted) == (5, 145)
    rows = "".join(f"t{n},CN2021101234568\n" for n in range(20))
    result = parse_portfolio((HEADER + rows).encode(), "p.csv", ParseLimits(max_messages=5))
    assert (len(result.errors), result.errors_omitted) == (5, 15)


def test_the_report_counts_what_it_does_not_list(client: FlaskClient, auth: Auth,
                                                 session: Session) -> None:
    auth.login(make_user(session, Role.PATENTEE))
    rows = "t0,US1\n" + "".join(f"t{n},CN2021101234568\n" for n in range(1_005))
    response = client.post("/api/v1/portfolio/import?skip_invalid=true",
                           data={"file": (io.BytesIO((HEADER + rows).encode()), "p.csv")})
    assert response.status_code == 200
    assert response.json is not None
    assert (len(response.json["errors"]), response.json["errors_omitted"]) == (1_000, 5)
    response = client.post("/api/v1/portfolio/import",
                           data={"file": (io.BytesIO((HEADER + rows).encode()), "p.csv")})
    assert response.status_code == 422
    assert response.json is not None
    errors = response.json["errors"]
    assert (len(errors["rows"]), errors["rows_omitted"]) == (1_000, 5)
    assert errors["rows"][0] == {"row": 3, "column": "application_number",
                                 "field": "application_number",
                                 "message": errors["rows"][0]["message"]}


def test_json_nested_too_deeply_is_a_row_error_not_a_crash() -> None:
    deep = b"[" * 100_000 + b"\n"
    result = parse_portfolio(deep, "p.jsonl")
    assert [e.row for e in result.errors] == [1]
    assert [e.line for e in parse_needs(deep).errors] == [1]
