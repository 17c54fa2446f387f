"""Every feature's table models, imported so that ``SQLModel.metadata`` is complete."""

from marketplace.accounts.models import ApiToken, Organisation, User
from marketplace.audit.models import AuditEvent
from marketplace.declarations.models import AnnouncementCounter, Declaration, DeclarationConsent
from marketplace.patents.models import CoOwner, Encumbrance, Patent
from marketplace.search.models import SearchOutboxEntry

__all__ = [
    "AnnouncementCounter",
    "ApiToken",
    "AuditEvent",
    "CoOwner",
    "Declaration",
    "DeclarationConsent",
    "Encumbrance",
    "Organisation",
    "Patent",
    "SearchOutboxEntry",
    "User",
]
