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
from marketplace.licensing.models import (
    Licence,
    LicencePayment,
    LicenceRecordal,
    NegotiatedLicence,
    RoyaltyReport,
)
from marketplace.mediation.models import (
    CaseMeeting,
    CaseMessage,
    CaseObjection,
    CaseRecusal,
    MediationCase,
)
from marketplace.needs.models import (
    AlertDelivery,
    MatchOutboxEntry,
    Need,
    NeedMatch,
    NeedOutboxEntry,
    SavedSearch,
)
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
    "CaseMeeting",
    "CaseMessage",
    "CaseObjection",
    "CaseRecusal",
    "CoOwner",
    "Declaration",
    "DeclarationConsent",
    "EligibilityRecord",
    "Encumbrance",
    "FeeLedger",
    "FeePayment",
    "Licence",
    "LicencePayment",
    "LicenceRecordal",
    "MatchOutboxEntry",
    "MediationCase",
    "Need",
    "NeedMatch",
    "NeedOutboxEntry",
    "NegotiatedLicence",
    "Notification",
    "Organisation",
    "Patent",
    "RoyaltyReport",
    "SavedSearch",
    "SearchOutboxEntry",
    "User",
]
