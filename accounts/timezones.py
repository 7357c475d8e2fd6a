"""Time zone names: validation against the IANA database."""

import functools
import zoneinfo
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError


@functools.cache
def _known_timezones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


def is_valid_timezone(name: str) -> bool:
    return name in _known_timezones()


def validate_timezone(name: str) -> None:
    """Model and serializer validator: an IANA name such as Europe/Berlin."""
    if not is_valid_timezone(name):
        raise ValidationError(
            '"%(name)s" is not a known time zone. Use an IANA name such as '
            "Europe/Berlin or UTC.",
            code="invalid_timezone",
            params={"name": name},
        )


@functools.lru_cache(maxsize=512)
def zone(name: str) -> ZoneInfo:
    """The ZoneInfo for a name that has already been validated."""
    return ZoneInfo(name)
