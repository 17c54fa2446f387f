"""HTML forms for the patent register."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileAllowed, FileField, FileRequired
from wtforms import BooleanField, DateField, IntegerField, SelectField, StringField, SubmitField
from wtforms.validators import Length, NumberRange, Optional

from marketplace.fees.rules import PatentKind
from marketplace.patents.models import EncumbranceKind
from marketplace.patents.rules import LegalStatus
from marketplace.web.forms import Form, choices, choices_or_any

KIND_NAMES = {
    PatentKind.INVENTION: _l("Invention"),
    PatentKind.UTILITY_MODEL: _l("Utility model"),
    PatentKind.DESIGN: _l("Design"),
}

STATUS_NAMES = {
    LegalStatus.PENDING: _l("Pending"),
    LegalStatus.IN_FORCE: _l("In force"),
    LegalStatus.LAPSED: _l("Lapsed"),
    LegalStatus.EXPIRED: _l("Expired"),
    LegalStatus.INVALIDATED: _l("Invalidated"),
    LegalStatus.SURRENDERED: _l("Surrendered"),
}

ENCUMBRANCE_NAMES = {
    EncumbranceKind.EXCLUSIVE_LICENCE: _l("Exclusive licence"),
    EncumbranceKind.SOLE_LICENCE: _l("Sole licence"),
    EncumbranceKind.PLEDGE: _l("Pledge"),
    EncumbranceKind.SUSPENSION: _l("Suspension (ownership dispute or preservation)"),
}

IPC_SECTIONS = {
    "A": _l("A · Human necessities"),
    "B": _l("B · Operations, transport"),
    "C": _l("C · Chemistry, metallurgy"),
    "D": _l("D · Textiles, paper"),
    "E": _l("E · Fixed constructions"),
    "F": _l("F · Mechanical engineering, lighting, heating"),
    "G": _l("G · Physics"),
    "H": _l("H · Electricity"),
}


class PatentFilterForm(Form):
    """GET filters: no CSRF (nothing changes)."""

    class Meta:
        csrf = False

    q = StringField(_l("Title or number"), validators=[Optional(), Length(max=200)])
    kind = SelectField(_l("Kind"), choices=choices_or_any(KIND_NAMES), validators=[Optional()])
    legal_status = SelectField(_l("Legal status"), choices=choices_or_any(STATUS_NAMES),
                               validators=[Optional()])
    ipc_section = SelectField(_l("IPC section"), choices=choices_or_any(IPC_SECTIONS),
                              validators=[Optional()])
    filing_year = IntegerField(_l("Filing year"),
                               validators=[Optional(), NumberRange(min=1985, max=2100)])
    page = IntegerField(validators=[Optional(), NumberRange(min=1)])


class ImportForm(Form):
    file = FileField(_l("Portfolio file (CSV, XLSX or JSON Lines)"),
                     validators=[FileRequired(_l("Choose a file.")),
                                 FileAllowed(["csv", "xlsx", "jsonl", "ndjson", "json"],
                                             _l("Use a .csv, .xlsx or .jsonl file."))])
    skip_invalid = BooleanField(_l("Import the valid rows and skip the invalid ones"))
    submit = SubmitField(_l("Import"))


class EncumbranceForm(Form):
    kind = SelectField(_l("Kind"), choices=choices((str(k), v)
                                                   for k, v in ENCUMBRANCE_NAMES.items()))
    pledgee_consent = SelectField(_l("Pledgee consents to an open licence"),
                                  choices=choices([("", _l("Not a pledge")), ("yes", _l("Yes")),
                                                   ("no", _l("No"))]),
                                  validators=[Optional()])
    start_date = DateField(_l("From"), validators=[Optional()])
    end_date = DateField(_l("Until"), validators=[Optional()])
    reference = StringField(_l("Reference"), validators=[Optional(), Length(max=100)])
    submit = SubmitField(_l("Record"))


class RemoveForm(Form):
    submit = SubmitField(_l("Remove"))
