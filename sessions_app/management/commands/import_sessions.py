"""Import meditation sessions from a CSV file, all of it or nothing."""

import csv
import datetime
import logging
import os
from collections.abc import Iterator

from django.contrib.auth import get_user_model
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.dateparse import parse_datetime
from tqdm import tqdm

from accounts.services import user_create
from accounts.timezones import is_valid_timezone
from sessions_app.models import (
    DURATION_MAX,
    DURATION_MIN,
    NOTES_MAX_LENGTH,
    MeditationSession,
    MeditationType,
    local_date_for,
)
from sessions_app.selectors import EXPORT_COLUMNS
from sessions_app.services import (
    sessions_bulk_insert,
    started_at_check,
    started_at_in_zone,
)
from sessions_app.signals import sessions_imported

logger = logging.getLogger(__name__)

REQUIRED_COLUMNS = {"username", "meditation_type", "duration", "started_at"}
MEDITATION_TYPES = frozenset(MeditationType.values)
MAX_ERRORS_SHOWN = 1000

User = get_user_model()


class RowError(Exception):
    pass


class Command(BaseCommand):
    help = (
        "Import sessions from a CSV file with the columns "
        f"{','.join(EXPORT_COLUMNS)} (the export's format). Every row is "
        "checked first; one bad row and nothing is imported. Users that do "
        "not exist are created without a usable password."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="path of the CSV file")
        parser.add_argument(
            "--batch-size",
            type=int,
            default=5000,
            help="rows inserted per statement (default 5000)",
        )

    def handle(self, *args, file, batch_size, **options):
        self.users: dict[str, tuple[int, str]] = {}
        self.errors: list[tuple[int, str]] = []
        try:
            size = os.path.getsize(file)
            # Closed by the with statement below.
            stream = open(file, encoding="utf-8-sig", newline="")  # noqa: SIM115
        except OSError as error:
            raise CommandError(f"cannot read {file}: {error.strerror}") from None

        with stream, self._progress(size) as bar:
            imported = self._import(csv.DictReader(_counting(stream, bar)), batch_size)

        logger.info("imported %d sessions from %s", imported, file)
        self.stdout.write(self.style.SUCCESS(f"Imported {imported} sessions."))

    def _progress(self, size: int) -> tqdm:
        return tqdm(
            total=size,
            unit="B",
            unit_scale=True,
            desc="importing",
            disable=not self.stderr.isatty(),
            file=self.stderr,
        )

    def _import(self, reader: csv.DictReader, batch_size: int) -> int:
        self._check_header(reader.fieldnames)
        imported = 0
        with transaction.atomic():
            batch: list[MeditationSession] = []
            for row in reader:
                try:
                    session = self._session_from(row)
                except RowError as error:
                    self.errors.append((reader.line_num, str(error)))
                    continue
                if self.errors:
                    continue  # nothing will be written; only look for errors
                batch.append(session)
                if len(batch) >= batch_size:
                    imported += self._write(batch)
            if self.errors:
                raise CommandError(self._error_report())
            imported += self._write(batch)
            user_ids = {user_id for user_id, _ in self.users.values()}
            sessions_imported.send(sender=self.__class__, user_ids=user_ids)
        return imported

    def _check_header(self, fieldnames: list[str] | None) -> None:
        missing = REQUIRED_COLUMNS - set(fieldnames or [])
        if missing:
            raise CommandError(
                "the header lacks the column(s) "
                f"{', '.join(sorted(missing))}; expected {','.join(EXPORT_COLUMNS)}"
            )

    def _write(self, batch: list[MeditationSession]) -> int:
        sessions_bulk_insert(sessions=batch)
        written = len(batch)
        batch.clear()
        return written

    def _error_report(self) -> str:
        lines = [f"line {line}: {reason}" for line, reason in self.errors]
        if len(lines) > MAX_ERRORS_SHOWN:
            hidden = len(lines) - MAX_ERRORS_SHOWN
            lines = [*lines[:MAX_ERRORS_SHOWN], f"... and {hidden} more"]
        return f"{len(self.errors)} bad row(s); nothing was imported.\n" + "\n".join(
            lines
        )

    def _session_from(self, row: dict) -> MeditationSession:
        """A session built from one row, checked with the API's rules."""
        if None in row:
            raise RowError("the row has more fields than the header")
        user_id, profile_timezone = self._user_for(_text(row, "username"))
        timezone_name = _text(row, "timezone") or profile_timezone
        if not is_valid_timezone(timezone_name):
            raise RowError(f'"{timezone_name}" is not a known time zone')
        started_at = _started_at(_text(row, "started_at"), timezone_name)
        return MeditationSession(
            user_id=user_id,
            meditation_type=_meditation_type(_text(row, "meditation_type")),
            duration=_duration(_text(row, "duration")),
            notes=_notes(row.get("notes") or ""),
            started_at=started_at,
            timezone=timezone_name,
            local_date=local_date_for(started_at, timezone_name),
        )

    def _user_for(self, username: str) -> tuple[int, str]:
        """The id and profile time zone of a user, created if missing."""
        if username not in self.users:
            _check_username(username)
            user = User.objects.select_related("profile").filter(username=username)
            user = user.first()
            if user is None:
                user = user_create(username=username)
            self.users[username] = (user.pk, user.profile.timezone)
        return self.users[username]


def _check_username(username: str) -> None:
    if not username or len(username) > 150:
        raise RowError("the username must have 1 to 150 characters")
    try:
        UnicodeUsernameValidator()(username)
    except ValidationError:
        raise RowError(f'"{username}" is not a valid username') from None


def _counting(stream, bar: tqdm) -> Iterator[str]:
    """The file's lines, moving the progress bar by each line's size."""
    for line in stream:
        bar.update(len(line))
        yield line


def _text(row: dict, column: str) -> str:
    return (row.get(column) or "").strip()


def _meditation_type(value: str) -> str:
    if value not in MEDITATION_TYPES:
        raise RowError(
            f'"{value}" is not a meditation type; valid types: '
            f"{', '.join(MeditationType.values)}"
        )
    return value


def _duration(value: str) -> int:
    try:
        minutes = int(value)
    except ValueError:
        raise RowError(f'duration "{value}" is not a whole number') from None
    if not DURATION_MIN <= minutes <= DURATION_MAX:
        raise RowError(
            f"duration {minutes} is not between {DURATION_MIN} and {DURATION_MAX}"
        )
    return minutes


def _notes(value: str) -> str:
    if len(value) > NOTES_MAX_LENGTH:
        raise RowError(f"notes have more than {NOTES_MAX_LENGTH} characters")
    return value


def _started_at(value: str, timezone_name: str) -> datetime.datetime:
    try:
        parsed = parse_datetime(value)
    except ValueError:
        parsed = None
    if parsed is None:
        raise RowError(f'started_at "{value}" is not an ISO 8601 date and time')
    started_at = started_at_in_zone(parsed, timezone_name)
    try:
        started_at_check(started_at)
    except ValidationError as error:
        raise RowError(f"started_at: {error.messages[0]}") from None
    return started_at
