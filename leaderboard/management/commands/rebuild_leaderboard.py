"""Recompute the leaderboard from the sessions, or check that it matches."""

import logging

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from leaderboard.selectors import total_mismatches
from leaderboard.services import totals_rebuild

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = (
        "Recompute every user's minute total and daily rollups from their "
        "sessions, for a database restored from elsewhere. Sends no "
        "notifications. With --check, change nothing and list the users whose "
        "stored figures differ from their sessions, exiting non-zero if any do."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--check",
            action="store_true",
            help="only compare; exit with status 1 when a total differs",
        )

    def handle(self, *args, check, **options):
        if check:
            self._check()
        else:
            self._rebuild()

    def _rebuild(self) -> None:
        users = get_user_model().objects.count()
        with tqdm(
            total=users,
            unit="user",
            desc="rebuilding",
            disable=not self.stderr.isatty(),
            file=self.stderr,
        ) as bar:
            rebuilt = totals_rebuild(notify_users=False, progress=bar.update)
        logger.info("leaderboard rebuilt for %d users", rebuilt)
        self.stdout.write(self.style.SUCCESS(f"Rebuilt the totals of {rebuilt} users."))

    def _check(self) -> None:
        mismatches = total_mismatches()
        for m in mismatches:
            self.stdout.write(
                f"{m.username} (id {m.user_id}): stored {m.stored[0]} min in "
                f"{m.stored[1]} sessions, the sessions hold {m.actual[0]} min in "
                f"{m.actual[1]}; {m.days_differing} day(s) differ"
            )
        if mismatches:
            raise CommandError(
                f"{len(mismatches)} user(s) differ from their sessions; "
                "run rebuild_leaderboard to repair."
            )
        self.stdout.write(self.style.SUCCESS("Every total matches its sessions."))
