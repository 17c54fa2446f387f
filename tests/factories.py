"""Typed factories: build valid records with overrides; they flush, never commit."""

from __future__ import annotations

import datetime as dt
import functools
import itertools
from decimal import Decimal
from typing import Any

from sqlmodel import Session

from marketplace.accounts.models import Organisation, OrganisationKind, Role, User
from marketplace.accounts.passwords import hash_password
from marketplace.declarations.models import Declaration
from marketplace.declarations.rules import PUBLIC as PUBLIC_STATUSES
from marketplace.declarations.rules import (
    DeclarationContent,
    DeclarationStatus,
    SnapshotPatent,
    build_snapshot,
)
from marketplace.declarations.terms import FeeMethod, FeeTerms, content_hash
from marketplace.fees.rules import PatentKind
from marketplace.needs.models import CooperationMode, Need
from marketplace.patents.models import Patent
from marketplace.patents.services import expiry_of, ipc_sections

DEFAULT_PASSWORD = "correct horse battery"
_sequence = itertools.count(1)

_USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def uscc_with_check(base17: str) -> str:
    """Complete a 17-character base with its GB 32100-2015 check character (test data)."""
    total = sum(_USCC_CHARS.index(c) * w for c, w in zip(base17, _USCC_WEIGHTS, strict=True))
    return base17 + _USCC_CHARS[(31 - total % 31) % 31]


def app_number_with_check(base12: str) -> str:
    """Complete a 12-digit CN application number with its check character (R10.2)."""
    weights = (2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5)
    remainder = sum(int(d) * w for d, w in zip(base12, weights, strict=True)) % 11
    return f"{base12}.{'X' if remainder == 10 else remainder}"


def registration_form(**overrides: str) -> dict[str, str]:
    """The registration page's fields for a valid SME, with overrides."""
    data = {
        "organisation_name": "杭州绿源茶业有限公司",
        "kind": "enterprise",
        "uscc": uscc_with_check("91330100MA2B00001"),
        "region": "330000",
        "role": "sme",
        "display_name": "陈静",
        "email": "chen@lvyuan.example.cn",
        "password": "a long password",
        "confirm": "a long password",
    }
    data.update(overrides)
    return data


@functools.cache
def _default_hash() -> str:
    return hash_password(DEFAULT_PASSWORD)


def make_organisation(session: Session, **overrides: Any) -> Organisation:
    n = next(_sequence)
    values: dict[str, Any] = {
        "name": f"测试大学{n}",
        "kind": OrganisationKind.UNIVERSITY,
        "uscc": uscc_with_check(f"12100000{n:09d}"),
        "region": "310000",
    }
    values.update(overrides)
    org = Organisation(**values)
    session.add(org)
    session.flush()
    return org


def make_user(session: Session, role: Role = Role.PATENTEE, **overrides: Any) -> User:
    n = next(_sequence)
    if "organisation_id" not in overrides:
        kind = {
            Role.PATENTEE: OrganisationKind.UNIVERSITY,
            Role.SME: OrganisationKind.ENTERPRISE,
            Role.MEDIATOR: OrganisationKind.MEDIATION_BODY,
            Role.OFFICE: OrganisationKind.AUTHORITY,
        }[role]
        overrides["organisation_id"] = make_organisation(session, kind=kind).id
    values: dict[str, Any] = {
        "email": f"user{n}@example.cn",
        "password_hash": _default_hash(),
        "display_name": f"用户{n}",
        "role": role,
        "email_confirmed_at": dt.datetime.now(dt.UTC),
    }
    values.update(overrides)
    user = User(**values)
    session.add(user)
    session.flush()
    return user


def make_patent(session: Session, owner: Organisation | User, **overrides: Any) -> Patent:
    n = next(_sequence)
    owner_id = owner.organisation_id if isinstance(owner, User) else owner.id
    filing = overrides.pop("filing_date", dt.date(2019, 3, 15))
    kind = overrides.pop("kind", PatentKind.INVENTION)
    kind_digit = {PatentKind.INVENTION: "1", PatentKind.UTILITY_MODEL: "2",
                  PatentKind.DESIGN: "3"}[kind]
    number = app_number_with_check(f"{filing.year}{kind_digit}{n:07d}")
    ipc = overrides.pop("ipc_codes", ["A23F 3/06"])
    values: dict[str, Any] = {
        "owner_id": owner_id,
        "jurisdiction": "CN",
        "source_id": number,
        "application_number": number,
        "patent_number": f"ZL{number}",
        "kind": kind,
        "title": f"一种自动化杀青设备{n}",
        "abstract": "本发明公开了一种自动化杀青设备，用于茶叶加工。",
        "ipc_codes": ipc,
        "ipc_sections": ipc_sections(ipc),
        "applicants": ["测试大学"],
        "filing_date": filing,
        "grant_date": filing + dt.timedelta(days=800),
        "expiry_date": expiry_of(kind, filing, 0, 0),
    }
    values.update(overrides)
    patent = Patent(**values)
    session.add(patent)
    session.flush()
    return patent


def make_need(session: Session, sme: User, **overrides: Any) -> Need:
    """A need of the SME's organisation, stored as is (no matching, no alerts)."""
    values: dict[str, Any] = {
        "organisation_id": sme.organisation_id,
        "author_id": sme.id,
        "title": "求一种自动化茶叶杀青设备",
        "description": "现有杀青机受热不均，希望自动控制叶温的连续式杀青设备。",
        "industry": "茶叶加工",
        "region": "510000",
        "cooperation_mode": CooperationMode.LICENCE,
        "valid_until": dt.date.today() + dt.timedelta(days=180),
    }
    values.update(overrides)
    need = Need(**values)
    session.add(need)
    session.flush()
    return need
DECLARATION_CONTENT = DeclarationContent(
    fee_terms=FeeTerms(FeeMethod.ROYALTY_SALES, royalty_rate_percent=Decimal("3.5"),
                       min_annual_fen=2_000_000),
    payment_terms="提成费按季度结算，每季度结束后30日内支付。",
    licence_start=dt.date(2027, 1, 1), licence_end=dt.date(2031, 12, 31),
    application_fields=("茶叶加工",), target_products=("杀青机",),
    advantages="能耗降低约20%，杀青均匀度提高。", know_how="提供工艺参数和现场调试两次。",
    contact_name="李老师", contact_phone="0571-88000000", contact_email="tech@example.cn",
)


def make_declaration(session: Session, patent: Patent,
                     status: DeclarationStatus = DeclarationStatus.DRAFT,
                     announced_on: dt.date = dt.date(2026, 11, 2),
                     content: DeclarationContent = DECLARATION_CONTENT) -> Declaration:
    """A declaration of ``patent`` in ``status``, written directly (no checks, no audit).

    From ``announced`` on it carries a number, the date, the frozen snapshot and its hash;
    ``withdrawn`` adds a withdrawal announced 30 days later.
    """
    n = next(_sequence)
    assert patent.id is not None
    declaration = Declaration(patent_id=patent.id, organisation_id=patent.owner_id,
                              status=status)
    declaration.apply_content(content)
    if status is not DeclarationStatus.DRAFT:
        declaration.submitted_at = dt.datetime.combine(announced_on, dt.time(1), dt.UTC)
    if status is DeclarationStatus.WITHDRAWAL_REQUESTED:
        declaration.withdrawal_reason = "技术已转让。"
        declaration.withdrawal_requested_at = declaration.submitted_at
    session.add(declaration)
    session.flush()
    assert declaration.id is not None
    if status in PUBLIC_STATUSES:
        number = f"KF-OL-{announced_on.year}-{900_000 + n:06d}"
        owner = session.get(Organisation, patent.owner_id)
        assert owner is not None
        snapshot = build_snapshot(
            declaration_id=declaration.id, number=number, announced_on=announced_on,
            patent=SnapshotPatent(patent.patent_number, patent.application_number, patent.title,
                                  patent.kind, tuple(patent.ipc_codes), patent.locarno_class,
                                  patent.expiry_date),
            patentees=[owner.name], content=content)
        declaration.announcement_number = number
        declaration.announcement_date = announced_on
        declaration.announced_at = dt.datetime.combine(announced_on, dt.time(2), dt.UTC)
        declaration.snapshot = snapshot
        declaration.snapshot_hash = content_hash(snapshot)
    if status is DeclarationStatus.WITHDRAWN:
        declaration.withdrawal_reason = "技术已转让。"
        declaration.withdrawal_number = f"KF-OLW-{announced_on.year}-{900_000 + n:06d}"
        declaration.withdrawal_date = announced_on + dt.timedelta(days=30)
    session.flush()
    return declaration
