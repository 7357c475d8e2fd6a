"""Writers racing for first place at the same moment, each on its own
database connection. They write through the session services, as the API
does, without the HTTP layer, so that their writes overlap as much as
possible."""

import functools
import io
import random
import threading
import time

import pytest
from django.core.management import call_command
from django.db import transaction

from conftest import run_together
from leaderboard.models import LeaderboardState, MinuteTotal
from notifications.models import Notification
from sessions_app import services
from sessions_app.models import MeditationSession

RACERS = 4
WRITES_EACH = 40
HOLD_SECONDS = 0.6


def race(user, seed: int, failures: list) -> None:
    """Log, edit and delete sessions in a random but repeatable order."""
    chance = random.Random(seed)
    mine: list[MeditationSession] = []
    try:
        for _ in range(WRITES_EACH):
            roll = chance.random()
            if mine and roll < 0.2:
                services.session_delete(session=mine.pop())
            elif mine and roll < 0.4:
                session = chance.choice(mine)
                services.session_update(session=session, duration=chance.randint(1, 60))
            else:
                session = services.session_create(
                    user=user,
                    meditation_type="zen",
                    duration=chance.randint(1, 60),
                    timezone="UTC",
                )
                mine.append(session)
    except Exception as error:  # reported by the test, not lost in a thread
        failures.append(repr(error))


@pytest.mark.django_db(transaction=True)
def test_racing_writers_lose_no_minutes_and_no_notices(make_user):
    racers = [make_user(f"racer{n}") for n in range(RACERS)]
    failures: list[str] = []

    run_together(
        *[functools.partial(race, user, n, failures) for n, user in enumerate(racers)]
    )

    assert failures == []
    call_command("rebuild_leaderboard", "--check", stdout=io.StringIO())
    top = max(MinuteTotal.objects.values_list("total_minutes", flat=True))
    for user in racers:
        kinds = list(
            Notification.objects.filter(recipient=user)
            .order_by("created_at", "id")
            .values_list("kind", flat=True)
        )
        # Notices alternate, starting with rank_one ...
        assert kinds == ["rank_one", "rank_one_lost"] * (len(kinds) // 2) + (
            ["rank_one"] if len(kinds) % 2 else []
        )
        # ... and the last one says where the user is now.
        at_top = top > 0 and user.minute_total.total_minutes == top
        assert (kinds[-1:] == ["rank_one"]) == at_top


@pytest.mark.django_db(transaction=True)
def test_a_write_that_moves_minutes_waits_for_the_one_before_it(owner):
    """While one transaction holds the leaderboard state, a new session waits
    for it rather than checking first place beside it (the owner is ranked
    already, so this write changes nothing else that another would lock)."""
    services.session_create(
        user=owner, meditation_type="zen", duration=5, timezone="UTC"
    )
    holding = threading.Event()
    waited: list[float] = []

    def hold_the_state():
        with transaction.atomic():
            LeaderboardState.objects.select_for_update().get_or_create(pk=1)
            holding.set()
            time.sleep(HOLD_SECONDS)

    def write_a_session():
        holding.wait(timeout=10)
        started = time.monotonic()
        services.session_create(
            user=owner, meditation_type="zen", duration=5, timezone="UTC"
        )
        waited.append(time.monotonic() - started)

    run_together(hold_the_state, write_a_session)

    assert waited and waited[0] >= HOLD_SECONDS * 0.8
    assert MinuteTotal.objects.get(user=owner).total_minutes == 10
