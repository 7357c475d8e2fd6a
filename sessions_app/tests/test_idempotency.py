import functools

import pytest

from conftest import run_together
from sessions_app.models import MeditationSession

URL = "/api/sessions/"
BODY = {"meditation_type": "breathing", "duration": 12, "notes": "On the train."}


def post_with_key(api, key, body=BODY):
    return api.post(URL, body, HTTP_IDEMPOTENCY_KEY=key)


@pytest.mark.django_db
def test_a_retry_creates_nothing_and_answers_with_the_first_session(owner_api):
    first = post_with_key(owner_api, "phone-42")
    retry = post_with_key(owner_api, "phone-42")

    assert first.status_code == 201
    assert retry.status_code == 200
    assert retry.json() == first.json()
    assert MeditationSession.objects.count() == 1


@pytest.mark.django_db
def test_the_same_key_with_another_body_is_422(owner_api):
    post_with_key(owner_api, "phone-42")

    answer = post_with_key(owner_api, "phone-42", {**BODY, "duration": 13})

    assert answer.status_code == 422
    assert "detail" in answer.json()
    assert MeditationSession.objects.count() == 1


@pytest.mark.django_db
def test_keys_of_different_users_never_collide(owner_api, stranger_api):
    mine = post_with_key(owner_api, "shared-key")
    theirs = post_with_key(stranger_api, "shared-key")

    assert mine.status_code == theirs.status_code == 201
    assert mine.json()["id"] != theirs.json()["id"]


@pytest.mark.django_db
def test_posts_without_a_key_each_create_a_session(owner_api):
    owner_api.post(URL, BODY)
    owner_api.post(URL, BODY)

    assert MeditationSession.objects.count() == 2


@pytest.mark.django_db
def test_a_retry_still_answers_after_the_rules_would_refuse_it(owner_api):
    first = post_with_key(owner_api, "late-retry")
    MeditationSession.objects.update(duration=30)

    retry = post_with_key(owner_api, "late-retry")

    assert retry.status_code == 200
    assert retry.json()["id"] == first.json()["id"]
    assert retry.json()["duration"] == 30


@pytest.mark.django_db
def test_an_invalid_body_with_a_key_stores_no_key(owner_api):
    bad = post_with_key(owner_api, "fix-and-retry", {**BODY, "duration": 0})
    fixed = post_with_key(owner_api, "fix-and-retry", {**BODY, "duration": 1})

    assert bad.status_code == 400
    assert fixed.status_code == 201


@pytest.mark.django_db
@pytest.mark.parametrize("key", ["", "x" * 256, "tab\there", "caf\xe9"])
def test_a_malformed_key_is_400(owner_api, key):
    answer = post_with_key(owner_api, key)

    assert answer.status_code == 400
    assert "Idempotency-Key" in answer.json()
    assert MeditationSession.objects.count() == 0


@pytest.mark.django_db
@pytest.mark.parametrize("key", ["a", "x" * 255, "2f1c-9e7a key with spaces"])
def test_keys_of_one_to_255_printable_characters_are_taken(owner_api, key):
    assert post_with_key(owner_api, key).status_code == 201


@pytest.mark.django_db(transaction=True)
def test_retries_arriving_at_the_same_moment_create_one_session(owner, client_for):
    statuses = []

    def retry(api):
        statuses.append(post_with_key(api, "flaky-network").status_code)

    run_together(*[functools.partial(retry, client_for(owner)) for _ in range(6)])

    assert sorted(statuses) == [200] * 5 + [201]
    assert MeditationSession.objects.count() == 1
