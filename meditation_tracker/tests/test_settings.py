import functools
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

from conftest import run_together
from sessions_app.models import MeditationSession

BASE_DIR = Path(__file__).resolve().parents[2]

sqlite_only = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="SQLite's own locking set-up"
)


def django_starts(**env) -> subprocess.CompletedProcess:
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"SECRET_KEY", "DEBUG"}
    }
    return subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=BASE_DIR,
        env={**environment, **env},
        capture_output=True,
        text=True,
    )


def test_without_debug_the_server_refuses_to_start_without_a_secret_key():
    result = django_starts()

    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_debug_alone_is_enough_to_start():
    assert django_starts(DEBUG="1").returncode == 0


def test_a_bad_debug_value_stops_the_start():
    result = django_starts(DEBUG="maybe", SECRET_KEY="x" * 50)

    assert result.returncode != 0


@sqlite_only
@pytest.mark.django_db
def test_sqlite_runs_in_wal_mode_and_waits_for_the_lock():
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        journal_mode = cursor.fetchone()[0]
        cursor.execute("PRAGMA busy_timeout")
        busy_timeout = cursor.fetchone()[0]

    assert journal_mode == "wal"
    assert busy_timeout >= 5000


@pytest.mark.django_db(transaction=True)
def test_many_writers_at_once_all_succeed(owner, client_for):
    """With BEGIN IMMEDIATE and a busy timeout, concurrent writers wait for
    each other instead of failing with "database is locked"."""
    statuses = []

    def write(api):
        for _ in range(5):
            answer = api.post(
                "/api/sessions/", {"meditation_type": "zen", "duration": 3}
            )
            statuses.append(answer.status_code)

    run_together(*[functools.partial(write, client_for(owner)) for _ in range(8)])

    assert statuses == [201] * 40
    assert MeditationSession.objects.count() == 40
