"""Benchmark: how fast crafted uploads are refused, and how much memory refusing them takes.

    .venv/bin/python scripts/bench_upload_bombs.py [--keep DIR]

Builds each bomb in a temporary directory (streamed to disk, never held in memory), then for each
starts a fresh process that creates the app on a new SQLite database, logs a patentee in and
posts the file to ``POST /api/v1/portfolio/import`` (and the needs file to ``/office/match``).
Each child prints the status, the seconds to the answer and its peak RSS
(``resource.getrusage``); targets: a 4xx within 5 s, no process above 512 MiB. No assertions.

The builders are imported by tests/patents/test_upload_limits.py.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

_MIB = 1024 * 1024

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/sharedStrings.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
    "</Types>"
)
_ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Target="xl/workbook.xml" Type="http://schemas.openxmlformats.org/'
    'officeDocument/2006/relationships/officeDocument"/></Relationships>'
)
_WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Target="worksheets/sheet1.xml" Type="http://schemas.openxmlformats'
    '.org/officeDocument/2006/relationships/worksheet"/>'
    '<Relationship Id="rId2" Target="sharedStrings.xml" Type="http://schemas.openxmlformats.org/'
    'officeDocument/2006/relationships/sharedStrings"/></Relationships>'
)
_SHEET_OPEN = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
)
_SHEET_CLOSE = "</sheetData></worksheet>"
_HEADER_ROW = ('<row r="1"><c r="A1" t="inlineStr"><is><t>title</t></is></c>'
               '<c r="B1" t="inlineStr"><is><t>application_number</t></is></c></row>')


def _xlsx(path: Path, sheet: Callable[[zipfile.ZipFile], None],
          shared_strings: Callable[[zipfile.ZipFile], None], level: int = 9) -> Path:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED,
                         compresslevel=level) as book:
        book.writestr("[Content_Types].xml", _CONTENT_TYPES)
        book.writestr("_rels/.rels", _ROOT_RELS)
        book.writestr("xl/workbook.xml", _WORKBOOK)
        book.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        shared_strings(book)
        sheet(book)
    return path


def _small_sheet(book: zipfile.ZipFile) -> None:
    book.writestr("xl/worksheets/sheet1.xml", _SHEET_OPEN + _HEADER_ROW + _SHEET_CLOSE)


def _no_strings(book: zipfile.ZipFile) -> None:
    book.writestr("xl/sharedStrings.xml",
                  '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>')


def shared_strings_bomb(path: Path, gib: float = 1.0, level: int = 9) -> Path:
    """An XLSX whose shared-strings part inflates to ``gib`` GiB: about 2 MB on disk per GiB at
    compression ``level`` 9 (30 s to build), 6 MB at level 1 (7 s)."""
    chunk = ("<si><t>" + "A" * 1000 + "</t></si>") * 1024  # ~1 MiB

    def strings(book: zipfile.ZipFile) -> None:
        with book.open("xl/sharedStrings.xml", "w", force_zip64=True) as part:
            part.write(b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">')
            data = chunk.encode()
            for _ in range(int(gib * 1024 * _MIB / len(data))):
                part.write(data)
            part.write(b"</sst>")

    return _xlsx(path, _small_sheet, strings, level)


def many_rows_xlsx(path: Path, rows: int = 4_000_000) -> Path:
    """An XLSX of ``rows`` (a multiple of 10,000) one-cell rows under a valid header (about
    200 kB on disk)."""

    def sheet(book: zipfile.ZipFile) -> None:
        with book.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as part:
            part.write((_SHEET_OPEN + _HEADER_ROW).encode())
            batch = 10_000
            row = b'<row><c t="inlineStr"><is><t>x</t></is></c></row>' * batch
            for _ in range(rows // batch):
                part.write(row)
            part.write(_SHEET_CLOSE.encode())

    return _xlsx(path, sheet, _no_strings)


def wide_csv(path: Path, columns: int = 100_000) -> Path:
    """A CSV whose header has ``columns`` unknown columns (about 1 MB)."""
    header = ",".join(["title", "application_number"] + [f"c{n}" for n in range(columns)])
    path.write_text(header + "\n" + "x,1" + "\n", encoding="utf-8")
    return path


def long_jsonl(path: Path, lines: int = 200_000) -> Path:
    """A JSON Lines file of ``lines`` small needs (a needs file or a portfolio)."""
    with path.open("w", encoding="utf-8") as out:
        for n in range(lines):
            out.write(json.dumps({"query_id": f"q{n}", "text": "厌氧消化", "title": "x"}) + "\n")
    return path


BOMBS: dict[str, tuple[Callable[[Path], Path], str, str]] = {
    # name: (builder, file name, endpoint)
    "xlsx 1 GiB shared strings": (shared_strings_bomb, "bomb.xlsx", "/api/v1/portfolio/import"),
    "xlsx 4,000,000 rows": (many_rows_xlsx, "rows.xlsx", "/api/v1/portfolio/import"),
    "csv 100,000 columns": (wide_csv, "wide.csv", "/api/v1/portfolio/import"),
    "jsonl 200,000 lines": (long_jsonl, "long.jsonl", "/api/v1/portfolio/import"),
    "needs 200,000 lines": (long_jsonl, "needs.jsonl", "/office/match"),
}


def _child(path: Path, endpoint: str) -> None:
    """In a fresh process: post the file, print status, seconds and peak RSS as JSON."""
    from alembic import command

    from marketplace import create_app
    from marketplace.accounts.models import Role
    from marketplace.cli import alembic_config
    from marketplace.db import get_session, transaction
    from tests.factories import DEFAULT_PASSWORD, make_user

    with tempfile.TemporaryDirectory() as tmp:
        app = create_app({"MARKETPLACE_ENV": "test", "SECRET_KEY": "bench",
                          "DATABASE_URL": f"sqlite:///{tmp}/bench.sqlite3",
                          "SEARCH_INDEX_DIR": f"{tmp}/index", "UPLOAD_DIR": f"{tmp}/uploads",
                          "WTF_CSRF_ENABLED": False, "BATCH_RUNNER": "worker"})
        with app.app_context():
            command.upgrade(alembic_config(), "head")
            session = get_session()
            with transaction(session):
                role = Role.OFFICE if endpoint == "/office/match" else Role.PATENTEE
                user = make_user(session, role)
                email = user.email
        client = app.test_client()
        client.post("/login", data={"email": email, "password": DEFAULT_PASSWORD})
        field = "needs" if endpoint == "/office/match" else "file"
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        start = time.perf_counter()
        with path.open("rb") as upload:
            response = client.post(endpoint, data={field: (upload, path.name), "top": "10"},
                                   headers={"Accept-Language": "en"})
        seconds = time.perf_counter() - start
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    reason = response.json["message"] if response.is_json and response.json else "(page)"
    print(json.dumps({"status": response.status_code, "seconds": seconds, "reason": reason,
                      "rss_before_mib": before / 1024, "peak_rss_mib": peak / 1024,
                      "body_bytes": len(response.get_data())}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--keep", type=Path, help="Build the bombs here and keep them.")
    parser.add_argument("--child", nargs=2, metavar=("FILE", "ENDPOINT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _child(Path(args.child[0]), args.child[1])
        return
    root = Path(__file__).resolve().parents[1]
    with tempfile.TemporaryDirectory() as tmp:
        directory = args.keep or Path(tmp)
        directory.mkdir(parents=True, exist_ok=True)
        print(f"{'bomb':<28} {'on disk':>9} {'status':>6} {'seconds':>8} {'peak RSS':>9} "
              f"{'answer':>8}")
        for name, (build, file_name, endpoint) in BOMBS.items():
            path = build(directory / file_name)
            result = subprocess.run(
                [sys.executable, __file__, "--child", str(path), endpoint], cwd=root,
                capture_output=True, text=True, check=True,
                env={"PYTHONPATH": str(root), "PATH": "/usr/bin:/bin"})
            figures = json.loads(result.stdout.strip().splitlines()[-1])
            print(f"{name:<28} {path.stat().st_size / _MIB:>7.2f}MB {figures['status']:>6} "
                  f"{figures['seconds']:>7.2f}s {figures['peak_rss_mib']:>6.0f}MiB "
                  f"{figures['body_bytes']:>7}B  {figures['reason']}")


if __name__ == "__main__":
    main()
