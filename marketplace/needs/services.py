"""Needs and saved searches: who may post, see and change what. Never commits.

SMEs post needs for their organisation and only its users change them; every logged-in user
sees open needs (the public never does: no page, API or index holds them). Saving a need queues
it: its kept matches and the alerts of patentees whose patents match well follow the commit
(``needs/outbox.py``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field

from sqlalchemy import delete, func, or_
from sqlmodel import Session, col, select

from marketplace.accounts.models import Organisation, Role, User
from marketplace.audit.services import record_event
from marketplace.calendar import china_today
from marketplace.db import utcnow
from marketplace.errors import N_, Conflict, NotFound, PermissionDenied, ValidationFailed
from marketplace.needs import rules
from marketplace.needs.models import (
    AlertDelivery,
    AlertKind,
    CooperationMode,
    Need,
    NeedMatch,
    NeedStatus,
    SavedSearch,
)
from marketplace.needs.outbox import queue_need
from marketplace.search.services import clean_filters
from marketplace.web.pagination import Page

# Needs expire on China's calendar day.
today = china_today


@dataclass(frozen=True)
class NewNeed:
    title: str
    description: str
    industry: str
    region: str
    cooperation_mode: CooperationMode
    valid_until: dt.date
    technical_indicators: str | None = None
    budget_min_fen: int | None = None
    budget_max_fen: int | None = None


@dataclass(frozen=True)
class NewSavedSearch:
    name: str
    query: str = ""
    filters: Mapping[str, Sequence[str]] = field(default_factory=dict)
    min_relevance: int = 30  # the API and pages pass ALERT_MIN_RELEVANCE


@dataclass(frozen=True)
class NeedView:
    """A need with its organisation and what the viewer may do with it."""

    need: Need
    organisation: Organisation
    may_edit: bool
    active: bool
    saved: SavedSearch | None


def may_edit(actor: User, need: Need) -> bool:
    """Only SME users of the organisation that posted the need change it."""
    return actor.role is Role.SME and actor.organisation_id == need.organisation_id


def _is_active(need: Need, on: dt.date) -> bool:
    return rules.is_active(open_=need.status is NeedStatus.OPEN, valid_until=need.valid_until,
                           today=on)


def _require_sme(actor: User) -> None:
    if actor.role is not Role.SME:
        raise PermissionDenied(N_("Only SMEs post technology needs and alerts."))


def _check(new: NewNeed, on: dt.date) -> None:
    problems = rules.need_problems(budget_min_fen=new.budget_min_fen,
                                   budget_max_fen=new.budget_max_fen,
                                   valid_until=new.valid_until, today=on)
    if problems:
        raise ValidationFailed(N_("Check the need's fields."), problems)


def create_need(session: Session, *, actor: User, new: NewNeed,
                on: dt.date | None = None) -> Need:
    """Post a need for the actor's organisation, queued for matching (its kept matches and the
    patentees' alerts follow the commit: ``needs/outbox.py``); audited."""
    _require_sme(actor)
    on = on or today()
    _check(new, on)
    assert actor.id is not None
    need = Need(organisation_id=actor.organisation_id, author_id=actor.id, **asdict(new))
    session.add(need)
    session.flush()
    record_event(session, actor=actor, action="need.posted", entity_type="need",
                 entity_id=need.id, after=asdict(new))
    assert need.id is not None
    queue_need(session, need.id)
    return need


def _load(session: Session, need_id: int) -> Need:
    need = session.get(Need, need_id)
    if need is None:
        raise NotFound(N_("No such technology need."))
    return need


def _editable(session: Session, actor: User, need_id: int) -> Need:
    need = _load(session, need_id)
    if not may_edit(actor, need):
        raise PermissionDenied(N_("Only the organisation that posted this need changes it."))
    return need


def update_need(session: Session, *, actor: User, need_id: int, new: NewNeed,
                on: dt.date | None = None) -> Need:
    """Change an open need (its organisation's SMEs only), queued for matching again; audited."""
    need = _editable(session, actor, need_id)
    if need.status is not NeedStatus.OPEN:
        raise Conflict(N_("A closed need cannot be changed."))
    _check(new, on or today())
    before = {name: getattr(need, name) for name in asdict(new)}
    for name, value in asdict(new).items():
        setattr(need, name, value)
    need.updated_at = utcnow()
    session.add(need)
    session.flush()
    record_event(session, actor=actor, action="need.updated", entity_type="need",
                 entity_id=need.id, before=before, after=asdict(new))
    queue_need(session, need_id)
    return need


def close_need(session: Session, *, actor: User, need_id: int) -> Need:
    """Close a need (its organisation's SMEs only): it leaves matching and patentees' pages."""
    need = _editable(session, actor, need_id)
    if need.status is NeedStatus.CLOSED:
        return need
    need.status = NeedStatus.CLOSED
    need.closed_at = utcnow()
    session.add(need)
    session.exec(delete(NeedMatch).where(col(NeedMatch.need_id) == need_id))
    record_event(session, actor=actor, action="need.closed", entity_type="need",
                 entity_id=need.id, after={"status": need.status})
    session.flush()
    return need


def _visible(actor: User, need: Need, on: dt.date) -> bool:
    return _is_active(need, on) or actor.organisation_id == need.organisation_id \
        or actor.role is Role.OFFICE


def get_need(session: Session, *, actor: User, need_id: int,
             on: dt.date | None = None) -> NeedView:
    """A need as ``actor`` (a logged-in user) sees it. Closed and expired needs are seen only
    by their organisation and the office; for others they do not exist."""
    on = on or today()
    need = _load(session, need_id)
    if not _visible(actor, need, on):
        raise NotFound(N_("No such technology need."))
    organisation = session.get(Organisation, need.organisation_id)
    assert organisation is not None
    saved = session.exec(select(SavedSearch).where(SavedSearch.need_id == need_id)).first()
    return NeedView(need, organisation, may_edit(actor, need), _is_active(need, on),
                    saved if saved and saved.organisation_id == actor.organisation_id else None)


def list_needs(session: Session, *, actor: User, mine: bool = False, q: str | None = None,
               page: int = 1, per_page: int = 20, on: dt.date | None = None) -> Page[Need]:
    """Active needs (every logged-in user), or all of the actor's organisation's (``mine``)."""
    on = on or today()
    statement = select(Need)
    if mine:
        statement = statement.where(Need.organisation_id == actor.organisation_id)
    else:
        statement = statement.where(Need.status == NeedStatus.OPEN,
                                    col(Need.valid_until) >= on)
    if q and q.strip():
        needle = f"%{q.strip()[:200]}%"
        statement = statement.where(or_(col(Need.title).ilike(needle),
                                        col(Need.industry).ilike(needle)))
    total = session.exec(select(func.count()).select_from(statement.subquery())).one()
    rows = session.exec(statement.order_by(col(Need.created_at).desc(), col(Need.id).desc())
                        .offset((page - 1) * per_page).limit(per_page)).all()
    return Page(items=list(rows), page=page, per_page=per_page, total=total)


def organisations_of(session: Session, needs: Sequence[Need]) -> dict[int, Organisation]:
    ids = sorted({n.organisation_id for n in needs})
    if not ids:
        return {}
    found = session.exec(select(Organisation).where(col(Organisation.id).in_(ids)))
    return {o.id: o for o in found if o.id is not None}


def _check_threshold(value: int) -> None:
    if not 1 <= value <= 100:
        raise ValidationFailed(N_("Check the alert's fields."),
                               {"min_relevance": [N_("Between 1 and 100.")]})


def save_need_alert(session: Session, *, actor: User, need_id: int,
                    min_relevance: int) -> SavedSearch:
    """Alert the actor's organisation about new open licences matching its own need; saving
    again changes the threshold."""
    _require_sme(actor)
    _check_threshold(min_relevance)
    need = _editable(session, actor, need_id)
    assert actor.id is not None
    saved = session.exec(select(SavedSearch).where(SavedSearch.need_id == need_id)).first()
    if saved is None:
        saved = SavedSearch(organisation_id=need.organisation_id, created_by=actor.id,
                            name=need.title, need_id=need_id, min_relevance=min_relevance)
        action = "alert.saved"
    else:
        saved.min_relevance = min_relevance
        action = "alert.changed"
    session.add(saved)
    session.flush()
    record_event(session, actor=actor, action=action, entity_type="saved_search",
                 entity_id=saved.id, after={"need_id": need_id, "min_relevance": min_relevance})
    return saved


def save_search(session: Session, *, actor: User, new: NewSavedSearch) -> SavedSearch:
    """Save a query with filters as an alert for the actor's organisation."""
    _require_sme(actor)
    _check_threshold(new.min_relevance)
    filters = clean_filters(new.filters)
    unknown = sorted(set(new.filters) - set(filters))
    if unknown and any(new.filters[name] for name in unknown):
        raise ValidationFailed(N_("Check the alert's fields."),
                               {"filters": [N_("Unknown filter.")]})
    assert actor.id is not None
    saved = SavedSearch(organisation_id=actor.organisation_id, created_by=actor.id,
                        name=new.name, query=new.query, filters=filters,
                        min_relevance=new.min_relevance)
    session.add(saved)
    session.flush()
    record_event(session, actor=actor, action="alert.saved", entity_type="saved_search",
                 entity_id=saved.id, after={"name": new.name, "query": new.query,
                                            "filters": filters,
                                            "min_relevance": new.min_relevance})
    return saved


def list_saved_searches(session: Session, *, actor: User) -> list[SavedSearch]:
    """The actor's organisation's alerts (SMEs only)."""
    _require_sme(actor)
    return list(session.exec(select(SavedSearch)
                             .where(SavedSearch.organisation_id == actor.organisation_id)
                             .order_by(col(SavedSearch.id).desc())))


def delete_saved_search(session: Session, *, actor: User, saved_search_id: int) -> None:
    """Stop an alert of the actor's organisation; another organisation's does not exist."""
    _require_sme(actor)
    saved = session.get(SavedSearch, saved_search_id)
    if saved is None or saved.organisation_id != actor.organisation_id:
        raise NotFound(N_("No such alert."))
    session.exec(delete(AlertDelivery).where(
        col(AlertDelivery.kind) == AlertKind.SAVED_SEARCH,
        col(AlertDelivery.subject_id) == saved_search_id))
    record_event(session, actor=actor, action="alert.deleted", entity_type="saved_search",
                 entity_id=saved_search_id, before={"name": saved.name})
    session.delete(saved)
    session.flush()
