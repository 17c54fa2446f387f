"""The need form starts from what the platform knows: the SME's own region (issue 13 item 8)."""

from __future__ import annotations

import re

from flask.testing import FlaskClient
from sqlmodel import Session

from marketplace.accounts.models import OrganisationKind, Role
from tests.conftest import Auth
from tests.factories import make_organisation, make_user


def test_need_form_region_defaults_to_the_organisations_region(
        client: FlaskClient, auth: Auth, session: Session) -> None:
    company = make_organisation(session, kind=OrganisationKind.ENTERPRISE, region="440000")
    sme = make_user(session, Role.SME, organisation_id=company.id)
    session.commit()
    auth.login(sme)
    html = client.get("/needs/new").get_data(as_text=True)
    selected = re.findall(r'<option selected value="(\d+)"|<option value="(\d+)" selected',
                          html)
    assert [a or b for a, b in selected] == ["440000"]
