"""HTML forms for notifications (buttons only: the CSRF token is their content)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SubmitField


class MarkReadForm(FlaskForm):  # type: ignore[misc]
    submit = SubmitField(_l("Mark read"))


class MarkAllReadForm(FlaskForm):  # type: ignore[misc]
    submit = SubmitField(_l("Mark all read"))
