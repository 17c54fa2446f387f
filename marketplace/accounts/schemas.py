"""API shapes for accounts. Input schemas load into the services' frozen dataclasses."""

from __future__ import annotations

from typing import Any

from marshmallow import Schema, fields, post_load, validate

from marketplace.accounts.models import REGISTRABLE_KINDS, OrganisationKind, Role, TokenScope
from marketplace.accounts.regions import REGIONS
from marketplace.accounts.services import NewOrganisation, NewUser


class OrganisationInSchema(Schema):
    name = fields.String(required=True, validate=validate.Length(min=1, max=200))
    name_en = fields.String(load_default=None, validate=validate.Length(max=200))
    kind = fields.Enum(OrganisationKind, by_value=True, required=True,
                       validate=validate.OneOf(REGISTRABLE_KINDS))
    uscc = fields.String(load_default=None, validate=validate.Length(equal=18))
    region = fields.String(required=True, validate=validate.OneOf(list(REGIONS)))

    @post_load
    def make(self, data: dict[str, Any], **_: Any) -> NewOrganisation:
        return NewOrganisation(**data)


class UserInSchema(Schema):
    email = fields.Email(required=True, validate=validate.Length(max=254))
    password = fields.String(required=True, load_only=True,
                             validate=validate.Length(min=1, max=256))
    display_name = fields.String(required=True, validate=validate.Length(min=1, max=100))
    role = fields.Enum(Role, by_value=True, required=True)

    @post_load
    def make(self, data: dict[str, Any], **_: Any) -> NewUser:
        return NewUser(**data)


class RegistrationInSchema(Schema):
    organisation = fields.Nested(OrganisationInSchema, required=True)
    user = fields.Nested(UserInSchema, required=True)


class RegistrationAcceptedSchema(Schema):
    message = fields.String(metadata={"description": "What to do next: confirm the e-mail "
                                                     "address by the link sent to it."})


class StaffUserInSchema(UserInSchema):
    organisation_id = fields.Integer(required=True)

    @post_load
    def make(self, data: dict[str, Any], **_: Any) -> dict[str, Any]:
        organisation_id = data.pop("organisation_id")
        return {"user": NewUser(**data), "organisation_id": organisation_id}


class OrganisationOutSchema(Schema):
    id = fields.Integer()
    name = fields.String()
    name_en = fields.String(allow_none=True)
    kind = fields.Enum(OrganisationKind, by_value=True)
    uscc = fields.String(allow_none=True)
    region = fields.String()


class UserOutSchema(Schema):
    id = fields.Integer()
    email = fields.String()
    display_name = fields.String()
    role = fields.Enum(Role, by_value=True)
    organisation_id = fields.Integer()
    created_at = fields.DateTime()


class MeOutSchema(UserOutSchema):
    organisation = fields.Nested(OrganisationOutSchema)


class TokenInSchema(Schema):
    name = fields.String(required=True, validate=validate.Length(min=1, max=100))
    expires_in_days = fields.Integer(
        load_default=None, validate=validate.Range(min=1),
        metadata={"description": "Days the token lasts: API_TOKEN_DEFAULT_DAYS (90) when "
                                 "omitted, at most API_TOKEN_MAX_DAYS (365)."})
    scope = fields.Enum(TokenScope, by_value=True, load_default=TokenScope.READ_WRITE,
                        metadata={"description": "read: GET only (anything else is a 403); "
                                                 "read_write: every method."})


class CredentialsInSchema(Schema):
    email = fields.String(required=True, validate=validate.Length(min=1, max=254))
    password = fields.String(required=True, validate=validate.Length(min=1, max=1024),
                             load_only=True)
    name = fields.String(load_default="api", validate=validate.Length(min=1, max=100),
                         metadata={"description": "The token's name on the account page"})


class TokenOutSchema(Schema):
    id = fields.Integer()
    name = fields.String()
    prefix = fields.String()
    created_at = fields.DateTime()
    last_used_at = fields.DateTime(allow_none=True)
    revoked_at = fields.DateTime(allow_none=True)
    expires_at = fields.DateTime()
    scope = fields.Enum(TokenScope, by_value=True)


class NewTokenOutSchema(TokenOutSchema):
    token = fields.String(metadata={"description": "The secret; shown only once."})
