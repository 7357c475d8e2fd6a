"""consistency_stats against a plain reference, on random histories in time
zones far apart: from Kiritimati (UTC+14) to Pago Pago (UTC-11), with the
half-hour zones of Kolkata and St John's in between.

Each sitting is generated as a local date (days before the profile's today;
a negative number is a date after it) and a local hour in the session's own
zone, so the reference works from dates alone and never converts a time.
"""

import datetime

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from accounts.timezones import zone
from sessions_app.models import MeditationSession
from sessions_app.stats import consistency_stats, today_for

from .factories import MeditationSessionFactory

ZONES = [
    "Pacific/Kiritimati",
    "Pacific/Pago_Pago",
    "Asia/Kolkata",
    "America/St_Johns",
    "Europe/London",
]
ONE_DAY = datetime.timedelta(days=1)

sittings = st.lists(
    st.tuples(
        st.integers(min_value=-2, max_value=40),  # days before today
        st.integers(min_value=0, max_value=23),  # local hour
        st.integers(min_value=1, max_value=90),  # minutes
        st.sampled_from(ZONES),  # where it was logged
    ),
    max_size=30,
)


def reference_current_streak(dates: set, today: datetime.date) -> int:
    if today in dates:
        end = today
    elif today - ONE_DAY in dates:
        end = today - ONE_DAY
    else:
        return 0
    length = 0
    while end - length * ONE_DAY in dates:
        length += 1
    return length


def reference_longest_streak(dates: set) -> int:
    longest = 0
    for first in dates:
        if first - ONE_DAY in dates:
            continue  # not the start of a run
        length = 1
        while first + length * ONE_DAY in dates:
            length += 1
        longest = max(longest, length)
    return longest


def reference_daily(minutes: dict, today: datetime.date, days: int) -> list:
    window = [today - back * ONE_DAY for back in reversed(range(days))]
    return [{"date": day, "minutes": minutes.get(day, 0)} for day in window]


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    history=sittings,
    profile_zone=st.sampled_from(ZONES),
    goal=st.integers(min_value=1, max_value=120),
    days=st.integers(min_value=1, max_value=45),
)
def test_stats_agree_with_a_plain_reference(owner, history, profile_zone, goal, days):
    # The database lives for the whole test, not for one example.
    MeditationSession.objects.filter(user=owner).delete()
    owner.profile.timezone = profile_zone
    owner.profile.daily_goal_minutes = goal
    owner.profile.save()
    today = today_for(user=owner)

    minutes: dict[datetime.date, int] = {}
    for back, hour, duration, zone_name in history:
        day = today - back * ONE_DAY
        started_at = datetime.datetime.combine(
            day, datetime.time(hour), tzinfo=zone(zone_name)
        )
        MeditationSessionFactory(
            user=owner, started_at=started_at, timezone=zone_name, duration=duration
        )
        minutes[day] = minutes.get(day, 0) + duration

    figures = consistency_stats(user=owner, days=days)
    assume(today_for(user=owner) == today)  # midnight passed mid-example

    daily = reference_daily(minutes, today, days)
    assert figures["current_streak"] == reference_current_streak(set(minutes), today)
    assert figures["longest_streak"] == reference_longest_streak(set(minutes))
    assert figures["daily"] == daily
    assert figures["goal_met_days"] == sum(e["minutes"] >= goal for e in daily)
    assert figures["total_minutes"] == sum(minutes.values())
    assert figures["session_count"] == len(history)
