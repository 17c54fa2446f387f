"""The office's batch matching page: upload a file of needs, follow the run, download it."""

from __future__ import annotations

from pathlib import Path

from flask import (
    Blueprint,
    Flask,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    send_file,
    url_for,
)
from flask_babel import gettext as _
from sqlmodel import col, select
from werkzeug.wrappers import Response as BaseResponse

from marketplace.accounts.models import Role, User
from marketplace.db import after_commit, get_session
from marketplace.errors import N_, Message
from marketplace.search import batch, batch_runs
from marketplace.search.batch_forms import BatchMatchForm
from marketplace.search.models import BatchRun, BatchRunStatus
from marketplace.uploads import ParseLimits, UploadTooLarge
from marketplace.web.auth import current_actor, roles_required
from marketplace.web.errors import localise
from marketplace.web.transaction import transactional

blueprint = Blueprint("batch", __name__)

# The page lists this many of the latest runs.
RUNS_SHOWN = 20


def _upload_dir() -> Path:
    return Path(current_app.config["UPLOAD_DIR"])


def _launch_after_commit(app: Flask, run_ids: list[int]) -> None:
    """Start computing these runs once the request's transaction has committed."""
    if run_ids:

        def start() -> None:
            batch_runs.launch(app, run_ids)

        after_commit(get_session(), start)


@blueprint.route("/office/match", methods=["GET", "POST"])
@roles_required(Role.OFFICE)
@transactional
def match_needs() -> tuple[str, int] | BaseResponse:
    """Every line is checked first; with no bad line the run is queued and computed in the
    background (``batch_runs``), and the page follows it until it can be downloaded."""
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    session = get_session()
    form = BatchMatchForm()
    errors: list[batch.LineError] = []
    status = 200
    if form.validate_on_submit():
        try:
            parsed = batch.parse_needs(form.needs.data.read(),
                                       ParseLimits.from_settings(current_app.config))
        except batch.NeedsFileError as exc:
            form.needs.errors.append(localise(exc.detail))
        except UploadTooLarge as exc:
            form.needs.errors.append(localise(exc.detail))
            status = exc.status
        else:
            errors = parsed.errors
            if not errors and not parsed.needs:
                form.needs.errors.append(localise(Message(N_("The file holds no needs."))))
            elif not errors:
                run = batch_runs.submit(session, current_actor(), parsed.needs,
                                        top=form.top.data, file_name=form.needs.data.filename,
                                        upload_dir=_upload_dir())
                _launch_after_commit(app, [run.id or 0])
                flash(_("The run of %(count)d needs is queued; this page shows its progress.",
                        count=run.needs_count), "success")
                return redirect(url_for("batch.match_needs"))
    else:
        # Runs left by a process that stopped are taken up again (thread runner).
        _launch_after_commit(app, batch_runs.pending(session))
    runs = session.exec(select(BatchRun, User).join(User, col(User.id) == BatchRun.created_by_id)
                        .order_by(col(BatchRun.id).desc()).limit(RUNS_SHOWN)).all()
    in_progress = any(run.status in (BatchRunStatus.QUEUED, BatchRunStatus.RUNNING)
                      for run, _user in runs)
    return render_template("search/batch.html", form=form, errors=errors, runs=runs,
                           in_progress=in_progress,
                           max_mb=current_app.config["MAX_UPLOAD_MB"]), status


@blueprint.route("/office/match/runs/<int:run_id>/run.txt")
@roles_required(Role.OFFICE)
def download_run(run_id: int) -> BaseResponse:
    run = get_session().get(BatchRun, run_id)
    if run is None or run.status is not BatchRunStatus.DONE:
        abort(404)
    return send_file(batch_runs.run_path(_upload_dir(), run), mimetype="text/plain",
                     as_attachment=True, download_name=f"kaifang-run-{run_id}.txt")
