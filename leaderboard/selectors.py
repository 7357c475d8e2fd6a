"""Reads of the leaderboard: the rankings and one user's place in them."""

import dataclasses
import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractUser
from django.db.models import Count, F, QuerySet, Sum, Window
from django.db.models.functions import Rank

from sessions_app.models import MeditationSession

from .models import (
    RANKED,
    DailyMinutes,
    LeaderboardState,
    MinuteTotal,
    utc_day_of,
)

ALL, WEEK, MONTH = "all", "week", "month"
PERIODS = (ALL, WEEK, MONTH)

User = get_user_model()


@dataclasses.dataclass(frozen=True)
class Period:
    """What a ranking covers: [starts_at, ends_at) in UTC, or all time."""

    name: str
    starts_at: datetime.datetime | None = None
    ends_at: datetime.datetime | None = None


@dataclasses.dataclass
class Entry:
    user_id: int
    total_minutes: int
    session_count: int
    rank: int | None = None
    username: str = ""
    display_name: str = ""
    minutes_to_next_rank: int | None = None


def period_for(name: str, *, now: datetime.datetime) -> Period:
    """The current ISO week or calendar month in UTC, or all time."""
    if name == ALL:
        return Period(ALL)
    today = now.astimezone(datetime.UTC).date()
    if name == WEEK:
        first = today - datetime.timedelta(days=today.weekday())
        after = first + datetime.timedelta(days=7)
    else:
        first = today.replace(day=1)
        after = (first + datetime.timedelta(days=32)).replace(day=1)
    return Period(name, _midnight(first), _midnight(after))


def ranking(period: Period) -> QuerySet:
    """The ranked users of a period, best first, as a queryset to page.

    All time reads the totals along their index, with the ranked count kept
    beside them. A week or a month sums the daily rollups of its own days.
    """
    if period.name == ALL:
        return MinuteTotal.objects.ranked().with_known_count(_ranked_count())
    return _period_totals(period).annotate(
        rank=Window(Rank(), order_by=F("total_minutes").desc())
    )


def entries_of_page(page: list, *, period: Period, offset: int) -> list[Entry]:
    """Entries for one page of ``ranking(period)``, with ranks and names.

    Equal totals share a rank and the next rank skips (1, 1, 3). For all
    time, the first entry's rank is a count of the totals above it, and the
    rest follow from their positions.
    """
    if period.name == ALL:
        entries = [
            Entry(row.user_id, row.total_minutes, row.session_count) for row in page
        ]
        _rank_by_position(entries, offset)
    else:
        entries = [
            Entry(
                row["user_id"], row["total_minutes"], row["session_count"], row["rank"]
            )
            for row in page
        ]
    _add_names(entries)
    return entries


def entry_for(user: AbstractUser, *, period: Period) -> Entry:
    """The user's own entry; ``rank`` is None when they are not ranked."""
    if period.name == ALL:
        board = MinuteTotal.objects.filter(RANKED)
        own = MinuteTotal.objects.filter(user=user).first()
        minutes, count = (own.total_minutes, own.session_count) if own else (0, 0)
        shown = own.shown if own else user.profile.show_on_leaderboard
    else:
        board = _period_totals(period)
        own = board.filter(user_id=user.pk).first() or {}
        minutes, count = own.get("total_minutes", 0), own.get("session_count", 0)
        shown = user.profile.show_on_leaderboard
    entry = Entry(user.pk, minutes, count)
    if shown and minutes > 0:
        above = board.filter(total_minutes__gt=minutes)
        entry.rank = 1 + above.count()
        next_total = (
            above.order_by("total_minutes")
            .values_list("total_minutes", flat=True)
            .first()
        )
        if next_total is not None:
            entry.minutes_to_next_rank = next_total - minutes + 1
    _add_names([entry])
    return entry


def _ranked_count() -> int:
    state = LeaderboardState.objects.filter(pk=1).first()
    return state.ranked_count if state else 0


def _period_totals(period: Period) -> QuerySet:
    return (
        DailyMinutes.objects.filter(
            day__gte=period.starts_at.date(), day__lt=period.ends_at.date()
        )
        # Hidden users are few: leaving them out costs less than joining
        # every row to its user's total.
        .exclude(user_id__in=MinuteTotal.objects.filter(shown=False).values("user_id"))
        .values("user_id")
        .annotate(total_minutes=Sum("minutes"), session_count=Sum("session_count"))
        .filter(total_minutes__gt=0)
        .order_by("-total_minutes", "user_id")
    )


def _rank_by_position(entries: list[Entry], offset: int) -> None:
    """Ranks for consecutive entries of the all-time ranking, the first of
    which stands at ``offset``: one count for the first, positions after."""
    previous = None
    for position, entry in enumerate(entries, start=offset):
        if previous is None:
            above = MinuteTotal.objects.filter(
                RANKED, total_minutes__gt=entry.total_minutes
            )
            entry.rank = 1 + above.count()
        elif entry.total_minutes == previous.total_minutes:
            entry.rank = previous.rank
        else:
            entry.rank = position + 1
        previous = entry


def _add_names(entries: list[Entry]) -> None:
    users = User.objects.select_related("profile").in_bulk([e.user_id for e in entries])
    for entry in entries:
        user = users[entry.user_id]
        entry.username = user.get_username()
        entry.display_name = user.profile.shown_name


def _midnight(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=datetime.UTC)


@dataclasses.dataclass(frozen=True)
class TotalMismatch:
    user_id: int
    username: str
    stored: tuple[int, int]
    actual: tuple[int, int]
    days_differing: int


def total_mismatches() -> list[TotalMismatch]:
    """Users whose stored total or daily rollups differ from their sessions.

    Reads every session once; for ``rebuild_leaderboard --check``, not for
    requests.
    """
    actual = _sums_from_sessions()
    stored = {
        row[0]: (row[1], row[2])
        for row in MinuteTotal.objects.values_list(
            "user_id", "total_minutes", "session_count"
        )
    }
    days = _daily_differences()
    suspects = actual.keys() | stored.keys() | days.keys()
    names = dict(User.objects.filter(pk__in=suspects).values_list("pk", "username"))
    return [
        TotalMismatch(
            uid,
            names.get(uid, "?"),
            stored.get(uid, (0, 0)),
            actual.get(uid, (0, 0)),
            days.get(uid, 0),
        )
        for uid in sorted(suspects)
        if stored.get(uid, (0, 0)) != actual.get(uid, (0, 0)) or days.get(uid)
    ]


def _sums_from_sessions() -> dict[int, tuple[int, int]]:
    rows = (
        MeditationSession.objects.values("user_id")
        .annotate(minutes=Sum("duration"), count=Count("id"))
        .order_by()
    )
    return {row["user_id"]: (row["minutes"], row["count"]) for row in rows}


def _daily_differences() -> dict[int, int]:
    """For each user, how many of their days' rollups are wrong or missing."""
    actual = {
        (row["user_id"], row["day"]): (row["minutes"], row["count"])
        for row in MeditationSession.objects.annotate(day=utc_day_of("started_at"))
        .values("user_id", "day")
        .annotate(minutes=Sum("duration"), count=Count("id"))
        .order_by()
        .iterator(chunk_size=5000)
    }
    stored = {
        (user_id, day): (minutes, count)
        for user_id, day, minutes, count in DailyMinutes.objects.values_list(
            "user_id", "day", "minutes", "session_count"
        ).iterator(chunk_size=5000)
    }
    differing: dict[int, int] = {}
    for key in actual.keys() | stored.keys():
        if actual.get(key) != stored.get(key):
            differing[key[0]] = differing.get(key[0], 0) + 1
    return differing
