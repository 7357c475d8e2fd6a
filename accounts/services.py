"""Writes on users and their profiles, shared by the API, the admin and the
management commands."""

import logging

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractUser
from django.utils import timezone
from knox.models import AuthToken

from .models import Profile

logger = logging.getLogger(__name__)

User = get_user_model()


def user_create(
    *, username: str, password: str | None = None, email: str = ""
) -> AbstractUser:
    """Create a user; the profile follows from the post_save receiver.

    A user created without a password (by an import, say) gets an unusable
    one and cannot log in until a password is set.
    """
    user = User.objects.create_user(username=username, email=email, password=password)
    logger.info("created user id=%s", user.pk)
    return user


def profile_ensure(*, user: AbstractUser) -> Profile:
    """The user's profile, created with the defaults when it is missing."""
    profile, _ = Profile.objects.get_or_create(user=user)
    return profile


def token_create(*, user: AbstractUser) -> str:
    """A new API token for the user; only its digest is stored. The user's
    expired tokens are deleted on the way."""
    AuthToken.objects.filter(user=user, expiry__lt=timezone.now()).delete()
    _, token = AuthToken.objects.create(user=user)
    return token


def profile_update(
    *, profile: Profile, email: str | None = None, **fields: object
) -> Profile:
    """Change a user's settings; ``email`` lives on the user itself."""
    user = profile.user
    if email is not None and email != user.email:
        user.email = email
        user.save(update_fields=["email"])
    for name, value in fields.items():
        setattr(profile, name, value)
    profile.save()
    return profile
