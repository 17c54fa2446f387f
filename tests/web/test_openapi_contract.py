"""The OpenAPI document tells the truth about responses: the error body's types, decimals sent
as strings, the bearer scheme, and 401/403 where they can occur."""

from __future__ import annotations

from typing import Any

import pytest
from flask.testing import FlaskClient


@pytest.fixture()
def spec(client: FlaskClient) -> dict[str, Any]:
    document = client.get("/api/v1/openapi.json").json
    assert document is not None
    return document


def test_the_error_schema_has_a_string_code_and_an_integer_status(
        client: FlaskClient, spec: dict[str, Any]) -> None:
    properties = spec["components"]["schemas"]["Error"]["properties"]
    assert (properties["code"]["type"], properties["status"]["type"]) == ("string", "integer")
    body = client.get("/api/v1/me").json  # a real error, as documented
    assert body is not None
    assert isinstance(body["code"], str) and isinstance(body["status"], int)


@pytest.mark.parametrize(("schema", "field"), [
    ("CoOwnerOut", "share"), ("DeclarationOut", "royalty_rate_percent"),
    ("FeePolicyOut", "open_license_reduction"), ("FeeLineOut", "general_rate")])
def test_decimals_sent_as_strings_are_declared_as_strings(spec: dict[str, Any], schema: str,
                                                          field: str) -> None:
    assert spec["components"]["schemas"][schema]["properties"][field]["type"] == "string"


def test_bearer_scheme_and_per_operation_security(spec: dict[str, Any]) -> None:
    assert spec["components"]["securitySchemes"]["bearerAuth"] == {
        **spec["components"]["securitySchemes"]["bearerAuth"], "type": "http",
        "scheme": "bearer"}
    me = spec["paths"]["/api/v1/me"]["get"]
    assert {"bearerAuth": []} in me["security"]
    assert "401" in me["responses"] and "403" not in me["responses"]
    office_only = spec["paths"]["/api/v1/mediation/statistics"]["get"]
    assert {"401", "403"} <= set(office_only["responses"])
    public = spec["paths"]["/api/v1/register/declarations"]["get"]
    assert "security" not in public and "401" not in public["responses"]
