import pytest
from django.contrib.auth import get_user_model

from conftest import PASSWORD

pytestmark = pytest.mark.django_db

User = get_user_model()


def register(client, **body):
    return client.post("/api-auth/register/", body, format="json")


def test_sign_up_returns_the_user_and_a_working_token(anonymous):
    answer = register(
        anonymous, username="mira", password=PASSWORD, email="mira@example.com"
    )

    assert answer.status_code == 201
    body = answer.json()
    assert body["user"]["username"] == "mira"
    assert body["user"]["email"] == "mira@example.com"
    assert set(body["user"]) == {"id", "username", "email"}
    anonymous.credentials(HTTP_AUTHORIZATION=f"Token {body['token']}")
    assert anonymous.get("/api/profile/").json()["username"] == "mira"


def test_email_is_optional(anonymous):
    answer = register(anonymous, username="mira", password=PASSWORD)

    assert answer.status_code == 201
    assert answer.json()["user"]["email"] == ""


def test_a_taken_username_is_refused_whatever_its_case(anonymous, owner):
    answer = register(anonymous, username="OWNER", password=PASSWORD)

    assert answer.status_code == 400
    assert "username" in answer.json()
    assert User.objects.filter(username__iexact="owner").count() == 1


@pytest.mark.parametrize(
    "password",
    [
        "x7#q",  # too short
        "password123",  # too common
        "83749201736",  # entirely numeric
        "mira-the-meditator",  # too close to the username
    ],
)
def test_a_weak_password_is_refused(anonymous, password):
    answer = register(anonymous, username="mira-the-meditator", password=password)

    assert answer.status_code == 400
    assert "password" in answer.json()
    assert not User.objects.filter(username="mira-the-meditator").exists()


@pytest.mark.parametrize(
    "body, field",
    [
        ({"password": PASSWORD}, "username"),
        ({"username": "mira"}, "password"),
        ({"username": "mira", "password": PASSWORD, "email": "nope"}, "email"),
        ({"username": "has space", "password": PASSWORD}, "username"),
    ],
)
def test_missing_or_invalid_fields_are_named(anonymous, body, field):
    answer = register(anonymous, **body)

    assert answer.status_code == 400
    assert field in answer.json()


def test_the_new_user_gets_a_profile_with_the_defaults(anonymous):
    token = register(anonymous, username="mira", password=PASSWORD).json()["token"]
    anonymous.credentials(HTTP_AUTHORIZATION=f"Token {token}")

    profile = anonymous.get("/api/profile/").json()

    assert profile == {
        "username": "mira",
        "email": "",
        "display_name": "mira",
        "timezone": "UTC",
        "show_on_leaderboard": True,
        "daily_goal_minutes": 10,
    }
