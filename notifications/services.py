"""Writes on notifications: the function other apps call to tell a user
something, and the marking of notifications as read, shared by the API and
the admin."""

import logging

from django.contrib.auth.models import AbstractUser
from django.db import transaction
from django.utils import timezone

from .models import Notification, NotificationQuerySet

logger = logging.getLogger(__name__)


def notify(
    *, recipient: AbstractUser, kind: str, message: str, data: dict | None = None
) -> Notification:
    """Create a notification for ``recipient``.

    Called from inside the sender's transaction, it is written (and logged)
    only if that transaction commits, so a rolled-back write tells nobody.
    """
    notification = Notification.objects.create(
        recipient=recipient, kind=kind, message=message, data=data or {}
    )
    # The log names the user and the kind only: the message may be personal.
    transaction.on_commit(
        lambda: logger.info(
            "notification id=%s of kind %s for user id=%s",
            notification.pk,
            kind,
            recipient.pk,
        )
    )
    return notification


def notification_mark_read(*, notification: Notification) -> Notification:
    """Mark one notification read. Marking it again keeps the first time,
    also when two requests race to mark it."""
    if notification.read_at is not None:
        return notification

    moment = timezone.now()
    marked = (
        Notification.objects.filter(pk=notification.pk).unread().update(read_at=moment)
    )
    if marked:
        notification.read_at = moment
    else:
        notification.refresh_from_db(fields=["read_at"])

    return notification


def notifications_mark_read(*, notifications: NotificationQuerySet) -> int:
    """Mark the unread ones among ``notifications`` read, in one UPDATE, and
    say how many that was; those read before keep their time."""
    return notifications.unread().update(read_at=timezone.now())


def notifications_mark_all_read(*, recipient: AbstractUser) -> int:
    return notifications_mark_read(
        notifications=Notification.objects.filter(recipient=recipient)
    )
