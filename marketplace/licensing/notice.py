"""The written notice by which an open licence is taken (Law Art. 51(1), R1.6, D9).

The notice is data (`WrittenNotice`): the parties, the patent, the declaration's announcement
number and date, the frozen fee terms with their hash (D8) and the licence period. `notice_text`
words it in Chinese or English from the message catalog; the printable page
(``templates/licensing/notice.html``) and the PDF (`notice_pdf`) both lay out that one wording.
No Flask here: the catalog is read with Babel directly, so a PDF can be made in either language
whatever the request's language.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from babel.dates import format_date
from babel.support import Translations
from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from marketplace.declarations.terms import FeeMethod, FeeTerms, RoyaltyBase, content_hash
from marketplace.errors import N_, Message
from marketplace.licensing.royalties import METHOD_NAMES, Period
from marketplace.licensing.rules import taken_licence_period

__all__ = [
    "NOTICE_LOCALES",
    "NoticeRow",
    "NoticeSection",
    "NoticeText",
    "Party",
    "WrittenNotice",
    "describe_terms",
    "notice_from_snapshot",
    "notice_pdf",
    "notice_text",
]

NOTICE_LOCALES = ("zh", "en")
_CATALOG_DIR = Path(__file__).resolve().parents[1] / "translations"
_CJK_FONT = "STSong-Light"  # Adobe's built-in CID font: no font file to ship or download
_LATIN_FONT = "Helvetica"
_HASH_FONT = "Courier"
_BEYOND_LATIN_1 = re.compile(r"[^\x00-\xff]+")


@dataclass(frozen=True)
class Party:
    """An organisation named on the notice; ``credit_code`` is its unified social credit code."""

    name: str
    credit_code: str | None = None


@dataclass(frozen=True)
class WrittenNotice:
    """Everything the written notice states (R1.6, R2.2, D8, D9)."""

    licensee: Party
    patentees: tuple[str, ...]
    patent_number: str
    announcement_number: str
    announced_on: date
    terms: FeeTerms
    terms_hash: str
    licence_period: Period
    given_on: date
    patent_title: str | None = None
    reference: str | None = None


def _patentee_name(entry: object) -> str:
    if isinstance(entry, Mapping):
        return str(entry["name"])
    return str(entry)


def notice_from_snapshot(
    snapshot: Mapping[str, Any],
    snapshot_hash: str,
    *,
    licensee: Party,
    given_on: date,
    patent_title: str | None = None,
    patent_expiry: date | None = None,
    reference: str | None = None,
) -> WrittenNotice:
    """The notice for taking a licence on ``given_on`` under a frozen declaration snapshot (D8).

    The snapshot holds ``patent`` (its number), ``patentees`` (names, or mappings with a
    ``name``), ``fee_terms`` (`FeeTerms.to_dict`), ``licence_start`` and ``licence_end`` (ISO
    dates), ``announcement_number`` and ``announcement_date`` (``announced_on`` in older
    snapshots). The licence period runs from
    ``given_on`` (or the declared start, if later) to the declared end or the patent's expiry,
    whichever is earlier (`taken_licence_period`, R3.12). Raises ``ValueError`` when
    ``snapshot_hash`` is not the snapshot's `content_hash`: the notice must name exactly the
    terms it quotes.
    """
    if content_hash(snapshot) != snapshot_hash:
        raise ValueError("the snapshot does not match its content hash")
    period = taken_licence_period(given_on, date.fromisoformat(str(snapshot["licence_start"])),
                                  date.fromisoformat(str(snapshot["licence_end"])), patent_expiry)
    return WrittenNotice(
        licensee=licensee,
        patentees=tuple(_patentee_name(p) for p in snapshot["patentees"]),
        patent_number=str(snapshot["patent"]),
        announcement_number=str(snapshot["announcement_number"]),
        announced_on=date.fromisoformat(
            str(snapshot.get("announcement_date") or snapshot["announced_on"])),
        terms=FeeTerms.from_dict(snapshot["fee_terms"]),
        terms_hash=snapshot_hash,
        licence_period=period,
        given_on=given_on,
        patent_title=patent_title,
        reference=reference,
    )


# --- Wording -------------------------------------------------------------------------------------

_RATE_LINES: Mapping[RoyaltyBase, str] = {
    RoyaltyBase.NET_SALES: N_("Royalty: %(rate)s%% of net sales"),
    RoyaltyBase.PROFIT: N_("Royalty: %(rate)s%% of profit"),
}


def _money(fen: int) -> Message:
    amount = (Decimal(fen) / 100).quantize(Decimal("0.01"))
    return Message(N_("RMB %(amount)s"), {"amount": f"{amount:,}"})


def _royalty_line(terms: FeeTerms) -> Message | None:
    base = terms.base
    if base is RoyaltyBase.UNITS and terms.per_unit_fen is not None:
        return Message(N_("Royalty: %(amount)s per unit"), {"amount": _money(terms.per_unit_fen)})
    if base is not None and base in _RATE_LINES and terms.royalty_rate_percent is not None:
        rate = format(terms.royalty_rate_percent.normalize(), "f")
        return Message(_RATE_LINES[base], {"rate": rate})
    return None


def describe_terms(terms: FeeTerms) -> list[Message]:
    """The payment standard of ``terms`` as sentences, one per amount (R1.2, R2.2(3))."""
    lines: list[Message] = []
    if terms.lump_sum_fen is not None:
        lines.append(Message(N_("Lump sum: %(amount)s, paid once"),
                             {"amount": _money(terms.lump_sum_fen)}))
    if terms.annual_fee_fen is not None:
        lines.append(Message(N_("Annual fee: %(amount)s per licence year, due at the start of "
                                "each licence year"), {"amount": _money(terms.annual_fee_fen)}))
    if terms.entry_fee_fen is not None:
        lines.append(Message(N_("Entry fee: %(amount)s, paid once"),
                             {"amount": _money(terms.entry_fee_fen)}))
    royalty = _royalty_line(terms)
    if royalty is not None:
        lines.append(royalty)
    if terms.min_annual_fen:
        lines.append(Message(N_("Minimum royalty per licence year: %(amount)s"),
                             {"amount": _money(terms.min_annual_fen)}))
    if terms.method is FeeMethod.FREE:
        lines.append(Message(N_("No licence fee is payable.")))
    return lines


@dataclass(frozen=True)
class NoticeRow:
    label: str
    value: str
    monospace: bool = False


@dataclass(frozen=True)
class NoticeSection:
    heading: str
    rows: tuple[NoticeRow, ...]


@dataclass(frozen=True)
class NoticeText:
    """The notice worded in one language: what the page and the PDF lay out."""

    locale: str
    title: str
    statement: str
    sections: tuple[NoticeSection, ...]
    closing: str


def _names(names: tuple[str, ...], locale: str, t: Callable[[Message], str]) -> str:
    """"A", "A and B", "A, B and C" (Chinese: "A、B和C")."""
    if len(names) == 1:
        return names[0]
    separator = "、" if locale == "zh" else ", "
    return t(Message(N_("%(first)s and %(last)s"),
                     {"first": separator.join(names[:-1]), "last": names[-1]}))


@cache
def _translator(locale: str) -> Callable[[str], str]:
    if locale not in NOTICE_LOCALES:
        raise ValueError(f"notices are worded in {', '.join(NOTICE_LOCALES)}, not {locale!r}")
    if locale == "en":  # the messages' own language
        return str
    catalog = Translations.load(str(_CATALOG_DIR), [locale], domain="messages")
    return catalog.gettext


def notice_text(notice: WrittenNotice, locale: str) -> NoticeText:
    """The notice worded in ``locale`` ("zh" or "en") from the message catalog."""
    translate = _translator(locale)

    def t(message: Message | str) -> str:
        return Message.of(message).render(translate)

    def day(value: date) -> str:
        return format_date(value, "long", locale=locale)

    licensee = notice.licensee.name
    if notice.licensee.credit_code:
        licensee = t(Message(N_("%(name)s (unified social credit code %(code)s)"),
                             {"name": licensee, "code": notice.licensee.credit_code}))
    patentees = _names(notice.patentees, locale, t)
    period = notice.licence_period
    parties = [NoticeRow(t(N_("Licensee")), licensee),
               NoticeRow(t(N_("Patentee")), patentees),
               NoticeRow(t(N_("Date of notice")), day(notice.given_on))]
    if notice.reference:
        parties.append(NoticeRow(t(N_("Reference")), notice.reference))
    patent = [NoticeRow(t(N_("Patent number")), notice.patent_number)]
    if notice.patent_title:
        patent.append(NoticeRow(t(N_("Title")), notice.patent_title))
    patent += [NoticeRow(t(N_("Announcement number")), notice.announcement_number),
               NoticeRow(t(N_("Announced on")), day(notice.announced_on))]
    licence = [
        NoticeRow(t(N_("Licence period")), t(Message(
            N_("%(start)s to %(end)s"), {"start": day(period.start), "end": day(period.end)}))),
        NoticeRow(t(N_("Payment method")), t(METHOD_NAMES[notice.terms.method])),
        NoticeRow(t(N_("Payment standard")),
                  ("；" if locale == "zh" else "; ").join(
                      t(line) for line in describe_terms(notice.terms))),
        NoticeRow(t(N_("Fingerprint of the announced terms (SHA-256)")), notice.terms_hash,
                  monospace=True),
    ]
    statement = t(Message(
        N_("%(licensee)s hereby gives %(patentees)s written notice that it will exploit patent "
           "%(patent)s under the open licence announced as %(announcement)s on %(date)s, and "
           "will pay the licence fee by the announced method and standard set out below "
           "(Patent Law Art. 51(1))."),
        {"licensee": notice.licensee.name, "patentees": patentees,
         "patent": notice.patent_number, "announcement": notice.announcement_number,
         "date": day(notice.announced_on)}))
    return NoticeText(
        locale=locale,
        title=t(N_("Written notice of exploitation under an open licence")),
        statement=statement,
        sections=(
            NoticeSection(t(N_("Parties")), tuple(parties)),
            NoticeSection(t(N_("Patent and declaration")), tuple(patent)),
            NoticeSection(t(N_("Licence and fee")), tuple(licence)),
        ),
        closing=t(N_("The licence takes effect once this notice has been given and the first "
                     "payment due under the announced terms has been made. It keeps the terms "
                     "identified by the fingerprint above, whatever later happens to the "
                     "declaration (Patent Law Art. 50(2), 51(1)).")),
    )


# --- PDF -----------------------------------------------------------------------------------------


@cache
def _register_cjk_font() -> None:
    pdfmetrics.registerFont(UnicodeCIDFont(_CJK_FONT))


def _markup(text: str, locale: str) -> str:
    """``text`` escaped for a Paragraph; in English, runs beyond Latin-1 (Chinese names) are set
    in the CJK font, which the Latin font cannot draw."""
    if locale == "zh":
        return escape(text)
    return _BEYOND_LATIN_1.sub(
        lambda m: f'<font name="{_CJK_FONT}">{escape(m.group())}</font>', escape(text))


def _styles(locale: str) -> dict[str, ParagraphStyle]:
    font = _CJK_FONT if locale == "zh" else _LATIN_FONT
    wrap = "CJK" if locale == "zh" else None
    body = ParagraphStyle("body", fontName=font, fontSize=10.5, leading=16, wordWrap=wrap)
    return {
        "title": ParagraphStyle("title", parent=body, fontSize=16, leading=22, alignment=1,
                                spaceAfter=8 * mm),
        "heading": ParagraphStyle("heading", parent=body, fontSize=12, leading=18,
                                  spaceBefore=5 * mm, spaceAfter=2 * mm),
        "body": body,
        "label": ParagraphStyle("label", parent=body, textColor=HexColor("#444444")),
    }


def _section_table(section: NoticeSection, locale: str,
                   styles: Mapping[str, ParagraphStyle]) -> Table:
    rows = []
    for row in section.rows:
        cell = (f'<font name="{_HASH_FONT}" size="8.5">{escape(row.value)}</font>'
                if row.monospace else _markup(row.value, locale))
        rows.append([Paragraph(_markup(row.label, locale), styles["label"]),
                     Paragraph(cell, styles["body"])])
    table = Table(rows, colWidths=[48 * mm, 122 * mm])
    table.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.25, "#bbbbbb"),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ]))
    return table


def notice_pdf(notice: WrittenNotice, locale: str) -> bytes:
    """The notice as an A4 PDF in ``locale`` ("zh" or "en"). Chinese is set in the PDF reader's
    built-in STSong-Light, so no font is embedded; the same notice gives the same bytes."""
    _register_cjk_font()
    text = notice_text(notice, locale)
    styles = _styles(locale)
    story: list[Flowable] = [Paragraph(_markup(text.title, locale), styles["title"]),
                             Paragraph(_markup(text.statement, locale), styles["body"])]
    for section in text.sections:
        story.append(Paragraph(_markup(section.heading, locale), styles["heading"]))
        story.append(_section_table(section, locale, styles))
    story += [Spacer(1, 6 * mm), Paragraph(_markup(text.closing, locale), styles["body"])]
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer, pagesize=A4, leftMargin=20 * mm, rightMargin=20 * mm, topMargin=20 * mm,
        bottomMargin=20 * mm, title=text.title, author=notice.licensee.name,
        subject=notice.patent_number, invariant=True,
    )
    document.build(story)
    return buffer.getvalue()
