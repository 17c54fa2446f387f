"""Portfolio import: a CSV, XLSX or JSON Lines file becomes typed `PatentRecord`s (D19, R10.x).

Pure parsing and validation: no Flask, no database. The import service upserts the records by
``(jurisdiction, source_id)``.

`parse_portfolio` picks the reader by the file name's extension: ``.csv``, ``.xlsx``, or
``.jsonl`` / ``.ndjson`` / ``.json`` (all JSON Lines: one object per line). A file that cannot be
read at all raises `ImportFileError` (a `ValueError`). Everything else is reported per row in the
`ImportResult`; only rows without errors become records.

``RowError.row`` is the row as the user sees it: in CSV and XLSX the header is row 1 and the first
patent row 2 (a quoted multi-line cell stays one row, as in a spreadsheet); in JSON Lines it is the
line number, from 1. ``RowError.field`` is the column or key as written in the file (empty when
the whole row is at fault). ``RowError.message`` is the problem in English; ``RowError.detail`` is
the same as a translatable `Message` (a template marked with `N_` and its values), which the web
layer shows in the user's language. `ImportFileError.detail` likewise.

Columns (CSV and XLSX)
----------------------

Header names are case-insensitive, spaces and hyphens count as underscores, and the Chinese names
below (and the JSON Lines keys) work too; other columns are ignored with a warning. List cells are
separated by ``;`` or ``；``. Dates are ``YYYY-MM-DD``; ``YYYY/MM/DD``, ``YYYYMMDD``,
``2021/6/1`` and ``2021年6月1日`` are read too, and so are XLSX date cells. CSV is UTF-8 with or
without BOM, or GB18030. ``marketplace/static/sample-portfolio.csv`` is a worked example.

| Column | Chinese | Content |
|---|---|---|
| `application_number` | 申请号 | CN: `202110123456.7`, check digit verified (R10.1–R10.3) |
| `patent_number` | 专利号 | CN: `ZL` + application number (R10.4) |
| `publication_number` | 公开号, 公告号 | CN: `CN114123456B` (R10.5–R10.7); else `EP0049154B2` |
| `jurisdiction` | 国家 | Office code: `CN`, `US`, `EP`, `WO`...; optional |
| `kind` | 类型 | `invention`, `utility_model`, `design`, 发明, 实用新型, 外观设计 |
| `title` | 标题, 名称 | Required; at most 500 characters |
| `abstract` | 摘要 | At most 10,000 characters |
| `first_claim` | 权利要求 | Claim 1 (a numbered claim set is cut after claim 1) |
| `ipc` | IPC分类号 | List: `C02F 3/28; H01M 10/0525` |
| `locarno` | 洛迦诺分类号 | Designs only: `12-08` |
| `applicants` | 申请人 | List of names |
| `co_owners` | 共有人 | `清华大学:50;北京某公司:50`: shares in %, adding up to 100 |
| `filing_date` | 申请日 | Date; in the application number's year |
| `grant_date` | 授权日 | Date, not before the filing date |
| `publication_date` | 公开日 | Date, not before the filing date |
| `legal_status` | 法律状态 | pending, in_force, lapsed, expired, invalidated or surrendered |
| `term_adjustment_days` | 期限补偿天数 | Days of term adjustment or extension; inventions only |
| `evaluation_report_ref` | 评价报告编号 | Report reference; utility models and designs only |
| `evaluation_conclusion` | 评价结论 | `favourable` or `unfavourable` |
| `language` | 语言 | `zh` or `en`; by default `zh` when the title has Chinese characters |

Rules behind the table:

* A file needs a title column and a number column (application, patent or publication number, or
  ``id``). Chinese headers also accepted: 专利申请号, 公布号, 授权公告号, 公开(公告)号, 国家/地区,
  受理局, 专利类型, 专利名称, 发明名称, 主权项, 首项权利要求, 权利要求书, 分类号, 外观设计分类号,
  专利权人, 申请(专利权)人, 共有权人, 授权公告日, 公布日, 公告日, 公开(公告)日.
* Chinese numbers are checked in full: the application number's check digit (R10.2; an old
  8-digit number only warns, R10.3), ``CN`` / ``ZL`` prefixes, one space at most between year,
  kind digit and serial, and the dot optional (R10.1). The patent number must agree with the
  application number (R10.4). The publication kind code must agree with its first digit (R10.5 to
  R10.7). Then the cross-checks of §10.3: application kind digit against ``kind``, application
  year against the filing date (a PCT national-phase number, kind digit 8 or 9, may be later),
  publication kind code against ``kind``. Other offices' numbers are letters and digits with
  ``/ - .`` at most 32 long.
* Without ``jurisdiction`` the office comes from a number's prefix (``EP0049154B2``; ``ZL`` means
  CN), then from a number in the Chinese application-number format, then ``CN`` when the
  language is ``zh`` (with a warning); a stated jurisdiction must agree with the prefixes.
* Without ``kind`` the patent type comes from the Chinese application kind digit or the
  publication kind code (WIPO ST.16 letters: A, B, C invention; U, Y utility model; S design;
  in China the legacy D design, R10.7). Otherwise the record is kept with "kind unknown".
* ``kind`` also accepts a kind code (``B2``, ``U``). ``legal_status`` also accepts 审查中,
  在审, 有效, 失效, 届满, 期限届满, 无效, 全部无效, 放弃. ``language`` also accepts 中文, 英文,
  zh-CN, en-US.
* Evaluation reports exist for utility models and designs only (R1.3, D4); term adjustment and
  extension for inventions only (R5.10, R5.11); shares take at most two decimals.
* The re-import key ``source_id`` is the normalised application number of a Chinese patent that
  has one; otherwise the ``id``, then the publication, patent or application number. A second
  row with the same jurisdiction and key is an error naming the first.
* Chinese records with an application number are validated in full. For the others a malformed
  IPC or Locarno code is dropped with a warning rather than rejecting the record: third-party
  exports are often truncated (``H01M/``).

JSON Lines
----------

The shape of the shared development sets imports as it is: ``id, title, abstract, claims,
ipc (list), applicant (list), app_date, pub_date, lang``, optionally ``kind`` (a kind code such
as ``B2`` or a kind name), ``app_number`` and ``jurisdiction``. The column names above work as
keys too, lists may be JSON arrays or ``;`` text, and other keys (``cpc``, ``inventors``...) are
ignored. ``id`` becomes the ``source_id`` (unless a Chinese application number is known) and,
when it reads as a publication number (``EP0049154B2``, ``US5535303``, ``CN114123456A``), the
``publication_number``; a foreign publication number's kind code gives the patent type. The
``claims`` text is cut after claim 1; ``""`` counts as absent.
"""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
import zipfile
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from pathlib import PurePath
from typing import Any, TypeVar

from openpyxl import load_workbook

from marketplace.errors import N_, Message, MessageError
from marketplace.fees.rules import PatentKind
from marketplace.patents.rules import (
    ApplicationNumber,
    EvaluationConclusion,
    LegalStatus,
    NumberError,
    PublicationNumber,
    cross_check_by_field,
    jurisdiction_from_identifier,
    normalise_ipc,
    normalise_locarno,
    parse_cn_application_number,
    parse_cn_patent_number,
    parse_cn_publication_number,
    parse_foreign_number,
)
from marketplace.plaintext import UNSTORABLE_MESSAGE, is_storable
from marketplace.uploads import Budget, ParseLimits, check_zip

__all__ = [
    "COLUMNS",
    "ImportFileError",
    "ImportResult",
    "PatentRecord",
    "RowError",
    "parse_portfolio",
]

TITLE_MAX = 500
ABSTRACT_MAX = 10_000
FIRST_CLAIM_MAX = 10_000
CO_OWNER_NAME_MAX = 200
REFERENCE_MAX = 64
SOURCE_ID_MAX = 64

#: The canonical columns, in the order of the documentation table.
COLUMNS: tuple[str, ...] = (
    "application_number",
    "patent_number",
    "publication_number",
    "jurisdiction",
    "kind",
    "title",
    "abstract",
    "first_claim",
    "ipc",
    "locarno",
    "applicants",
    "co_owners",
    "filing_date",
    "grant_date",
    "publication_date",
    "legal_status",
    "term_adjustment_days",
    "evaluation_report_ref",
    "evaluation_conclusion",
    "language",
)
_NUMBER_FIELDS = ("id", "application_number", "patent_number", "publication_number")

#: Header or key, as normalised by `_header_key`, to canonical field.
_ALIASES: dict[str, str] = {
    **{column: column for column in COLUMNS},
    "id": "id",
    # Keys of the shared JSON Lines sets and common English variants.
    "app_number": "application_number",
    "application_no": "application_number",
    "patent_no": "patent_number",
    "publication_no": "publication_number",
    "pub_number": "publication_number",
    "country": "jurisdiction",
    "type": "kind",
    "patent_type": "kind",
    "claims": "first_claim",
    "ipc_codes": "ipc",
    "locarno_class": "locarno",
    "applicant": "applicants",
    "app_date": "filing_date",
    "application_date": "filing_date",
    "pub_date": "publication_date",
    "status": "legal_status",
    "evaluation_report": "evaluation_report_ref",
    "lang": "language",
    # Chinese headers; NFKC has already folded full-width brackets.
    "申请号": "application_number",
    "专利申请号": "application_number",
    "专利号": "patent_number",
    "公开号": "publication_number",
    "公布号": "publication_number",
    "公告号": "publication_number",
    "授权公告号": "publication_number",
    "公开(公告)号": "publication_number",
    "国家": "jurisdiction",
    "国家/地区": "jurisdiction",
    "受理局": "jurisdiction",
    "类型": "kind",
    "专利类型": "kind",
    "标题": "title",
    "名称": "title",
    "专利名称": "title",
    "发明名称": "title",
    "摘要": "abstract",
    "权利要求": "first_claim",
    "权利要求书": "first_claim",
    "首项权利要求": "first_claim",
    "主权项": "first_claim",
    "ipc分类号": "ipc",
    "分类号": "ipc",
    "洛迦诺分类号": "locarno",
    "外观设计分类号": "locarno",
    "申请人": "applicants",
    "专利权人": "applicants",
    "申请(专利权)人": "applicants",
    "共有人": "co_owners",
    "共有权人": "co_owners",
    "申请日": "filing_date",
    "授权日": "grant_date",
    "授权公告日": "grant_date",
    "公开日": "publication_date",
    "公布日": "publication_date",
    "公告日": "publication_date",
    "公开(公告)日": "publication_date",
    "法律状态": "legal_status",
    "期限补偿天数": "term_adjustment_days",
    "评价报告编号": "evaluation_report_ref",
    "评价结论": "evaluation_conclusion",
    "语言": "language",
}

_KIND_WORDS: dict[str, PatentKind] = {
    "invention": PatentKind.INVENTION,
    "utility_model": PatentKind.UTILITY_MODEL,
    "design": PatentKind.DESIGN,
    "发明": PatentKind.INVENTION,
    "发明专利": PatentKind.INVENTION,
    "实用新型": PatentKind.UTILITY_MODEL,
    "实用新型专利": PatentKind.UTILITY_MODEL,
    "外观设计": PatentKind.DESIGN,
    "外观设计专利": PatentKind.DESIGN,
}
#: WIPO ST.16 letter groups; D marks a design only in China's legacy series (R10.7).
_KIND_CODE_LETTERS: dict[str, PatentKind] = {
    "A": PatentKind.INVENTION,
    "B": PatentKind.INVENTION,
    "C": PatentKind.INVENTION,
    "U": PatentKind.UTILITY_MODEL,
    "Y": PatentKind.UTILITY_MODEL,
    "S": PatentKind.DESIGN,
}
_STATUS_WORDS: dict[str, LegalStatus] = {
    **{status.value: status for status in LegalStatus},
    "审查中": LegalStatus.PENDING,
    "在审": LegalStatus.PENDING,
    "有效": LegalStatus.IN_FORCE,
    "失效": LegalStatus.LAPSED,
    "届满": LegalStatus.EXPIRED,
    "期限届满": LegalStatus.EXPIRED,
    "无效": LegalStatus.INVALIDATED,
    "全部无效": LegalStatus.INVALIDATED,
    "放弃": LegalStatus.SURRENDERED,
}
_CONCLUSION_WORDS: dict[str, EvaluationConclusion] = {
    "favourable": EvaluationConclusion.FAVOURABLE,
    "favorable": EvaluationConclusion.FAVOURABLE,
    "unfavourable": EvaluationConclusion.UNFAVOURABLE,
    "unfavorable": EvaluationConclusion.UNFAVOURABLE,
}
_LANGUAGE_WORDS: dict[str, str] = {
    "zh": "zh",
    "zh_cn": "zh",
    "zh_hans": "zh",
    "chinese": "zh",
    "中文": "zh",
    "en": "en",
    "en_us": "en",
    "en_gb": "en",
    "english": "en",
    "英文": "en",
}

_KEY_SEPARATORS = re.compile(r"[\s\-]+")
_LIST_SEPARATOR = re.compile(r"[;；]")
_SHARE_SEPARATOR = re.compile(r"\s*[:：]\s*(?=[^:：]*$)")  # the last colon only
_JURISDICTION = re.compile(r"[A-Z]{2}")
_KIND_CODE = re.compile(r"[A-Z]\d?")
_KIND_SUFFIX = re.compile(r"\d([A-Z]\d?)$")
_DATE = re.compile(
    r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?"
    r"(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?"  # a midnight time part from spreadsheets
    r"|(\d{4})(\d{2})(\d{2})"
)
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
_FIRST_CLAIM_NUMBER = re.compile(r"\s*1\s*[.、．)）:：]\s*(?!\d)")
_SECOND_CLAIM = re.compile(r"(?:[.。;；]|\n)\s*(2\s*[.、．)）:：])\s*(?!\d)")
_PERCENT = Decimal(100)
_CENT = Decimal("0.01")
_T = TypeVar("_T")


class ImportFileError(MessageError):
    """The file cannot be read at all: extension, encoding, broken XLSX or unusable header.

    A `ValueError`; ``detail`` is the translatable `Message`, ``str(error)`` its English text.
    """


@dataclass(frozen=True, slots=True, init=False)
class RowError:
    """A problem in one row: ``row`` as the user numbers it, ``field`` as named in the file.

    Built as ``RowError(row, field, message)`` from a `Message` or a plain string marked with
    `N_`. ``message`` is the English text (API, CLI); ``detail`` the translatable `Message`.
    """

    row: int
    field: str
    message: str
    detail: Message

    def __init__(self, row: int, field: str, message: str | Message) -> None:
        detail = Message.of(message)
        object.__setattr__(self, "row", row)
        object.__setattr__(self, "field", field)
        object.__setattr__(self, "message", str(detail))
        object.__setattr__(self, "detail", detail)

    @property
    def template(self) -> str:
        """The message's English template, as marked for translation."""
        return self.detail.template

    @property
    def params(self) -> Mapping[str, object]:
        """The values of the template's placeholders."""
        return self.detail.params


@dataclass(frozen=True, kw_only=True, slots=True)
class PatentRecord:
    """One validated patent from an import file: the typed input of the import service.

    ``source_id`` is the re-import key (unique per jurisdiction within a file); numbers are
    normalised (``202110123456.7``, ``ZL202110123456.7``, ``CN113456789B``, ``EP0049154B2``);
    ``ipc_codes`` are canonical IPC texts; ``co_owners`` pairs names with shares in per cent;
    ``row`` is the row or line the record came from.
    """

    source_id: str
    jurisdiction: str
    application_number: str | None
    patent_number: str | None
    publication_number: str | None
    kind: PatentKind | None
    title: str
    abstract: str | None
    first_claim: str | None
    ipc_codes: tuple[str, ...]
    locarno_class: str | None
    applicants: tuple[str, ...]
    co_owners: tuple[tuple[str, Decimal], ...]
    filing_date: date | None
    grant_date: date | None
    publication_date: date | None
    legal_status: LegalStatus | None
    term_adjustment_days: int = 0
    evaluation_report_ref: str | None
    evaluation_conclusion: EvaluationConclusion | None
    language: str
    row: int


@dataclass(slots=True)
class ImportResult:
    """The valid rows as records, and the rows' errors and warnings: the first ``max_messages``
    of each, the others counted in ``errors_omitted`` and ``warnings_omitted``."""

    records: list[PatentRecord] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    warnings: list[RowError] = field(default_factory=list)
    max_messages: int = ParseLimits().max_messages
    errors_omitted: int = 0
    warnings_omitted: int = 0

    def add_error(self, error: RowError) -> None:
        if len(self.errors) < self.max_messages:
            self.errors.append(error)
        else:
            self.errors_omitted += 1

    def add_warning(self, warning: RowError) -> None:
        if len(self.warnings) < self.max_messages:
            self.warnings.append(warning)
        else:
            self.warnings_omitted += 1


# -------------------------------------------------------------------------------------------------
# Readers: each format becomes raw rows of canonical field -> (name in the file, value)
# -------------------------------------------------------------------------------------------------

_Cells = dict[str, tuple[str, object]]


@dataclass(slots=True)
class _RawRow:
    number: int
    cells: _Cells
    problem: Message | None = None


def _header_key(name: str) -> str:
    return _KEY_SEPARATORS.sub("_", unicodedata.normalize("NFKC", name).strip().lower())


def _map_header(header: list[object], result: ImportResult) -> list[tuple[str, str] | None]:
    """Per column, the canonical field and the name as written (``None`` when ignored)."""
    names = ["" if cell is None else str(cell).strip() for cell in header]
    if not any(names):
        raise ImportFileError(
            N_("Row 1 must be the header naming the columns, but it is empty.")
        )
    columns: list[tuple[str, str] | None] = []
    seen: dict[str, str] = {}
    for name in names:
        canonical = _ALIASES.get(_header_key(name)) if name else None
        if canonical is None:
            if name:
                result.add_warning(RowError(1, name, N_("unknown column, ignored")))
            columns.append(None)
            continue
        if canonical in seen:
            raise ImportFileError(
                Message(
                    N_("Columns %(first)s and %(second)s both give %(field)s."),
                    {"first": repr(seen[canonical]), "second": repr(name), "field": canonical},
                )
            )
        seen[canonical] = name
        columns.append((canonical, name))
    if "title" not in seen:
        raise ImportFileError(N_("The file has no title column (title, 标题 or 名称)."))
    if not any(number in seen for number in _NUMBER_FIELDS):
        raise ImportFileError(
            N_(
                "The file has no number column: application_number (申请号), patent_number "
                "(专利号) or publication_number (公开号)."
            )
        )
    return columns


def _table_rows(
    rows: Iterator[list[object]], result: ImportResult, budget: Budget
) -> Iterator[_RawRow]:
    """Rows of a table whose first row is the header (CSV, XLSX); blank rows are skipped."""
    header = next(rows, None)
    if header is None:
        raise ImportFileError(N_("The file is empty."))
    budget.limits.check_columns(len(header))
    columns = _map_header(header, result)
    for number, values in enumerate(rows, start=2):
        budget.row(number - 1)
        budget.limits.check_columns(len(values))
        if all(value is None or value == "" for value in values):
            continue
        cells: _Cells = {
            column[0]: (column[1], value)
            for column, value in zip(columns, values, strict=False)
            if column is not None
        }
        extra = any(value not in (None, "") for value in values[len(columns) :])
        problem = (
            Message(
                N_(
                    "the row has more cells than the header's %(count)s columns; a value "
                    "containing a comma needs quotes"
                ),
                {"count": len(columns)},
            )
            if extra
            else None
        )
        yield _RawRow(number, cells, problem)


def _decode_text(data: bytes) -> str:
    """UTF-8 with or without BOM, else GB18030 (Excel's CSV on Chinese Windows)."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError as exc:
        raise ImportFileError(N_("The CSV file is neither UTF-8 nor GB18030 text.")) from exc


def _csv_rows(data: bytes, result: ImportResult, budget: Budget) -> Iterator[_RawRow]:
    budget.limits.check_size(len(data))
    text = _decode_text(data)
    budget.limits.check_row(_count_records(text) - 1)  # before any row is validated
    reader = csv.reader(io.StringIO(text, newline=""))

    def records() -> Iterator[list[object]]:
        try:
            yield from (list[object](record) for record in reader)
        except csv.Error as exc:
            raise ImportFileError(
                Message(
                    N_("Line %(line)s is not valid CSV: %(error)s."),
                    {"line": reader.line_num, "error": str(exc)},
                )
            ) from exc

    return _table_rows(records(), result, budget)


def _count_records(text: str) -> int:
    """The CSV records of ``text`` (a quick pass; a malformed one ends the count)."""
    count = 0
    try:
        for _record in csv.reader(io.StringIO(text, newline="")):
            count += 1
    except csv.Error:
        pass
    return count


def _xlsx_rows(data: bytes, result: ImportResult, budget: Budget) -> Iterator[_RawRow]:
    """The first sheet, streamed in read-only mode (cached formula values, date cells as they
    are), once the ZIP directory has shown nothing inflates beyond the limits."""
    try:
        check_zip(data, budget.limits)
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise _unreadable_xlsx(exc) from exc
    try:
        yield from _table_rows(_sheet_rows(workbook.worksheets[0]), result, budget)
    finally:
        workbook.close()


def _sheet_rows(sheet: Any) -> Iterator[list[object]]:
    sheet.reset_dimensions()  # rows as stored, not padded to the size the sheet declares
    try:
        for row in sheet.iter_rows(values_only=True):
            yield list(row)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise _unreadable_xlsx(exc) from exc


def _unreadable_xlsx(exc: Exception) -> ImportFileError:
    return ImportFileError(
        Message(N_("The file is not a readable XLSX workbook (%(error)s)."), {"error": str(exc)})
    )


def _jsonl_rows(data: bytes, result: ImportResult, budget: Budget) -> Iterator[_RawRow]:
    budget.limits.check_size(len(data))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportFileError(N_("A JSON Lines file must be UTF-8 text.")) from exc
    # Counted before any line is validated.
    budget.limits.check_row(text.count("\n") + (not text.endswith("\n")))
    # Lines end at "\n" only: str.splitlines() would also split at a U+2028 inside a JSON
    # string. Read lazily, so a file of blank lines costs no list of them.
    for number, line in enumerate(io.StringIO(text, newline="\n"), start=1):
        budget.row(number)
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except json.JSONDecodeError as exc:
            invalid = Message(
                N_("not valid JSON: %(error)s (column %(column)s)"),
                {"error": exc.msg, "column": exc.colno},
            )
            yield _RawRow(number, {}, invalid)
            continue
        except RecursionError:
            yield _RawRow(number, {}, Message(N_("not valid JSON: nested too deeply")))
            continue
        if not isinstance(value, dict):
            yield _RawRow(number, {}, Message(N_("each line must be a JSON object")))
            continue
        cells: _Cells = {}
        problem: Message | None = None
        for key, item in value.items():
            canonical = _ALIASES.get(_header_key(key))
            if canonical is None:
                continue
            if canonical in cells:
                problem = Message(
                    N_("keys %(first)s and %(second)s both give %(field)s"),
                    {"first": repr(cells[canonical][0]), "second": repr(key), "field": canonical},
                )
            cells[canonical] = (key, item)
        yield _RawRow(number, cells, problem)


_READERS: dict[str, Callable[[bytes, ImportResult, Budget], Iterator[_RawRow]]] = {
    ".csv": _csv_rows,
    ".xlsx": _xlsx_rows,
    ".jsonl": _jsonl_rows,
    ".ndjson": _jsonl_rows,
    ".json": _jsonl_rows,
}


# -------------------------------------------------------------------------------------------------
# One row: typed access to its cells; problems are filed under the field's name in the file
# -------------------------------------------------------------------------------------------------


class _Row:
    __slots__ = ("_texts", "cells", "failed", "number", "result")

    def __init__(self, raw: _RawRow, result: ImportResult) -> None:
        self.number = raw.number
        self.cells = raw.cells
        self.result = result
        self.failed = False
        self._texts: dict[str, str | None] = {}

    def label(self, name: str) -> str:
        cell = self.cells.get(name)
        return name if cell is None else cell[0]

    def error(self, name: str, message: str | Message) -> None:
        self.failed = True
        self.result.add_error(RowError(self.number, self.label(name), message))

    def warn(self, name: str, message: str | Message) -> None:
        self.result.add_warning(RowError(self.number, self.label(name), message))

    def text(self, name: str) -> str | None:
        """The cell as trimmed text; ``None`` when absent or blank."""
        if name not in self._texts:
            cell = self.cells.get(name)
            self._texts[name] = None if cell is None else self._as_text(name, cell[1]) or None
        return self._texts[name]

    def limited(self, name: str, limit: int) -> str | None:
        text = self.text(name)
        if text is not None and len(text) > limit:
            self.error(
                name,
                Message(
                    N_("%(length)s characters long; at most %(limit)s are allowed"),
                    {"length": f"{len(text):,}", "limit": f"{limit:,}"},
                ),
            )
        return text

    def _as_text(self, name: str, value: object) -> str | None:
        if value is None:
            return None
        if isinstance(value, str):
            if not is_storable(value):
                self.error(name, UNSTORABLE_MESSAGE)
                return None
            return value.strip()
        if isinstance(value, bool) or not isinstance(value, int | float | date):
            self.error(
                name, Message(N_("expected text, not %(type)s"), {"type": type(value).__name__})
            )
            return None
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        if isinstance(value, datetime):
            return value.date().isoformat()
        if isinstance(value, date):
            return value.isoformat()
        return str(value)

    def items(self, name: str) -> list[str]:
        """A list cell: a JSON array of texts, or text separated by ``;`` or ``；``."""
        cell = self.cells.get(name)
        if cell is None:
            return []
        if isinstance(cell[1], list):
            texts = [self._as_text(name, item) for item in cell[1]]
        else:
            text = self.text(name)
            texts = _LIST_SEPARATOR.split(text) if text else []
        return [text.strip() for text in texts if text and text.strip()]

    def day(self, name: str) -> date | None:
        cell = self.cells.get(name)
        if cell is not None and isinstance(cell[1], date):
            return cell[1].date() if isinstance(cell[1], datetime) else cell[1]
        text = self.text(name)
        if text is None:
            return None
        match = _DATE.fullmatch(text)
        if match is None:
            self.error(
                name, Message(N_("%(text)s is not a date: write YYYY-MM-DD"), {"text": repr(text)})
            )
            return None
        year, month, day = (int(part) for part in match.groups() if part is not None)
        try:
            return date(year, month, day)
        except ValueError:
            self.error(name, Message(N_("%(text)s is not a real date"), {"text": text}))
            return None

    def choice(self, name: str, words: Mapping[str, _T], allowed: str) -> _T | None:
        text = self.text(name)
        if text is None:
            return None
        value = words.get(_header_key(text))
        if value is None:
            self.error(
                name,
                Message(
                    N_("%(text)s is not one of %(allowed)s"),
                    {"text": repr(text), "allowed": allowed},
                ),
            )
        return value


# -------------------------------------------------------------------------------------------------
# Field rules
# -------------------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Numbers:
    """A row's validated numbers, and the field the application and publication came from."""

    application: ApplicationNumber | None = None
    application_field: str = "application_number"
    patent_number: str | None = None
    publication: PublicationNumber | None = None
    publication_field: str = "publication_number"
    foreign: dict[str, str] = field(default_factory=dict)

    def application_text(self) -> str | None:
        if self.application is not None:
            return self.application.normalised
        return self.foreign.get("application_number")

    def publication_text(self) -> str | None:
        if self.publication is not None:
            return self.publication.normalised
        return self.foreign.get("publication_number")

    def patent_text(self) -> str | None:
        return self.patent_number or self.foreign.get("patent_number")


def _first_claim(text: str | None) -> str | None:
    """Claim 1 of numbered claims (``1. … 2. …`` or ``1．…。2．…``); other text unchanged."""
    if text is None:
        return None
    start = _FIRST_CLAIM_NUMBER.match(text)
    if start is None:
        return text
    body = text[start.end() :]
    second = _SECOND_CLAIM.search(body)
    if second is not None:
        body = body[: second.start(1)]
    return body.strip() or None


def _language(row: _Row, title: str | None) -> str:
    text = row.text("language")
    if text is not None:
        language = _LANGUAGE_WORDS.get(_header_key(text))
        if language is not None:
            return language
        row.error(
            "language",
            Message(N_("%(text)s is not a language we hold: use zh or en"), {"text": repr(text)}),
        )
    return "zh" if title and _CJK.search(title) else "en"


def _kind_from_code(code: str, jurisdiction: str | None) -> PatentKind | None:
    """The patent type a kind code marks (WIPO ST.16 letters; China's legacy D, R10.7)."""
    if code[0] == "D" and jurisdiction == "CN":
        return PatentKind.DESIGN
    return _KIND_CODE_LETTERS.get(code[0])


def _given_kind(row: _Row, jurisdiction: str | None) -> PatentKind | None:
    """The patent type in the ``kind`` cell: a kind name, a Chinese name or a kind code."""
    text = row.text("kind")
    if text is None:
        return None
    kind = _KIND_WORDS.get(_header_key(text))
    if kind is not None:
        return kind
    code = unicodedata.normalize("NFKC", text).upper()
    if _KIND_CODE.fullmatch(code):
        kind = _kind_from_code(code, jurisdiction)
        if kind is None:
            row.warn(
                "kind",
                Message(
                    N_("kind code %(code)s does not tell the patent type: kind unknown"),
                    {"code": code},
                ),
            )
        return kind
    row.error(
        "kind",
        Message(
            N_(
                "%(text)s is not a patent type: use invention, utility_model or design "
                "(发明, 实用新型, 外观设计) or a publication kind code"
            ),
            {"text": repr(text)},
        ),
    )
    return None


def _jurisdiction(row: _Row, language: str) -> str | None:
    """Stated, else from the numbers' prefixes or Chinese format, else CN for zh (warned)."""
    implied: dict[str, str] = {}
    for name in _NUMBER_FIELDS:
        text = row.text(name)
        code = jurisdiction_from_identifier(text) if text else None
        if code is not None:
            implied[name] = code
    stated = row.text("jurisdiction")
    if stated is not None:
        code = "CN" if stated == "中国" else unicodedata.normalize("NFKC", stated).upper()
        if not _JURISDICTION.fullmatch(code):
            row.error(
                "jurisdiction",
                Message(
                    N_("%(text)s is not a two-letter office code like CN or US"),
                    {"text": repr(stated)},
                ),
            )
            return None
        conflicts = {name: other for name, other in implied.items() if other != code}
        for name, other in conflicts.items():
            row.error(
                name,
                Message(
                    N_("%(number)s is a %(office)s number, but jurisdiction is %(jurisdiction)s"),
                    {"number": row.text(name), "office": other, "jurisdiction": code},
                ),
            )
        return None if conflicts else code
    codes = sorted(set(implied.values()))
    if len(codes) > 1:
        row.error(
            "jurisdiction",
            Message(
                N_("the numbers belong to different offices: %(offices)s"),
                {"offices": ", ".join(codes)},
            ),
        )
        return None
    if codes:
        return codes[0]
    for name in ("application_number", "patent_number"):
        text = row.text(name)
        if text is not None and _is_cn_application(text):
            return "CN"
    if language == "zh":
        row.warn(
            "jurisdiction", N_("no jurisdiction given; taken as CN because the language is zh")
        )
        return "CN"
    row.error(
        "jurisdiction",
        N_("jurisdiction unknown: add a jurisdiction column or numbers with a country prefix"),
    )
    return None


def _is_cn_application(text: str) -> bool:
    try:
        parse_cn_application_number(text)
    except NumberError:
        return False
    return True


def _cn_numbers(row: _Row) -> _Numbers:
    """Chinese numbers, validated in full (R10.1–R10.7)."""
    numbers = _Numbers()
    text = row.text("application_number")
    if text is not None:
        try:
            numbers.application = parse_cn_application_number(text)
        except NumberError as exc:
            row.error("application_number", exc.detail)
        else:
            for warning in numbers.application.warnings:
                row.warn("application_number", warning)
    text = row.text("patent_number")
    if text is not None:
        try:
            patent = parse_cn_patent_number(text)
        except NumberError as exc:
            row.error("patent_number", exc.detail)
        else:
            numbers.patent_number = patent.normalised
            given = numbers.application
            if given is not None and given.normalised != patent.application.normalised:
                row.error(
                    "patent_number",
                    Message(
                        N_("%(patent)s does not match application number %(application)s"),
                        {"patent": patent.normalised, "application": given.normalised},
                    ),
                )
            elif row.text("application_number") is None:
                numbers.application = patent.application
                numbers.application_field = "patent_number"
                for warning in patent.application.warnings:
                    row.warn("patent_number", warning)
    text = row.text("publication_number")
    if text is not None:
        try:
            numbers.publication = parse_cn_publication_number(text)
        except NumberError as exc:
            row.error("publication_number", exc.detail)
    identifier = row.text("id")
    if identifier is not None and jurisdiction_from_identifier(identifier) == "CN":
        _cn_identifier(row, identifier, numbers)
    return numbers


def _cn_identifier(row: _Row, identifier: str, numbers: _Numbers) -> None:
    """An ``id`` like CN114123456A or CN202110123456.7 stands in for a number not given."""
    try:
        publication = parse_cn_publication_number(identifier)
    except NumberError as publication_problem:
        try:
            application = parse_cn_application_number(identifier)
        except NumberError:
            row.warn(
                "id",
                Message(
                    N_(
                        "%(identifier)s is not a valid Chinese publication or application "
                        "number (%(problem)s); kept only as the record's identifier"
                    ),
                    {"identifier": identifier, "problem": publication_problem.detail},
                ),
            )
            return
        if row.text("application_number") is None and row.text("patent_number") is None:
            numbers.application = application
            numbers.application_field = "id"
        return
    if row.text("publication_number") is None:
        numbers.publication = publication
        numbers.publication_field = "id"


def _foreign_numbers(row: _Row, jurisdiction: str) -> _Numbers:
    """Loose checks; an ``id`` reading as a number of the office is the publication number."""
    numbers = _Numbers()
    for name in ("application_number", "patent_number", "publication_number"):
        text = row.text(name)
        if text is None:
            continue
        try:
            numbers.foreign[name] = parse_foreign_number(jurisdiction, text).normalised
        except NumberError as exc:
            row.error(name, exc.detail)
    identifier = row.text("id")
    if (
        identifier is not None
        and row.text("publication_number") is None
        and jurisdiction_from_identifier(identifier) == jurisdiction
    ):
        try:
            publication = parse_foreign_number(jurisdiction, identifier)
        except NumberError as exc:
            row.warn(
                "id",
                Message(
                    N_("%(problem)s; kept only as the record's identifier"),
                    {"problem": exc.detail},
                ),
            )
        else:
            numbers.foreign["publication_number"] = publication.normalised
            numbers.publication_field = "id"
    return numbers


def _dates(row: _Row) -> tuple[date | None, date | None, date | None]:
    filing = row.day("filing_date")
    grant = row.day("grant_date")
    publication = row.day("publication_date")
    if filing is not None:
        for name, later in (("grant_date", grant), ("publication_date", publication)):
            if later is not None and later < filing:
                row.error(
                    name,
                    Message(
                        N_("%(date)s is before the filing date %(filing_date)s"),
                        {"date": later.isoformat(), "filing_date": filing.isoformat()},
                    ),
                )
    return filing, grant, publication


def _classes(
    row: _Row, kind: PatentKind | None, strict: bool
) -> tuple[tuple[str, ...], str | None]:
    """IPC codes and Locarno class; ``strict`` makes a malformed code an error, else a warning."""

    def malformed(name: str, problem: NumberError) -> None:
        if strict:
            row.error(name, problem.detail)
        else:
            row.warn(name, Message(N_("%(problem)s; code ignored"), {"problem": problem.detail}))

    ipc: dict[str, None] = {}  # ordered and without repeats
    for item in row.items("ipc"):
        try:
            ipc[normalise_ipc(item).text] = None
        except NumberError as exc:
            malformed("ipc", exc)
    locarno = None
    text = row.text("locarno")
    if text is not None:
        if kind is not None and kind is not PatentKind.DESIGN:
            row.error("locarno", N_("a Locarno class belongs to designs only"))
        else:
            try:
                locarno = normalise_locarno(text).text
            except NumberError as exc:
                malformed("locarno", exc)
    return tuple(ipc), locarno


def _applicants(row: _Row) -> tuple[str, ...]:
    """The names in order, without repeats (no length limit: exports join several in one)."""
    return tuple(dict.fromkeys(row.items("applicants")))


def _co_owners(row: _Row) -> tuple[tuple[str, Decimal], ...]:
    """``name:share`` entries, shares in per cent adding up to 100 (D2)."""
    owners: dict[str, Decimal] = {}
    ok = True
    for item in row.items("co_owners"):
        parts = _SHARE_SEPARATOR.split(item)
        problem: Message | None = None
        if len(parts) != 2 or not parts[0]:
            problem = Message(
                N_("%(item)s: write each co-owner as name:share, e.g. 清华大学:50"),
                {"item": repr(item)},
            )
        else:
            name, share_text = parts
            try:
                share = Decimal(share_text.removesuffix("%").strip())
            except InvalidOperation:
                share = Decimal("NaN")
            if not share.is_finite() or not 0 < share <= _PERCENT:
                problem = Message(
                    N_("share %(share)s of %(name)s is not a number above 0 and up to 100"),
                    {"share": repr(share_text), "name": name},
                )
            elif share != share.quantize(_CENT):
                problem = Message(
                    N_("share %(share)s of %(name)s has more than two decimals"),
                    {"share": share_text, "name": name},
                )
            elif name in owners:
                problem = Message(N_("%(name)s is listed twice"), {"name": name})
            elif len(name) > CO_OWNER_NAME_MAX:
                problem = Message(
                    N_("%(text)s… is longer than %(max)s characters"),
                    {"text": name[:20], "max": CO_OWNER_NAME_MAX},
                )
            else:
                owners[name] = share
        if problem is not None:
            ok = False
            row.error("co_owners", problem)
    total = sum(owners.values(), Decimal(0))
    if ok and owners and total != _PERCENT:
        row.error(
            "co_owners",
            Message(N_("the shares add up to %(total)s, not 100"), {"total": str(total)}),
        )
    return tuple(owners.items())


def _term_adjustment(row: _Row, kind: PatentKind | None) -> int:
    """Term adjustment and drug-term extension exist for inventions only (R5.10, R5.11)."""
    text = row.text("term_adjustment_days")
    if text is None:
        return 0
    if not text.isdigit():
        row.error(
            "term_adjustment_days",
            Message(N_("%(text)s is not a whole number of days"), {"text": repr(text)}),
        )
        return 0
    days = int(text)
    if days and kind is not None and kind is not PatentKind.INVENTION:
        row.error("term_adjustment_days", N_("only inventions get term adjustment or extension"))
    return days


def _evaluation(
    row: _Row, kind: PatentKind | None
) -> tuple[str | None, EvaluationConclusion | None]:
    """Evaluation reports exist for utility models and designs only (R1.3, D4)."""
    reference = row.limited("evaluation_report_ref", REFERENCE_MAX)
    conclusion = row.choice("evaluation_conclusion", _CONCLUSION_WORDS, "favourable, unfavourable")
    if (reference or conclusion) and kind is PatentKind.INVENTION:
        name = "evaluation_report_ref" if reference else "evaluation_conclusion"
        row.error(name, N_("inventions have no evaluation report; utility models and designs do"))
    elif conclusion is not None and reference is None:
        row.warn("evaluation_conclusion", N_("conclusion given without the report's reference"))
    return reference, conclusion


def _source_id(row: _Row, jurisdiction: str, numbers: _Numbers) -> tuple[str, str] | None:
    """The re-import key and the field it came from."""
    cn_application = numbers.application.normalised if numbers.application else None
    candidates = (
        (numbers.application_field, cn_application),
        ("id", row.text("id")),
        (numbers.publication_field, numbers.publication_text()),
        ("patent_number", numbers.patent_text()),
        ("application_number", numbers.foreign.get("application_number")),
    )
    for name, value in candidates:
        if value:
            if len(value) > SOURCE_ID_MAX:
                row.error(
                    name,
                    Message(
                        N_("%(text)s… is longer than %(max)s characters"),
                        {"text": value[:20], "max": SOURCE_ID_MAX},
                    ),
                )
            return value, name
    if not row.failed:
        row.error(
            "application_number",
            Message(
                N_(
                    "no usable number in this %(jurisdiction)s row: give an application, patent "
                    "or publication number"
                ),
                {"jurisdiction": jurisdiction},
            ),
        )
    return None


def _build(row: _Row) -> tuple[PatentRecord, str] | None:
    """Validate one row: the record and its ``source_id``'s field, or ``None`` after errors."""
    title = row.limited("title", TITLE_MAX)
    if title is None and not row.failed:  # not when the cell held a list or the like
        row.error("title", N_("a title is required"))
    abstract = row.limited("abstract", ABSTRACT_MAX)
    first_claim = _first_claim(row.text("first_claim"))
    if first_claim is not None and len(first_claim) > FIRST_CLAIM_MAX:
        row.error(
            "first_claim",
            Message(
                N_("claim 1 is longer than %(max)s characters"), {"max": f"{FIRST_CLAIM_MAX:,}"}
            ),
        )
    language = _language(row, title)
    jurisdiction = _jurisdiction(row, language)
    kind = _given_kind(row, jurisdiction)
    filing, grant, published = _dates(row)
    if jurisdiction == "CN":
        numbers = _cn_numbers(row)
        labels = {"publication_number": numbers.publication_field}
        for subject, problem in cross_check_by_field(
            kind, filing, numbers.application, numbers.publication
        ):
            row.error(labels.get(subject, subject), problem)
        for number in (numbers.application, numbers.publication):
            kind = kind or (number.kind if number else None)
    elif jurisdiction is not None:
        numbers = _foreign_numbers(row, jurisdiction)
        suffix = _KIND_SUFFIX.search(numbers.publication_text() or "")
        if kind is None and suffix is not None:
            kind = _kind_from_code(suffix.group(1), jurisdiction)
    else:
        numbers = _Numbers()
    if kind is None and row.text("kind") is None:
        row.warn("kind", N_("kind unknown: give invention, utility_model or design"))
    ipc, locarno = _classes(row, kind, strict=numbers.application is not None)
    applicants = _applicants(row)
    co_owners = _co_owners(row)
    status = row.choice("legal_status", _STATUS_WORDS, ", ".join(LegalStatus))
    term_adjustment = _term_adjustment(row, kind)
    reference, conclusion = _evaluation(row, kind)
    source = _source_id(row, jurisdiction, numbers) if jurisdiction else None
    if row.failed or source is None or title is None or jurisdiction is None:
        return None
    record = PatentRecord(
        source_id=source[0],
        jurisdiction=jurisdiction,
        application_number=numbers.application_text(),
        patent_number=numbers.patent_text(),
        publication_number=numbers.publication_text(),
        kind=kind,
        title=title,
        abstract=abstract,
        first_claim=first_claim,
        ipc_codes=ipc,
        locarno_class=locarno,
        applicants=applicants,
        co_owners=co_owners,
        filing_date=filing,
        grant_date=grant,
        publication_date=published,
        legal_status=status,
        term_adjustment_days=term_adjustment,
        evaluation_report_ref=reference,
        evaluation_conclusion=conclusion,
        language=language,
        row=row.number,
    )
    return record, source[1]


def parse_portfolio(
    data: bytes, filename: str, limits: ParseLimits | None = None
) -> ImportResult:
    """Parse and validate a portfolio file; the module docstring lists columns and rules.

    Raises `ImportFileError` when the file cannot be read at all, and
    `marketplace.uploads.UploadTooLarge` as soon as it breaks a bound of ``limits`` (size,
    ZIP directory, rows, columns, time); row problems are in the result, and only rows without
    errors are among its records.
    """
    limits = limits or ParseLimits()
    extension = PurePath(filename).suffix.lower()
    reader = _READERS.get(extension)
    if reader is None:
        if extension:
            raise ImportFileError(
                Message(
                    N_("Cannot import %(extension)s: use .csv, .xlsx or .jsonl."),
                    {"extension": extension},
                )
            )
        raise ImportFileError(
            N_("Cannot import a file without extension: use .csv, .xlsx or .jsonl.")
        )
    result = ImportResult(max_messages=limits.max_messages)
    first_rows: dict[tuple[str, str], int] = {}
    for raw in reader(data, result, limits.start()):
        row = _Row(raw, result)
        if raw.problem is not None:
            row.error("", raw.problem)
            continue
        built = _build(row)
        if built is None:
            continue
        record, source_field = built
        key = (record.jurisdiction, record.source_id)
        if key in first_rows:
            row.error(
                source_field,
                Message(
                    N_("%(source_id)s already appears in row %(row)s"),
                    {"source_id": record.source_id, "row": first_rows[key]},
                ),
            )
            continue
        first_rows[key] = record.row
        result.records.append(record)
    return result
