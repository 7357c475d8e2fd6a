import pytest

pytestmark = pytest.mark.django_db


def test_the_profile_needs_credentials(anonymous):
    assert anonymous.get("/api/profile/").status_code == 401


def test_settings_can_be_changed(owner_api):
    answer = owner_api.patch(
        "/api/profile/",
        {
            "email": "owner@example.com",
            "display_name": "Quiet Owl",
            "timezone": "Asia/Tokyo",
            "show_on_leaderboard": False,
            "daily_goal_minutes": 25,
        },
    )

    assert answer.status_code == 200
    assert owner_api.get("/api/profile/").json() == {
        "username": "owner",
        "email": "owner@example.com",
        "display_name": "Quiet Owl",
        "timezone": "Asia/Tokyo",
        "show_on_leaderboard": False,
        "daily_goal_minutes": 25,
    }


def test_the_username_cannot_be_changed_here(owner_api):
    owner_api.patch("/api/profile/", {"username": "someone-else"})

    assert owner_api.get("/api/profile/").json()["username"] == "owner"


def test_an_empty_display_name_falls_back_to_the_username(owner_api):
    owner_api.patch("/api/profile/", {"display_name": "Quiet Owl"})

    answer = owner_api.patch("/api/profile/", {"display_name": ""})

    assert answer.json()["display_name"] == "owner"


@pytest.mark.parametrize(
    "field, value",
    [
        ("timezone", "Mars/Olympus_Mons"),
        ("timezone", "europe/berlin"),
        ("timezone", ""),
        ("daily_goal_minutes", 0),
        ("daily_goal_minutes", 1441),
        ("email", "not-an-email"),
        ("display_name", "x" * 65),
    ],
)
def test_bad_settings_are_refused_and_nothing_changes(owner_api, field, value):
    before = owner_api.get("/api/profile/").json()

    answer = owner_api.patch("/api/profile/", {field: value})

    assert answer.status_code == 400
    assert field in answer.json()
    assert owner_api.get("/api/profile/").json() == before


@pytest.mark.parametrize("goal", [1, 1440])
def test_the_daily_goal_bounds_are_accepted(owner_api, goal):
    answer = owner_api.patch("/api/profile/", {"daily_goal_minutes": goal})

    assert answer.status_code == 200
    assert answer.json()["daily_goal_minutes"] == goal
