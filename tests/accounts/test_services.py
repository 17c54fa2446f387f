"""Account rules: registration checks, authentication, staff accounts, tokens."""

from __future__ import annotations

import pytest
from sqlmodel import Session, select

from marketplace.accounts import services
from marketplace.accounts.models import OrganisationKind, Role
from marketplace.audit.models import AuditEvent
from marketplace.errors import NotFound, PermissionDenied, Unauthenticated, ValidationFailed
from tests.factories import DEFAULT_PASSWORD, make_user, uscc_with_check

TSINGHUA_LIKE = uscc_with_check("12100000400000624")


def _org(**overrides: object) -> services.NewOrganisation:
    values: dict[str, object] = {"name": "华东理工科技大学", "kind": OrganisationKind.UNIVERSITY,
                                 "region": "310000", "uscc": TSINGHUA_LIKE}
    values.update(overrides)
    return services.NewOrganisation(**values)  # type: ignore[arg-type]


def _user(**overrides: object) -> services.NewUser:
    values: dict[str, object] = {"email": "Li.Ming@Example.cn", "password": "a long password",
                                 "display_name": "李明", "role": Role.PATENTEE}
    values.update(overrides)
    return services.NewUser(**values)  # type: ignore[arg-type]


def test_register_creates_organisation_user_and_audit_event(session: Session) -> None:
    user = services.register(session, organisation=_org(), user=_user())
    assert user.email == "li.ming@example.cn"
    assert user.password_hash.startswith("$argon2id$")
    events = session.exec(select(AuditEvent).where(
        AuditEvent.action == "organisation.registered")).all()
    assert [e.entity_id for e in events] == [user.organisation_id]


def test_register_rejects_bad_check_character(session: Session) -> None:
    wrong = TSINGHUA_LIKE[:-1] + ("0" if TSINGHUA_LIKE[-1] != "0" else "1")
    with pytest.raises(ValidationFailed) as info:
        services.register(session, organisation=_org(uscc=wrong), user=_user())
    assert "uscc" in info.value.errors


def test_register_rejects_duplicate_code_and_email(session: Session) -> None:
    services.register(session, organisation=_org(), user=_user())
    with pytest.raises(ValidationFailed) as info:
        services.register(session, organisation=_org(name="另一所大学"),
                          user=_user(email="li.ming@example.cn"))
    assert "uscc" in info.value.errors
    with pytest.raises(ValidationFailed) as info:
        services.register(session, organisation=_org(name="另一所大学",
                                                     uscc=uscc_with_check("12100000400000625")),
                          user=_user(email="LI.MING@example.cn"))
    assert "email" in info.value.errors


def test_individual_needs_no_code_but_enterprise_does(session: Session) -> None:
    person = services.register(session, organisation=_org(kind=OrganisationKind.INDIVIDUAL,
                                                           uscc=None, name="王芳"),
                               user=_user(email="wang@example.cn", role=Role.SME))
    assert person.role is Role.SME
    with pytest.raises(ValidationFailed) as info:
        services.register(session, organisation=_org(kind=OrganisationKind.ENTERPRISE, uscc=None),
                          user=_user(email="x@example.cn"))
    assert "uscc" in info.value.errors


@pytest.mark.parametrize("role", [Role.OFFICE, Role.MEDIATOR])
def test_self_registration_cannot_create_staff(session: Session, role: Role) -> None:
    with pytest.raises(PermissionDenied):
        services.register(session, organisation=_org(), user=_user(role=role))


def test_short_password_refused(session: Session) -> None:
    with pytest.raises(ValidationFailed) as info:
        services.register(session, organisation=_org(), user=_user(password="short"))
    assert "password" in info.value.errors


def test_authenticate(session: Session) -> None:
    user = make_user(session)
    assert services.authenticate(session, email=user.email.upper(),
                                 password=DEFAULT_PASSWORD) == user
    assert services.authenticate(session, email=user.email, password="wrong password!") is None
    assert services.authenticate(session, email="nobody@example.cn",
                                 password=DEFAULT_PASSWORD) is None
    user.active = False
    assert services.authenticate(session, email=user.email, password=DEFAULT_PASSWORD) is None


@pytest.mark.parametrize("actor_role", [Role.PATENTEE, Role.SME, Role.MEDIATOR])
def test_only_office_creates_staff(session: Session, actor_role: Role) -> None:
    actor = make_user(session, actor_role)
    with pytest.raises(PermissionDenied):
        services.create_staff_user(session, actor=actor,
                                   user=_user(role=Role.MEDIATOR),
                                   organisation_id=actor.organisation_id)


def test_office_creates_mediator_but_not_patentee(session: Session) -> None:
    office = make_user(session, Role.OFFICE)
    mediator = services.create_staff_user(session, actor=office, user=_user(role=Role.MEDIATOR),
                                          organisation_id=office.organisation_id)
    assert mediator.role is Role.MEDIATOR
    with pytest.raises(ValidationFailed):
        services.create_staff_user(session, actor=office,
                                   user=_user(email="p@example.cn", role=Role.PATENTEE),
                                   organisation_id=office.organisation_id)


def test_token_lifecycle(session: Session) -> None:
    user = make_user(session, Role.SME)
    token, secret = services.create_api_token(session, user=user, name="ERP")
    assert token.token_hash != secret and secret not in token.token_hash
    assert services.user_for_token(session, secret) == user
    assert services.user_for_token(session, secret + "x") is None
    services.revoke_api_token(session, user=user, token_id=token.id or 0)
    with pytest.raises(Unauthenticated, match="revoked"):
        services.user_for_token(session, secret)


def test_cannot_revoke_someone_elses_token(session: Session) -> None:
    owner = make_user(session, Role.SME)
    other = make_user(session, Role.SME)
    token, _ = services.create_api_token(session, user=owner, name="ERP")
    with pytest.raises(NotFound):
        services.revoke_api_token(session, user=other, token_id=token.id or 0)
