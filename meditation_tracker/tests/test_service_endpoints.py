import re

import pytest
from django.core.management import call_command
from django.test import Client

from conftest import PASSWORD

pytestmark = pytest.mark.django_db


def test_health_is_ok_without_credentials(anonymous):
    answer = anonymous.get("/healthz")

    assert answer.status_code == 200
    assert answer.json() == {"status": "ok"}


def test_health_is_never_throttled(anonymous):
    """More checks than the anonymous rate of 30 a minute allows."""
    statuses = {anonymous.get("/healthz").status_code for _ in range(40)}

    assert statuses == {200}


def test_health_only_reads(anonymous):
    answer = anonymous.post("/healthz")

    assert answer.status_code == 405
    assert "detail" in answer.json()


def test_the_schema_is_valid_openapi_without_warnings(tmp_path):
    call_command(
        "spectacular",
        "--validate",
        "--fail-on-warn",
        "--file",
        str(tmp_path / "schema.yml"),
    )

    schema = (tmp_path / "schema.yml").read_text()
    for path in ["/api/sessions/", "/api/profile/", "/api-auth/register/"]:
        assert f"  {path}:" in schema


def test_the_schema_is_served(anonymous):
    answer = anonymous.get(
        "/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json"
    )

    assert answer.status_code == 200
    assert "/api/sessions/{id}/" in answer.json()["paths"]


def test_the_docs_page_loads_its_scripts_from_this_server():
    page = Client().get("/api/docs/").content.decode()

    sources = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert any("swagger-ui" in source for source in sources)
    assert all(source.startswith("/") for source in sources)


@pytest.mark.parametrize("url", ["/nowhere", "/api/nowhere/", "/api/sessions/9999/"])
def test_an_unknown_address_is_a_json_404(owner_api, url):
    answer = owner_api.get(url)

    assert answer.status_code == 404
    assert answer["Content-Type"] == "application/json"
    assert set(answer.json()) == {"detail"}


def test_a_browser_still_gets_an_html_404():
    answer = Client().get("/nowhere", HTTP_ACCEPT="text/html")

    assert answer.status_code == 404
    assert answer["Content-Type"].startswith("text/html")


def test_malformed_json_is_a_400(owner_api):
    answer = owner_api.generic(
        "POST", "/api/sessions/", '{"duration": 10,', content_type="application/json"
    )

    assert answer.status_code == 400
    assert "JSON parse error" in answer.json()["detail"]


def test_a_body_over_one_mebibyte_is_413(owner_api):
    notes = "a" * (1024 * 1024)

    answer = owner_api.post(
        "/api/sessions/", {"meditation_type": "zen", "duration": 5, "notes": notes}
    )

    assert answer.status_code == 413
    assert "detail" in answer.json()


def test_an_unsupported_method_is_a_json_405(owner_api):
    answer = owner_api.put("/api/sessions/", {})

    assert answer.status_code == 405
    assert "detail" in answer.json()


def test_a_server_error_is_json_for_api_clients(owner, settings):
    """Anything that escapes a view becomes a JSON 500, not an HTML page."""
    client = Client(raise_request_exception=False)
    client.login(username="owner", password=PASSWORD)
    settings.ROOT_URLCONF = "meditation_tracker.tests.failing_urls"

    answer = client.get("/boom")

    assert answer.status_code == 500
    assert answer.json() == {"detail": "A server error occurred."}


@pytest.mark.parametrize("url", ["/api-auth/token/", "/api-auth/login/"])
def test_password_guessing_is_throttled_at_ten_a_minute(anonymous, url):
    """The sign-in rate is 10 a minute unless THROTTLE_SIGN_IN_RATE says
    otherwise; the answer says when to try again."""
    guess = {"username": "nobody", "password": "guess"}

    statuses = [anonymous.post(url, guess).status_code for _ in range(10)]
    throttled = anonymous.post(url, guess)

    assert statuses == [400] * 10
    assert throttled.status_code == 429
    assert int(throttled["Retry-After"]) > 0
    assert "detail" in throttled.json()


def test_form_log_in_attempts_count_against_the_same_limit(anonymous):
    guess = {"username": "nobody", "password": "guess"}
    for _ in range(10):
        anonymous.post("/api-auth/login/", guess, format="json")

    form_attempt = Client().post("/api-auth/login/", guess)

    assert form_attempt.status_code == 429
    assert int(form_attempt["Retry-After"]) > 0
