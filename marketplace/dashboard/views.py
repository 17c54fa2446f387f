"""The dashboard: each role's home page once logged in (``/``; ``/dashboard`` too)."""

from __future__ import annotations

from flask import Blueprint, current_app, render_template
from flask_babel import lazy_gettext as _l

from marketplace.accounts.models import Role
from marketplace.calendar import china_today
from marketplace.dashboard import services
from marketplace.db import get_session
from marketplace.declarations.forms import STATUS_NAMES as DECLARATION_STATUS_NAMES
from marketplace.fees.forms import STATUS_NAMES as FEE_STATUS_NAMES
from marketplace.licensing.policy import LicensingPolicy
from marketplace.licensing.royalties import ObligationKind
from marketplace.mediation.rules import STATE_LABELS as CASE_STATE_NAMES
from marketplace.mediation.rules import MediationPolicy
from marketplace.notifications.services import notification_message
from marketplace.web.auth import current_actor, login_required

blueprint = Blueprint("dashboard", __name__)

OBLIGATION_NAMES = {
    ObligationKind.LUMP_SUM: _l("Lump sum"),
    ObligationKind.ENTRY_FEE: _l("Entry fee"),
    ObligationKind.ANNUAL_FEE: _l("Annual licence fee"),
    ObligationKind.ROYALTY: _l("Royalty"),
    ObligationKind.MINIMUM_TOP_UP: _l("Top-up to the annual minimum"),
}


def dashboard_page() -> str:
    """The signed-in user's dashboard (the home page calls this for logged-in users)."""
    session = get_session()
    actor = current_actor()
    today = china_today()
    licensing = LicensingPolicy.from_config(current_app.config)
    mediation = MediationPolicy.from_settings(current_app.config)
    context: dict[str, object]
    if actor.role is Role.SME:
        context = {"d": services.sme_dashboard(session, actor=actor, policy=licensing,
                                               today=today)}
    elif actor.role is Role.PATENTEE:
        context = {"d": services.patentee_dashboard(session, actor=actor, today=today)}
    elif actor.role is Role.OFFICE:
        context = {"d": services.office_dashboard(session, actor=actor, licensing=licensing,
                                                  mediation=mediation, today=today)}
    else:
        context = {"d": services.mediator_dashboard(session, actor=actor, policy=mediation,
                                                    today=today)}
    return render_template(f"dashboard/{actor.role.value}.html", today=today,
                           DECLARATION_STATUS_NAMES=DECLARATION_STATUS_NAMES,
                           FEE_STATUS_NAMES=FEE_STATUS_NAMES, OBLIGATION_NAMES=OBLIGATION_NAMES,
                           CASE_STATE_NAMES=CASE_STATE_NAMES, message_of=notification_message,
                           **context)


@blueprint.route("/dashboard")
@login_required
def dashboard() -> str:
    return dashboard_page()
