"""Fee API: the public calculator, a patent's persisted ledger, recording payments."""

from __future__ import annotations

from typing import Any

from flask.views import MethodView

from marketplace.db import get_session
from marketplace.fees import schemas, services
from marketplace.fees.calculator import Calculation, CalculatorInput, calculate
from marketplace.fees.models import FeePayment
from marketplace.fees.policy import current_policy
from marketplace.web.arguments import Blueprint
from marketplace.web.auth import current_actor, login_required
from marketplace.web.transaction import transactional

api_blueprint = Blueprint("fees_api", __name__, url_prefix="/api/v1",
                          description="Annual fees: calculator, ledgers, payments (DOMAIN D11–D18)")

# DOMAIN §4.2 Example B: a university, sole owner, granted in patent year 5; an open-licence
# contract recorded before the year-12 due date.
CALCULATOR_EXAMPLE: dict[str, Any] = {
    "kind": "invention",
    "filing_date": "2015-03-10",
    "grant_date": "2019-09-20",
    "owners": [{"name": "浙江大学", "eligible": True, "basis": "事业单位"}],
    "declarations": [{"announced_on": "2025-06-01", "withdrawn_on": None}],
    "record_dates": ["2025-11-20"],
    "payments": [{"fee_year": 12, "paid_on": "2026-03-01", "amount_fen": 60000}],
    "settled_through": "2025-12-31",
    "as_of": "2026-03-20",
}


@api_blueprint.route("/fees/calculate")
class FeeCalculator(MethodView):
    @api_blueprint.arguments(schemas.CalculatorInSchema, example=CALCULATOR_EXAMPLE)
    @api_blueprint.response(200, schemas.CalculationOutSchema)
    def post(self, given: CalculatorInput) -> Calculation:
        """The full annual-fee ledger of a hypothetical patent (public; nothing is stored).

        One line per fee year from the grant year to expiry: due date, full fee, the general
        and open-licence amounts, the one applied and why, late fee, status and amount owed,
        computed with the platform's settings; totals include what open licensing saves.
        Money is integer fen.
        """
        policy, calendar = current_policy()
        return calculate(given, policy=policy, calendar=calendar)


@api_blueprint.route("/patents/<int:patent_id>/fees")
class PatentFees(MethodView):
    @login_required
    @api_blueprint.response(200, schemas.PatentLedgerOutSchema)
    def get(self, patent_id: int) -> dict[str, Any]:
        """A patent's annual-fee ledger and payments (its owners' patentees and the office)."""
        fees = services.patent_fees(get_session(), actor=current_actor(), patent_id=patent_id)
        return {"patent_id": patent_id, "header": fees.header, "lines": fees.lines,
                "payments": fees.payments}


@api_blueprint.route("/patents/<int:patent_id>/fee-payments")
class PatentFeePayments(MethodView):
    @login_required
    @api_blueprint.arguments(schemas.NewPaymentInSchema)
    @api_blueprint.response(201, schemas.PaymentOutSchema)
    @transactional
    def post(self, new: services.NewPayment, patent_id: int) -> FeePayment:
        """Record an annual-fee payment (the owning organisation's patentees). A payment after
        the fee's grace period is refused; the ledger is recomputed with it."""
        return services.record_payment(get_session(), actor=current_actor(),
                                       patent_id=patent_id, new=new)
