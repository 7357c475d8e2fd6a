"""The cast every test can call on: an owner, a friend and a stranger, each
with a real token, and API clients that send it."""

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from accounts.services import token_create, user_create

PASSWORD = "quiet-morning-light-42"


@pytest.fixture(autouse=True)
def empty_cache():
    """Throttle counters start from zero in every test."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """The real hasher is slow on purpose; tests need no protection."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def make_user(db):
    def make(username: str, **profile_fields):
        user = user_create(username=username, password=PASSWORD)
        if profile_fields:
            for name, value in profile_fields.items():
                setattr(user.profile, name, value)
            user.profile.save()
        return user

    return make


@pytest.fixture
def owner(make_user):
    return make_user("owner")


@pytest.fixture
def friend(make_user):
    return make_user("friend")


@pytest.fixture
def stranger(make_user):
    return make_user("stranger")


@pytest.fixture
def anonymous():
    return APIClient()


@pytest.fixture
def client_for():
    """An API client that authenticates as the given user with a token."""

    def client(user) -> APIClient:
        api = APIClient()
        api.credentials(HTTP_AUTHORIZATION=f"Token {token_create(user=user)}")
        return api

    return client


@pytest.fixture
def owner_api(client_for, owner):
    return client_for(owner)


@pytest.fixture
def stranger_api(client_for, stranger):
    return client_for(stranger)
