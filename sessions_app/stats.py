"""Consistency figures: totals, streaks, goal days and minutes by day.

Every per-day figure is counted by each session's stored ``local_date``, the
day the sitting happened where it happened, so the database groups the days
over the (user, local_date) index and the streaks walk one entry a day, never
one a session. "Today" is the date in the user's profile time zone.

A session logged in a zone ahead of the profile's can fall on a date after
today (a sitting in Kiritimati is already tomorrow in London). Such a day is
real history: it counts in the totals, the minutes by type and the longest
streak. It is not in the window, which ends today, and the current streak
counts back from today (or yesterday), so it neither lengthens nor breaks it.
"""

import datetime
from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal
from typing import NamedTuple

from django.contrib.auth.models import AbstractUser
from django.db.models import Count, Sum
from django.utils import timezone

from accounts.timezones import zone

from .models import MeditationSession

ONE_DAY = datetime.timedelta(days=1)


class Practice(NamedTuple):
    """How much was practised: minutes and number of sessions."""

    minutes: int
    sessions: int


def consistency_stats(*, user: AbstractUser, days: int) -> dict:
    """Every figure of /api/sessions/stats/ for one user, counted by each
    session's local_date, with today taken in the user's profile zone."""
    today = today_for(user=user)
    by_day = minutes_by_day(user=user)
    by_type = practice_by_type(user=user)
    total = practice_total(by_type=by_type)
    current_streak, longest_streak = streaks_for(days=list(by_day), today=today)
    daily = daily_minutes(by_day=by_day, today=today, days=days)

    return {
        "total_minutes": total.minutes,
        "session_count": total.sessions,
        "average_duration": average_duration(
            total_minutes=total.minutes, session_count=total.sessions
        ),
        "minutes_by_type": {name: each.minutes for name, each in by_type.items()},
        "current_streak": current_streak,
        "longest_streak": longest_streak,
        "days": days,
        "goal_met_days": goal_met_days(
            daily=daily, goal=user.profile.daily_goal_minutes
        ),
        "daily": daily,
    }


def today_for(*, user: AbstractUser) -> datetime.date:
    """The user's current date: the one on their own calendar, not the
    server's, decides whether today's sitting is done yet."""
    return timezone.now().astimezone(zone(user.profile.timezone)).date()


def minutes_by_day(*, user: AbstractUser) -> dict[datetime.date, int]:
    """Minutes on each day that has a session, oldest first, summed by the
    database so that ten years of sessions come back as one row a day."""
    rows = (
        MeditationSession.objects.filter(user=user)
        .values("local_date")
        .annotate(minutes=Sum("duration"))
        .order_by("local_date")
    )
    return {row["local_date"]: row["minutes"] for row in rows}


def practice_by_type(*, user: AbstractUser) -> dict[str, Practice]:
    """Minutes and sessions of each meditation type the user has practised,
    most minutes first; a type never practised is left out.

    Counting the sessions here too gives the totals from a dozen rows
    instead of another pass over all the user's sessions.
    """
    rows = (
        MeditationSession.objects.filter(user=user)
        .values("meditation_type")
        .annotate(minutes=Sum("duration"), sessions=Count("*"))
        .order_by("-minutes", "meditation_type")
    )
    return {
        row["meditation_type"]: Practice(row["minutes"], row["sessions"])
        for row in rows
    }


def practice_total(*, by_type: Mapping[str, Practice]) -> Practice:
    return Practice(
        minutes=sum(each.minutes for each in by_type.values()),
        sessions=sum(each.sessions for each in by_type.values()),
    )


def average_duration(*, total_minutes: int, session_count: int) -> float | None:
    """Mean minutes a session, to one decimal, halves rounded up (12.25 is
    12.3, as a person would round it, where float rounding would give 12.2);
    None when there is nothing to average."""
    if not session_count:
        return None
    mean = Decimal(total_minutes) / Decimal(session_count)

    return float(mean.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def streaks_for(*, days: list[datetime.date], today: datetime.date) -> tuple[int, int]:
    """(current, longest) streak of days with at least one session.

    ``days`` are the dates that hold a session, in any order; a date after
    today counts for the longest streak only (see the module's docstring).
    """
    ordered = sorted(set(days))
    current = current_streak_for(days=set(ordered), today=today)

    return current, longest_streak_for(days=ordered)


def current_streak_for(*, days: set[datetime.date], today: datetime.date) -> int:
    """Consecutive days with a session up to today, or up to yesterday while
    today has none yet: a streak is not broken until the day is over."""
    day = today if today in days else today - ONE_DAY
    streak = 0
    while day in days:
        streak += 1
        day -= ONE_DAY

    return streak


def longest_streak_for(*, days: list[datetime.date]) -> int:
    """The longest run of consecutive days in ``days`` (oldest first, each
    date once)."""
    longest = run = 0
    previous = None
    for day in days:
        run = run + 1 if previous == day - ONE_DAY else 1
        longest = max(longest, run)
        previous = day

    return longest


def daily_minutes(
    *, by_day: Mapping[datetime.date, int], today: datetime.date, days: int
) -> list[dict]:
    """One entry for each of the ``days`` days ending today, oldest first,
    days without a session included, so a chart needs no gaps filled."""
    first = today - (days - 1) * ONE_DAY
    window = (first + offset * ONE_DAY for offset in range(days))

    return [{"date": day, "minutes": by_day.get(day, 0)} for day in window]


def goal_met_days(*, daily: list[dict], goal: int) -> int:
    """Days of the window whose minutes, all sessions added up, reached the
    daily goal."""
    return sum(1 for day in daily if day["minutes"] >= goal)
