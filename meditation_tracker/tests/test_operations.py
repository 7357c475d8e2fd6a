"""What an operator sees: request logs, deployment checks, a database that
goes away."""

import logging
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client

from conftest import PASSWORD

BASE_DIR = Path(__file__).resolve().parents[2]


def run_django(code: str, **env) -> subprocess.CompletedProcess:
    """Run Python with Django set up, in a fresh process with this
    environment (so that settings are read anew)."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DEBUG", "HTTPS", "DATABASE_URL", "REDIS_URL"}
    }
    script = "import django; django.setup()\n" + code
    return subprocess.run(
        [sys.executable, "-c", script],
        cwd=BASE_DIR,
        env={
            **environment,
            "DJANGO_SETTINGS_MODULE": "meditation_tracker.settings",
            "SECRET_KEY": secrets.token_urlsafe(50),
            **env,
        },
        capture_output=True,
        text=True,
    )


@pytest.mark.django_db
def test_each_request_is_logged_once_without_secrets(owner, client_for, caplog):
    api = client_for(owner)
    token = api._credentials["HTTP_AUTHORIZATION"].split()[1]

    with caplog.at_level(logging.INFO, logger="meditation_tracker.requests"):
        api.get("/api/sessions/?meditation_type=zen")

    lines = [r.getMessage() for r in caplog.records if r.name.endswith("requests")]
    assert len(lines) == 1
    method, path, status, elapsed, user = lines[0].split()
    assert (method, path, status, user) == (
        "GET",
        "/api/sessions/",
        "200",
        f"user={owner.pk}",
    )
    assert elapsed.endswith("ms")
    assert token not in caplog.text


@pytest.mark.django_db
def test_a_password_is_never_logged(anonymous, owner, caplog):
    with caplog.at_level(logging.DEBUG):
        anonymous.post("/api-auth/login/", {"username": "owner", "password": PASSWORD})

    assert PASSWORD not in caplog.text
    assert "POST /api-auth/login/ 200" in caplog.text


@pytest.mark.django_db
def test_a_server_error_is_logged_with_its_stack(owner, settings, caplog):
    client = Client(raise_request_exception=False)
    settings.ROOT_URLCONF = "meditation_tracker.tests.failing_urls"

    with caplog.at_level(logging.ERROR):
        client.get("/boom")

    errors = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert errors and errors[0].exc_info is not None
    assert "RuntimeError: a bug" in caplog.text


def deploy_check(**env) -> subprocess.CompletedProcess:
    return run_django(
        "from django.core.management import call_command\n"
        "call_command('check', '--deploy', '--fail-level', 'WARNING')",
        ALLOWED_HOSTS="api.example.com",
        **env,
    )


def test_behind_https_the_deployment_check_passes_clean():
    result = deploy_check(HTTPS="1")

    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr + result.stdout


def test_without_https_the_deployment_check_warns():
    result = deploy_check()

    assert result.returncode != 0
    assert "SECURE_SSL_REDIRECT" in result.stderr


def test_behind_https_plain_http_is_redirected_but_health_is_not():
    result = run_django(
        "from django.test import Client\n"
        "c = Client(HTTP_HOST='api.example.com')\n"
        "print(c.get('/api/sessions/').status_code)\n"
        "print(c.get('/healthz').status_code)",
        HTTPS="1",
        ALLOWED_HOSTS="api.example.com",
        DATABASE_URL="sqlite:///:memory:",
    )

    assert result.stdout.split() == ["301", "200"], result.stderr


def test_without_a_database_the_api_answers_503_not_500():
    result = run_django(
        "import json\n"
        "from django.test import Client\n"
        "c = Client(HTTP_HOST='localhost')\n"
        "health = c.get('/healthz')\n"
        "api = c.get('/api/sessions/', HTTP_AUTHORIZATION='Token abc')\n"
        "form = c.post('/api-auth/login/', {'username': 'a', 'password': 'b'})\n"
        "c.cookies['sessionid'] = 'abcdefghijklmnopqrstuvwxyz012345'\n"
        "cookie = c.get('/api/sessions/')\n"
        "all = [health, api, form, cookie]\n"
        "print(*[a.status_code for a in all], *[a['Retry-After'] for a in all])\n"
        "print(json.dumps([api.json(), form.json(), cookie.json()]))",
        # Nothing listens on port 9 of this machine.
        DATABASE_URL="postgres://nobody:nothing@127.0.0.1:9/none",
    )

    status_line, body = result.stdout.splitlines()
    assert status_line == "503 503 503 503 5 5 5 5", result.stderr
    assert body.count("database is unavailable") == 3


def test_turning_the_anonymous_throttle_off_turns_the_sign_in_limit_off():
    code = (
        "from django.conf import settings\n"
        "print(settings.REST_FRAMEWORK['DEFAULT_THROTTLE_RATES']['sign_in'])"
    )

    assert run_django(code).stdout.strip() == "10/min"
    assert run_django(code, THROTTLE_ANON_RATE="").stdout.strip() == "None"
    both = run_django(code, THROTTLE_ANON_RATE="", THROTTLE_SIGN_IN_RATE="3/min")
    assert both.stdout.strip() == "3/min"
