"""How values are written for people, in the request's language: one date format per language
(2027年3月1日 / 1 Mar 2027), instants in China time with the zone named, money as people write
it (¥30万 / RMB 300,000), an organisation's name in the page's language.

The templates use these as filters (``date``, ``datetime``, ``money``, ``org_name``); messages
(`marketplace.errors.Message`) get their dates and amounts written the same way (`present`),
or, in the API and the downloads, their amounts exactly (`present_exact`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from decimal import Decimal

from babel.dates import format_date as babel_format_date
from babel.dates import format_datetime as babel_format_datetime
from babel.numbers import format_decimal
from flask_babel import get_locale
from flask_babel import gettext as _

from marketplace.accounts.models import Organisation
from marketplace.calendar import CHINA, legal_date
from marketplace.errors import Amount

#: One date format per language (2027年3月1日 / 1 Mar 2027) and times in China time, zone shown.
DATE_PATTERNS: Mapping[str, str] = {"zh": "y年M月d日", "en": "d MMM y"}
TIME_PATTERNS: Mapping[str, str] = {"zh": "y年M月d日 HH:mm", "en": "d MMM y, HH:mm"}


def _locale() -> str:
    return str(get_locale() or "zh")


def format_day(value: dt.date | str | None) -> str:
    """``{{ day|date }}``: a date as people of the page's language write it; a datetime is
    first turned into China's date, an ISO text read first."""
    if value is None:
        return "—"
    if isinstance(value, str):  # a date kept as ISO text in a snapshot or a message
        value = dt.date.fromisoformat(value)
    if isinstance(value, dt.datetime):
        value = legal_date(value)
    return babel_format_date(value, DATE_PATTERNS[_locale()], locale=_locale())


def format_instant(value: dt.datetime | None) -> str:
    """``{{ moment|datetime }}``: an instant in China time with the zone named."""
    if value is None:
        return "—"
    local = (value if value.tzinfo else value.replace(tzinfo=dt.UTC)).astimezone(CHINA)
    text = babel_format_datetime(local, TIME_PATTERNS[_locale()], locale=_locale())
    return f"{text} {_('China time')}"


def format_money(fen: int | None) -> str:
    """``{{ fen|money }}``: an amount as people write it: ¥30万, ¥4.5万, ¥6,800 in Chinese
    (万 when that is exact to the hundred yuan), RMB 300,000 in English; fen only when there
    are any."""
    if fen is None:
        return "—"
    locale = _locale()
    yuan = Decimal(fen) / 100
    if locale == "zh" and abs(fen) >= 1_000_000 and fen % 10_000 == 0:
        return f"¥{format_decimal(yuan / 10_000, '#,##0.##', locale=locale)}万"
    return _with_currency(format_decimal(yuan, "#,##0.00" if fen % 100 else "#,##0",
                                         locale=locale))


def format_money_exact(fen: int) -> str:
    """An amount to the fen for the API and the downloads: ¥300,000.00 / RMB 300,000.00."""
    return _with_currency(format_decimal(Decimal(fen) / 100, "#,##0.00", locale=_locale()))


def _with_currency(amount: str) -> str:
    return f"¥{amount}" if _locale() == "zh" else f"RMB {amount}"


def sentence_case(text: str) -> str:
    """``{{ label|tmsg|sentence_case }}``: a label that also stands mid-sentence ("Cannot
    accept the case: …") begun with a capital where it starts a button, a line or a cell
    ("Accept the case"); Chinese is unchanged."""
    return text[:1].upper() + text[1:]


def organisation_name(organisation: Organisation | None) -> str:
    """``{{ org|org_name }}``: the organisation's English name in the English UI where it has
    one, its registered (Chinese) name otherwise."""
    if organisation is None:
        return "—"
    if _locale() == "en" and organisation.name_en:
        return organisation.name_en
    return organisation.name



_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def present(value: object) -> object:
    """A message's value as the page writes it: a date (or a date kept as ISO text, as stored
    messages keep them) in the page's date format, an `Amount` as people write money; any
    other value as it is."""
    if isinstance(value, Amount):
        return format_money(value.fen)
    if isinstance(value, dt.date) or (isinstance(value, str) and _ISO_DATE.fullmatch(value)):
        return format_day(value)
    return value


def present_exact(value: object) -> object:
    """A message's value for the API and the downloads: an `Amount` to the fen in the
    request's language (¥200,000.00 / RMB 200,000.00); dates and any other value as they are."""
    return format_money_exact(value.fen) if isinstance(value, Amount) else value
