import re

import pytest
from django.test import Client
from rest_framework.test import APIClient

from conftest import PASSWORD

pytestmark = pytest.mark.django_db

SESSION = {"meditation_type": "zen", "duration": 20}


def csrf_from_login_page(client: Client) -> str:
    page = client.get("/api-auth/login/").content.decode()
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)


def test_json_login_starts_a_session_and_sends_a_csrf_cookie(owner):
    client = APIClient()

    answer = client.post(
        "/api-auth/login/", {"username": "owner", "password": PASSWORD}, format="json"
    )

    assert answer.status_code == 200
    assert answer.json() == {"user": {"id": owner.pk, "username": "owner", "email": ""}}
    assert "sessionid" in answer.cookies
    assert "csrftoken" in answer.cookies
    assert client.get("/api/profile/").json()["username"] == "owner"


def test_json_login_with_bad_credentials_is_400(owner):
    answer = APIClient().post(
        "/api-auth/login/", {"username": "owner", "password": "wrong"}, format="json"
    )

    assert answer.status_code == 400
    assert "sessionid" not in answer.cookies


def test_the_login_page_is_the_browsable_api_form():
    answer = Client().get("/api-auth/login/", HTTP_ACCEPT="text/html")

    assert answer.status_code == 200
    assert b'name="username"' in answer.content
    assert b'name="password"' in answer.content


def test_form_login_redirects_as_the_browsable_api_expects(owner):
    client = Client(enforce_csrf_checks=True)
    token = csrf_from_login_page(client)

    answer = client.post(
        "/api-auth/login/?next=/api/sessions/",
        {
            "username": "owner",
            "password": PASSWORD,
            "csrfmiddlewaretoken": token,
            "next": "/api/sessions/",
        },
    )

    assert answer.status_code == 302
    assert answer["Location"] == "/api/sessions/"
    assert client.get("/api/profile/").status_code == 200


def test_form_login_with_bad_credentials_shows_the_form_again_with_400(owner):
    client = Client(enforce_csrf_checks=True)
    token = csrf_from_login_page(client)

    answer = client.post(
        "/api-auth/login/",
        {"username": "owner", "password": "wrong", "csrfmiddlewaretoken": token},
        HTTP_ACCEPT="text/html",
    )

    assert answer.status_code == 400
    assert b'name="password"' in answer.content


def test_form_login_from_a_client_that_is_not_a_browser_fails_in_json(owner):
    client = Client()

    answer = client.post("/api-auth/login/", {"username": "owner", "password": "x"})

    assert answer.status_code == 400
    assert answer.json() == {"detail": "Bad Request."}


def test_json_logout_ends_the_session(owner):
    client = APIClient()
    client.login(username="owner", password=PASSWORD)

    answer = client.post("/api-auth/logout/")

    assert answer.status_code == 204
    assert client.get("/api/profile/").status_code == 401


def test_form_logout_redirects_and_ends_the_session(owner):
    client = Client(enforce_csrf_checks=True)
    client.login(username="owner", password=PASSWORD)
    page = client.get("/api/sessions/", HTTP_ACCEPT="text/html").content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)

    answer = client.post("/api-auth/logout/", {"csrfmiddlewaretoken": token})

    assert answer.status_code == 302
    assert client.get("/api/profile/").status_code == 401


def test_the_browsable_api_offers_log_in_and_log_out(owner):
    client = Client()
    anonymous_page = client.get("/api/", HTTP_ACCEPT="text/html").content

    client.login(username="owner", password=PASSWORD)
    signed_in_page = client.get("/api/", HTTP_ACCEPT="text/html").content

    assert b"/api-auth/login/" in anonymous_page
    assert b"/api-auth/logout/" in signed_in_page


def test_a_session_write_without_the_csrf_token_is_refused(owner):
    client = APIClient(enforce_csrf_checks=True)
    client.login(username="owner", password=PASSWORD)

    answer = client.post("/api/sessions/", SESSION, format="json")

    assert answer.status_code == 403
    assert "CSRF" in answer.json()["detail"]
    assert client.get("/api/sessions/").json()["count"] == 0


def test_a_session_write_with_the_csrf_token_goes_through(owner):
    client = APIClient(enforce_csrf_checks=True)
    login = client.post(
        "/api-auth/login/", {"username": "owner", "password": PASSWORD}, format="json"
    )
    token = login.cookies["csrftoken"].value

    answer = client.post(
        "/api/sessions/", SESSION, format="json", HTTP_X_CSRFTOKEN=token
    )

    assert answer.status_code == 201


def test_token_writes_need_no_csrf_token(owner_api):
    owner_api.enforce_csrf_checks = True
    owner_api.handler.enforce_csrf_checks = True

    assert owner_api.post("/api/sessions/", SESSION).status_code == 201


def test_the_login_address_refuses_other_methods_with_405():
    answer = APIClient().put("/api-auth/login/", {}, format="json")

    assert answer.status_code == 405


@pytest.mark.parametrize(
    "url",
    [
        "/api/",
        "/api/sessions/",
        "/api/sessions/types/",
        "/api/sessions/stats/",
        "/api/profile/",
        "/api/leaderboard/",
        "/api/leaderboard/me/",
        "/api/notifications/",
    ],
)
def test_every_page_of_the_browsable_api_renders_for_a_signed_in_user(owner, url):
    client = Client()
    client.login(username="owner", password=PASSWORD)

    answer = client.get(url, HTTP_ACCEPT="text/html")

    assert answer.status_code == 200
    assert answer["Content-Type"].startswith("text/html")


def test_the_browsable_api_offers_a_form_to_log_a_session(owner):
    client = Client()
    client.login(username="owner", password=PASSWORD)

    page = client.get("/api/sessions/", HTTP_ACCEPT="text/html").content.decode()

    assert '<select class="form-control" name="meditation_type"' in page
    assert 'name="duration"' in page
