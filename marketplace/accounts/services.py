"""Accounts: registering organisations, users, authentication and API tokens. Never commits."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from email_validator import EmailNotValidError, validate_email
from sqlmodel import Session, col, func, select

from marketplace.accounts import passwords
from marketplace.accounts.models import (
    REGISTRABLE_KINDS,
    ApiToken,
    Organisation,
    OrganisationKind,
    Role,
    TokenScope,
    User,
)
from marketplace.accounts.regions import REGIONS
from marketplace.accounts.rules import UsccError, validate_uscc
from marketplace.audit.services import record_event
from marketplace.db import utcnow
from marketplace.errors import (
    N_,
    Conflict,
    Message,
    NotFound,
    PermissionDenied,
    Unauthenticated,
    ValidationFailed,
)
from marketplace.fees.refresh import eligibility_changed

SELF_SERVICE_ROLES = (Role.PATENTEE, Role.SME)
STAFF_ROLES = (Role.MEDIATOR, Role.OFFICE)
TOKEN_PREFIX = "kf_"


class EmailTaken(ValidationFailed):
    """The e-mail address is registered already."""


class EmailNotConfirmed(PermissionDenied):
    """The right password, but the registration's e-mail address is not confirmed yet."""


@dataclass(frozen=True)
class NewOrganisation:
    name: str
    kind: OrganisationKind
    region: str
    uscc: str | None = None
    name_en: str | None = None


@dataclass(frozen=True)
class NewUser:
    email: str
    password: str
    display_name: str
    role: Role


def _normalise_email(email: str) -> str:
    return email.strip().lower()


def _check_organisation(session: Session, new: NewOrganisation) -> NewOrganisation:
    errors: dict[str, list[str | Message]] = {}
    if new.region not in REGIONS:
        errors["region"] = [N_("Unknown region.")]
    uscc = new.uscc.strip().upper() if new.uscc else None
    if new.kind is OrganisationKind.INDIVIDUAL:
        uscc = None
    elif not uscc:
        # The office and mediation bodies, created by the office or the CLI, may go without.
        if new.kind in REGISTRABLE_KINDS:
            errors["uscc"] = [N_("An organisation needs its unified social credit code.")]
    else:
        try:
            uscc = validate_uscc(uscc)
        except UsccError as exc:
            errors["uscc"] = [exc.detail]
        else:
            taken = session.exec(select(Organisation.id).where(Organisation.uscc == uscc)).first()
            if taken is not None:
                errors["uscc"] = [N_("An organisation with this code is already registered.")]
    if errors:
        raise ValidationFailed(N_("The organisation details are not valid."), errors)
    return NewOrganisation(new.name.strip(), new.kind, new.region, uscc, new.name_en)


def _check_user(session: Session, new: NewUser, *,
                organisation_name: str | None = None) -> NewUser:
    errors: dict[str, list[str | Message]] = {}
    try:
        # Syntax only (no DNS look-up): the address is normalised, e.g. its domain lower-cased.
        email = _normalise_email(
            validate_email(new.email, check_deliverability=False).normalized)
    except EmailNotValidError:
        email = _normalise_email(new.email)
        errors["email"] = [N_("This is not a valid e-mail address.")]
    problems = passwords.password_problems(
        new.password, [email, new.display_name, *filter(None, [organisation_name])])
    if problems:
        errors["password"] = list(problems)
    if errors:
        raise ValidationFailed(N_("The account details are not valid."), errors)
    if find_user(session, email=email) is not None:
        raise EmailTaken(N_("The account details are not valid."),
                         {"email": [N_("This e-mail address is already registered.")]})
    return NewUser(email, new.password, new.display_name.strip(), new.role)


def find_user(session: Session, *, email: str) -> User | None:
    """The user with this e-mail address (any case), or None."""
    return session.exec(
        select(User).where(func.lower(User.email) == _normalise_email(email))).first()


def _add_user(session: Session, organisation: Organisation, new: NewUser, *,
              confirmed: bool = True) -> User:
    assert organisation.id is not None
    user = User(
        email=new.email,
        password_hash=passwords.hash_password(new.password),
        display_name=new.display_name,
        role=new.role,
        organisation_id=organisation.id,
        email_confirmed_at=utcnow() if confirmed else None,
    )
    session.add(user)
    session.flush()
    return user


def register(session: Session, *, organisation: NewOrganisation, user: NewUser) -> User:
    """Register an organisation (patentee or SME) with its first user, whose e-mail address
    is confirmed by `confirm_email` before the user can log in.

    Raises `EmailTaken` when the address is registered already, and only once everything else
    is valid: the caller can then answer as for a new registration (no enumeration)."""
    if organisation.kind not in REGISTRABLE_KINDS:
        raise ValidationFailed(N_("This kind of organisation cannot register itself."),
                               {"kind": [N_("Not allowed.")]})
    if user.role not in SELF_SERVICE_ROLES:
        raise PermissionDenied(N_("Office and mediator accounts are created by the office."))
    checked_org = _check_organisation(session, organisation)
    checked_user = _check_user(session, user, organisation_name=checked_org.name)
    org = Organisation(
        name=checked_org.name,
        name_en=checked_org.name_en,
        kind=checked_org.kind,
        uscc=checked_org.uscc,
        region=checked_org.region,
    )
    session.add(org)
    session.flush()
    created = _add_user(session, org, checked_user, confirmed=False)
    record_event(session, actor=created, action="organisation.registered",
                 entity_type="organisation", entity_id=org.id,
                 after={"name": org.name, "kind": org.kind, "uscc": org.uscc})
    return created


def create_staff_user(
    session: Session,
    *,
    actor: User | None,
    user: NewUser,
    organisation_id: int | None = None,
    new_organisation: NewOrganisation | None = None,
) -> User:
    """Create an office or mediator account, by an office user or by the CLI (actor None)."""
    if actor is not None and actor.role is not Role.OFFICE:
        raise PermissionDenied(N_("Only the office creates office and mediator accounts."))
    if user.role not in STAFF_ROLES:
        raise ValidationFailed(N_("Patentees and SMEs register themselves."),
                               {"role": [N_("Choose mediator or office.")]})
    checked_user = _check_user(session, user)
    if organisation_id is not None:
        org = session.get(Organisation, organisation_id)
        if org is None:
            raise NotFound(N_("No such organisation."))
    elif new_organisation is not None:
        checked_org = _check_organisation(session, new_organisation)
        org = Organisation(name=checked_org.name, name_en=checked_org.name_en,
                           kind=checked_org.kind, uscc=checked_org.uscc,
                           region=checked_org.region)
        session.add(org)
        session.flush()
    else:
        raise ValidationFailed(N_("Choose the user's organisation."),
                               {"organisation_id": [N_("Required.")]})
    created = _add_user(session, org, checked_user)
    record_event(session, actor=actor, action="user.created", entity_type="user",
                 entity_id=created.id, after={"email": created.email, "role": created.role,
                                              "organisation_id": org.id})
    return created


def confirm_email(session: Session, *, user_id: int, email: str) -> User:
    """Confirm the address a registration link was sent to (again is harmless)."""
    user = session.get(User, user_id)
    if user is None or user.email != email:
        raise NotFound(N_("This link is not valid: register again or log in."))
    if user.email_confirmed_at is None:
        user.email_confirmed_at = utcnow()
        session.add(user)
        record_event(session, actor=user, action="user.email_confirmed", entity_type="user",
                     entity_id=user.id)
    return user


def authenticate(session: Session, *, email: str, password: str) -> User | None:
    """The active user with these credentials, or None; the hash is upgraded when outdated.

    Raises `EmailNotConfirmed` for the right password of a registration not yet confirmed."""
    user = find_user(session, email=email)
    valid = passwords.verify_password(user.password_hash if user else None, password)
    if user is None or not valid or not user.active:
        return None
    if user.email_confirmed_at is None:
        raise EmailNotConfirmed(N_("Confirm your e-mail address first: follow the link we sent "
                                   "you when you registered (registering again sends a new "
                                   "one)."))
    if passwords.needs_rehash(user.password_hash):
        user.password_hash = passwords.hash_password(password)
    user.last_login_at = utcnow()
    session.add(user)
    return user


def change_password(session: Session, *, user: User, current: str, new: str) -> None:
    if not passwords.verify_password(user.password_hash, current):
        raise ValidationFailed(N_("The current password is wrong."),
                               {"current_password": [N_("Wrong password.")]})
    problems = passwords.password_problems(new, [user.email, user.display_name])
    if problems:
        raise ValidationFailed(N_("The new password is not accepted."),
                               {"new_password": list(problems)})
    user.password_hash = passwords.hash_password(new)
    end_sessions(session, user=user)
    record_event(session, actor=user, action="user.password_changed", entity_type="user",
                 entity_id=user.id)


def end_sessions(session: Session, *, user: User) -> None:
    """End every login session of ``user`` on the server (logout, password change): the
    sessions carry the old ``session_version`` and no longer load."""
    user.session_version += 1
    session.add(user)


def set_locale(session: Session, *, user: User, locale: str) -> None:
    user.locale = locale
    session.add(user)


def _token_hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


@dataclass(frozen=True)
class TokenLifetime:
    """How long API tokens last: ``default_days`` unless the creator chooses, at most
    ``max_days`` (API_TOKEN_DEFAULT_DAYS, API_TOKEN_MAX_DAYS)."""

    default_days: int = 90
    max_days: int = 365

    @classmethod
    def from_settings(cls, settings: Mapping[str, Any]) -> TokenLifetime:
        return cls(int(settings["API_TOKEN_DEFAULT_DAYS"]), int(settings["API_TOKEN_MAX_DAYS"]))


def create_api_token(
    session: Session,
    *,
    user: User,
    name: str,
    days: int | None = None,
    scope: TokenScope = TokenScope.READ_WRITE,
    lifetime: TokenLifetime = TokenLifetime(),
) -> tuple[ApiToken, str]:
    """A new bearer token valid for ``days`` (``lifetime.default_days`` when None) with
    ``scope``; the secret is returned once and only its hash is kept."""
    assert user.id is not None
    days = lifetime.default_days if days is None else days
    if not 1 <= days <= lifetime.max_days:
        raise ValidationFailed(
            N_("The token's lifetime is not valid."),
            {"expires_in_days": [Message(N_("Choose from 1 to %(max)s days."),
                                         {"max": lifetime.max_days})]})
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    created_at = utcnow()
    token = ApiToken(user_id=user.id, name=name.strip() or "token",
                     prefix=secret[: len(TOKEN_PREFIX) + 6], token_hash=_token_hash(secret),
                     created_at=created_at, expires_at=created_at + dt.timedelta(days=days),
                     scope=scope)
    session.add(token)
    session.flush()
    record_event(session, actor=user, action="api_token.created", entity_type="api_token",
                 entity_id=token.id, after={"name": token.name, "prefix": token.prefix,
                                            "scope": token.scope,
                                            "expires_at": token.expires_at.isoformat()})
    return token, secret


def list_api_tokens(session: Session, *, user: User) -> list[ApiToken]:
    statement = select(ApiToken).where(ApiToken.user_id == user.id).order_by(col(ApiToken.id))
    return list(session.exec(statement))


def revoke_api_token(session: Session, *, user: User, token_id: int) -> ApiToken:
    token = session.get(ApiToken, token_id)
    if token is None or token.user_id != user.id:
        raise NotFound(N_("No such token."))
    if token.revoked_at is not None:
        raise Conflict(N_("This token is already revoked."))
    token.revoked_at = utcnow()
    session.add(token)
    record_event(session, actor=user, action="api_token.revoked", entity_type="api_token",
                 entity_id=token.id)
    return token


def user_for_token(session: Session, secret: str, *, writing: bool = False) -> User | None:
    """The active owner of a live token, or None for an unknown token (its use is
    noted by ``token_use``).

    A revoked or expired token raises `Unauthenticated` saying so; a read-only token used to
    write (``writing``: POST, PUT, PATCH, DELETE) raises `PermissionDenied`.
    """
    if not secret.startswith(TOKEN_PREFIX):
        return None
    token = session.exec(
        select(ApiToken).where(ApiToken.token_hash == _token_hash(secret))
    ).first()
    if token is None:
        return None
    if token.revoked_at is not None:
        raise Unauthenticated(N_("This API token is revoked: create a new one on your account "
                                 "page."))
    if token.expires_at <= utcnow():
        raise Unauthenticated(Message(
            N_("This API token expired on %(date)s: create a new one on your account page."),
            {"date": token.expires_at.date().isoformat()}))
    if writing and token.scope is TokenScope.READ:
        raise PermissionDenied(N_("This API token is read-only: it cannot change anything. "
                                  "Create a read-write token to do this."))
    user = session.get(User, token.user_id)
    if user is None or not user.active:
        return None
    return user


def get_organisation(session: Session, organisation_id: int) -> Organisation:
    org = session.get(Organisation, organisation_id)
    if org is None:
        raise NotFound(N_("No such organisation."))
    return org


def list_organisations(session: Session, *, kinds: tuple[OrganisationKind, ...] = ()) -> list[
        Organisation]:
    statement = select(Organisation).order_by(col(Organisation.name))
    if kinds:
        statement = statement.where(col(Organisation.kind).in_(kinds))
    return list(session.exec(statement))


@dataclass(frozen=True)
class FeeReductionEligibility:
    """Whether an organisation qualifies for the general fee reduction (R4.14), on what basis
    and for which year (its fee-reduction recordal, R4.15)."""

    eligible: bool
    basis: str | None = None
    year: int | None = None


def set_fee_reduction_eligibility(
    session: Session, *, actor: User, organisation_id: int, new: FeeReductionEligibility
) -> Organisation:
    """Record the organisation's fee-reduction eligibility (its own patentees, or the office);
    audited. The fee ledgers of every patent it owns or co-owns are recomputed for the fees
    falling due from today on (D12)."""
    org = get_organisation(session, organisation_id)
    own = actor.role is Role.PATENTEE and actor.organisation_id == organisation_id
    if not own and actor.role is not Role.OFFICE:
        raise PermissionDenied(N_("Only the organisation's patentees or the office record its "
                                  "fee-reduction eligibility."))
    basis = (new.basis or "").strip() or None
    if new.eligible and (basis is None or new.year is None):
        raise ValidationFailed(N_("Say on what basis and for which year it qualifies."), {
            **({"basis": [N_("Required when eligible.")]} if basis is None else {}),
            **({"year": [N_("Required when eligible.")]} if new.year is None else {}),
        })
    was_eligible, previous_basis, previous_year = (
        org.fee_reduction_eligible, org.fee_reduction_basis, org.fee_reduction_year)
    org.fee_reduction_eligible = new.eligible
    org.fee_reduction_basis = basis if new.eligible else None
    org.fee_reduction_year = new.year if new.eligible else None
    session.add(org)
    record_event(session, actor=actor, action="organisation.fee_reduction_changed",
                 entity_type="organisation", entity_id=org.id,
                 before={"eligible": was_eligible, "basis": previous_basis,
                         "year": previous_year},
                 after={"eligible": org.fee_reduction_eligible, "basis": org.fee_reduction_basis,
                        "year": org.fee_reduction_year})
    session.flush()
    eligibility_changed(session, org, actor=actor, was_eligible=was_eligible,
                        previous_basis=previous_basis, previous_year=previous_year)
    return org
