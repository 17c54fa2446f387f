"""HTML forms and labels for the fee pages: the calculator, payments, eligibility, statements."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    DateField,
    DecimalField,
    FieldList,
    FormField,
    IntegerField,
    SelectField,
    StringField,
    SubmitField,
)
from wtforms import Form as SubForm
from wtforms.validators import DataRequired, Length, NumberRange, Optional, ValidationError

from marketplace.fees import refresh
from marketplace.fees.rules import FeeStatus, ReductionKind
from marketplace.fees.schemas import MAX_ADJUSTMENT_DAYS, MAX_EXTENSION_DAYS
from marketplace.patents.forms import KIND_NAMES
from marketplace.patents.models import AnnualFeeState
from marketplace.web.forms import Form, choices

STATUS_NAMES = {
    FeeStatus.NOT_YET_DUE: _l("Not yet due"),
    FeeStatus.DUE: _l("Due"),
    FeeStatus.IN_GRACE: _l("In grace period"),
    FeeStatus.PAID: _l("Paid"),
    FeeStatus.PAID_BEFORE_LEDGER: _l("Paid before this ledger"),
    FeeStatus.LAPSED: _l("Lapsed"),
}

REDUCTION_NAMES = {
    ReductionKind.NONE: _l("None"),
    ReductionKind.GENERAL: _l("General reduction"),
    ReductionKind.OPEN_LICENCE: _l("Open-licence reduction"),
}

FEE_STATE_NAMES = {
    AnnualFeeState.PAID: _l("Paid up"),
    AnnualFeeState.IN_GRACE: _l("In the grace period"),
    AnnualFeeState.UNPAID: _l("Unpaid"),
}

CAUSE_NAMES = {
    refresh.CAUSE_IMPORTED: _l("Patent imported or updated"),
    refresh.CAUSE_PAYMENT: _l("Payment recorded"),
    refresh.CAUSE_ELIGIBILITY: _l("Fee-reduction eligibility changed"),
    refresh.CAUSE_REFRESHED: _l("Ledger brought up to date"),
    refresh.CAUSE_DECLARATION: _l("Open-licence declaration announced, withdrawn or flagged"),
    refresh.CAUSE_RECORDAL: _l("Open-licence contract recorded"),
}


def yuan_to_fen(amount: Decimal) -> int:
    """A form's RMB amount in fen (the validator has checked it has at most two decimals)."""
    return int(amount * 100)


def _whole_fen(_form: Any, field: DecimalField) -> None:
    if field.data is not None and (field.data * 100) % 1:
        raise ValidationError(_l("At most two decimals."))


# --- Calculator ----------------------------------------------------------------------------------

OWNER_ROWS, DECLARATION_ROWS, RECORD_ROWS, PAYMENT_ROWS = 3, 2, 3, 8


class OwnerForm(SubForm):  # type: ignore[misc]
    name = StringField(_l("Patentee"), validators=[Optional(), Length(max=200)])
    eligible = BooleanField(_l("Eligible for the general reduction"))
    basis = StringField(_l("Basis"), validators=[Optional(), Length(max=200)],
                        description=_l("e.g. 事业单位, or the year of its fee-reduction recordal"))


class DeclarationForm(SubForm):  # type: ignore[misc]
    announced_on = DateField(_l("Declaration announced on"), validators=[Optional()])
    withdrawn_on = DateField(_l("Withdrawal announced on"), validators=[Optional()])

    def validate(self, extra_validators: Any = None) -> bool:
        valid = bool(super().validate(extra_validators))
        if self.withdrawn_on.data and not self.announced_on.data:
            self.announced_on.errors.append(_l("A withdrawn declaration was announced first."))
            return False
        return valid


class PaymentRowForm(SubForm):  # type: ignore[misc]
    fee_year = IntegerField(_l("Fee year"), validators=[Optional(), NumberRange(min=1, max=40)])
    paid_on = DateField(_l("Paid on"), validators=[Optional()])
    amount = DecimalField(_l("Amount (RMB)"), places=2,
                          validators=[Optional(), NumberRange(min=Decimal("0.01")), _whole_fen])

    def validate(self, extra_validators: Any = None) -> bool:
        valid = bool(super().validate(extra_validators))
        row = (self.fee_year, self.paid_on, self.amount)
        if any(f.data is not None for f in row):
            for f in row:
                if f.data is None and not f.errors:
                    f.errors.append(_l("Fill in the year, the day and the amount."))
                    valid = False
        return valid


class CalculatorForm(Form):
    kind = SelectField(_l("Kind"), choices=choices((k.value, v) for k, v in KIND_NAMES.items()))
    filing_date = DateField(_l("Filing date"), validators=[DataRequired()])
    grant_date = DateField(_l("Grant date"), validators=[DataRequired()])
    term_adjustment_days = IntegerField(
        _l("Term adjustment (days)"), default=0,
        validators=[Optional(), NumberRange(min=0, max=MAX_ADJUSTMENT_DAYS)])
    term_extension_days = IntegerField(
        _l("Term extension (days)"), default=0,
        validators=[Optional(), NumberRange(min=0, max=MAX_EXTENSION_DAYS)])
    owners = FieldList(FormField(OwnerForm), min_entries=OWNER_ROWS, max_entries=OWNER_ROWS)
    declarations = FieldList(FormField(DeclarationForm), min_entries=DECLARATION_ROWS,
                             max_entries=DECLARATION_ROWS)
    record_dates = FieldList(DateField(_l("Contract recorded on"), validators=[Optional()]),
                             min_entries=RECORD_ROWS, max_entries=RECORD_ROWS)
    payments = FieldList(FormField(PaymentRowForm), min_entries=PAYMENT_ROWS,
                         max_entries=PAYMENT_ROWS)
    settled_through = DateField(_l("Fees due up to this day are paid"), validators=[Optional()],
                                description=_l("Saves listing every past payment."))
    false_materials_flagged_on = DateField(_l("Flagged for false materials on"),
                                           validators=[Optional()])
    as_of = DateField(_l("Compute as of"), validators=[Optional()],
                      description=_l("Default: today."))
    submit = SubmitField(_l("Calculate"))


# --- The persisted ledger ------------------------------------------------------------------------


class PaymentForm(Form):
    fee_year = SelectField(_l("Fee year"), coerce=int, validate_choice=True)
    paid_on = DateField(_l("Paid on"), validators=[DataRequired()])
    amount = DecimalField(_l("Amount paid (RMB)"), places=2,
                          validators=[DataRequired(), NumberRange(min=Decimal("0.01")),
                                      _whole_fen],
                          description=_l("The fee and any late fee."))
    reference = StringField(_l("Receipt or reference"), validators=[Optional(), Length(max=100)])
    submit = SubmitField(_l("Record payment"))


class EligibilityForm(Form):
    eligible = BooleanField(_l("Eligible for the general fee reduction"))
    basis = StringField(_l("Basis"), validators=[Optional(), Length(max=200)],
                        description=_l("e.g. 事业单位 (public institution), or taxable income "
                                       "under RMB 1 M"))
    year = IntegerField(_l("Fee-reduction recordal year"),
                        validators=[Optional(), NumberRange(min=1985, max=2100)])
    submit = SubmitField(_l("Save eligibility"))


class YearForm(Form):
    """GET: the statement's year (no CSRF: nothing changes)."""

    class Meta:
        csrf = False

    year = IntegerField(_l("Year"), validators=[Optional(), NumberRange(min=1985, max=2100)])
    organisation_id = IntegerField(validators=[Optional()])
