"""Taking open licences, payments, royalty reports, termination and the lists. Never commits.

Every function takes the session and the acting user, checks what the actor may do, calls the
pure rules (`rules`, `royalties`), writes an audit event for each legal event and flushes.
Record-filing lives in `recordals`, negotiated licences in `negotiated`, the end of licences in
`lifecycle`.

A licence is formed (D9) when the written notice and the first payment both exist. The first
payment "exists" when the licensee records it (with its proof) covering the amount the frozen
terms require first; the patentee's confirmation of receipt is recorded beside it but does not
hold up formation (R1.6: paying is the licensee's act). Under running royalties the first payment
is the first period's report with its royalty paid (a nil royalty needs no payment).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import IO

from sqlalchemy import func
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from marketplace.accounts.models import Organisation, Role, User
from marketplace.audit.services import record_event
from marketplace.db import utcnow
from marketplace.declarations import rules as declaration_rules
from marketplace.declarations.models import Declaration
from marketplace.declarations.rules import DeclarationStatus
from marketplace.declarations.services import next_public_number
from marketplace.declarations.terms import FeeTerms
from marketplace.errors import (
    N_,
    Amount,
    Conflict,
    Message,
    NotFound,
    PermissionDenied,
    ValidationFailed,
)
from marketplace.fees.models import FeeLedger
from marketplace.files import UploadRejected, store
from marketplace.licensing import rules
from marketplace.licensing.lifecycle import end_licence
from marketplace.licensing.models import Licence, LicencePayment, RoyaltyReport
from marketplace.licensing.notice import Party, WrittenNotice, notice_from_snapshot
from marketplace.licensing.policy import LicensingPolicy
from marketplace.licensing.royalties import (
    LicenceStatement,
    LicenceTimeline,
    Payment,
    Period,
    ReportFigures,
    licence_statement,
    payment_schedule,
    report_problems,
    royalty_fen,
)
from marketplace.licensing.royalties import RoyaltyReport as ReportFacts
from marketplace.licensing.rules import (
    FirstPayment,
    FirstPaymentKind,
    LicenceEvent,
    LicenceState,
    legal_date,
)
from marketplace.notifications.services import notify
from marketplace.patents.models import Patent
from marketplace.patents.rules import LegalStatus

LICENCE_SERIES = "KF-LIC"
NOTICE_SERIES = "KF-NTC"
REFERENCE_LIMIT = 200
KEY_LIMIT = 100
_LIVE = (LicenceState.PENDING, LicenceState.EFFECTIVE)


# -------------------------------------------------------------------------------------------------
# Loading and permissions
# -------------------------------------------------------------------------------------------------


def is_licensee(actor: User, licence: Licence) -> bool:
    return actor.role is Role.SME and actor.organisation_id == licence.licensee_organisation_id


def is_licensor(actor: User, licence: Licence) -> bool:
    return (actor.role is Role.PATENTEE
            and actor.organisation_id == licence.licensor_organisation_id)


def is_party(actor: User, licence: Licence) -> bool:
    return is_licensee(actor, licence) or is_licensor(actor, licence)


def may_read(actor: User, licence: Licence) -> bool:
    """The two parties and the office."""
    return is_party(actor, licence) or actor.role is Role.OFFICE


def load(session: Session, licence_id: int) -> Licence:
    licence = session.get(Licence, licence_id)
    if licence is None:
        raise NotFound(N_("No such licence."))
    return licence


def get_licence(session: Session, *, actor: User, licence_id: int) -> Licence:
    """The licence, for its parties and the office; anyone else is told it does not exist."""
    licence = load(session, licence_id)
    if not may_read(actor, licence):
        raise NotFound(N_("No such licence."))
    return licence


def _require_licensee(actor: User, licence: Licence) -> None:
    if not is_licensee(actor, licence):
        raise PermissionDenied(N_("Only the licensee can do this."))


def _require_licensor(actor: User, licence: Licence) -> None:
    if not is_licensor(actor, licence):
        raise PermissionDenied(N_("Only the patentee can do this."))


# -------------------------------------------------------------------------------------------------
# Facts for the rules
# -------------------------------------------------------------------------------------------------


def terms_of(licence: Licence) -> FeeTerms:
    """The frozen terms copied from the declaration when the licence was taken (D8)."""
    return FeeTerms.from_dict(licence.snapshot["fee_terms"])


def patent_standing(session: Session, patent: Patent) -> rules.PatentStanding:
    """The patent's standing: a lapse runs from the unpaid fee's due date (the ledger's
    ``lapsed_on``, D13); an invalidation or surrender from the day the patent's status was
    recorded (the import sets it from the office's decision)."""
    since: dt.date | None = None
    if patent.legal_status is LegalStatus.LAPSED:
        header = session.exec(select(FeeLedger).where(FeeLedger.patent_id == patent.id)).first()
        since = header.lapsed_on if header is not None else None
    if patent.legal_status in (LegalStatus.LAPSED, LegalStatus.INVALIDATED,
                               LegalStatus.SURRENDERED) and since is None:
        since = legal_date(patent.updated_at)
    return rules.PatentStanding(status=patent.legal_status, expiry=patent.expiry_date,
                                status_since=since)


def declaration_standing(declaration: Declaration) -> rules.DeclarationStanding:
    assert declaration.licence_end is not None
    withdrawn = (declaration.withdrawal_date
                 if declaration.status is DeclarationStatus.WITHDRAWN else None)
    return rules.DeclarationStanding(announced_on=declaration.announcement_date,
                                     licence_end=declaration.licence_end,
                                     withdrawn_on=withdrawn)


def first_payment(licence: Licence) -> FirstPayment:
    """What the frozen terms required first, as recorded when the licence was taken."""
    return FirstPayment(licence.first_payment_kind, licence.first_payment_fen, None, None)


def timeline(licence: Licence) -> LicenceTimeline:
    last_day = None
    if licence.ended_on is not None:
        last_day = min(licence.ended_on - dt.timedelta(days=1), licence.licence_end)
        last_day = max(last_day, licence.licence_start - dt.timedelta(days=1))
    return LicenceTimeline(licence.licence_start, licence.licence_end, last_day)


def payments_of(session: Session, licence_id: int) -> list[LicencePayment]:
    return list(session.exec(select(LicencePayment).where(
        LicencePayment.licence_id == licence_id).order_by(col(LicencePayment.paid_on),
                                                          col(LicencePayment.id))))


def reports_of(session: Session, licence_id: int) -> list[RoyaltyReport]:
    return list(session.exec(select(RoyaltyReport).where(
        RoyaltyReport.licence_id == licence_id).order_by(col(RoyaltyReport.period_start))))


def _report_facts(report: RoyaltyReport) -> ReportFacts:
    return ReportFacts(Period(report.period_start, report.period_end),
                       ReportFigures(report.net_sales_fen, report.profit_fen, report.units))


def statement_of(licence: Licence, payments: Sequence[LicencePayment],
                 reports: Sequence[RoyaltyReport], policy: LicensingPolicy,
                 as_of: dt.date) -> LicenceStatement:
    """Due, paid and overdue under the frozen terms on ``as_of`` (D9), from the licence's
    payments and reports already loaded; exact fen."""
    obligations = payment_schedule(terms_of(licence), timeline(licence), policy,
                                   [_report_facts(r) for r in reports])
    return licence_statement(obligations, [Payment(p.paid_on, p.amount_fen) for p in payments],
                             as_of)


def statement(session: Session, licence: Licence, policy: LicensingPolicy,
              as_of: dt.date) -> LicenceStatement:
    """Due, paid and overdue under the frozen terms on ``as_of`` (D9); exact fen."""
    assert licence.id is not None
    return statement_of(licence, payments_of(session, licence.id),
                        reports_of(session, licence.id), policy, as_of)


def statements(session: Session, licences: Sequence[Licence], policy: LicensingPolicy,
               as_of: dt.date) -> dict[int, LicenceStatement]:
    """`statement` of each licence, by id, with two queries in all (the lists)."""
    ids = sorted(lic.id for lic in licences if lic.id is not None)
    payments: dict[int, list[LicencePayment]] = defaultdict(list)
    reports: dict[int, list[RoyaltyReport]] = defaultdict(list)
    for payment in session.exec(select(LicencePayment).where(
            col(LicencePayment.licence_id).in_(ids)).order_by(col(LicencePayment.paid_on),
                                                              col(LicencePayment.id))):
        payments[payment.licence_id].append(payment)
    for report in session.exec(select(RoyaltyReport).where(
            col(RoyaltyReport.licence_id).in_(ids)).order_by(col(RoyaltyReport.period_start))):
        reports[report.licence_id].append(report)
    return {lic.id: statement_of(lic, payments[lic.id], reports[lic.id], policy, as_of)
            for lic in licences if lic.id is not None}


def written_notice(session: Session, licence: Licence) -> WrittenNotice:
    """The written notice given when the licence was taken, rebuilt from the frozen snapshot."""
    licensee = session.get(Organisation, licence.licensee_organisation_id)
    patent = session.get(Patent, licence.patent_id)
    assert licensee is not None and patent is not None
    return notice_from_snapshot(
        licence.snapshot, licence.snapshot_hash,
        licensee=Party(licensee.name, licensee.uscc),
        given_on=legal_date(licence.notice_given_at),
        patent_title=patent.title, patent_expiry=patent.expiry_date,
        reference=licence.notice_reference)


# -------------------------------------------------------------------------------------------------
# Taking a licence (Law Art. 51(1), R1.5, R1.6, D8, D9)
# -------------------------------------------------------------------------------------------------


def _clean_key(key: str | None) -> str | None:
    if key is None or not key.strip():
        return None
    key = key.strip()
    if len(key) > KEY_LIMIT:
        raise ValidationFailed(N_("The idempotency key is too long."),
                               {"idempotency_key": [Message(
                                   N_("At most %(n)s characters."), {"n": KEY_LIMIT})]})
    return key


def _by_key(session: Session, organisation_id: int, key: str) -> Licence | None:
    return session.exec(select(Licence).where(
        Licence.licensee_organisation_id == organisation_id,
        Licence.idempotency_key == key)).first()


@dataclass(frozen=True)
class TakePreview:
    """What taking a licence would do today, shown before the SME confirms: the written notice as
    it will be given (its reference is assigned on confirmation), the first payment the frozen
    terms require with its amount and due date, and any reason the licence cannot be taken."""

    notice: WrittenNotice | None  # None (and no first payment) when it cannot be taken
    first_payment: FirstPayment | None
    recordal_due_months: int
    refusals: tuple[Message, ...]

    @property
    def free(self) -> bool:
        return self.first_payment is not None \
            and self.first_payment.kind is FirstPaymentKind.NOTHING


def _announced_declaration(session: Session, declaration_id: int, *,
                           lock: bool = False) -> Declaration:
    query = select(Declaration).where(Declaration.id == declaration_id)
    declaration = session.exec(query.with_for_update() if lock else query).first()
    if declaration is None or declaration.status not in declaration_rules.PUBLIC:
        raise NotFound(N_("No announced declaration has this number."))
    return declaration


def _take_refusals(session: Session, declaration: Declaration, patent: Patent,
                   organisation_id: int, day: dt.date) -> list[Message]:
    """Why ``organisation_id`` cannot take a licence under ``declaration`` on ``day`` (empty
    when it can)."""
    holder = session.exec(select(Licence).where(
        Licence.declaration_id == declaration.id,
        Licence.licensee_organisation_id == organisation_id)).all()
    return list(rules.take_refusals(day, declaration_standing(declaration),
                                    patent_standing(session, patent), [h.state for h in holder]))


def _take_terms(declaration: Declaration, patent: Patent, day: dt.date,
                policy: LicensingPolicy) -> tuple[Period, FirstPayment]:
    """The licence period a licence taken on ``day`` gets and the first payment its terms
    require (only for a licence that can be taken: see `_take_refusals`)."""
    terms = declaration.fee_terms
    assert terms is not None and declaration.licence_start is not None \
        and declaration.licence_end is not None
    period = rules.taken_licence_period(day, declaration.licence_start, declaration.licence_end,
                                        patent.expiry_date)
    return period, rules.first_payment_due(terms, period.start, period.end, policy)


def preview_take(session: Session, *, actor: User, declaration_id: int, policy: LicensingPolicy,
                 now: dt.datetime | None = None) -> TakePreview:
    """The notice and first payment that `take_licence` would give and require now; nothing is
    written."""
    declaration = _announced_declaration(session, declaration_id)
    patent = session.get(Patent, declaration.patent_id)
    licensee = session.get(Organisation, actor.organisation_id)
    assert patent is not None and licensee is not None and declaration.snapshot is not None
    day = legal_date(now or utcnow())
    refusals = _take_refusals(session, declaration, patent, actor.organisation_id, day)
    if refusals:
        return TakePreview(None, None, policy.recordal_due_months, tuple(refusals))
    notice = notice_from_snapshot(
        declaration.snapshot, declaration.snapshot_hash or "",
        licensee=Party(licensee.name, licensee.uscc), given_on=day, patent_title=patent.title,
        patent_expiry=patent.expiry_date)
    first = _take_terms(declaration, patent, day, policy)[1]
    return TakePreview(notice, first, policy.recordal_due_months, ())


def take_licence(session: Session, *, actor: User, declaration_id: int, policy: LicensingPolicy,
                 idempotency_key: str | None = None, now: dt.datetime | None = None) -> Licence:
    """An SME takes an open licence on an announced declaration by written notice (R1.6).

    The same ``idempotency_key`` from the same organisation returns the licence it created
    (a double click, a retried request). Refused on a withdrawn declaration, a patent out of
    force, or while the organisation holds a pending or effective licence under the same
    declaration (`rules.take_refusals`). The frozen snapshot and hash are copied (D8), the
    notice is given now and the patentee's organisation notified. Free terms need no payment:
    the notice alone forms the licence (D9).
    """
    if actor.role is not Role.SME:
        raise PermissionDenied(N_("Only an enterprise (SME) account can take a licence."))
    key = _clean_key(idempotency_key)
    organisation_id = actor.organisation_id
    if key is not None and (earlier := _by_key(session, organisation_id, key)) is not None:
        return earlier
    # Lock the declaration: two takes at the same moment are serialised on it, and the second
    # then finds the first by its key.
    declaration = _announced_declaration(session, declaration_id, lock=True)
    if key is not None and (earlier := _by_key(session, organisation_id, key)) is not None:
        return earlier
    patent = session.get(Patent, declaration.patent_id)
    assert patent is not None and declaration.snapshot is not None
    instant = now or utcnow()
    day = legal_date(instant)
    refusals = _take_refusals(session, declaration, patent, organisation_id, day)
    if refusals:
        raise Conflict(refusals[0], {"declaration": refusals})
    period, first = _take_terms(declaration, patent, day, policy)
    reference = next_public_number(session, NOTICE_SERIES, day.year)
    licence = Licence(
        declaration_id=declaration_id, patent_id=patent.id or 0,
        licensor_organisation_id=declaration.organisation_id,
        licensee_organisation_id=organisation_id, taken_by_id=actor.id, idempotency_key=key,
        snapshot=dict(declaration.snapshot), snapshot_hash=declaration.snapshot_hash or "",
        licence_start=period.start, licence_end=period.end, first_payment_kind=first.kind,
        first_payment_fen=first.amount_fen, notice_given_at=instant, notice_reference=reference,
        created_at=instant)
    try:
        with session.begin_nested():
            session.add(licence)
    except IntegrityError:
        # The same key committed by a concurrent request: that licence is the answer.
        if key is not None and (earlier := _by_key(session, organisation_id, key)) is not None:
            return earlier
        raise
    record_event(session, actor=actor, action="licence.taken", entity_type="licence",
                 entity_id=licence.id,
                 after={"declaration_id": declaration_id, "notice_reference": reference,
                        "notice_given_at": instant, "snapshot_hash": licence.snapshot_hash,
                        "first_payment_kind": first.kind.value,
                        "first_payment_fen": first.amount_fen})
    licensor = session.get(Organisation, declaration.organisation_id)
    licensee = session.get(Organisation, organisation_id)
    assert licensor is not None and licensee is not None
    notify(session, licensor, "licensing.notice_received", Message(
        N_("%(licensee)s gave written notice of taking an open licence of patent %(patent)s "
           "(%(reference)s)."),
        {"licensee": licensee.name, "patent": patent.patent_number or patent.title,
         "reference": reference}), f"/licences/{licence.id}")
    _form_if_complete(session, licence, actor, instant)
    return licence


# -------------------------------------------------------------------------------------------------
# Formation (D9)
# -------------------------------------------------------------------------------------------------


def _paid_fen(session: Session, licence_id: int) -> int:
    return int(session.exec(select(func.coalesce(func.sum(LicencePayment.amount_fen), 0)).where(
        LicencePayment.licence_id == licence_id)).one())


def _first_payment_made(session: Session, licence: Licence) -> bool:
    assert licence.id is not None
    kind = licence.first_payment_kind
    if kind is FirstPaymentKind.NOTHING:
        return True
    paid = _paid_fen(session, licence.id)
    if kind is FirstPaymentKind.FIRST_REPORT:
        first_report = session.exec(select(RoyaltyReport).where(
            RoyaltyReport.licence_id == licence.id,
            RoyaltyReport.period_start == licence.licence_start)).first()
        return first_report is not None and paid >= first_report.royalty_fen
    return paid >= (licence.first_payment_fen or 0)


def _form_if_complete(session: Session, licence: Licence, actor: User | None,
                      instant: dt.datetime) -> None:
    """Make a pending licence effective once the first payment exists (D9): its number and
    effective date; audited; both parties notified."""
    if licence.state is not LicenceState.PENDING or not _first_payment_made(session, licence):
        return
    first = first_payment(licence)
    paid_at = None if first.kind is FirstPaymentKind.NOTHING else instant
    formed = rules.formation(first, licence.notice_given_at, paid_at)
    if not formed.effective or formed.effective_at is None:
        return
    licence.state = rules.licence_transition(licence.state, LicenceEvent.FIRST_PAYMENT)
    licence.first_payment_at = paid_at
    licence.effective_at = formed.effective_at
    licence.effective_on = formed.effective_on
    year = formed.effective_at.year if formed.effective_on is None else formed.effective_on.year
    licence.number = next_public_number(session, LICENCE_SERIES, year)
    session.add(licence)
    session.flush()
    record_event(session, actor=actor, action="licence.effective", entity_type="licence",
                 entity_id=licence.id,
                 after={"number": licence.number, "effective_at": licence.effective_at,
                        "effective_on": licence.effective_on})
    notify_parties(session, licence, "licensing.effective", Message(
        N_("Open licence %(number)s has taken effect on %(date)s."),
        {"number": licence.number, "date": str(licence.effective_on)}))


def notify_parties(session: Session, licence: Licence, kind: str, message: Message) -> None:
    """Tell both organisations about their licence; the link opens it."""
    for organisation_id in (licence.licensee_organisation_id, licence.licensor_organisation_id):
        organisation = session.get(Organisation, organisation_id)
        assert organisation is not None
        notify(session, organisation, kind, message, f"/licences/{licence.id}")


# -------------------------------------------------------------------------------------------------
# Payments
# -------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class NewPayment:
    amount_fen: int
    paid_on: dt.date
    reference: str = ""


@dataclass(frozen=True)
class Proof:
    """An uploaded proof of payment: its bytes and the name the user gave it."""

    stream: IO[bytes]
    filename: str


def _payment_problems(new: NewPayment, licence: Licence,
                      today: dt.date) -> dict[str, list[Message]]:
    problems: dict[str, list[Message]] = {}
    if new.amount_fen <= 0:
        problems["amount"] = [Message(N_("The amount must be more than zero."))]
    if new.paid_on > today:
        problems["paid_on"] = [Message(N_("A payment cannot be dated in the future."))]
    elif new.paid_on < legal_date(licence.notice_given_at):
        problems["paid_on"] = [Message(N_("A payment cannot be dated before the notice was "
                                          "given."))]
    if len(new.reference) > REFERENCE_LIMIT:
        problems["reference"] = [Message(N_("At most %(n)s characters."),
                                         {"n": REFERENCE_LIMIT})]
    return problems


def record_payment(session: Session, *, actor: User, licence_id: int, new: NewPayment,
                   proof: Proof | None, upload_dir: str, max_bytes: int,
                   idempotency_key: str | None = None,
                   now: dt.datetime | None = None) -> LicencePayment:
    """The licensee records a payment with an optional proof file (PDF, image, office file;
    at most ``max_bytes``). The same ``idempotency_key`` on the same licence returns the first
    record. Forms a pending licence once the first payment is covered (D9)."""
    licence = get_licence(session, actor=actor, licence_id=licence_id)
    _require_licensee(actor, licence)
    if licence.state is LicenceState.ENDED:
        raise Conflict(N_("This licence has ended; no payment can be recorded on it."))
    key = _clean_key(idempotency_key)
    # Lock the licence: the same payment sent twice at once is recorded once.
    session.exec(select(Licence.id).where(Licence.id == licence_id).with_for_update()).first()
    if key is not None and (earlier := _payment_by_key(session, licence_id, key)) is not None:
        return earlier
    instant = now or utcnow()
    problems = _payment_problems(new, licence, legal_date(instant))
    if problems:
        raise ValidationFailed(N_("The payment is incomplete."), problems)
    payment = LicencePayment(licence_id=licence_id, amount_fen=new.amount_fen,
                             paid_on=new.paid_on, reference=new.reference.strip(),
                             recorded_by_id=actor.id, recorded_at=instant, idempotency_key=key)
    if proof is not None:
        try:
            stored = store(upload_dir, proof.stream, proof.filename, max_bytes)
        except UploadRejected as exc:
            raise ValidationFailed(N_("The proof of payment was not accepted."),
                                   {"proof": [exc.detail]}) from None
        payment.proof_stored_name = stored.stored_name
        payment.proof_original_name = stored.original_name
        payment.proof_file_kind = stored.kind
        payment.proof_file_size = stored.size
        payment.proof_file_sha256 = stored.sha256
    try:
        with session.begin_nested():
            session.add(payment)
    except IntegrityError:
        if key is not None and (earlier := _payment_by_key(session, licence_id, key)) is not None:
            return earlier
        raise
    record_event(session, actor=actor, action="licence.payment_recorded", entity_type="licence",
                 entity_id=licence_id,
                 after={"payment_id": payment.id, "amount_fen": new.amount_fen,
                        "paid_on": new.paid_on, "reference": payment.reference,
                        "proof": payment.proof_original_name})
    licensor = session.get(Organisation, licence.licensor_organisation_id)
    assert licensor is not None
    notify(session, licensor, "licensing.payment_recorded", Message(
        N_("A payment of %(amount)s was recorded on licence %(reference)s; please confirm "
           "receipt."), {"amount": Amount(new.amount_fen), "reference": _label(licence)}),
        f"/licences/{licence_id}")
    _form_if_complete(session, licence, actor, instant)
    return payment


def _payment_by_key(session: Session, licence_id: int, key: str) -> LicencePayment | None:
    return session.exec(select(LicencePayment).where(
        LicencePayment.licence_id == licence_id,
        LicencePayment.idempotency_key == key)).first()


def _label(licence: Licence) -> str:
    return licence.number or licence.notice_reference


def get_payment(session: Session, *, actor: User, payment_id: int) -> tuple[Licence,
                                                                             LicencePayment]:
    payment = session.get(LicencePayment, payment_id)
    if payment is None:
        raise NotFound(N_("No such payment."))
    licence = get_licence(session, actor=actor, licence_id=payment.licence_id)
    return licence, payment


def confirm_payment(session: Session, *, actor: User, payment_id: int,
                    now: dt.datetime | None = None) -> LicencePayment:
    """The patentee confirms it received a payment; once only; audited."""
    licence, payment = get_payment(session, actor=actor, payment_id=payment_id)
    _require_licensor(actor, licence)
    if payment.confirmed_at is not None:
        raise Conflict(N_("This payment's receipt is already confirmed."))
    payment.confirmed_by_id = actor.id
    payment.confirmed_at = now or utcnow()
    session.add(payment)
    session.flush()
    record_event(session, actor=actor, action="licence.payment_confirmed",
                 entity_type="licence", entity_id=licence.id,
                 after={"payment_id": payment.id, "confirmed_at": payment.confirmed_at})
    return payment


# -------------------------------------------------------------------------------------------------
# Royalty reports (D9)
# -------------------------------------------------------------------------------------------------


def file_report(session: Session, *, actor: User, licence_id: int, period_start: dt.date,
                period_end: dt.date, figures: ReportFigures, policy: LicensingPolicy,
                now: dt.datetime | None = None) -> RoyaltyReport:
    """The licensee files the report of one reporting period; the royalty is computed from the
    frozen terms (`royalties.royalty_fen`), never typed. Audited; the patentee is notified."""
    licence = get_licence(session, actor=actor, licence_id=licence_id)
    _require_licensee(actor, licence)
    assert licence.id is not None
    terms = terms_of(licence)
    filed = [Period(r.period_start, r.period_end) for r in reports_of(session, licence.id)]
    problems = report_problems(terms, timeline(licence), policy, period_start=period_start,
                               period_end=period_end, figures=figures, filed=filed)
    if problems:
        raise ValidationFailed(N_("The royalty report cannot be filed."), problems)
    instant = now or utcnow()
    report = RoyaltyReport(licence_id=licence.id, period_start=period_start,
                           period_end=period_end, net_sales_fen=figures.net_sales_fen,
                           profit_fen=figures.profit_fen, units=figures.units,
                           royalty_fen=royalty_fen(terms, figures), filed_by_id=actor.id,
                           filed_at=instant)
    try:
        with session.begin_nested():
            session.add(report)
    except IntegrityError:
        raise Conflict(N_("A report for this period has already been filed.")) from None
    record_event(session, actor=actor, action="licence.report_filed", entity_type="licence",
                 entity_id=licence.id,
                 after={"report_id": report.id, "period_start": period_start,
                        "period_end": period_end, "royalty_fen": report.royalty_fen})
    licensor = session.get(Organisation, licence.licensor_organisation_id)
    assert licensor is not None
    notify(session, licensor, "licensing.report_filed", Message(
        N_("A royalty report for %(start)s–%(end)s was filed on licence %(reference)s: "
           "royalty %(amount)s."),
        {"start": period_start.isoformat(), "end": period_end.isoformat(),
         "reference": _label(licence), "amount": Amount(report.royalty_fen)}),
        f"/licences/{licence.id}")
    _form_if_complete(session, licence, actor, instant)
    return report


# -------------------------------------------------------------------------------------------------
# Termination by agreement (R1.8 notes)
# -------------------------------------------------------------------------------------------------


def propose_termination(session: Session, *, actor: User, licence_id: int, from_day: dt.date,
                        now: dt.datetime | None = None) -> Licence:
    """One party proposes ending the licence by agreement from ``from_day`` (not in the past);
    the other party's confirmation ends it (`confirm_termination`). A new proposal replaces an
    unconfirmed one. Audited; the other party is notified."""
    licence = get_licence(session, actor=actor, licence_id=licence_id)
    if not is_party(actor, licence):
        raise PermissionDenied(N_("Only the parties can terminate a licence by agreement."))
    if licence.state is LicenceState.ENDED:
        raise Conflict(N_("This licence has already ended."))
    instant = now or utcnow()
    if from_day < legal_date(instant):
        raise ValidationFailed(N_("The termination cannot take effect in the past."),
                               {"from_day": [Message(N_("Today or later."))]})
    licence.termination_proposed_by_org_id = actor.organisation_id
    licence.termination_from = from_day
    licence.termination_proposed_at = instant
    session.add(licence)
    session.flush()
    record_event(session, actor=actor, action="licence.termination_proposed",
                 entity_type="licence", entity_id=licence.id, after={"from": from_day})
    other_id = (licence.licensor_organisation_id if is_licensee(actor, licence)
                else licence.licensee_organisation_id)
    other = session.get(Organisation, other_id)
    assert other is not None
    notify(session, other, "licensing.termination_proposed", Message(
        N_("The other party proposes to end licence %(reference)s by agreement from %(date)s; "
           "confirm it to end the licence."),
        {"reference": _label(licence), "date": from_day.isoformat()}),
        f"/licences/{licence.id}")
    return licence


def confirm_termination(session: Session, *, actor: User, licence_id: int) -> Licence:
    """The other party confirms the proposal: the licence ends from the proposed day
    (`lifecycle.end_licence`, TERMINATED_BY_AGREEMENT)."""
    licence = get_licence(session, actor=actor, licence_id=licence_id)
    if not is_party(actor, licence):
        raise PermissionDenied(N_("Only the parties can terminate a licence by agreement."))
    if licence.termination_from is None or licence.termination_proposed_by_org_id is None:
        raise Conflict(N_("No termination has been proposed."))
    if licence.termination_proposed_by_org_id == actor.organisation_id:
        raise PermissionDenied(N_("The other party must confirm the termination."))
    return end_licence(session, licence=licence, event=LicenceEvent.TERMINATED_BY_AGREEMENT,
                       on=licence.termination_from, actor=actor)


# -------------------------------------------------------------------------------------------------
# Lists
# -------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class LicenceRow:
    licence: Licence
    patent: Patent
    licensor: Organisation
    licensee: Organisation


def licence_rows(session: Session, licences: Sequence[Licence]) -> list[LicenceRow]:
    """Each licence with its patent and both organisations (two queries in all)."""
    patent_ids = {lic.patent_id for lic in licences}
    org_ids = {lic.licensee_organisation_id for lic in licences} | {
        lic.licensor_organisation_id for lic in licences}
    patents = {p.id: p for p in session.exec(select(Patent).where(
        col(Patent.id).in_(sorted(patent_ids))))}
    orgs = {o.id: o for o in session.exec(select(Organisation).where(
        col(Organisation.id).in_(sorted(org_ids))))}
    return [LicenceRow(lic, patents[lic.patent_id], orgs[lic.licensor_organisation_id],
                       orgs[lic.licensee_organisation_id]) for lic in licences]


def my_licences(session: Session, *, actor: User) -> list[LicenceRow]:
    """The SME's licences (newest first), or every licence granted by the patentee's
    organisation, by patent then newest first."""
    if actor.role is Role.SME:
        where = Licence.licensee_organisation_id == actor.organisation_id
    elif actor.role is Role.PATENTEE:
        where = Licence.licensor_organisation_id == actor.organisation_id
    else:
        raise PermissionDenied(N_("Only enterprises and patentees hold licences."))
    licences = session.exec(select(Licence).where(where).order_by(
        col(Licence.patent_id), col(Licence.id).desc())).all()
    return licence_rows(session, licences)


def licences_under(session: Session, declaration_id: int, organisation_id: int) -> list[Licence]:
    """The organisation's licences under one declaration (to show "already taken")."""
    return list(session.exec(select(Licence).where(
        Licence.declaration_id == declaration_id,
        Licence.licensee_organisation_id == organisation_id,
        col(Licence.state).in_(_LIVE))))
