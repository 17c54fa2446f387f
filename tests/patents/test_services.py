"""The register's services: import (all-or-nothing, re-import, ownership), filters, expiry."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlmodel import Session, col, func, select

from marketplace.accounts.models import Role
from marketplace.errors import PermissionDenied
from marketplace.fees.rules import PatentKind
from marketplace.patents import services
from marketplace.patents.importing import parse_portfolio
from marketplace.patents.models import CoOwner, LegalStatus, Patent
from marketplace.search.models import SearchOutboxEntry
from tests.factories import app_number_with_check, make_organisation, make_patent, make_user

HEADER = "application_number,kind,title,filing_date,grant_date,ipc,co_owners\n"


def _csv(*rows: str) -> bytes:
    return (HEADER + "\n".join(rows) + "\n").encode()


GOOD_1 = (f"{app_number_with_check('202110123456')},invention,一种茶叶杀青方法,2021-03-01,"
          "2023-05-06,A23F 3/06,")
GOOD_2 = (f"{app_number_with_check('201820456789')},utility_model,一种厌氧反应器,2018-04-02,"
          f"2018-12-20,C02F 3/28,")
BAD = "202110123457.3,invention,校验位错误,2021-03-02,2023-05-06,A23F 3/06,"


def _import(session: Session, user: object, data: bytes, **kwargs: bool) -> services.ImportOutcome:
    parsed = parse_portfolio(data, "portfolio.csv")
    return services.import_records(session, actor=user, records=parsed.records,  # type: ignore[arg-type]
                                   parse_errors=parsed.errors, parse_warnings=parsed.warnings,
                                   **kwargs)


def _count(session: Session) -> int:
    return session.exec(select(func.count()).select_from(Patent)).one()


def test_import_creates_patents_with_expiry_and_outbox_rows(session: Session) -> None:
    user = make_user(session, Role.PATENTEE)
    outcome = _import(session, user, _csv(GOOD_1, GOOD_2))
    assert (outcome.created, outcome.updated, outcome.errors) == (2, 0, [])
    utility = session.exec(select(Patent).where(Patent.kind == PatentKind.UTILITY_MODEL)).one()
    assert utility.expiry_date == dt.date(2028, 4, 1)  # 10 years from filing, minus one day
    assert utility.ipc_sections == "C"
    outbox = session.exec(select(SearchOutboxEntry.entity_id)).all()
    assert sorted(outbox) == sorted(p.id for p in session.exec(select(Patent)))


def test_one_bad_row_blocks_the_whole_import(session: Session) -> None:
    user = make_user(session, Role.PATENTEE)
    outcome = _import(session, user, _csv(GOOD_1, BAD, GOOD_2))
    assert outcome.imported == 0
    assert [(e.row, e.field) for e in outcome.errors] == [(3, "application_number")]
    assert _count(session) == 0


def test_skip_invalid_imports_the_good_rows(session: Session) -> None:
    user = make_user(session, Role.PATENTEE)
    outcome = _import(session, user, _csv(GOOD_1, BAD, GOOD_2), skip_invalid=True)
    assert outcome.created == 2
    assert [e.row for e in outcome.errors] == [3]
    assert _count(session) == 2


def test_reimport_updates_instead_of_duplicating(session: Session) -> None:
    user = make_user(session, Role.PATENTEE)
    _import(session, user, _csv(GOOD_1))
    renamed = GOOD_1.replace("一种茶叶杀青方法", "一种改进的茶叶杀青方法")
    outcome = _import(session, user, _csv(renamed))
    assert (outcome.created, outcome.updated) == (0, 1)
    assert session.exec(select(Patent.title)).all() == ["一种改进的茶叶杀青方法"]


def test_patent_held_by_another_organisation_is_a_row_error(session: Session) -> None:
    first = make_user(session, Role.PATENTEE)
    second = make_user(session, Role.PATENTEE)
    _import(session, first, _csv(GOOD_1))
    outcome = _import(session, second, _csv(GOOD_2, GOOD_1))
    assert outcome.imported == 0
    assert [e.row for e in outcome.errors] == [3]


def test_co_owners_are_linked_to_platform_organisations(session: Session) -> None:
    user = make_user(session, Role.PATENTEE)
    partner = make_organisation(session, name="西南农业科技大学")
    row = GOOD_1 + "西南农业科技大学:40;测试大学:60"
    outcome = _import(session, user, _csv(row))
    assert outcome.errors == []
    owners = session.exec(select(CoOwner).order_by(col(CoOwner.share))).all()
    assert [(o.name, o.organisation_id, str(o.share)) for o in owners] == [
        ("西南农业科技大学", partner.id, "40.00"), ("测试大学", None, "60.00")]


@pytest.mark.parametrize("role", [Role.SME, Role.MEDIATOR, Role.OFFICE])
def test_only_patentees_import(session: Session, role: Role) -> None:
    with pytest.raises(PermissionDenied):
        _import(session, make_user(session, role), _csv(GOOD_1))


def test_filters(session: Session) -> None:
    user = make_user(session, Role.PATENTEE)
    tea = make_patent(session, user, ipc_codes=["A23F 3/06"], filing_date=dt.date(2019, 1, 5))
    water = make_patent(session, user, ipc_codes=["C02F 3/28"], title="一种厌氧处理装置",
                        filing_date=dt.date(2021, 6, 1), kind=PatentKind.UTILITY_MODEL)
    lapsed = make_patent(session, user, ipc_codes=["H01M 10/0525"], title="一种锂电池",
                         legal_status=LegalStatus.LAPSED)
    other = make_patent(session, make_user(session, Role.PATENTEE))

    def ids(**filters: object) -> set[int | None]:
        page = services.list_patents(session, actor=user,
                                     filters=services.PatentFilters(**filters),  # type: ignore[arg-type]
                                     page=1, per_page=50)
        return {p.id for p in page.items}

    assert ids(owner_id=user.organisation_id) == {tea.id, water.id, lapsed.id}
    assert other.id in ids()
    assert ids(owner_id=user.organisation_id, ipc_section="c") == {water.id}
    assert ids(owner_id=user.organisation_id, kind=PatentKind.UTILITY_MODEL) == {water.id}
    assert ids(owner_id=user.organisation_id, legal_status=LegalStatus.LAPSED) == {lapsed.id}
    assert ids(owner_id=user.organisation_id, filing_year=2021) == {water.id}
    assert ids(owner_id=user.organisation_id, q="厌氧") == {water.id}


def test_paging_counts(session: Session) -> None:
    user = make_user(session, Role.PATENTEE)
    for _ in range(7):
        make_patent(session, user)
    page = services.list_patents(session, actor=user,
                                 filters=services.PatentFilters(owner_id=user.organisation_id),
                                 page=2, per_page=5)
    assert (len(page.items), page.total, page.pages, page.has_prev, page.has_next) == (
        2, 7, 2, True, False)
