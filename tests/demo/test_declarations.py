"""The demo loads declarations in every state over a realistic spread of fee methods, through
the services (numbers, snapshots, audit trail)."""

from __future__ import annotations

from collections import Counter

from sqlmodel import Session, col, select

from marketplace.audit.models import AuditEvent
from marketplace.declarations import services
from marketplace.declarations.models import ConsentPurpose, Declaration
from marketplace.declarations.rules import DeclarationStatus
from marketplace.declarations.terms import FeeMethod, content_hash
from marketplace.demo.declarations import plan_declarations
from marketplace.demo.seed import seed_demo
from marketplace.demo.world import build_world


def test_plan_is_deterministic_and_covers_every_state_and_method() -> None:
    plan = plan_declarations(build_world())
    assert plan == plan_declarations(build_world())
    assert {d.state for d in plan} == {"draft", "awaiting_consent", "submitted", "refused",
                                       "announced", "withdrawal_requested", "withdrawn"}
    assert {d.terms.method for d in plan} == set(FeeMethod)
    assert len({d.application_number for d in plan}) == len(plan)
    assert len({d.owner_key for d in plan}) >= 5


def test_seed_loads_the_plan_through_the_services(session: Session) -> None:
    seed_demo(session)
    declarations = list(session.exec(select(Declaration).order_by(col(Declaration.id))))
    plan = plan_declarations(build_world())
    assert len(declarations) == len(plan)
    statuses = Counter(d.status for d in declarations)
    assert set(statuses) == set(DeclarationStatus)
    awaiting = [d for d in declarations if d.status is DeclarationStatus.DRAFT
                and services.consent_facts(session, d, ConsentPurpose.DECLARE).missing]
    assert len(awaiting) == sum(1 for d in plan if d.state == "awaiting_consent")
    announced = sorted((d for d in declarations if d.announcement_number),
                       key=lambda d: d.announcement_number or "")
    assert all(d.snapshot_hash == content_hash(d.snapshot or {}) for d in announced)
    years = Counter(d.announcement_date.year for d in announced if d.announcement_date)
    assert [d.announcement_number for d in announced] == [
        f"KF-OL-{year}-{n:06d}" for year in sorted(years) for n in range(1, years[year] + 1)]
    refused = [d for d in declarations if d.status is DeclarationStatus.REFUSED]
    notices = [services.refusal_notice(d) for d in refused]
    assert notices and all(n is not None and n.note for n in notices)
    assert all(d.withdrawal_number for d in declarations
               if d.status is DeclarationStatus.WITHDRAWN)
    events = session.exec(select(AuditEvent.action).where(
        AuditEvent.entity_type == "declaration")).all()
    assert Counter(events)["declaration.announced"] == len(announced)
