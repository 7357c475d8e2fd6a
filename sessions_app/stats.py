"""Consistency figures: totals, streaks, goal days and minutes by day."""

import datetime

from django.contrib.auth.models import AbstractUser


def consistency_stats(*, user: AbstractUser, days: int) -> dict:
    """Every figure of /api/sessions/stats/ for one user, counted by each
    session's local_date, with today taken in the user's profile zone."""
    raise NotImplementedError


def today_for(*, user: AbstractUser) -> datetime.date:
    raise NotImplementedError
