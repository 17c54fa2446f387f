"""Declaring, pre-examining, announcing, refusing and withdrawing open licences. Never commits.

Every function takes the session and the acting user, checks what the actor may do, calls the
pure rules, writes an audit event for each legal event, enqueues the patent for the search
index on every change, and flushes. Consents live in `consents`; read-only queries over
announced declarations (the public register, licensing, fees) in `public`.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, replace
from typing import Any

from sqlalchemy import Text, cast, func
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from marketplace.accounts.models import Organisation, Role, User
from marketplace.audit.services import record_event
from marketplace.calendar import china_today, legal_date
from marketplace.db import utcnow
from marketplace.declarations import rules
from marketplace.declarations.estimator import (
    Estimate,
    EstimateInput,
    EstimateInputError,
    FeeCaps,
    FeeDistribution,
    declared_fee_distributions,
    estimate,
)
from marketplace.declarations.models import (
    AnnouncementCounter,
    ConsentPurpose,
    Declaration,
    DeclarationConsent,
)
from marketplace.declarations.rules import (
    DeclarationContent,
    DeclarationStatus,
    PreExamination,
    PreExamPolicy,
    Transition,
)
from marketplace.declarations.terms import FeeTerms, content_hash
from marketplace.errors import (
    N_,
    Conflict,
    InvalidStateTransition,
    Message,
    NotFound,
    PermissionDenied,
    ValidationFailed,
)
from marketplace.fees.refresh import CAUSE_DECLARATION, refresh_ledger
from marketplace.patents.models import CoOwner, Encumbrance, Patent
from marketplace.search.indexing import enqueue
from marketplace.search.models import IndexAction
from marketplace.web.pagination import Page

MAX_BULK = 200


def _moment(now: dt.datetime | None) -> tuple[dt.datetime, dt.date]:
    """The instant of a decision (now unless given) and its date in China."""
    instant = now or utcnow()
    return instant, legal_date(instant)


class PreExaminationFailed(ValidationFailed):
    """Pre-examination found reasons to refuse; ``result`` holds every finding (D2–D7)."""

    def __init__(self, message: str | Message, result: PreExamination) -> None:
        super().__init__(message, result.by_field())
        self.result = result


@dataclass(frozen=True)
class DeclarationRow:
    """A declaration with its patent and declaring organisation (lists, register, exports)."""

    declaration: Declaration
    patent: Patent
    organisation: Organisation


# -------------------------------------------------------------------------------------------------
# Loading and permissions
# -------------------------------------------------------------------------------------------------


def load(session: Session, declaration_id: int) -> Declaration:
    declaration = session.get(Declaration, declaration_id)
    if declaration is None:
        raise NotFound(N_("No such declaration."))
    return declaration


def is_declarant(actor: User, declaration: Declaration) -> bool:
    """The declaring organisation's patentee users act for it."""
    return actor.role is Role.PATENTEE and actor.organisation_id == declaration.organisation_id


def is_co_owner(session: Session, actor: User, declaration: Declaration) -> bool:
    """A patentee user of an organisation that co-owns the patent (and is not the declarant)."""
    if actor.role is not Role.PATENTEE or is_declarant(actor, declaration):
        return False
    return session.exec(select(CoOwner.id).where(
        CoOwner.patent_id == declaration.patent_id,
        CoOwner.organisation_id == actor.organisation_id)).first() is not None


def require_declarant(actor: User, declaration: Declaration) -> None:
    if not is_declarant(actor, declaration):
        raise PermissionDenied(N_("Only the declaring patentee can do this."))


def require_office(actor: User) -> None:
    if actor.role is not Role.OFFICE:
        raise PermissionDenied(N_("Only the office can do this."))


def may_read(session: Session, actor: User, declaration: Declaration) -> bool:
    """The declarant, its co-owners and the office see every state; anyone sees an announced
    declaration (it is public)."""
    return (declaration.status in rules.PUBLIC or actor.role is Role.OFFICE
            or is_declarant(actor, declaration) or is_co_owner(session, actor, declaration))


def get_declaration(session: Session, *, actor: User, declaration_id: int) -> Declaration:
    declaration = load(session, declaration_id)
    if not may_read(session, actor, declaration):
        raise NotFound(N_("No such declaration."))
    return declaration


def _row(session: Session, declaration: Declaration) -> DeclarationRow:
    patent = session.get(Patent, declaration.patent_id)
    organisation = session.get(Organisation, declaration.organisation_id)
    assert patent is not None and organisation is not None
    return DeclarationRow(declaration, patent, organisation)


def get_row(session: Session, *, actor: User, declaration_id: int) -> DeclarationRow:
    return _row(session, get_declaration(session, actor=actor, declaration_id=declaration_id))


# -------------------------------------------------------------------------------------------------
# Facts for the rules
# -------------------------------------------------------------------------------------------------


def patent_facts(session: Session, patent: Patent) -> rules.PatentFacts:
    encumbrances = session.exec(select(Encumbrance).where(Encumbrance.patent_id == patent.id)
                                .order_by(col(Encumbrance.id))).all()
    return rules.PatentFacts(
        jurisdiction=patent.jurisdiction, patent_number=patent.patent_number, kind=patent.kind,
        legal_status=patent.legal_status, grant_date=patent.grant_date,
        expiry_date=patent.expiry_date, fee_state=patent.fee_state,
        evaluation_report_ref=patent.evaluation_report_ref,
        evaluation_conclusion=patent.evaluation_conclusion,
        encumbrances=tuple(
            rules.EncumbranceFacts(kind=e.kind, start_date=e.start_date, end_date=e.end_date,
                                   pledgee_consent=e.pledgee_consent, reference=e.reference)
            for e in encumbrances),
    )


def _others(declaration: Declaration, organisation: Organisation,
            co_owners: Sequence[CoOwner]) -> tuple[CoOwner, ...]:
    """Of the patent's ``co_owners``, those other than the declaring ``organisation``."""
    keep = {c.name for c in rules.co_owners_to_consent(
        declaration.organisation_id, organisation.name,
        [rules.CoOwnerFacts(c.name, c.organisation_id) for c in co_owners])}
    return tuple(c for c in co_owners if c.name in keep)


def co_owners_to_consent(session: Session, declaration: Declaration) -> tuple[CoOwner, ...]:
    """The patent's co-owners other than the declarant, whose consent is needed (D2)."""
    organisation = session.get(Organisation, declaration.organisation_id)
    assert organisation is not None
    co_owners = session.exec(select(CoOwner).where(CoOwner.patent_id == declaration.patent_id)
                             .order_by(col(CoOwner.id))).all()
    return _others(declaration, organisation, co_owners)


def consent_rows(session: Session, declaration_id: int,
                 purpose: ConsentPurpose | None = None) -> list[DeclarationConsent]:
    statement = select(DeclarationConsent).where(
        DeclarationConsent.declaration_id == declaration_id)
    if purpose is not None:
        statement = statement.where(DeclarationConsent.purpose == purpose)
    return list(session.exec(statement.order_by(col(DeclarationConsent.id))))


def consent_facts(session: Session, declaration: Declaration,
                  purpose: ConsentPurpose) -> rules.ConsentFacts:
    assert declaration.id is not None
    given = {c.co_owner_name for c in consent_rows(session, declaration.id, purpose)
             if c.given_at is not None}
    return rules.ConsentFacts(
        required=tuple(c.name for c in co_owners_to_consent(session, declaration)),
        given=frozenset(given))


def consents_to_declare_missing(session: Session,
                                rows: Sequence[DeclarationRow]) -> dict[int, bool]:
    """For each listed declaration (by id), whether a co-owner's consent to declare is still
    missing: `consent_facts` for a whole page in two queries."""
    if not rows:
        return {}
    co_owners: dict[int, list[CoOwner]] = defaultdict(list)
    for co_owner in session.exec(select(CoOwner).where(col(CoOwner.patent_id).in_(
            sorted({r.declaration.patent_id for r in rows}))).order_by(col(CoOwner.id))):
        co_owners[co_owner.patent_id].append(co_owner)
    given: dict[int, set[str]] = defaultdict(set)
    for consent in session.exec(select(DeclarationConsent).where(
            col(DeclarationConsent.declaration_id).in_(
                sorted(r.declaration.id or 0 for r in rows)),
            DeclarationConsent.purpose == ConsentPurpose.DECLARE,
            col(DeclarationConsent.given_at).is_not(None))):
        given[consent.declaration_id].add(consent.co_owner_name)
    return {
        row.declaration.id or 0: bool(rules.ConsentFacts(
            required=tuple(c.name for c in _others(
                row.declaration, row.organisation, co_owners[row.declaration.patent_id])),
            given=frozenset(given[row.declaration.id or 0])).missing)
        for row in rows}


def pre_examine(session: Session, declaration: Declaration, policy: PreExamPolicy,
                day: dt.date) -> PreExamination:
    patent = session.get(Patent, declaration.patent_id)
    assert patent is not None
    return rules.pre_examine(patent_facts(session, patent), declaration.content(),
                             consent_facts(session, declaration, ConsentPurpose.DECLARE),
                             day, policy)


# -------------------------------------------------------------------------------------------------
# Drafting
# -------------------------------------------------------------------------------------------------


# Declaration events that change the patent's annual fees.
LEDGER_EVENTS = frozenset({"declaration.announced", "declaration.withdrawal_announced",
                           "declaration.false_materials_flagged"})


def record_change(session: Session, declaration: Declaration, actor: User, action: str,
             before: Mapping[str, Any] | None = None,
             after: Mapping[str, Any] | None = None) -> None:
    """Audit a legal event on ``declaration``, put its patent in the search outbox, and
    recompute the patent's fee ledger when the event changes its fees (D11, D14, D15)."""
    session.flush()
    record_event(session, actor=actor, action=action, entity_type="declaration",
                 entity_id=declaration.id, before=before, after=after)
    enqueue(session, [declaration.patent_id], IndexAction.UPSERT)
    if action in LEDGER_EVENTS:
        patent = session.get(Patent, declaration.patent_id)
        assert patent is not None
        refresh_ledger(session, patent, cause=CAUSE_DECLARATION, actor=actor)


def _content_dict(content: DeclarationContent) -> dict[str, Any]:
    data = asdict(content)
    data["fee_terms"] = content.fee_terms.to_dict() if content.fee_terms else None
    return data


def _check_content(content: DeclarationContent) -> None:
    problems = rules.content_problems(content)
    if problems:
        raise ValidationFailed(N_("Some fields are not valid; nothing was saved."), problems)


def open_declaration(session: Session, patent_id: int) -> Declaration | None:
    """The patent's declaration under way or in force, if any (one at a time, D1)."""
    return session.exec(select(Declaration).where(
        Declaration.patent_id == patent_id,
        col(Declaration.status).in_(sorted(rules.OPEN))).order_by(
        col(Declaration.id).desc())).first()


def patents_with_open_declarations(session: Session, patent_ids: Sequence[int]) -> set[int]:
    """Which of these patents have a declaration under way or in force (one query)."""
    return set(session.exec(select(Declaration.patent_id).where(
        col(Declaration.patent_id).in_(list(patent_ids)),
        col(Declaration.status).in_(sorted(rules.OPEN)))))


def _patent_problem(session: Session, actor: User, patent: Patent | None) -> Message | None:
    """Why ``actor`` cannot draft a declaration for ``patent``, or ``None``."""
    if patent is None:
        return Message(N_("No such patent."))
    if actor.role is not Role.PATENTEE or actor.organisation_id != patent.owner_id:
        return Message(N_("%(patent)s is not in your portfolio."), {"patent": patent.title})
    if patent.jurisdiction != "CN":
        return Message(N_("%(patent)s is not a Chinese patent: only CNIPA patents can be "
                          "declared (Law Art. 50)."), {"patent": patent.title})
    existing = open_declaration(session, patent.id or 0)
    if existing is not None:
        return Message(N_("%(patent)s already has a declaration (%(status)s): revise or "
                          "withdraw that one."),
                       {"patent": patent.title, "status": rules.status_name(existing.status)})
    return None


def _new_draft(session: Session, actor: User, patent: Patent,
               content: DeclarationContent) -> Declaration:
    assert patent.id is not None
    declaration = Declaration(patent_id=patent.id, organisation_id=patent.owner_id,
                              created_by_id=actor.id)
    declaration.apply_content(content)
    session.add(declaration)
    record_change(session, declaration, actor, "declaration.drafted", after=_content_dict(content))
    _request(session, actor, declaration, ConsentPurpose.DECLARE)
    return declaration


def create_draft(session: Session, *, actor: User, patent_id: int,
                 content: DeclarationContent) -> Declaration:
    """Draft a declaration for one patent of the actor's portfolio (D1); the consents of the
    co-owners are requested at once (D2). Fields must be valid; completeness is checked by
    pre-examination."""
    patent = session.get(Patent, patent_id)
    if patent is None:
        raise NotFound(N_("No such patent."))
    if actor.role is not Role.PATENTEE or actor.organisation_id != patent.owner_id:
        raise PermissionDenied(N_("Only the patent's owner can declare it."))
    problem = _patent_problem(session, actor, patent)
    if problem is not None:
        raise Conflict(problem)
    _check_content(content)
    return _new_draft(session, actor, patent, content)


def create_drafts(session: Session, *, actor: User, patent_ids: Sequence[int],
                  content: DeclarationContent) -> list[Declaration]:
    """Draft one declaration per patent with the same terms (D1: a portfolio is declared patent
    by patent). All or nothing: any patent that cannot be declared is reported by id."""
    if actor.role is not Role.PATENTEE:
        raise PermissionDenied(N_("Only patentees declare open licences."))
    ids = list(dict.fromkeys(patent_ids))
    if not ids:
        raise ValidationFailed(N_("Choose at least one patent."),
                               {"patent_ids": [N_("Choose at least one patent.")]})
    if len(ids) > MAX_BULK:
        raise ValidationFailed(N_("Too many patents at once."),
                               {"patent_ids": [Message(N_("At most %(max)s patents at once."),
                                                       {"max": MAX_BULK})]})
    _check_content(content)
    patents = {p.id: p for p in session.exec(select(Patent).where(col(Patent.id).in_(ids)))}
    problems = [problem for pid in ids
                if (problem := _patent_problem(session, actor, patents.get(pid))) is not None]
    if problems:
        raise ValidationFailed(N_("Some patents cannot be declared; nothing was saved."),
                               {"patent_ids": problems})
    return [_new_draft(session, actor, patents[pid], content) for pid in ids]


def _require_editable(declaration: Declaration) -> None:
    if declaration.status not in rules.EDITABLE:
        if declaration.status in rules.PUBLIC:
            raise InvalidStateTransition(N_(
                "Announced terms never change: withdraw the declaration and declare anew (D8)."))
        raise InvalidStateTransition(N_("A submitted declaration cannot be changed while the "
                                        "office examines it."))


def update_draft(session: Session, *, actor: User, declaration_id: int,
                 content: DeclarationContent) -> Declaration:
    """Change a draft's terms; a refused declaration is revised back into a draft. Consents
    already given to the old terms are asked for again (D2: they agreed to other terms)."""
    declaration = get_declaration(session, actor=actor, declaration_id=declaration_id)
    require_declarant(actor, declaration)
    _require_editable(declaration)
    _check_content(content)
    before = declaration.content()
    if declaration.status is DeclarationStatus.REFUSED:
        declaration.status = rules.next_status(declaration.status, Transition.REVISE)
        record_change(session, declaration, actor, "declaration.revised")
    if content != before:
        declaration.apply_content(content)
        declaration.updated_at = utcnow()
        record_change(session, declaration, actor, "declaration.updated",
                 before=_content_dict(before), after=_content_dict(content))
        _reset_consents(session, actor, declaration)
    return declaration


def store_estimate(session: Session, *, actor: User, declaration_id: int,
                   inputs: EstimateInput, caps: FeeCaps) -> Estimate:
    """Work out the royalty estimate (DOMAIN §6) and keep it with the draft."""
    declaration = get_declaration(session, actor=actor, declaration_id=declaration_id)
    require_declarant(actor, declaration)
    _require_editable(declaration)
    try:
        result = estimate(inputs, caps)
    except EstimateInputError as error:
        raise ValidationFailed(error.detail, error.details) from error
    declaration.estimate = result.to_dict()
    declaration.updated_at = utcnow()
    record_change(session, declaration, actor, "declaration.estimated",
             after={"inputs": result.inputs.to_dict()})
    return result


def stored_estimate(declaration: Declaration) -> Estimate | None:
    if not declaration.estimate:
        return None
    return Estimate.from_dict(declaration.estimate)


def apply_estimated_terms(session: Session, *, actor: User, declaration_id: int,
                          terms: FeeTerms) -> Declaration:
    """Take one payment method's result of the stored estimate as the draft's fee terms."""
    declaration = get_declaration(session, actor=actor, declaration_id=declaration_id)
    found = stored_estimate(declaration)
    if found is None or all(r.terms != terms for r in found.results):
        raise ValidationFailed(N_("These terms are not a result of the stored estimate."))
    return update_draft(session, actor=actor, declaration_id=declaration_id,
                        content=replace(declaration.content(), fee_terms=terms))


def main_ipc_subclass(patent: Patent) -> str | None:
    """The subclass of the patent's first IPC code (``C02F`` of ``C02F 3/28``)."""
    if not patent.ipc_codes:
        return None
    code = patent.ipc_codes[0].replace(" ", "").upper()
    return code[:4] if len(code) >= 4 else None


def has_ipc_prefix(prefix: str) -> Any:
    """SQL condition: one of the patent's IPC codes starts with ``prefix`` (``C02F``,
    ``C02F 3/28``); the codes are stored as a JSON list, so the prefix follows a quote."""
    return cast(col(Patent.ipc_codes), Text).like(f'%"{prefix.strip().upper()}%')


def declared_terms_in_subclass(session: Session, subclass: str) -> list[FeeTerms]:
    """Fee terms of the declarations in force for patents with an IPC code in ``subclass``:
    the input of the estimator's distribution of declared fees (DOMAIN §6, issue item 2)."""
    rows = session.exec(
        select(Declaration).join(Patent, col(Patent.id) == Declaration.patent_id).where(
            col(Declaration.status).in_(sorted(rules.IN_FORCE)),
            has_ipc_prefix(subclass))).all()
    return [terms for d in rows if (terms := d.fee_terms) is not None]


def fee_distributions_for(session: Session, patent: Patent) -> tuple[FeeDistribution, ...]:
    """The distribution of fees declared for the patent's IPC subclass, by fee method; empty
    when there are too few to show (or the patent has no IPC code)."""
    subclass = main_ipc_subclass(patent)
    if subclass is None:
        return ()
    return declared_fee_distributions(declared_terms_in_subclass(session, subclass))


# -------------------------------------------------------------------------------------------------
# Consents (requests are made here so drafting can ask for them; giving is in `consents`)
# -------------------------------------------------------------------------------------------------


def _request(session: Session, actor: User, declaration: Declaration,
             purpose: ConsentPurpose) -> list[DeclarationConsent]:
    assert declaration.id is not None
    existing = {c.co_owner_name for c in consent_rows(session, declaration.id, purpose)}
    added = [
        DeclarationConsent(declaration_id=declaration.id, purpose=purpose,
                           co_owner_name=co.name, co_owner_organisation_id=co.organisation_id,
                           requested_by_id=actor.id)
        for co in co_owners_to_consent(session, declaration) if co.name not in existing
    ]
    if added:
        session.add_all(added)
        record_change(session, declaration, actor, "declaration.consents_requested",
                 after={"purpose": purpose.value, "co_owners": [c.co_owner_name for c in added]})
    return added


def request_consents(session: Session, *, actor: User, declaration_id: int,
                     purpose: ConsentPurpose) -> list[DeclarationConsent]:
    """Ask every co-owner not yet asked for its consent to declaring (while drafting) or to
    withdrawing (while announced), D2. Returns the requests added."""
    declaration = get_declaration(session, actor=actor, declaration_id=declaration_id)
    require_declarant(actor, declaration)
    if purpose is ConsentPurpose.DECLARE:
        _require_editable(declaration)
    elif declaration.status is not DeclarationStatus.ANNOUNCED:
        raise InvalidStateTransition(N_("Consents to withdraw are asked for an announced "
                                        "declaration."))
    return _request(session, actor, declaration, purpose)


def _reset_consents(session: Session, actor: User, declaration: Declaration) -> None:
    assert declaration.id is not None
    given = [c for c in consent_rows(session, declaration.id, ConsentPurpose.DECLARE)
             if c.given_at is not None]
    for consent in given:
        consent.given_at = consent.given_by_id = consent.method = None
        consent.signatory = consent.signed_on = None
        consent.requested_at = utcnow()
    if given:
        record_change(session, declaration, actor, "declaration.consents_reset",
                 after={"co_owners": [c.co_owner_name for c in given]})


# -------------------------------------------------------------------------------------------------
# Pre-examination and submission
# -------------------------------------------------------------------------------------------------


def check_declaration(session: Session, *, actor: User, declaration_id: int,
                      policy: PreExamPolicy, today: dt.date | None = None) -> PreExamination:
    """Dry run: the pre-examination as it would go today (declarant or office); changes
    nothing."""
    declaration = get_declaration(session, actor=actor, declaration_id=declaration_id)
    if not (is_declarant(actor, declaration) or actor.role is Role.OFFICE):
        raise PermissionDenied(N_("Only the declaring patentee and the office can check a "
                                  "declaration."))
    return pre_examine(session, declaration, policy, today or china_today())


def submit_declaration(session: Session, *, actor: User, declaration_id: int,
                       policy: PreExamPolicy, now: dt.datetime | None = None) -> PreExamination:
    """Submit a draft to the office. Pre-examination runs first: any refusal blocks the
    submission and every reason is reported at once (nothing changes); warnings (D6) pass and
    are kept with the submission for the office."""
    declaration = get_declaration(session, actor=actor, declaration_id=declaration_id)
    require_declarant(actor, declaration)
    status = rules.next_status(declaration.status, Transition.SUBMIT)
    instant, day = _moment(now)
    result = pre_examine(session, declaration, policy, day)
    if not result.passed:
        raise PreExaminationFailed(
            Message(N_("Pre-examination found %(count)s reasons to refuse; nothing was "
                       "submitted."), {"count": len(result.refusals)}), result)
    declaration.status = status
    declaration.submitted_at = instant
    declaration.pre_examination = result.to_dict()
    record_change(session, declaration, actor, "declaration.submitted",
             after={"warnings": [f.code for f in result.warnings]})
    return result


# -------------------------------------------------------------------------------------------------
# The office
# -------------------------------------------------------------------------------------------------


def row_select() -> Any:
    """``SELECT declaration, patent, organisation`` joined: the shape of every list."""
    return (select(Declaration, Patent, Organisation)
            .join(Patent, col(Patent.id) == Declaration.patent_id)
            .join(Organisation, col(Organisation.id) == Declaration.organisation_id))


def page_of_rows(session: Session, statement: Any, page: int,
                 per_page: int) -> Page[DeclarationRow]:
    """One page of a `row_select` statement, with the total count."""
    total = session.exec(select(func.count()).select_from(statement.subquery())).one()
    rows = session.exec(statement.offset((page - 1) * per_page).limit(per_page)).all()
    return Page(items=[DeclarationRow(*row) for row in rows], page=page, per_page=per_page,
                total=total)


def office_queue(session: Session, *, actor: User, page: int,
                 per_page: int) -> Page[DeclarationRow]:
    """Submitted declarations and withdrawal requests waiting for the office, oldest first."""
    require_office(actor)
    waiting = [DeclarationStatus.SUBMITTED, DeclarationStatus.WITHDRAWAL_REQUESTED]
    statement = row_select().where(col(Declaration.status).in_(waiting)).order_by(
        func.coalesce(Declaration.withdrawal_requested_at, Declaration.submitted_at),
        col(Declaration.id))
    return page_of_rows(session, statement, page, per_page)


def list_declarations(session: Session, *, actor: User, status: DeclarationStatus | None,
                      page: int, per_page: int) -> Page[DeclarationRow]:
    """A patentee's own declarations, or (office) everyone's, newest first."""
    statement = row_select()
    if actor.role is Role.PATENTEE:
        statement = statement.where(Declaration.organisation_id == actor.organisation_id)
    elif actor.role is not Role.OFFICE:
        raise PermissionDenied(N_("Only patentees and the office list declarations."))
    if status is not None:
        statement = statement.where(Declaration.status == status)
    return page_of_rows(session, statement.order_by(col(Declaration.id).desc()), page,
                        per_page)


def next_public_number(session: Session, series: str, year: int) -> str:
    """The next public number of ``series`` in ``year`` (``KF-OL-2026-000123``): declarations,
    withdrawals, notices, licences, recordals and mediation cases share this counter table."""
    return rules.announcement_number(series, year, _next_sequence(session, series, year))


def _next_sequence(session: Session, series: str, year: int) -> int:
    """The next number of ``series`` in ``year``; the counter row is locked until commit."""
    statement = select(AnnouncementCounter).where(
        AnnouncementCounter.series == series, AnnouncementCounter.year == year)
    counter = session.exec(statement.with_for_update()).first()
    if counter is None:
        try:
            with session.begin_nested():
                session.add(AnnouncementCounter(series=series, year=year, last=0))
        except IntegrityError:
            pass  # another transaction created it first; lock theirs
        counter = session.exec(statement.with_for_update()).one()
    counter.last += 1
    session.flush()
    return counter.last


def patentees(session: Session, declaration: Declaration) -> list[str]:
    """Every patentee, the declarant first, as the register names them (R2.2(2))."""
    organisation = session.get(Organisation, declaration.organisation_id)
    assert organisation is not None
    names = [organisation.name]
    names.extend(c.name for c in co_owners_to_consent(session, declaration))
    return names


def announce_declaration(session: Session, *, actor: User, declaration_id: int,
                         policy: PreExamPolicy, now: dt.datetime | None = None) -> Declaration:
    """Announce a submitted declaration (R3.7, R3.8): pre-examination runs again on the day; the
    declaration gets the next public number of the year, the date, and its terms frozen as a
    snapshot with a content hash (D8)."""
    require_office(actor)
    declaration = get_declaration(session, actor=actor, declaration_id=declaration_id)
    status = rules.next_status(declaration.status, Transition.ANNOUNCE)
    instant, day = _moment(now)
    result = pre_examine(session, declaration, policy, day)
    if not result.passed:
        raise PreExaminationFailed(N_("The declaration fails pre-examination today: refuse it "
                                      "with these reasons instead."), result)
    patent = session.get(Patent, declaration.patent_id)
    assert patent is not None and declaration.id is not None
    number = next_public_number(session, rules.DECLARATION_SERIES, day.year)
    snapshot = rules.build_snapshot(
        declaration_id=declaration.id, number=number, announced_on=day,
        patent=rules.SnapshotPatent(
            patent_number=patent.patent_number, application_number=patent.application_number,
            title=patent.title, kind=patent.kind, ipc_codes=tuple(patent.ipc_codes),
            locarno_class=patent.locarno_class, expiry_date=patent.expiry_date),
        patentees=patentees(session, declaration), content=declaration.content())
    declaration.status = status
    declaration.announcement_number = number
    declaration.announcement_date = day
    declaration.announced_at = instant
    declaration.decided_at = instant
    declaration.snapshot = snapshot
    declaration.snapshot_hash = content_hash(snapshot)
    declaration.pre_examination = result.to_dict()
    record_change(session, declaration, actor, "declaration.announced",
             after={"announcement_number": number, "announcement_date": day,
                    "snapshot_hash": declaration.snapshot_hash})
    return declaration


def _note_problems(note: str, *, required: bool) -> list[Message]:
    if required and not note.strip():
        return [Message(N_("Required."))]
    return rules.text_problems(note, rules.NOTE_LIMIT)


def refuse_declaration(session: Session, *, actor: User, declaration_id: int,
                       policy: PreExamPolicy, finding_codes: Sequence[str] = (),
                       note: str = "", now: dt.datetime | None = None) -> Declaration:
    """Refuse to announce (R3.7): the refusal notice the patentee sees holds the findings of
    today's pre-examination the office relies on (by code) and the office's own note."""
    require_office(actor)
    declaration = get_declaration(session, actor=actor, declaration_id=declaration_id)
    status = rules.next_status(declaration.status, Transition.REFUSE)
    instant, day = _moment(now)
    result = pre_examine(session, declaration, policy, day)
    current = {f.code for f in result.refusals}
    problems: dict[str, list[Message]] = {}
    unknown = sorted(set(finding_codes) - current)
    if unknown:
        problems["finding_codes"] = [Message(N_("%(codes)s: not a finding of today's "
                                                "pre-examination."),
                                             {"codes": ", ".join(unknown)})]
    note_problems = _note_problems(note, required=False)
    if note_problems:
        problems["note"] = note_problems
    if not finding_codes and not note.strip():
        problems["note"] = [Message(N_("Give at least one reason: choose a finding or write "
                                       "a note."))]
    if problems:
        raise ValidationFailed(N_("The refusal notice is not valid; nothing was changed."),
                               problems)
    chosen = [f for f in result.refusals if f.code in set(finding_codes)]
    declaration.status = status
    declaration.decided_at = instant
    declaration.pre_examination = result.to_dict()
    declaration.refusal_notice = {"issued_on": day.isoformat(),
                                  "findings": [f.to_dict() for f in chosen],
                                  "note": note.strip()}
    record_change(session, declaration, actor, "declaration.refused",
             after={"findings": [f.code for f in chosen], "note": note.strip()})
    return declaration


@dataclass(frozen=True)
class RefusalNotice:
    issued_on: dt.date
    findings: tuple[rules.Finding, ...]
    note: str


def refusal_notice(declaration: Declaration) -> RefusalNotice | None:
    data = declaration.refusal_notice
    if not data:
        return None
    return RefusalNotice(dt.date.fromisoformat(data["issued_on"]),
                         tuple(rules.Finding.from_dict(f) for f in data["findings"]),
                         str(data.get("note") or ""))


def last_pre_examination(declaration: Declaration) -> PreExamination | None:
    if not declaration.pre_examination:
        return None
    return PreExamination.from_dict(declaration.pre_examination)


# -------------------------------------------------------------------------------------------------
# Withdrawal
# -------------------------------------------------------------------------------------------------


def request_withdrawal(session: Session, *, actor: User, declaration_id: int,
                       reason: str, now: dt.datetime | None = None) -> Declaration:
    """Ask the office to announce the withdrawal (Law Art. 50(2), R3.10): in writing, with a
    legitimate reason, and with the consent of every co-owner (D2)."""
    declaration = get_declaration(session, actor=actor, declaration_id=declaration_id)
    require_declarant(actor, declaration)
    status = rules.next_status(declaration.status, Transition.REQUEST_WITHDRAWAL)
    problems: dict[str, list[Message]] = {}
    reason_problems = _note_problems(reason, required=True)
    if reason_problems:
        problems["reason"] = reason_problems
    missing = consent_facts(session, declaration, ConsentPurpose.WITHDRAW).missing
    if missing:
        problems["consents"] = [
            Message(N_("Co-owner %(name)s has not consented to the withdrawal."), {"name": name})
            for name in missing]
    if problems:
        raise ValidationFailed(N_("The withdrawal cannot be requested yet; nothing was "
                                  "changed."), problems)
    declaration.status = status
    declaration.withdrawal_reason = reason.strip()
    declaration.withdrawal_requested_at = _moment(now)[0]
    declaration.withdrawal_refusal_note = None
    record_change(session, declaration, actor, "declaration.withdrawal_requested",
             after={"reason": declaration.withdrawal_reason})
    return declaration


def announce_withdrawal(session: Session, *, actor: User, declaration_id: int,
                        now: dt.datetime | None = None) -> Declaration:
    """Announce the withdrawal: from this date no new licence can be taken; licences taken
    before keep their frozen terms (Law Art. 50(2), R1.5, D8)."""
    require_office(actor)
    declaration = get_declaration(session, actor=actor, declaration_id=declaration_id)
    status = rules.next_status(declaration.status, Transition.ANNOUNCE_WITHDRAWAL)
    instant, day = _moment(now)
    if declaration.announcement_date and day < declaration.announcement_date:
        raise ValidationFailed(N_("A withdrawal cannot be announced before the declaration."))
    number = next_public_number(session, rules.WITHDRAWAL_SERIES, day.year)
    declaration.status = status
    declaration.withdrawal_number = number
    declaration.withdrawal_date = day
    declaration.decided_at = instant
    record_change(session, declaration, actor, "declaration.withdrawal_announced",
             after={"withdrawal_number": number, "withdrawal_date": day})
    return declaration


def refuse_withdrawal(session: Session, *, actor: User, declaration_id: int,
                      note: str, now: dt.datetime | None = None) -> Declaration:
    """Refuse a withdrawal request (for example, no legitimate reason given, R3.10): the
    declaration stays announced and the patentee sees the note."""
    require_office(actor)
    declaration = get_declaration(session, actor=actor, declaration_id=declaration_id)
    status = rules.next_status(declaration.status, Transition.REFUSE_WITHDRAWAL)
    problems = _note_problems(note, required=True)
    if problems:
        raise ValidationFailed(N_("Say why the withdrawal is refused."), {"note": problems})
    declaration.status = status
    declaration.withdrawal_refusal_note = note.strip()
    declaration.decided_at = _moment(now)[0]
    record_change(session, declaration, actor, "declaration.withdrawal_refused",
             after={"note": note.strip()})
    return declaration


def flag_false_materials(session: Session, *, actor: User, declaration_id: int,
                         flagged_on: dt.date, note: str,
                         today: dt.date | None = None) -> Declaration:
    """The office flags a declaration as obtained by false materials (D15, Regs Arts. 88, 100):
    the fee ledger turns every reduction it produced into an amount owed. Audited."""
    require_office(actor)
    declaration = get_declaration(session, actor=actor, declaration_id=declaration_id)
    if declaration.status not in rules.PUBLIC:
        raise InvalidStateTransition(N_("Only an announced declaration can be flagged."))
    if declaration.false_materials_on is not None:
        raise Conflict(N_("This declaration is already flagged."))
    problems: dict[str, list[Message]] = {}
    note_problems = _note_problems(note, required=True)
    if note_problems:
        problems["note"] = note_problems
    day = today or china_today()
    announced = declaration.announcement_date
    if flagged_on > day or (announced is not None and flagged_on < announced):
        problems["flagged_on"] = [Message(N_("Between the announcement and today."))]
    if problems:
        raise ValidationFailed(N_("The flag is not valid; nothing was changed."), problems)
    declaration.false_materials_on = flagged_on
    declaration.false_materials_note = note.strip()
    record_change(session, declaration, actor, "declaration.false_materials_flagged",
             after={"flagged_on": flagged_on, "note": note.strip()})
    return declaration
