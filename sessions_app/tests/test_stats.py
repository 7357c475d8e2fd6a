"""GET /api/sessions/stats/: short calendar stories told relative to the real
current date in the owner's profile zone, so no clock is mocked.

The model takes any start time, so a sitting "today at noon" is stored as
such even before noon; the figures only look at its local_date.
"""

import datetime

import pytest
from django.utils import timezone

from accounts.timezones import zone
from sessions_app.stats import consistency_stats

from .factories import MeditationSessionFactory

URL = "/api/sessions/stats/"
ONE_DAY = datetime.timedelta(days=1)


def today_in(zone_name: str) -> datetime.date:
    return timezone.now().astimezone(zone(zone_name)).date()


def sit(user, day, *, zone_name="UTC", at=datetime.time(12), **fields):
    """A session on ``day`` at the wall-clock time ``at`` in ``zone_name``."""
    started_at = datetime.datetime.combine(day, at, tzinfo=zone(zone_name))
    return MeditationSessionFactory(
        user=user, started_at=started_at, timezone=zone_name, **fields
    )


def stats_of(api, **params) -> dict:
    answer = api.get(URL, params)
    assert answer.status_code == 200
    return answer.json()


def minutes_on(figures: dict) -> dict[str, int]:
    return {entry["date"]: entry["minutes"] for entry in figures["daily"]}


def set_profile(user, **fields):
    for name, value in fields.items():
        setattr(user.profile, name, value)
    user.profile.save()


# Streaks


def test_sittings_either_side_of_tokyo_midnight_fall_on_two_days(owner, owner_api):
    set_profile(owner, timezone="Asia/Tokyo")
    today = today_in("Asia/Tokyo")
    # An hour apart, and on the same UTC date, but on two Tokyo dates.
    sit(owner, today - 2 * ONE_DAY, zone_name="Asia/Tokyo", at=datetime.time(23, 30))
    sit(owner, today - ONE_DAY, zone_name="Asia/Tokyo", at=datetime.time(0, 30))

    figures = stats_of(owner_api)

    assert figures["current_streak"] == 2
    assert figures["longest_streak"] == 2
    assert minutes_on(figures)[str(today - 2 * ONE_DAY)] == 10
    assert minutes_on(figures)[str(today - ONE_DAY)] == 10


def test_late_evening_sittings_in_new_york_count_for_the_new_york_date(
    owner, owner_api
):
    set_profile(owner, timezone="America/New_York")
    today = today_in("America/New_York")
    # 23:30 in New York is already the next day in UTC.
    for back in (2, 1):
        sit(
            owner,
            today - back * ONE_DAY,
            zone_name="America/New_York",
            at=datetime.time(23, 30),
        )

    figures = stats_of(owner_api)

    assert figures["current_streak"] == 2
    assert minutes_on(figures)[str(today - ONE_DAY)] == 10
    assert minutes_on(figures)[str(today)] == 0


def test_a_streak_runs_through_the_spring_daylight_saving_change_in_berlin(
    owner, owner_api
):
    set_profile(owner, timezone="Europe/Berlin")
    # Clocks went from 02:00 to 03:00 on 31 March 2024: that day had 23 hours.
    for day in (29, 30, 31):
        sit(
            owner,
            datetime.date(2024, 3, day),
            zone_name="Europe/Berlin",
            at=datetime.time(23, 30),
        )
    sit(
        owner,
        datetime.date(2024, 4, 1),
        zone_name="Europe/Berlin",
        at=datetime.time(0, 15),
    )

    figures = stats_of(owner_api)

    assert figures["longest_streak"] == 4
    assert figures["current_streak"] == 0


def test_a_streak_runs_through_the_autumn_daylight_saving_change_in_new_york(
    owner, owner_api
):
    set_profile(owner, timezone="America/New_York")
    new_york = zone("America/New_York")
    # 5 November 2023 had 25 hours; 01:30 happened twice (fold picks the
    # second one).
    starts = [
        datetime.datetime(2023, 11, 4, 23, 45, tzinfo=new_york),
        datetime.datetime(2023, 11, 5, 1, 30, fold=1, tzinfo=new_york),
        datetime.datetime(2023, 11, 6, 0, 10, tzinfo=new_york),
    ]
    for started_at in starts:
        MeditationSessionFactory(
            user=owner, started_at=started_at, timezone="America/New_York"
        )

    figures = stats_of(owner_api)

    assert figures["longest_streak"] == 3


def test_a_missing_day_breaks_the_streak(owner, owner_api):
    today = today_in("UTC")
    for back in (5, 4, 3, 1, 0):  # nothing two days ago
        sit(owner, today - back * ONE_DAY)

    figures = stats_of(owner_api)

    assert figures["current_streak"] == 2
    assert figures["longest_streak"] == 3


def test_a_streak_is_kept_alive_until_today_is_over(owner, owner_api):
    today = today_in("UTC")
    for back in (3, 2, 1):  # nothing yet today
        sit(owner, today - back * ONE_DAY)

    figures = stats_of(owner_api)

    assert figures["current_streak"] == 3


def test_a_streak_whose_last_day_was_the_day_before_yesterday_is_over(owner, owner_api):
    today = today_in("UTC")
    for back in (4, 3, 2):
        sit(owner, today - back * ONE_DAY)

    figures = stats_of(owner_api)

    assert figures["current_streak"] == 0
    assert figures["longest_streak"] == 3


def test_the_longest_streak_can_lie_in_the_past(owner, owner_api):
    today = today_in("UTC")
    for back in range(40, 45):
        sit(owner, today - back * ONE_DAY)
    sit(owner, today - ONE_DAY)
    sit(owner, today)

    figures = stats_of(owner_api)

    assert figures["current_streak"] == 2
    assert figures["longest_streak"] == 5


def test_several_sittings_on_one_day_count_as_one_streak_day(owner, owner_api):
    today = today_in("UTC")
    for hour in (7, 12, 21):
        sit(owner, today, at=datetime.time(hour))

    figures = stats_of(owner_api)

    assert figures["current_streak"] == 1
    assert figures["longest_streak"] == 1


def test_a_sitting_dated_tomorrow_counts_in_totals_but_not_in_todays_streak(
    owner, owner_api
):
    today = today_in("UTC")
    sit(owner, today - ONE_DAY)
    sit(owner, today)
    # Kiritimati is 14 hours ahead of UTC: its tomorrow begins during ours.
    sit(
        owner,
        today + ONE_DAY,
        zone_name="Pacific/Kiritimati",
        at=datetime.time(0, 30),
        duration=25,
    )

    figures = stats_of(owner_api)

    assert figures["current_streak"] == 2
    assert figures["longest_streak"] == 3
    assert figures["total_minutes"] == 45
    assert figures["daily"][-1] == {"date": str(today), "minutes": 10}


def test_a_sessions_day_stays_put_when_the_profile_zone_changes(owner, owner_api):
    settled = owner_api.patch("/api/profile/", {"timezone": "Asia/Tokyo"})
    assert settled.status_code == 200
    yesterday = today_in("Asia/Tokyo") - ONE_DAY
    # Logged in Tokyo, where 00:30 is 08:30 the evening before in Los Angeles.
    posted = owner_api.post(
        "/api/sessions/",
        {
            "meditation_type": "zen",
            "duration": 15,
            "started_at": f"{yesterday}T00:30:00",
        },
    )
    assert posted.status_code == 201

    moved = owner_api.patch("/api/profile/", {"timezone": "America/Los_Angeles"})
    assert moved.status_code == 200
    figures = stats_of(owner_api)

    assert minutes_on(figures)[str(yesterday)] == 15
    assert minutes_on(figures)[str(yesterday - ONE_DAY)] == 0


# Goal days


def test_a_day_at_the_goal_counts_and_a_day_below_it_does_not(owner, owner_api):
    set_profile(owner, daily_goal_minutes=20)
    today = today_in("UTC")
    sit(owner, today - ONE_DAY, duration=20)
    sit(owner, today - 2 * ONE_DAY, duration=19)

    figures = stats_of(owner_api)

    assert figures["goal_met_days"] == 1


def test_the_sittings_of_one_day_add_up_towards_the_goal(owner, owner_api):
    set_profile(owner, daily_goal_minutes=20)
    today = today_in("UTC")
    sit(owner, today, at=datetime.time(7), duration=12)
    sit(owner, today, at=datetime.time(19), duration=8)

    figures = stats_of(owner_api)

    assert figures["goal_met_days"] == 1
    assert figures["daily"][-1] == {"date": str(today), "minutes": 20}


def test_goal_days_outside_the_window_are_not_counted(owner, owner_api):
    today = today_in("UTC")
    sit(owner, today - 6 * ONE_DAY, duration=60)
    sit(owner, today - 7 * ONE_DAY, duration=60)

    figures = stats_of(owner_api, days=7)

    assert figures["goal_met_days"] == 1
    assert figures["total_minutes"] == 120


# The window


@pytest.mark.parametrize("days", [1, 366])
def test_the_window_has_one_entry_a_day_ending_today(owner_api, days):
    today = today_in("UTC")

    figures = stats_of(owner_api, days=days)

    assert figures["days"] == days
    assert len(figures["daily"]) == days
    assert figures["daily"][0]["date"] == str(today - (days - 1) * ONE_DAY)
    assert figures["daily"][-1]["date"] == str(today)


def test_the_window_is_thirty_days_by_default(owner_api):
    figures = stats_of(owner_api)

    assert figures["days"] == 30
    assert len(figures["daily"]) == 30


@pytest.mark.parametrize("days", ["0", "367", "-1", "week", "1.5", ""])
def test_a_window_length_outside_1_to_366_is_refused(owner_api, days):
    answer = owner_api.get(URL, {"days": days})

    assert answer.status_code == 400
    assert "days" in answer.json()


def test_the_window_ends_today_in_the_profile_zone(owner, owner_api):
    # Kiritimati and Pago Pago are 25 hours apart: never on the same date.
    set_profile(owner, timezone="Pacific/Kiritimati")

    figures = stats_of(owner_api, days=1)

    assert figures["daily"][0]["date"] == str(today_in("Pacific/Kiritimati"))
    assert figures["daily"][0]["date"] != str(today_in("Pacific/Pago_Pago"))


# Totals


def test_an_empty_history_gives_zeros_and_no_average(owner_api):
    figures = stats_of(owner_api)

    assert figures["total_minutes"] == 0
    assert figures["session_count"] == 0
    assert figures["average_duration"] is None
    assert figures["minutes_by_type"] == {}
    assert figures["current_streak"] == 0
    assert figures["longest_streak"] == 0
    assert figures["goal_met_days"] == 0
    assert {entry["minutes"] for entry in figures["daily"]} == {0}


def test_the_average_is_rounded_to_one_decimal(owner, owner_api):
    today = today_in("UTC")
    for duration in (10, 10, 11):
        sit(owner, today - ONE_DAY, duration=duration)

    assert stats_of(owner_api)["average_duration"] == 10.3


def test_an_average_halfway_between_tenths_is_rounded_up(owner, owner_api):
    today = today_in("UTC")
    for duration in (10, 10, 10, 19):  # 49 / 4 = 12.25
        sit(owner, today - ONE_DAY, duration=duration)

    figures = stats_of(owner_api)

    assert figures["average_duration"] == 12.3
    assert figures["session_count"] == 4
    assert figures["total_minutes"] == 49


def test_minutes_by_type_lists_only_the_types_practised(owner, owner_api):
    today = today_in("UTC")
    sit(owner, today, meditation_type="zen", duration=15)
    sit(owner, today - ONE_DAY, meditation_type="zen", duration=10)
    sit(owner, today - 400 * ONE_DAY, meditation_type="breathing", duration=5)

    figures = stats_of(owner_api)

    assert figures["minutes_by_type"] == {"zen": 25, "breathing": 5}


def test_another_users_sessions_are_not_counted(owner_api, stranger):
    sit(stranger, today_in("UTC"), duration=30)

    figures = stats_of(owner_api)

    assert figures["total_minutes"] == 0
    assert figures["current_streak"] == 0


def test_stats_need_credentials(anonymous):
    assert anonymous.get(URL).status_code == 401


def test_stats_take_a_handful_of_queries_however_long_the_history(
    owner, django_assert_max_num_queries
):
    today = today_in("UTC")
    for back in range(0, 200, 2):
        sit(owner, today - back * ONE_DAY)

    with django_assert_max_num_queries(4):
        figures = consistency_stats(user=owner, days=366)

    assert figures["session_count"] == 100
