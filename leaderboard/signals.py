"""Receivers that keep the leaderboard current. Each hands over to a
function in ``leaderboard.services``; docs/signals.md lists them all."""

import contextvars

from django.conf import settings
from django.db.models.signals import post_delete, post_save, pre_delete, pre_save
from django.dispatch import receiver

from accounts.models import Profile
from sessions_app.models import MeditationSession
from sessions_app.signals import sessions_imported

from . import services
from .services import Contribution

# Users being deleted right now: their sessions go with them, and the
# leaderboard forgets them in one step rather than session by session.
_departing_users: contextvars.ContextVar[frozenset[int]] = contextvars.ContextVar(
    "departing_users", default=frozenset()
)


def _contribution(session: MeditationSession) -> Contribution:
    return Contribution.of(
        user_id=session.user_id,
        started_at=session.started_at,
        duration=session.duration,
    )


@receiver(pre_save, sender=MeditationSession)
def remember_counted_minutes(sender, instance, raw, **kwargs):
    """Read, and lock, what an edited session counted for until now."""
    instance._counted_before = None
    if raw or instance._state.adding:
        return
    before = (
        MeditationSession.objects.select_for_update()
        .filter(pk=instance.pk)
        .values("user_id", "started_at", "duration")
        .first()
    )
    if before is not None:
        instance._counted_before = Contribution.of(**before)


@receiver(post_save, sender=MeditationSession)
def count_saved_session(sender, instance, raw, **kwargs):
    if raw:
        return
    services.session_contribution_move(
        before=getattr(instance, "_counted_before", None),
        after=_contribution(instance),
    )


@receiver(post_delete, sender=MeditationSession)
def uncount_deleted_session(sender, instance, **kwargs):
    if instance.user_id in _departing_users.get():
        return
    services.session_contribution_move(before=_contribution(instance), after=None)


@receiver(post_save, sender=Profile)
def follow_leaderboard_opt_out(sender, instance, raw, **kwargs):
    if raw:
        return
    services.leaderboard_visibility_set(
        user_id=instance.user_id, shown=instance.show_on_leaderboard
    )


@receiver(pre_delete, sender=settings.AUTH_USER_MODEL)
def forget_departing_user(sender, instance, **kwargs):
    _departing_users.set(_departing_users.get() | {instance.pk})
    services.leaderboard_user_leave(user_id=instance.pk)


@receiver(post_delete, sender=settings.AUTH_USER_MODEL)
def departed_user_gone(sender, instance, **kwargs):
    _departing_users.set(_departing_users.get() - {instance.pk})


@receiver(sessions_imported)
def count_imported_sessions(sender, user_ids, **kwargs):
    services.totals_rebuild(user_ids=user_ids, notify_users=True)
