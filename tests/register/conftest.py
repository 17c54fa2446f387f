"""A small register: a university's two announced declarations (one later withdrawn), an
institute's free utility model, and a draft and a submission that must never be public."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from sqlmodel import Session

from marketplace.declarations.models import Declaration
from marketplace.declarations.rules import DeclarationStatus
from marketplace.declarations.terms import FeeMethod, FeeTerms
from marketplace.fees.rules import PatentKind
from marketplace.patents.models import Patent
from tests.factories import (
    DECLARATION_CONTENT,
    make_declaration,
    make_organisation,
    make_patent,
)

FREE = dataclasses.replace(DECLARATION_CONTENT, fee_terms=FeeTerms(FeeMethod.FREE))
LUMP = dataclasses.replace(
    DECLARATION_CONTENT, fee_terms=FeeTerms(FeeMethod.LUMP_SUM, lump_sum_fen=5_000_000),
    advantages='=HYPERLINK("http://x") <script>alert(1)</script>')


@dataclasses.dataclass
class Register:
    royalty: Declaration
    withdrawn: Declaration
    free: Declaration
    draft: Declaration
    submitted: Declaration
    university_id: int


@pytest.fixture()
def register(session: Session) -> Register:
    university = make_organisation(session, name="浙江农林大学")
    institute = make_organisation(session, name="中国农业科学院茶叶研究所")

    def patent(owner: object, title: str, **extra: object) -> Patent:
        return make_patent(session, owner, title=title, **extra)  # type: ignore[arg-type]

    royalty = make_declaration(session, patent(university, "一种自动化杀青设备",
                                               ipc_codes=["A23F 3/06", "A23N 12/08"]),
                               DeclarationStatus.ANNOUNCED, dt.date(2026, 3, 2))
    withdrawn = make_declaration(session, patent(university, "一种茶叶揉捻机",
                                                 ipc_codes=["A23F 3/12"]),
                                 DeclarationStatus.WITHDRAWN, dt.date(2025, 6, 10), LUMP)
    free = make_declaration(session, patent(institute, "一种污水处理装置",
                                            kind=PatentKind.UTILITY_MODEL,
                                            ipc_codes=["C02F 3/28"]),
                            DeclarationStatus.ANNOUNCED, dt.date(2026, 9, 15), FREE)
    draft = make_declaration(session, patent(university, "一种未公告的草稿"))
    submitted = make_declaration(session, patent(institute, "一种已提交未公告的装置"),
                                 DeclarationStatus.SUBMITTED)
    session.commit()
    assert university.id is not None
    return Register(royalty, withdrawn, free, draft, submitted, university.id)

