"""HTML forms for notifications (buttons only: the CSRF token is their content)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import SubmitField

from marketplace.web.forms import Form


class MarkReadForm(Form):
    submit = SubmitField(_l("Mark read"))


class MarkAllReadForm(Form):
    submit = SubmitField(_l("Mark all read"))
