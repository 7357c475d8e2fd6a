import datetime

import pytest
from django.utils import timezone

from leaderboard.selectors import period_for

pytestmark = pytest.mark.django_db

URL = "/api/leaderboard/"


def sit(api, minutes: int, **fields) -> dict:
    answer = api.post(
        "/api/sessions/", {"meditation_type": "zen", "duration": minutes, **fields}
    )
    assert answer.status_code == 201, answer.json()
    return answer.json()


def board(api, **params) -> list[tuple]:
    answer = api.get(URL, params)
    assert answer.status_code == 200, answer.json()
    return [
        (e["rank"], e["username"], e["total_minutes"]) for e in answer.json()["results"]
    ]


@pytest.fixture
def cast(make_user, client_for):
    """Five users, each with an API client, by name."""
    return {
        name: client_for(make_user(name))
        for name in ["ana", "ben", "cai", "dev", "eli"]
    }


def test_equal_totals_share_a_rank_and_the_next_rank_skips(cast):
    for name, minutes in [("ana", 50), ("ben", 30), ("cai", 30), ("dev", 10)]:
        sit(cast[name], minutes)

    assert board(cast["ana"]) == [
        (1, "ana", 50),
        (2, "ben", 30),
        (2, "cai", 30),
        (4, "dev", 10),
    ]


def test_shared_ranks_hold_across_pages(cast):
    for name, minutes in [
        ("ana", 50),
        ("ben", 30),
        ("cai", 30),
        ("dev", 30),
        ("eli", 5),
    ]:
        sit(cast[name], minutes)

    second_page = board(cast["ana"], page=2, page_size=2)
    third_page = board(cast["ana"], page=3, page_size=2)

    assert second_page == [(2, "cai", 30), (2, "dev", 30)]
    assert third_page == [(5, "eli", 5)]


def test_hidden_and_zero_minute_users_are_not_ranked(cast):
    sit(cast["ana"], 20)
    sit(cast["ben"], 40)
    cast["ben"].patch("/api/profile/", {"show_on_leaderboard": False})
    session = sit(cast["cai"], 5)
    cast["cai"].delete(f"/api/sessions/{session['id']}/")

    answer = cast["ana"].get(URL).json()

    assert answer["count"] == 1
    assert board(cast["ana"]) == [(1, "ana", 20)]


def test_an_entry_shows_the_display_name_and_session_count(cast):
    cast["ana"].patch("/api/profile/", {"display_name": "Ana the Calm"})
    sit(cast["ana"], 10)
    sit(cast["ana"], 15)

    entry = cast["ana"].get(URL).json()["results"][0]

    assert entry == {
        "rank": 1,
        "username": "ana",
        "display_name": "Ana the Calm",
        "total_minutes": 25,
        "session_count": 2,
    }


def test_the_page_says_which_window_it_ranks(cast):
    before = timezone.now()

    all_time = cast["ana"].get(URL).json()
    week = cast["ana"].get(URL, {"period": "week"}).json()

    assert all_time["period"] == "all"
    assert all_time["starts_at"] is None and all_time["ends_at"] is None
    generated = datetime.datetime.fromisoformat(all_time["generated_at"])
    assert before <= generated <= timezone.now()
    starts = datetime.datetime.fromisoformat(week["starts_at"])
    ends = datetime.datetime.fromisoformat(week["ends_at"])
    assert starts.weekday() == 0 and starts.time() == datetime.time(0)
    assert ends - starts == datetime.timedelta(days=7)
    assert starts <= generated < ends


def test_an_unknown_period_is_400(cast):
    answer = cast["ana"].get(URL, {"period": "year"})

    assert answer.status_code == 400
    assert "period" in answer.json()
    assert cast["ana"].get(f"{URL}me/", {"period": "decade"}).status_code == 400
    assert cast["ana"].get(URL, {"period": ""}).status_code == 400


@pytest.mark.parametrize("period", ["week", "month"])
def test_a_period_counts_sessions_that_started_inside_it(cast, period):
    window = period_for(period, now=timezone.now())
    just_before = window.starts_at - datetime.timedelta(minutes=1)
    sit(cast["ana"], 100, started_at=just_before.isoformat())
    sit(cast["ana"], 7, started_at=window.starts_at.isoformat())
    sit(cast["ben"], 20)

    assert board(cast["ana"], period=period) == [(1, "ben", 20), (2, "ana", 7)]
    assert board(cast["ana"]) == [(1, "ana", 107), (2, "ben", 20)]


def test_a_period_is_in_utc_whatever_the_sessions_zone(cast):
    window = period_for("week", now=timezone.now())
    # 23:30 on Sunday in Tokyo is still the previous UTC week... or not:
    # only the UTC instant decides.
    tokyo_time = (window.starts_at + datetime.timedelta(minutes=30)).astimezone(
        datetime.timezone(datetime.timedelta(hours=9))
    )
    sit(cast["ana"], 9, started_at=tokyo_time.isoformat(), timezone="Asia/Tokyo")

    assert board(cast["ana"], period="week") == [(1, "ana", 9)]


def test_a_period_hides_hidden_users(cast):
    sit(cast["ana"], 10)
    sit(cast["ben"], 20)
    cast["ben"].patch("/api/profile/", {"show_on_leaderboard": False})

    assert board(cast["ana"], period="month") == [(1, "ana", 10)]


def test_my_entry_says_how_far_the_next_rank_is(cast):
    for name, minutes in [("ana", 50), ("ben", 30), ("cai", 30)]:
        sit(cast[name], minutes)

    mine = cast["ben"].get(f"{URL}me/").json()
    top = cast["ana"].get(f"{URL}me/").json()

    assert mine == {
        "rank": 2,
        "username": "ben",
        "display_name": "ben",
        "total_minutes": 30,
        "session_count": 1,
        "minutes_to_next_rank": 21,
    }
    assert top["rank"] == 1
    assert top["minutes_to_next_rank"] is None


def test_my_entry_when_i_am_not_ranked(cast):
    sit(cast["ana"], 50)

    mine = cast["ben"].get(f"{URL}me/").json()

    assert mine["rank"] is None
    assert mine["total_minutes"] == 0
    assert mine["minutes_to_next_rank"] is None


def test_my_entry_for_a_period(cast):
    window = period_for("week", now=timezone.now())
    sit(
        cast["ana"],
        90,
        started_at=(window.starts_at - datetime.timedelta(days=1)).isoformat(),
    )
    sit(cast["ana"], 5)
    sit(cast["ben"], 8)

    mine = cast["ana"].get(f"{URL}me/", {"period": "week"}).json()

    assert mine["rank"] == 2
    assert mine["total_minutes"] == 5
    assert mine["minutes_to_next_rank"] == 4


def test_the_leaderboard_needs_credentials(anonymous):
    assert anonymous.get(URL).status_code == 401
    assert anonymous.get(f"{URL}me/").status_code == 401


def test_a_page_costs_a_fixed_number_of_queries(cast, django_assert_max_num_queries):
    for name, minutes in [
        ("ana", 50),
        ("ben", 30),
        ("cai", 30),
        ("dev", 10),
        ("eli", 1),
    ]:
        sit(cast[name], minutes)

    with django_assert_max_num_queries(6):
        answer = cast["ana"].get(URL, {"page_size": 100})

    assert len(answer.json()["results"]) == 5
