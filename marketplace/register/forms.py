"""The register's GET filters (pages and downloads): no CSRF, nothing changes."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import DateField, IntegerField, SelectField, StringField
from wtforms.validators import Length, NumberRange, Optional

from marketplace.declarations.forms import FEE_METHOD_NAMES
from marketplace.declarations.public import PublicFilters
from marketplace.declarations.terms import FeeMethod
from marketplace.fees.rules import PatentKind
from marketplace.patents.forms import KIND_NAMES
from marketplace.register.entries import PublicStatus
from marketplace.web.arguments import ID_MAX
from marketplace.web.forms import Form, choices_or_any


class RegisterFilterForm(Form):
    class Meta:
        csrf = False

    q = StringField(_l("Number, title or patentee"), validators=[Optional(), Length(max=200)])
    fee_method = SelectField(_l("Fee method"), choices=choices_or_any(FEE_METHOD_NAMES),
                             validators=[Optional()])
    kind = SelectField(_l("Kind"), choices=choices_or_any(KIND_NAMES), validators=[Optional()])
    ipc = StringField(_l("IPC"), validators=[Optional(), Length(max=20)])
    patentee = IntegerField(validators=[Optional(), NumberRange(min=1, max=ID_MAX)])
    date_from = DateField(_l("Announced from"), validators=[Optional()])
    date_to = DateField(_l("Announced until"), validators=[Optional()])
    page = IntegerField(validators=[Optional(), NumberRange(min=1, max=100_000)])

    def filters(self) -> PublicFilters:
        """The valid filters; a filter with an error is left out (shown next to its field)."""
        self.validate()
        valid = {name: field.data for name, field in self._fields.items() if not field.errors}
        return PublicFilters(
            q=valid.get("q") or None,
            fee_method=FeeMethod(valid["fee_method"]) if valid.get("fee_method") else None,
            kind=PatentKind(valid["kind"]) if valid.get("kind") else None,
            ipc=valid.get("ipc") or None,
            organisation_id=valid.get("patentee"),
            date_from=valid.get("date_from"),
            date_to=valid.get("date_to"),
        )

    def page_number(self) -> int:
        """The requested page; 1 when absent or out of range (checked here, so that a page
        that lists no filters cannot pass an unchecked number to the query)."""
        return self.page.data if self.page.data and self.page.validate(self) else 1


PUBLIC_STATUS_NAMES = {
    PublicStatus.ANNOUNCED: _l("In force"),
    PublicStatus.WITHDRAWN: _l("Withdrawn"),
}
