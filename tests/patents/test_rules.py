"""Pure tests of the patent number and classification rules (DOMAIN §10, D19)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_file

from marketplace.errors import Message
from marketplace.fees.rules import PatentKind
from marketplace.patents import rules
from marketplace.patents.rules import (
    FOREIGN_NUMBER_MAX_LENGTH,
    IpcCode,
    NumberError,
    application_check_char,
    cross_check,
    cross_check_by_field,
    jurisdiction_from_identifier,
    normalise_ipc,
    normalise_locarno,
    parse_cn_application_number,
    parse_cn_patent_number,
    parse_cn_publication_number,
    parse_foreign_number,
)

INVENTION = PatentKind.INVENTION
UTILITY_MODEL = PatentKind.UTILITY_MODEL
DESIGN = PatentKind.DESIGN

# ---------------------------------------------------------------------------------------------
# Application numbers
# ---------------------------------------------------------------------------------------------


def test_check_digit_by_hand() -> None:
    # R10.2 on 202110123456: weights 2,3,4,5,6,7,8,9,2,3,4,5.
    total = 2 * 2 + 0 * 3 + 2 * 4 + 1 * 5 + 1 * 6 + 0 * 7 + 1 * 8 + 2 * 9 + 3 * 2 + 4 * 3 + 5 * 4
    total += 6 * 5
    assert total == 117
    assert total % 11 == 7
    assert application_check_char("202110123456") == "7"
    # R10.3's worked example: 95115608 sums to 186, and 186 mod 11 = 10, written X.
    assert 9 * 2 + 5 * 3 + 1 * 4 + 1 * 5 + 5 * 6 + 6 * 7 + 0 * 8 + 8 * 9 == 186
    assert application_check_char("95115608") == "X"


@pytest.mark.parametrize("digits", ["2021101234", "20211012345a", ""])
def test_check_digit_needs_8_or_12_digits(digits: str) -> None:
    with pytest.raises(NumberError):
        application_check_char(digits)


@pytest.mark.parametrize(
    ("raw", "year", "kind"),
    [
        # R10.2: verified on real numbers from independent pages.
        ("200610080778.3", 2006, INVENTION),
        ("200620138175.X", 2006, UTILITY_MODEL),
        ("200630120144.7", 2006, DESIGN),
        ("201310699744.2", 2013, INVENTION),
        ("200510113767.6", 2005, INVENTION),
        ("200710308494.X", 2007, INVENTION),
        ("202110123456.7", 2021, INVENTION),
    ],
)
def test_twelve_digit_numbers_verified_in_the_domain(raw: str, year: int, kind: PatentKind) -> None:
    number = parse_cn_application_number(raw)
    assert number.normalised == raw
    assert (number.year, number.kind, number.check) == (year, kind, raw[-1])
    assert number.serial == raw[5:12]
    assert number.kind_digit == int(raw[4])
    assert not number.is_old_form
    assert number.warnings == ()
    assert number.patent_number == f"ZL{raw}"


@pytest.mark.parametrize(
    "raw",
    [
        "202110123456.7",
        "CN202110123456.7",
        "CN 202110123456.7",
        "ZL202110123456.7",
        "ZL 202110123456.7",
        "CN ZL202110123456.7",
        "CN 2021 1 0123456.7",
        "2021 10123456.7",
        "20211 0123456.7",
        "2021101234567",
        "cn202110123456.7",
        "  202110123456.7 ",
        "ＣＮ２０２１１０１２３４５６．７",  # full-width, as typed with a Chinese IME
    ],
)
def test_prefix_and_space_variants(raw: str) -> None:
    assert parse_cn_application_number(raw).normalised == "202110123456.7"


def test_lower_case_x_check() -> None:
    assert parse_cn_application_number("200620138175.x").normalised == "200620138175.X"


@pytest.mark.parametrize(
    ("digit", "kind", "is_pct"),
    [
        ("1", INVENTION, False),
        ("8", INVENTION, True),
        ("2", UTILITY_MODEL, False),
        ("9", UTILITY_MODEL, True),
        ("3", DESIGN, False),
    ],
)
def test_kind_digits(digit: str, kind: PatentKind, is_pct: bool) -> None:
    digits = f"2020{digit}0012345"
    number = parse_cn_application_number(f"{digits}.{application_check_char(digits)}")
    assert (number.kind, number.is_pct) == (kind, is_pct)


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("202110123456.3", "check digit should be 7, not 3"),
        ("CN202110123456.X", "check digit should be 7, not X"),
        ("202110123456", "check digit missing in 202110123456: it should be 7"),
        ("202110123456.", "it should be 7"),
        ("202140123456.1", "kind digit 4"),
        ("202160123456.1", "kind digit 6"),
        ("CN 2021 1 0123456 .7", "no spaces are allowed around the dot"),
        ("CN 2021 1 0123456. 7", "no spaces are allowed around the dot"),
        ("2021  10123456.7", "only single spaces"),
        ("20 21101234567", "spaces are misplaced"),
        ("202110 123456.7", "spaces are misplaced"),
        ("2021A0123456.7", "unexpected character 'A'"),
        ("2021-1-0123456.7", "unexpected character '-'"),
        ("20211012345X6.7", "X can only be the check character"),
        ("2021101234.5", "has 10 digits before the dot"),
        ("202110123456.77", "only one check character"),
        ("2021101234", "has 10 digits: expected 12"),
        ("20211012345678.9", "has 14 digits before the dot"),
        ("199910123456.5", "predates the 12-digit form"),
        ("202110000000.0", "serial 0000000"),
        ("", "no digits"),
        ("CN", "no digits"),
        ("04100001.1", "8-digit form was used for filings from 1985 to 2003"),
        ("84100001.1", "8-digit form"),
    ],
)
def test_application_number_errors_name_the_part(raw: str, message: str) -> None:
    with pytest.raises(NumberError, match=message):
        parse_cn_application_number(raw)


def test_wrong_check_message_gives_the_corrected_number() -> None:
    with pytest.raises(NumberError) as caught:
        parse_cn_application_number("202110123456.3")
    assert str(caught.value) == "check digit should be 7, not 3 (202110123456.7)"


@pytest.mark.parametrize(
    ("raw", "year", "kind"),
    [
        # R10.3: verified old-form numbers.
        ("95115608.X", 1995, INVENTION),
        ("97101765.4", 1997, INVENTION),
        ("90101673.X", 1990, INVENTION),
        ("00814037.5", 2000, INVENTION),
        ("01800565.9", 2001, INVENTION),
    ],
)
def test_old_form_numbers(raw: str, year: int, kind: PatentKind) -> None:
    number = parse_cn_application_number(raw)
    assert number.is_old_form
    assert (number.normalised, number.year, number.kind, number.warnings) == (raw, year, kind, ())


def test_old_form_variants() -> None:
    assert parse_cn_application_number("CN 95115608X").normalised == "95115608.X"
    assert parse_cn_application_number("ZL95115608.x").normalised == "95115608.X"


@pytest.mark.parametrize(("raw", "expected"), [("89103229.2", "0"), ("98103200.0", "1")])
def test_old_form_check_failure_only_warns(raw: str, expected: str) -> None:
    # R10.3: both are published numbers that fail the check; they are kept as written.
    number = parse_cn_application_number(raw)
    assert number.normalised == raw
    assert number.check == raw[-1]
    assert len(number.warnings) == 1
    assert f"should be {expected}" in str(number.warnings[0])
    assert number.warnings[0].params == {"number": raw, "expected": expected}


def test_old_form_without_check_warns() -> None:
    number = parse_cn_application_number("85100001")
    assert (number.normalised, number.check, number.year) == ("85100001", None, 1985)
    assert "no check character" in str(number.warnings[0])


@pytest.mark.parametrize("raw", ["ZL202110123456.7", "ZL 202110123456.7", "202110123456.7"])
def test_patent_number(raw: str) -> None:
    patent = parse_cn_patent_number(raw)
    assert patent.normalised == "ZL202110123456.7"
    assert patent.application.normalised == "202110123456.7"


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("CN202110123456.7", "starts with ZL, not CN"),
        ("ZL202110123456.3", "check digit should be 7, not 3"),
    ],
)
def test_patent_number_errors(raw: str, message: str) -> None:
    with pytest.raises(NumberError, match=message):
        parse_cn_patent_number(raw)


# ---------------------------------------------------------------------------------------------
# Publication numbers
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "normalised", "code", "kind", "legacy"),
    [
        ("CN114123456A", "CN114123456A", "A", INVENTION, False),
        ("CN114123456B", "CN114123456B", "B", INVENTION, False),
        ("CN214123456U", "CN214123456U", "U", UTILITY_MODEL, False),
        ("CN306123456S", "CN306123456S", "S", DESIGN, False),
        ("CN114123456A8", "CN114123456A8", "A8", INVENTION, False),
        ("CN114123456A9", "CN114123456A9", "A9", INVENTION, False),
        ("CN114123456C3", "CN114123456C3", "C3", INVENTION, False),
        ("CN214123456U9", "CN214123456U9", "U9", UTILITY_MODEL, False),
        ("CN214123456Y7", "CN214123456Y7", "Y7", UTILITY_MODEL, False),
        ("CN306123456S9", "CN306123456S9", "S9", DESIGN, False),
        ("CN306123456S1", "CN306123456S1", "S1", DESIGN, False),
        ("CN 114123456 A", "CN114123456A", "A", INVENTION, False),
        ("cn114123456a", "CN114123456A", "A", INVENTION, False),
        ("114123456B", "CN114123456B", "B", INVENTION, False),
        # R10.7 legacy forms.
        ("CN1030001A", "CN1030001A", "A", INVENTION, True),
        ("CN1003001B", "CN1003001B", "B", INVENTION, True),
        ("CN2030001U", "CN2030001U", "U", UTILITY_MODEL, True),
        ("CN3003001S", "CN3003001S", "S", DESIGN, True),
        ("CN101073837A", "CN101073837A", "A", INVENTION, False),
        ("CN100999999C", "CN100999999C", "C", INVENTION, True),
        ("CN200954548Y", "CN200954548Y", "Y", UTILITY_MODEL, True),
        ("CN3640825D", "CN3640825D", "D", DESIGN, True),
    ],
)
def test_publication_numbers(
    raw: str, normalised: str, code: str, kind: PatentKind, legacy: bool
) -> None:
    number = parse_cn_publication_number(raw)
    assert (number.normalised, number.kind_code, number.kind, number.is_legacy) == (
        normalised,
        code,
        kind,
        legacy,
    )


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("CN114123456U", "kind code U marks a utility model, but 114123456 starts with 1"),
        ("CN214123456A", "kind code A marks an invention, but 214123456 starts with 2"),
        ("CN314123456B", "starts with 3, which marks a design"),
        ("CN214123456S", "kind code S marks a design"),
        ("CN114123456B2", "B2 is not a Chinese kind code"),
        ("CN114123456C8", "C8 is not a Chinese kind code"),
        ("CN114123456E", "E is not a Chinese kind code"),
        ("CN414123456A", "starts with 4"),
        ("CN11412345A", "has 8 digits"),
        ("CN1141234567A", "has 10 digits"),
        ("CN114123456", "kind code missing"),
        ("EP0049154B2", "not a Chinese publication number"),
        ("CN114-123456A", "not a Chinese publication number"),
    ],
)
def test_publication_number_errors(raw: str, message: str) -> None:
    with pytest.raises(NumberError, match=message):
        parse_cn_publication_number(raw)


# ---------------------------------------------------------------------------------------------
# Cross-checks
# ---------------------------------------------------------------------------------------------

APP_INVENTION = parse_cn_application_number("202110123456.7")
APP_UTILITY = parse_cn_application_number("200620138175.X")
APP_PCT = parse_cn_application_number(f"202080012345.{application_check_char('202080012345')}")
PUB_A = parse_cn_publication_number("CN114123456A")
PUB_U = parse_cn_publication_number("CN214123456U")


def test_cross_check_consistent() -> None:
    assert cross_check(INVENTION, date(2021, 3, 15), APP_INVENTION, PUB_A) == []
    assert cross_check(None, None, None, None) == []
    assert cross_check(None, date(2021, 3, 15), APP_INVENTION, PUB_A) == []


def test_cross_check_kind_digit_against_type() -> None:
    problems = cross_check(UTILITY_MODEL, None, APP_INVENTION, None)
    assert [str(problem) for problem in problems] == [
        "application number 202110123456.7 has kind digit 1, an invention, "
        "but the patent type is utility model"
    ]


def test_cross_check_year_against_filing_date() -> None:
    assert [str(p) for p in cross_check(None, date(2020, 12, 31), APP_INVENTION, None)] == [
        "application number 202110123456.7 is from 2021, but the filing date is 2020-12-31"
    ]


def test_cross_check_year_of_old_form() -> None:
    old = parse_cn_application_number("95115608.X")
    assert cross_check(INVENTION, date(1995, 10, 1), old, None) == []
    assert len(cross_check(INVENTION, date(1996, 1, 1), old, None)) == 1


@pytest.mark.parametrize(
    ("filing_date", "problems"),
    [(date(2019, 11, 20), 0), (date(2020, 1, 10), 0), (date(2021, 1, 10), 1)],
)
def test_pct_national_phase_year_may_be_later(filing_date: date, problems: int) -> None:
    # Kind digit 8: numbered on entering China; the filing date is the international one.
    assert len(cross_check(INVENTION, filing_date, APP_PCT, None)) == problems


def test_cross_check_publication_kind_against_type() -> None:
    assert [str(p) for p in cross_check(INVENTION, None, None, PUB_U)] == [
        "kind code U of CN214123456U marks a utility model, but the patent type is invention"
    ]


def test_cross_check_publication_against_application_without_type() -> None:
    assert [str(p) for p in cross_check(None, None, APP_UTILITY, PUB_A)] == [
        "kind code A of CN114123456A marks an invention, but application number "
        "200620138175.X is a utility model"
    ]


def test_cross_check_by_field_names_the_subjects() -> None:
    subjects = [
        subject
        for subject, _ in cross_check_by_field(DESIGN, date(2020, 1, 1), APP_INVENTION, PUB_U)
    ]
    assert subjects == ["kind", "filing_date", "publication_number"]


# ---------------------------------------------------------------------------------------------
# Other offices
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("jurisdiction", "raw", "normalised"),
    [
        ("EP", "EP0049154B2", "EP0049154B2"),
        ("EP", "EP 0049154 B2", "EP0049154B2"),
        ("ep", " ep0049154b2 ", "EP0049154B2"),
        ("US", "5535303", "US5535303"),
        ("US", "5,535,303", "US5535303"),
        ("US", "US 5,535,303 B1", "US5535303B1"),
        ("US", "USD0123456", "USD0123456"),
        ("US", "US09/123456", "US09/123456"),
        ("WO", "PCT/JP2003/012345", "PCT/JP2003/012345"),
        ("WO", "WO2019123456A1", "WO2019123456A1"),
        ("JP", "2003-123456", "JP2003-123456"),
        ("DE", "DE3176257D1", "DE3176257D1"),
    ],
)
def test_foreign_numbers(jurisdiction: str, raw: str, normalised: str) -> None:
    number = parse_foreign_number(jurisdiction, raw)
    assert (number.jurisdiction, number.normalised) == (jurisdiction.upper(), normalised)


@pytest.mark.parametrize(
    ("jurisdiction", "raw", "message"),
    [
        ("USA", "5535303", "not a two-letter office code"),
        ("U1", "5535303", "not a two-letter office code"),
        ("CN", "CN114123456A", "CN rules"),
        ("US", "   ", "empty"),
        ("US", "ABC", "has no digits"),
        ("US", "5535303#", "only letters, digits and the separators"),
        ("US", "/5535303", "only letters, digits and the separators"),
        ("US", "5535303-", "only letters, digits and the separators"),
        ("EP", "US5535303", "is a US number, not a EP one"),
        ("US", "1" * FOREIGN_NUMBER_MAX_LENGTH, "longer than 32"),
    ],
)
def test_foreign_number_errors(jurisdiction: str, raw: str, message: str) -> None:
    with pytest.raises(NumberError, match=message):
        parse_foreign_number(jurisdiction, raw)


@pytest.mark.parametrize(
    ("identifier", "jurisdiction"),
    [
        ("EP0049154B2", "EP"),
        ("US5535303", "US"),
        ("CN114123456A", "CN"),
        ("ZL202110123456.7", "CN"),
        ("WO2019123456A1", "WO"),
        ("USD0123456", "US"),
        ("USRE45678", "US"),
        ("JPH05123456", "JP"),
        ("KR20180012345A", "KR"),
        ("538f267d2e6fba48b1286fb7f1499fe7", None),
        ("PCT/US2003/012345", None),
        ("202110123456.7", None),
        ("EP", None),
        ("", None),
    ],
)
def test_jurisdiction_from_identifier(identifier: str, jurisdiction: str | None) -> None:
    assert jurisdiction_from_identifier(identifier) == jurisdiction


# ---------------------------------------------------------------------------------------------
# IPC and Locarno
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("C02F 3/28", IpcCode("C", "02", "F", "3", "28", "C02F 3/28")),
        ("C02F3/28", IpcCode("C", "02", "F", "3", "28", "C02F 3/28")),
        ("C02F  3/28", IpcCode("C", "02", "F", "3", "28", "C02F 3/28")),
        ("c02f 3/28", IpcCode("C", "02", "F", "3", "28", "C02F 3/28")),
        ("C02F 003/28", IpcCode("C", "02", "F", "3", "28", "C02F 3/28")),
        ("C02F 3/00", IpcCode("C", "02", "F", "3", "00", "C02F 3/00")),
        ("C02F", IpcCode("C", "02", "F", None, None, "C02F")),
        ("H01M10/0525", IpcCode("H", "01", "M", "10", "0525", "H01M 10/0525")),
        ("G06N 3/08 (2006.01)", IpcCode("G", "06", "N", "3", "08", "G06N 3/08")),
        ("B08B5/00", IpcCode("B", "08", "B", "5", "00", "B08B 5/00")),
    ],
)
def test_ipc_forms(raw: str, expected: IpcCode) -> None:
    assert normalise_ipc(raw) == expected


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("", "empty"),
        ("nonsense", "does not start with an IPC subclass"),
        ("I02F 3/28", "does not start with an IPC subclass"),
        ("C2F 3/28", "does not start with an IPC subclass"),
        ("C02", "does not start with an IPC subclass"),
        ("H01M/", "expect a main group, a slash and a subgroup"),
        ("C02F 3/", "expect a main group"),
        ("C02F/28", "expect a main group"),
        ("C02F 3/2", "subgroup of at least two digits"),
        ("C02F 12345/00", "expect a main group"),
        ("C02F 3-28", "expect a main group"),
        ("C00F 3/28", "class 00"),
        ("C02F 0/28", "main group 0"),
    ],
)
def test_ipc_errors(raw: str, message: str) -> None:
    with pytest.raises(NumberError, match=message):
        normalise_ipc(raw)


@pytest.mark.parametrize(
    ("raw", "text"),
    [
        ("12-08", "12-08"),
        ("12.08", "12-08"),
        ("1208", "12-08"),
        ("12 - 08", "12-08"),
        ("2-01", "02-01"),
        ("LOC (13) Cl. 12-08", "12-08"),
        ("32-00", "32-00"),
        ("99-00", "99-00"),
    ],
)
def test_locarno_forms(raw: str, text: str) -> None:
    code = normalise_locarno(raw)
    assert code.text == text
    assert (code.klass, code.subclass) == (int(text[:2]), int(text[3:]))


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("33-01", "class 33 does not exist"),
        ("00-01", "class 00 does not exist"),
        ("12-8", "not a Locarno class"),
        ("128", "not a Locarno class"),
        ("C02F 3/28", "not a Locarno class"),
        ("", "not a Locarno class"),
    ],
)
def test_locarno_errors(raw: str, message: str) -> None:
    with pytest.raises(NumberError, match=message):
        normalise_locarno(raw)


# ---------------------------------------------------------------------------------------------
# Messages: every problem is a template marked for translation, with its values apart
# ---------------------------------------------------------------------------------------------

MARKED = {
    message
    for _, message, _, _ in extract_from_file(
        "python", str(Path(rules.__file__)), keywords={"N_": None}
    )
}


def templates(message: Message) -> Iterator[str]:
    """The message's template and those of the messages among its values."""
    yield message.template
    for value in message.params.values():
        if isinstance(value, Message):
            yield from templates(value)


def raised(parse: Callable[[str], object], raw: str) -> NumberError:
    with pytest.raises(NumberError) as caught:
        parse(raw)
    return caught.value


def us_number(raw: str) -> object:
    return parse_foreign_number("US", raw)


def cn_as_foreign(raw: str) -> object:
    return parse_foreign_number("CN", raw)


def foreign_office(raw: str) -> object:
    return parse_foreign_number(raw, "5535303")


#: One bad input for each problem the rules name.
BAD_INPUTS: list[tuple[Callable[[str], object], str]] = [
    (application_check_char, "123"),
    *(
        (parse_cn_application_number, raw)
        for raw in [
            "",
            "2021101234#56.7",
            "202110123456 .7",
            "2021  10123456.7",
            "20X110123456.7",
            "202110123456.77",
            "202 110123456.7",
            "20211012345",
            "20211012345.6",
            "202150123456.1",
            "199910123456.5",
            "202110000000.0",
            "202110123456",
            "202110123456.3",
            "04100001.1",
        ]
    ),
    (parse_cn_patent_number, "CN202110123456.7"),
    *(
        (parse_cn_publication_number, raw)
        for raw in ["CN-1", "CN11412345A", "CN114123456", "CN114123456Q", "CN414123456A",
                    "CN114123456U"]
    ),
    (foreign_office, "USA"),
    (cn_as_foreign, "5535303"),
    *((us_number, raw) for raw in [" , ", "55_35", "ABC", "EP0049154B2", "1" * 40]),
    *((normalise_ipc, raw) for raw in ["", "C2F", "C02F 3", "C00F", "C02F 0/28"]),
    *((normalise_locarno, raw) for raw in ["12/08", "33-01"]),
]


@pytest.mark.parametrize(
    ("parse", "raw"), BAD_INPUTS, ids=[f"{parse.__name__}-{raw}" for parse, raw in BAD_INPUTS]
)
def test_every_number_error_is_a_marked_template(parse: Callable[[str], object], raw: str) -> None:
    error = raised(parse, raw)
    assert set(templates(error.detail)) <= MARKED, error.detail
    assert str(error) == str(error.detail) == error.detail.render()


def test_each_bad_input_has_its_own_problem() -> None:
    details = [raised(parse, raw).detail.template for parse, raw in BAD_INPUTS]
    assert len(set(details)) == len(details)


def test_number_error_keeps_the_values_apart_from_the_template() -> None:
    error = raised(parse_cn_application_number, "202110123456.3")
    assert error.detail == Message(
        "check digit should be %(expected)s, not %(found)s (%(digits)s.%(expected)s)",
        {"expected": "7", "found": "3", "digits": "202110123456"},
    )


def test_a_message_is_translated_with_the_messages_among_its_values() -> None:
    zh = {
        "kind code %(code)s marks %(kind)s, but %(digits)s starts with %(digit)s, which marks "
        "%(digit_kind)s": "种类代码 %(code)s 表示%(kind)s，但 %(digits)s 以 %(digit)s 开头，"
        "表示%(digit_kind)s",
        "an invention": "发明",
        "a utility model": "实用新型",
    }
    error = raised(parse_cn_publication_number, "CN114123456U")
    assert error.detail.render(lambda text: zh.get(text, text)) == (
        "种类代码 U 表示实用新型，但 114123456 以 1 开头，表示发明"
    )
    assert str(error) == (
        "kind code U marks a utility model, but 114123456 starts with 1, which marks an invention"
    )


def test_cross_check_problems_are_messages_naming_the_types_as_messages() -> None:
    [problem] = cross_check(UTILITY_MODEL, None, APP_INVENTION, None)
    assert set(templates(problem)) <= MARKED
    assert problem.params["digit_kind"] == Message("an invention")
    assert problem.params["kind"] == Message("utility model")
    for _, message in cross_check_by_field(DESIGN, date(2020, 1, 1), APP_INVENTION, PUB_U):
        assert set(templates(message)) <= MARKED


def test_a_translation_that_does_not_format_falls_back_to_english() -> None:
    message = Message("check digit should be %(expected)s", {"expected": "7"})
    assert message.render(lambda text: "校验位应为 %(missing)s") == "check digit should be 7"
    assert message.render(lambda text: "校验位应为 %(expected)s") == "校验位应为 7"
    # A template without values is not formatted, as gettext does not format it either.
    assert Message("100% sure").render(lambda text: text) == "100% sure"
