"""Reads on meditation sessions that are more than a queryset."""

import csv
from collections.abc import Iterator

from django.contrib.auth.models import AbstractUser

from accounts.timezones import zone

from .models import MeditationSession

EXPORT_COLUMNS = [
    "username",
    "meditation_type",
    "duration",
    "started_at",
    "timezone",
    "notes",
]


class _LineBuffer:
    """A file-like object whose write() hands back what it was given, so that
    csv.writer can produce one line at a time."""

    def write(self, line: str) -> str:
        return line


def sessions_csv_lines(*, user: AbstractUser) -> Iterator[str]:
    """Every session of the user as CSV lines, oldest first, read from the
    database in chunks so that memory stays flat however many there are.

    The columns are the ones ``manage.py import_sessions`` reads back.
    """
    writer = csv.writer(_LineBuffer())
    yield writer.writerow(EXPORT_COLUMNS)
    rows = (
        MeditationSession.objects.filter(user=user)
        .order_by("started_at", "id")
        .values_list("meditation_type", "duration", "started_at", "timezone", "notes")
    )
    username = user.get_username()
    for meditation_type, duration, started_at, timezone_name, notes in rows.iterator(
        chunk_size=2000
    ):
        local_start = started_at.astimezone(zone(timezone_name)).isoformat()
        yield writer.writerow(
            [username, meditation_type, duration, local_start, timezone_name, notes]
        )
