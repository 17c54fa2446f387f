"""Pure rules for patent identifiers and classification codes (DOMAIN §10, D19).

Everything here works on plain strings and dates: no Flask, no database.

* Chinese application numbers (申请号): the 12-digit form with its check character (R10.1,
  R10.2) and the pre-2003 8-digit form, whose check failures only warn (R10.3).
* Chinese patent numbers (专利号): ``ZL`` + the application number (R10.4).
* Chinese publication and announcement numbers (公布号 / 授权公告号) with their kind codes
  (R10.5–R10.7).
* Cross-checks between patent type, filing date, application number and publication number
  (§10.3, "Validation regexes").
* Other offices' numbers, checked loosely: they share no check-digit scheme.
* IPC symbols (``C02F 3/28``) and Locarno classes of designs (``12-08``).

Problems are `Message` objects (`NumberError.detail`, ``ApplicationNumber.warnings``, what the
cross-checks return): English templates marked with `N_` and their values, translated by the web
layer; ``str()`` gives the English text.

Jurisdictions are plain two-letter strings ("CN", "US", "EP", "WO", ...), not an enum: imports
meet codes from every patent office. Patent terms and expiry belong to ``marketplace.fees.rules``
(D18).
"""

from __future__ import annotations

import enum
import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from marketplace.errors import N_, Message, MessageError
from marketplace.fees.rules import PatentKind

__all__ = [
    "FOREIGN_NUMBER_MAX_LENGTH",
    "ApplicationNumber",
    "EvaluationConclusion",
    "ForeignNumber",
    "IpcCode",
    "LegalStatus",
    "LocarnoCode",
    "NumberError",
    "PatentKind",
    "PatentNumber",
    "PublicationNumber",
    "application_check_char",
    "cross_check",
    "cross_check_by_field",
    "jurisdiction_from_identifier",
    "normalise_ipc",
    "normalise_locarno",
    "parse_cn_application_number",
    "parse_cn_patent_number",
    "parse_cn_publication_number",
    "parse_foreign_number",
]


class LegalStatus(enum.StrEnum):
    """Where a patent stands in the register."""

    PENDING = "pending"
    IN_FORCE = "in_force"
    LAPSED = "lapsed"
    EXPIRED = "expired"
    INVALIDATED = "invalidated"
    SURRENDERED = "surrendered"


class EvaluationConclusion(enum.StrEnum):
    """Conclusion of a patent right evaluation report (专利权评价报告, R1.3, D4)."""

    FAVOURABLE = "favourable"
    UNFAVOURABLE = "unfavourable"


class NumberError(MessageError):
    """A number or classification code that breaks its format; the message names the part.

    ``detail`` is the translatable `Message`; ``str(error)`` its English text.
    """


_KIND_BY_DIGIT: dict[str, PatentKind] = {
    "1": PatentKind.INVENTION,
    "8": PatentKind.INVENTION,  # PCT national phase (R10.1)
    "2": PatentKind.UTILITY_MODEL,
    "9": PatentKind.UTILITY_MODEL,  # PCT national phase (R10.1)
    "3": PatentKind.DESIGN,
}
_KIND_NAMES: dict[PatentKind, Message] = {
    PatentKind.INVENTION: Message(N_("invention")),
    PatentKind.UTILITY_MODEL: Message(N_("utility model")),
    PatentKind.DESIGN: Message(N_("design")),
}
_A_KIND: dict[PatentKind, Message] = {
    PatentKind.INVENTION: Message(N_("an invention")),
    PatentKind.UTILITY_MODEL: Message(N_("a utility model")),
    PatentKind.DESIGN: Message(N_("a design")),
}


def _clean(raw: str) -> str:
    """Fold full-width characters to ASCII (NFKC), trim and upper-case."""
    return unicodedata.normalize("NFKC", raw).strip().upper()


# -------------------------------------------------------------------------------------------------
# Application numbers (R10.1–R10.3) and patent numbers (R10.4)
# -------------------------------------------------------------------------------------------------

_CHECK_WEIGHTS = (2, 3, 4, 5, 6, 7, 8, 9)
_PREFIX = re.compile(r"(?:CN ?)?(ZL ?)?")
_APP_NEW = re.compile(r"(\d{4}) ?(\d) ?(\d{7})(?:\.?([0-9X]))?")
_APP_OLD = re.compile(r"(\d{2})(\d)(\d{5})(?:\.?([0-9X]))?")
_FIRST_BAD_CHAR = re.compile(r"[^0-9X. ]")
_NEW_FORM_FROM_YEAR = 2003
_OLD_FORM_FIRST_YEAR = 1985
_OLD_FORM_LAST_YEAR = 2003


def application_check_char(digits: str) -> str:
    """Check character of a 12-digit (R10.2) or 8-digit (R10.3) application number.

    Weights 2, 3, ..., 9, then 2, 3, 4, 5 run left to right; the weighted sum mod 11 is the
    check, 10 written ``X``.
    """
    if not digits.isdigit() or len(digits) not in (8, 12):
        raise NumberError(
            Message(N_("expected 8 or 12 digits, got %(digits)s"), {"digits": repr(digits)})
        )
    remainder = sum(int(d) * _CHECK_WEIGHTS[i % 8] for i, d in enumerate(digits)) % 11
    return "X" if remainder == 10 else str(remainder)


@dataclass(frozen=True, slots=True)
class ApplicationNumber:
    """A parsed Chinese application number.

    ``year`` is the four-digit filing year (old-form ``95`` is 1995); ``serial`` keeps its
    leading zeros; ``check`` is ``None`` only for an old-form number written without one.
    ``normalised`` is the canonical text without country code: ``202110123456.7`` or
    ``95115608.X``.
    """

    year: int
    kind_digit: int
    serial: str
    check: str | None
    normalised: str
    kind: PatentKind
    is_old_form: bool
    warnings: tuple[Message, ...] = ()

    @property
    def is_pct(self) -> bool:
        """A PCT application in the Chinese national phase (kind digit 8 or 9, R10.1)."""
        return self.kind_digit in (8, 9)

    @property
    def patent_number(self) -> str:
        """The number of the patent granted on this application: ``ZL`` + it (R10.4)."""
        return f"ZL{self.normalised}"


@dataclass(frozen=True, slots=True)
class PatentNumber:
    """A Chinese patent number (R10.4); ``normalised`` is ``ZL202110123456.7``."""

    application: ApplicationNumber
    normalised: str


def _kind_from_digit(digit: str, text: str) -> PatentKind:
    try:
        return _KIND_BY_DIGIT[digit]
    except KeyError:
        raise NumberError(
            Message(
                N_(
                    "kind digit %(digit)s in %(number)s is not a patent type: use 1 or 8 "
                    "(invention), 2 or 9 (utility model) or 3 (design)"
                ),
                {"digit": digit, "number": text},
            )
        ) from None


def _diagnose_application(text: str, body: str) -> NumberError:
    """Why ``body`` (``text`` minus its CN/ZL prefix) fits neither form (R10.1, R10.3)."""
    number = {"number": text}
    if not body:
        return NumberError(
            Message(N_("%(number)s has no digits after its prefix"), {"number": repr(text)})
        )
    bad = _FIRST_BAD_CHAR.search(body)
    if bad:
        return NumberError(
            Message(
                N_("unexpected character %(char)s in %(number)s"),
                {"char": repr(bad.group()), **number},
            )
        )
    if " ." in body or ". " in body:
        return NumberError(
            Message(N_("no spaces are allowed around the dot in %(number)s"), number)
        )
    if "  " in body:
        return NumberError(Message(N_("only single spaces are allowed in %(number)s"), number))
    if "X" in body.rstrip("X") or body.count("X") > 1:
        return NumberError(
            Message(N_("X can only be the check character, at the end of %(number)s"), number)
        )
    head, dot, tail = body.partition(".")
    digits = head.replace(" ", "")
    if len(tail) > 1 or "." in tail:
        return NumberError(
            Message(N_("only one check character may follow the dot in %(number)s"), number)
        )
    if len(digits) in (8, 12) or (not dot and len(digits) in (9, 13)):
        return NumberError(
            Message(
                N_(
                    "spaces are misplaced in %(number)s: one space at most between year and "
                    "kind digit and between kind digit and serial"
                ),
                number,
            )
        )
    if dot:
        template = N_(
            "%(number)s has %(count)s digits before the dot: expected 12 digits and a check "
            "character (202110123456.7) or, before October 2003, 8 digits and a check "
            "character (95115608.X)"
        )
    else:
        template = N_(
            "%(number)s has %(count)s digits: expected 12 digits and a check character "
            "(202110123456.7) or, before October 2003, 8 digits and a check character "
            "(95115608.X)"
        )
    return NumberError(Message(template, {**number, "count": len(digits)}))


def _parse_application(raw: str) -> tuple[ApplicationNumber, bool]:
    """Parse an application number; also tell whether it carried the ``ZL`` prefix."""
    text = _clean(raw)
    prefix = _PREFIX.match(text)
    assert prefix is not None  # the pattern matches the empty string
    body = text[prefix.end() :].removesuffix(".")  # a dot with no check character after it
    has_zl = prefix.group(1) is not None
    new = _APP_NEW.fullmatch(body)
    if new:
        return _new_form(text, *new.groups()), has_zl
    old = _APP_OLD.fullmatch(body)
    if old:
        return _old_form(text, *old.groups()), has_zl
    raise _diagnose_application(text, body)


def _new_form(
    text: str, year: str, digit: str, serial: str, check: str | None
) -> ApplicationNumber:
    """R10.1, R10.2: ``YYYY K SSSSSSS . C``; a wrong or missing check character is an error."""
    if int(year) < _NEW_FORM_FROM_YEAR:
        raise NumberError(
            Message(
                N_(
                    "year %(year)s in %(number)s predates the 12-digit form (October 2003): "
                    "older numbers have 8 digits, for example 95115608.X"
                ),
                {"year": year, "number": text},
            )
        )
    kind = _kind_from_digit(digit, text)
    if serial == "0000000":
        raise NumberError(
            Message(
                N_("serial 0000000 in %(number)s is never issued: serials start at 0000001"),
                {"number": text},
            )
        )
    digits = f"{year}{digit}{serial}"
    expected = application_check_char(digits)
    if check is None:
        raise NumberError(
            Message(
                N_(
                    "check digit missing in %(number)s: it should be %(expected)s "
                    "(%(digits)s.%(expected)s)"
                ),
                {"number": text, "expected": expected, "digits": digits},
            )
        )
    if check != expected:
        raise NumberError(
            Message(
                N_("check digit should be %(expected)s, not %(found)s (%(digits)s.%(expected)s)"),
                {"expected": expected, "found": check, "digits": digits},
            )
        )
    return ApplicationNumber(
        year=int(year),
        kind_digit=int(digit),
        serial=serial,
        check=check,
        normalised=f"{digits}.{check}",
        kind=kind,
        is_old_form=False,
    )


def _old_form(
    text: str, year: str, digit: str, serial: str, check: str | None
) -> ApplicationNumber:
    """R10.3: ``YY K SSSSS . C``; check problems only warn, as some published numbers fail."""
    full_year = (1900 if int(year) >= _OLD_FORM_FIRST_YEAR % 100 else 2000) + int(year)
    if not _OLD_FORM_FIRST_YEAR <= full_year <= _OLD_FORM_LAST_YEAR:
        raise NumberError(
            Message(
                N_(
                    "year %(year)s in %(number)s: the 8-digit form was used for filings from "
                    "%(first)s to %(last)s"
                ),
                {
                    "year": year,
                    "number": text,
                    "first": _OLD_FORM_FIRST_YEAR,
                    "last": _OLD_FORM_LAST_YEAR,
                },
            )
        )
    kind = _kind_from_digit(digit, text)
    digits = f"{year}{digit}{serial}"
    expected = application_check_char(digits)
    warnings: list[Message] = []
    if check is None:
        warnings.append(
            Message(
                N_(
                    "%(digits)s has no check character (it would be %(expected)s); numbers "
                    "filed before 1989 may have none"
                ),
                {"digits": digits, "expected": expected},
            )
        )
    elif check != expected:
        warnings.append(
            Message(
                N_(
                    "check digit of old-form number %(number)s should be %(expected)s; kept as "
                    "written, since some published old numbers fail the check"
                ),
                {"number": f"{digits}.{check}", "expected": expected},
            )
        )
    return ApplicationNumber(
        year=full_year,
        kind_digit=int(digit),
        serial=serial,
        check=check,
        normalised=digits if check is None else f"{digits}.{check}",
        kind=kind,
        is_old_form=True,
        warnings=tuple(warnings),
    )


def parse_cn_application_number(raw: str) -> ApplicationNumber:
    """Parse and check a Chinese application number (R10.1–R10.3).

    Accepts an optional ``CN`` and/or ``ZL`` prefix, each optionally followed by one space; one
    space at most between year and kind digit and between kind digit and serial; the dot before
    the check character may be left out. Full-width characters are folded and letters
    upper-cased. Raises `NumberError` naming the wrong part; an old-form check failure is
    returned in ``warnings`` instead (R10.3).
    """
    return _parse_application(raw)[0]


def parse_cn_patent_number(raw: str) -> PatentNumber:
    """Parse a Chinese patent number: ``ZL`` + the application number (R10.4).

    ``ZL`` is optional on input (``202110123456.7`` reads as ``ZL202110123456.7``), but a bare
    ``CN`` prefix marks an application number, not a patent number, and is refused.
    """
    application, has_zl = _parse_application(raw)
    if not has_zl and _clean(raw).startswith("CN"):
        raise NumberError(
            Message(
                N_("a patent number starts with ZL, not CN: %(number)s"),
                {"number": application.patent_number},
            )
        )
    return PatentNumber(application=application, normalised=application.patent_number)


# -------------------------------------------------------------------------------------------------
# Publication numbers (R10.5–R10.7)
# -------------------------------------------------------------------------------------------------

_PUBLICATION = re.compile(r"(?:CN ?)?(\d+) ?([A-Z]\d?)?")
#: Kind codes of ZC 0008-2004 (R10.6) and the legacy bare C, Y and D (R10.7), by patent type.
_PUBLICATION_KINDS: dict[str, PatentKind] = {
    **dict.fromkeys(
        ["A", "A8", "A9", "B", "C", *(f"C{i}" for i in range(1, 8))], PatentKind.INVENTION
    ),
    **dict.fromkeys(
        ["U", "U8", "U9", "Y", *(f"Y{i}" for i in range(1, 8))], PatentKind.UTILITY_MODEL
    ),
    **dict.fromkeys(["S", "S9", "D", *(f"S{i}" for i in range(1, 8))], PatentKind.DESIGN),
}
_LEGACY_KIND_CODES = frozenset({"C", "Y", "D"})
_PUBLICATION_DIGIT_KINDS = {
    "1": PatentKind.INVENTION,
    "2": PatentKind.UTILITY_MODEL,
    "3": PatentKind.DESIGN,
}


@dataclass(frozen=True, slots=True)
class PublicationNumber:
    """A Chinese publication or grant-announcement number; ``normalised`` is ``CN114123456A``.

    ``kind`` is the patent type the kind code marks; ``is_legacy`` flags the pre-2010 forms
    (7 digits, or the bare kind codes C, Y and D, R10.7).
    """

    number: str
    kind_code: str
    kind: PatentKind
    is_legacy: bool
    normalised: str


def parse_cn_publication_number(raw: str) -> PublicationNumber:
    """Parse ``CN`` + 9 (or legacy 7) digits + kind code (R10.5–R10.7).

    ``CN`` and one space before the kind code are optional. The kind code must be one of
    ZC 0008-2004 (R10.6) or a legacy C, Y or D (R10.7), and its letter must agree with the
    first digit: 1 with A, B or C; 2 with U or Y; 3 with S or D. There is no check digit (R10.5).
    """
    text = _clean(raw)
    match = _PUBLICATION.fullmatch(text)
    if not match:
        raise NumberError(
            Message(
                N_(
                    "%(number)s is not a Chinese publication number: expected CN, 9 digits and "
                    "a kind code, for example CN114123456A"
                ),
                {"number": repr(text)},
            )
        )
    number, code = match.groups()
    if len(number) not in (7, 9):
        raise NumberError(
            Message(
                N_("%(number)s has %(count)s digits: expected 9 (or 7 before 2010)"),
                {"number": text, "count": len(number)},
            )
        )
    if code is None:
        raise NumberError(
            Message(
                N_("kind code missing after %(digits)s (for example A, B, U or S)"),
                {"digits": number},
            )
        )
    kind = _PUBLICATION_KINDS.get(code)
    if kind is None:
        raise NumberError(
            Message(
                N_(
                    "%(code)s is not a Chinese kind code: use A, A8, A9, B, C1–C7 (invention), "
                    "U, U8, U9, Y1–Y7 (utility model) or S, S1–S7, S9 (design); before 2010 "
                    "also C, Y and D"
                ),
                {"code": code},
            )
        )
    digit_kind = _PUBLICATION_DIGIT_KINDS.get(number[0])
    if digit_kind is None:
        raise NumberError(
            Message(
                N_(
                    "%(number)s starts with %(digit)s: publication numbers start with 1 "
                    "(invention), 2 (utility model) or 3 (design)"
                ),
                {"number": text, "digit": number[0]},
            )
        )
    if digit_kind is not kind:
        raise NumberError(
            Message(
                N_(
                    "kind code %(code)s marks %(kind)s, but %(digits)s starts with %(digit)s, "
                    "which marks %(digit_kind)s"
                ),
                {
                    "code": code,
                    "kind": _A_KIND[kind],
                    "digits": number,
                    "digit": number[0],
                    "digit_kind": _A_KIND[digit_kind],
                },
            )
        )
    return PublicationNumber(
        number=number,
        kind_code=code,
        kind=kind,
        is_legacy=len(number) == 7 or code in _LEGACY_KIND_CODES,
        normalised=f"CN{number}{code}",
    )


# -------------------------------------------------------------------------------------------------
# Cross-checks (§10.3)
# -------------------------------------------------------------------------------------------------


def cross_check_by_field(
    kind: PatentKind | None,
    filing_date: date | None,
    application: ApplicationNumber | None,
    publication: PublicationNumber | None,
) -> list[tuple[str, Message]]:
    """`cross_check`'s problems, each paired with the input it concerns.

    The subject is ``"kind"``, ``"filing_date"`` or ``"publication_number"``.
    """
    problems: list[tuple[str, Message]] = []
    if application is not None:
        if kind is not None and application.kind is not kind:
            problems.append(
                (
                    "kind",
                    Message(
                        N_(
                            "application number %(number)s has kind digit %(digit)s, "
                            "%(digit_kind)s, but the patent type is %(kind)s"
                        ),
                        {
                            "number": application.normalised,
                            "digit": application.kind_digit,
                            "digit_kind": _A_KIND[application.kind],
                            "kind": _KIND_NAMES[kind],
                        },
                    ),
                )
            )
        if filing_date is not None:
            problem = _year_problem(application, filing_date)
            if problem:
                problems.append(("filing_date", problem))
    if publication is not None:
        marks = {
            "code": publication.kind_code,
            "number": publication.normalised,
            "marks": _A_KIND[publication.kind],
        }
        if kind is not None and publication.kind is not kind:
            problems.append(
                (
                    "publication_number",
                    Message(
                        N_(
                            "kind code %(code)s of %(number)s marks %(marks)s, but the patent "
                            "type is %(kind)s"
                        ),
                        {**marks, "kind": _KIND_NAMES[kind]},
                    ),
                )
            )
        elif kind is None and application is not None and publication.kind is not application.kind:
            problems.append(
                (
                    "publication_number",
                    Message(
                        N_(
                            "kind code %(code)s of %(number)s marks %(marks)s, but application "
                            "number %(application)s is %(application_kind)s"
                        ),
                        {
                            **marks,
                            "application": application.normalised,
                            "application_kind": _A_KIND[application.kind],
                        },
                    ),
                )
            )
    return problems


def _year_problem(application: ApplicationNumber, filing_date: date) -> Message | None:
    """The application number's year is the filing year, except in the PCT national phase.

    A PCT number (kind digit 8 or 9) is given in the year the application enters China, while
    its filing date is the international filing date: its year may be later, never earlier.
    """
    year = application.year
    values = {"number": application.normalised, "year": year, "date": filing_date.isoformat()}
    if application.is_pct:
        if year < filing_date.year:
            return Message(
                N_(
                    "application number %(number)s is from %(year)s, before the filing date "
                    "%(date)s"
                ),
                values,
            )
        return None
    if year != filing_date.year:
        return Message(
            N_("application number %(number)s is from %(year)s, but the filing date is %(date)s"),
            values,
        )
    return None


def cross_check(
    kind: PatentKind | None,
    filing_date: date | None,
    application: ApplicationNumber | None,
    publication: PublicationNumber | None,
) -> list[Message]:
    """Problems between patent type, filing date, application and publication number (§10.3).

    Checks the application's kind digit against the patent type (1/8 invention, 2/9 utility
    model, 3 design), the application's year against the filing date's, and the publication's
    kind code against the patent type (or, without a type, against the application number).
    Inputs given as ``None`` are skipped.
    """
    pairs = cross_check_by_field(kind, filing_date, application, publication)
    return [message for _, message in pairs]


# -------------------------------------------------------------------------------------------------
# Other offices
# -------------------------------------------------------------------------------------------------

FOREIGN_NUMBER_MAX_LENGTH = 32
_JURISDICTION = re.compile(r"[A-Z]{2}")
_FOREIGN_NUMBER = re.compile(r"[A-Z0-9](?:[A-Z0-9/.\-]*[A-Z0-9])?")
_IDENTIFIER_JURISDICTION = re.compile(r"([A-Z]{2})[A-Z]{0,2}\d")
_DROPPED = re.compile(r"[\s,]+")  # whitespace and thousands separators


@dataclass(frozen=True, slots=True)
class ForeignNumber:
    """A number from another office, checked for shape only; ``normalised``: ``EP0049154B2``."""

    jurisdiction: str
    normalised: str


def jurisdiction_from_identifier(identifier: str) -> str | None:
    """The office code an identifier starts with, or ``None``.

    ``EP0049154B2`` gives ``EP``: two capital letters and a digit, optionally with a one- or
    two-letter series code between them (``USD0123456``, ``USRE45678``, ``JPH05123456``). The
    ``ZL`` of a Chinese patent number (R10.4) gives ``CN``. Lower-case identifiers (hashes) and
    ``PCT/...`` numbers give ``None``.
    """
    match = _IDENTIFIER_JURISDICTION.match(identifier.strip())
    if match is None:
        return None
    code = match.group(1)
    return "CN" if code == "ZL" else code


def parse_foreign_number(jurisdiction: str, raw: str) -> ForeignNumber:
    """Check a non-Chinese application, publication or patent number loosely.

    The jurisdiction must be two letters (upper-cased here). The number is letters and digits
    with optional ``/``, ``-`` or ``.`` between them; whitespace and commas (``5,535,303``) are
    removed and letters upper-cased; at most `FOREIGN_NUMBER_MAX_LENGTH` characters. A number
    starting with a digit gets the office code in front (``US`` + ``5535303``); one starting
    with another office's code is refused. Chinese numbers have their own rules
    (`parse_cn_application_number`, `parse_cn_publication_number`) and are refused here.
    """
    code = _clean(jurisdiction)
    if not _JURISDICTION.fullmatch(code):
        raise NumberError(
            Message(
                N_(
                    "jurisdiction %(jurisdiction)s is not a two-letter office code such as US "
                    "or EP"
                ),
                {"jurisdiction": repr(jurisdiction)},
            )
        )
    if code == "CN":
        raise NumberError(N_("Chinese numbers are checked by the CN rules, not the foreign ones"))
    number = _DROPPED.sub("", _clean(raw))
    if not number:
        raise NumberError(N_("the number is empty"))
    if not _FOREIGN_NUMBER.fullmatch(number):
        raise NumberError(
            Message(
                N_(
                    "%(number)s may hold only letters, digits and the separators / - . "
                    "between them"
                ),
                {"number": repr(number)},
            )
        )
    if not any(char.isdigit() for char in number):
        raise NumberError(Message(N_("%(number)s has no digits"), {"number": repr(number)}))
    if number[0].isdigit():
        number = code + number
    else:
        own = jurisdiction_from_identifier(number)
        if own is not None and own != code:
            raise NumberError(
                Message(
                    N_("%(number)s is a %(own)s number, not a %(office)s one"),
                    {"number": number, "own": own, "office": code},
                )
            )
    if len(number) > FOREIGN_NUMBER_MAX_LENGTH:
        raise NumberError(
            Message(
                N_("%(number)s is longer than %(max)s characters"),
                {"number": number, "max": FOREIGN_NUMBER_MAX_LENGTH},
            )
        )
    return ForeignNumber(jurisdiction=code, normalised=number)


# -------------------------------------------------------------------------------------------------
# IPC and Locarno classification
# -------------------------------------------------------------------------------------------------

_IPC = re.compile(
    r"([A-H])(\d{2})([A-Z])"  # section, class, subclass
    r"(?: *(\d{1,4})/(\d{2,6}))?"  # main group / subgroup
    r"(?: *\(\d{4}\.\d{2}\))?"  # an optional version indicator such as (2006.01)
)
_IPC_SUBCLASS = re.compile(r"[A-H]\d{2}[A-Z]")


@dataclass(frozen=True, slots=True)
class IpcCode:
    """An IPC symbol; ``text`` is canonical: ``C02F 3/28``, ``H01M 10/0525`` or ``C02F``."""

    section: str
    klass: str
    subclass: str
    main_group: str | None
    subgroup: str | None
    text: str


def normalise_ipc(raw: str) -> IpcCode:
    """Parse an IPC symbol written with or without space(s) before the main group.

    Accepts ``C02F 3/28``, ``C02F3/28``, ``C02F  3/28``, ``C02F 3/00``, ``C02F 003/28``,
    ``H01M10/0525`` and a bare subclass ``C02F``; a version indicator ``(2006.01)`` is dropped.
    Section A–H, a two-digit class, a subclass letter, a main group of 1–4 digits and a
    subgroup of at least two digits.
    """
    text = _clean(raw)
    match = _IPC.fullmatch(text)
    if match is None:
        raise NumberError(_ipc_problem(text))
    section, klass, subclass, main_group, subgroup = match.groups()
    if klass == "00":
        raise NumberError(Message(N_("class 00 in %(code)s does not exist"), {"code": text}))
    if main_group is None:
        return IpcCode(section, klass, subclass, None, None, f"{section}{klass}{subclass}")
    group = str(int(main_group))
    if group == "0":
        raise NumberError(Message(N_("main group 0 in %(code)s does not exist"), {"code": text}))
    symbol = f"{section}{klass}{subclass} {group}/{subgroup}"
    return IpcCode(section, klass, subclass, group, subgroup, symbol)


def _ipc_problem(text: str) -> Message:
    if not text:
        return Message(N_("the IPC code is empty"))
    if not _IPC_SUBCLASS.match(text):
        return Message(
            N_(
                "%(code)s does not start with an IPC subclass: a section A–H, two digits and a "
                "letter, as in C02F"
            ),
            {"code": repr(text)},
        )
    return Message(
        N_(
            "%(code)s: after the subclass expect a main group, a slash and a subgroup of at "
            "least two digits, as in C02F 3/28"
        ),
        {"code": repr(text)},
    )


_LOCARNO = re.compile(
    r"(?:LOC *\(\d+\) *CL\.? *)?"  # an optional edition prefix: LOC (13) Cl.
    r"(?:(\d{1,2}) *[-.] *(\d{2})|(\d{2})(\d{2}))"
)
_LOCARNO_LAST_CLASS = 32
_LOCARNO_MISC_CLASS = 99


@dataclass(frozen=True, slots=True)
class LocarnoCode:
    """A Locarno class and subclass of a design; ``text`` is ``12-08``."""

    klass: int
    subclass: int
    text: str


def normalise_locarno(raw: str) -> LocarnoCode:
    """Parse a design's Locarno class: ``12-08``, ``12.08``, ``1208``, ``LOC (13) Cl. 12-08``.

    Classes run 01–32, plus 99 (miscellaneous); the subclass has two digits.
    """
    text = _clean(raw)
    match = _LOCARNO.fullmatch(text)
    if match is None:
        raise NumberError(
            Message(
                N_("%(code)s is not a Locarno class: expected class-subclass, as in 12-08"),
                {"code": repr(text)},
            )
        )
    klass, subclass = (int(part) for part in match.groups() if part is not None)
    if not (1 <= klass <= _LOCARNO_LAST_CLASS or klass == _LOCARNO_MISC_CLASS):
        raise NumberError(
            Message(
                N_("Locarno class %(class)s does not exist: classes run 01–32, and 99"),
                {"class": f"{klass:02d}"},
            )
        )
    return LocarnoCode(klass=klass, subclass=subclass, text=f"{klass:02d}-{subclass:02d}")
