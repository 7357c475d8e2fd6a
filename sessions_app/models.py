import datetime

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.utils import timezone

from accounts.timezones import validate_timezone, zone

DURATION_MIN = 1
DURATION_MAX = 24 * 60
NOTES_MAX_LENGTH = 2000


class MeditationType(models.TextChoices):
    MINDFULNESS = "mindfulness", "Mindfulness"
    BREATHING = "breathing", "Breathing"
    BODY_SCAN = "body_scan", "Body scan"
    LOVING_KINDNESS = "loving_kindness", "Loving-kindness"
    GRATITUDE = "gratitude", "Gratitude"
    MANTRA = "mantra", "Mantra"
    TRANSCENDENTAL = "transcendental", "Transcendental"
    VIPASSANA = "vipassana", "Vipassana"
    ZEN = "zen", "Zen"
    VISUALIZATION = "visualization", "Visualization"
    WALKING = "walking", "Walking"
    OTHER = "other", "Other"


def local_date_for(started_at: datetime.datetime, timezone_name: str) -> datetime.date:
    """The calendar day on which a sitting happened, where it happened."""
    return started_at.astimezone(zone(timezone_name)).date()


class MeditationSession(models.Model):
    """One sitting: what kind, how many minutes, when and where (time zone).

    ``local_date`` is stored rather than computed on read so that every
    per-day figure can be grouped by the database over an index, and so that
    the day stays fixed when the user later changes their profile's zone.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="meditation_sessions",
    )
    meditation_type = models.CharField(max_length=32, choices=MeditationType.choices)
    duration = models.PositiveSmallIntegerField(
        help_text="Minutes.",
        validators=[MinValueValidator(DURATION_MIN), MaxValueValidator(DURATION_MAX)],
    )
    notes = models.TextField(blank=True, max_length=NOTES_MAX_LENGTH)
    started_at = models.DateTimeField(default=timezone.now)
    timezone = models.CharField(
        max_length=64,
        validators=[validate_timezone],
        help_text="IANA time zone the session was logged in.",
    )
    local_date = models.DateField(
        editable=False, help_text="Date of started_at in the session's time zone."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-started_at", "-id"]
        indexes = [
            # Serves the default list order, newest first, for one user.
            models.Index(
                fields=["user", "-started_at", "-id"], name="session_user_recent"
            ),
            # Serve the stats from the indexes alone, without reading the
            # table: minutes by day (streaks, goals) and minutes by type.
            models.Index(
                fields=["user", "local_date", "duration"], name="session_user_day"
            ),
            models.Index(
                fields=["user", "meditation_type", "duration"],
                name="session_user_type",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(
                    duration__gte=DURATION_MIN, duration__lte=DURATION_MAX
                ),
                name="session_duration_in_range",
            ),
            models.CheckConstraint(
                condition=models.Q(meditation_type__in=MeditationType.values),
                name="session_type_known",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_meditation_type_display()}, {self.duration} min"

    def save(self, *args, **kwargs):
        self.local_date = local_date_for(self.started_at, self.timezone)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "local_date"}
        # One transaction for the row and for whatever the save signals
        # change with it (the leaderboard's totals), whoever calls save().
        with transaction.atomic():
            super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        with transaction.atomic():
            return super().delete(*args, **kwargs)


class IdempotencyKey(models.Model):
    """The session that a POST with an ``Idempotency-Key`` created.

    A retried POST finds its key here and gets the first answer back instead
    of logging the sitting twice. The unique constraint is what makes two
    retries arriving at the same moment create one session. A key lives as
    long as its session.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    key = models.CharField(max_length=255)
    request_hash = models.CharField(
        max_length=64, help_text="SHA-256 of the first request's body."
    )
    session = models.ForeignKey(MeditationSession, on_delete=models.CASCADE)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "key"], name="idempotency_key_unique_per_user"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.key} -> session {self.session_id}"
