import csv
import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from sessions_app.models import MeditationSession
from sessions_app.tests.factories import MeditationSessionFactory

pytestmark = pytest.mark.django_db

User = get_user_model()

HEADER = "username,meditation_type,duration,started_at,timezone,notes\n"


def write_csv(tmp_path, text: str):
    path = tmp_path / "sessions.csv"
    path.write_text(text, encoding="utf-8")
    return path


def import_file(path) -> str:
    out = io.StringIO()
    call_command("import_sessions", str(path), stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_an_import_creates_the_sessions_and_missing_users(tmp_path, owner):
    path = write_csv(
        tmp_path,
        HEADER
        + "owner,zen,20,2026-01-05T07:00:00+01:00,Europe/Berlin,\n"
        + 'newcomer,walking,35,2026-01-06T18:00:00Z,UTC,"Park, then home"\n',
    )

    assert "Imported 2 sessions" in import_file(path)

    newcomer = User.objects.get(username="newcomer")
    assert not newcomer.has_usable_password()
    session = MeditationSession.objects.get(user=newcomer)
    assert session.notes == "Park, then home"
    assert session.duration == 35
    assert (
        MeditationSession.objects.get(user=owner).local_date.isoformat() == "2026-01-05"
    )


def test_an_empty_zone_means_the_users_profile_zone(tmp_path, make_user):
    make_user("kenji", timezone="Asia/Tokyo")
    path = write_csv(tmp_path, HEADER + "kenji,zen,20,2026-01-05T23:30:00,,\n")

    import_file(path)

    session = MeditationSession.objects.get()
    assert session.timezone == "Asia/Tokyo"
    assert session.local_date.isoformat() == "2026-01-05"
    assert session.started_at.isoformat() == "2026-01-05T14:30:00+00:00"


def test_one_bad_row_leaves_the_database_untouched(tmp_path, owner):
    MeditationSessionFactory(user=owner)
    path = write_csv(
        tmp_path,
        HEADER
        + "owner,zen,20,2026-01-05T07:00:00Z,UTC,\n"
        + "newcomer,zen,20,2026-01-05T07:00:00Z,UTC,\n"
        + "owner,zen,0,2026-01-05T07:00:00Z,UTC,\n",
    )

    with pytest.raises(CommandError) as failure:
        import_file(path)

    assert "line 4" in str(failure.value)
    assert "duration" in str(failure.value)
    assert MeditationSession.objects.count() == 1
    assert not User.objects.filter(username="newcomer").exists()


def test_every_bad_row_is_listed_with_its_line_and_reason(tmp_path, owner):
    path = write_csv(
        tmp_path,
        HEADER
        + "owner,napping,20,2026-01-05T07:00:00Z,UTC,\n"
        + "owner,zen,20,2026-01-05T07:00:00Z,UTC,\n"
        + "owner,zen,1441,2026-01-05T07:00:00Z,UTC,\n"
        + "owner,zen,20,not a time,UTC,\n"
        + "owner,zen,20,2026-01-05T07:00:00Z,Mars/Base,\n"
        + "owner,zen,20,2999-01-05T07:00:00Z,UTC,\n"
        + f"owner,zen,20,2026-01-05T07:00:00Z,UTC,{'n' * 2001}\n"
        + "bad name!,zen,20,2026-01-05T07:00:00Z,UTC,\n",
    )

    with pytest.raises(CommandError) as failure:
        import_file(path)

    report = str(failure.value)
    assert "7 bad row(s)" in report
    for line, reason in [
        (2, "napping"),
        (4, "1441"),
        (5, "not a time"),
        (6, "Mars/Base"),
        (7, "future"),
        (8, "2000"),
        (9, "bad name!"),
    ]:
        assert f"line {line}: " in report
        assert reason in report.split(f"line {line}: ")[1].splitlines()[0]
    assert "line 3:" not in report
    assert MeditationSession.objects.count() == 0


def test_a_file_without_the_needed_columns_is_refused(tmp_path):
    path = write_csv(tmp_path, "user,minutes\nowner,20\n")

    with pytest.raises(CommandError, match="duration"):
        import_file(path)


def test_a_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="cannot read"):
        import_file(tmp_path / "nope.csv")


def test_the_export_is_csv_with_the_import_columns(owner, owner_api):
    owner_api.post(
        "/api/sessions/",
        {
            "meditation_type": "zen",
            "duration": 20,
            "started_at": "2026-01-05T07:00:00+01:00",
            "timezone": "Europe/Berlin",
            "notes": 'Said "thank you", twice.\nThen slept.',
        },
    )

    answer = owner_api.get("/api/sessions/export/")

    assert answer.status_code == 200
    assert answer["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(b"".join(answer.streaming_content).decode())))
    assert rows == [
        ["username", "meditation_type", "duration", "started_at", "timezone", "notes"],
        [
            "owner",
            "zen",
            "20",
            "2026-01-05T07:00:00+01:00",
            "Europe/Berlin",
            'Said "thank you", twice.\nThen slept.',
        ],
    ]


def test_the_export_holds_only_my_sessions(owner, stranger, owner_api):
    MeditationSessionFactory(user=owner)
    MeditationSessionFactory(user=stranger)

    body = b"".join(owner_api.get("/api/sessions/export/").streaming_content)

    assert body.decode().count("\n") == 2
    assert b"stranger" not in body


def test_the_export_answers_a_client_that_asks_for_csv(owner_api):
    answer = owner_api.get("/api/sessions/export/", HTTP_ACCEPT="text/csv")

    assert answer.status_code == 200


def test_an_export_imports_back_to_the_same_sessions(tmp_path, owner, owner_api):
    for zone, start in [
        ("Asia/Tokyo", "2026-01-05T23:30:00"),
        ("America/Los_Angeles", "2026-03-08T01:30:00"),
        ("UTC", "2026-02-01T00:00:00"),
    ]:
        owner_api.post(
            "/api/sessions/",
            {
                "meditation_type": "mantra",
                "duration": 7,
                "started_at": start,
                "timezone": zone,
            },
        )
    fields = [
        "meditation_type",
        "duration",
        "started_at",
        "timezone",
        "local_date",
        "notes",
    ]
    before = list(MeditationSession.objects.order_by("started_at").values(*fields))
    exported = b"".join(owner_api.get("/api/sessions/export/").streaming_content)
    MeditationSession.objects.all().delete()

    import_file(write_csv(tmp_path, exported.decode()))

    assert (
        list(MeditationSession.objects.order_by("started_at").values(*fields)) == before
    )
