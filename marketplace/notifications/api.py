"""Notifications API: the caller's own notifications, marking them read."""

from __future__ import annotations

from typing import Any

from flask.views import MethodView

from marketplace.db import get_session
from marketplace.notifications import schemas, services
from marketplace.notifications.models import Notification
from marketplace.web.arguments import Blueprint
from marketplace.web.auth import current_actor, login_required
from marketplace.web.pagination import Page
from marketplace.web.transaction import transactional

api_blueprint = Blueprint("notifications_api", __name__, url_prefix="/api/v1",
                          description="The caller's notifications")


@api_blueprint.route("/notifications")
class Notifications(MethodView):
    @login_required
    @api_blueprint.arguments(schemas.NotificationListArgsSchema, location="query")
    @api_blueprint.response(200, schemas.NotificationPageSchema)
    def get(self, args: dict[str, Any]) -> Page[Notification]:
        """The caller's notifications, newest first (``unread=true`` for unread only)."""
        return services.list_notifications(get_session(), user=current_actor(),
                                           unread_only=args["unread"], page=args["page"],
                                           per_page=args["per_page"])


@api_blueprint.route("/notifications/<int:notification_id>/read")
class NotificationRead(MethodView):
    @login_required
    @api_blueprint.response(200, schemas.NotificationOutSchema)
    @transactional
    def post(self, notification_id: int) -> Notification:
        """Mark one of the caller's notifications read (404 for anyone else's)."""
        return services.mark_read(get_session(), user=current_actor(),
                                  notification_id=notification_id)


@api_blueprint.route("/notifications/read-all")
class NotificationsReadAll(MethodView):
    @login_required
    @api_blueprint.response(200, schemas.ReadAllOutSchema)
    @transactional
    def post(self) -> dict[str, Any]:
        """Mark every unread notification of the caller read."""
        return {"marked": services.mark_all_read(get_session(), user=current_actor())}
