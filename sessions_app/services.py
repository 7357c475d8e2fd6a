"""Writes on meditation sessions, and the rules a session must keep.

The API's serializer and ``manage.py import_sessions`` both check a session
with these rules, so a file that imports is one the API would have accepted.
"""

import datetime
import hashlib
import json
import logging

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils.timezone import is_naive, now

from accounts.timezones import zone

from .models import IdempotencyKey, MeditationSession

logger = logging.getLogger(__name__)

# A phone's clock may run a little ahead of the server's.
FUTURE_TOLERANCE = datetime.timedelta(minutes=5)
EARLIEST_START = datetime.datetime(1900, 1, 1, tzinfo=datetime.UTC)


class IdempotencyKeyReused(Exception):
    """The key was first sent with another body."""


def started_at_in_zone(
    value: datetime.datetime, timezone_name: str
) -> datetime.datetime:
    """Read a time without an offset as a wall-clock time in the given zone."""
    if is_naive(value):
        return value.replace(tzinfo=zone(timezone_name))
    return value


def started_at_check(started_at: datetime.datetime) -> None:
    """A sitting cannot start in the future (beyond clock drift) or before
    1900."""
    if started_at > now() + FUTURE_TOLERANCE:
        raise ValidationError(
            "The start cannot be more than 5 minutes in the future.",
            code="future",
        )
    if started_at < EARLIEST_START:
        raise ValidationError("The start cannot be before 1900.", code="too_early")


def session_create(
    *,
    user: AbstractUser,
    meditation_type: str,
    duration: int,
    timezone: str,
    started_at: datetime.datetime | None = None,
    notes: str = "",
) -> MeditationSession:
    session = MeditationSession(
        user=user,
        meditation_type=meditation_type,
        duration=duration,
        timezone=timezone,
        notes=notes,
    )
    if started_at is not None:
        session.started_at = started_at
    session.save()
    return session


def session_update(
    *, session: MeditationSession, **fields: object
) -> MeditationSession:
    for name, value in fields.items():
        setattr(session, name, value)
    session.save()
    return session


def session_delete(*, session: MeditationSession) -> None:
    session.delete()


def request_fingerprint(body: object) -> str:
    """A digest of a request body, to tell a retry from a different request
    that reuses its Idempotency-Key."""
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(canonical.encode()).hexdigest()


def idempotent_session_find(
    *, user: AbstractUser, key: str, fingerprint: str
) -> MeditationSession | None:
    """The session an earlier POST with this key created, if any."""
    record = (
        IdempotencyKey.objects.select_related("session")
        .filter(user=user, key=key)
        .first()
    )
    if record is None:
        return None
    if record.request_hash != fingerprint:
        raise IdempotencyKeyReused(key)
    return record.session


def idempotent_session_create(
    *, user: AbstractUser, key: str, fingerprint: str, fields: dict
) -> tuple[MeditationSession, bool]:
    """Create the session for an Idempotency-Key, or return the one that a
    concurrent twin of this request created first.

    The session and its key are written in one transaction. When two
    requests with the same key race, the unique constraint on the key fails
    for the second, its session is rolled back with it, and it answers with
    the winner's session.
    """
    try:
        with transaction.atomic():
            session = session_create(user=user, **fields)
            IdempotencyKey.objects.create(
                user=user, key=key, request_hash=fingerprint, session=session
            )
    except IntegrityError:
        earlier = idempotent_session_find(user=user, key=key, fingerprint=fingerprint)
        if earlier is None:
            raise
        logger.info("idempotent retry for user id=%s answered from its key", user.pk)
        return earlier, False
    return session, True


def sessions_bulk_insert(*, sessions: list[MeditationSession]) -> None:
    """Insert many checked, unsaved sessions with one prepared statement.

    Django's ``bulk_create`` prepares every field of every row in Python,
    about 160 µs a row on SQLite, which was most of an import's time; the
    database driver's ``executemany`` does the same work several times
    faster. Like ``bulk_create`` it sends no signals: the caller tells the
    leaderboard (``sessions_imported``).
    """
    ops = connection.ops
    written_at = ops.adapt_datetimefield_value(now())
    rows = [
        (
            session.user_id,
            session.meditation_type,
            session.duration,
            session.notes,
            ops.adapt_datetimefield_value(session.started_at),
            session.timezone,
            ops.adapt_datefield_value(session.local_date),
            written_at,
            written_at,
        )
        for session in sessions
    ]
    with connection.cursor() as cursor:
        cursor.executemany(_bulk_insert_sql(), rows)


def _bulk_insert_sql() -> str:
    fields = [
        "user",
        "meditation_type",
        "duration",
        "notes",
        "started_at",
        "timezone",
        "local_date",
        "created_at",
        "updated_at",
    ]
    quote = connection.ops.quote_name
    columns = [quote(MeditationSession._meta.get_field(f).column) for f in fields]
    table = quote(MeditationSession._meta.db_table)
    placeholders = ", ".join(["%s"] * len(columns))
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({placeholders})"
