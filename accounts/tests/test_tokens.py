import datetime

import pytest
from django.utils import timezone
from knox.models import AuthToken

from accounts.services import token_create
from conftest import PASSWORD

pytestmark = pytest.mark.django_db


def obtain(client, username, password):
    return client.post("/api-auth/token/", {"username": username, "password": password})


def test_a_token_is_given_for_good_credentials(anonymous, owner):
    answer = obtain(anonymous, "owner", PASSWORD)

    assert answer.status_code == 200
    anonymous.credentials(HTTP_AUTHORIZATION=f"Token {answer.json()['token']}")
    assert anonymous.get("/api/sessions/").status_code == 200


def test_bad_credentials_get_400(anonymous, owner):
    assert obtain(anonymous, "owner", "not-the-password").status_code == 400
    assert obtain(anonymous, "nobody", PASSWORD).status_code == 400


def test_the_database_holds_no_usable_token(anonymous, owner):
    token = obtain(anonymous, "owner", PASSWORD).json()["token"]

    stored = AuthToken.objects.get(user=owner)
    assert token not in stored.digest
    assert len(stored.token_key) < len(token)


def test_an_expired_token_is_refused(anonymous, owner):
    token = obtain(anonymous, "owner", PASSWORD).json()["token"]
    AuthToken.objects.filter(user=owner).update(
        expiry=timezone.now() - datetime.timedelta(seconds=1)
    )
    anonymous.credentials(HTTP_AUTHORIZATION=f"Token {token}")

    assert anonymous.get("/api/sessions/").status_code == 401


def test_a_revoked_token_stops_working_and_others_keep_working(anonymous, owner):
    first = obtain(anonymous, "owner", PASSWORD).json()["token"]
    second = obtain(anonymous, "owner", PASSWORD).json()["token"]
    anonymous.credentials(HTTP_AUTHORIZATION=f"Token {first}")

    assert anonymous.delete("/api-auth/token/").status_code == 204
    assert anonymous.get("/api/sessions/").status_code == 401
    anonymous.credentials(HTTP_AUTHORIZATION=f"Token {second}")
    assert anonymous.get("/api/sessions/").status_code == 200


def test_revoking_without_credentials_is_401(anonymous):
    answer = anonymous.delete("/api-auth/token/")

    assert answer.status_code == 401
    assert answer["WWW-Authenticate"] == "Token"


@pytest.mark.parametrize(
    "header",
    ["Token", "Token a b", "Token " + "z" * 64, "Token caf\xe9"],
)
def test_a_malformed_token_header_is_401(anonymous, header):
    anonymous.credentials(HTTP_AUTHORIZATION=header)

    answer = anonymous.get("/api/sessions/")

    assert answer.status_code == 401
    assert "detail" in answer.json()


def test_a_new_token_clears_away_the_users_expired_ones(anonymous, owner):
    obtain(anonymous, "owner", PASSWORD)
    AuthToken.objects.update(expiry=timezone.now() - datetime.timedelta(days=1))

    obtain(anonymous, "owner", PASSWORD)

    assert AuthToken.objects.filter(user=owner).count() == 1


def test_checking_a_token_costs_the_same_with_many_devices(
    anonymous, owner, django_assert_max_num_queries
):
    for _ in range(30):
        token_create(user=owner)
    token = obtain(anonymous, "owner", PASSWORD).json()["token"]
    anonymous.credentials(HTTP_AUTHORIZATION=f"Token {token}")

    with django_assert_max_num_queries(3):
        assert anonymous.get("/api/sessions/").status_code == 200
