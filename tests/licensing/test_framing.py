"""Clickjacking: no other site can frame the take-a-licence form."""

from __future__ import annotations

from flask.testing import FlaskClient
from sqlmodel import Session

from marketplace.accounts.models import User
from marketplace.patents.models import Patent
from tests.conftest import Auth
from tests.licensing.conftest import declared, lump_sum


def test_the_take_a_licence_form_cannot_be_framed(
        client: FlaskClient, auth: Auth, session: Session, sme: User, patent: Patent) -> None:
    declaration = declared(session, patent, lump_sum())
    auth.login(sme)
    response = client.get(f"/open-licences/{declaration.announcement_number}/take")
    assert response.status_code == 200, response.headers.get("Location")
    assert response.headers["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
