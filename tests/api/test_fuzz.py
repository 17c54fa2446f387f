"""A bounded schemathesis run over every operation of the OpenAPI document, anonymously and with
an SME's and a patentee's bearer token: no server error, and every response as the document says
(status code, content type, body schema). A handful of derandomized examples per operation."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
import schemathesis
from flask import Flask
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from sqlmodel import Session

from marketplace import create_app
from marketplace.accounts import services as account_services
from marketplace.accounts.models import Role
from tests.factories import make_user

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance,
          response_schema_conformance]
IDENTITIES = (None, Role.SME, Role.PATENTEE)


# The document does not depend on the database: it is read from an app of its own, at collection;
# the requests go to the test's app (its rolled-back transaction).
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", create_app({
    "MARKETPLACE_ENV": "test", "SECRET_KEY": "fuzz", "DATABASE_URL": "sqlite://"}))


@pytest.fixture()
def bearer(session: Session) -> Callable[[Role | None], dict[str, str]]:
    """The Authorization header of a new user of ``role`` (none for anonymous)."""

    def header(role: Role | None) -> dict[str, str]:
        if role is None:
            return {}
        _token, secret = account_services.create_api_token(session,
                                                           user=make_user(session, role),
                                                           name="fuzz")
        session.commit()
        return {"Authorization": f"Bearer {secret}"}

    return header


@schema.parametrize()
@settings(max_examples=5, deadline=None, derandomize=True, database=None,
          suppress_health_check=list(HealthCheck))
def test_no_server_error_and_responses_as_documented(
        case: Any, app: Flask, bearer: Callable[[Role | None], dict[str, str]]) -> None:
    for role in IDENTITIES:
        case.call_and_validate(app=app, headers=bearer(role), checks=CHECKS)
