"""HTML forms for the account pages (Flask-WTF: CSRF token and field validation)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import EmailField, PasswordField, SelectField, StringField, SubmitField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Email, EqualTo, Length, Optional

from marketplace.accounts.models import REGISTRABLE_KINDS, Role
from marketplace.accounts.passwords import MIN_PASSWORD_LENGTH
from marketplace.accounts.regions import REGIONS
from marketplace.web.forms import Form, choices

KIND_LABELS = {
    "university": _l("University"),
    "research_institute": _l("Research institute"),
    "enterprise": _l("Enterprise"),
    "individual": _l("Individual"),
    "authority": _l("Patent office"),
    "mediation_body": _l("Mediation body"),
}

ROLE_LABELS = {
    "patentee": _l("Patentee (I offer patents)"),
    "sme": _l("SME (I look for technology)"),
    "mediator": _l("Mediator"),
    "office": _l("Office"),
}


PASSWORD_HINT = _l("At least %(min)s characters, hard to guess: several uncommon words work "
                   "well.", min=MIN_PASSWORD_LENGTH)


def region_choices() -> list[SelectChoice]:
    return choices((code, f"{zh} / {en}") for code, (zh, en) in REGIONS.items())


class RegistrationForm(Form):
    organisation_name = StringField(_l("Organisation name"),
                                    validators=[DataRequired(), Length(max=200)])
    kind = SelectField(_l("Kind of organisation"),
                       choices=choices((k.value, KIND_LABELS[k.value])
                                       for k in REGISTRABLE_KINDS))
    uscc = StringField(_l("Unified social credit code"),
                       validators=[Optional(), Length(min=18, max=18)],
                       description=_l("18 characters; not needed for individuals."))
    region = SelectField(_l("Region"), choices=region_choices)
    role = SelectField(_l("I register as"),
                       choices=choices((r.value, ROLE_LABELS[r.value])
                                       for r in (Role.PATENTEE, Role.SME)))
    display_name = StringField(_l("Your name"), validators=[DataRequired(), Length(max=100)])
    email = EmailField(_l("E-mail"), validators=[DataRequired(), Email(), Length(max=254)])
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=256)],
                             description=PASSWORD_HINT)
    confirm = PasswordField(_l("Repeat the password"),
                            validators=[DataRequired(), EqualTo("password",
                                                                message=_l("Passwords differ."))])
    submit = SubmitField(_l("Register"))


class LoginForm(Form):
    email = EmailField(_l("E-mail"), validators=[DataRequired(), Email()])
    password = PasswordField(_l("Password"), validators=[DataRequired()])
    submit = SubmitField(_l("Log in"))


class LogoutForm(Form):
    submit = SubmitField(_l("Log out"))


class PasswordChangeForm(Form):
    current_password = PasswordField(_l("Current password"), validators=[DataRequired()])
    new_password = PasswordField(_l("New password"), validators=[DataRequired(), Length(max=256)],
                                 description=PASSWORD_HINT)
    confirm = PasswordField(_l("Repeat the new password"),
                            validators=[DataRequired(),
                                        EqualTo("new_password", message=_l("Passwords differ."))])
    submit = SubmitField(_l("Change password"))


class StaffUserForm(Form):
    """The office creates office and mediator accounts."""

    role = SelectField(_l("Role"), choices=choices((r.value, ROLE_LABELS[r.value])
                                                   for r in (Role.MEDIATOR, Role.OFFICE)))
    organisation_id = SelectField(_l("Organisation"), coerce=int)
    display_name = StringField(_l("Name"), validators=[DataRequired(), Length(max=100)])
    email = EmailField(_l("E-mail"), validators=[DataRequired(), Email(), Length(max=254)])
    password = PasswordField(_l("Initial password"),
                             validators=[DataRequired(), Length(max=256)],
                             description=PASSWORD_HINT)
    submit = SubmitField(_l("Create account"))


SCOPE_LABELS = {
    "read_write": _l("Read and write"),
    "read": _l("Read only"),
}

#: Lifetimes offered on the account page (those up to API_TOKEN_MAX_DAYS).
TOKEN_DAYS = (7, 30, 90, 180, 365)


class TokenForm(Form):
    name = StringField(_l("Token name"), validators=[DataRequired(), Length(max=100)])
    expires_in_days = SelectField(_l("Expires after"), coerce=int)
    scope = SelectField(_l("Access"), choices=choices(SCOPE_LABELS.items()),
                        default="read_write")
    submit = SubmitField(_l("Create token"))

    def offer_lifetimes(self, default_days: int, max_days: int) -> None:
        """The lifetimes to choose from, in days, with the default preselected."""
        days = sorted({d for d in TOKEN_DAYS if d <= max_days} | {default_days})
        self.expires_in_days.choices = choices(
            (d, _l("%(days)s days", days=d)) for d in days)
        if self.expires_in_days.data is None:
            self.expires_in_days.data = default_days


class RevokeTokenForm(Form):
    submit = SubmitField(_l("Revoke"))
