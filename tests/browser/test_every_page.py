"""Every page of every role, and the public's, on a desktop and a phone in both languages.

The demo world is loaded into a live database of its own; the pages are the GET routes of
``app.url_map`` with their path parameters filled from real rows the role may see. Each page is
loaded once per role and language at 1366 px, then measured again at 390 px (the layout reflows
without a reload). A page fails when it is wider than the screen, shows an enum value as it is
stored (``in_force``), shows a catalogue string untranslated (English of a translated msgid in
the Chinese UI, a Chinese UI string in the English one), breaks an amount across two lines
("6,000." / "00"), or answers with a server error.
Screenshots of a few key pages go to /tmp/shots for a designer to look at.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from babel.messages.pofile import read_po
from flask import Flask
from playwright.sync_api import Browser, Page
from sqlalchemy import Enum as SAEnum
from sqlmodel import Session, SQLModel, col, select
from werkzeug.routing import Rule

from marketplace.accounts.models import Role, User
from marketplace.db import get_session, transaction
from marketplace.declarations.models import Declaration
from marketplace.declarations.rules import DeclarationStatus
from marketplace.demo.seed import seed_demo
from marketplace.demo.world import DEMO_PASSWORD
from marketplace.licensing.models import Licence, LicencePayment, LicenceRecordal
from marketplace.licensing.rules import RecordalState
from marketplace.mediation.models import MediationCase
from marketplace.needs.models import Need
from marketplace.patents.models import Patent
from tests.browser.conftest import migrated_app, serve

pytestmark = pytest.mark.browser

DESKTOP, PHONE = 1366, 390
SHOTS = Path("/tmp/shots")
CATALOG = (Path(__file__).resolve().parents[2]
           / "marketplace/translations/zh/LC_MESSAGES/messages.po")
# Downloads and machine formats: not pages a person reads.
NOT_PAGES = frozenset({
    "static", "web.switch_language", "register.feed", "register.register_csv",
    "register.register_json", "fees.statement_download", "licensing.notice_download",
    "licensing.proof", "mediation.document", "batch.download_run",
})
# The pages a designer looks at, per role (endpoint → screenshot name).
KEY_PAGES = {
    "web.home": "home", "register.statistics_page": "statistics", "needs.detail": "need",
    "needs.list_needs": "needs", "register.announcements": "announcements",
    "patents.portfolio": "portfolio", "fees.ledger": "ledger", "mediation.detail": "case",
    "licensing.detail": "licence", "declarations.office_queue": "queue",
    "fees.office_totals": "office-fees", "web.rules": "rules",
}
CJK = re.compile(r"[\u4e00-\u9fff]")
EMAIL = re.compile(r"\S+@\S+")  # patentee1@demo.kaifang.cn is no raw role
ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
# Three Latin words in a row: English prose (a patent's English title or abstract is data).
PROSE = re.compile(r"[A-Za-z]+[ ,]+[A-Za-z]+[ ,]+[A-Za-z]+")
# Visible text nodes of the page: not hidden menus, scripts, machine text (pre, code), the
# searched words highlighted in data (mark), or names never translated (translate="no": the
# bilingual brand).
VISIBLE_TEXTS = """() => {
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode, text = node.textContent.trim();
    const el = node.parentElement;
    if (!text || !el || el.closest('script,style,template,pre,code,mark,[translate=no]')) continue;
    if (!el.getClientRects().length || getComputedStyle(el).visibility === 'hidden') continue;
    out.push(text);
  }
  return out;
}"""


@dataclass(frozen=True)
class Words:
    """What must not be seen: stored enum values, and the catalogue's strings per language."""

    enum_values: frozenset[str]
    snake_values: re.Pattern[str]
    word_values: re.Pattern[str]    # any value as a word: raw in a Chinese page's short text
    english: frozenset[str]         # translated msgids: a whole text node in the zh UI
    english_phrases: tuple[str, ...]  # long msgid fragments: anywhere in the zh UI
    chinese: frozenset[str]         # msgstrs: a whole text node in the en UI


def _words() -> Words:
    values: set[str] = set()
    for table in SQLModel.metadata.tables.values():
        for column in table.columns:
            if isinstance(column.type, SAEnum) and column.type.enum_class is not None:
                enum_class: type[enum.Enum] = column.type.enum_class
                values.update(str(member.value) for member in enum_class)
    snake = sorted((v for v in values if "_" in v), key=len, reverse=True)
    with CATALOG.open("rb") as handle:
        catalog = read_po(handle)
    english: set[str] = set()
    phrases: set[str] = set()
    chinese: set[str] = set()
    for message in catalog:
        if not message.id or not isinstance(message.id, str) or not message.string:
            continue
        msgid, msgstr = message.id, str(message.string)
        if msgid == msgstr or not re.search(r"[A-Za-z]{3}", msgid):
            continue
        if "%(" not in msgid and "%" not in msgid:
            english.add(msgid.strip())
            if CJK.search(msgstr) and len(CJK.findall(msgstr)) >= 2:
                chinese.add(msgstr.strip())
        for piece in re.split(r"%\(\w+\)[sd]|%[sd]|<[^>]+>", msgid):
            piece = piece.strip(" .,:;()·—")
            if piece.count(" ") >= 3 and len(piece) >= 20:
                phrases.add(piece)
    words = sorted((v for v in values if re.fullmatch(r"[a-z_]{3,}", v)), key=len, reverse=True)
    return Words(frozenset(values), re.compile(r"\b(" + "|".join(map(re.escape, snake)) + r")\b"),
                 re.compile(r"(?<![A-Za-z])(" + "|".join(map(re.escape, words)) + r")(?![A-Za-z])"),
                 frozenset(english), tuple(sorted(phrases)), frozenset(chinese))


def _problems(texts: list[str], locale: str, words: Words) -> list[str]:
    found: list[str] = []
    for text in texts:
        text = EMAIL.sub("", text)
        bare = text.strip(" :：·,，。.()（）")
        # Any stored value in a Chinese page's short text; a snake_case one anywhere.
        raw = words.snake_values.search(text) or (
            words.word_values.search(text) if locale == "zh" and not PROSE.search(text) else None)
        if raw is not None:
            found.append(f"raw enum value {raw.group(0)!r} in {text[:80]!r}")
        elif locale == "zh" and bare in words.english:
            found.append(f"untranslated {bare!r}")
        elif locale == "zh" and (phrase := next((p for p in words.english_phrases if p in text),
                                                None)):
            found.append(f"untranslated {phrase!r} in {text[:80]!r}")
        elif locale == "en" and bare in words.chinese:
            found.append(f"Chinese UI string {bare!r} in the English UI")
        elif (match := ISO_DATE.search(text)) is not None:
            found.append(f"date {match.group(0)} not written the page's way in {text[:80]!r}")
    return found


# --- The demo world and who looks at it ------------------------------------------------------


@pytest.fixture(scope="module")
def demo_app(tmp_path_factory: pytest.TempPathFactory) -> Flask:
    app = migrated_app(tmp_path_factory.mktemp("every-page"))
    with app.app_context():
        session = get_session()
        with transaction(session):
            seed_demo(session)
    return app


@pytest.fixture(scope="module")
def demo_url(demo_app: Flask) -> Iterator[str]:
    yield from serve(demo_app)


def _first(session: Session, statement: object) -> object | None:
    return session.exec(statement).first()  # type: ignore[call-overload]


def _busiest(session: Session, role: Role, count: Callable[[int], int]) -> User:
    """The user of ``role`` whose organisation has the most of something to show."""
    users = list(session.exec(select(User).where(User.role == role).order_by(col(User.id))))
    return max(users, key=lambda user: count(user.organisation_id or 0))


def _viewer(session: Session, role: Role) -> User:
    def rows(model: type[SQLModel], column: object) -> Callable[[int], int]:
        return lambda org: len(list(session.exec(select(model).where(column == org))))

    if role is Role.PATENTEE:
        return _busiest(session, role, rows(Patent, Patent.owner_id))
    if role is Role.SME:
        return _busiest(session, role, rows(Licence, Licence.licensee_organisation_id))
    if role is Role.MEDIATOR:
        return max(session.exec(select(User).where(User.role == role)), key=lambda user: len(
            list(session.exec(select(MediationCase).where(MediationCase.mediator_id == user.id)))))
    return session.exec(select(User).where(User.role == role).order_by(col(User.id))).first()  # type: ignore[return-value]


def _parameters(session: Session, user: User | None) -> dict[str, object]:
    """A real row for every path parameter, one this user may see where that matters."""
    org = user.organisation_id if user else None
    role = user.role if user else None
    announced = select(Declaration).where(Declaration.status == DeclarationStatus.ANNOUNCED)
    own_declaration = _first(session, announced.join(Patent).where(Patent.owner_id == org)) \
        if role is Role.PATENTEE else None
    if role is Role.OFFICE:
        own_declaration = _first(session, select(Declaration).where(
            Declaration.status == DeclarationStatus.SUBMITTED))
    declaration = own_declaration or _first(session, announced.order_by(col(Declaration.id)))
    assert isinstance(declaration, Declaration)
    licences = select(Licence).order_by(col(Licence.id))
    if role is Role.SME:
        licences = licences.where(Licence.licensee_organisation_id == org)
    elif role is Role.PATENTEE:
        licences = licences.where(Licence.licensor_organisation_id == org)
    licence = _first(session, licences) or _first(session, select(Licence))
    assert isinstance(licence, Licence)
    cases = select(MediationCase).order_by(col(MediationCase.id))
    if role is Role.MEDIATOR and user is not None:
        cases = cases.where(MediationCase.mediator_id == user.id)
    elif role in (Role.SME, Role.PATENTEE):
        cases = cases.where((MediationCase.applicant_organisation_id == org)
                            | (MediationCase.respondent_organisation_id == org))
    case = _first(session, cases) or _first(session, select(MediationCase))
    needs = select(Need).order_by(col(Need.id))
    need = _first(session, needs.where(Need.organisation_id == org)) if role is Role.SME else None
    need = need or _first(session, needs)
    recordal = _first(session, select(LicenceRecordal).where(
        LicenceRecordal.state == RecordalState.PENDING)) or _first(session, select(LicenceRecordal))
    payment = _first(session, select(LicencePayment).where(LicencePayment.licence_id == licence.id))
    announced_any = _first(session, announced.order_by(col(Declaration.id)))
    assert isinstance(announced_any, Declaration)
    return {
        "patent_id": declaration.patent_id, "declaration_id": declaration.id,
        "licence_id": licence.id, "case_id": getattr(case, "id", None),
        "need_id": getattr(need, "id", None), "recordal_id": getattr(recordal, "id", None),
        "payment_id": getattr(payment, "id", None), "number": announced_any.announcement_number,
        # A confirmation link that is no longer valid: the page that explains it (a valid one
        # would log the visitor in as someone else).
        "token": "an-expired-link",
    }


def _pages(app: Flask, parameters: dict[str, object]) -> list[tuple[str, str]]:
    """(endpoint, path) of every GET page, in the order of the URL map."""
    pages: list[tuple[str, str]] = []
    rule: Rule
    for rule in app.url_map.iter_rules():
        if "GET" not in (rule.methods or ()) or rule.endpoint in NOT_PAGES \
                or rule.rule.startswith(("/api", "/static")) or rule.endpoint.startswith("api"):
            continue
        values = {name: parameters.get(name) for name in rule.arguments}
        if any(value is None for value in values.values()):
            pytest.fail(f"no row to fill {rule.rule}: add the parameter to _parameters")
        with app.test_request_context():
            from flask import url_for

            pages.append((rule.endpoint, url_for(rule.endpoint, **values)))
    return pages


def _login(page: Page, base: str, user: User) -> None:
    page.goto(f"{base}/login")
    page.fill("#email", user.email)
    page.fill("#password", DEMO_PASSWORD)
    page.click("#submit")
    page.wait_for_load_state()


# Amounts written to the fen ("46,000.00") that the layout breaks across two lines.
BROKEN_AMOUNTS = r"""() => {
  const out = [], amount = /\d{1,3}(?:,\d{3})*\.\d{2}/g;
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    if (!node.parentElement || !node.parentElement.getClientRects().length) continue;
    for (const match of node.textContent.matchAll(amount)) {
      const range = document.createRange();
      range.setStart(node, match.index);
      range.setEnd(node, match.index + match[0].length);
      const tops = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
      if (tops.size > 1) out.push(match[0]);
    }
  }
  return out;
}"""


def _visit_all(page: Page, base: str, pages: list[tuple[str, str]], locale: str, who: str,
               words: Words) -> list[str]:
    failures: list[str] = []
    for endpoint, path in pages:
        page.set_viewport_size({"width": DESKTOP, "height": 900})
        response = page.goto(base + path)
        status = response.status if response else 0
        where = f"{who}/{locale} {path}"
        if status >= 500:
            failures.append(f"{where}: server error {status}")
            continue
        if urlsplit(page.url).path != urlsplit(base + path).path:
            continue  # sent elsewhere (the login page): that page is checked on its own
        failures.extend(f"{where}: {problem}" for problem in
                        _problems(page.evaluate(VISIBLE_TEXTS), locale, words))
        for width in (DESKTOP, PHONE):
            page.set_viewport_size({"width": width, "height": 900 if width == DESKTOP else 844})
            scroll = page.evaluate("document.documentElement.scrollWidth")
            if scroll > width:
                failures.append(f"{where}: {scroll} px wide at {width} px")
            broken = page.evaluate(BROKEN_AMOUNTS)
            if broken:
                failures.append(f"{where}: amounts broken across lines at {width} px: "
                                f"{', '.join(broken[:5])}")
            if endpoint in KEY_PAGES and status == 200:
                SHOTS.mkdir(exist_ok=True)
                shot = SHOTS / f"{who}-{KEY_PAGES[endpoint]}-{locale}-{width}.png"
                page.screenshot(path=str(shot), full_page=True)
    return failures


ROLES = [None, Role.SME, Role.PATENTEE, Role.OFFICE, Role.MEDIATOR]


@pytest.mark.parametrize("role", ROLES, ids=lambda role: role.value if role else "public")
def test_every_page_fits_and_speaks_one_language(
        role: Role | None, demo_app: Flask, demo_url: str, browser: Browser) -> None:
    words = _words()
    with demo_app.app_context():
        session = get_session()
        user = _viewer(session, role) if role else None
        parameters = _parameters(session, user)
        session.expunge_all()
    pages = _pages(demo_app, parameters)
    failures: list[str] = []
    for locale in ("zh", "en"):
        context = browser.new_context(locale="zh-CN" if locale == "zh" else "en-US")
        page = context.new_page()
        page.set_default_timeout(15_000)
        if user is not None:
            _login(page, demo_url, user)
        page.goto(f"{demo_url}/lang/{locale}")
        failures += _visit_all(page, demo_url, pages, locale, role.value if role else "public",
                               words)
        context.close()
    assert not failures, f"{len(failures)} problems:\n" + "\n".join(failures)


# The fee tables of a finance office (class "cards"): on a phone each row is a card, every value
# beside its label, nothing hidden sideways; on a laptop every column fits.
CARD_TABLES = r"""() => [...document.querySelectorAll('table.cards')].map(table => ({
  hidden: table.scrollWidth - table.clientWidth,
  unlabelled: [...table.querySelectorAll('tbody tr.fee > *, tbody tr:not(.fee-why) > td.num')]
      .filter(cell => !cell.dataset.label).length,
  labels: [...table.querySelectorAll('tbody [data-label]')]
      .map(cell => getComputedStyle(cell, '::before').content),
}))"""


@pytest.mark.parametrize("locale", ["zh", "en"])
def test_fee_tables_hide_nothing_on_a_phone_or_a_laptop(
        locale: str, demo_app: Flask, demo_url: str, browser: Browser) -> None:
    with demo_app.app_context():
        session = get_session()
        user = _viewer(session, Role.PATENTEE)
        patent_id = _parameters(session, user)["patent_id"]
        session.expunge_all()
    context = browser.new_context(locale="zh-CN" if locale == "zh" else "en-US")
    page = context.new_page()
    _login(page, demo_url, user)
    page.goto(f"{demo_url}/lang/{locale}")
    for path in ("/fees/ledger", f"/patents/{patent_id}/fees"):
        for width in (PHONE, DESKTOP):
            page.set_viewport_size({"width": width, "height": 844})
            page.goto(demo_url + path)
            tables = page.evaluate(CARD_TABLES)
            assert tables, path
            for table in tables:
                assert table["hidden"] <= 1, f"{path} at {width} px: {table['hidden']} px hidden"
                assert table["unlabelled"] == 0, path
                if width == PHONE:
                    assert table["labels"] and all(
                        label.strip('"') for label in table["labels"]), path
        # The reason for each fee year reads in full on the phone's screen.
        page.set_viewport_size({"width": PHONE, "height": 844})
        reasons = page.locator("tr.fee-why td:not(.spacer)")
        for number in range(min(reasons.count(), 3)):
            box = reasons.nth(number).bounding_box()
            assert box is not None and box["x"] + box["width"] <= PHONE
    context.close()
