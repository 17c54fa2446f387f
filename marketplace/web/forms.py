"""Helpers shared by HTML views that post forms."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, IntegerField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired

from marketplace.errors import DomainError
from marketplace.plaintext import UNSTORABLE_MESSAGE, is_storable
from marketplace.web.arguments import INT64_MAX, INT64_MIN
from marketplace.web.errors import localise


class Form(FlaskForm):  # type: ignore[misc]
    """Every form of the site: Flask-WTF's, refusing text that cannot be stored
    (``marketplace.plaintext``) and whole numbers no database column holds (beyond a signed
    64-bit integer) in any field, with the error next to that field."""

    def validate(self, extra_validators: Mapping[str, Any] | None = None) -> bool:
        valid: bool = super().validate(extra_validators)
        for field in self:
            if not is_storable(field.data):
                field.errors = [*field.errors, _l(UNSTORABLE_MESSAGE)]
                valid = False
            elif isinstance(field, IntegerField) and field.data is not None and not (
                    INT64_MIN <= field.data <= INT64_MAX):
                field.errors = [*field.errors, _l("This number is too large.")]
                valid = False
        return valid


def show_domain_errors(form: FlaskForm, error: DomainError) -> str:
    """Put a service's field errors next to their fields; return the translated summary."""
    for field_name, messages in error.details.items():
        field = getattr(form, field_name, None)
        translated = [localise(m) for m in messages]
        if field is not None and hasattr(field, "errors"):
            field.errors = [*field.errors, *translated]
        else:
            form.form_errors.extend(translated)
    return localise(error.detail)


def choices(pairs: Iterable[tuple[Any, Any]]) -> list[SelectChoice]:
    """Select options from (value, label) pairs (WTForms 3.3 wants SelectChoice objects)."""
    return [SelectChoice(value, label) for value, label in pairs]


def choices_or_any(names: Mapping[Any, Any]) -> list[SelectChoice]:
    """Filter choices: "Any" (the empty value) first, then ``names`` (value → label)."""
    return choices([("", _l("Any")), *((str(k), v) for k, v in names.items())])


def confirm_field(label: Any) -> BooleanField:
    """The box a user ticks before a binding act (a notice, a submission, a decision): the act
    is taken only when it is ticked."""
    return BooleanField(label, validators=[DataRequired(_l("Tick the box to confirm this step."))])
