"""Pure tests of the portfolio import parser: CSV, XLSX and JSON Lines to PatentRecords."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator, Mapping
from dataclasses import asdict
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_file
from openpyxl import Workbook

from marketplace import plaintext
from marketplace.errors import Message
from marketplace.fees.rules import PatentKind
from marketplace.patents import importing, rules
from marketplace.patents.importing import (
    COLUMNS,
    ImportFileError,
    ImportResult,
    RowError,
    parse_portfolio,
)
from marketplace.patents.rules import EvaluationConclusion, LegalStatus, application_check_char

REPO = Path(__file__).resolve().parents[2]
SHARED_DATA = REPO.parent / "shared" / "data"
#: The templates marked with N_ in the parser and the rules it calls: what Babel extracts.
MARKED = {
    message
    for module in (importing, rules, plaintext)
    for _, message, _, _ in extract_from_file("python", str(module.__file__), keywords={"N_": None})
}


def templates(message: Message) -> Iterator[str]:
    """The message's template and those of the messages among its values."""
    yield message.template
    for value in message.params.values():
        if isinstance(value, Message):
            yield from templates(value)


def is_marked(message: Message) -> bool:
    """Every template in the message is extracted for translation."""
    return set(templates(message)) <= MARKED


def csv_bytes(rows: list[dict[str, str]], *, bom: bool = False, encoding: str = "utf-8") -> bytes:
    out = io.StringIO(newline="")
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    return ("\ufeff" if bom else "").encode(encoding) + out.getvalue().encode(encoding)


def jsonl_bytes(*lines: Mapping[str, object]) -> bytes:
    return "\n".join(json.dumps(line, ensure_ascii=False) for line in lines).encode()


def cn_number(year: int, kind_digit: int, serial: int) -> str:
    digits = f"{year}{kind_digit}{serial:07d}"
    return f"{digits}.{application_check_char(digits)}"


def invention(**overrides: str) -> dict[str, str]:
    row = {
        "application_number": "202110123456.7",
        "title": "一种污水处理装置",
        "kind": "invention",
        "filing_date": "2021-03-15",
    }
    row.update(overrides)
    return row


def parse_csv(*rows: dict[str, str]) -> ImportResult:
    return parse_portfolio(csv_bytes(list(rows)), "portfolio.csv")


def only_error(result: ImportResult) -> RowError:
    assert len(result.errors) == 1, result.errors
    return result.errors[0]


# ---------------------------------------------------------------------------------------------
# CSV
# ---------------------------------------------------------------------------------------------


def test_csv_with_bom_and_every_column() -> None:
    row = {
        "application_number": "CN 2021 1 0123456.7",
        "patent_number": "ZL 202110123456.7",
        "publication_number": "CN113456789B",
        "jurisdiction": "cn",
        "kind": "invention",
        "title": "一种厌氧氨氧化污水处理装置",
        "abstract": "本发明公开了一种污水处理装置。",
        "first_claim": "1. 一种污水处理装置，包括反应单元。2. 根据权利要求1所述的装置。",
        "ipc": "C02F3/28; c02f 3/30；C02F 3/28",
        "locarno": "",
        "applicants": "华东示范大学; 江南示例环保科技有限公司",
        "co_owners": "华东示范大学:60.5;江南示例环保科技有限公司：39.5%",
        "filing_date": "2021-03-15",
        "grant_date": "2023/06/20",
        "publication_date": "20230620",
        "legal_status": "in_force",
        "term_adjustment_days": "35",
        "evaluation_report_ref": "",
        "evaluation_conclusion": "",
        "language": "zh",
    }
    assert list(row) == list(COLUMNS)
    result = parse_portfolio(csv_bytes([row], bom=True), "Portfolio.CSV")
    assert result.errors == [] and result.warnings == []
    [record] = result.records
    assert record.source_id == "202110123456.7"
    assert record.jurisdiction == "CN"
    assert record.application_number == "202110123456.7"
    assert record.patent_number == "ZL202110123456.7"
    assert record.publication_number == "CN113456789B"
    assert record.kind is PatentKind.INVENTION
    assert record.title == "一种厌氧氨氧化污水处理装置"
    assert record.first_claim == "一种污水处理装置，包括反应单元。"
    assert record.ipc_codes == ("C02F 3/28", "C02F 3/30")
    assert record.locarno_class is None
    assert record.applicants == ("华东示范大学", "江南示例环保科技有限公司")
    assert record.co_owners == (
        ("华东示范大学", Decimal("60.5")),
        ("江南示例环保科技有限公司", Decimal("39.5")),
    )
    assert (record.filing_date, record.grant_date, record.publication_date) == (
        date(2021, 3, 15),
        date(2023, 6, 20),
        date(2023, 6, 20),
    )
    assert record.legal_status is LegalStatus.IN_FORCE
    assert record.term_adjustment_days == 35
    assert (record.evaluation_report_ref, record.evaluation_conclusion) == (None, None)
    assert (record.language, record.row) == ("zh", 2)


def test_csv_with_chinese_headers_and_values() -> None:
    utility = cn_number(2022, 2, 234567)
    rows = [
        {
            "申请号": utility,
            "名称": "一种便携式锂电池储能箱",
            "类型": "实用新型",
            "申请日": "2022/5/10",
            "授权公告日": "2022年11月8日",
            "申请人": "深圳市开放示范科技有限公司",
            "IPC分类号": "H01M 10/0525",
            "法律状态": "有效",
            "评价报告编号": "PJ-2023-000123",
            "评价结论": "favourable",
        },
        {
            "申请号": cn_number(2021, 3, 345678),
            "名称": "电动自行车车架",
            "类型": "外观设计",
            "申请日": "20210701",
            "授权公告日": "",
            "申请人": "宁波示例车业有限公司",
            "IPC分类号": "",
            "法律状态": "审查中",
            "评价报告编号": "",
            "评价结论": "",
        },
    ]
    result = parse_csv(*rows)
    assert result.errors == [] and result.warnings == []
    first, second = result.records
    assert (first.source_id, first.kind, first.grant_date) == (
        utility,
        PatentKind.UTILITY_MODEL,
        date(2022, 11, 8),
    )
    assert first.legal_status is LegalStatus.IN_FORCE
    assert first.evaluation_conclusion is EvaluationConclusion.FAVOURABLE
    assert (second.kind, second.filing_date, second.row) == (
        PatentKind.DESIGN,
        date(2021, 7, 1),
        3,
    )
    assert second.legal_status is LegalStatus.PENDING


def test_errors_use_the_header_as_written() -> None:
    rows = [{"申请号": "202110123456.3", "标题": "一种装置"}]
    error = only_error(parse_csv(*rows))
    assert (error.row, error.field) == (2, "申请号")
    assert error.message.startswith("check digit should be 7, not 3")


def test_header_names_are_case_and_space_insensitive() -> None:
    result = parse_csv({"Application Number": "202110123456.7", " TITLE ": "一种装置"})
    assert result.errors == []
    assert result.records[0].source_id == "202110123456.7"


def test_gb18030_csv() -> None:
    data = csv_bytes([invention()], encoding="gb18030")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    result = parse_portfolio(data, "portfolio.csv")
    assert result.errors == []
    assert result.records[0].title == "一种污水处理装置"


def test_bad_row_is_reported_with_its_row_and_field() -> None:
    rows = [invention(application_number=cn_number(2021, 1, serial)) for serial in range(1, 7)]
    rows[5]["application_number"] = "202110000006.3"
    result = parse_csv(*rows)
    assert cn_number(2021, 1, 6) == "202110000006.9"
    error = only_error(result)
    assert (error.row, error.field, error.message) == (
        7, "application_number", "check digit should be 9, not 3 (202110000006.9)"
    )
    # The number's own problem, as a template and its values for the web layer to translate.
    assert error == RowError(
        7,
        "application_number",
        Message(
            "check digit should be %(expected)s, not %(found)s (%(digits)s.%(expected)s)",
            {"expected": "9", "found": "3", "digits": "202110000006"},
        ),
    )
    assert (error.template, error.params) == (error.detail.template, error.detail.params)
    assert [record.row for record in result.records] == [2, 3, 4, 5, 6]


def test_quoted_multi_line_cell_stays_one_row() -> None:
    rows = [
        invention(abstract="第一行\n第二行"),
        invention(application_number="202110123456.3"),
    ]
    assert only_error(parse_csv(*rows)).row == 3


def test_duplicate_rows_are_refused_on_the_later_row() -> None:
    rows = [
        invention(),
        invention(application_number=cn_number(2021, 1, 1)),
        invention(application_number="CN 2021 1 0123456.7"),
    ]
    result = parse_csv(*rows)
    assert only_error(result) == RowError(
        4,
        "application_number",
        Message(
            "%(source_id)s already appears in row %(row)s",
            {"source_id": "202110123456.7", "row": 2},
        ),
    )
    assert only_error(result).message == "202110123456.7 already appears in row 2"
    assert [record.row for record in result.records] == [2, 3]


def test_old_form_check_failure_is_a_warning() -> None:
    result = parse_csv(invention(application_number="89103229.2", filing_date="1989-05-02"))
    assert result.errors == []
    [warning] = result.warnings
    assert (warning.row, warning.field) == (2, "application_number")
    assert "should be 0" in warning.message
    assert is_marked(warning.detail)
    assert result.records[0].source_id == "89103229.2"


def test_kind_and_jurisdiction_follow_from_the_numbers() -> None:
    result = parse_csv({"application_number": "200620138175.X", "title": "一种夹具"})
    assert result.errors == [] and result.warnings == []
    record = result.records[0]
    assert (record.jurisdiction, record.kind, record.language) == (
        "CN",
        PatentKind.UTILITY_MODEL,
        "zh",
    )


def test_patent_number_alone_gives_the_application_number() -> None:
    result = parse_csv({"patent_number": "ZL202110123456.7", "title": "A device"})
    assert result.errors == []
    record = result.records[0]
    assert (record.source_id, record.application_number, record.patent_number) == (
        "202110123456.7",
        "202110123456.7",
        "ZL202110123456.7",
    )
    assert record.language == "en"


def test_foreign_row() -> None:
    row = {
        "publication_number": "US 5,535,303",
        "jurisdiction": "US",
        "title": '"Barometer" neuron for a neural network',
        "kind": "B1",
        "ipc": "G06N 3/04",
    }
    result = parse_csv(row)
    assert result.errors == [] and result.warnings == []
    record = result.records[0]
    assert (record.source_id, record.jurisdiction, record.kind, record.language) == (
        "US5535303",
        "US",
        PatentKind.INVENTION,
        "en",
    )


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"kind": "utility_model"}, "kind", "has kind digit 1, an invention"),
        ({"filing_date": "2020-12-31"}, "filing_date", "is from 2021, but the filing date"),
        (
            {"publication_number": "CN214123456U"},
            "publication_number",
            "marks a utility model, but the patent type is invention",
        ),
        ({"publication_number": "CN114123456U"}, "publication_number", "kind code U marks"),
        ({"patent_number": "ZL" + cn_number(2021, 1, 123457)}, "patent_number", "does not match"),
        ({"kind": "banana"}, "kind", "'banana' is not a patent type"),
        ({"grant_date": "2021-03-14"}, "grant_date", "before the filing date 2021-03-15"),
        ({"publication_date": "2020-01-01"}, "publication_date", "before the filing date"),
        ({"filing_date": "2021-02-30"}, "filing_date", "2021-02-30 is not a real date"),
        ({"filing_date": "15/03/2021"}, "filing_date", "is not a date: write YYYY-MM-DD"),
        ({"title": ""}, "title", "a title is required"),
        ({"title": "题" * 501}, "title", "501 characters long; at most 500"),
        ({"abstract": "a" * 10_001}, "abstract", "10,001 characters long; at most 10,000"),
        ({"first_claim": "a" * 10_001}, "first_claim", "longer than 10,000"),
        ({"co_owners": "甲大学:50;乙公司:40"}, "co_owners", "add up to 90, not 100"),
        ({"co_owners": "甲大学:50;乙公司"}, "co_owners", "write each co-owner as name:share"),
        ({"co_owners": "甲大学:abc;乙公司:50"}, "co_owners", "is not a number"),
        ({"co_owners": "甲大学:0;乙公司:100"}, "co_owners", "above 0 and up to 100"),
        ({"co_owners": "甲大学:33.333;乙公司:66.67"}, "co_owners", "more than two decimals"),
        ({"co_owners": "甲大学:50;甲大学:50"}, "co_owners", "listed twice"),
        ({"locarno": "12-08"}, "locarno", "designs only"),
        ({"ipc": "H01M/"}, "ipc", "expect a main group"),
        ({"legal_status": "alive"}, "legal_status", "'alive' is not one of pending, in_force"),
        ({"term_adjustment_days": "-3"}, "term_adjustment_days", "not a whole number"),
        ({"evaluation_report_ref": "PJ-1"}, "evaluation_report_ref", "no evaluation report"),
        ({"evaluation_conclusion": "good"}, "evaluation_conclusion", "'good' is not one of"),
        ({"language": "fr"}, "language", "use zh or en"),
        ({"jurisdiction": "USA"}, "jurisdiction", "not a two-letter office code"),
        (
            {"jurisdiction": "US", "application_number": "CN202110123456.7"},
            "application_number",
            "CN202110123456.7 is a CN number, but jurisdiction is US",
        ),
        ({"application_number": ""}, "application_number", "no usable number"),
        ({"title": "一种\x00装置"}, "title", "control characters (such as NUL)"),
        ({"abstract": "escape \x1b[31m red"}, "abstract", "cannot be stored"),
    ],
)
def test_row_errors(overrides: dict[str, str], field: str, message: str) -> None:
    result = parse_csv(invention(**overrides))
    error = only_error(result)
    assert (error.row, error.field) == (2, field)
    assert message in error.message
    assert is_marked(error.detail), error.detail
    assert error.message == str(error.detail)
    assert result.records == []


@pytest.mark.parametrize(
    ("row", "field", "message"),
    [
        (
            {"application_number": cn_number(2022, 2, 1), "term_adjustment_days": "30"},
            "term_adjustment_days",
            "only inventions",
        ),
        (
            {"application_number": cn_number(2021, 3, 1), "locarno": "33-01"},
            "locarno",
            "class 33 does not exist",
        ),
    ],
)
def test_rules_for_utility_models_and_designs(
    row: dict[str, str], field: str, message: str
) -> None:
    error = only_error(parse_csv({"title": "一种装置", **row}))
    assert field == error.field and message in error.message
    assert is_marked(error.detail)


def test_design_with_locarno_and_evaluation() -> None:
    result = parse_csv(
        {
            "application_number": cn_number(2021, 3, 1),
            "title": "电动自行车车架",
            "locarno": "1211",
            "evaluation_conclusion": "unfavorable",
        }
    )
    assert result.errors == []
    record = result.records[0]
    assert (record.kind, record.locarno_class) == (PatentKind.DESIGN, "12-11")
    assert record.evaluation_conclusion is EvaluationConclusion.UNFAVOURABLE
    assert [warning.field for warning in result.warnings] == ["evaluation_conclusion"]


def test_row_with_more_cells_than_columns() -> None:
    data = "application_number,title\n202110123456.7,一种装置,多余\n".encode()
    error = only_error(parse_portfolio(data, "p.csv"))
    assert (error.row, error.field) == (2, "")
    assert "needs quotes" in error.message
    assert error.params == {"count": 2}


def test_unknown_column_is_ignored_with_a_warning() -> None:
    result = parse_csv({**invention(), "inventors": "张三"})
    assert result.errors == []
    assert result.warnings == [RowError(1, "inventors", "unknown column, ignored")]


def test_blank_rows_are_skipped_but_counted() -> None:
    data = "application_number,title\n\n,\n202110123456.3,一种装置\n".encode()
    assert only_error(parse_portfolio(data, "p.csv")).row == 4


@pytest.mark.parametrize(
    ("data", "filename", "message"),
    [
        (b"title\n", "p.txt", "use .csv, .xlsx or .jsonl"),
        (b"title\n", "portfolio", "without extension"),
        (b"", "p.csv", "empty"),
        (b",,\n", "p.csv", "Row 1 must be the header"),
        (b"application_number,abstract\n202110123456.7,x\n", "p.csv", "no title column"),
        (b"title,abstract\nx,y\n", "p.csv", "no number column"),
        ("title,标题,申请号\n".encode(), "p.csv", "both give title"),
        (b"not a zip", "p.xlsx", "not a readable XLSX workbook"),
        (b"\xff\xfe\xff\xfe\x81", "p.csv", "neither UTF-8 nor GB18030"),
        (b"\xff\xfe", "p.jsonl", "must be UTF-8"),
    ],
)
def test_unreadable_files(data: bytes, filename: str, message: str) -> None:
    with pytest.raises(ImportFileError, match=message) as caught:
        parse_portfolio(data, filename)
    assert is_marked(caught.value.detail)
    assert str(caught.value) == str(caught.value.detail)


def test_ten_thousand_rows() -> None:
    rows = [
        invention(
            application_number=cn_number(2021, 1, serial),
            title=f"一种处理装置{serial}",
            ipc="C02F 3/28; H01M10/0525",
            applicants="华东示范大学;江南示例环保科技有限公司",
            co_owners="华东示范大学:50;江南示例环保科技有限公司:50",
            grant_date="2023-06-20",
        )
        for serial in range(1, 10_001)
    ]
    result = parse_csv(*rows)
    assert result.errors == []
    assert len(result.records) == 10_000
    assert result.records[-1].row == 10_001


# ---------------------------------------------------------------------------------------------
# XLSX
# ---------------------------------------------------------------------------------------------


def xlsx_bytes(rows: list[list[object]]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    workbook.create_sheet("ignored").append(["title"])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def test_xlsx_with_typed_cells() -> None:
    data = xlsx_bytes(
        [
            ["申请号", "标题", "申请日", "授权日", "期限补偿天数", "共有人"],
            [2021101234567, "一种污水处理装置", datetime(2021, 3, 15), date(2023, 6, 20), 30.0, ""],
            [],
            [
                "200620138175.X",
                "一种夹具",
                "2006-08-01",
                None,
                None,
                "甲公司:50;乙公司:50",
            ],
            ["202110123456.3", "一种装置", None, None, None, None],
        ]
    )
    result = parse_portfolio(data, "portfolio.xlsx")
    error = only_error(result)
    assert (error.row, error.field, error.message) == (
        5, "申请号", "check digit should be 7, not 3 (202110123456.7)"
    )
    first, second = result.records
    assert (first.source_id, first.filing_date, first.grant_date) == (
        "202110123456.7",
        date(2021, 3, 15),
        date(2023, 6, 20),
    )
    assert first.term_adjustment_days == 30
    assert (second.row, second.kind, second.co_owners) == (
        4,
        PatentKind.UTILITY_MODEL,
        (("甲公司", Decimal(50)), ("乙公司", Decimal(50))),
    )


# ---------------------------------------------------------------------------------------------
# JSON Lines
# ---------------------------------------------------------------------------------------------

# Shaped like the shared sets (same keys); the values are our own.
PATSNAP_LIKE: dict[str, object] = {
    "id": "EP0049154B2",
    "title": "In place gas cleaning of diffusion elements",
    "abstract": "",
    "abstract_zh_mt": "",
    "claims": "1. A method of cleaning a diffuser, comprising: injecting gas. "
    "2. The method of claim 1, wherein the gas is 2.5 % HCl.",
    "ipc": ["B08B5/00", "C02F3/20", "H01M/"],
    "ipc_primary": "B08B5/00",
    "cpc": [],
    "upc": [],
    "kind": "B2",
    "app_number": "EP1981304493",
    "app_date": "1981-09-29",
    "pub_date": "1995-02-15",
    "priority_date": "1980-11-04",
    "applicant": ["WATER POLLUTION CONTROL CORPORATION"],
    "inventors": ["SCHMIT, FRANK, L."],
    "cites": [],
    "cited_by": [],
    "family": ["EP0049154A1"],
    "lang": "en",
    "source": "test",
}
GOOGLE_LIKE_US: dict[str, object] = {
    "id": "US5535303",
    "title": "Neuron for a neural network",
    "abstract": "A neuron enhances stability in a neural network system.",
    "claims": "",
    "ipc": [],
    "cpc": [],
    "pub_date": "1996-07-09",
    "priority_date": "",
    "applicant": [],
    "inventors": [],
    "lang": "en",
    "source": "test",
    "queries": ["q1"],
}
GOOGLE_LIKE_CN: dict[str, object] = {
    **GOOGLE_LIKE_US,
    "id": "CN105068661A",
    "title": "Neural network device",
}
CCF_LIKE: dict[str, object] = {
    "id": "538f267d2e6fba48b1286fb7f1499fe7",
    "title": "一种信号的发送方法及基站、用户设备",
    "abstract": "一种信号的发送方法及基站、用户设备。",
    "claims": "1．一种信号的发送方法，包括：配置参考信号。2．根据权利要求1所述的方法。",
    "ipc": [],
    "cpc": [],
    "applicant": ["示例通信技术有限公司"],
    "label": 0,
    "label_source": "gold",
    "lang": "zh",
    "source": "test",
}


def test_jsonl_in_the_shared_shape() -> None:
    data = jsonl_bytes(PATSNAP_LIKE, GOOGLE_LIKE_US, GOOGLE_LIKE_CN, CCF_LIKE)
    result = parse_portfolio(data, "corpus.jsonl")
    assert result.errors == []
    ep, us, cn, ccf = result.records

    assert (ep.source_id, ep.jurisdiction, ep.publication_number, ep.application_number) == (
        "EP0049154B2",
        "EP",
        "EP0049154B2",
        "EP1981304493",
    )
    assert ep.kind is PatentKind.INVENTION
    assert ep.abstract is None
    assert ep.first_claim == "A method of cleaning a diffuser, comprising: injecting gas."
    assert ep.ipc_codes == ("B08B 5/00", "C02F 3/20")
    assert (ep.filing_date, ep.publication_date) == (date(1981, 9, 29), date(1995, 2, 15))
    assert ep.applicants == ("WATER POLLUTION CONTROL CORPORATION",)
    assert (ep.language, ep.row) == ("en", 1)

    assert (us.source_id, us.jurisdiction, us.publication_number, us.kind) == (
        "US5535303",
        "US",
        "US5535303",
        None,
    )
    assert us.first_claim is None

    assert (cn.source_id, cn.jurisdiction, cn.publication_number, cn.kind) == (
        "CN105068661A",
        "CN",
        "CN105068661A",
        PatentKind.INVENTION,
    )

    assert (ccf.source_id, ccf.jurisdiction, ccf.publication_number, ccf.kind) == (
        "538f267d2e6fba48b1286fb7f1499fe7",
        "CN",
        None,
        None,
    )
    assert ccf.first_claim == "一种信号的发送方法，包括：配置参考信号。"
    assert ccf.language == "zh"

    assert sorted((warning.row, warning.field) for warning in result.warnings) == [
        (1, "ipc"),
        (2, "kind"),
        (4, "jurisdiction"),
        (4, "kind"),
    ]
    messages = {(warning.row, warning.field): warning.message for warning in result.warnings}
    assert "code ignored" in messages[1, "ipc"]
    assert "kind unknown" in messages[2, "kind"]
    assert "taken as CN because the language is zh" in messages[4, "jurisdiction"]
    assert all(is_marked(warning.detail) for warning in result.warnings)


def test_jsonl_cn_record_with_application_number_is_fully_checked() -> None:
    line = {**CCF_LIKE, "app_number": "CN202110123456.3", "kind": "A", "ipc": ["H01M/"]}
    result = parse_portfolio(jsonl_bytes(line), "x.ndjson")
    # Without a valid application number the record is not checked in full: the IPC only warns.
    assert [(error.row, error.field) for error in result.errors] == [(1, "app_number")]
    assert [(warning.row, warning.field) for warning in result.warnings] == [(1, "ipc")]

    line = {**line, "app_number": "CN202110123456.7", "app_date": "2020-12-01"}
    result = parse_portfolio(jsonl_bytes(line), "x.json")
    errors = {error.field: error.message for error in result.errors}
    assert sorted(errors) == ["app_date", "ipc"]
    assert errors["app_date"].startswith("application number 202110123456.7 is from 2021")
    assert errors["ipc"].startswith("'H01M/'")


def test_jsonl_kind_names_and_codes() -> None:
    lines = [
        {**CCF_LIKE, "id": "a1", "kind": "utility_model"},
        {**CCF_LIKE, "id": "a2", "kind": "D"},
        {**CCF_LIKE, "id": "a3", "kind": "外观设计"},
        {**GOOGLE_LIKE_US, "id": "US20180012345A1"},
        {**GOOGLE_LIKE_US, "id": "KR20180012345U", "kind": ""},
    ]
    result = parse_portfolio(jsonl_bytes(*lines), "x.jsonl")
    assert result.errors == []
    assert [record.kind for record in result.records] == [
        PatentKind.UTILITY_MODEL,
        PatentKind.DESIGN,
        PatentKind.DESIGN,
        PatentKind.INVENTION,
        PatentKind.UTILITY_MODEL,
    ]


def test_jsonl_row_problems() -> None:
    data = b"\n".join(
        [
            json.dumps(GOOGLE_LIKE_US).encode(),
            b"{not json",
            b"[1, 2]",
            b"",
            json.dumps({**GOOGLE_LIKE_US, "title": ["a list"]}).encode(),
            json.dumps(
                {
                    **GOOGLE_LIKE_US,
                    "id": "US1",
                    "app_date": "2000-01-01",
                    "filing_date": "2000-01-01",
                }
            ).encode(),
            json.dumps({"id": "abc", "title": "No office known", "lang": "en"}).encode(),
            json.dumps(GOOGLE_LIKE_US).encode(),
        ]
    )
    result = parse_portfolio(data, "x.jsonl")
    assert [(error.row, error.field) for error in result.errors] == [
        (2, ""),
        (3, ""),
        (5, "title"),
        (6, ""),
        (7, "jurisdiction"),
        (8, "id"),
    ]
    assert "not valid JSON" in result.errors[0].message
    assert "JSON object" in result.errors[1].message
    assert "expected text, not list" in result.errors[2].message
    assert "both give filing_date" in result.errors[3].message
    assert "jurisdiction unknown" in result.errors[4].message
    assert "already appears in row 1" in result.errors[5].message
    assert all(is_marked(error.detail) for error in result.errors)
    assert [record.row for record in result.records] == [1]


def test_jsonl_line_separator_inside_a_string() -> None:
    line = {**GOOGLE_LIKE_US, "abstract": "first\u2028second"}
    result = parse_portfolio(jsonl_bytes(line), "x.jsonl")
    assert result.errors == []
    assert result.records[0].abstract == "first\u2028second"


# ---------------------------------------------------------------------------------------------
# Files on disk: the documented sample and the shared development sets
# ---------------------------------------------------------------------------------------------


def test_documented_sample_file() -> None:
    path = REPO / "marketplace" / "static" / "sample-portfolio.csv"
    result = parse_portfolio(path.read_bytes(), path.name)
    assert result.errors == [] and result.warnings == []
    assert len(result.records) == 5
    assert {record.kind for record in result.records} == set(PatentKind)


@pytest.mark.parametrize("name", ["patsnap_cs3245_en", "ccf_bdci2022_patent_zh"])
def test_shared_development_sets_import_as_they_are(name: str) -> None:
    path = SHARED_DATA / name / "corpus.jsonl"
    if not path.is_file():
        pytest.skip(f"shared development data not present at {path}")
    data = path.read_bytes()
    result = parse_portfolio(data, path.name)
    assert result.errors == []
    assert len(result.records) == sum(1 for line in data.split(b"\n") if line.strip())


# ---------------------------------------------------------------------------------------------
# Messages: templates marked for translation, values apart, numbers' problems kept whole
# ---------------------------------------------------------------------------------------------


def test_a_row_error_keeps_the_numbers_problem_as_a_message() -> None:
    result = parse_portfolio(
        jsonl_bytes({**GOOGLE_LIKE_US, "id": "CN114123456Q", "jurisdiction": "CN",
                     "app_number": cn_number(2021, 1, 1), "kind": "A"}),
        "x.jsonl",
    )
    assert result.errors == []
    warnings = {warning.field: warning for warning in result.warnings}
    problem = warnings["id"].params["problem"]
    assert isinstance(problem, Message)
    assert problem.template.startswith("%(code)s is not a Chinese kind code")
    assert problem.params == {"code": "Q"}
    assert warnings["id"].message == (
        f"CN114123456Q is not a valid Chinese publication or application number ({problem}); "
        "kept only as the record's identifier"
    )


def test_a_malformed_code_in_a_loose_record_warns_with_the_codes_problem() -> None:
    result = parse_portfolio(jsonl_bytes({**GOOGLE_LIKE_US, "ipc": ["H01M/"]}), "x.jsonl")
    [warning] = [warning for warning in result.warnings if warning.field == "ipc"]
    assert warning.template == "%(problem)s; code ignored"
    problem = warning.params["problem"]
    assert isinstance(problem, Message) and problem.params == {"code": "'H01M/'"}
    assert warning.message.endswith("as in C02F 3/28; code ignored")
    assert is_marked(warning.detail)


def test_a_row_error_from_a_marked_string() -> None:
    error = RowError(3, "application_number", "This patent is held by another organisation.")
    assert error.message == "This patent is held by another organisation."
    assert error.detail == Message("This patent is held by another organisation.")
    assert (error.template, error.params) == (error.message, {})


def test_row_errors_convert_to_json() -> None:
    # The CLI writes its report with dataclasses.asdict and json.dumps.
    result = parse_portfolio(jsonl_bytes({**GOOGLE_LIKE_US, "ipc": ["H01M/"]}), "x.jsonl")
    [warning] = [warning for warning in result.warnings if warning.field == "ipc"]
    row = json.loads(json.dumps(asdict(warning)))
    assert (row["row"], row["field"], row["message"]) == (1, "ipc", warning.message)
    assert row["detail"]["template"] == "%(problem)s; code ignored"
    assert row["detail"]["params"]["problem"]["params"] == {"code": "'H01M/'"}
