"""The office's batch-matching form."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileAllowed, FileField, FileRequired
from wtforms import IntegerField, SubmitField
from wtforms.validators import InputRequired, NumberRange

from marketplace.search.batch import MAX_TOP
from marketplace.web.forms import Form


class BatchMatchForm(Form):
    needs = FileField(_l("Needs file (JSON Lines)"),
                      validators=[FileRequired(_l("Choose a file.")),
                                  FileAllowed(["jsonl", "ndjson", "json"],
                                              _l("Use a .jsonl file."))])
    top = IntegerField(_l("Patents per need"), default=100,
                       validators=[InputRequired(_l("Give a number.")),
                                   NumberRange(min=1, max=MAX_TOP)])
    submit = SubmitField(_l("Start the run"))
