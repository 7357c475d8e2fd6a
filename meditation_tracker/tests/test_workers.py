"""Limits that hold across worker processes, through the shared Redis."""

import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parents[2]
GUNICORN = Path(sys.executable).parent / "gunicorn"
LIMIT = 6

pytestmark = pytest.mark.skipif(
    not os.environ.get("REDIS_URL"), reason="needs REDIS_URL: a Redis server"
)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def two_workers(tmp_path):
    """gunicorn with two worker processes on a fresh SQLite file, sharing the
    Redis of REDIS_URL (a database of its own) for their throttle counts."""
    port = free_port()
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'workers.sqlite3'}",
        "CACHE_KEY_PREFIX": f"workers-test-{port}",
        "THROTTLE_SIGN_IN_RATE": f"{LIMIT}/min",
        "THROTTLE_ANON_RATE": "",
        "BIND": f"127.0.0.1:{port}",
        "WEB_CONCURRENCY": "2",
    }
    env.pop("DEBUG", None)
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "-v0"],
        cwd=BASE_DIR,
        env=env,
        check=True,
    )
    log = tmp_path / "gunicorn.log"
    with log.open("w") as output:
        server = subprocess.Popen(
            # reuse-port spreads new connections over both workers.
            [str(GUNICORN), "meditation_tracker.wsgi", "--reuse-port"],
            cwd=BASE_DIR,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    try:
        wait_until_up(port)
        yield port, log
    finally:
        server.terminate()
        server.wait(timeout=30)


def wait_until_up(port: int) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2)
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("gunicorn did not come up")


def guess_password(port: int) -> int:
    """One log-in attempt on a new connection; the status it got."""
    body = json.dumps({"username": "nobody", "password": "guess"}).encode()
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/api-auth/login/",
        data=body,
        headers={"Content-Type": "application/json"},
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as answer:
            return answer.status
    except urllib.error.HTTPError as error:
        return error.code


def test_the_log_in_limit_holds_across_two_worker_processes(two_workers):
    port, log = two_workers

    statuses = [guess_password(port) for _ in range(3 * LIMIT)]

    assert statuses == [400] * LIMIT + [429] * (2 * LIMIT)
    # Both workers answered some of the attempts.
    workers = set(
        re.findall(r"\[(\d+)\] meditation_tracker.requests POST", log.read_text())
    )
    assert len(workers) == 2
