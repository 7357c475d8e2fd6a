"""Write a CSV of made-up meditation sessions in the export's format.

    python bench/generate_sessions.py OUT.csv --rows 1000000 --users 1000 --seed 1

The file is what ``manage.py import_sessions`` reads. It is written one row
at a time, so a file of any size takes the same little memory. The same
seed and the same ``--until`` give the same bytes; ``--until`` defaults to
the start of today in UTC, so two runs on one day agree.
"""

import argparse
import csv
import datetime
import random
from collections.abc import Iterator
from zoneinfo import ZoneInfo

COLUMNS = ["username", "meditation_type", "duration", "started_at", "timezone", "notes"]

# The values of sessions_app.models.MeditationType, kept here so that the
# generator runs without Django.
MEDITATION_TYPES = [
    "mindfulness",
    "breathing",
    "body_scan",
    "loving_kindness",
    "gratitude",
    "mantra",
    "transcendental",
    "vipassana",
    "zen",
    "visualization",
    "walking",
    "other",
]

# An empty zone means "the profile's zone", which the import then uses.
TIMEZONES = [
    "Europe/Berlin",
    "Europe/London",
    "America/New_York",
    "America/Los_Angeles",
    "America/Sao_Paulo",
    "Asia/Tokyo",
    "Asia/Kolkata",
    "Australia/Sydney",
    "Africa/Nairobi",
    "Pacific/Auckland",
    "UTC",
    "",
]
TIMEZONE_WEIGHTS = [14, 10, 12, 8, 5, 8, 6, 5, 3, 2, 12, 15]

# Short notes, some with the commas and quotes that the CSV must escape.
NOTES = [
    "Calm.",
    "Restless, but stayed.",
    'Felt "lighter" afterwards',
    "Noisy street, kept coming back to the breath",
    "Short one before work",
    'Teacher said: "just sit", so I did',
    "Sleepy; sat anyway",
    "Good focus, 3 rounds",
]
NOTES_SHARE = 0.15

HISTORY = datetime.timedelta(days=5 * 365)
DURATION_RANGE = (1, 90)


def start_of_today_utc() -> datetime.datetime:
    today = datetime.datetime.now(datetime.UTC).date()
    return datetime.datetime.combine(today, datetime.time.min, tzinfo=datetime.UTC)


def usernames(count: int) -> list[str]:
    width = max(4, len(str(count)))
    return [f"user{number:0{width}d}" for number in range(1, count + 1)]


def session_rows(
    *, rows: int, users: int, seed: int, until: datetime.datetime
) -> Iterator[list]:
    """One list per session, drawn from a generator seeded with ``seed``."""
    rng = random.Random(seed)
    names = usernames(users)
    zones = {name: ZoneInfo(name or "UTC") for name in TIMEZONES}
    history_seconds = int(HISTORY.total_seconds())

    for _ in range(rows):
        zone_name = rng.choices(TIMEZONES, TIMEZONE_WEIGHTS)[0]
        # Counting back from ``until`` keeps every start in the past.
        seconds_ago = rng.randint(1, history_seconds)
        started_at = until - datetime.timedelta(seconds=seconds_ago)
        notes = rng.choice(NOTES) if rng.random() < NOTES_SHARE else ""
        yield [
            rng.choice(names),
            rng.choice(MEDITATION_TYPES),
            rng.randint(*DURATION_RANGE),
            started_at.astimezone(zones[zone_name]).isoformat(),
            zone_name,
            notes,
        ]


def write_sessions(
    path: str,
    *,
    rows: int,
    users: int,
    seed: int,
    until: datetime.datetime | None = None,
) -> None:
    until = until or start_of_today_utc()
    with open(path, "w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(COLUMNS)
        writer.writerows(session_rows(rows=rows, users=users, seed=seed, until=until))


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", help="path of the CSV file to write")
    parser.add_argument("--rows", type=int, default=1000, help="sessions to write")
    parser.add_argument("--users", type=int, default=100, help="distinct users")
    parser.add_argument("--seed", type=int, default=1, help="random seed")
    parser.add_argument(
        "--until",
        type=datetime.date.fromisoformat,
        help="the newest start is before this date, UTC (default: today)",
    )
    return parser.parse_args()


def main() -> None:
    args = parse_args()
    until = None
    if args.until:
        until = datetime.datetime.combine(
            args.until, datetime.time.min, tzinfo=datetime.UTC
        )
    write_sessions(
        args.out, rows=args.rows, users=args.users, seed=args.seed, until=until
    )


if __name__ == "__main__":
    main()
