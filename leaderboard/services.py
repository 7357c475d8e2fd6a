"""Writes on the leaderboard: minute totals, daily rollups and first place.

Every function here runs inside the transaction of the write that called it
and starts by locking the single ``LeaderboardState`` row. That lock is how
writes that can change first place are serialised: PostgreSQL makes a second
writer wait on the row (``SELECT ... FOR UPDATE``), and SQLite, whose write
transactions begin with ``BEGIN IMMEDIATE``, already lets one writer in at a
time. So each rank-one check sees the totals exactly as the previous write
left them, and compares them with the holders that write recorded: a notice
is never sent twice and never missed. Writes that change no minutes (a
note edited) do not take the lock.
"""

import dataclasses
import datetime
import logging
from collections.abc import Callable, Iterable

from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.db.models import Count, Sum

from accounts.models import Profile
from notifications.services import notify
from sessions_app.models import MeditationSession

from .models import (
    RANKED,
    DailyMinutes,
    LeaderboardState,
    MinuteTotal,
    RankOneHolder,
    utc_day_of,
)

logger = logging.getLogger(__name__)

User = get_user_model()

RANK_ONE = "rank_one"
RANK_ONE_LOST = "rank_one_lost"
# Users per step of a rebuild: few enough that an ``IN (...)`` list stays
# within every database's limit on query parameters.
REBUILD_BATCH = 500


@dataclasses.dataclass(frozen=True)
class Contribution:
    """What one session adds to the leaderboard."""

    user_id: int
    day: datetime.date
    minutes: int

    @classmethod
    def of(
        cls, *, user_id: int, started_at: datetime.datetime, duration: int
    ) -> "Contribution":
        return cls(user_id, started_at.astimezone(datetime.UTC).date(), duration)


def session_contribution_move(
    *, before: Contribution | None, after: Contribution | None
) -> None:
    """Take a session's minutes out of where they were counted (``before``,
    None for a new session) and add them where they count now (``after``,
    None for a deleted one), then check first place."""
    if before == after:
        return
    with transaction.atomic():
        state = _state_locked()
        ranked_before = state.ranked_count
        if before is not None:
            _contribution_add(state, before, sign=-1)
        if after is not None:
            _contribution_add(state, after, sign=+1)
        if state.ranked_count != ranked_before:
            state.save(update_fields=["ranked_count"])
        rank_one_check()


def leaderboard_visibility_set(*, user_id: int, shown: bool) -> None:
    """Show or hide a user on the leaderboard (the profile's opt-out).

    Most profile saves change something else; those take no lock.
    """
    if MinuteTotal.objects.filter(user_id=user_id, shown=shown).exists():
        return
    with transaction.atomic():
        state = _state_locked()
        total = _total_locked(user_id)
        if total.shown == shown:
            return
        was_ranked = _is_ranked(total)
        total.shown = shown
        total.save(update_fields=["shown", "updated_at"])
        state.ranked_count += _is_ranked(total) - was_ranked
        state.save(update_fields=["ranked_count"])
        rank_one_check()


def leaderboard_user_leave(*, user_id: int) -> None:
    """Take a user who is being deleted off the leaderboard, telling whoever
    this makes first. The user is not told: their notices go with them."""
    with transaction.atomic():
        state = _state_locked()
        total = MinuteTotal.objects.filter(user_id=user_id).first()
        if total is not None and _is_ranked(total):
            state.ranked_count -= 1
            state.save(update_fields=["ranked_count"])
        MinuteTotal.objects.filter(user_id=user_id).delete()
        RankOneHolder.objects.filter(user_id=user_id).delete()
        rank_one_check()


def rank_one_check(*, notify_users: bool = True) -> None:
    """Compare who is at rank one now with who was last told so, and tell
    those who arrived and those who left.

    Costs a few indexed reads: the top total, the users holding it, and the
    recorded holders. The caller holds the state lock.
    """
    leaders = set(_leader_ids())
    holders = set(RankOneHolder.objects.values_list("user_id", flat=True))
    arrived, left = leaders - holders, holders - leaders
    RankOneHolder.objects.filter(user_id__in=left).delete()
    RankOneHolder.objects.bulk_create(RankOneHolder(user_id=uid) for uid in arrived)
    if not notify_users:
        return
    told = User.objects.in_bulk(arrived | left)
    totals = dict(
        MinuteTotal.objects.filter(user_id__in=arrived | left).values_list(
            "user_id", "total_minutes"
        )
    )
    for user_id in sorted(arrived):
        _notify_rank_one(told[user_id], totals[user_id], tied=len(leaders) - 1)
    for user_id in sorted(left):
        _notify_rank_one_lost(told[user_id], totals.get(user_id, 0))


def totals_rebuild(
    *,
    user_ids: Iterable[int] | None = None,
    notify_users: bool,
    progress: Callable[[int], object] | None = None,
) -> int:
    """Recompute totals and daily rollups from the sessions, for the given
    users or for everyone, and return how many users were rebuilt.

    For a bulk import (whose inserts send no signals) and for a database
    restored from elsewhere; never on a normal write. ``progress`` is called
    with the number of users done after each batch.
    """
    with transaction.atomic():
        state = _state_locked()
        users = _users_to_rebuild(user_ids)
        for start in range(0, len(users), REBUILD_BATCH):
            batch = users[start : start + REBUILD_BATCH]
            sessions = MeditationSession.objects.filter(user_id__in=batch)
            _totals_write(batch, sessions)
            _daily_write(batch, sessions)
            if progress is not None:
                progress(len(batch))
        state.ranked_count = MinuteTotal.objects.filter(RANKED).count()
        state.save(update_fields=["ranked_count"])
        rank_one_check(notify_users=notify_users)
    return len(users)


def _users_to_rebuild(user_ids: Iterable[int] | None) -> list[int]:
    users = User.objects.all()
    if user_ids is not None:
        users = users.filter(pk__in=list(user_ids))
    return list(users.values_list("pk", flat=True))


def _totals_write(users: list[int], sessions) -> None:
    sums = {
        row["user_id"]: row
        for row in sessions.values("user_id").annotate(
            minutes=Sum("duration"), count=Count("id")
        )
    }
    shown = dict(
        Profile.objects.filter(user_id__in=users).values_list(
            "user_id", "show_on_leaderboard"
        )
    )
    MinuteTotal.objects.filter(user_id__in=users).delete()
    MinuteTotal.objects.bulk_create(
        (
            MinuteTotal(
                user_id=user_id,
                total_minutes=sums.get(user_id, {}).get("minutes", 0),
                session_count=sums.get(user_id, {}).get("count", 0),
                shown=shown.get(user_id, True),
            )
            for user_id in users
        ),
        batch_size=2000,
    )


def _daily_write(users: list[int], sessions) -> None:
    """Replace the users' daily rollups with sums the database computes and
    inserts itself (INSERT ... SELECT), so that no row passes through Python:
    a million sessions take seconds, not minutes."""
    DailyMinutes.objects.filter(user_id__in=users).delete()
    sums = (
        sessions.annotate(day=utc_day_of("started_at"))
        .values("user_id", "day")
        .annotate(minutes=Sum("duration"), count=Count("id"))
        .order_by()
    )
    select, params = sums.query.sql_with_params()
    quote = connection.ops.quote_name
    columns = ", ".join(
        quote(DailyMinutes._meta.get_field(name).column)
        for name in ("user", "day", "minutes", "session_count")
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {quote(DailyMinutes._meta.db_table)} ({columns}) {select}",
            params,
        )


def _state_locked() -> LeaderboardState:
    state, _ = LeaderboardState.objects.select_for_update().get_or_create(pk=1)
    return state


def _total_locked(user_id: int) -> MinuteTotal:
    total, _ = MinuteTotal.objects.select_for_update().get_or_create(user_id=user_id)
    return total


def _is_ranked(total: MinuteTotal) -> bool:
    return total.shown and total.total_minutes > 0


def _contribution_add(state: LeaderboardState, part: Contribution, sign: int) -> None:
    total = _total_locked(part.user_id)
    was_ranked = _is_ranked(total)
    total.total_minutes += sign * part.minutes
    total.session_count += sign
    total.save(update_fields=["total_minutes", "session_count", "updated_at"])
    state.ranked_count += _is_ranked(total) - was_ranked

    daily, _ = DailyMinutes.objects.get_or_create(user_id=part.user_id, day=part.day)
    daily.minutes += sign * part.minutes
    daily.session_count += sign
    if daily.session_count:
        daily.save(update_fields=["minutes", "session_count"])
    else:
        daily.delete()


def _leader_ids() -> list[int]:
    ranked = MinuteTotal.objects.filter(RANKED)
    top = (
        ranked.order_by("-total_minutes")
        .values_list("total_minutes", flat=True)
        .first()
    )
    if top is None:
        return []
    return list(ranked.filter(total_minutes=top).values_list("user_id", flat=True))


def _notify_rank_one(user, minutes: int, tied: int) -> None:
    message = f"You are first on the leaderboard with {minutes} minutes."
    if tied:
        message = f"You share first place on the leaderboard with {minutes} minutes."
    notify(
        recipient=user,
        kind=RANK_ONE,
        message=message,
        data={"rank": 1, "total_minutes": minutes, "tied_with": tied},
    )


def _notify_rank_one_lost(user, minutes: int) -> None:
    notify(
        recipient=user,
        kind=RANK_ONE_LOST,
        message="You are no longer first on the leaderboard.",
        data={"total_minutes": minutes},
    )
