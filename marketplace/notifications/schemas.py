"""API shapes for notifications."""

from __future__ import annotations

from marshmallow import Schema, fields

from marketplace.notifications.models import EmailStatus, Notification
from marketplace.notifications.services import notification_message
from marketplace.web.errors import localise
from marketplace.web.pagination import PageArgsSchema, page_out_schema


class NotificationListArgsSchema(PageArgsSchema):
    unread = fields.Boolean(load_default=False)


class NotificationOutSchema(Schema):
    id = fields.Integer()
    kind = fields.String()
    message = fields.Method("render_message", metadata={
        "description": "The message in the request's language"})
    link = fields.String(allow_none=True)
    created_at = fields.DateTime()
    read_at = fields.DateTime(allow_none=True)
    email_status = fields.Enum(EmailStatus, by_value=True)

    def render_message(self, notification: Notification) -> str:
        return localise(notification_message(notification))


NotificationPageSchema = page_out_schema(NotificationOutSchema, "NotificationPage")


class ReadAllOutSchema(Schema):
    marked = fields.Integer()
