"""Notification pages: the user's own list, marking read; the unread count in the navigation."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response as BaseResponse

from marketplace.db import get_session
from marketplace.notifications import forms, services
from marketplace.web.auth import current_actor, login_required
from marketplace.web.pagination import requested_page
from marketplace.web.transaction import transactional

blueprint = Blueprint("notifications", __name__)

PER_PAGE = 20


@blueprint.app_template_global()
def unread_notification_count() -> int:
    """For the navigation: the logged-in user's unread notifications (0 when logged out)."""
    if not current_user.is_authenticated:
        return 0
    return services.unread_count(get_session(), user=current_actor())


@blueprint.route("/notifications")
@login_required
def inbox() -> str:
    page_number = requested_page()
    unread_only = request.args.get("unread") == "1"
    page = services.list_notifications(get_session(), user=current_actor(),
                                       unread_only=unread_only, page=max(page_number, 1),
                                       per_page=PER_PAGE)
    return render_template("notifications/list.html", page=page, unread_only=unread_only,
                           message_of=services.notification_message,
                           read_form=forms.MarkReadForm(), all_form=forms.MarkAllReadForm())


@blueprint.route("/notifications/<int:notification_id>/read", methods=["POST"])
@login_required
@transactional
def mark_read(notification_id: int) -> BaseResponse:
    form = forms.MarkReadForm()
    if form.validate_on_submit():
        notification = services.mark_read(get_session(), user=current_actor(),
                                          notification_id=notification_id)
        if request.form.get("open") and notification.link:
            return redirect(notification.link)
    return redirect(url_for("notifications.inbox"))


@blueprint.route("/notifications/read-all", methods=["POST"])
@login_required
@transactional
def mark_all_read() -> BaseResponse:
    form = forms.MarkAllReadForm()
    if form.validate_on_submit():
        services.mark_all_read(get_session(), user=current_actor())
        flash(_("All notifications are marked read."), "success")
    return redirect(url_for("notifications.inbox"))
