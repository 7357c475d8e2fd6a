"""The cast every test can call on: an owner, a friend and a stranger, each
with a real token, and API clients that send it."""

import threading
from collections.abc import Callable

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
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


@pytest.fixture
def staff(make_user):
    """A browser client signed in as a superuser, for the admin."""
    user = make_user("keeper")
    user.is_staff = user.is_superuser = True
    user.save()
    client = Client()
    client.login(username="keeper", password=PASSWORD)
    return client


def run_together(*calls: Callable[[], object]) -> None:
    """Run each call in its own thread, all released at the same moment, each
    on its own database connection; return when all are done."""
    start = threading.Barrier(len(calls))

    def run(call):
        try:
            start.wait()
            call()
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
