"""HTML forms for mediation: opening a case and one small form per workflow step."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField, MultipleFileField
from wtforms import (
    BooleanField,
    DateField,
    DateTimeLocalField,
    IntegerField,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import URL, DataRequired, Length, NumberRange, Optional

from marketplace.mediation.models import AgreementEffect
from marketplace.mediation.rules import CaseAction
from marketplace.web.forms import Form, choices, confirm_field

MAX_TEXT = 5000

EFFECT_NAMES = {
    AgreementEffect.NONE: _l("Leaves the licence as it is"),
    AgreementEffect.CHANGES_PAYMENT: _l("Changes the payment terms"),
    AgreementEffect.ENDS_LICENCE: _l("Ends the licence"),
}


def _reason() -> TextAreaField:
    return TextAreaField(_l("Reason"), validators=[DataRequired(), Length(max=MAX_TEXT)])


class OpenCaseForm(Form):
    licence_id = SelectField(_l("Licence"), coerce=int, validators=[DataRequired()])
    subject = SelectField(_l("Subject of the dispute"), validators=[DataRequired()])
    claims = TextAreaField(_l("Your claims"), validators=[DataRequired(), Length(max=MAX_TEXT)],
                           description=_l("What you ask for and why."))
    documents = MultipleFileField(_l("Documents"), description=_l(
        "PDF, PNG, JPEG, plain text, Word or Excel; optional."))
    submit = SubmitField(_l("Apply for mediation"))


class StepForm(Form):
    """A step without fields: accept, start, accept terms, record the agreement, withdraw."""

    submit = SubmitField(_l("Confirm"))


class AnswerForm(StepForm):
    agree = SelectField(_l("Your answer"), coerce=lambda v: v in (True, "1", "yes"),
                        choices=choices([("1", _l("I agree to mediate")),
                                         ("0", _l("I decline to mediate"))]))


class RefuseForm(StepForm):
    ground = SelectField(_l("Ground (Ann. 590 Art. 8)"), validators=[DataRequired()])
    details = TextAreaField(_l("Details"), validators=[Optional(), Length(max=MAX_TEXT)])


class AssignForm(StepForm):
    mediator_id = SelectField(_l("Mediator"), coerce=int, validators=[DataRequired()])


class ReasonForm(StepForm):
    """Declare a conflict, object to the mediator, terminate: a reason is required."""

    reason = _reason()


class DecideObjectionForm(StepForm):
    uphold = BooleanField(_l("Uphold the objection (the mediator leaves the case)"))
    reason = _reason()


class MeetingForm(StepForm):
    starts_at = DateTimeLocalField(_l("Date and time (China time, UTC+8)"),
                                   validators=[DataRequired()])
    place = StringField(_l("Place"), validators=[Optional(), Length(max=300)])
    online_link = StringField(_l("Online link"),
                              validators=[Optional(), Length(max=500), URL()])


class ExtendForm(StepForm):
    days = IntegerField(_l("Days"), validators=[DataRequired(), NumberRange(min=1, max=365)])
    reason = _reason()


class TermsForm(StepForm):
    terms = TextAreaField(_l("Terms of the agreement"),
                          validators=[DataRequired(), Length(max=MAX_TEXT)])
    effect = SelectField(_l("Effect on the licence"),
                         choices=choices((e.value, label) for e, label in EFFECT_NAMES.items()))
    new_payment_terms = TextAreaField(_l("New payment terms"),
                                      validators=[Optional(), Length(max=MAX_TEXT)])


class FilingForm(StepForm):
    filed_on = DateField(_l("Filed with the court on"), validators=[DataRequired()])


class RulingForm(StepForm):
    decided_on = DateField(_l("Court ruling on"), validators=[DataRequired()])


class MessageForm(Form):
    body = TextAreaField(_l("Message"), validators=[Optional(), Length(max=MAX_TEXT)])
    document = FileField(_l("Document"))
    submit = SubmitField(_l("Send"))


def _confirmed(form: type[StepForm]) -> type[StepForm]:
    """``form`` with a box to tick: the act ends the case or binds the parties."""
    confirm = confirm_field(_l("I understand that this step is final and cannot be undone."))
    return type(f"Confirmed{form.__name__}", (form,), {"confirm": confirm})


#: Steps that end the case or bind the parties: shown apart and confirmed before they are taken.
FINAL_ACTIONS = frozenset({CaseAction.REFUSE, CaseAction.RECORD_AGREEMENT, CaseAction.TERMINATE,
                           CaseAction.WITHDRAW, CaseAction.RECORD_NOT_CONFIRMED})
#: Of those, the ones that end the case without an agreement (styled as destructive).
DESTRUCTIVE_ACTIONS = frozenset({CaseAction.REFUSE, CaseAction.TERMINATE, CaseAction.WITHDRAW,
                                 CaseAction.RECORD_NOT_CONFIRMED})
#: Steps about the mediator's impartiality.
MEDIATOR_ACTIONS = frozenset({CaseAction.DECLARE_CONFLICT, CaseAction.OBJECT_TO_MEDIATOR,
                              CaseAction.DECIDE_OBJECTION})

_STEP_FORMS: dict[CaseAction, type[StepForm]] = {
    CaseAction.ANSWER: AnswerForm,
    CaseAction.ACCEPT: StepForm,
    CaseAction.REFUSE: RefuseForm,
    CaseAction.ASSIGN_MEDIATOR: AssignForm,
    CaseAction.DECLARE_CONFLICT: ReasonForm,
    CaseAction.OBJECT_TO_MEDIATOR: ReasonForm,
    CaseAction.DECIDE_OBJECTION: DecideObjectionForm,
    CaseAction.START_MEDIATION: StepForm,
    CaseAction.SCHEDULE_MEETING: MeetingForm,
    CaseAction.EXTEND_DEADLINE: ExtendForm,
    CaseAction.PROPOSE_TERMS: TermsForm,
    CaseAction.ACCEPT_TERMS: StepForm,
    CaseAction.RECORD_AGREEMENT: StepForm,
    CaseAction.TERMINATE: ReasonForm,
    CaseAction.WITHDRAW: StepForm,
    CaseAction.FILE_CONFIRMATION: FilingForm,
    CaseAction.RECORD_CONFIRMED: RulingForm,
    CaseAction.RECORD_NOT_CONFIRMED: RulingForm,
}
STEP_FORMS: dict[CaseAction, type[StepForm]] = {
    action: _confirmed(form) if action in FINAL_ACTIONS else form
    for action, form in _STEP_FORMS.items()}
