"""Gathering a patent's fee facts from the database: the one place the ledger's inputs come from.

``patent_facts`` reads the patent's kind, dates and term compensation, its owners and their
fee-reduction eligibility (the owning organisation and the co-owners, each through its
organisation when it is on the platform), the payments recorded here, what was settled before
the ledger opened, and the open-licence facts (``open_licence_facts_many``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, col, select

from marketplace.accounts.models import Organisation
from marketplace.declarations.models import Declaration
from marketplace.declarations.rules import DeclarationStatus
from marketplace.fees.lines import to_yuan
from marketplace.fees.models import EligibilityRecord, FeeLedger, FeePayment
from marketplace.fees.rules import (
    DeclarationPeriod,
    Eligibility,
    Owner,
    PatentFacts,
    PatentKind,
    Payment,
)
from marketplace.licensing.models import Licence, LicenceRecordal
from marketplace.licensing.rules import RecordalState
from marketplace.patents.models import CoOwner, Patent
from marketplace.patents.rules import LegalStatus

CHUNK = 500

# Statuses in which a patent has no annual fees to keep: not granted yet, or ended other than by
# its fees or its term (invalidated, surrendered).
NO_FEE_STATUSES = frozenset({LegalStatus.PENDING, LegalStatus.INVALIDATED,
                             LegalStatus.SURRENDERED})


@dataclass(frozen=True)
class OpenLicenceFacts:
    """What declarations and licensing know about one patent (D11, D14, D15)."""

    declarations: tuple[DeclarationPeriod, ...] = ()
    record_dates: tuple[date, ...] = ()
    false_materials_flagged_on: date | None = None


def open_licence_facts_many(session: Session,
                            patent_ids: Sequence[int]) -> dict[int, OpenLicenceFacts]:
    """Each patent's announced open-licence declarations (announced and withdrawn dates, D11,
    D14), the record dates of its accepted open-licence contract recordals (D11), and the
    earliest day the office flagged one of its declarations as obtained by false materials (D15);
    two queries per 500 patents."""
    announced: dict[int, list[Declaration]] = defaultdict(list)
    recorded: dict[int, list[date]] = defaultdict(list)
    for chunk in _chunks(sorted(set(patent_ids))):
        for declaration in session.exec(
                select(Declaration)
                .where(col(Declaration.patent_id).in_(chunk),
                       col(Declaration.announcement_date).is_not(None))
                .order_by(col(Declaration.announcement_date))):
            announced[declaration.patent_id].append(declaration)
        for patent_id, record_date in session.exec(
                select(Licence.patent_id, col(LicenceRecordal.record_date))
                .join(Licence, col(Licence.id) == LicenceRecordal.licence_id)
                .where(col(Licence.patent_id).in_(chunk),
                       LicenceRecordal.state == RecordalState.ACCEPTED,
                       col(LicenceRecordal.record_date).is_not(None))
                .order_by(col(LicenceRecordal.record_date))):
            if record_date is not None:
                recorded[patent_id].append(record_date)
    facts = {}
    for patent_id in patent_ids:
        declarations = announced[patent_id]
        flags = [d.false_materials_on for d in declarations if d.false_materials_on is not None]
        facts[patent_id] = OpenLicenceFacts(
            declarations=tuple(
                DeclarationPeriod(announced_on=d.announcement_date,
                                  withdrawn_on=d.withdrawal_date
                                  if d.status is DeclarationStatus.WITHDRAWN else None)
                for d in declarations if d.announcement_date is not None),
            record_dates=tuple(recorded[patent_id]),
            false_materials_flagged_on=min(flags, default=None))
    return facts


def open_licence_facts(session: Session, patent_id: int) -> OpenLicenceFacts:
    """``open_licence_facts_many`` for one patent."""
    return open_licence_facts_many(session, [patent_id])[patent_id]


def has_fee_ledger(patent: Patent) -> bool:
    """Whether the patent has Chinese annual fees to keep: a granted CN patent of known kind,
    filing and grant dates, not invalidated or surrendered."""
    return (
        patent.jurisdiction == "CN"
        and patent.kind is not None
        and patent.filing_date is not None
        and patent.grant_date is not None
        and patent.legal_status not in NO_FEE_STATUSES
    )


def _chunks(ids: Sequence[int]) -> Iterator[list[int]]:
    for start in range(0, len(ids), CHUNK):
        yield list(ids[start:start + CHUNK])


def _basis(eligible: bool, basis: str | None, year: int | None) -> str:
    """What the reasons name: the basis and the year of the fee-reduction recordal."""
    if not eligible:
        return ""
    return ", ".join(part for part in (basis or "", str(year or "")) if part)


def _owner(org: Organisation, records: Sequence[EligibilityRecord]) -> Owner:
    """The organisation as an owner; its recorded eligibility changes, if any, as history."""
    return Owner(
        org.name, org.fee_reduction_eligible,
        _basis(org.fee_reduction_eligible, org.fee_reduction_basis, org.fee_reduction_year),
        tuple(Eligibility(r.since, r.eligible, _basis(r.eligible, r.basis, r.year))
              for r in records),
    )


def _owners(patent: Patent, co_owners: Sequence[CoOwner],
            organisations: dict[int, Organisation],
            records: dict[int, list[EligibilityRecord]]) -> tuple[Owner, ...]:
    """The owning organisation, then every other co-owner; a co-owner that is not on the
    platform has no recorded eligibility and counts as not eligible (R4.12: all must qualify)."""
    owner_org = organisations[patent.owner_id]
    owners = [_owner(owner_org, records[patent.owner_id])]
    for co in co_owners:
        if co.organisation_id == patent.owner_id or co.name == owner_org.name:
            continue
        org = organisations.get(co.organisation_id) if co.organisation_id else None
        owners.append(Owner(co.name, False) if org is None
                      else _owner(org, records[co.organisation_id or 0]))
    return tuple(owners)


def patent_facts_many(session: Session, patents: Sequence[Patent]) -> dict[int, PatentFacts]:
    """``patent_facts`` for many patents with a few queries per 500 (refreshes, the CLI)."""
    eligible = [p for p in patents if has_fee_ledger(p) and p.id is not None]
    ids = [p.id for p in eligible if p.id is not None]
    co_owners: dict[int, list[CoOwner]] = defaultdict(list)
    payments: dict[int, list[Payment]] = defaultdict(list)
    settled: dict[int, date | None] = {}
    for chunk in _chunks(ids):
        for co in session.exec(select(CoOwner).where(col(CoOwner.patent_id).in_(chunk))
                               .order_by(col(CoOwner.id))):
            co_owners[co.patent_id].append(co)
        for pay in session.exec(select(FeePayment).where(col(FeePayment.patent_id).in_(chunk))
                                .order_by(col(FeePayment.id))):
            payments[pay.patent_id].append(Payment(pay.fee_year, pay.paid_on,
                                                   to_yuan(pay.amount_fen)))
        for header in session.exec(select(FeeLedger).where(col(FeeLedger.patent_id).in_(chunk))):
            settled[header.patent_id] = header.settled_through
    org_ids = sorted({p.owner_id for p in eligible}
                     | {c.organisation_id for cs in co_owners.values() for c in cs
                        if c.organisation_id is not None})
    organisations: dict[int, Organisation] = {}
    records: dict[int, list[EligibilityRecord]] = defaultdict(list)
    for chunk in _chunks(org_ids):
        for org in session.exec(select(Organisation).where(col(Organisation.id).in_(chunk))):
            assert org.id is not None
            organisations[org.id] = org
        for record in session.exec(
                select(EligibilityRecord).where(col(EligibilityRecord.organisation_id).in_(chunk))
                .order_by(col(EligibilityRecord.since))):
            records[record.organisation_id].append(record)
    open_licences = open_licence_facts_many(session, ids)
    facts: dict[int, PatentFacts] = {}
    for patent in eligible:
        assert patent.id is not None and patent.kind is not None
        assert patent.filing_date is not None and patent.grant_date is not None
        open_licence = open_licences[patent.id]
        facts[patent.id] = PatentFacts(
            kind=PatentKind(patent.kind),
            filing_date=patent.filing_date,
            grant_date=patent.grant_date,
            owners=_owners(patent, co_owners[patent.id], organisations, records),
            adjustment_days=patent.term_adjustment_days if patent.kind is PatentKind.INVENTION
            else 0,
            extension_days=patent.term_extension_days if patent.kind is PatentKind.INVENTION
            else 0,
            declarations=open_licence.declarations,
            record_dates=open_licence.record_dates,
            payments=tuple(payments[patent.id]),
            false_materials_flagged_on=open_licence.false_materials_flagged_on,
            settled_through=settled.get(patent.id),
        )
    return facts


def patent_facts(session: Session, patent: Patent) -> PatentFacts:
    """Everything ``rules.ledger`` needs about ``patent`` (see the module docstring).

    Raises ``ValueError`` for a patent without a fee ledger (``has_fee_ledger``).
    """
    assert patent.id is not None
    facts = patent_facts_many(session, [patent]).get(patent.id)
    if facts is None:
        raise ValueError(f"patent {patent.id} has no annual-fee ledger")
    return facts
