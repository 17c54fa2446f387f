"""The demo loads licences in every state, with payments, reports and recordals."""

from __future__ import annotations

from collections import Counter

from flask import Flask
from sqlmodel import Session, select

from marketplace.demo.seed import seed_demo
from marketplace.demo.world import DEMO_TODAY
from marketplace.licensing import recordals, services
from marketplace.licensing.models import Licence, LicencePayment, NegotiatedLicence, RoyaltyReport
from marketplace.licensing.policy import LicensingPolicy
from marketplace.licensing.rules import LicenceState, RecordalState, RecordalTiming


def test_demo_licences_cover_every_state(app: Flask, session: Session) -> None:
    with app.app_context():
        seed_demo(session)
        licences = session.exec(select(Licence)).all()
        assert {lic.state for lic in licences} == set(LicenceState)
        assert all(lic.number for lic in licences if lic.state is not LicenceState.PENDING)
        states = Counter(r.state for lic in licences
                         for r in recordals.recordals_of(session, lic.id or 0))
        assert set(states) == set(RecordalState)
        assert session.exec(select(LicencePayment)).first() is not None
        assert session.exec(select(RoyaltyReport)).first() is not None
        assert session.exec(select(NegotiatedLicence)).first() is not None
        policy = LicensingPolicy()
        overdue_reports = sum(
            services.statement(session, lic, policy, DEMO_TODAY).total.reports_overdue
            for lic in licences if lic.state is LicenceState.EFFECTIVE)
        assert overdue_reports > 0
        timings = {s.timing for s in recordals.unrecorded(session, DEMO_TODAY, policy)}
        assert RecordalTiming.OVERDUE in timings
