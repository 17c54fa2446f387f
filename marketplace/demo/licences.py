"""The demo's open licences, taken on the demo's announced declarations through the services.

Each announced declaration (withdrawn ones before their withdrawal) gets a licence from one of
the demo enterprises ten days after its announcement, in a state that rotates through the
lifecycle: recorded (recordal accepted), filed (recordal pending), refused (recordal refused),
not filed (overdue when it took effect more than three months before `DEMO_TODAY`), pending
(notice given, first payment not made) and terminated by agreement. Running-royalty licences file
their first report with its royalty; later reports are left unfiled, so they show as overdue.
The patentee of the first announced patent also records a negotiated ordinary licence.
"""

from __future__ import annotations

import datetime as dt
from datetime import date, timedelta
from typing import Final

from sqlmodel import Session, col, select

from marketplace.accounts.models import Role, User
from marketplace.calendar import CHINA
from marketplace.declarations.models import Declaration
from marketplace.declarations.rules import PUBLIC
from marketplace.demo.world import DEMO_TODAY
from marketplace.licensing import recordals, services
from marketplace.licensing.models import Licence
from marketplace.licensing.negotiated import NewNegotiated, record_negotiated
from marketplace.licensing.policy import LicensingPolicy
from marketplace.licensing.royalties import ReportFigures, reporting_periods
from marketplace.licensing.rules import (
    FirstPaymentKind,
    LicenceState,
    NegotiatedKind,
    RecordalRefusalGround,
)
from marketplace.patents.models import Patent

SCENARIOS: Final = ("recorded", "filed", "refused", "not_filed", "pending", "terminated")
_NET_SALES_FEN: Final = 86_400_000  # RMB 864,000 a quarter


def _at(day: date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(10), CHINA)


def _first_payment(session: Session, sme: User, licence: Licence, day: date,
                   policy: LicensingPolicy) -> bool:
    """Make the first payment the terms require on ``day``; whether it could be made yet."""
    if licence.first_payment_kind is FirstPaymentKind.NOTHING:
        return True
    if licence.first_payment_kind is FirstPaymentKind.FIRST_REPORT:
        first = reporting_periods(services.timeline(licence), policy)[0].period
        day = max(day, first.end + timedelta(days=5))
        if day > DEMO_TODAY:
            return False
        terms = services.terms_of(licence)
        base = terms.base.value if terms.base else "net_sales"
        figures = ReportFigures(
            net_sales_fen=_NET_SALES_FEN if base == "net_sales" else None,
            profit_fen=_NET_SALES_FEN // 5 if base == "profit" else None,
            units=1_200 if base == "units" else None)
        report = services.file_report(session, actor=sme, licence_id=licence.id or 0,
                                      period_start=first.start, period_end=first.end,
                                      figures=figures, policy=policy, now=_at(day))
        amount = report.royalty_fen
    else:
        amount = licence.first_payment_fen or 0
    if amount:
        services.record_payment(
            session, actor=sme, licence_id=licence.id or 0,
            new=services.NewPayment(amount, day, f"DEMO-{licence.notice_reference}"),
            proof=None, upload_dir="", max_bytes=1, now=_at(day))
    return True


def load_licences(session: Session) -> int:
    """Take and carry the demo licences through their scenarios; returns how many."""
    policy = LicensingPolicy()
    smes = list(session.exec(select(User).where(User.role == Role.SME).order_by(col(User.id))))
    office = session.exec(select(User).where(User.role == Role.OFFICE)).first()
    if not smes or office is None:
        return 0
    declarations = session.exec(select(Declaration).where(
        col(Declaration.status).in_(sorted(PUBLIC))).order_by(
        col(Declaration.announcement_date), col(Declaration.id))).all()
    made = 0
    for index, declaration in enumerate(declarations):
        assert declaration.announcement_date is not None
        taken = declaration.announcement_date + timedelta(days=10)
        sme = smes[index % len(smes)]
        scenario = SCENARIOS[index % len(SCENARIOS)]
        licence = services.take_licence(session, actor=sme, declaration_id=declaration.id or 0,
                                        policy=policy, now=_at(taken))
        made += 1
        if scenario == "pending" and licence.state is LicenceState.PENDING:
            continue
        if not _first_payment(session, sme, licence, taken + timedelta(days=5), policy):
            continue
        assert licence.effective_on is not None
        patentee = session.exec(select(User).where(
            User.organisation_id == licence.licensor_organisation_id,
            User.role == Role.PATENTEE)).first()
        if scenario == "terminated" and patentee is not None:
            services.propose_termination(session, actor=sme, licence_id=licence.id or 0,
                                         from_day=DEMO_TODAY, now=_at(DEMO_TODAY))
            services.confirm_termination(session, actor=patentee, licence_id=licence.id or 0)
            continue
        filed_on = licence.effective_on + timedelta(days=30)
        if scenario in ("not_filed", "pending") or filed_on > DEMO_TODAY:
            continue
        recordal = recordals.file_recordal(session, actor=sme, licence_id=licence.id or 0,
                                           now=_at(filed_on))
        decided = filed_on + timedelta(days=5)
        if scenario == "filed" or decided > DEMO_TODAY:
            continue
        if scenario == "refused":
            recordals.refuse(session, actor=office, recordal_id=recordal.id or 0,
                             grounds=[RecordalRefusalGround.DOCUMENTS_INSUFFICIENT],
                             note="付款凭证不清晰，请补充银行回单后重新备案。", now=_at(decided))
        else:
            recordals.accept(session, actor=office, recordal_id=recordal.id or 0,
                             record_date=decided, now=_at(decided))
    if declarations:
        _negotiated(session, declarations[0])
    return made


def _negotiated(session: Session, declaration: Declaration) -> None:
    patent = session.get(Patent, declaration.patent_id)
    patentee = session.exec(select(User).where(User.organisation_id == declaration.organisation_id,
                                               User.role == Role.PATENTEE)).first()
    if patent is None or patentee is None:
        return
    record_negotiated(session, actor=patentee, patent_id=patent.id or 0, new=NewNegotiated(
        NegotiatedKind.ORDINARY, "四川峨眉山茶业有限公司", DEMO_TODAY - timedelta(days=60),
        DEMO_TODAY + timedelta(days=3 * 365), "入门费 8 万元，另按销售额 2% 提成，按年结算。"))
