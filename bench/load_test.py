"""Load and fault test: two gunicorn workers on PostgreSQL and Redis.

    .venv/bin/python bench/load_test.py

Makes a fresh PostgreSQL database (meditation_load) and empties Redis db 3,
migrates, starts gunicorn with two workers on 127.0.0.1:8100 and registers a
few hundred users (a few of them also log in with a session cookie). A pool
of client threads then drives a mixed workload for a fixed time and the
script prints throughput and, per endpoint, latency and status codes. A
single client then sends the same requests one at a time, for the service's
own latency, and pairs of identical POSTs at once, which must make one
session. Then it checks that nothing was lost: every session a client
saw created and not deleted is listed with the duration last written and
nothing else is, each user's leaderboard total is the sum of their sessions,
``manage.py rebuild_leaderboard --check`` passes, the rank-one notices
alternate, and no request answered 500.

A second run restarts PostgreSQL in its middle (stop, a few seconds, start)
and measures what the clients saw meanwhile and how soon the service served
again by itself. Writes whose outcome the clients could not know (a 503, no
answer) are retried afterwards with the same Idempotency-Key or body, as a
phone would, and the same checks run again.

Everything stays on loopback. Run it as a user allowed to run pg_ctlcluster
(root here): the restart stops the whole cluster, other databases included.
gunicorn is stopped at the end; PostgreSQL is left running and the database
is kept for inspection. The server's log goes to /tmp/load_test_gunicorn.log.
"""

import argparse
import datetime
import http.client
import http.cookies
import json
import math
import os
import random
import resource
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import psycopg
import redis
from psycopg import sql

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
HOST, PORT = "127.0.0.1", 8100
BIND = f"{HOST}:{PORT}"
DATABASE = "meditation_load"
POSTGRES = "postgres://meditation:meditation@127.0.0.1:5432"
REDIS_URL = "redis://127.0.0.1:6379/3"
CLUSTER = ("15", "main")
SERVER_LOG = Path(tempfile.gettempdir()) / "load_test_gunicorn.log"

# Above gunicorn's 30 s worker timeout, so a stuck worker shows as its kill.
REQUEST_TIMEOUT = 35
# Recorded as the status of a request that got no HTTP answer at all.
NO_ANSWER = 0
# After a failure a client waits this long, not the 5 s of Retry-After: the
# outage the clients see is then measured to within a quarter second.
FAILURE_PAUSE = 0.25
HEALTH_PROBE_EVERY = 0.25
MAX_STEPS_PER_CLIENT = 100_000
SETTLE_ATTEMPTS = 10
SETTLE_PAUSE = 1.0
MAX_PAGES = 50
REPLAY_SHARE = 0.1
TWIN_LABEL = "POST /api/sessions/ (twins at once)"
SHOWN_ERRORS = 10
PROBE_LOGINS = 5

MEDITATION_TYPES = ("mindfulness", "breathing", "body_scan", "zen", "mantra")
ZONES = ("UTC", "Europe/Berlin", "America/New_York", "Asia/Tokyo")
NOTES = ("Calm.", "Restless at first, then settled.", "Noisy street.")
HISTORY_SECONDS = 20 * 24 * 3600


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=200)
    parser.add_argument("--clients", type=int, default=8, help="client threads")
    parser.add_argument("--seconds", type=float, default=60, help="load run")
    parser.add_argument("--fault-seconds", type=float, default=60)
    parser.add_argument(
        "--fault-at", type=float, default=20, help="when PostgreSQL stops"
    )
    parser.add_argument("--outage", type=float, default=3, help="seconds stopped")
    parser.add_argument(
        "--probe-rounds",
        type=int,
        default=20,
        help="requests per endpoint from a single client, one at a time",
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--time-limit", type=int, default=570, help="stop everything after this"
    )
    return parser.parse_args()


# The server and its stores


def server_env() -> dict[str, str]:
    """The environment of migrate, gunicorn and rebuild_leaderboard alike.
    Empty throttle rates turn the throttles off: the test measures the
    service, not the limiter."""
    return {
        **os.environ,
        "DATABASE_URL": f"{POSTGRES}/{DATABASE}",
        "REDIS_URL": REDIS_URL,
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DEBUG": "0",
        "HTTPS": "0",
        "THROTTLE_USER_RATE": "",
        "THROTTLE_ANON_RATE": "",
        "THROTTLE_SIGN_IN_RATE": "",
        "LOG_LEVEL": "WARNING",
        "PYTHONUNBUFFERED": "1",
    }


def stores_reset() -> None:
    with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as connection:
        name = sql.Identifier(DATABASE)
        connection.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(name)
        )
        connection.execute(sql.SQL("CREATE DATABASE {}").format(name))
    redis.Redis.from_url(REDIS_URL).flushdb()


def manage(env: dict[str, str], *words: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [PYTHON, "manage.py", *words],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def port_in_use() -> bool:
    with socket.socket() as probe:
        return probe.connect_ex((HOST, PORT)) == 0


def gunicorn_start(env: dict[str, str]) -> subprocess.Popen:
    """gunicorn reads gunicorn.conf.py from the project's root; the command
    line overrides its bind address and worker count."""
    with SERVER_LOG.open("w") as log:
        return subprocess.Popen(
            [GUNICORN, "meditation_tracker.wsgi", "--workers", "2", "--bind", BIND],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )


def wait_healthy(server: subprocess.Popen, seconds: float = 30) -> None:
    api = Api()
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit(f"gunicorn exited with {server.returncode}; see {SERVER_LOG}")
        if api.call("GET", "/healthz").status == 200:
            return
        time.sleep(0.2)
    sys.exit(f"/healthz did not answer 200 within {seconds} s")


def gunicorn_stop(server: subprocess.Popen) -> None:
    server.terminate()
    try:
        server.wait(timeout=40)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait(timeout=10)


def pg_ctlcluster(action: str) -> int:
    done = subprocess.run(
        ["pg_ctlcluster", *CLUSTER, action], capture_output=True, timeout=120
    )
    return done.returncode


# HTTP


@dataclass
class Sample:
    """One request as the client saw it; times are time.monotonic()."""

    label: str
    status: int
    started: float
    ended: float = 0.0
    retry_after: str | None = None
    content_type: str | None = None

    @property
    def failed(self) -> bool:
        return self.status == NO_ANSWER or self.status >= 500

    @property
    def ms(self) -> float:
        return (self.ended - self.started) * 1000


@dataclass
class Answer:
    status: int
    body: bytes
    headers: http.client.HTTPMessage | None = None

    def json(self) -> dict:
        return json.loads(self.body)


class Api:
    """One client's connection to the server, kept alive between requests.
    gunicorn's sync workers close it after every answer (``Connection:
    close``), and http.client then opens a new one for the next request."""

    def __init__(self) -> None:
        self.connection = http.client.HTTPConnection(
            HOST, PORT, timeout=REQUEST_TIMEOUT
        )
        self.samples: list[Sample] = []

    def call(
        self,
        method: str,
        path: str,
        *,
        label: str | None = None,
        token: str | None = None,
        body: dict | None = None,
        headers: dict[str, str] | None = None,
        cookie: str | None = None,
    ) -> Answer:
        head = {"Accept": "application/json", **(headers or {})}
        if token is not None:
            head["Authorization"] = f"Token {token}"
        if cookie is not None:
            head["Cookie"] = cookie
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            head["Content-Type"] = "application/json"

        started = time.monotonic()
        answer = self._send(method, path, data, head)
        sample = Sample(label or f"{method} {path}", answer.status, started)
        sample.ended = time.monotonic()
        if answer.headers is not None:
            sample.retry_after = answer.headers.get("Retry-After")
            sample.content_type = answer.headers.get("Content-Type")
        self.samples.append(sample)

        return answer

    def _send(self, method, path, data, head) -> Answer:
        try:
            self.connection.request(method, path, body=data, headers=head)
            response = self.connection.getresponse()
            return Answer(response.status, response.read(), response.msg)
        except (OSError, http.client.HTTPException):
            self.connection.close()
            return Answer(NO_ANSWER, b"")


def is_unsettled(status: int) -> bool:
    """A write answered like this may or may not have been committed."""
    return status == NO_ANSWER or status >= 500


# The virtual users and what they do


@dataclass
class Pending:
    """A write whose outcome the client does not know yet."""

    method: str
    path: str
    body: dict | None = None
    key: str | None = None


@dataclass
class VirtualUser:
    username: str
    password: str
    token: str
    # A browser's session cookie, for the few users that also sign in so.
    cookie: str | None = None
    # Session id to the duration the server last confirmed.
    sessions: dict[int, int] = field(default_factory=dict)
    pending: list[Pending] = field(default_factory=list)


@dataclass
class Client:
    """What one client thread works with; its users are its own, so the
    expected sessions of each user are known without locks."""

    api: Api
    users: list[VirtualUser]
    rng: random.Random
    anomalies: list[str]

    @property
    def browsers(self) -> list[VirtualUser]:
        return [user for user in self.users if user.cookie]


def session_body(rng: random.Random) -> dict:
    ago = datetime.timedelta(seconds=rng.randint(60, HISTORY_SECONDS))
    started_at = datetime.datetime.now(datetime.UTC) - ago
    body = {
        "meditation_type": rng.choice(MEDITATION_TYPES),
        "duration": rng.randint(1, 90),
        "started_at": started_at.isoformat(timespec="seconds"),
        "timezone": rng.choice(ZONES),
    }
    if rng.random() < 0.3:
        body["notes"] = rng.choice(NOTES)
    return body


def post_session(api: Api, user: VirtualUser, body: dict, key: str, label) -> Answer:
    return api.call(
        "POST",
        "/api/sessions/",
        label=label,
        token=user.token,
        body=body,
        headers={"Idempotency-Key": key},
    )


def create_session(client: Client, user: VirtualUser) -> int:
    body, key = session_body(client.rng), str(uuid.uuid4())
    answer = post_session(client.api, user, body, key, "POST /api/sessions/")
    if answer.status == 201:
        created = answer.json()
        user.sessions[created["id"]] = created["duration"]
        if client.rng.random() < REPLAY_SHARE:
            replay_create(client, user, body, key, created["id"])
    elif is_unsettled(answer.status):
        user.pending.append(Pending("POST", "/api/sessions/", body, key))
    return answer.status


def replay_create(client, user, body: dict, key: str, session_id: int) -> None:
    """A phone that never saw the 201 sends the same POST again."""
    label = "POST /api/sessions/ (replay)"
    answer = post_session(client.api, user, body, key, label)
    if answer.status == 200 and answer.json()["id"] == session_id:
        return
    client.anomalies.append(
        f"{user.username}: replay of key {key} answered {answer.status} "
        f"{answer.body[:200]!r}, expected 200 with session {session_id}"
    )


def twin_create(client: Client, twin: Api, user: VirtualUser) -> None:
    """Two POSTs with one key at once, as from a phone that retries while
    its first try is still in flight: one session, and both answers name
    it."""
    body, key = session_body(client.rng), str(uuid.uuid4())
    answers: list[Answer] = []

    def send(api: Api) -> None:
        answers.append(post_session(api, user, body, key, TWIN_LABEL))

    senders = [threading.Thread(target=send, args=(api,)) for api in (client.api, twin)]
    for sender in senders:
        sender.start()
    for sender in senders:
        sender.join(timeout=REQUEST_TIMEOUT * 2)

    created = [answer.json() for answer in answers if answer.status in (200, 201)]
    user.sessions.update({session["id"]: session["duration"] for session in created})
    statuses = sorted(answer.status for answer in answers)
    if statuses != [200, 201] or len({session["id"] for session in created}) != 1:
        client.anomalies.append(
            f"{user.username}: twin POSTs with key {key} answered {statuses}, "
            f"sessions {[session['id'] for session in created]}"
        )


def edit_session(client: Client, user: VirtualUser) -> int:
    if not user.sessions:
        return create_session(client, user)
    session_id = client.rng.choice(list(user.sessions))
    body = {"duration": client.rng.randint(1, 90)}
    path = f"/api/sessions/{session_id}/"
    answer = client.api.call(
        "PATCH", path, label="PATCH /api/sessions/{id}/", token=user.token, body=body
    )
    if answer.status == 200:
        user.sessions[session_id] = answer.json()["duration"]
    elif is_unsettled(answer.status):
        user.pending.append(Pending("PATCH", path, body))
    else:
        client.anomalies.append(f"{user.username}: PATCH {path} {answer.status}")
    return answer.status


def delete_session(client: Client, user: VirtualUser) -> int:
    if not user.sessions:
        return create_session(client, user)
    session_id = client.rng.choice(list(user.sessions))
    path = f"/api/sessions/{session_id}/"
    answer = client.api.call(
        "DELETE", path, label="DELETE /api/sessions/{id}/", token=user.token
    )
    if answer.status == 204 or is_unsettled(answer.status):
        # Unsettled or not, the session is on its way out: a retry later
        # says whether this try or the retry removed it.
        del user.sessions[session_id]
    if is_unsettled(answer.status):
        user.pending.append(Pending("DELETE", path))
    elif answer.status != 204:
        client.anomalies.append(f"{user.username}: DELETE {path} {answer.status}")
    return answer.status


def token_login(client: Client, user: VirtualUser) -> int:
    credentials = {"username": user.username, "password": user.password}
    answer = client.api.call(
        "POST", "/api-auth/token/", label="POST /api-auth/token/", body=credentials
    )
    if answer.status == 200:
        user.token = answer.json()["token"]
    return answer.status


def browser_read(client: Client, user: VirtualUser) -> int:
    """A read as the browsable API or a web app makes it: with the session
    cookie of a JSON log in instead of a token."""
    browser = client.rng.choice(client.browsers or [user])
    label = "GET /api/sessions/ (session cookie)"
    if browser.cookie is None:
        return client.api.call("GET", "/api/sessions/", token=user.token).status
    answer = client.api.call(
        "GET", "/api/sessions/", label=label, cookie=browser.cookie
    )
    return answer.status


def list_filtered(client: Client, user: VirtualUser) -> int:
    week_ago = datetime.date.today() - datetime.timedelta(days=7)
    query = client.rng.choice(
        (
            "meditation_type=zen",
            "min_duration=30&ordering=-duration",
            f"started_after={week_ago.isoformat()}",
            "meditation_type=breathing&max_duration=20",
        )
    )
    path = f"/api/sessions/?{query}"
    label = "GET /api/sessions/?<filter>"
    return client.api.call("GET", path, label=label, token=user.token).status


def read(path: str) -> Callable[[Client, VirtualUser], int]:
    def read_path(client: Client, user: VirtualUser) -> int:
        return client.api.call(
            "GET", path, label=f"GET {path}", token=user.token
        ).status

    return read_path


# Weights out of 100. Token logins are rare on purpose: each one hashes the
# password (PBKDF2, a million rounds, over half a CPU second here), and a
# phone signs in once, not every few seconds.
ACTIONS: list[tuple[Callable[[Client, VirtualUser], int], int]] = [
    (token_login, 1),
    (create_session, 18),
    (edit_session, 6),
    (delete_session, 4),
    (read("/api/sessions/"), 13),
    (browser_read, 3),
    (list_filtered, 6),
    (read("/api/sessions/stats/"), 12),
    (read("/api/leaderboard/"), 10),
    (read("/api/leaderboard/?period=week"), 6),
    (read("/api/leaderboard/me/"), 11),
    (read("/api/notifications/unread-count/"), 10),
]
# The order of the report's rows.
LABEL_ORDER = [
    "POST /api-auth/register/",
    "POST /api-auth/login/",
    "POST /api-auth/token/",
    "POST /api/sessions/",
    "POST /api/sessions/ (replay)",
    TWIN_LABEL,
    "PATCH /api/sessions/{id}/",
    "DELETE /api/sessions/{id}/",
    "GET /api/sessions/",
    "GET /api/sessions/ (session cookie)",
    "GET /api/sessions/?<filter>",
    "GET /api/sessions/stats/",
    "GET /api/leaderboard/",
    "GET /api/leaderboard/?period=week",
    "GET /api/leaderboard/me/",
    "GET /api/notifications/unread-count/",
]


def drive(client: Client, deadline: float) -> None:
    """A closed loop: each request is sent as soon as the last one is
    answered, by a random user of this client's, bounded in time and count."""
    doers = [doer for doer, _ in ACTIONS]
    weights = [weight for _, weight in ACTIONS]
    for _ in range(MAX_STEPS_PER_CLIENT):
        if time.monotonic() >= deadline:
            return
        user = client.rng.choice(client.users)
        doer = client.rng.choices(doers, weights)[0]
        if is_unsettled(doer(client, user)):
            time.sleep(FAILURE_PAUSE)


# Runs


def in_threads(work: Callable, chunks: list, threads: int) -> tuple[list, list]:
    """Call work(api, chunk) for each chunk in a pool of threads, each with
    its own connection; answers the results and every request's sample."""
    apis = [Api() for _ in chunks]
    with ThreadPoolExecutor(max_workers=threads) as pool:
        results = list(pool.map(work, apis, chunks))
    return results, [sample for api in apis for sample in api.samples]


def register(api: Api, usernames: list[str]) -> list[VirtualUser]:
    users = []
    for username in usernames:
        password = secrets.token_urlsafe(12)
        credentials = {"username": username, "password": password}
        answer = api.call("POST", "/api-auth/register/", body=credentials)
        if answer.status != 201:
            sys.exit(f"register {username}: {answer.status} {answer.body[:300]!r}")
        users.append(VirtualUser(username, password, answer.json()["token"]))
    return users


def users_register(count: int, threads: int) -> tuple[list[VirtualUser], list]:
    names = [f"sitter{number:04d}" for number in range(count)]
    chunks = [names[start::threads] for start in range(threads)]
    groups, samples = in_threads(register, chunks, threads)
    return [user for group in groups for user in group], samples


def session_login(api: Api, users: list[VirtualUser]) -> None:
    """Log in with JSON, as a web app does, and keep the session cookie."""
    for user in users:
        credentials = {"username": user.username, "password": user.password}
        answer = api.call("POST", "/api-auth/login/", body=credentials)
        cookies = http.cookies.SimpleCookie()
        for header in answer.headers.get_all("Set-Cookie", []):
            cookies.load(header)
        if answer.status != 200 or "sessionid" not in cookies:
            sys.exit(f"log in {user.username}: {answer.status} {answer.body[:300]!r}")
        user.cookie = f"sessionid={cookies['sessionid'].value}"


def browsers_sign_in(users: list[VirtualUser], threads: int) -> list[Sample]:
    _, samples = in_threads(
        session_login, [users[start::threads] for start in range(threads)], threads
    )
    return samples


@dataclass
class CpuSnapshot:
    """CPU seconds so far: the whole machine's busy and total time, this
    process's, gunicorn's (master and workers) and each PostgreSQL
    process's."""

    machine_busy: float
    machine_total: float
    client: float
    server: float
    postgres: dict[int, float]


def machine_cpu() -> tuple[float, float]:
    fields = [int(number) for number in Path("/proc/stat").read_text().split()[1:9]]
    idle = fields[3] + fields[4]
    ticks = os.sysconf("SC_CLK_TCK")
    return (sum(fields) - idle) / ticks, sum(fields) / ticks


@dataclass
class Process:
    pid: int
    parent: int
    name: str
    cpu: float


def processes() -> list[Process]:
    """Every process of the machine, from /proc/<pid>/stat."""
    found, ticks = [], os.sysconf("SC_CLK_TCK")
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:
            continue  # it ended meanwhile
        name, rest = text[text.index("(") + 1 :].rsplit(")", 1)
        fields = rest.split()
        cpu = (int(fields[11]) + int(fields[12])) / ticks
        found.append(Process(int(stat.parent.name), int(fields[1]), name, cpu))
    return found


def cpu_snapshot(server_pid: int) -> CpuSnapshot:
    own = resource.getrusage(resource.RUSAGE_SELF)
    table = processes()
    server = [p.cpu for p in table if server_pid in (p.pid, p.parent)]
    postgres = {p.pid: p.cpu for p in table if p.name == "postgres"}
    return CpuSnapshot(
        *machine_cpu(),
        client=own.ru_utime + own.ru_stime,
        server=sum(server),
        postgres=postgres,
    )


def postgres_cpu(before: CpuSnapshot, after: CpuSnapshot) -> float:
    """What PostgreSQL's processes used in between; a process that ended
    in between is not counted, one that started is counted whole."""
    return sum(
        cpu - before.postgres.get(pid, 0.0) for pid, cpu in after.postgres.items()
    )


@dataclass
class Run:
    samples: list[Sample]
    started: float
    ended: float
    cpu_before: CpuSnapshot
    cpu_after: CpuSnapshot
    anomalies: list[str]
    health: list[Sample] = field(default_factory=list)
    # When the PostgreSQL commands were issued and returned, and their codes.
    events: dict[str, float] = field(default_factory=dict)
    exit_codes: dict[str, int] = field(default_factory=dict)


def clients_for(users: list[VirtualUser], count: int, seed: int) -> list[Client]:
    anomalies: list[str] = []
    return [
        Client(Api(), users[index::count], random.Random(seed + index), anomalies)
        for index in range(count)
    ]


def workload_run(
    users: list[VirtualUser],
    *,
    clients: int,
    seconds: float,
    seed: int,
    server_pid: int,
    during: Callable[[Run], None] | None = None,
) -> Run:
    pool = clients_for(users, clients, seed)
    before = cpu_snapshot(server_pid)
    run = Run([], time.monotonic(), 0.0, before, before, pool[0].anomalies)
    deadline = run.started + seconds
    threads = [
        threading.Thread(target=drive, args=(c, deadline), daemon=True) for c in pool
    ]
    for thread in threads:
        thread.start()
    if during is not None:
        during(run)
    for thread in threads:
        thread.join(timeout=seconds + REQUEST_TIMEOUT * 2)

    run.ended, run.cpu_after = time.monotonic(), cpu_snapshot(server_pid)
    run.samples = [sample for client in pool for sample in client.api.samples]
    return run


def probe_run(users: list[VirtualUser], *, rounds: int, server_pid: int) -> Run:
    """Every action in turn, one request at a time: the service's own
    latency, without the queue in front of two workers. Taking turns, so
    that a burst of other work on the machine slows them all alike."""
    client, twin = clients_for(users, 1, seed=0)[0], Api()
    before = cpu_snapshot(server_pid)
    run = Run([], time.monotonic(), 0.0, before, before, client.anomalies)
    for number in range(rounds):
        for doer, _ in ACTIONS:
            if doer is token_login and number >= PROBE_LOGINS:
                continue  # most of a CPU second each; five tell the figure
            doer(client, client.rng.choice(users))
        twin_create(client, twin, client.rng.choice(users))
    run.ended, run.cpu_after = time.monotonic(), cpu_snapshot(server_pid)
    run.samples = client.api.samples + twin.samples
    return run


def health_probe(run: Run, deadline: float) -> None:
    api = Api()
    while time.monotonic() < deadline:
        api.call("GET", "/healthz")
        time.sleep(HEALTH_PROBE_EVERY)
    run.health = api.samples


def postgres_outage(run: Run, *, at: float, outage: float, until: float) -> None:
    """Stop PostgreSQL at ``at`` seconds into the run and start it again
    ``outage`` seconds after it stopped, whatever happens in between."""
    prober = threading.Thread(target=health_probe, args=(run, until), daemon=True)
    prober.start()
    time.sleep(max(0.0, run.started + at - time.monotonic()))
    run.events["stop issued"] = time.monotonic()
    try:
        run.exit_codes["stop"] = pg_ctlcluster("stop")
        run.events["stopped"] = time.monotonic()
        time.sleep(outage)
    finally:
        run.events["start issued"] = time.monotonic()
        run.exit_codes["start"] = pg_ctlcluster("start")
        run.events["started"] = time.monotonic()
    prober.join(timeout=until - time.monotonic() + REQUEST_TIMEOUT)


# Settling the writes whose outcome was unknown


def settle_one(api: Api, user: VirtualUser, write: Pending) -> int:
    """Resend until the answer is definite, as a phone would."""
    headers = {"Idempotency-Key": write.key} if write.key else None
    label = f"retry {write.method}"
    for _ in range(SETTLE_ATTEMPTS):
        answer = api.call(
            write.method,
            write.path,
            label=label,
            token=user.token,
            body=write.body,
            headers=headers,
        )
        if not is_unsettled(answer.status):
            break
        time.sleep(SETTLE_PAUSE)
    if write.method in ("POST", "PATCH") and answer.status in (200, 201):
        session = answer.json()
        user.sessions[session["id"]] = session["duration"]
    return answer.status


def settle(users: list[VirtualUser]) -> tuple[Counter, list[Sample]]:
    """Every unknown write resent; counts its method and the retry's answer.
    A POST retried with its key answers 201 if the first try left nothing
    behind and 200 if it had been committed after all; a DELETE retry
    answers 404 if the first try had removed the session."""
    api, outcomes = Api(), Counter()
    for user in users:
        for write in user.pending:
            outcomes[(write.method, settle_one(api, user, write))] += 1
        user.pending.clear()
    return outcomes, api.samples


# Checks


def pages(api: Api, user: VirtualUser, path: str) -> list[dict] | None:
    """Every item of a list, page after page; None if a page failed."""
    items = []
    for page in range(1, MAX_PAGES + 1):
        answer = api.call("GET", f"{path}?page_size=100&page={page}", token=user.token)
        if answer.status != 200:
            return None
        body = answer.json()
        items += body["results"]
        if body["next"] is None:
            return items
    return None


def sessions_check(api: Api, user: VirtualUser) -> list[str]:
    listed = pages(api, user, "/api/sessions/")
    if listed is None:
        return [f"{user.username}: the sessions list failed"]
    found = {session["id"]: session["duration"] for session in listed}
    expected = user.sessions
    problems = []
    if missing := sorted(expected.keys() - found.keys()):
        problems.append(f"{user.username}: created but not listed: {missing}")
    if extra := sorted(found.keys() - expected.keys()):
        problems.append(f"{user.username}: listed but never created: {extra}")
    for session_id in expected.keys() & found.keys():
        if found[session_id] != expected[session_id]:
            problems.append(
                f"{user.username}: session {session_id} lasts "
                f"{found[session_id]}, last written {expected[session_id]}"
            )
    return problems


def total_check(api: Api, user: VirtualUser) -> list[str]:
    answer = api.call("GET", "/api/leaderboard/me/", token=user.token)
    if answer.status != 200:
        return [f"{user.username}: /api/leaderboard/me/ answered {answer.status}"]
    entry = answer.json()
    stored = (entry["total_minutes"], entry["session_count"])
    expected = (sum(user.sessions.values()), len(user.sessions))
    if stored != expected:
        return [f"{user.username}: leaderboard total {stored}, sessions {expected}"]
    return []


def rank_one_kinds(api: Api, user: VirtualUser) -> list[str] | None:
    items = pages(api, user, "/api/notifications/")
    if items is None:
        return None
    rank_notices = [item for item in items if item["kind"].startswith("rank_one")]
    return [item["kind"] for item in sorted(rank_notices, key=lambda i: i["id"])]


def notices_check(
    api: Api, user: VirtualUser, leaders: set[str], seen: Counter
) -> list[str]:
    """rank_one and rank_one_lost alternate, starting with rank_one, and the
    last one says whether the user is at rank one now."""
    kinds = rank_one_kinds(api, user)
    if kinds is None:
        return [f"{user.username}: the notifications list failed"]
    seen.update(kinds)
    expected = ["rank_one", "rank_one_lost"] * (len(kinds) // 2 + 1)
    problems = []
    if kinds != expected[: len(kinds)]:
        problems.append(f"{user.username}: rank notices out of turn: {kinds}")
    at_top = bool(kinds) and kinds[-1] == "rank_one"
    if at_top != (user.username in leaders):
        problems.append(
            f"{user.username}: rank one now is {user.username in leaders}, "
            f"last notices {kinds[-3:]}"
        )
    return problems


def leaders_now(user: VirtualUser) -> set[str]:
    answer = Api().call("GET", "/api/leaderboard/?page_size=100", token=user.token)
    entries = answer.json()["results"]
    return {entry["username"] for entry in entries if entry["rank"] == 1}


@dataclass
class Integrity:
    users: int
    sessions: int
    problems: list[str]
    rebuild_exit: int
    rebuild_said: str
    leaders: set[str]
    notices: Counter


def integrity_check(users: list[VirtualUser], env: dict[str, str]) -> Integrity:
    """Every user checked by four threads; the clients have stopped, so
    nothing changes meanwhile."""
    leaders = leaders_now(users[0])

    def check(api: Api, chunk: list[VirtualUser]) -> tuple[list[str], Counter]:
        problems, notices = [], Counter()
        for user in chunk:
            problems += sessions_check(api, user) + total_check(api, user)
            problems += notices_check(api, user, leaders, notices)
        return problems, notices

    found, _ = in_threads(check, [users[start::4] for start in range(4)], 4)
    rebuild = manage(env, "rebuild_leaderboard", "--check")
    said = (rebuild.stdout + rebuild.stderr).strip().splitlines()
    return Integrity(
        users=len(users),
        sessions=sum(len(user.sessions) for user in users),
        problems=[problem for problems, _ in found for problem in problems],
        rebuild_exit=rebuild.returncode,
        rebuild_said=said[-1] if said else "",
        leaders=leaders,
        notices=sum((notices for _, notices in found), Counter()),
    )


# Reports


def percentile(ordered: list[float], share: float) -> float:
    """Nearest rank: the smallest value with at least ``share`` at or below."""
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def statuses_text(statuses: Counter) -> str:
    names = {NO_ANSWER: "no answer"}
    return ", ".join(
        f"{names.get(status, status)}: {count}"
        for status, count in sorted(statuses.items())
    )


def markdown_table(header: list[str], rows: list[list[str]]) -> str:
    lines = [header, ["---"] * len(header), *rows]
    return "\n".join("| " + " | ".join(line) + " |" for line in lines)


def latency_cells(samples: list[Sample], seconds: float) -> list[str]:
    ms = sorted(sample.ms for sample in samples)
    statuses = Counter(sample.status for sample in samples)
    return [
        str(len(samples)),
        f"{len(samples) / seconds:.1f}",
        f"{percentile(ms, 0.5):.0f}",
        f"{percentile(ms, 0.99):.0f}",
        statuses_text(statuses),
    ]


def endpoint_table(samples: list[Sample], seconds: float) -> str:
    """One row per endpoint, in the order of LABEL_ORDER, and their total."""
    by_label: dict[str, list[Sample]] = {}
    for sample in samples:
        by_label.setdefault(sample.label, []).append(sample)
    order = {label: index for index, label in enumerate(LABEL_ORDER)}
    labels = sorted(by_label, key=lambda name: (order.get(name, 99), name))

    rows = [[label, *latency_cells(by_label[label], seconds)] for label in labels]
    rows.append(["**all**", *latency_cells(samples, seconds)])
    header = ["endpoint", "requests", "per s", "p50 ms", "p99 ms", "statuses"]
    return markdown_table(header, rows)


def cpu_text(run: Run) -> str:
    """Where the machine's CPU went during the run, in cores busy on
    average; the client and the server share the same cores."""
    before, after = run.cpu_before, run.cpu_after
    seconds = run.ended - run.started
    cores = (after.machine_total - before.machine_total) / seconds
    busy = (after.machine_busy - before.machine_busy) / seconds
    client = (after.client - before.client) / seconds
    server = (after.server - before.server) / seconds
    postgres = postgres_cpu(before, after) / seconds
    rest = busy - client - server - postgres
    per_request = (after.server - before.server) * 1000 / len(run.samples)
    return (
        f"CPU in cores busy on average: the machine {busy:.2f} of {cores:.0f}: "
        f"this client {client:.2f}, gunicorn's workers {server:.2f} "
        f"({per_request:.1f} ms a request), PostgreSQL {postgres:.2f}, the rest "
        f"(Redis and other work on the machine) {rest:.2f}"
    )


def errors_report(run: Run) -> None:
    """Each failure but a 503 on its own line; 503s are the expected answer
    while the database is away, so they are summed up."""
    failed = sorted((s for s in run.samples if s.failed), key=lambda s: s.ended)
    print(f"\n5xx and no answer: {statuses_text(Counter(s.status for s in failed))}")
    unavailable = [
        sample.ended - run.started for sample in failed if sample.status == 503
    ]
    if unavailable:
        print(
            f"  503s answered from {min(unavailable):.2f} s to {max(unavailable):.2f} s"
        )
    others = [sample for sample in failed if sample.status != 503]
    for sample in others[:SHOWN_ERRORS]:
        print(
            f"  {sample.status} answered at {sample.ended - run.started:.2f} s: "
            f"{sample.label} ({sample.content_type})"
        )
    if len(others) > SHOWN_ERRORS:
        print(f"  and {len(others) - SHOWN_ERRORS} more")


def load_report(title: str, run: Run) -> None:
    seconds = run.ended - run.started
    answered = [sample for sample in run.samples if sample.status != NO_ANSWER]
    print(f"\n## {title}\n")
    print(
        f"{len(run.samples)} requests in {seconds:.1f} s: "
        f"{len(run.samples) / seconds:.1f} requests/s "
        f"({len(answered) / seconds:.1f}/s answered)"
    )
    print(cpu_text(run) + "\n")
    print(endpoint_table(run.samples, seconds))
    errors_report(run)
    for anomaly in run.anomalies[:20]:
        print(f"anomaly: {anomaly}")


def failure_window(samples: list[Sample]) -> tuple[float, float, float] | None:
    """When the first failure was answered, when the last one was, and when
    the first success after it was: the moments a client learns them."""
    failed = [sample for sample in samples if sample.failed]
    if not failed:
        return None
    first = min(sample.ended for sample in failed)
    last = max(sample.ended for sample in failed)
    later_ok = [s.ended for s in samples if not s.failed and s.ended > last]
    return first, last, min(later_ok, default=math.inf)


def health_text(run: Run) -> str:
    window = failure_window(run.health)
    if window is None:
        return "/healthz: never failed"
    first, last, back = (moment - run.started for moment in window)
    statuses = statuses_text(Counter(s.status for s in run.health if s.failed))
    return (
        f"/healthz (every {HEALTH_PROBE_EVERY} s): failing from {first:.2f} s "
        f"to {last:.2f} s ({statuses}), 200 again at {back:.2f} s"
    )


def fault_report(run: Run) -> None:
    events = {name: f"{at - run.started:.2f} s" for name, at in run.events.items()}
    print(f"\nPostgreSQL: {events}, pg_ctlcluster exit codes {run.exit_codes}")
    window = failure_window(run.samples)
    if window is None:
        print("The clients saw no failure.")
        return
    first, last, back = window
    inside = [s for s in run.samples if first <= s.ended <= last]
    failed = [s for s in inside if s.failed]
    no_retry_after = sum(1 for s in failed if s.status == 503 and not s.retry_after)
    print(
        f"Clients' failures from {first - run.started:.2f} s to "
        f"{last - run.started:.2f} s; first success after the last failure "
        f"ended at {back - run.started:.2f} s: the clients saw "
        f"{back - first:.2f} s of outage; served again "
        f"{back - run.events['start issued']:.2f} s after the start was issued"
    )
    print(
        f"Answers to the {len(inside)} requests answered in that window: "
        f"{statuses_text(Counter(s.status for s in inside))}; "
        f"503s without Retry-After: {no_retry_after}"
    )
    print(health_text(run) + "\n")
    print(timeline_table(run))


def timeline_table(run: Run, bucket: float = 5.0) -> str:
    """Answers per slice of the run, by the time they came back."""
    slices = math.ceil((run.ended - run.started) / bucket)
    counts = [Counter() for _ in range(slices)]
    for sample in run.samples:
        index = min(int((sample.ended - run.started) // bucket), slices - 1)
        counts[index][sample.status] += 1
    rows = [
        [f"{index * bucket:.0f}-{(index + 1) * bucket:.0f} s", statuses_text(count)]
        for index, count in enumerate(counts)
    ]
    return markdown_table(["answered", "statuses"], rows)


def settle_report(outcomes: Counter) -> None:
    print("\nWrites with an unknown outcome, resent after the run:")
    if not outcomes:
        print("  none")
    for (method, status), count in sorted(outcomes.items()):
        answer = "no answer" if status == NO_ANSWER else status
        print(f"  {method}: {count} resent, answered {answer}")


def integrity_report(result: Integrity, samples: list[Sample]) -> bool:
    errors_500 = sum(1 for sample in samples if sample.status == 500)
    print(
        f"\nIntegrity, {result.users} users, {result.sessions} sessions expected: "
        f"{len(result.problems)} problems; rebuild_leaderboard --check exit "
        f"{result.rebuild_exit} ({result.rebuild_said}); 500 answers: {errors_500}"
    )
    print(
        f"Rank one now: {', '.join(sorted(result.leaders))}; rank notices so far: "
        f"{dict(result.notices)}"
    )
    for problem in result.problems[:30]:
        print(f"  {problem}")
    return not result.problems and result.rebuild_exit == 0 and errors_500 == 0


def server_log_summary() -> None:
    lines = SERVER_LOG.read_text(errors="replace").splitlines()
    counts = Counter()
    for line in lines:
        for word in ("Traceback", "ERROR", "WORKER TIMEOUT", "CRITICAL"):
            counts[word] += word in line
    print(f"\nServer log {SERVER_LOG}: {len(lines)} lines, {dict(counts)}")


# The whole test


def git_state() -> str:
    def git(*words: str) -> str:
        done = subprocess.run(["git", *words], cwd=ROOT, capture_output=True, text=True)
        return done.stdout.strip()

    changed = git("status", "--short", "--untracked-files=no")
    return git("rev-parse", "--short", "HEAD") + (" + local changes" if changed else "")


def set_up(env: dict[str, str]) -> subprocess.Popen:
    if port_in_use():
        sys.exit(f"something already listens on {HOST}:{PORT}")
    stores_reset()
    migrated = manage(env, "migrate", "--no-input")
    if migrated.returncode != 0:
        sys.exit(f"migrate failed:\n{migrated.stdout}\n{migrated.stderr}")
    server = gunicorn_start(env)
    wait_healthy(server)
    return server


def users_set_up(count: int, *, browsers: int) -> list[VirtualUser]:
    """Every user with a token, and a few with a session cookie too: two for
    each client thread, so that each has one."""
    started = time.monotonic()
    users, samples = users_register(count, threads=4)
    samples += browsers_sign_in(users[:browsers], threads=4)
    seconds = time.monotonic() - started
    print(
        f"\n## Setup: {len(users)} users registered, {browsers} of them also "
        f"logged in with a session, in {seconds:.1f} s\n"
    )
    print(endpoint_table(samples, seconds))
    return users


def load_phase(args, users, server: subprocess.Popen, env) -> bool:
    run = workload_run(
        users,
        clients=args.clients,
        seconds=args.seconds,
        seed=args.seed,
        server_pid=server.pid,
    )
    load_report(f"Load run: {args.clients} clients, {args.seconds:.0f} s", run)
    probe = probe_run(users, rounds=args.probe_rounds, server_pid=server.pid)
    load_report("One client, one request at a time", probe)
    samples = run.samples + probe.samples
    return integrity_report(integrity_check(users, env), samples)


def fault_phase(args, users, server: subprocess.Popen, env) -> bool:
    def outage(run: Run) -> None:
        until = run.started + args.fault_seconds
        postgres_outage(run, at=args.fault_at, outage=args.outage, until=until)

    run = workload_run(
        users,
        clients=args.clients,
        seconds=args.fault_seconds,
        seed=args.seed + 1000,
        server_pid=server.pid,
        during=outage,
    )
    load_report(
        f"Fault run: PostgreSQL stopped at {args.fault_at:.0f} s for "
        f"{args.outage:.0f} s",
        run,
    )
    fault_report(run)
    outcomes, retries = settle(users)
    settle_report(outcomes)
    return integrity_report(integrity_check(users, env), run.samples + retries)


def stop_on_time_limit(seconds: int) -> None:
    def give_up(signum, frame):
        raise SystemExit(f"gave up after the time limit of {seconds} s")

    signal.signal(signal.SIGALRM, give_up)
    signal.alarm(seconds)


def main() -> None:
    args = parse_args()
    stop_on_time_limit(args.time_limit)
    print(
        f"# Load test, {datetime.datetime.now():%Y-%m-%d %H:%M}, commit "
        f"{git_state()}, {os.cpu_count()} CPUs, load average "
        f"{os.getloadavg()[0]:.1f} before the start"
    )
    env = server_env()
    server = set_up(env)
    try:
        users = users_set_up(args.users, browsers=2 * args.clients)
        passed = load_phase(args, users, server, env)
        passed = fault_phase(args, users, server, env) and passed
    finally:
        gunicorn_stop(server)
    server_log_summary()
    print(f"\n{'PASSED' if passed else 'FAILED'}")
    sys.exit(0 if passed else 1)


if __name__ == "__main__":
    main()
