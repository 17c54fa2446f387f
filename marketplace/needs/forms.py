"""HTML forms for needs and alerts."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from flask_babel import lazy_gettext as _l
from wtforms import (
    DateField,
    DecimalField,
    HiddenField,
    IntegerField,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, NumberRange, Optional, ValidationError

from marketplace.accounts.forms import region_choices
from marketplace.needs.models import CooperationMode
from marketplace.needs.rules import yuan_to_fen
from marketplace.search.services import MAX_FILTER_VALUES, SEARCH_FACETS
from marketplace.web.forms import Form, choices

COOPERATION_NAMES = {
    CooperationMode.LICENCE: _l("Licence"),
    CooperationMode.TRANSFER: _l("Transfer of the patent"),
    CooperationMode.JOINT_DEVELOPMENT: _l("Joint development"),
    CooperationMode.TECHNICAL_SERVICE: _l("Technical service"),
    CooperationMode.ANY: _l("Open to any form"),
}

MAX_BUDGET_YUAN = Decimal("100000000000")  # 1e11 yuan: beyond any real need, within 64 bits


def _whole_fen(_form: Form, field: DecimalField) -> None:
    try:
        yuan_to_fen(field.data)
    except ValueError as exc:
        raise ValidationError(str(_l("At most two decimals (fen)."))) from exc


def _budget(label: Any) -> DecimalField:
    return DecimalField(label, places=2, validators=[
        Optional(), NumberRange(min=0, max=MAX_BUDGET_YUAN), _whole_fen,
    ], description=_l("In yuan; leave empty if open."))


class NeedForm(Form):
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=200)],
                        description=_l("What you need, in one line."))
    description = TextAreaField(
        _l("Description"), validators=[DataRequired(), Length(max=5000)],
        description=_l("In your own words: the problem, the product or process, what you have "
                       "tried. Chinese or English."))
    industry = StringField(_l("Industry"), validators=[DataRequired(), Length(max=100)])
    technical_indicators = TextAreaField(
        _l("Technical indicators"), validators=[Optional(), Length(max=2000)],
        description=_l("Figures the solution must reach, e.g. capacity, accuracy, energy use."))
    budget_min = _budget(_l("Budget from"))
    budget_max = _budget(_l("Budget up to"))
    region = SelectField(_l("Region where it will be used"), choices=region_choices)
    cooperation_mode = SelectField(
        _l("Cooperation"), choices=choices((m.value, label)
                                           for m, label in COOPERATION_NAMES.items()))
    valid_until = DateField(_l("Valid until"), validators=[DataRequired()])
    submit = SubmitField(_l("Save the need"))

    def validate_budget_max(self, field: DecimalField) -> None:
        low = self.budget_min.data
        if low is not None and field.data is not None and field.data < low:
            raise ValidationError(str(_l("Must not be below the lower end of the budget.")))


class CloseNeedForm(Form):
    submit = SubmitField(_l("Close the need"))


class AlertForm(Form):
    min_relevance = IntegerField(
        _l("Alert me at relevance from (%)"), validators=[DataRequired(),
                                                          NumberRange(min=1, max=100)],
        description=_l("About how likely a patent answers it, on the same scale for every "
                       "need and search."))
    submit = SubmitField(_l("Alert me about new open licences"))


class SaveSearchForm(AlertForm):
    name = StringField(_l("Name of the alert"), validators=[DataRequired(), Length(max=200)])
    q = HiddenField()
    filters = HiddenField()
    submit = SubmitField(_l("Save the search"))

    def validate_q(self, field: HiddenField) -> None:
        if len(field.data or "") > 10_000:
            raise ValidationError(str(_l("The search text is too long.")))

    def validate_filters(self, field: HiddenField) -> None:
        try:
            value = json.loads(field.data or "{}")
        except ValueError as exc:
            raise ValidationError(str(_l("The filters cannot be read."))) from exc
        if not isinstance(value, dict) or not set(value) <= set(SEARCH_FACETS) or any(
                not isinstance(v, list) or len(v) > MAX_FILTER_VALUES
                or not all(isinstance(x, str) for x in v) for v in value.values()):
            raise ValidationError(str(_l("The filters cannot be read.")))

    def filter_values(self) -> dict[str, list[str]]:
        value: dict[str, list[str]] = json.loads(self.filters.data or "{}")
        return value


class DeleteAlertForm(Form):
    submit = SubmitField(_l("Stop this alert"))
