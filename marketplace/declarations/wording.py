"""Wording a declaration may not use: advertising language and vague fee standards (DOMAIN D5).

Regs Art. 85(3) (R2.3): 「开放许可声明内容应当准确、清楚，不得出现商业性宣传用语。」 Law Art. 50(1)
asks for a fee method and standard that are 明确 (clear), so "面议" ("price on negotiation"),
"to be agreed" and ranges fail too (R2.3, OQ-6). Pure functions over text; no Flask.

The lists are ours: CNIPA publishes none. They follow the absolute terms the Advertising Law
(《广告法》 Art. 9(3): 「国家级」「最高级」「最佳」) and market-regulation guidance treat as
advertising, plus their common English equivalents. Words that are ordinary technical language
are deliberately left out, because declarations describe technology:

* bare 第一 (第一电极 "first electrode", 第一步 "first step") — only rankings such as 全国第一,
  销量第一 or 第一品牌 are flagged;
* 最优 (最优解 "optimal solution"), 最大/最小/最高 (最高温度 "maximum temperature"), 唯一
  (唯一标识 "unique identifier"), 绝对 (绝对压力 "absolute pressure");
* English "leading" alone ("leading edge", "leading to"), "first", "state of the art" (the
  prior art in patent usage), "perfect", "unique".

Matching is case-insensitive on NFKC-folded text (full-width letters and digits count).
"""

from __future__ import annotations

import re
import unicodedata
from typing import Final

__all__ = [
    "ADVERTISING_TERMS_EN",
    "ADVERTISING_TERMS_ZH",
    "VAGUE_FEE_TERMS_EN",
    "VAGUE_FEE_TERMS_ZH",
    "advertising_terms_in",
    "fold",
    "vague_fee_terms_in",
]

ADVERTISING_TERMS_ZH: Final[tuple[str, ...]] = (
    # Superlatives (《广告法》 Art. 9(3)).
    "最先进", "最佳", "最好", "最强", "最高级", "最高端", "最低价", "最便宜", "最领先",
    # Rankings and "leading" claims.
    "国家级", "世界级", "国际领先", "国内领先", "世界领先", "全球领先", "行业领先", "遥遥领先",
    "国际一流", "国内一流", "世界一流", "国际先进水平", "全国第一", "国内第一", "世界第一",
    "全球第一", "行业第一", "销量第一", "排名第一", "第一品牌", "首屈一指", "独占鳌头",
    # Absolutes and firsts.
    "顶级", "顶尖", "极致", "首选", "独一无二", "史无前例", "前所未有", "全球首创", "国内首创",
    "世界首创", "革命性", "颠覆性", "万能", "零风险", "稳赚", "包赚",
)  # fmt: skip

ADVERTISING_TERMS_EN: Final[tuple[str, ...]] = (
    "best", "world-leading", "world leading", "industry-leading", "industry leading",
    "market-leading", "market leading", "internationally leading", "world-class", "world class",
    "number one", "no. 1", "no.1", "#1", "most advanced", "cutting-edge", "cutting edge",
    "unrivalled", "unrivaled", "unparalleled", "unbeatable", "unmatched", "revolutionary",
    "ultimate", "world's first", "world first", "first in the world", "top-notch",
    "second to none", "risk-free",
)  # fmt: skip

VAGUE_FEE_TERMS_ZH: Final[tuple[str, ...]] = (
    "面议", "议价", "另议", "再议", "电议", "待定", "待议", "商定", "协商确定", "协商定价",
    "双方协商", "另行协商", "洽谈", "视情况", "价格另定", "具体另行",
)  # fmt: skip

VAGUE_FEE_TERMS_EN: Final[tuple[str, ...]] = (
    "negotiable", "to be negotiated", "subject to negotiation", "to be agreed", "by agreement",
    "to be determined", "to be discussed", "tbd", "tba", "on request", "upon request",
    "price on application", "open to offers", "case by case",
)  # fmt: skip


def fold(text: str) -> str:
    """NFKC-fold and lower-case, so 'ＢＥＳＴ' and 'Best' match 'best'."""
    return unicodedata.normalize("NFKC", text).casefold()


def _english_pattern(terms: tuple[str, ...]) -> re.Pattern[str]:
    # A term must stand as a word: "best" matches "the best", not "bestow"; "#1" has no word
    # character at its start, so only its end is bounded.
    parts = []
    for term in sorted(terms, key=len, reverse=True):
        escaped = re.escape(term)
        start = r"(?<![\w-])" if term[0].isalnum() else ""
        parts.append(f"{start}{escaped}(?![\\w-])")
    return re.compile("|".join(parts))


def _chinese_pattern(terms: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True)))


_ADVERTISING_ZH = _chinese_pattern(ADVERTISING_TERMS_ZH)
_ADVERTISING_EN = _english_pattern(ADVERTISING_TERMS_EN)
_VAGUE_ZH = _chinese_pattern(VAGUE_FEE_TERMS_ZH)
_VAGUE_EN = _english_pattern(VAGUE_FEE_TERMS_EN)

# A fee written as a range or an open bound: "1-5万", "3%~5%", "10万至50万元", "5万元起",
# "2万以上", "between 3% and 5%". A money or percentage unit must be attached, so tiers such as
# "第1-3年" and dates ("2026-12-31", removed first) are not ranges.
_UNIT = r"(?:万|千|百|亿|元|%|％|yuan|rmb|cny)"
_UNITS = rf"(?:{_UNIT}\s*)+"
_NUMBER = r"\d+(?:[.,]\d+)*"
_RANGE = re.compile(
    rf"{_NUMBER}\s*{_UNIT}?\s*(?:-|–|—|~|～|至|到|to)\s*{_NUMBER}\s*{_UNIT}"
    rf"|{_NUMBER}\s*{_UNITS}(?:起|以上|以下|左右|上下)"
    rf"|between\s+{_NUMBER}\s*{_UNIT}?\s+and\s+{_NUMBER}"
)
_DATE = re.compile(r"\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?")


def _found(patterns: tuple[re.Pattern[str], ...], text: str) -> list[str]:
    folded = fold(text)
    seen: list[str] = []
    for pattern in patterns:
        for match in pattern.finditer(folded):
            term = match.group(0).strip()
            if term not in seen:
                seen.append(term)
    return seen


def advertising_terms_in(text: str) -> list[str]:
    """The advertising terms in ``text``, in order of the lists, each once (D5, R2.3)."""
    return _found((_ADVERTISING_ZH, _ADVERTISING_EN), text)


def vague_fee_terms_in(text: str) -> list[str]:
    """Negotiation words and fee ranges in ``text``, each once (D5, R2.3, Law Art. 50(1))."""
    without_dates = _DATE.sub(" ", fold(text))
    return _found((_VAGUE_ZH, _VAGUE_EN, _RANGE), without_dates)
