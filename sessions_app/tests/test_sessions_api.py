import datetime

import pytest
from django.utils import timezone

from sessions_app.models import MeditationSession, MeditationType
from sessions_app.tests.factories import MeditationSessionFactory

pytestmark = pytest.mark.django_db

URL = "/api/sessions/"


def iso(moment: datetime.datetime) -> str:
    return moment.isoformat()


def log(api, **fields):
    body = {"meditation_type": "zen", "duration": 20, **fields}
    return api.post(URL, body)


def test_a_logged_session_is_answered_in_full(owner_api):
    answer = log(
        owner_api,
        duration=25,
        notes="Rain on the roof.",
        started_at="2026-01-10T07:30:00+01:00",
        timezone="Europe/Berlin",
    )

    assert answer.status_code == 201
    body = answer.json()
    assert set(body) == {
        "id",
        "meditation_type",
        "duration",
        "notes",
        "started_at",
        "timezone",
        "local_date",
        "created_at",
        "updated_at",
    }
    assert body["duration"] == 25
    assert body["notes"] == "Rain on the roof."
    assert body["started_at"] == "2026-01-10T07:30:00+01:00"
    assert body["local_date"] == "2026-01-10"
    assert owner_api.get(f"{URL}{body['id']}/").json() == body


def test_the_start_defaults_to_now_and_the_zone_to_the_profiles(owner, owner_api):
    owner.profile.timezone = "America/Sao_Paulo"
    owner.profile.save()
    before = timezone.now()

    body = log(owner_api).json()

    started_at = datetime.datetime.fromisoformat(body["started_at"])
    assert before <= started_at <= timezone.now()
    assert body["timezone"] == "America/Sao_Paulo"
    assert started_at.utcoffset() == datetime.timedelta(hours=-3)


@pytest.mark.parametrize(
    "duration, status", [(0, 400), (1, 201), (1440, 201), (1441, 400)]
)
def test_duration_bounds(owner_api, duration, status):
    answer = log(owner_api, duration=duration)

    assert answer.status_code == status
    if status == 400:
        assert "duration" in answer.json()


@pytest.mark.parametrize("duration", ["ten", 10.5, None, True])
def test_duration_must_be_whole_minutes(owner_api, duration):
    assert log(owner_api, duration=duration).status_code == 400


@pytest.mark.parametrize("length, status", [(2000, 201), (2001, 400)])
def test_notes_length_bound(owner_api, length, status):
    answer = log(owner_api, notes="a" * length)

    assert answer.status_code == status


def test_a_start_more_than_five_minutes_ahead_is_refused(owner_api):
    too_late = timezone.now() + datetime.timedelta(minutes=6)

    answer = log(owner_api, started_at=iso(too_late))

    assert answer.status_code == 400
    assert "started_at" in answer.json()
    assert MeditationSession.objects.count() == 0


def test_a_start_a_little_ahead_is_clock_drift_and_accepted(owner_api):
    drift = timezone.now() + datetime.timedelta(minutes=4)

    assert log(owner_api, started_at=iso(drift)).status_code == 201


@pytest.mark.parametrize(
    "started_at", ["yesterday", "2026-13-01T00:00:00Z", "1850-01-01T00:00:00Z"]
)
def test_an_unreadable_or_absurd_start_is_refused(owner_api, started_at):
    answer = log(owner_api, started_at=started_at)

    assert answer.status_code == 400
    assert "started_at" in answer.json()


def test_a_start_without_offset_is_read_in_the_profile_zone(owner, owner_api):
    owner.profile.timezone = "Asia/Tokyo"
    owner.profile.save()

    body = log(owner_api, started_at="2026-03-01T23:30:00").json()

    assert body["started_at"] == "2026-03-01T23:30:00+09:00"
    assert body["local_date"] == "2026-03-01"
    stored = MeditationSession.objects.get().started_at
    assert stored == datetime.datetime(2026, 3, 1, 14, 30, tzinfo=datetime.UTC)


def test_a_start_without_offset_is_read_in_the_zone_sent_with_it(owner_api):
    body = log(
        owner_api, started_at="2026-03-01T06:00:00", timezone="America/New_York"
    ).json()

    assert body["started_at"] == "2026-03-01T06:00:00-05:00"


def test_the_local_date_stays_put_when_the_profile_zone_changes(owner, owner_api):
    owner.profile.timezone = "Asia/Tokyo"
    owner.profile.save()
    session = log(owner_api, started_at="2026-03-01T23:30:00").json()

    owner_api.patch("/api/profile/", {"timezone": "Europe/Lisbon"})
    owner_api.patch(f"{URL}{session['id']}/", {"notes": "After the flight."})

    again = owner_api.get(f"{URL}{session['id']}/").json()
    assert again["local_date"] == "2026-03-01"
    assert again["timezone"] == "Asia/Tokyo"
    assert again["started_at"] == "2026-03-01T23:30:00+09:00"


def test_changing_a_sessions_zone_moves_its_local_date(owner_api):
    session = log(
        owner_api, started_at="2026-03-01T23:30:00+00:00", timezone="UTC"
    ).json()

    answer = owner_api.patch(f"{URL}{session['id']}/", {"timezone": "Asia/Tokyo"})

    assert answer.json()["local_date"] == "2026-03-02"


def test_put_replaces_the_fields_and_keeps_the_zone(owner_api):
    session = log(owner_api, timezone="Europe/Paris").json()

    answer = owner_api.put(
        f"{URL}{session['id']}/", {"meditation_type": "walking", "duration": 45}
    )

    assert answer.status_code == 200
    assert answer.json()["meditation_type"] == "walking"
    assert answer.json()["duration"] == 45
    assert answer.json()["timezone"] == "Europe/Paris"


def test_an_unknown_type_is_refused_naming_the_valid_ones(owner_api):
    answer = log(owner_api, meditation_type="napping")

    assert answer.status_code == 400
    message = answer.json()["meditation_type"][0]
    assert all(value in message for value in MeditationType.values)


def test_an_unknown_zone_is_refused(owner_api):
    answer = log(owner_api, timezone="Atlantis/Central")

    assert answer.status_code == 400
    assert "timezone" in answer.json()


def test_user_in_the_body_is_ignored(owner, stranger, owner_api):
    answer = log(owner_api, user=stranger.pk)

    assert answer.status_code == 201
    assert MeditationSession.objects.get().user == owner


def test_read_only_fields_are_ignored(owner_api):
    answer = log(
        owner_api, id=999, local_date="2000-01-01", started_at="2026-05-05T10:00:00Z"
    )

    assert answer.json()["id"] != 999
    assert answer.json()["local_date"] == "2026-05-05"


def test_a_sessions_day_follows_its_own_zone_not_utc(owner_api):
    answer = log(
        owner_api, started_at="2026-06-30T20:00:00Z", timezone="Pacific/Auckland"
    )

    assert answer.json()["local_date"] == "2026-07-01"


@pytest.mark.parametrize("method", ["get", "patch", "put", "delete"])
def test_another_users_session_is_not_found(owner, stranger_api, method):
    session = MeditationSessionFactory(user=owner)

    answer = getattr(stranger_api, method)(
        f"{URL}{session.pk}/", {"meditation_type": "zen", "duration": 5}
    )

    assert answer.status_code == 404
    session.refresh_from_db()
    assert session.duration == 10


def test_a_missing_session_looks_the_same_as_someone_elses(owner, stranger_api):
    session = MeditationSessionFactory(user=owner)

    mine = stranger_api.get(f"{URL}{session.pk}/")
    missing = stranger_api.get(f"{URL}{session.pk + 1000}/")

    assert mine.status_code == missing.status_code == 404
    assert mine.json() == missing.json()


def test_delete_removes_the_session(owner_api):
    session = log(owner_api).json()

    assert owner_api.delete(f"{URL}{session['id']}/").status_code == 204
    assert owner_api.get(f"{URL}{session['id']}/").status_code == 404


def test_sessions_need_credentials(anonymous):
    answer = anonymous.get(URL)

    assert answer.status_code == 401
    assert answer.json() == {"detail": "Authentication credentials were not provided."}


def test_the_list_shows_only_my_sessions_newest_first(owner, stranger, owner_api):
    now = timezone.now()
    old = MeditationSessionFactory(
        user=owner, started_at=now - datetime.timedelta(days=2)
    )
    new = MeditationSessionFactory(
        user=owner, started_at=now - datetime.timedelta(hours=1)
    )
    MeditationSessionFactory(user=stranger)

    body = owner_api.get(URL).json()

    assert body["count"] == 2
    assert [item["id"] for item in body["results"]] == [new.pk, old.pk]


def test_the_types_are_a_plain_list(owner_api):
    answer = owner_api.get(f"{URL}types/")

    assert answer.status_code == 200
    assert answer.json()[0] == {"value": "mindfulness", "label": "Mindfulness"}
    assert [item["value"] for item in answer.json()] == MeditationType.values
