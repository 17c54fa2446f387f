"""What each role has to do next, composed from the features' own services. Never commits.

No figure here is computed a second way: licences' next amounts come from the licensing
statements, record-filing and decision deadlines from the licensing rules, fees from the fee
ledger, mediation deadlines from the mediation service, declarations' blockers from the
declarations' consent facts and refusal notices. This module only selects and groups.

"New matches" of a need are the open licences its alert delivered after the newest match alert
the user has read (the alert notifications are how an SME hears of them; reading them is seeing
them).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from sqlalchemy import func
from sqlmodel import Session, col, select

from marketplace.accounts.models import Organisation, Role, User
from marketplace.declarations import services as declaration_services
from marketplace.declarations.rules import AWAITING_CONSENT, DeclarationStatus, Finding
from marketplace.declarations.services import DeclarationRow
from marketplace.errors import N_, PermissionDenied
from marketplace.fees.models import AnnualFee
from marketplace.fees.services import portfolio_fees
from marketplace.licensing import recordals
from marketplace.licensing import services as licensing_services
from marketplace.licensing.models import Licence, LicencePayment, RoyaltyReport
from marketplace.licensing.policy import LicensingPolicy
from marketplace.licensing.royalties import LineStatus, ObligationKind, StatementLine
from marketplace.licensing.rules import (
    LicenceState,
    RecordalState,
    RecordalTiming,
    recordal_decision_deadline,
)
from marketplace.licensing.services import LicenceRow
from marketplace.mediation import services as mediation_services
from marketplace.mediation.models import MediationCase
from marketplace.mediation.rules import CaseState, MediationPolicy
from marketplace.needs.alerts import SAVED_SEARCH_KIND
from marketplace.needs.models import (
    AlertDelivery,
    AlertKind,
    Need,
    NeedMatch,
    NeedStatus,
    SavedSearch,
)
from marketplace.notifications.models import Notification
from marketplace.notifications.services import list_notifications
from marketplace.patents.models import Patent

__all__ = [
    "MediatorDashboard",
    "NextStep",
    "OfficeDashboard",
    "PatenteeDashboard",
    "SmeDashboard",
    "mediator_dashboard",
    "office_dashboard",
    "patentee_dashboard",
    "sme_dashboard",
]

#: Items shown per list; each list links to its full page.
SHOWN: Final = 8
_OPEN_CASE_STATES: Final = frozenset({CaseState.SUBMITTED, CaseState.AWAITING_RESPONDENT,
                                      CaseState.ACCEPTED, CaseState.IN_MEDIATION})
_UNDECIDED_CASE_STATES: Final = (CaseState.SUBMITTED, CaseState.AWAITING_RESPONDENT)


def _require(actor: User, role: Role) -> None:
    if actor.role is not role:
        raise PermissionDenied(N_("This dashboard belongs to another role."))


# --- The SME --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class NeedCard:
    need: Need
    matches: int
    new_matches: int
    alert: bool


class StepKind:
    PAYMENT = "payment"
    REPORT = "report"
    RECORDAL = "recordal"


@dataclass(frozen=True)
class NextStep:
    """The next thing a licence asks of its licensee: a payment (``amount_fen``), a royalty
    report or the record-filing, by ``due_on``; ``overdue`` once that day has passed."""

    kind: str
    due_on: dt.date
    amount_fen: int | None
    overdue: bool
    obligation: ObligationKind | None = None


@dataclass(frozen=True)
class LicenceCard:
    row: LicenceRow
    steps: tuple[NextStep, ...]

    @property
    def next(self) -> NextStep | None:
        return self.steps[0] if self.steps else None


@dataclass(frozen=True)
class SmeDashboard:
    needs: list[NeedCard]
    licences: list[LicenceCard]
    unread: int
    notifications: list[Notification]
    today: dt.date


def _last_alert_read(session: Session, user: User) -> dt.datetime | None:
    return session.exec(select(func.max(Notification.created_at)).where(
        Notification.user_id == user.id, Notification.kind == SAVED_SEARCH_KIND,
        col(Notification.read_at).is_not(None))).one()


def need_cards(session: Session, actor: User, today: dt.date) -> list[NeedCard]:
    """The organisation's active needs, newest first, with their kept and new matches."""
    needs = list(session.exec(select(Need).where(
        Need.organisation_id == actor.organisation_id, Need.status == NeedStatus.OPEN,
        col(Need.valid_until) >= today).order_by(col(Need.created_at).desc(), col(Need.id).desc())))
    ids = [n.id for n in needs if n.id is not None]
    if not ids:
        return []
    kept = dict(session.exec(select(NeedMatch.need_id, func.count()).where(
        col(NeedMatch.need_id).in_(ids)).group_by(col(NeedMatch.need_id))).all())
    alerts = {s.need_id: s.id for s in session.exec(select(SavedSearch).where(
        col(SavedSearch.need_id).in_(ids)))}
    new: dict[int, int] = {}
    if alerts:
        seen = _last_alert_read(session, actor)
        statement = select(AlertDelivery.subject_id, func.count()).where(
            AlertDelivery.kind == AlertKind.SAVED_SEARCH,
            col(AlertDelivery.subject_id).in_(sorted(a for a in alerts.values() if a)))
        if seen is not None:
            statement = statement.where(col(AlertDelivery.delivered_at) > seen)
        new = dict(session.exec(statement.group_by(col(AlertDelivery.subject_id))).all())
    return [NeedCard(n, kept.get(n.id or 0, 0), new.get(alerts.get(n.id) or 0, 0), n.id in alerts)
            for n in needs]


def _payment_steps(lines: Sequence[StatementLine]) -> list[NextStep]:
    steps = []
    for line in lines:
        status, obligation = line.status, line.obligation
        if status is LineStatus.PAID:
            continue
        if status in (LineStatus.AWAITING_REPORT, LineStatus.REPORT_OVERDUE):
            steps.append(NextStep(StepKind.REPORT, obligation.due_on, None,
                                  status is LineStatus.REPORT_OVERDUE, obligation.kind))
        else:
            steps.append(NextStep(StepKind.PAYMENT, obligation.due_on,
                                  line.outstanding_fen,
                                  status is LineStatus.OVERDUE, obligation.kind))
    return steps


def licence_cards(session: Session, rows: Sequence[LicenceRow], policy: LicensingPolicy,
                  today: dt.date) -> list[LicenceCard]:
    """Each live licence with its next payments, reports and record-filing, soonest first."""
    live = [r for r in rows if r.licence.state is not LicenceState.ENDED]
    statements = licensing_services.statements(session, [r.licence for r in live], policy, today)
    cards = []
    for row in live:
        licence = row.licence
        assert licence.id is not None
        steps = _payment_steps(statements[licence.id].lines)
        if licence.effective_on is not None:
            filings = recordals.recordals_of(session, licence.id)
            due, timing, _latest = recordals.standing(licence, filings, today, policy)
            if timing in (RecordalTiming.NOT_DUE_YET, RecordalTiming.DUE_SOON,
                          RecordalTiming.OVERDUE) \
                    and not any(f.state is RecordalState.ACCEPTED for f in filings):
                steps.append(NextStep(StepKind.RECORDAL, due, None,
                                      timing is RecordalTiming.OVERDUE))
        steps.sort(key=lambda s: (not s.overdue, s.due_on))
        cards.append(LicenceCard(row, tuple(steps)))
    return sorted(cards, key=lambda c: (c.next is None, not (c.next and c.next.overdue),
                                        c.next.due_on if c.next else dt.date.max))


def sme_dashboard(session: Session, *, actor: User, policy: LicensingPolicy,
                  today: dt.date) -> SmeDashboard:
    _require(actor, Role.SME)
    unread = list_notifications(session, user=actor, unread_only=True, per_page=5)
    return SmeDashboard(
        needs=need_cards(session, actor, today),
        licences=licence_cards(session, licensing_services.my_licences(session, actor=actor),
                               policy, today),
        unread=unread.total, notifications=list(unread.items), today=today)


# --- The patentee ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class DeclarationCard:
    """A declaration that waits for someone, with what holds it."""

    row: DeclarationRow
    status: str  # a declaration status, or AWAITING_CONSENT
    findings: tuple[Finding, ...] = ()
    note: str = ""


@dataclass(frozen=True)
class MatchingNeed:
    need: Need
    organisation: Organisation
    patents: list[Patent]


@dataclass(frozen=True)
class PaymentToConfirm:
    payment: LicencePayment
    row: LicenceRow


@dataclass(frozen=True)
class ReportReceived:
    report: RoyaltyReport
    row: LicenceRow


@dataclass(frozen=True)
class PatenteeDashboard:
    by_status: dict[str, int]
    waiting: list[DeclarationCard]
    needs: list[MatchingNeed]
    needs_total: int
    fees: list[tuple[Patent, AnnualFee]]
    fees_total: int
    payments: list[PaymentToConfirm]
    reports: list[ReportReceived]
    unread: int
    today: dt.date
    patents: int = 0


_WAITING = (DeclarationStatus.DRAFT, DeclarationStatus.REFUSED, DeclarationStatus.SUBMITTED,
            DeclarationStatus.WITHDRAWAL_REQUESTED)


def declaration_cards(session: Session, actor: User) -> tuple[dict[str, int],
                                                                list[DeclarationCard]]:
    """Counts by shown status (drafts awaiting a co-owner apart), and the declarations that
    wait for someone with what holds them: refusal grounds, missing consents."""
    rows = declaration_services.list_declarations(session, actor=actor, status=None, page=1,
                                                  per_page=10_000).items
    missing = declaration_services.consents_to_declare_missing(
        session, [r for r in rows if r.declaration.status is DeclarationStatus.DRAFT])
    counts: Counter[str] = Counter()
    cards = []
    for row in rows:
        declaration = row.declaration
        status = str(declaration.status)
        if declaration.status is DeclarationStatus.DRAFT and missing.get(declaration.id or 0):
            status = AWAITING_CONSENT
        counts[status] += 1
        if declaration.status not in _WAITING:
            continue
        notice = declaration_services.refusal_notice(declaration) \
            if declaration.status is DeclarationStatus.REFUSED else None
        cards.append(DeclarationCard(row, status, notice.findings if notice else (),
                                     notice.note if notice else ""))
    order = {s: i for i, s in enumerate((str(DeclarationStatus.REFUSED), AWAITING_CONSENT,
                                         str(DeclarationStatus.DRAFT),
                                         str(DeclarationStatus.WITHDRAWAL_REQUESTED),
                                         str(DeclarationStatus.SUBMITTED)))}
    cards.sort(key=lambda c: (order[c.status], -(c.row.declaration.id or 0)))
    return dict(counts), cards


def matching_needs(session: Session, actor: User, today: dt.date,
                   limit: int = SHOWN) -> tuple[list[MatchingNeed], int]:
    """Other organisations' active needs among whose kept matches the organisation's patents
    are, newest need first, each with the patents it matches (best first): the first
    ``limit``, and how many there are."""
    rows = session.exec(
        select(Need, NeedMatch, Patent)
        .join(NeedMatch, col(NeedMatch.need_id) == Need.id)
        .join(Patent, col(Patent.id) == NeedMatch.patent_id)
        .where(Patent.owner_id == actor.organisation_id, Need.status == NeedStatus.OPEN,
               col(Need.valid_until) >= today,
               Need.organisation_id != actor.organisation_id)
        .order_by(col(Need.created_at).desc(), col(Need.id).desc(), col(NeedMatch.rank))).all()
    patents: dict[int, list[Patent]] = defaultdict(list)
    needs: dict[int, Need] = {}
    for need, _match, patent in rows:
        assert need.id is not None
        needs.setdefault(need.id, need)
        patents[need.id].append(patent)
    chosen = list(needs.values())[:limit]
    orgs = {o.id: o for o in session.exec(select(Organisation).where(
        col(Organisation.id).in_(sorted({n.organisation_id for n in chosen}))))}
    return ([MatchingNeed(n, orgs[n.organisation_id], patents[n.id or 0]) for n in chosen],
            len(needs))


def _licence_rows_by_id(session: Session, licence_ids: Sequence[int]) -> dict[int, LicenceRow]:
    licences = session.exec(select(Licence).where(col(Licence.id).in_(sorted(set(licence_ids)))))
    return {row.licence.id or 0: row
            for row in licensing_services.licence_rows(session, list(licences))}


def payments_to_confirm(session: Session, actor: User) -> list[PaymentToConfirm]:
    """Payments licensees recorded that the organisation has not confirmed, oldest first."""
    payments = list(session.exec(
        select(LicencePayment).join(Licence, col(Licence.id) == LicencePayment.licence_id)
        .where(Licence.licensor_organisation_id == actor.organisation_id,
               col(LicencePayment.confirmed_at).is_(None))
        .order_by(col(LicencePayment.paid_on), col(LicencePayment.id))))
    rows = _licence_rows_by_id(session, [p.licence_id for p in payments])
    return [PaymentToConfirm(p, rows[p.licence_id]) for p in payments]


def reports_received(session: Session, actor: User, limit: int = SHOWN) -> list[ReportReceived]:
    """The latest royalty reports licensees filed on the organisation's licences."""
    reports = list(session.exec(
        select(RoyaltyReport).join(Licence, col(Licence.id) == RoyaltyReport.licence_id)
        .where(Licence.licensor_organisation_id == actor.organisation_id)
        .order_by(col(RoyaltyReport.filed_at).desc(), col(RoyaltyReport.id).desc())
        .limit(limit)))
    rows = _licence_rows_by_id(session, [r.licence_id for r in reports])
    return [ReportReceived(r, rows[r.licence_id]) for r in reports]


def patentee_dashboard(session: Session, *, actor: User, today: dt.date) -> PatenteeDashboard:
    _require(actor, Role.PATENTEE)
    counts, waiting = declaration_cards(session, actor)
    portfolio = portfolio_fees(session, actor=actor, limit=0)
    unread = list_notifications(session, user=actor, unread_only=True, per_page=1).total
    needs, needs_total = matching_needs(session, actor, today)
    return PatenteeDashboard(
        by_status=counts, waiting=waiting, needs=needs, needs_total=needs_total,
        fees=portfolio.to_pay[:SHOWN], fees_total=len(portfolio.to_pay),
        payments=payments_to_confirm(session, actor), reports=reports_received(session, actor),
        unread=unread, today=today, patents=portfolio.total_patents)


# --- The office -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Deadline:
    """Something the office or a mediator must decide by ``due_on``."""

    due_on: dt.date
    overdue: bool


@dataclass(frozen=True)
class RecordalToDecide:
    standing: recordals.RecordalStanding
    deadline: Deadline


@dataclass(frozen=True)
class CaseItem:
    case: MediationCase
    deadline: Deadline | None
    patent: Patent | None = None


@dataclass(frozen=True)
class OfficeDashboard:
    declarations: list[DeclarationRow]
    declarations_total: int
    withdrawals: list[DeclarationRow]
    recordals: list[RecordalToDecide]
    recordals_overdue_to_file: int
    cases: list[CaseItem]
    today: dt.date

    @property
    def overdue(self) -> int:
        return sum(r.deadline.overdue for r in self.recordals) + sum(
            1 for c in self.cases if c.deadline and c.deadline.overdue)


def office_dashboard(session: Session, *, actor: User, licensing: LicensingPolicy,
                     mediation: MediationPolicy, today: dt.date) -> OfficeDashboard:
    """The office's queues: submitted declarations and withdrawal requests (oldest first),
    record-filings to decide within ``RECORDAL_DECISION_WORKING_DAYS`` and mediation requests to
    accept within ``MEDIATION_ACCEPT_WORKING_DAYS``, each with its deadline."""
    _require(actor, Role.OFFICE)
    queue = declaration_services.office_queue(session, actor=actor, page=1, per_page=10_000)
    submitted = [r for r in queue.items
                 if r.declaration.status is DeclarationStatus.SUBMITTED]
    withdrawals = [r for r in queue.items
                   if r.declaration.status is DeclarationStatus.WITHDRAWAL_REQUESTED]
    standings = recordals.office_queue(session, actor=actor, today=today, policy=licensing)
    to_decide = []
    for item in standings:
        if item.latest is None or item.latest.state is not RecordalState.PENDING:
            continue
        due = recordal_decision_deadline(item.latest.filed_on, licensing)
        to_decide.append(RecordalToDecide(item, Deadline(due, today > due)))
    to_decide.sort(key=lambda r: r.deadline.due_on)
    cases = []
    for case in mediation_services.list_cases(session, actor=actor):
        if case.state not in _UNDECIDED_CASE_STATES:
            continue
        d = mediation_services.deadlines(case, mediation, today)
        cases.append(CaseItem(case, Deadline(d.acceptance, d.acceptance_overdue)))
    cases.sort(key=lambda c: c.deadline.due_on if c.deadline else dt.date.max)
    return OfficeDashboard(
        declarations=submitted, declarations_total=len(submitted), withdrawals=withdrawals,
        recordals=to_decide,
        recordals_overdue_to_file=sum(s.timing is RecordalTiming.OVERDUE for s in standings),
        cases=cases, today=today)


# --- The mediator ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class MediatorDashboard:
    cases: list[CaseItem]
    closed: int
    today: dt.date


def mediator_dashboard(session: Session, *, actor: User, policy: MediationPolicy,
                       today: dt.date) -> MediatorDashboard:
    """The mediator's open cases, the one whose mediation period ends first on top."""
    _require(actor, Role.MEDIATOR)
    cases = mediation_services.list_cases(session, actor=actor)
    items = []
    for case in cases:
        if case.state not in _OPEN_CASE_STATES:
            continue
        d = mediation_services.deadlines(case, policy, today)
        deadline = Deadline(d.mediation, d.mediation_overdue) if d.mediation else None
        items.append(CaseItem(case, deadline, session.get(Patent, case.patent_id)))
    items.sort(key=lambda c: c.deadline.due_on if c.deadline else dt.date.max)
    return MediatorDashboard(items, len(cases) - len(items), today)
