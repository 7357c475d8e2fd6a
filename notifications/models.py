from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

UNREAD = Q(read_at__isnull=True)


class NotificationQuerySet(models.QuerySet):
    def unread(self) -> "NotificationQuerySet":
        return self.filter(UNREAD)


class Notification(models.Model):
    """Something a user is told: a line of text to show as it is, and
    ``data`` for a client that renders its own text or links.

    This app knows nothing of what it is told. Each app that sends
    notifications names its own ``kind`` (the leaderboard sends ``rank_one``
    and ``rank_one_lost``) and fills ``data`` with what a client needs.
    """

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    kind = models.CharField(
        max_length=64,
        help_text="What happened, such as rank_one; each sending app names its own.",
    )
    message = models.TextField()
    data = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            # Serves the list, newest first, for one user.
            models.Index(
                fields=["recipient", "-created_at", "-id"],
                name="notification_recent",
            ),
            # Holds only the unread rows: the unread count and the unread list
            # read this small index, however much has been read.
            models.Index(
                fields=["recipient", "-created_at", "-id"],
                condition=UNREAD,
                name="notification_unread",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} for user {self.recipient_id}"
