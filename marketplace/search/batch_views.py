"""The office's batch matching page: upload a file of needs, download the run."""

from __future__ import annotations

from collections.abc import Iterator

from flask import Blueprint, Response, current_app, render_template, stream_with_context
from werkzeug.wrappers import Response as BaseResponse

from marketplace.accounts.models import Role
from marketplace.db import get_session
from marketplace.errors import N_, Message
from marketplace.search import batch, sync
from marketplace.search.batch_forms import BatchMatchForm
from marketplace.web.auth import roles_required
from marketplace.web.errors import localise

blueprint = Blueprint("batch", __name__)


@blueprint.route("/office/match", methods=["GET", "POST"])
@roles_required(Role.OFFICE)
def match_needs() -> str | BaseResponse:
    """Every line is checked first; with no bad line the run is streamed as a download, need
    by need, so that thousands of needs do not hold the answer back."""
    form = BatchMatchForm()
    errors: list[batch.LineError] = []
    if form.validate_on_submit():
        try:
            parsed = batch.parse_needs(form.needs.data.read())
        except batch.NeedsFileError as exc:
            form.needs.errors.append(localise(exc.detail))
        else:
            errors = parsed.errors
            if not errors and not parsed.needs:
                form.needs.errors.append(localise(Message(N_("The file holds no needs."))))
            elif not errors:
                return _run_download(parsed.needs, form.top.data)
    return render_template("search/batch.html", form=form, errors=errors,
                           max_mb=current_app.config["MAX_UPLOAD_MB"])


def _run_download(needs: list[batch.Need], top: int) -> Response:
    index = sync.search_index(current_app._get_current_object())  # type: ignore[attr-defined]

    def lines() -> Iterator[str]:
        for line in batch.match_needs(get_session(), index, needs, top=top):
            yield f"{line}\n"

    return Response(stream_with_context(lines()), mimetype="text/plain",
                    headers={"Content-Disposition": "attachment; filename=kaifang-run.txt"})
