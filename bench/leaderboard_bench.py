"""Time the leaderboard's kept totals against summing sessions per request.

    .venv/bin/python bench/leaderboard_bench.py                  # 10k, 100k, 1M
    .venv/bin/python bench/leaderboard_bench.py --sizes 10000    # one size

The project keeps each user's all-time minutes (``MinuteTotal``) and their
minutes per UTC day (``DailyMinutes``) current from the session signals, so
that a ranking never sums sessions. This script checks what that buys and
what it costs, at several sizes with the same 2,000 users, so that the only
thing that grows is the history.

For each size the parent process writes a CSV with
``bench/generate_sessions.py`` (two years of history up to now), migrates a
fresh SQLite file ``/tmp/lb_bench_<size>.sqlite3`` and loads the file with
``manage.py import_sessions``, each as a child process. Then it runs this
script again as a child (``--measure``) with ``DEBUG=1`` and that database in
its environment, because the settings read the environment once, in
``django.setup()``. The child times five figures three ways, one call of
each way after the other in every round, so that a burst of load from
another process hits all of them alike:

- the project's endpoint, through ``django.test.Client`` with a real token;
- the project's own functions, without HTTP (selectors, ``session_create``);
- the straightforward way: plain ORM queries that sum the sessions on every
  call, and for a new session a plain insert, made by the same
  ``session_create`` with the leaderboard's receivers disconnected.

Both ways must give the same pages and rank before anything is timed. The
week ranking's selector is also timed over the last whole week and month,
whose rows are more than the current week's so far.

The growth from the smallest size to the largest is then measured once more
in one child (``--across``) that moves its connection from one database to
the next, round after round, so that the load of other processes on a
shared machine weighs on every size alike instead of passing for growth.
Everything the script writes stays under /tmp.
"""

import argparse
import contextlib
import datetime
import json
import os
import resource
import sqlite3
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from unittest import mock

import generate_sessions

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
DATA_DIR = Path("/tmp")
SIZES = [10_000, 100_000, 1_000_000]
# The same users at every size, enough that page 50 of 20 exists at each.
USERS = 2000
# The generator's default of five years would leave the current week a
# smaller share than an app that grew into its data would see.
HISTORY = datetime.timedelta(days=2 * 365)
PAGE_SIZE = 20
DEEP_PAGE = 50
# One minute a session, so that the ~200 sessions added to the measured user
# do not lift them to first place, with rank-one notices, during the run.
CREATED_MINUTES = 1
# The project's figures should stay within this factor from the smallest
# size to the largest; the week ranking may grow with the week's rows.
GROWTH_LIMIT = 2.0

ENDPOINT, FUNCTION, STRAIGHT = "endpoint", "function", "straightforward"
WAYS = (ENDPOINT, FUNCTION, STRAIGHT)
CREATE, PAGE_ONE, PAGE_DEEP, OWN_RANK, WEEK = (
    "create a session",
    "page 1",
    f"page {DEEP_PAGE}",
    "own rank",
    "week, page 1",
)
FIGURES = (CREATE, PAGE_ONE, PAGE_DEEP, OWN_RANK, WEEK)
# Timing the sizes in turn: rounds, and calls per way and size in each.
ACROSS_ROUNDS = 10
ACROSS_WARMUPS = 2
ACROSS_SAMPLES = 3
# A fourth way of creating, shown beside the table: the endpoint itself with
# the leaderboard's receivers disconnected.
BARE_POST = "POST without the leaderboard"


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=SIZES)
    parser.add_argument("--samples", type=int, default=30, help="timed reads")
    parser.add_argument(
        "--creations", type=int, default=50, help="sessions created per way"
    )
    parser.add_argument("--warmups", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--reuse-databases",
        action="store_true",
        help="measure an existing /tmp/lb_bench_<size>.sqlite3 instead of "
        "importing afresh (for trying the script; each run adds sessions)",
    )
    # The children's modes: one size, or all sizes in turn.
    parser.add_argument("--measure", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--across", type=int, nargs="+", help=argparse.SUPPRESS)
    return parser.parse_args()


def data_path(size: int, suffix: str) -> Path:
    return DATA_DIR / f"lb_bench_{size}{suffix}"


def django_env(size: int) -> dict[str, str]:
    return {
        **os.environ,
        "DEBUG": "1",
        "DATABASE_URL": f"sqlite:///{data_path(size, '.sqlite3')}",
        # The test client calls itself "testserver".
        "ALLOWED_HOSTS": "testserver",
        # Hundreds of requests a minute from one user would be answered 429.
        "THROTTLE_USER_RATE": "",
    }


# The parent: data, import, one measuring child per size, the growth table.


def children_cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_logged(command: list[str], env: dict[str, str], log: Path) -> dict:
    """Run a child with its output in ``log``; its wall and CPU seconds.

    The children run one at a time, so the growth of RUSAGE_CHILDREN over
    one run is that child's CPU time."""
    cpu_before, started = children_cpu_seconds(), time.perf_counter()
    with log.open("a") as out:
        done = subprocess.run(
            command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT
        )
    took = {
        "wall": time.perf_counter() - started,
        "cpu": children_cpu_seconds() - cpu_before,
    }
    if done.returncode != 0:
        tail = log.read_text(errors="replace")[-3000:]
        sys.exit(f"{' '.join(command)} failed (log: {log}):\n{tail}")
    return took


def write_csv(size: int, seed: int) -> Path:
    path = data_path(size, ".csv")
    # Up to the current minute, so that this week has its sessions so far.
    until = datetime.datetime.now(datetime.UTC).replace(second=0, microsecond=0)
    with mock.patch.object(generate_sessions, "HISTORY", HISTORY):
        generate_sessions.write_sessions(
            str(path), rows=size, users=USERS, seed=seed, until=until
        )
    return path


def fresh_import(size: int, seed: int) -> dict:
    """Generate, migrate and import; how long the import took."""
    database, log = data_path(size, ".sqlite3"), data_path(size, ".import.log")
    for leftover in [*DATA_DIR.glob(f"{database.name}*"), log]:
        leftover.unlink(missing_ok=True)
    source = write_csv(size, seed)
    env = django_env(size)
    manage = [PYTHON, "manage.py"]
    run_logged([*manage, "migrate", "--no-input", "-v0"], env, log)
    took = run_logged([*manage, "import_sessions", str(source)], env, log)
    print(
        f"  imported in {took['wall']:.0f} s ({took['cpu']:.0f} s CPU), log {log}",
        flush=True,
    )
    return took


def run_size(size: int, args: argparse.Namespace) -> dict:
    print(f"\n## {size:,} sessions\n", flush=True)
    took = None
    if not (args.reuse_databases and data_path(size, ".sqlite3").exists()):
        took = fresh_import(size, args.seed)
    command = [PYTHON, __file__, "--measure", str(size)]
    for option in ("samples", "creations", "warmups"):
        command += [f"--{option}", str(getattr(args, option))]
    # The project logs a line per request; they go to the log, with the
    # child's progress, so that stdout keeps only the tables.
    log = data_path(size, ".measure.log")
    print(f"  measuring, log {log}\n", flush=True)
    with log.open("w") as errors:
        done = subprocess.run(command, cwd=ROOT, env=django_env(size), stderr=errors)
    if done.returncode != 0:
        sys.exit(f"measuring {size:,} sessions failed; see {log}")
    result = json.loads(data_path(size, ".json").read_text())
    result["import"] = took
    return result


def sequential_median(result: dict, label: str, way: str) -> float:
    """A median from one size's own run."""
    table = result["timings"] if label in result["timings"] else result["ended"]
    return table[label][way]["median"]


def rows_note(results: list[dict], label: str) -> str:
    """The rollup rows that a period's ranking read, smallest and largest."""
    if label == WEEK:
        rows = [result["data"]["week_daily_rows"] for result in results]
    elif label in results[0]["ended"]:
        rows = [result["ended"][label]["daily_rows"] for result in results]
    else:
        return ""
    return f" (rows {rows[0]:,} → {rows[-1]:,})"


def project_growth_rows(results: list[dict], across: dict) -> Iterator[str]:
    sizes = [str(result["data"]["size"]) for result in results]
    for label, ways in across[sizes[0]].items():
        for way in ways:
            medians = [across[size][label][way]["median"] for size in sizes]
            growth = medians[-1] / medians[0]
            verdict = "yes" if growth <= GROWTH_LIMIT else "**no**"
            cells = " | ".join(f"{median:.2f}" for median in medians)
            runs = [sequential_median(result, label, way) for result in results]
            yield (
                f"| {label} | {way} | {cells} | x{growth:.2f} | "
                f"{verdict}{rows_note(results, label)} | x{runs[-1] / runs[0]:.2f} |"
            )


def straightforward_growth_rows(results: list[dict]) -> Iterator[str]:
    for label in [*FIGURES, *results[0]["ended"]]:
        medians = [sequential_median(result, label, STRAIGHT) for result in results]
        cells = " | ".join(f"{median:.2f}" for median in medians)
        yield f"| {label} | {cells} | x{medians[-1] / medians[0]:.2f} |"


def print_growth(results: list[dict], across: dict) -> None:
    sizes = [result["data"]["size"] for result in results]
    header = " | ".join(f"{size:,}" for size in sizes)
    print(f"\n## Growth from {sizes[0]:,} to {sizes[-1]:,} sessions\n")
    print(
        "The project's figures, measured again with the sizes taking turns "
        f"({ACROSS_ROUNDS} rounds; in each, every size in turn, every way "
        f"{ACROSS_WARMUPS} untimed and {ACROSS_SAMPLES} timed calls), so that "
        "a change in the machine's load between the runs above does not pass "
        "for growth. Median milliseconds; the last column is the growth "
        "between the runs above, for comparison.\n"
    )
    print(
        f"| figure | way | {header} | growth | within x{GROWTH_LIMIT:.0f}? "
        "| growth in the runs above |"
    )
    print("|---|---|" + "---:|" * len(sizes) + "---:|---|---:|")
    for row in project_growth_rows(results, across):
        print(row)
    print("\nThe straightforward way, from the runs above (median ms):\n")
    print(f"| figure | {header} | growth |")
    print("|---|" + "---:|" * len(sizes) + "---:|")
    for row in straightforward_growth_rows(results):
        print(row)


def run_across(sizes: list[int]) -> dict:
    """Time the project's figures with the sizes taking turns, in one child."""
    log = DATA_DIR / "lb_bench_across.log"
    print(f"\n## The sizes in turn\n\n  measuring, log {log}", flush=True)
    command = [PYTHON, __file__, "--across", *map(str, sizes)]
    with log.open("w") as errors:
        done = subprocess.run(
            command, cwd=ROOT, env=django_env(sizes[0]), stderr=errors
        )
    if done.returncode != 0:
        sys.exit(f"measuring the sizes in turn failed; see {log}")
    return json.loads((DATA_DIR / "lb_bench_across.json").read_text())


def print_data_table(results: list[dict]) -> None:
    print("\n## The data\n")
    print(
        "| sessions | ranked users | sessions this week | daily rows this "
        "week | daily rows | import s (CPU s) | database MB | load average "
        "while measuring | commit measured |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---|")
    for result in results:
        data, took = result["data"], result["import"]
        imported = f"{took['wall']:.0f} ({took['cpu']:.0f})" if took else "reused"
        print(
            f"| {data['size']:,} | {data['ranked']:,} | {data['week_sessions']:,} "
            f"| {data['week_daily_rows']:,} | {data['daily_rows']:,} | {imported} "
            f"| {data['database_mb']:.0f} | {data['load'][0]:.1f} → "
            f"{data['load'][1]:.1f} | {data['commit']} |"
        )


def git_state() -> str:
    def git(*words: str) -> str:
        done = subprocess.run(["git", *words], cwd=ROOT, capture_output=True, text=True)
        return done.stdout.strip()

    changed = git("status", "--short", "--untracked-files=no")
    return git("rev-parse", "--short", "HEAD") + (" + local changes" if changed else "")


def orchestrate(args: argparse.Namespace) -> None:
    started = datetime.datetime.now(datetime.UTC)
    print(
        f"# Leaderboard benchmark, {started:%Y-%m-%d %H:%M} UTC\n\n"
        f"started at commit {git_state()}, {os.cpu_count()} CPUs, load "
        f"average {os.getloadavg()[0]:.1f}, Python {sys.version.split()[0]}, "
        f"SQLite {sqlite3.sqlite_version}, DEBUG=1, {USERS:,} users, "
        f"{args.samples} timed reads and {args.creations} creations per way "
        f"after {args.warmups} warm-ups",
        flush=True,
    )
    sizes = sorted(args.sizes)
    results = [run_size(size, args) for size in sizes]
    print_data_table(results)
    if len(results) > 1:
        print_growth(results, run_across(sizes))


# The child: one database, every figure timed three ways.


def django_setup() -> None:
    """The parent has set the environment; the settings read it here."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "meditation_tracker.settings")
    sys.path.insert(0, str(ROOT))
    django.setup()


def get_ok(client, url: str) -> dict:
    response = client.get(url)
    if response.status_code != 200:
        sys.exit(f"GET {url} answered {response.status_code}: {response.content!r}")
    return response.json()


def post_created(client, body: dict) -> dict:
    response = client.post("/api/sessions/", body, content_type="application/json")
    if response.status_code != 201:
        sys.exit(f"POST answered {response.status_code}: {response.content!r}")
    return response.json()


def current_period(name: str):
    from django.utils import timezone

    from leaderboard.selectors import period_for

    return period_for(name, now=timezone.now())


def project_page(period, number: int) -> tuple[int, list]:
    """A page as the view builds it: Django's paginator over the project's
    ranking (the count, then the slice), then the entries."""
    from django.core.paginator import Paginator

    from leaderboard.selectors import entries_of_page, ranking

    page = Paginator(ranking(period), PAGE_SIZE).page(number)
    offset = page.start_index() - 1
    entries = entries_of_page(list(page), period=period, offset=offset)
    return page.paginator.count, entries


def project_rank(user) -> int | None:
    from leaderboard.selectors import entry_for

    return entry_for(user, period=current_period("all")).rank


def summed_totals(sessions):
    """Minutes and sessions per user, summed from the sessions, best first."""
    from django.db.models import Count, Sum

    return (
        sessions.values("user_id")
        .annotate(total=Sum("duration"), count=Count("id"))
        .order_by("-total", "user_id")
    )


def summed_page(period, number: int) -> tuple[int, list]:
    """The straightforward page: the users' sums, sliced, and their count.

    Nobody in the generated data hides from the leaderboard, so this leaves
    out the opt-out filter that a real version would need: it only makes
    the straightforward way cheaper."""
    from sessions_app.models import MeditationSession

    sessions = MeditationSession.objects.all()
    if period.starts_at is not None:
        sessions = sessions.filter(
            started_at__gte=period.starts_at, started_at__lt=period.ends_at
        )
    totals = summed_totals(sessions)
    offset = (number - 1) * PAGE_SIZE
    return totals.count(), list(totals[offset : offset + PAGE_SIZE])


def summed_rank(user) -> int:
    """One plus the number of users whose summed minutes beat the user's."""
    from django.db.models import Sum

    from sessions_app.models import MeditationSession

    own = MeditationSession.objects.filter(user=user).aggregate(total=Sum("duration"))
    above = summed_totals(MeditationSession.objects.all()).filter(
        total__gt=own["total"] or 0
    )
    return 1 + above.count()


@contextlib.contextmanager
def leaderboard_receivers_off() -> Iterator[None]:
    """Save sessions as if the leaderboard did not exist: its two receivers
    of a session's save are the only ones, so what is left is the insert."""
    from django.db.models.signals import post_save, pre_save

    from leaderboard import signals
    from sessions_app.models import MeditationSession

    pre_save.disconnect(signals.remember_counted_minutes, sender=MeditationSession)
    post_save.disconnect(signals.count_saved_session, sender=MeditationSession)
    try:
        yield
    finally:
        pre_save.connect(signals.remember_counted_minutes, sender=MeditationSession)
        post_save.connect(signals.count_saved_session, sender=MeditationSession)


def session_fields() -> dict:
    return {"meditation_type": "zen", "duration": CREATED_MINUTES}


def project_create(user) -> None:
    from sessions_app.services import session_create

    session_create(user=user, timezone="UTC", **session_fields())


def plain_create(user) -> None:
    # Disconnecting and connecting again takes microseconds; the insert
    # takes a millisecond or so.
    with leaderboard_receivers_off():
        project_create(user)


def bare_post(client) -> None:
    with leaderboard_receivers_off():
        post_created(client, session_fields())


def ranking_ways(
    client, url: str, period_name: str, number: int
) -> dict[str, Callable[[], object]]:
    """Three ways to one page of a ranking; the period is worked out on
    every call, as the view does."""
    return {
        ENDPOINT: lambda: get_ok(client, url),
        FUNCTION: lambda: project_page(current_period(period_name), number),
        STRAIGHT: lambda: summed_page(current_period(period_name), number),
    }


def read_figures(client, user) -> dict[str, dict[str, Callable[[], object]]]:
    deep = f"/api/leaderboard/?page={DEEP_PAGE}"
    return {
        PAGE_ONE: ranking_ways(client, "/api/leaderboard/", "all", 1),
        PAGE_DEEP: ranking_ways(client, deep, "all", DEEP_PAGE),
        OWN_RANK: {
            ENDPOINT: lambda: get_ok(client, "/api/leaderboard/me/"),
            FUNCTION: lambda: project_rank(user),
            STRAIGHT: lambda: summed_rank(user),
        },
        WEEK: ranking_ways(client, "/api/leaderboard/?period=week", "week", 1),
    }


def ended_periods() -> dict[str, object]:
    """Whole periods that have ended: what the week and month rankings read
    on their last day, when their rows are most."""
    from leaderboard.selectors import MONTH as MONTH_NAME
    from leaderboard.selectors import WEEK as WEEK_NAME
    from leaderboard.selectors import Period

    week, month = current_period("week"), current_period("month")
    month_before = (month.starts_at - datetime.timedelta(days=1)).replace(day=1)
    return {
        "last whole ISO week": Period(
            WEEK_NAME, week.starts_at - datetime.timedelta(days=7), week.starts_at
        ),
        "last whole month": Period(MONTH_NAME, month_before, month.starts_at),
    }


def creation_ways(client, user) -> dict[str, Callable[[], object]]:
    return {
        ENDPOINT: lambda: post_created(client, session_fields()),
        FUNCTION: lambda: project_create(user),
        STRAIGHT: lambda: plain_create(user),
        BARE_POST: lambda: bare_post(client),
    }


def time_interleaved(
    ways: dict[str, Callable[[], object]], *, warmups: int, samples: int
) -> dict[str, list[float]]:
    """Milliseconds per call of each way, taking turns call by call."""
    for _ in range(warmups):
        for call in ways.values():
            call()
    timings: dict[str, list[float]] = {name: [] for name in ways}
    for _ in range(samples):
        for name, call in ways.items():
            started = time.perf_counter()
            call()
            timings[name].append((time.perf_counter() - started) * 1000)
    return timings


def query_count(call: Callable[[], object]) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as context:
        call()
    return len(context.captured_queries)


def spread(timings: list[float]) -> dict:
    return {
        "median": statistics.median(timings),
        "p90": statistics.quantiles(timings, n=10)[-1],
    }


def summary(timings: list[float], queries: int) -> dict:
    return {**spread(timings), "queries": queries}


def project_rows(entries: list) -> list[tuple[int, int, int]]:
    return [(e.user_id, e.total_minutes, e.session_count) for e in entries]


def summed_rows(rows: list[dict]) -> list[tuple[int, int, int]]:
    return [(row["user_id"], row["total"], row["count"]) for row in rows]


def check_same_answers(user) -> None:
    """Both ways must rank alike, or their timings compare nothing."""
    pages = {
        PAGE_ONE: (current_period("all"), 1),
        PAGE_DEEP: (current_period("all"), DEEP_PAGE),
        WEEK: (current_period("week"), 1),
        **{label: (period, 1) for label, period in ended_periods().items()},
    }
    for figure, (period, number) in pages.items():
        count, entries = project_page(period, number)
        summed_count, rows = summed_page(period, number)
        if (count, project_rows(entries)) != (summed_count, summed_rows(rows)):
            sys.exit(f"{figure}: the project and the sums disagree")
    if project_rank(user) != summed_rank(user):
        sys.exit("own rank: the project and the sums disagree")


def middle_user():
    """A user halfway down the all-time ranking."""
    from django.contrib.auth import get_user_model

    from leaderboard.models import MinuteTotal

    ranked = MinuteTotal.objects.ranked()
    return get_user_model().objects.get(pk=ranked[ranked.count() // 2].user_id)


def daily_rows_in(period) -> int:
    """The rollup rows that a ranking of ``period`` reads."""
    from leaderboard.models import DailyMinutes

    return DailyMinutes.objects.filter(
        day__gte=period.starts_at.date(), day__lt=period.ends_at.date()
    ).count()


def data_facts(size: int) -> dict:
    from leaderboard.models import DailyMinutes, MinuteTotal
    from sessions_app.models import MeditationSession

    week = current_period("week")
    sessions = MeditationSession.objects.all()
    # A reused database also holds the sessions that earlier runs created.
    if sessions.count() < size:
        sys.exit(f"expected {size} sessions, found {sessions.count()}")
    return {
        "size": size,
        # The code can change while a long run goes on; record what was measured.
        "commit": git_state(),
        "ranked": MinuteTotal.objects.ranked().count(),
        "week_sessions": sessions.filter(
            started_at__gte=week.starts_at, started_at__lt=week.ends_at
        ).count(),
        "week_daily_rows": daily_rows_in(week),
        "daily_rows": DailyMinutes.objects.count(),
        "database_mb": data_path(size, ".sqlite3").stat().st_size / 2**20,
    }


def time_reads(client, user, args) -> dict[str, dict]:
    results = {}
    for figure, ways in read_figures(client, user).items():
        print(f"  timing {figure}", file=sys.stderr, flush=True)
        timings = time_interleaved(ways, warmups=args.warmups, samples=args.samples)
        results[figure] = {
            name: summary(timings[name], query_count(call))
            for name, call in ways.items()
        }
    return results


def time_ended_periods(args) -> dict[str, dict]:
    """The week ranking's selector over whole periods, beside the sums."""
    results = {}
    for label, period in ended_periods().items():
        print(f"  timing {label}", file=sys.stderr, flush=True)
        ways = {
            FUNCTION: lambda period=period: project_page(period, 1),
            STRAIGHT: lambda period=period: summed_page(period, 1),
        }
        timings = time_interleaved(ways, warmups=args.warmups, samples=args.samples)
        results[label] = {
            "daily_rows": daily_rows_in(period),
            **{
                name: summary(timings[name], query_count(call))
                for name, call in ways.items()
            },
        }
    return results


def time_creation(client, user, args) -> dict[str, dict]:
    """Last, so that the sessions it adds change none of the reads. It
    deletes nothing; the user's totals are rebuilt afterwards, since the
    plain inserts were not counted."""
    from leaderboard.services import totals_rebuild

    print(f"  timing {CREATE}", file=sys.stderr, flush=True)
    ways = creation_ways(client, user)
    timings = time_interleaved(ways, warmups=args.warmups, samples=args.creations)
    results = {
        name: summary(timings[name], query_count(call)) for name, call in ways.items()
    }
    totals_rebuild(user_ids=[user.pk], notify_users=False)
    return results


def ratio(straight: dict, project: dict) -> str:
    return f"x{straight['median'] / project['median']:.2f}"


def print_size_table(facts: dict, timings: dict, rank: int) -> None:
    print(
        f"{facts['size']:,} sessions, {facts['ranked']:,} ranked users, "
        f"{facts['week_sessions']:,} sessions ({facts['week_daily_rows']:,} daily "
        f"rows) in the current ISO week; own rank of a user at rank {rank}. "
        "Milliseconds; SQL = queries of one call.\n"
    )
    print(
        "| figure | endpoint median | p90 | SQL | function median | p90 | SQL "
        "| straightforward median | p90 | SQL | straightforward ÷ endpoint "
        "| straightforward ÷ function |"
    )
    print("|---|" + "---:|" * 11)
    for figure in FIGURES:
        end, fun, straight = (timings[figure][way] for way in WAYS)
        print(
            f"| {figure} | {end['median']:.2f} | {end['p90']:.2f} | "
            f"{end['queries']} | {fun['median']:.2f} | {fun['p90']:.2f} | "
            f"{fun['queries']} | {straight['median']:.2f} | {straight['p90']:.2f} "
            f"| {straight['queries']} | {ratio(straight, end)} "
            f"| {ratio(straight, fun)} |"
        )
    bare = timings[CREATE][BARE_POST]
    print(
        f"\n{BARE_POST}'s receivers: median {bare['median']:.2f} ms, p90 "
        f"{bare['p90']:.2f} ms (the endpoint's figure less the leaderboard's "
        "work)",
        flush=True,
    )


def print_ended_table(ended: dict[str, dict]) -> None:
    print(
        "\nThe week ranking's selector (page 1) over whole periods that have "
        "ended, when the most rows are in them:\n"
    )
    print(
        "| period | daily rows | function median | p90 | SQL | straightforward "
        "median | p90 | straightforward ÷ function |"
    )
    print("|---|" + "---:|" * 7)
    for label, result in ended.items():
        fun, straight = result[FUNCTION], result[STRAIGHT]
        print(
            f"| {label} | {result['daily_rows']:,} | {fun['median']:.2f} | "
            f"{fun['p90']:.2f} | {fun['queries']} | {straight['median']:.2f} | "
            f"{straight['p90']:.2f} | {ratio(straight, fun)} |",
            flush=True,
        )


def measure(args: argparse.Namespace) -> None:
    django_setup()
    from django.test import Client

    from accounts.services import token_create
    from leaderboard.selectors import entry_for

    size = args.measure
    load_before = os.getloadavg()[0]
    facts = data_facts(size)
    user = middle_user()
    rank = entry_for(user, period=current_period("all")).rank
    check_same_answers(user)
    client = Client(HTTP_AUTHORIZATION=f"Token {token_create(user=user)}")

    timings = time_reads(client, user, args)
    ended = time_ended_periods(args)
    timings[CREATE] = time_creation(client, user, args)
    # The machine is shared: its load at both ends tells how quiet it was.
    facts["load"] = [load_before, os.getloadavg()[0]]
    print_size_table(facts, timings, rank)
    print_ended_table(ended)
    result = {"data": facts, "timings": timings, "ended": ended}
    data_path(size, ".json").write_text(json.dumps(result, indent=1))


# The child that takes the sizes in turn.


def switch_database(size: int) -> None:
    """Point the default connection at another size's database; the next
    query opens it, with an empty page cache (hence the warm-up calls)."""
    from django.db import connection

    connection.close()
    connection.settings_dict["NAME"] = str(data_path(size, ".sqlite3"))


def project_ways(size: int) -> dict[str, dict[str, Callable[[], object]]]:
    """The project's ways to every figure on one size's database."""
    from django.test import Client

    from accounts.services import token_create

    switch_database(size)
    user = middle_user()
    client = Client(HTTP_AUTHORIZATION=f"Token {token_create(user=user)}")
    figures = {**read_figures(client, user), CREATE: creation_ways(client, user)}
    ways = {
        figure: {way: calls[way] for way in (ENDPOINT, FUNCTION)}
        for figure, calls in figures.items()
    }
    for label, period in ended_periods().items():
        ways[label] = {FUNCTION: lambda period=period: project_page(period, 1)}
    return ways


def time_in_turn(ways: dict[int, dict]) -> dict[int, dict[str, dict]]:
    timings = {
        size: {label: {way: [] for way in calls} for label, calls in figures.items()}
        for size, figures in ways.items()
    }
    for number in range(ACROSS_ROUNDS):
        print(f"  round {number + 1}", file=sys.stderr, flush=True)
        for size, figures in ways.items():
            switch_database(size)
            for label, calls in figures.items():
                burst = time_interleaved(
                    calls, warmups=ACROSS_WARMUPS, samples=ACROSS_SAMPLES
                )
                for way, values in burst.items():
                    timings[size][label][way] += values
    return timings


def measure_across(sizes: list[int]) -> None:
    """The project's figures on every size's database, the sizes taking
    turns, so that the machine's load weighs on all of them alike."""
    django_setup()
    ways = {size: project_ways(size) for size in sizes}
    timings = time_in_turn(ways)
    result = {
        str(size): {
            label: {way: spread(values) for way, values in calls.items()}
            for label, calls in figures.items()
        }
        for size, figures in timings.items()
    }
    (DATA_DIR / "lb_bench_across.json").write_text(json.dumps(result, indent=1))


def main() -> None:
    args = parse_args()
    if args.measure:
        measure(args)
    elif args.across:
        measure_across(args.across)
    else:
        orchestrate(args)


if __name__ == "__main__":
    main()
