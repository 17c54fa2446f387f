"""Every feature's table models, imported so that ``SQLModel.metadata`` is complete."""

from marketplace.accounts.models import ApiToken, Organisation, User
from marketplace.audit.models import AuditEvent
from marketplace.patents.models import CoOwner, Encumbrance, Patent
from marketplace.search.models import SearchOutboxEntry

__all__ = [
    "ApiToken",
    "AuditEvent",
    "CoOwner",
    "Encumbrance",
    "Organisation",
    "Patent",
    "SearchOutboxEntry",
    "User",
]
