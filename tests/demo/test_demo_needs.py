"""The demo world brings needs, alerts and notifications, matched through the real path."""

from __future__ import annotations

import pytest
from flask import Flask
from sqlmodel import Session, col, func, select

from marketplace.accounts.models import Role, User
from marketplace.demo.needs import DEMO_NEEDS
from marketplace.needs.models import Need, NeedMatch, SavedSearch
from marketplace.notifications.models import Notification
from marketplace.patents.models import Patent
from marketplace.search.sync import search_index


def test_demo_needs_are_matched_and_patentees_told(app: Flask, session: Session,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    # Lexical matching alone rates no demo need's best patent "strong" (the default patentee
    # threshold); at "possible" the demo's patentees hear of the needs their patents answer.
    monkeypatch.setitem(app.config, "PATENTEE_ALERT_MIN_RELEVANCE",
                        app.config["MATCH_POSSIBLE_MIN"])
    search_index(app).clear()
    runner = app.test_cli_runner()
    result = runner.invoke(args=["demo"])
    assert result.exit_code == 0, result.output
    # The demo's 336 patents are an import: matched by the command, not after the commit.
    assert session.exec(select(func.count()).select_from(NeedMatch)).one() == 0
    refreshed = runner.invoke(args=["needs", "refresh"])
    assert refreshed.exit_code == 0, refreshed.output
    needs = session.exec(select(Need)).all()
    assert len(needs) == len(DEMO_NEEDS)
    assert {n.title[:1].isascii() for n in needs} == {True, False}  # Chinese and English
    assert session.exec(select(func.count()).select_from(SavedSearch)).one() >= 3
    tea = next(n for n in needs if "杀青" in n.title)
    best = session.exec(select(NeedMatch, Patent).join(Patent, col(Patent.id) ==
                                                       NeedMatch.patent_id)
                        .where(NeedMatch.need_id == tea.id, NeedMatch.rank == 1)).one()
    assert "杀青" in best[1].title
    patentee_notices = session.exec(
        select(Notification).join(User, col(User.id) == Notification.user_id)
        .where(User.role == Role.PATENTEE,
               Notification.kind == "needs.patent_matches_need")).all()
    assert patentee_notices
    sme_welcome = session.exec(
        select(Notification).join(User, col(User.id) == Notification.user_id)
        .where(User.role == Role.SME, Notification.kind == "demo.welcome")).all()
    assert len(sme_welcome) == 20
    search_index(app).clear()
