"""Time ``GET /api/sessions/`` for a user with 50,000 sessions on SQLite.

    .venv/bin/python bench/list_bench.py

The requests go through Django's test client, so the figures are the whole
of Django and DRF (middleware, token check, filters, pagination,
serializer) without a network or a web server in front. The database is a
fresh SQLite file under /tmp. Besides the timings it prints the SQL queries
of one request, to show that their number does not grow with the page, and
SQLite's plan for the page query, to show that it walks the
``session_user_recent`` index instead of sorting.
"""

import argparse
import atexit
import cProfile
import datetime
import itertools
import os
import pstats
import random
import re
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import django
from generate_sessions import MEDITATION_TYPES, NOTES, NOTES_SHARE, TIMEZONES

ROOT = Path(__file__).resolve().parent.parent
HISTORY_SECONDS = 5 * 365 * 24 * 3600
OTHER_USERS = 4
OTHER_USER_SESSIONS = 10_000
INSERT_CHUNK = 5000
PAGE_SIZE = 20
FILTERED = "filtered: meditation_type=zen&min_duration=30"


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=50_000)
    parser.add_argument("--samples", type=int, default=50, help="timed requests")
    parser.add_argument("--warmups", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--profile",
        action="store_true",
        help="also profile page 1 with cProfile and print where the time goes",
    )
    parser.add_argument(
        "--debug",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="serve with DEBUG=1 (default) or with DEBUG off",
    )
    args = parser.parse_args()
    if args.sessions < 100 * PAGE_SIZE:
        parser.error(f"--sessions must be at least {100 * PAGE_SIZE}: page 100")
    return args


def django_setup(*, debug: bool) -> None:
    """Point the settings at a fresh database; they read the environment
    once, in django.setup(), so it is all set before.

    The database lies in a directory of its own under /tmp, so that no
    other process on the machine can pick the same name, and goes at exit.
    """
    directory = tempfile.mkdtemp(prefix="list-bench-")
    atexit.register(shutil.rmtree, directory, ignore_errors=True)
    os.environ["DJANGO_SETTINGS_MODULE"] = "meditation_tracker.settings"
    os.environ["DATABASE_URL"] = f"sqlite:///{directory}/sessions.sqlite3"
    # The test client calls itself "testserver".
    os.environ["ALLOWED_HOSTS"] = "testserver"
    # Hundreds of requests in a few seconds would otherwise be answered 429.
    os.environ["THROTTLE_USER_RATE"] = ""
    # One INFO line per created user would only clutter the report.
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    if debug:
        os.environ["DEBUG"] = "1"
    else:
        os.environ.update(DEBUG="0", SECRET_KEY="benchmark-only-key")
    sys.path.insert(0, str(ROOT))
    django.setup()


def random_sessions(user, count: int, rng: random.Random) -> Iterator:
    from sessions_app.models import MeditationSession, local_date_for

    zones = [name for name in TIMEZONES if name]
    now = datetime.datetime.now(datetime.UTC)
    for _ in range(count):
        zone_name = rng.choice(zones)
        started_at = now - datetime.timedelta(seconds=rng.randint(60, HISTORY_SECONDS))
        yield MeditationSession(
            user=user,
            meditation_type=rng.choice(MEDITATION_TYPES),
            duration=rng.randint(1, 90),
            notes=rng.choice(NOTES) if rng.random() < NOTES_SHARE else "",
            started_at=started_at,
            timezone=zone_name,
            local_date=local_date_for(started_at, zone_name),
        )


def seed_user(username: str, count: int, rng: random.Random):
    from accounts.services import user_create
    from sessions_app.models import MeditationSession

    user = user_create(username=username)
    sessions = random_sessions(user, count, rng)
    # Chunks keep the unsaved model objects from piling up in memory.
    while chunk := list(itertools.islice(sessions, INSERT_CHUNK)):
        MeditationSession.objects.bulk_create(chunk)
    return user


def seed_database(sessions: int, seed: int):
    """The measured user, plus others so that the table is not theirs alone
    and the index has to pick one user's rows out of several."""
    from django.core.management import call_command
    from django.db import transaction

    call_command("migrate", verbosity=0)
    rng = random.Random(seed)
    with transaction.atomic():
        for number in range(1, OTHER_USERS + 1):
            seed_user(f"other{number}", OTHER_USER_SESSIONS, rng)
        return seed_user("measured", sessions, rng)


def get_ok(client, url: str, expected_count: int | None = None):
    response = client.get(url)
    if response.status_code != 200:
        sys.exit(f"GET {url} answered {response.status_code}: {response.content!r}")
    body = response.json()
    if expected_count is not None and body["count"] != expected_count:
        sys.exit(f"GET {url} counted {body['count']}, expected {expected_count}")
    return body


@dataclass
class Timings:
    wall_ms: list[float] = field(default_factory=list)
    cpu_ms: list[float] = field(default_factory=list)


def time_round_robin(
    client, urls: dict[str, str], *, warmups: int, samples: int
) -> dict[str, Timings]:
    """Milliseconds per request, wall clock and this process's CPU, after a
    few untimed requests to fill caches. The URLs take turns, so that a burst
    from another process on a shared machine slows them all alike."""
    for url in urls.values():
        for _ in range(warmups):
            get_ok(client, url)

    timings = {label: Timings() for label in urls}
    for _ in range(samples):
        for label, url in urls.items():
            wall, cpu = time.perf_counter(), time.process_time()
            response = client.get(url)
            timings[label].wall_ms.append((time.perf_counter() - wall) * 1000)
            timings[label].cpu_ms.append((time.process_time() - cpu) * 1000)
            if response.status_code != 200:
                sys.exit(f"GET {url} answered {response.status_code}")
    return timings


def captured_queries(client, url: str) -> list[str]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as context:
        get_ok(client, url)
    return [query["sql"] for query in context.captured_queries]


def query_plan(sql: str) -> list[str]:
    """SQLite's plan; the captured SQL has its parameters quoted in."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}")
        return [row[-1] for row in cursor.fetchall()]


def profile_requests(client, url: str, count: int) -> None:
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(count):
        get_ok(client, url)
    profiler.disable()
    print(f"\ncProfile of {count} requests to {url}, by cumulative time:")
    pstats.Stats(profiler, stream=sys.stdout).sort_stats("cumulative").print_stats(40)


def git_state() -> str:
    def git(*words: str) -> str:
        done = subprocess.run(["git", *words], cwd=ROOT, capture_output=True, text=True)
        return done.stdout.strip()

    changed = git("status", "--short", "--untracked-files=no")
    return (
        f"{git('rev-parse', '--short', 'HEAD')}{' + local changes' if changed else ''}"
    )


def print_queries(label: str, queries: list[str]) -> None:
    print(f"\nSQL of one request, {label}: {len(queries)} queries")
    for sql in queries:
        # The column lists are long and say nothing about the cost.
        print(f"  {re.sub(r'^SELECT (?!COUNT).+? FROM', 'SELECT ... FROM', sql)}")


def print_plans(label: str, queries: list[str]) -> None:
    for sql in queries:
        if "meditationsession" in sql:
            kind = "page" if " LIMIT " in sql else "count"
            print(f"\nEXPLAIN QUERY PLAN, {label}, {kind} query:")
            for step in query_plan(sql):
                print(f"  {step}")


def print_timings(timings: dict[str, Timings], queries: dict[str, list]) -> None:
    print(f"\n{'request':<46} {'median':>7} {'p90':>7} {'CPU':>7} {'queries':>8}")
    print(f"{'':<46} {'ms':>7} {'ms':>7} {'ms':>7}")
    for label, timing in timings.items():
        print(
            f"{label:<46} {statistics.median(timing.wall_ms):>7.1f} "
            f"{statistics.quantiles(timing.wall_ms, n=10)[-1]:>7.1f} "
            f"{statistics.median(timing.cpu_ms):>7.1f} {len(queries[label]):>8}"
        )
    first, hundredth = timings["page 1"], timings["page 100"]
    ratio = statistics.median(hundredth.wall_ms) / statistics.median(first.wall_ms)
    print(f"\npage 100 / page 1, median: x{ratio:.2f}")


def print_header(args: argparse.Namespace, seeded_in: float) -> None:
    total = args.sessions + OTHER_USERS * OTHER_USER_SESSIONS
    print(
        f"sessions list benchmark, {datetime.datetime.now():%Y-%m-%d %H:%M}, "
        f"commit {git_state()}, {os.cpu_count()} CPUs, Python "
        f"{sys.version.split()[0]}, SQLite {sqlite3.sqlite_version}, "
        f"DEBUG={'1' if args.debug else 'off'}"
    )
    print(
        f"{args.sessions:,} sessions for the user, {total:,} in the table, "
        f"seeded in {seeded_in:.1f} s; {args.samples} timed "
        f"requests per URL, taking turns, after {args.warmups} warm-ups each"
    )


def urls_to_time(sessions: int) -> dict[str, str]:
    last_page = -(-sessions // PAGE_SIZE)
    return {
        "page 1": "/api/sessions/",
        "page 100": "/api/sessions/?page=100",
        f"last page ({last_page})": f"/api/sessions/?page={last_page}",
        FILTERED: "/api/sessions/?meditation_type=zen&min_duration=30",
    }


def print_sql(client, queries: dict[str, list[str]]) -> None:
    # Five times the rows and the same queries: none is made per row.
    largest = captured_queries(client, "/api/sessions/?page_size=100")
    print(f"\nqueries for one page of 100 (?page_size=100): {len(largest)}")
    print_queries("page 100", queries["page 100"])
    for label in ("page 100", FILTERED):
        print_plans(label, queries[label])


def main() -> None:
    args = parse_args()
    django_setup(debug=args.debug)
    from django.test import Client

    from accounts.services import token_create

    started = time.perf_counter()
    user = seed_database(args.sessions, args.seed)
    print_header(args, time.perf_counter() - started)
    client = Client(HTTP_AUTHORIZATION=f"Token {token_create(user=user)}")
    urls = urls_to_time(args.sessions)
    for label, url in urls.items():
        if label != FILTERED:
            get_ok(client, url, expected_count=args.sessions)

    queries = {label: captured_queries(client, url) for label, url in urls.items()}
    load_before = os.getloadavg()[0]
    timings = time_round_robin(client, urls, warmups=args.warmups, samples=args.samples)
    print_timings(timings, queries)
    print(
        "load average (1 min) before and after the timed requests: "
        f"{load_before:.1f}, {os.getloadavg()[0]:.1f}"
    )

    print_sql(client, queries)
    if args.profile:
        profile_requests(client, urls["page 1"], args.samples)


if __name__ == "__main__":
    main()
