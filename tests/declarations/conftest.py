"""Fixtures of the declaration page and API tests: a patentee signed in through the login
page, and a patent of its portfolio. (The service tests define their own ``patentee``, not
signed in: they call services directly.)"""

from __future__ import annotations

import pytest
from sqlmodel import Session

from marketplace.accounts.models import Role, User
from marketplace.patents.models import Patent
from tests.conftest import Auth
from tests.factories import make_patent, make_user


@pytest.fixture()
def patentee(session: Session, auth: Auth) -> User:
    user = make_user(session, Role.PATENTEE)
    auth.login(user)
    return user


@pytest.fixture()
def patent(session: Session, patentee: User) -> Patent:
    return make_patent(session, patentee, title="一种自动化杀青设备")
