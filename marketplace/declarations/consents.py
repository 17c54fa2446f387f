"""Co-owners' consents to declaring and to withdrawing (D2; R3.3, R3.10, R4.10). Never commits.

A co-owner with patentee users on the platform consents itself; for one without, the declaring
patentee records the written consent it holds, with the signatory and the date signed. Who
consented, for which co-owner and when is kept on each `DeclarationConsent`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlmodel import Session, col, select

from marketplace.accounts.models import Role, User
from marketplace.calendar import china_today
from marketplace.db import utcnow
from marketplace.declarations import rules
from marketplace.declarations.models import (
    ConsentMethod,
    ConsentPurpose,
    Declaration,
    DeclarationConsent,
)
from marketplace.declarations.rules import DeclarationStatus
from marketplace.declarations.services import (
    DeclarationRow,
    co_owners_to_consent,
    consent_rows,
    get_declaration,
    record_change,
    require_declarant,
    row_select,
)
from marketplace.errors import (
    N_,
    Conflict,
    InvalidStateTransition,
    Message,
    PermissionDenied,
    ValidationFailed,
)
from marketplace.patents.models import CoOwner

# The state a declaration must be in for each kind of consent to be given.
_STATUS_FOR: dict[ConsentPurpose, frozenset[DeclarationStatus]] = {
    ConsentPurpose.DECLARE: rules.EDITABLE,
    ConsentPurpose.WITHDRAW: frozenset({DeclarationStatus.ANNOUNCED}),
}


@dataclass(frozen=True)
class ConsentLine:
    """One co-owner's standing for one purpose: whether it is on the platform (and so consents
    itself) and its consent row, if asked."""

    co_owner: CoOwner
    on_platform: bool
    consent: DeclarationConsent | None

    @property
    def given(self) -> bool:
        return self.consent is not None and self.consent.given_at is not None


def has_platform_users(session: Session, organisation_id: int | None) -> bool:
    """An organisation with an active patentee user can consent for itself."""
    if organisation_id is None:
        return False
    return session.exec(select(User.id).where(
        User.organisation_id == organisation_id, User.role == Role.PATENTEE,
        col(User.active).is_(True))).first() is not None


def all_consent_lines(session: Session,
                      declaration: Declaration) -> dict[ConsentPurpose, list[ConsentLine]]:
    """Every co-owner's standing for each purpose, the co-owners looked up once."""
    assert declaration.id is not None
    co_owners = co_owners_to_consent(session, declaration)
    on_platform = {co.name: has_platform_users(session, co.organisation_id) for co in co_owners}
    rows = {(c.purpose, c.co_owner_name): c for c in consent_rows(session, declaration.id)}
    return {purpose: [ConsentLine(co, on_platform[co.name], rows.get((purpose, co.name)))
                      for co in co_owners]
            for purpose in ConsentPurpose}


def consent_lines(session: Session, declaration: Declaration,
                  purpose: ConsentPurpose) -> list[ConsentLine]:
    return all_consent_lines(session, declaration)[purpose]


def consents_missing(lines: list[ConsentLine]) -> bool:
    """Whether a co-owner has not consented yet (`services.consent_facts`' ``missing``)."""
    return any(not line.given for line in lines)


def _require_status(declaration: Declaration, purpose: ConsentPurpose) -> None:
    if declaration.status not in _STATUS_FOR[purpose]:
        raise InvalidStateTransition(
            N_("Consent to declare is given to a draft; consent to withdraw to an announced "
               "declaration."))


def _row_for(session: Session, declaration: Declaration, purpose: ConsentPurpose,
             co_owner: CoOwner, actor: User) -> DeclarationConsent:
    assert declaration.id is not None
    row = session.exec(select(DeclarationConsent).where(
        DeclarationConsent.declaration_id == declaration.id,
        DeclarationConsent.purpose == purpose,
        DeclarationConsent.co_owner_name == co_owner.name)).first()
    if row is None:
        row = DeclarationConsent(declaration_id=declaration.id, purpose=purpose,
                                 co_owner_name=co_owner.name,
                                 co_owner_organisation_id=co_owner.organisation_id,
                                 requested_by_id=actor.id)
        session.add(row)
    if row.given_at is not None:
        raise Conflict(Message(N_("%(name)s has already consented."), {"name": co_owner.name}))
    return row


def give_consent(session: Session, *, actor: User, declaration_id: int,
                 purpose: ConsentPurpose) -> DeclarationConsent:
    """A co-owner's patentee user consents for its organisation."""
    declaration = get_declaration(session, actor=actor, declaration_id=declaration_id)
    own = [co for co in co_owners_to_consent(session, declaration)
           if actor.role is Role.PATENTEE and co.organisation_id == actor.organisation_id]
    if not own:
        raise PermissionDenied(N_("Only a co-owner of the patent can consent."))
    _require_status(declaration, purpose)
    row = _row_for(session, declaration, purpose, own[0], actor)
    row.given_at = utcnow()
    row.given_by_id = actor.id
    row.method = ConsentMethod.ON_PLATFORM
    record_change(session, declaration, actor, "declaration.consent_given",
             after={"purpose": purpose.value, "co_owner": row.co_owner_name,
                    "method": ConsentMethod.ON_PLATFORM.value})
    return row


def record_written_consent(session: Session, *, actor: User, declaration_id: int,
                           purpose: ConsentPurpose, co_owner_name: str, signatory: str,
                           signed_on: dt.date, today: dt.date | None = None) -> DeclarationConsent:
    """The declarant records the written consent of a co-owner that is not on the platform:
    who signed it and when (R3.3 item 2, R3.10)."""
    declaration = get_declaration(session, actor=actor, declaration_id=declaration_id)
    require_declarant(actor, declaration)
    _require_status(declaration, purpose)
    matches = [co for co in co_owners_to_consent(session, declaration)
               if co.name == co_owner_name.strip()]
    problems: dict[str, list[Message]] = {}
    if not matches:
        problems["co_owner_name"] = [Message(N_("Not a co-owner of this patent."))]
    elif has_platform_users(session, matches[0].organisation_id):
        problems["co_owner_name"] = [Message(N_("%(name)s is on the platform and consents "
                                                "itself."), {"name": matches[0].name})]
    signatory_problems = rules.text_problems(signatory, rules.NAME_LIMIT)
    if not signatory.strip():
        signatory_problems.append(Message(N_("Required.")))
    if signatory_problems:
        problems["signatory"] = signatory_problems
    if signed_on > (today or china_today()):
        problems["signed_on"] = [Message(N_("Cannot be in the future."))]
    if problems:
        raise ValidationFailed(N_("The consent cannot be recorded; nothing was changed."),
                               problems)
    row = _row_for(session, declaration, purpose, matches[0], actor)
    row.given_at = utcnow()
    row.given_by_id = actor.id
    row.method = ConsentMethod.WRITTEN
    row.signatory = signatory.strip()
    row.signed_on = signed_on
    record_change(session, declaration, actor, "declaration.consent_recorded",
             after={"purpose": purpose.value, "co_owner": row.co_owner_name,
                    "method": ConsentMethod.WRITTEN.value, "signatory": row.signatory,
                    "signed_on": signed_on})
    return row


@dataclass(frozen=True)
class ConsentRequest:
    row: DeclarationRow
    purpose: ConsentPurpose


def requests_for(session: Session, *, actor: User) -> list[ConsentRequest]:
    """Consents the actor's organisation has been asked for and not given yet."""
    if actor.role is not Role.PATENTEE:
        return []
    statement = row_select().add_columns(DeclarationConsent.purpose).join(
        DeclarationConsent, col(DeclarationConsent.declaration_id) == Declaration.id).where(
        DeclarationConsent.co_owner_organisation_id == actor.organisation_id,
        col(DeclarationConsent.given_at).is_(None)).order_by(col(DeclarationConsent.id))
    return [ConsentRequest(DeclarationRow(declaration, patent, organisation), purpose)
            for declaration, patent, organisation, purpose in session.exec(statement)
            if declaration.status in _STATUS_FOR[purpose]]
