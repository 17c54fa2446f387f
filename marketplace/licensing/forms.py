"""Licensing forms: taking a licence, payments with proof, reports, record-filing decisions,
termination and negotiated licences. Amounts are typed in yuan and kept in fen."""

from __future__ import annotations

import secrets
from typing import Any

from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext
from flask_wtf.file import FileField
from wtforms import (
    DateField,
    HiddenField,
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, NumberRange, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from marketplace.declarations.forms import YuanField
from marketplace.licensing.recordals import NOTE_LIMIT
from marketplace.licensing.royalties import LineStatus
from marketplace.licensing.rules import RECORDAL_REFUSAL_GROUNDS, NegotiatedKind
from marketplace.licensing.services import KEY_LIMIT, REFERENCE_LIMIT
from marketplace.web.errors import localise
from marketplace.web.forms import Form, choices, confirm_field

LINE_STATUS_NAMES = {
    LineStatus.PAID: _l("paid"),
    LineStatus.NOT_YET_DUE: _l("not yet due"),
    LineStatus.OVERDUE: _l("overdue"),
    LineStatus.AWAITING_REPORT: _l("awaiting report"),
    LineStatus.REPORT_OVERDUE: _l("report overdue"),
}

NEGOTIATED_KIND_NAMES = {
    NegotiatedKind.ORDINARY: _l("Ordinary licence"),
    NegotiatedKind.EXCLUSIVE: _l("Exclusive licence"),
    NegotiatedKind.SOLE: _l("Sole licence"),
}


def new_token() -> str:
    """A fresh idempotency token for a form: a double click or a resubmission sends it twice."""
    return secrets.token_urlsafe(24)


class TakeLicenceForm(Form):
    """Taking a licence is a legal act (Law Art. 51(1)): the SME confirms the notice it has just
    read before it is given."""

    token = HiddenField(validators=[DataRequired(), Length(max=KEY_LIMIT)])
    confirm = confirm_field(
        _l("I have read the written notice above and give it to the patentee on behalf of my "
           "organisation."))
    agree = SubmitField(_l("Confirm and give written notice"))


class PaymentForm(Form):
    token = HiddenField(validators=[DataRequired(), Length(max=KEY_LIMIT)])
    amount = YuanField(_l("Amount paid (RMB)"), validators=[DataRequired()])
    paid_on = DateField(_l("Paid on"), validators=[DataRequired()])
    reference = StringField(_l("Bank reference"),
                            validators=[Optional(), Length(max=REFERENCE_LIMIT)])
    proof = FileField(_l("Proof of payment (PDF, image or office file)"))
    submit = SubmitField(_l("Record the payment"))


class ReportForm(Form):
    period = SelectField(_l("Reporting period"), validators=[DataRequired()])
    net_sales = YuanField(_l("Net sales (RMB)"))
    profit = YuanField(_l("Profit (RMB)"))
    units = IntegerField(_l("Units sold"), validators=[Optional(), NumberRange(min=0)])
    submit = SubmitField(_l("File the report"))


class ActionForm(Form):
    """A button that only needs the CSRF token."""

    submit = SubmitField(_l("Confirm"))


class TerminationForm(Form):
    from_day = DateField(_l("Ends from"), validators=[DataRequired()])
    submit = SubmitField(_l("Propose ending the licence by agreement"))


class AcceptRecordalForm(Form):
    record_date = DateField(_l("Record date"), validators=[DataRequired()])
    confirm_record = confirm_field(_l(
        "I confirm the record-filing: the record number is published on the register and the "
        "patentee's annual-fee reduction starts on the record date."))
    submit = SubmitField(_l("Accept and record"))


class MultiCheckboxField(SelectMultipleField):  # type: ignore[misc]
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class RefuseRecordalForm(Form):
    grounds = MultiCheckboxField(_l("Grounds"), validators=[DataRequired()])
    note = TextAreaField(_l("Note to the parties"),
                         validators=[Optional(), Length(max=NOTE_LIMIT)])
    confirm_refusal = confirm_field(_l("I confirm the refusal: both parties are told the "
                                       "grounds."))
    submit = SubmitField(lazy_pgettext("recordal", "Refuse"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.grounds.choices = choices((g.value, localise(m)) for g, m in
                                       RECORDAL_REFUSAL_GROUNDS.items())


class NegotiatedForm(Form):
    kind = SelectField(_l("Kind"), choices=choices(
        (k.value, v) for k, v in NEGOTIATED_KIND_NAMES.items()), validators=[DataRequired()])
    licensee_name = StringField(_l("Licensee"), validators=[DataRequired(), Length(max=200)])
    start = DateField(_l("From"), validators=[DataRequired()])
    end = DateField(_l("Until"), validators=[Optional()])
    terms_note = TextAreaField(_l("Negotiated terms"), validators=[Optional(), Length(max=4000)])
    submit = SubmitField(_l("Record the licence"))
