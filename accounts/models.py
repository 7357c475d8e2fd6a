from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from .timezones import validate_timezone

DAILY_GOAL_MIN = 1
DAILY_GOAL_MAX = 1440


class Profile(models.Model):
    """A user's own settings: how they are shown, their day and their goal."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="profile",
    )
    display_name = models.CharField(
        max_length=64,
        blank=True,
        help_text="Shown on the leaderboard; empty means the username.",
    )
    timezone = models.CharField(
        max_length=64,
        default="UTC",
        validators=[validate_timezone],
        help_text="IANA time zone name; decides what 'today' is for this user.",
    )
    show_on_leaderboard = models.BooleanField(default=True)
    daily_goal_minutes = models.PositiveSmallIntegerField(
        default=10,
        validators=[
            MinValueValidator(DAILY_GOAL_MIN),
            MaxValueValidator(DAILY_GOAL_MAX),
        ],
    )

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(
                    daily_goal_minutes__gte=DAILY_GOAL_MIN,
                    daily_goal_minutes__lte=DAILY_GOAL_MAX,
                ),
                name="profile_daily_goal_in_range",
            ),
        ]

    def __str__(self) -> str:
        return self.shown_name

    @property
    def shown_name(self) -> str:
        return self.display_name or self.user.get_username()
