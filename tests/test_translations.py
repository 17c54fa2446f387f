"""The Chinese catalog is complete, in step with the code, and keeps every placeholder.

Extraction runs in memory with the same mapping (``marketplace/babel.cfg``) and keywords
(Babel's defaults plus ``_l`` and ``N_``) as ``make translations``. When a test here fails
because of a new string, run ``make translations``, translate the new entries in
``marketplace/translations/zh/LC_MESSAGES/messages.po`` and compile
(``pybabel compile -d marketplace/translations -D messages``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_keywords, parse_mapping_cfg
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[1]
MAPPING = ROOT / "marketplace" / "babel.cfg"
ZH_PO = ROOT / "marketplace" / "translations" / "zh" / "LC_MESSAGES" / "messages.po"
# As in the Makefile: pybabel extract -F marketplace/babel.cfg -k _l -k N_ -k P_:1c,2 ... .
KEYWORDS = {**DEFAULT_KEYWORDS, **parse_keywords(["_l", "N_", "P_:1c,2", "lazy_pgettext:1c,2"])}

# A printf-style conversion: %(name)s, %d, %.2f, %% ...
PLACEHOLDER = re.compile(
    r"%(?:\((?P<name>[^)]*)\))?[#0 +\-]*(?:\*|\d+)?(?:\.(?:\*|\d+))?[hlL]?(?P<type>[a-zA-Z%])"
)
SAMPLE = {"d": 1, "i": 1, "u": 1, "f": 1.5, "F": 1.5, "e": 1.5, "E": 1.5, "g": 1.5, "G": 1.5,
          "x": 1, "X": 1, "o": 1, "c": "x", "s": "x", "r": "x", "a": "x"}


@pytest.fixture(scope="module")
def zh() -> Catalog:
    with ZH_PO.open("rb") as fileobj:
        return read_po(fileobj, locale="zh")


def translations(catalog: Catalog) -> Iterator[Message]:
    """Every real entry (not the header, not obsolete ones)."""
    return (message for message in catalog if message.id)


def label(message: Message) -> str:
    msgid = message.id[0] if isinstance(message.id, (list, tuple)) else message.id
    where = ", ".join(f"{path}:{line}" for path, line in message.locations[:2])
    return f"{msgid!r} ({where})" if where else repr(msgid)


def strings(message: Message) -> list[str]:
    if isinstance(message.string, (list, tuple)):
        return list(message.string)
    return [message.string or ""]


def extracted_messages() -> dict[tuple[str | tuple[str, ...], str | None], str]:
    """msgid (a tuple for plurals) and context -> first place it occurs."""
    with MAPPING.open(encoding="utf-8") as fileobj:
        method_map, options_map = parse_mapping_cfg(  # type: ignore[no-untyped-call]
            fileobj, str(MAPPING))
    found: dict[tuple[str | tuple[str, ...], str | None], str] = {}
    for filename, lineno, msgid, _comments, context in extract_from_dir(
            ROOT, method_map, options_map, keywords=KEYWORDS):
        key = (tuple(msgid) if isinstance(msgid, (list, tuple)) else msgid, context)
        found.setdefault(key, f"{filename}:{lineno}")
    return found


def placeholders(text: str) -> tuple[list[tuple[str, str]], list[str]]:
    """Named conversions as sorted (name, type) pairs, and the types of positional ones; %% is
    not a placeholder."""
    named: set[tuple[str, str]] = set()
    positional: list[str] = []
    for match in PLACEHOLDER.finditer(text):
        if match["type"] == "%":
            continue
        if match["name"] is not None:
            named.add((match["name"], match["type"]))
        else:
            positional.append(match["type"])
    return sorted(named), positional


def sample_arguments(text: str) -> Any:
    named, positional = placeholders(text)
    if positional:
        return tuple(SAMPLE.get(kind, "x") for kind in positional)
    return {name: SAMPLE.get(kind, "x") for name, kind in named}


def test_the_catalog_is_chinese_with_one_plural_form(zh: Catalog) -> None:
    assert str(zh.locale) == "zh"
    assert zh.num_plurals == 1
    assert zh.plural_expr == "0"


def test_every_message_is_translated_and_none_is_fuzzy(zh: Catalog) -> None:
    untranslated = [label(m) for m in translations(zh) if not all(s.strip() for s in strings(m))]
    fuzzy = [label(m) for m in translations(zh) if m.fuzzy]
    assert not (untranslated or fuzzy), (
        f"{ZH_PO.name}: {len(untranslated)} untranslated {untranslated}; "
        f"{len(fuzzy)} fuzzy {fuzzy}"
    )


def test_every_string_in_the_code_is_in_the_catalog(zh: Catalog) -> None:
    extracted = extracted_messages()
    assert extracted, "extraction found no messages: check marketplace/babel.cfg"
    missing = []
    for (msgid, context), where in sorted(extracted.items(), key=lambda item: item[1]):
        singular = msgid[0] if isinstance(msgid, tuple) else msgid
        entry = zh.get(singular, context)
        if entry is None:
            missing.append(f"{singular!r} ({where})")
        elif isinstance(msgid, tuple) and tuple(entry.id) != msgid:
            missing.append(f"{msgid!r} as a plural ({where})")
    assert not missing, (
        f"{len(missing)} message(s) in the code are not in {ZH_PO.name} — run `make translations` "
        f"and translate them: " + "; ".join(missing)
    )


def test_placeholders_match(zh: Catalog) -> None:
    wrong = []
    for message in translations(zh):
        sources = list(message.id) if isinstance(message.id, (list, tuple)) else [message.id]
        expected_named = sorted({p for source in sources for p in placeholders(source)[0]})
        expected_positional = placeholders(sources[-1])[1]
        for text in strings(message):
            named, positional = placeholders(text)
            if named != expected_named or positional != expected_positional:
                wrong.append(f"{label(message)}: {text!r} has {named or positional}, "
                             f"expected {expected_named or expected_positional}")
                continue
            # Jinja's gettext always applies `%`, so a stray % would break the page.
            try:
                sources[-1] % sample_arguments(sources[-1])
            except (TypeError, ValueError, KeyError):
                continue  # not a format string in the source either
            try:
                text % sample_arguments(sources[-1])
            except (TypeError, ValueError, KeyError) as exc:
                wrong.append(f"{label(message)}: {text!r} does not format ({exc})")
    assert not wrong, "placeholders differ: " + "; ".join(wrong)


def test_babel_checks_pass(zh: Catalog) -> None:
    problems = [f"{label(message)}: {', '.join(map(str, errors))}"
                for message, errors in zh.check()]
    assert not problems, "; ".join(problems)


@pytest.mark.parametrize(("msgid", "msgstr"), [
    ("Log in", "登录"),
    ("Log out", "退出登录"),
    ("Register your organisation", "注册贵单位"),
    ("Register", "注册"),
    ("You are logged in.", "您已登录。"),
    ("My portfolio", "我的专利组合"),
    ("Patent register", "专利登记簿"),
    ("Import patents", "导入专利"),
    ("Application number", "申请号"),
    ("Expiry", "届满日"),
])
def test_key_terms(zh: Catalog, msgid: str, msgstr: str) -> None:
    entry = zh.get(msgid)
    assert entry is not None and entry.string == msgstr
