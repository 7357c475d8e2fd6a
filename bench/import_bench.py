"""Time ``manage.py import_sessions`` on SQLite and measure its peak memory.

    .venv/bin/python bench/import_bench.py --rows 1000000

Each size gets its own generated CSV and a fresh SQLite file in a new
directory under /tmp, removed afterwards unless --keep is given. The
migration runs first, as its own process, so that only the import is timed
and measured. The peak memory is the import process's own maximum resident
set size, read from os.wait4() for that one child: RUSAGE_CHILDREN would mix
in the migration's and any earlier child's peak. Afterwards the rows in the
database are counted, so a run that imported nothing cannot pass for a fast
one. A smaller size (100,000 rows by default) runs too, to show whether the
peak memory grows with the file.
"""

import argparse
import datetime
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from generate_sessions import start_of_today_utc, write_sessions

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "bench" / "data"
PYTHON = sys.executable
SESSION_TABLE = "sessions_app_meditationsession"


@dataclass
class Measurement:
    """What one child process took: wall and CPU seconds, peak RSS."""

    seconds: float
    cpu_seconds: float
    peak_mb: float


@dataclass
class ImportRun:
    rows: int
    file_mb: float
    took: Measurement
    # Other processes on the machine slow the wall time, not the CPU time.
    load_average: float

    @property
    def rows_per_second(self) -> float:
        return self.rows / self.took.seconds

    @property
    def rows_per_cpu_second(self) -> float:
        return self.rows / self.took.cpu_seconds


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument(
        "--baseline-rows",
        type=int,
        default=100_000,
        help="the smaller size that the peak memory is compared with",
    )
    parser.add_argument("--users", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--keep",
        action="store_true",
        help="keep each database for a look afterwards (its path is printed)",
    )
    parser.add_argument(
        "--debug",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="run the import with DEBUG=1 (default) or with DEBUG off",
    )
    return parser.parse_args()


def csv_for(rows: int, users: int, seed: int) -> Path:
    """The generated file, reused when one with the same inputs exists: the
    generator gives the same bytes for the same seed on the same day."""
    until = start_of_today_utc()
    name = f"sessions-{rows}-u{users}-s{seed}-{until:%Y%m%d}.csv"
    path = DATA_DIR / name
    if not path.exists():
        DATA_DIR.mkdir(parents=True, exist_ok=True)
        started = time.perf_counter()
        partial = path.with_suffix(".partial")
        write_sessions(str(partial), rows=rows, users=users, seed=seed, until=until)
        partial.rename(path)
        print(f"  generated {path.name} in {time.perf_counter() - started:.1f} s")
    return path


def fresh_database(rows: int) -> Path:
    """A path for a new SQLite file, in a directory of its own under /tmp so
    that no other process on the machine that picked the same name can
    touch it."""
    directory = tempfile.mkdtemp(prefix=f"import-bench-{rows}-")
    return Path(directory) / "sessions.sqlite3"


def django_env(database: Path, debug: bool) -> dict[str, str]:
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{database}"}
    if debug:
        env["DEBUG"] = "1"
    else:
        # Without DEBUG the settings refuse to start without a key.
        env.update(DEBUG="0", SECRET_KEY="benchmark-only-key")
    return env


def run_measured(command: list[str], env: dict[str, str]) -> Measurement:
    """Run one child and measure it alone."""
    with tempfile.TemporaryFile() as out:
        started = time.perf_counter()
        child = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=out)
        # wait4 gives this child's own rusage; Popen.wait() would not.
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - started
        child.returncode = os.waitstatus_to_exitcode(status)
        if child.returncode != 0:
            out.seek(0)
            tail = out.read().decode(errors="replace")[-3000:]
            sys.exit(f"{' '.join(command)} failed:\n{tail}")

    cpu_seconds = usage.ru_utime + usage.ru_stime
    # Linux reports ru_maxrss in KiB.
    return Measurement(seconds, cpu_seconds, usage.ru_maxrss / 1024)


def count_sessions(database: Path) -> int:
    with closing(sqlite3.connect(database)) as connection:
        (count,) = connection.execute(
            f"SELECT COUNT(*) FROM {SESSION_TABLE}"
        ).fetchone()
    return count


def run_import(rows: int, args: argparse.Namespace) -> ImportRun:
    print(f"{rows:,} rows:", flush=True)
    source = csv_for(rows, args.users, args.seed)
    database = fresh_database(rows)
    env = django_env(database, args.debug)

    manage = [PYTHON, "manage.py"]
    subprocess.run(
        [*manage, "migrate", "--no-input", "-v0"], cwd=ROOT, env=env, check=True
    )
    took = run_measured([*manage, "import_sessions", str(source)], env)
    load_average = os.getloadavg()[0]

    counted = count_sessions(database)
    if counted != rows:
        sys.exit(f"expected {rows} sessions in {database}, found {counted}")
    print(
        f"  imported in {took.seconds:.1f} s ({took.cpu_seconds:.1f} s CPU), "
        f"peak {took.peak_mb:.0f} MB, load average {load_average:.1f}",
        flush=True,
    )
    if args.keep:
        print(f"  database kept: {database}")
    else:
        shutil.rmtree(database.parent)
    return ImportRun(rows, source.stat().st_size / 2**20, took, load_average)


def git_state() -> str:
    def git(*words: str) -> str:
        done = subprocess.run(["git", *words], cwd=ROOT, capture_output=True, text=True)
        return done.stdout.strip()

    changed = git("status", "--short", "--untracked-files=no")
    return (
        f"{git('rev-parse', '--short', 'HEAD')}{' + local changes' if changed else ''}"
    )


def print_header(args: argparse.Namespace) -> None:
    print(
        f"import_sessions benchmark, {datetime.datetime.now():%Y-%m-%d %H:%M}, "
        f"commit {git_state()}, {os.cpu_count()} CPUs, Python "
        f"{sys.version.split()[0]}, SQLite {sqlite3.sqlite_version}, "
        f"DEBUG={'1' if args.debug else 'off'}, {args.users} users"
    )


def print_table(runs: list[ImportRun]) -> None:
    columns = ["rows", "file MB", "wall s", "CPU s", "rows/s", "rows/CPU s"]
    print("\n" + " ".join(f"{name:>10}" for name in [*columns, "peak MB", "load"]))
    for run in runs:
        print(
            f"{run.rows:>10,} {run.file_mb:>10.0f} {run.took.seconds:>10.1f} "
            f"{run.took.cpu_seconds:>10.1f} {run.rows_per_second:>10,.0f} "
            f"{run.rows_per_cpu_second:>10,.0f} {run.took.peak_mb:>10.0f} "
            f"{run.load_average:>10.1f}"
        )
    if len(runs) == 2:
        small, large = runs
        print(
            f"\n{large.rows / small.rows:.0f}x the rows: peak memory "
            f"x{large.took.peak_mb / small.took.peak_mb:.2f}, "
            f"rows/s x{large.rows_per_second / small.rows_per_second:.2f}"
        )


def main() -> None:
    args = parse_args()
    print_header(args)
    sizes = sorted({args.baseline_rows, args.rows})
    print_table([run_import(rows, args) for rows in sizes])


if __name__ == "__main__":
    main()
