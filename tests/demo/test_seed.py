"""`marketplace demo` loads the world once, through the CLI, with working logins."""

from __future__ import annotations

from flask import Flask
from sqlmodel import Session, func, select

from marketplace.accounts.models import Role, User
from marketplace.accounts.services import authenticate
from marketplace.demo.world import DEMO_PASSWORD
from marketplace.mediation.models import MediationCase
from marketplace.patents.models import Encumbrance, Patent
from marketplace.search.models import SearchOutboxEntry
from marketplace.search.sync import search_index


def _count(session: Session, model: type) -> int:
    return session.exec(select(func.count()).select_from(model)).one()


def test_demo_command_loads_the_world_once(app: Flask, session: Session) -> None:
    search_index(app).clear()
    runner = app.test_cli_runner()
    result = runner.invoke(args=["demo"])
    assert result.exit_code == 0, result.output
    assert "patentee1@demo.kaifang.cn" in result.output
    patents = _count(session, Patent)
    assert patents >= 300
    assert _count(session, SearchOutboxEntry) == 0  # drained into the index after commit
    index = search_index(app)
    assert index.doc_count() == patents
    assert index.search("杀青").total > 0
    assert _count(session, Encumbrance) > 0
    assert _count(session, MediationCase) > 0
    roles = set(session.exec(select(User.role)).all())
    assert roles == {Role.PATENTEE, Role.SME, Role.MEDIATOR, Role.OFFICE}
    office = session.exec(select(User).where(User.role == Role.OFFICE)).first()
    assert office is not None
    assert authenticate(session, email=office.email, password=DEMO_PASSWORD) is not None

    again = runner.invoke(args=["demo"])
    assert again.exit_code == 0
    assert "already holds data" in again.output
    assert _count(session, Patent) == patents
    search_index(app).clear()
