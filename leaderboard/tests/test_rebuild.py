import io

import pytest
from django.core.management import CommandError, call_command

from leaderboard.models import DailyMinutes, MinuteTotal
from notifications.models import Notification
from sessions_app.models import MeditationSession

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = io.StringIO()
    call_command("rebuild_leaderboard", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def sit(api, minutes: int):
    assert (
        api.post(
            "/api/sessions/", {"meditation_type": "zen", "duration": minutes}
        ).status_code
        == 201
    )


def test_the_check_passes_when_totals_match_the_sessions(owner_api, stranger_api):
    sit(owner_api, 10)
    sit(owner_api, 5)
    sit(stranger_api, 7)

    assert "Every total matches" in run("--check")


def test_the_check_names_a_user_whose_total_drifted_and_changes_nothing(
    owner, owner_api
):
    sit(owner_api, 10)
    MinuteTotal.objects.filter(user=owner).update(total_minutes=99)

    with pytest.raises(CommandError, match="1 user"):
        run("--check")

    assert MinuteTotal.objects.get(user=owner).total_minutes == 99


def test_the_check_sees_sessions_written_behind_the_signals_back(owner, owner_api):
    sit(owner_api, 10)
    MeditationSession.objects.update(duration=20)

    with pytest.raises(CommandError):
        run("--check")


def test_a_rebuild_repairs_totals_and_rollups_without_notifying(
    owner, stranger, owner_api, stranger_api
):
    sit(owner_api, 10)
    sit(stranger_api, 30)
    MinuteTotal.objects.all().delete()
    DailyMinutes.objects.all().delete()
    notices_before = Notification.objects.count()

    run()

    assert MinuteTotal.objects.get(user=owner).total_minutes == 10
    assert MinuteTotal.objects.get(user=stranger).total_minutes == 30
    assert "Every total matches" in run("--check")
    assert Notification.objects.count() == notices_before
    assert owner_api.get("/api/leaderboard/").json()["count"] == 2


def test_a_rebuild_keeps_the_opt_out(owner, owner_api):
    sit(owner_api, 10)
    owner_api.patch("/api/profile/", {"show_on_leaderboard": False})

    run()

    assert owner_api.get("/api/leaderboard/").json()["count"] == 0
