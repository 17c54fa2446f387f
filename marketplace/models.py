"""Every feature's table models, imported so that ``SQLModel.metadata`` is complete."""

from marketplace.accounts.models import ApiToken, Organisation, User
from marketplace.audit.models import AuditEvent
from marketplace.declarations.models import AnnouncementCounter, Declaration, DeclarationConsent
from marketplace.fees.models import (
    AnnualFee,
    AnnualFeeChange,
    EligibilityRecord,
    FeeLedger,
    FeePayment,
)
from marketplace.needs.models import AlertDelivery, MatchOutboxEntry, Need, NeedMatch, SavedSearch
from marketplace.notifications.models import Notification
from marketplace.patents.models import CoOwner, Encumbrance, Patent
from marketplace.search.models import SearchOutboxEntry

__all__ = [
    "AlertDelivery",
    "AnnouncementCounter",
    "AnnualFee",
    "AnnualFeeChange",
    "ApiToken",
    "AuditEvent",
    "CoOwner",
    "Declaration",
    "DeclarationConsent",
    "EligibilityRecord",
    "Encumbrance",
    "FeeLedger",
    "FeePayment",
    "MatchOutboxEntry",
    "Need",
    "NeedMatch",
    "Notification",
    "Organisation",
    "Patent",
    "SavedSearch",
    "SearchOutboxEntry",
    "User",
]
