"""Every feature's table models, imported so that ``SQLModel.metadata`` is complete."""

from marketplace.accounts.models import ApiToken, Organisation, User
from marketplace.audit.models import AuditEvent
from marketplace.fees.models import (
    AnnualFee,
    AnnualFeeChange,
    EligibilityRecord,
    FeeLedger,
    FeePayment,
)
from marketplace.patents.models import CoOwner, Encumbrance, Patent
from marketplace.search.models import SearchOutboxEntry

__all__ = [
    "AnnualFee",
    "AnnualFeeChange",
    "ApiToken",
    "AuditEvent",
    "CoOwner",
    "EligibilityRecord",
    "Encumbrance",
    "FeeLedger",
    "FeePayment",
    "Organisation",
    "Patent",
    "SearchOutboxEntry",
    "User",
]
