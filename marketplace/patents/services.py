"""The patent register: listing, viewing, importing and encumbrances. Never commits."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from decimal import Decimal

from sqlalchemy import func, or_
from sqlmodel import Session, col, select

from marketplace.accounts.models import Organisation, Role, User
from marketplace.audit.services import record_event
from marketplace.db import utcnow
from marketplace.declarations.public import announced_declaration_blocking
from marketplace.errors import N_, Conflict, NotFound, PermissionDenied, ValidationFailed
from marketplace.fees.refresh import CAUSE_IMPORTED, refresh_ledgers
from marketplace.fees.rules import PatentKind, patent_term_expiry
from marketplace.patents.importing import ImportResult, PatentRecord, RowError
from marketplace.patents.models import CoOwner, Encumbrance, EncumbranceKind, Patent
from marketplace.patents.rules import EvaluationConclusion, LegalStatus
from marketplace.search.indexing import enqueue
from marketplace.search.models import IndexAction
from marketplace.web.pagination import Page


@dataclass(frozen=True)
class PatentFilters:
    q: str | None = None
    kind: PatentKind | None = None
    legal_status: LegalStatus | None = None
    ipc_section: str | None = None
    filing_year: int | None = None
    owner_id: int | None = None


@dataclass(frozen=True)
class PatentDetails:
    patent: Patent
    owner: Organisation
    co_owners: list[CoOwner]
    encumbrances: list[Encumbrance]
    may_edit: bool


@dataclass(frozen=True)
class NewEncumbrance:
    kind: EncumbranceKind
    pledgee_consent: bool | None = None
    start_date: dt.date | None = None
    end_date: dt.date | None = None
    reference: str | None = None
    note: str | None = None


@dataclass
class ImportOutcome:
    created: int = 0
    updated: int = 0
    errors: list[RowError] = field(default_factory=list)
    warnings: list[RowError] = field(default_factory=list)
    #: Problems found in the file but not listed (IMPORT_MAX_MESSAGES).
    errors_omitted: int = 0
    warnings_omitted: int = 0

    @property
    def imported(self) -> int:
        return self.created + self.updated


def expiry_of(kind: PatentKind | None, filing_date: dt.date | None, adjustment_days: int,
              extension_days: int) -> dt.date | None:
    """The patent's expiry per D18, when its kind and filing date are known."""
    if kind is None or filing_date is None:
        return None
    return patent_term_expiry(kind, filing_date, adjustment_days, extension_days)


def ipc_sections(codes: Sequence[str]) -> str:
    """The IPC sections (A–H) a patent's codes fall in, as one sorted string for filtering."""
    return "".join(sorted({code[0].upper() for code in codes if code[:1].isalpha()}))


def may_manage(actor: User, patent: Patent) -> bool:
    """Only the owning organisation's patentee users change a patent."""
    return actor.role is Role.PATENTEE and actor.organisation_id == patent.owner_id


def list_patents(
    session: Session, *, actor: User, filters: PatentFilters, page: int, per_page: int
) -> Page[Patent]:
    """The register for logged-in users; a patentee's portfolio when ``owner_id`` is theirs."""
    statement = select(Patent)
    if filters.owner_id is not None:
        statement = statement.where(Patent.owner_id == filters.owner_id)
    if filters.kind is not None:
        statement = statement.where(Patent.kind == filters.kind)
    if filters.legal_status is not None:
        statement = statement.where(Patent.legal_status == filters.legal_status)
    if filters.filing_year is not None:
        start = dt.date(filters.filing_year, 1, 1)
        statement = statement.where(col(Patent.filing_date) >= start,
                                    col(Patent.filing_date) < start.replace(year=start.year + 1))
    if filters.ipc_section:
        statement = statement.where(
            col(Patent.ipc_sections).contains(filters.ipc_section.upper()[:1]))
    if filters.q:
        needle = f"%{filters.q.strip()}%"
        statement = statement.where(or_(col(Patent.title).ilike(needle),
                                        col(Patent.application_number).ilike(needle),
                                        col(Patent.publication_number).ilike(needle)))
    total = session.exec(select(func.count()).select_from(statement.subquery())).one()
    rows = session.exec(
        statement.order_by(col(Patent.filing_date).desc(), col(Patent.id).desc())
        .offset((page - 1) * per_page).limit(per_page)
    ).all()
    return Page(items=list(rows), page=page, per_page=per_page, total=total)


def get_patent_details(session: Session, *, actor: User, patent_id: int) -> PatentDetails:
    patent = session.get(Patent, patent_id)
    if patent is None:
        raise NotFound(N_("No such patent."))
    owner = session.get(Organisation, patent.owner_id)
    assert owner is not None
    co_owners = list(session.exec(select(CoOwner).where(CoOwner.patent_id == patent_id)
                                  .order_by(col(CoOwner.id))))
    encumbrances = list(session.exec(select(Encumbrance).where(Encumbrance.patent_id == patent_id)
                                     .order_by(col(Encumbrance.id))))
    return PatentDetails(patent, owner, co_owners, encumbrances, may_manage(actor, patent))


def _require_patentee(actor: User) -> None:
    if actor.role is not Role.PATENTEE:
        raise PermissionDenied(N_("Only patentees import portfolios."))


def _apply_record(patent: Patent, record: PatentRecord) -> None:
    patent.jurisdiction = record.jurisdiction
    patent.source_id = record.source_id
    patent.application_number = record.application_number
    patent.patent_number = record.patent_number
    patent.publication_number = record.publication_number
    patent.kind = record.kind
    patent.title = record.title
    patent.abstract = record.abstract
    patent.first_claim = record.first_claim
    patent.ipc_codes = list(record.ipc_codes)
    patent.ipc_sections = ipc_sections(record.ipc_codes)
    patent.locarno_class = record.locarno_class
    patent.applicants = list(record.applicants)
    patent.language = record.language
    patent.filing_date = record.filing_date
    patent.grant_date = record.grant_date
    patent.publication_date = record.publication_date
    patent.term_adjustment_days = record.term_adjustment_days
    if record.legal_status is not None:
        patent.legal_status = LegalStatus(record.legal_status)
    patent.evaluation_report_ref = record.evaluation_report_ref
    if record.evaluation_conclusion is not None:
        patent.evaluation_conclusion = EvaluationConclusion(record.evaluation_conclusion)
    patent.expiry_date = expiry_of(record.kind, record.filing_date, record.term_adjustment_days,
                                   patent.term_extension_days)
    patent.updated_at = utcnow()


def import_records(
    session: Session,
    *,
    actor: User,
    records: Sequence[PatentRecord],
    parse_errors: Sequence[RowError] = (),
    parse_warnings: Sequence[RowError] = (),
    skip_invalid: bool = False,
) -> ImportOutcome:
    """Create or update the actor's patents from parsed records (re-import updates, keyed on
    jurisdiction + source id). With errors and not ``skip_invalid`` nothing is written."""
    _require_patentee(actor)
    outcome = ImportOutcome(errors=list(parse_errors), warnings=list(parse_warnings))
    keys = {(r.jurisdiction, r.source_id) for r in records}
    existing: dict[tuple[str, str], Patent] = {}
    source_ids = sorted({r.source_id for r in records})
    for chunk_start in range(0, len(source_ids), 500):
        chunk = source_ids[chunk_start:chunk_start + 500]
        for patent in session.exec(select(Patent).where(col(Patent.source_id).in_(chunk))):
            if (patent.jurisdiction, patent.source_id) in keys:
                existing[(patent.jurisdiction, patent.source_id)] = patent
    accepted: list[tuple[PatentRecord, Patent | None]] = []
    for record in records:
        current = existing.get((record.jurisdiction, record.source_id))
        if current is not None and current.owner_id != actor.organisation_id:
            outcome.errors.append(RowError(record.row, "application_number",
                                           N_("This patent is held by another organisation "
                                              "on the platform.")))
            continue
        accepted.append((record, current))
    if outcome.errors and not skip_invalid:
        return ImportOutcome(errors=sorted(outcome.errors, key=lambda e: e.row),
                             warnings=outcome.warnings)
    touched: list[tuple[PatentRecord, Patent]] = []
    for record, current in accepted:
        patent = current or Patent(owner_id=actor.organisation_id, source_id=record.source_id,
                                   title=record.title)
        _apply_record(patent, record)
        session.add(patent)
        touched.append((record, patent))
        if current is None:
            outcome.created += 1
        else:
            outcome.updated += 1
    session.flush()
    _replace_co_owners(session, touched)
    enqueue(session, [p.id for _, p in touched if p.id is not None], IndexAction.UPSERT)
    refresh_ledgers(session, [p for _, p in touched], cause=CAUSE_IMPORTED, actor=actor)
    record_event(session, actor=actor, action="portfolio.imported", entity_type="organisation",
                 entity_id=actor.organisation_id,
                 after={"created": outcome.created, "updated": outcome.updated,
                        "skipped_rows": [e.row for e in outcome.errors]})
    outcome.errors.sort(key=lambda e: e.row)
    return outcome


def import_parsed(session: Session, *, actor: User, parsed: ImportResult,
                  skip_invalid: bool = False) -> ImportOutcome:
    """`import_records` for a parsed file: its records, its problems and their omitted count."""
    outcome = import_records(session, actor=actor, records=parsed.records,
                             parse_errors=parsed.errors, parse_warnings=parsed.warnings,
                             skip_invalid=skip_invalid)
    outcome.errors_omitted = parsed.errors_omitted
    outcome.warnings_omitted = parsed.warnings_omitted
    return outcome


def _replace_co_owners(session: Session, touched: Sequence[tuple[PatentRecord, Patent]]) -> None:
    ids = [p.id for _, p in touched if p.id is not None]
    for chunk_start in range(0, len(ids), 500):
        chunk = ids[chunk_start:chunk_start + 500]
        for old in session.exec(select(CoOwner).where(col(CoOwner.patent_id).in_(chunk))):
            session.delete(old)
    names = {name for record, _ in touched for name, _share in record.co_owners}
    organisations = {
        org.name: org.id for org in session.exec(
            select(Organisation).where(col(Organisation.name).in_(sorted(names)))
        )
    } if names else {}
    for record, patent in touched:
        assert patent.id is not None
        session.add_all(
            CoOwner(patent_id=patent.id, name=name, share=Decimal(share),
                    organisation_id=organisations.get(name))
            for name, share in record.co_owners
        )


def add_encumbrance(
    session: Session, *, actor: User, patent_id: int, new: NewEncumbrance
) -> Encumbrance:
    """Record a licence, pledge or suspension over the patent (owner only); audited."""
    patent = session.get(Patent, patent_id)
    if patent is None:
        raise NotFound(N_("No such patent."))
    if not may_manage(actor, patent):
        raise PermissionDenied(N_("Only the patent's owner records encumbrances."))
    if new.start_date and new.end_date and new.end_date < new.start_date:
        raise ValidationFailed(N_("The end date is before the start date."),
                               {"end_date": [N_("Must not be before the start date.")]})
    if new.kind is EncumbranceKind.PLEDGE and new.pledgee_consent is None:
        raise ValidationFailed(N_("Say whether the pledgee consents to an open licence."),
                               {"pledgee_consent": [N_("Required for a pledge.")]})
    if new.kind in (EncumbranceKind.EXCLUSIVE_LICENCE, EncumbranceKind.SOLE_LICENCE) \
            and announced_declaration_blocking(session, patent_id=patent_id,
                                               end_date=new.end_date) is not None:
        raise Conflict(N_("An open licence is announced on this patent: no exclusive or sole "
                          "licence can be recorded until its withdrawal is announced (Law "
                          "Art. 51(3), D3)."))
    encumbrance = Encumbrance(patent_id=patent_id, **asdict(new))
    session.add(encumbrance)
    session.flush()
    record_event(session, actor=actor, action="patent.encumbrance_added", entity_type="patent",
                 entity_id=patent_id, after=asdict(new))
    return encumbrance


def remove_encumbrance(session: Session, *, actor: User, encumbrance_id: int) -> int:
    """Delete an encumbrance (owner only), audited; returns the patent's id."""
    encumbrance = session.get(Encumbrance, encumbrance_id)
    if encumbrance is None:
        raise NotFound(N_("No such encumbrance."))
    patent = session.get(Patent, encumbrance.patent_id)
    assert patent is not None
    if not may_manage(actor, patent):
        raise PermissionDenied(N_("Only the patent's owner records encumbrances."))
    before = encumbrance.model_dump()
    session.delete(encumbrance)
    record_event(session, actor=actor, action="patent.encumbrance_removed", entity_type="patent",
                 entity_id=patent.id, before=before)
    return encumbrance.patent_id
