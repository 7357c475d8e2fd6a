"""How fast GET /api/sessions/stats/ answers for a user with ten years of
practice: 50,000 sessions, one user, through the whole request stack.

    DEBUG=1 DATABASE_URL=sqlite:////tmp/stats_bench.sqlite3 \\
        .venv/bin/python bench/stats_bench.py

A SQLite file must lie under /tmp; it is deleted and migrated afresh. With
any other database (PostgreSQL) a separate test database is created beside
the named one and dropped at the end, so the named one is never touched.

It also times a "straightforward" version that loads every session and
groups them in Python, checks that both give the same figures, and prints
how many times slower that one is.
"""

import os
import random
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "meditation_tracker.settings")
os.environ.setdefault("DEBUG", "1")
os.environ.setdefault("DATABASE_URL", "sqlite:////tmp/stats_bench.sqlite3")

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.test import Client  # noqa: E402

from accounts.services import token_create, user_create  # noqa: E402
from sessions_app.models import (  # noqa: E402
    MeditationSession,
    MeditationType,
    local_date_for,
)
from sessions_app.stats import consistency_stats, today_for  # noqa: E402

SESSIONS = 50_000
YEARS = 10
REQUESTS = 50
WARM_UPS = 5
# The straightforward way takes seconds a call on SQLite; ten calls are
# enough for a median.
SLOW_CALLS = 10
ZONES = ["Europe/Berlin", "America/New_York", "Asia/Tokyo", "UTC"]
ONE_DAY = timedelta(days=1)


def fresh_database() -> Callable[[], None]:
    """Migrate an empty database; answers how to clean up afterwards."""
    if connection.vendor != "sqlite":
        # A name of its own, so it never meets the test suite's database.
        own_name = f"{connection.settings_dict['NAME']}_stats_bench"
        connection.settings_dict["TEST"]["NAME"] = own_name
        test_name = connection.creation.create_test_db(
            verbosity=0, autoclobber=True, serialize=False
        )
        print(f"database: {connection.vendor}, {test_name} (dropped at the end)")
        return lambda: connection.creation.destroy_test_db(test_name, verbosity=0)

    path = Path(connection.settings_dict["NAME"])
    if Path("/tmp") not in path.resolve().parents:
        sys.exit(f"refusing to delete {path}: put the SQLite file under /tmp")
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    call_command("migrate", verbosity=0)
    print(f"database: sqlite, {path}")
    return lambda: None


def practitioner_create():
    """One user whose 50,000 sessions are spread at random over ten years."""
    user = user_create(username="practitioner")
    rng = random.Random(42)
    now = datetime.now(UTC)
    span = YEARS * 365 * 24 * 3600
    sessions = []
    for _ in range(SESSIONS):
        started_at = now - timedelta(seconds=rng.randrange(60, span))
        zone_name = rng.choice(ZONES)
        sessions.append(
            MeditationSession(
                user=user,
                meditation_type=rng.choice(MeditationType.values),
                duration=rng.randint(5, 60),
                started_at=started_at,
                timezone=zone_name,
                local_date=local_date_for(started_at, zone_name),
            )
        )
    MeditationSession.objects.bulk_create(sessions, batch_size=5000)
    # Planner statistics, as a live database has them; otherwise PostgreSQL
    # gathers them in the background halfway through the measurements.
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return user


def straightforward_stats(*, user, days: int) -> dict:
    """The same figures the way one might first write them: every session
    loaded as an object and grouped in Python."""
    sessions = list(MeditationSession.objects.filter(user=user))
    by_day, by_type = Counter(), Counter()
    for session in sessions:
        by_day[session.local_date] += session.duration
        by_type[session.meditation_type] += session.duration

    today = today_for(user=user)
    end = today if today in by_day else today - ONE_DAY
    current = 0
    while end - current * ONE_DAY in by_day:
        current += 1
    longest = run = 0
    for day in sorted(by_day):
        run = run + 1 if day - ONE_DAY in by_day else 1
        longest = max(longest, run)
    window = [today - back * ONE_DAY for back in reversed(range(days))]
    daily = [{"date": day, "minutes": by_day.get(day, 0)} for day in window]
    total = sum(by_day.values())
    goal = user.profile.daily_goal_minutes

    return {
        "total_minutes": total,
        "session_count": len(sessions),
        "average_duration": round(total / len(sessions), 1) if sessions else None,
        "minutes_by_type": dict(by_type),
        "current_streak": current,
        "longest_streak": longest,
        "days": days,
        "goal_met_days": sum(entry["minutes"] >= goal for entry in daily),
        "daily": daily,
    }


def timings(call: Callable[[], object], calls: int = REQUESTS) -> list[float]:
    """Milliseconds of each of ``calls`` calls, after a few untimed ones."""
    for _ in range(min(WARM_UPS, calls)):
        call()
    elapsed = []
    for _ in range(calls):
        started = time.perf_counter()
        call()
        elapsed.append((time.perf_counter() - started) * 1000)
    return elapsed


def get(client: Client, url: str) -> Callable[[], object]:
    def call():
        answer = client.get(url)
        assert answer.status_code == 200, answer.content
        return answer

    return call


def queries_of(call: Callable[[], object]) -> int:
    reset_queries()
    call()
    return len(connection.queries)


def row(label: str, elapsed: list[float], queries: int | str = "") -> str:
    median = statistics.median(elapsed)
    p90 = statistics.quantiles(elapsed, n=10)[-1]
    return f"{label:<42} {median:>8.1f} {p90:>8.1f} {queries!s:>8}"


def same_figures(ours: dict, theirs: dict) -> bool:
    """Equal apart from the average, which the two round differently."""
    return all(ours[key] == theirs[key] for key in ours.keys() - {"average_duration"})


def main() -> None:
    cleanup = fresh_database()
    try:
        started = time.perf_counter()
        user = practitioner_create()
        print(
            f"{SESSIONS} sessions over {YEARS} years created in "
            f"{time.perf_counter() - started:.1f} s"
        )
        report(user)
    finally:
        cleanup()


def report(user) -> None:
    client = Client(
        SERVER_NAME="localhost", HTTP_AUTHORIZATION=f"Token {token_create(user=user)}"
    )
    ours = consistency_stats(user=user, days=30)
    theirs = straightforward_stats(user=user, days=30)
    assert same_figures(ours, theirs), "the two ways disagree"
    print(
        f"streaks: current {ours['current_streak']}, longest {ours['longest_streak']}"
    )

    print(f"\n{'':<42} {'median':>8} {'p90':>8} {'queries':>8}")
    print(f"(milliseconds; {REQUESTS} calls each, {SLOW_CALLS} for the last)")
    for label, url in [
        ("GET /api/sessions/stats/", "/api/sessions/stats/"),
        ("GET /api/sessions/stats/?days=30", "/api/sessions/stats/?days=30"),
        ("GET /api/sessions/stats/?days=366", "/api/sessions/stats/?days=366"),
    ]:
        call = get(client, url)
        print(row(label, timings(call), queries_of(call)))

    def ours_call():
        return consistency_stats(user=user, days=30)

    def theirs_call():
        return straightforward_stats(user=user, days=30)

    ours_ms = timings(ours_call)
    theirs_ms = timings(theirs_call, calls=SLOW_CALLS)
    print(row("consistency_stats(), no HTTP", ours_ms, queries_of(ours_call)))
    print(row("straightforward, all sessions in Python", theirs_ms))
    ratio = statistics.median(theirs_ms) / statistics.median(ours_ms)
    print(f"\nthe straightforward way takes {ratio:.1f}x as long (medians)")
    load = ", ".join(f"{each:.2f}" for each in os.getloadavg())
    print(f"load average while measuring: {load} ({os.cpu_count()} cores)")


if __name__ == "__main__":
    main()
