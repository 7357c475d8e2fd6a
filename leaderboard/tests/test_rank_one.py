"""The rank-one rule, told as short stories of writes and the notices that
must exist after them."""

import io

import pytest
from django.core.management import call_command

from notifications.models import Notification

pytestmark = pytest.mark.django_db


def sit(api, minutes: int, **fields) -> dict:
    answer = api.post(
        "/api/sessions/", {"meditation_type": "zen", "duration": minutes, **fields}
    )
    assert answer.status_code == 201, answer.json()
    return answer.json()


def notices(user) -> list[str]:
    """The user's rank notices, oldest first."""
    return list(
        Notification.objects.filter(recipient=user)
        .order_by("created_at", "id")
        .values_list("kind", flat=True)
    )


@pytest.fixture
def friend_api(client_for, friend):
    return client_for(friend)


def test_the_first_sitter_comes_to_rank_one(owner, owner_api):
    sit(owner_api, 10)

    assert notices(owner) == ["rank_one"]
    notice = Notification.objects.get(recipient=owner)
    assert notice.data["total_minutes"] == 10
    assert "first" in notice.message


def test_staying_at_rank_one_sends_nothing_more(owner, owner_api):
    sit(owner_api, 10)
    sit(owner_api, 15)
    sit(owner_api, 20)

    assert notices(owner) == ["rank_one"]


def test_second_place_overtaking_the_leader_notifies_both(
    owner, friend, owner_api, friend_api
):
    sit(owner_api, 30)
    sit(friend_api, 20)

    sit(friend_api, 15)

    assert notices(owner) == ["rank_one", "rank_one_lost"]
    assert notices(friend) == ["rank_one"]


def test_a_tie_at_the_top_puts_both_at_rank_one(owner, friend, owner_api, friend_api):
    sit(owner_api, 30)

    sit(friend_api, 30)

    assert notices(owner) == ["rank_one"]
    assert notices(friend) == ["rank_one"]
    assert Notification.objects.get(recipient=friend).data["tied_with"] == 1


def test_breaking_a_tie_takes_rank_one_from_the_other(
    owner, friend, owner_api, friend_api
):
    sit(owner_api, 30)
    sit(friend_api, 30)

    sit(owner_api, 1)

    assert notices(owner) == ["rank_one"]
    assert notices(friend) == ["rank_one", "rank_one_lost"]


def test_an_edit_that_moves_minutes_can_change_the_leader(
    owner, friend, owner_api, friend_api
):
    session = sit(owner_api, 30)
    sit(friend_api, 20)

    owner_api.patch(f"/api/sessions/{session['id']}/", {"duration": 10})

    assert notices(owner) == ["rank_one", "rank_one_lost"]
    assert notices(friend) == ["rank_one"]


def test_another_users_deletion_can_make_you_first(
    owner, friend, owner_api, friend_api
):
    session = sit(owner_api, 30)
    sit(friend_api, 20)

    owner_api.delete(f"/api/sessions/{session['id']}/")

    assert notices(owner) == ["rank_one", "rank_one_lost"]
    assert notices(friend) == ["rank_one"]


def test_the_leader_leaving_the_leaderboard_hands_rank_one_on(
    owner, friend, owner_api, friend_api
):
    sit(owner_api, 30)
    sit(friend_api, 20)

    owner_api.patch("/api/profile/", {"show_on_leaderboard": False})

    assert notices(owner) == ["rank_one", "rank_one_lost"]
    assert notices(friend) == ["rank_one"]


def test_coming_back_to_the_leaderboard_can_retake_rank_one(
    owner, friend, owner_api, friend_api
):
    sit(owner_api, 30)
    sit(friend_api, 20)
    owner_api.patch("/api/profile/", {"show_on_leaderboard": False})

    owner_api.patch("/api/profile/", {"show_on_leaderboard": True})

    assert notices(owner) == ["rank_one", "rank_one_lost", "rank_one"]
    assert notices(friend) == ["rank_one", "rank_one_lost"]


def test_a_hidden_user_is_never_told_of_rank_one(owner, owner_api):
    owner_api.patch("/api/profile/", {"show_on_leaderboard": False})

    sit(owner_api, 500)

    assert notices(owner) == []


def test_an_edit_of_the_notes_changes_nothing(owner, owner_api):
    session = sit(owner_api, 30)

    owner_api.patch(f"/api/sessions/{session['id']}/", {"notes": "Quiet."})

    assert notices(owner) == ["rank_one"]


def test_deleting_the_leaders_account_makes_the_next_one_first(
    owner, friend, owner_api, friend_api
):
    sit(owner_api, 30)
    sit(friend_api, 20)

    owner.delete()

    assert notices(friend) == ["rank_one"]
    assert friend_api.get("/api/leaderboard/").json()["count"] == 1


def test_an_import_that_makes_someone_first_tells_them(owner, owner_api, tmp_path):
    sit(owner_api, 30)
    path = tmp_path / "history.csv"
    path.write_text(
        "username,meditation_type,duration,started_at,timezone,notes\n"
        "newcomer,zen,45,2026-01-05T07:00:00Z,UTC,\n"
    )

    call_command("import_sessions", str(path), stdout=io.StringIO())

    assert notices(owner) == ["rank_one", "rank_one_lost"]
    assert (
        Notification.objects.filter(recipient__username="newcomer").get().kind
        == "rank_one"
    )
