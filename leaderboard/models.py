import datetime

from django.conf import settings
from django.db import connection, models
from django.db.models import CharField, DateField, Q
from django.db.models.functions import Cast, Substr, TruncDate

RANKED = Q(shown=True, total_minutes__gt=0)


def utc_day_of(field: str):
    """A database expression for the UTC date of a datetime column.

    SQLite stores datetimes as UTC text, so the date is its first ten
    characters; Django's TruncDate would call a Python function for every
    row there, which made a rebuild of a million sessions take minutes.
    """
    if connection.vendor == "sqlite":
        return Substr(Cast(field, CharField()), 1, 10, output_field=DateField())
    return TruncDate(field, tzinfo=datetime.UTC)


class MinuteTotalQuerySet(models.QuerySet):
    def ranked(self) -> "MinuteTotalQuerySet":
        """Users on the all-time leaderboard, best first."""
        return self.filter(RANKED).order_by("-total_minutes", "user_id")

    def with_known_count(self, count: int) -> "MinuteTotalQuerySet":
        """This queryset, answering ``count()`` with a number kept elsewhere
        instead of counting rows (the paginator asks for it on every page)."""
        clone = self._chain()
        clone._known_count = count
        return clone

    def count(self) -> int:
        known = getattr(self, "_known_count", None)
        return super().count() if known is None else known


class MinuteTotal(models.Model):
    """A user's all-time minutes, kept equal to the sum of their sessions by
    the session signals, so that ranking never sums sessions.

    ``shown`` mirrors the profile's ``show_on_leaderboard`` so that the
    ranking reads one table over one index.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="minute_total",
    )
    total_minutes = models.PositiveIntegerField(default=0)
    session_count = models.PositiveIntegerField(default=0)
    shown = models.BooleanField(default=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = MinuteTotalQuerySet.as_manager()

    class Meta:
        indexes = [
            # The ranking, best first: a page is a walk along this index, and
            # one user's rank is a count of the entries before theirs.
            models.Index(
                fields=["-total_minutes", "user"],
                condition=RANKED,
                name="minute_total_ranking",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_id}: {self.total_minutes} min"


class DailyMinutes(models.Model):
    """Minutes per user per UTC day: the rollup that week and month rankings
    read, so that they touch only the rows of their period."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    day = models.DateField(help_text="UTC date of the sessions' start.")
    minutes = models.PositiveIntegerField(default=0)
    session_count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["day", "user"], name="daily_minutes_once"),
        ]
        indexes = [
            # A week or month ranking reads its days' rows from this index
            # alone, without visiting the table.
            models.Index(
                fields=["day", "user", "minutes", "session_count"],
                name="daily_minutes_period",
            ),
        ]
        verbose_name_plural = "daily minutes"

    def __str__(self) -> str:
        return f"{self.user_id} on {self.day}: {self.minutes} min"


class LeaderboardState(models.Model):
    """The one row that every write to the totals locks first.

    Holding it serialises the writes that can change first place, so that
    the rank-one check of one write always sees the result of the one before
    it: no notice is sent twice and none is lost. It also keeps the number of
    ranked users, so that a page does not count the whole table.
    """

    ranked_count = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.ranked_count} ranked"


class RankOneHolder(models.Model):
    """Who was last told that they are at rank one, and since when.

    The set is compared with the current top after every write: who joins it
    gets a ``rank_one`` notice, who leaves it a ``rank_one_lost`` one.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, primary_key=True
    )
    since = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.user_id} since {self.since:%Y-%m-%d %H:%M}"
