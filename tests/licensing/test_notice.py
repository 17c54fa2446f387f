"""The written notice (Law Art. 51(1), D8, D9): built from the frozen snapshot, worded in Chinese
and English, printed as a page and as a PDF whose text names the patent, the announcement and the
terms' fingerprint."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from flask import Flask, render_template
from pypdf import PdfReader

from marketplace.declarations.terms import FeeMethod, FeeTerms, RoyaltyBase, content_hash
from marketplace.licensing.notice import (
    Party,
    WrittenNotice,
    describe_terms,
    notice_from_snapshot,
    notice_pdf,
    notice_text,
)
from marketplace.licensing.royalties import Period

TERMS = FeeTerms(FeeMethod.ROYALTY_SALES, royalty_rate_percent=Decimal("3.50"),
                 min_annual_fen=1_000_000)
SNAPSHOT: dict[str, Any] = {
    "patent": "ZL202110123456.7",
    "patentees": ["清华大学", "北京水木环保科技有限公司"],
    "fee_terms": TERMS.to_dict(),
    "licence_start": "2026-01-01",
    "licence_end": "2030-12-31",
    "announcement_number": "KF-OL-2026-000123",
    "announced_on": "2026-11-02",
    "application_fields": ["污水处理"],
}
HASH = content_hash(SNAPSHOT)
LICENSEE = Party("杭州青禾智能装备有限公司", "91330100MA2B00001X")


def make_notice(**changes: Any) -> WrittenNotice:
    return notice_from_snapshot(SNAPSHOT, HASH, licensee=LICENSEE, given_on=date(2026, 11, 21),
                                patent_title="一种厌氧氨氧化脱氮方法", **changes)


def pdf_text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


# --- From the snapshot ---------------------------------------------------------------------------


def test_notice_quotes_the_frozen_snapshot() -> None:
    notice = make_notice()
    assert notice.patent_number == "ZL202110123456.7"
    assert notice.patentees == ("清华大学", "北京水木环保科技有限公司")
    assert notice.announcement_number == "KF-OL-2026-000123"
    assert notice.announced_on == date(2026, 11, 2)
    assert notice.terms == TERMS
    assert notice.terms_hash == HASH
    # taken after the declared start: the licence runs from the day of notice
    assert notice.licence_period == Period(date(2026, 11, 21), date(2030, 12, 31))


def test_licence_period_stops_at_the_patent_expiry() -> None:
    notice = make_notice(patent_expiry=date(2029, 6, 30))
    assert notice.licence_period == Period(date(2026, 11, 21), date(2029, 6, 30))


def test_a_snapshot_that_does_not_match_its_hash_is_refused() -> None:
    tampered = {**SNAPSHOT, "fee_terms": {**SNAPSHOT["fee_terms"], "royalty_rate_percent": "1"}}
    with pytest.raises(ValueError, match="hash"):
        notice_from_snapshot(tampered, HASH, licensee=LICENSEE, given_on=date(2026, 11, 21))


def test_patentees_may_be_records_with_a_name() -> None:
    snapshot = {**SNAPSHOT, "patentees": [{"name": "清华大学", "share": "100"}]}
    notice = notice_from_snapshot(snapshot, content_hash(snapshot), licensee=LICENSEE,
                                  given_on=date(2026, 11, 21))
    assert notice.patentees == ("清华大学",)


# --- Wording -------------------------------------------------------------------------------------


@pytest.mark.parametrize(("terms", "english"), [
    (FeeTerms(FeeMethod.LUMP_SUM, lump_sum_fen=5_000_000),
     ["Lump sum: RMB 50,000.00, paid once"]),
    (FeeTerms(FeeMethod.ANNUAL_FIXED, annual_fee_fen=1_200_050),
     ["Annual fee: RMB 12,000.50 per licence year, due at the start of each licence year"]),
    (TERMS, ["Royalty: 3.5% of net sales", "Minimum royalty per licence year: RMB 10,000.00"]),
    (FeeTerms(FeeMethod.ROYALTY_PROFIT, royalty_rate_percent=Decimal("12.25")),
     ["Royalty: 12.25% of profit"]),
    (FeeTerms(FeeMethod.PER_UNIT, per_unit_fen=150), ["Royalty: RMB 1.50 per unit"]),
    (FeeTerms(FeeMethod.ENTRY_PLUS_ROYALTY, entry_fee_fen=200_000,
              royalty_base=RoyaltyBase.UNITS, per_unit_fen=80),
     ["Entry fee: RMB 2,000.00, paid once", "Royalty: RMB 0.80 per unit"]),
    (FeeTerms(FeeMethod.FREE), ["No licence fee is payable."]),
])
def test_describe_terms(terms: FeeTerms, english: list[str]) -> None:
    assert [str(line) for line in describe_terms(terms)] == english


def test_chinese_wording() -> None:
    text = notice_text(make_notice(), "zh")
    assert text.title == "专利开放许可实施通知书"
    rows = {row.label: row.value for section in text.sections for row in section.rows}
    assert rows["专利号"] == "ZL202110123456.7"
    assert rows["许可期限"] == "2026年11月21日至2030年12月31日"
    assert rows["许可使用费标准"] == (
        "许可使用费为净销售额的3.5%；每个许可年度的最低许可使用费为人民币10,000.00元")
    assert rows["专利权人"] == "清华大学和北京水木环保科技有限公司"
    assert "2026年11月2日" in text.statement and "KF-OL-2026-000123" in text.statement


def test_english_wording() -> None:
    text = notice_text(make_notice(), "en")
    rows = {row.label: row.value for section in text.sections for row in section.rows}
    assert rows["Licence period"] == "November 21, 2026 to December 31, 2030"
    assert rows["Payment method"] == "royalty on net sales"
    assert rows["Licensee"] == ("杭州青禾智能装备有限公司 (unified social credit code "
                                "91330100MA2B00001X)")
    assert rows["Fingerprint of the announced terms (SHA-256)"] == HASH


def test_other_languages_are_refused() -> None:
    with pytest.raises(ValueError):
        notice_text(make_notice(), "fr")


# --- PDF -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(("locale", "title", "label"), [
    ("zh", "专利开放许可实施通知书", "许可期限"),
    ("en", "Written notice of exploitation under an open licence", "Licence period"),
])
def test_pdf_names_the_patent_the_announcement_and_the_fingerprint(
    locale: str, title: str, label: str
) -> None:
    pdf = notice_pdf(make_notice(), locale)
    assert pdf.startswith(b"%PDF-")
    text = pdf_text(pdf)
    for expected in ("ZL202110123456.7", "KF-OL-2026-000123", HASH, title, label,
                     "杭州青禾智能装备有限公司", "清华大学"):
        assert expected in text, expected


def test_pdf_is_reproducible() -> None:
    assert notice_pdf(make_notice(), "zh") == notice_pdf(make_notice(), "zh")


def test_pdf_escapes_markup_in_names() -> None:
    notice = make_notice(reference=None)
    odd = WrittenNotice(**{**notice.__dict__, "licensee": Party("A & B <Labs>")})
    assert "A & B <Labs>" in pdf_text(notice_pdf(odd, "en"))


# --- Printable page ------------------------------------------------------------------------------


@pytest.mark.parametrize(("language", "locale", "title"), [
    ("zh-CN,zh;q=0.9", "zh", "专利开放许可实施通知书"),
    ("en", "en", "Written notice of exploitation under an open licence"),
])
def test_printable_page_in_the_page_language(
    app: Flask, language: str, locale: str, title: str
) -> None:
    notice = make_notice()
    odd = WrittenNotice(**{**notice.__dict__, "licensee": Party("<script>x</script>")})
    with app.test_request_context(headers={"Accept-Language": language}):
        html = render_template("licensing/notice.html", text=notice_text(odd, locale),
                               pdf_urls={"zh": "/n.pdf?lang=zh", "en": "/n.pdf?lang=en"})
    assert f"<h1>{title}</h1>" in html
    assert f'<code class="fingerprint">{HASH}</code>' in html
    assert "ZL202110123456.7" in html and "KF-OL-2026-000123" in html
    assert "<script>x</script>" not in html and "&lt;script&gt;x&lt;/script&gt;" in html
    assert 'href="/n.pdf?lang=zh"' in html
