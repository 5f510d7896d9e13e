"""Registration rush: 1,000 logged-in people register for one event of 150 seats at once.

Run from the repository root::

    .venv/bin/python bench/registration_rush.py [--workers 2 --worker-class sync --clients 32]

What it does, against the real stack (production settings, PostgreSQL, a Redis broker, gunicorn):

1. (re)creates the database ``circulair_leren_bench``, migrates it and collects the static
   files into a temporary ``VAR_DIR`` (the production storage needs the manifest);
2. seeds 1,000 users spread over the 342 municipalities, each with a verified e-mail address,
   a session and a CSRF secret, an agenda with one event (150 seats, no organisation limit)
   and a small warm-up event;
3. starts gunicorn (by default as in ``deploy/circulair-web.service``: sync workers, one per
   core, no access log) on a free loopback port and waits for ``/health/``;
4. warms every worker up, then measures
   - the floor: every user GETs ``/mijn-aanmeldingen/`` once, 32 clients at a time;
   - the stock floor: the same number of registrations on a stock Django project
     (``bench/stock/``: session, auth, CSRF, ``select_for_update``, count and insert through
     the ORM) under the same gunicorn setup, its own database;
   - the rush: every user POSTs ``<event>/register/`` once, 32 clients at a time (with
     ``--servers 2`` split over two gunicorn servers sharing PostgreSQL and Redis);
5. reads the confirmed and waiting counts from the database, prints a report and exits 1 when
   a target is missed (2 when the run itself failed);
6. always stops gunicorn, drops the database and empties Redis db 14.

The HTTP client is the standard library only (threads, one keep-alive ``http.client``
connection per client). Everything listens on 127.0.0.1. The whole run is bounded by
``--max-seconds``; every request by ``--request-timeout``.
"""

from __future__ import annotations

import argparse
import http.client
import json
import math
import os
import secrets
import shutil
import signal
import socket
import string
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

REPO = Path(__file__).resolve().parent.parent
PYTHON = REPO / ".venv" / "bin" / "python"
GUNICORN = REPO / ".venv" / "bin" / "gunicorn"
HOST = "127.0.0.1"
PG_PORT = 5432
DB_NAME = "circulair_leren_bench"  # --db-name
REDIS_PORT = 6379
REDIS_DB = 14  # --redis-db
STOCK_DIR = Path(__file__).resolve().parent / "stock"
MAX_OTHER_CPU = 0.2  # other processes, in CPUs: above it the machine is not idle

USERS = 1000
CAPACITY = 150
WARMUP_USERS = 32
EVENT_PATH_SLUG = "rush-netwerkdag"

# Targets (see the report's last line).
MAX_RUSH_SECONDS = 5.0
MAX_P99_MS = 500.0
MIN_THROUGHPUT_VS_FLOOR = 0.5  # of the stock Django registration


# --- Seeding (runs in a Django-configured subprocess: ``--seed OUT.json``) --------------------


def seed(out_path: str, users: int, capacity: int, warmup_users: int) -> None:
    """Create the users, sessions, CSRF secrets and events; write what the client needs."""
    sys.path.insert(0, str(REPO))
    import django

    django.setup()

    from importlib import import_module

    from allauth.account.models import EmailAddress
    from django.conf import settings
    from django.db import transaction
    from django.utils import timezone
    from django.utils.crypto import get_random_string
    from wagtail.models import Site

    from learning.accounts.models import JobRole, User
    from learning.events.models import EventIndexPage, EventPage
    from learning.organisations.models import Organisation, OrganisationKind

    session_store = import_module(settings.SESSION_ENGINE).SessionStore
    csrf_chars = string.ascii_letters + string.digits
    municipalities = list(
        Organisation.objects.filter(kind=OrganisationKind.GEMEENTE).order_by("cbs_code")
    )
    if not municipalities:
        raise SystemExit("no municipalities seeded by the migrations")

    def make_users(prefix: str, count: int) -> list:
        people = []
        for number in range(count):
            user = User(
                email=f"{prefix}{number:04d}@gemeente.example",
                full_name=f"Deelnemer {prefix} {number}",
                organisation=municipalities[number % len(municipalities)],
                job_role=JobRole.UITVOERING,
            )
            user.set_unusable_password()
            people.append(user)
        people = User.objects.bulk_create(people)
        EmailAddress.objects.bulk_create(
            EmailAddress(user=user, email=user.email, verified=True, primary=True)
            for user in people
        )
        return people

    def login(user) -> dict:
        session = session_store()
        session["_auth_user_id"] = str(user.pk)
        session["_auth_user_backend"] = "django.contrib.auth.backends.ModelBackend"
        session["_auth_user_hash"] = user.get_session_auth_hash()
        session.create()
        return {"session": session.session_key, "csrf": get_random_string(32, csrf_chars)}

    def make_event(parent, slug: str, title: str, seats: int):
        start = timezone.now() + timezone.timedelta(days=30)
        event = EventPage(
            title=title,
            slug=slug,
            intro="Een dag voor professionals van alle overheden.",
            starts_at=start,
            ends_at=start + timezone.timedelta(hours=4),
            capacity=seats,
            organisation_limit=None,
            registration_opens_at=timezone.now() - timezone.timedelta(days=1),
            location_name="Provinciehuis Utrecht",
            location_address="Archimedeslaan 6, 3584 BA Utrecht",
            organiser_name="Circulair Leren",
            organiser_email="redactie@circulairleren.example",
        )
        parent.add_child(instance=event)
        event.save_revision().publish()
        return EventPage.objects.get(pk=event.pk)

    with transaction.atomic():
        home = Site.objects.get(is_default_site=True).root_page.specific
        agenda = EventIndexPage(title="Agenda", slug="agenda", intro="Bench")
        home.add_child(instance=agenda)
        agenda.save_revision().publish()
        event = make_event(agenda, EVENT_PATH_SLUG, "Netwerkdag (rush)", capacity)
        warmup_event = make_event(agenda, "opwarmen", "Opwarmen", 5)
        people = make_users("bench", users)
        warmers = make_users("warmup", warmup_users)
        seeds = {
            "event_id": event.pk,
            "event_url": urlsplit(event.get_url()).path,
            "capacity": event.capacity,
            "warmup_event_url": urlsplit(warmup_event.get_url()).path,
            "users": [login(user) for user in people],
            "warmup_users": [login(user) for user in warmers],
        }
    Path(out_path).write_text(json.dumps(seeds))


def seed_stock(out_path: str, users: int, capacity: int) -> None:
    """The stock project's users (database sessions, CSRF secrets) and its event."""
    sys.path.insert(0, str(STOCK_DIR))
    import django

    django.setup()

    from django.contrib.auth.models import User
    from django.contrib.sessions.backends.db import SessionStore
    from django.utils.crypto import get_random_string
    from stock_app.models import Event

    csrf_chars = string.ascii_letters + string.digits
    people = User.objects.bulk_create(
        User(username=f"stock{number:04d}", password="!") for number in range(users)
    )
    event = Event.objects.create(capacity=capacity)
    logins = []
    for user in people:
        session = SessionStore()
        session["_auth_user_id"] = str(user.pk)
        session["_auth_user_backend"] = "django.contrib.auth.backends.ModelBackend"
        session["_auth_user_hash"] = user.get_session_auth_hash()
        session.create()
        logins.append({"session": session.session_key, "csrf": get_random_string(32, csrf_chars)})
    Path(out_path).write_text(
        json.dumps({"event_id": event.pk, "event_url": f"/event/{event.pk}/", "users": logins})
    )


# --- The HTTP client (standard library only) -------------------------------------------------


@dataclass
class Result:
    latencies: list[float] = field(default_factory=list)  # seconds, successful or not
    statuses: dict[str, int] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    wall: float = 0.0
    cpu: dict[str, float] = field(default_factory=dict)  # CPU seconds used during the run
    stock_counts: dict[str, int] = field(default_factory=dict)

    def print_failures(self) -> None:
        if self.failed:
            print(f"       outcomes {self.statuses}; e.g. {self.errors}")

    def cpu_line(self) -> str:
        """CPU per request on each side, and what the rest of the machine took meanwhile."""
        n = len(self.latencies) or 1
        parts = [
            f"{name} {self.cpu[name] / n * 1000:.1f} ms"
            for name in ("server", "db", "client")
            if name in self.cpu
        ]
        line = "cpu/req " + ", ".join(parts)
        total = sum(self.cpu.get(name, 0.0) for name in ("server", "db", "client"))
        line += f" = {total / n * 1000:.1f} ms"
        if "machine" in self.cpu and self.wall:
            line += f"; other processes {self.other_cpu():.2f} of {os.cpu_count()} CPUs"
        return line

    def other_cpu(self) -> float:
        """CPUs (0 to the number of cores) that everything else on the machine used meanwhile."""
        if "machine" not in self.cpu or not self.wall:
            return 0.0
        ours = sum(self.cpu.get(name, 0.0) for name in ("server", "db", "client"))
        return max(self.cpu["machine"] - ours, 0.0) / self.wall

    def count(self, key: str) -> None:
        self.statuses[key] = self.statuses.get(key, 0) + 1

    @property
    def ok(self) -> int:
        return self.statuses.get("ok", 0)

    @property
    def failed(self) -> int:
        return sum(n for key, n in self.statuses.items() if key != "ok")

    def percentile(self, p: float) -> float:
        """Nearest-rank percentile in milliseconds."""
        if not self.latencies:
            return math.nan
        ordered = sorted(self.latencies)
        rank = max(math.ceil(p / 100 * len(ordered)), 1)
        return ordered[rank - 1] * 1000

    @property
    def rate(self) -> float:
        return len(self.latencies) / self.wall if self.wall else math.nan


class Client:
    """One keep-alive connection; reconnects when the server closed it."""

    def __init__(self, port: int, timeout: float):
        self.port = port
        self.timeout = timeout
        self.conn: http.client.HTTPConnection | None = None

    def request(self, method: str, path: str, headers: dict) -> tuple[int, dict]:
        for attempt in (1, 2):
            if self.conn is None:
                self.conn = http.client.HTTPConnection(HOST, self.port, timeout=self.timeout)
            try:
                body = b"" if method == "POST" else None
                self.conn.request(method, path, body=body, headers=headers)
                response = self.conn.getresponse()
                response.read()
                result = response.status, {k.lower(): v for k, v in response.getheaders()}
                if response.will_close:
                    self.close()
                return result
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                # A keep-alive connection the server had already closed: retry once, fresh.
                self.close()
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None


def headers_for(user: dict, port: int, *, post: bool) -> dict:
    # The production settings mark the cookies Secure; over plain HTTP a browser would not send
    # them, but this client builds the Cookie header itself.
    headers = {
        "Host": f"{HOST}:{port}",
        "Cookie": f"sessionid={user['session']}; csrftoken={user['csrf']}",
        "User-Agent": "registration-rush/1",
        "Accept": "text/html",
    }
    if post:
        headers["X-CSRFToken"] = user["csrf"]
        headers["Content-Type"] = "application/x-www-form-urlencoded"
        headers["Content-Length"] = "0"
    return headers


def run_load(
    *,
    ports: list[int],
    method: str,
    path: str,
    users: list[dict],
    clients: int,
    timeout: float,
    expect,
    deadline: float,
) -> Result:
    """Every user sends one request; ``clients`` threads share the work, each keep-alive, the
    clients spread evenly over the servers listening on ``ports``."""
    result = Result()
    lock = threading.Lock()
    next_index = iter(range(len(users)))
    start_gate = threading.Barrier(clients + 1)

    def worker(port: int) -> None:
        client = Client(port, timeout)
        try:
            start_gate.wait(timeout=30)
            while time.monotonic() < deadline:
                with lock:
                    index = next(next_index, None)
                if index is None:
                    return
                headers = headers_for(users[index], port, post=method == "POST")
                started = time.perf_counter()
                try:
                    status, response_headers = client.request(method, path, headers)
                    outcome = expect(status, response_headers)
                    detail = f"{status} {response_headers.get('location', '')}".strip()
                except (OSError, http.client.HTTPException) as exc:
                    outcome, detail = "exception", f"{type(exc).__name__}: {exc}"
                    client.close()
                elapsed = time.perf_counter() - started
                with lock:
                    result.latencies.append(elapsed)
                    result.count(outcome)
                    if outcome != "ok" and len(result.errors) < 5:
                        result.errors.append(detail)
        finally:
            client.close()

    threads = [
        threading.Thread(target=worker, args=(ports[n % len(ports)],), daemon=True)
        for n in range(clients)
    ]
    for thread in threads:
        thread.start()
    start_gate.wait(timeout=30)
    started = time.perf_counter()
    for thread in threads:
        thread.join(max(deadline - time.monotonic(), 0) + timeout + 1)
    result.wall = time.perf_counter() - started
    missing = len(users) - len(result.latencies)
    if missing:
        result.statuses["not sent (time limit)"] = missing
    return result


# --- Orchestration ---------------------------------------------------------------------------


class Server:
    """One gunicorn server (its own process group) on a free loopback port."""

    def __init__(self, name: str, log: Path):
        self.name = name
        self.port = free_port()
        self.log = log
        self.process: subprocess.Popen | None = None

    def start(self, argv: list[str], *, cwd: Path, env: dict, remaining) -> None:
        with self.log.open("w") as log:
            self.process = subprocess.Popen(  # noqa: S603 - our own gunicorn and arguments
                [*argv, "-b", f"{HOST}:{self.port}"],
                cwd=cwd,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        step = time.perf_counter()
        while True:
            remaining()
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn {self.name} exited:\n{self.log_tail()}")
            try:
                status, _headers = Client(self.port, 2).request("GET", "/health/", {"Host": HOST})
                if status == 200:
                    break
            except OSError:
                pass
            if time.perf_counter() - step > 60:
                raise RuntimeError(f"/health/ did not answer 200 within 60 s:\n{self.log_tail()}")
            time.sleep(0.2)

    def pids(self) -> list[int]:
        if self.process is None or self.process.poll() is not None:
            return []
        return children(self.process.pid)

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGTERM)  # gunicorn's own process group
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=5)

    def log_tail(self, lines: int = 30) -> str:
        try:
            return "\n".join(self.log.read_text().splitlines()[-lines:])
        except OSError:
            return ""


class Bench:
    def __init__(self, args: argparse.Namespace):
        self.args = args
        self.tmp = Path(tempfile.mkdtemp(prefix="registration-rush-"))
        self.servers = [
            Server(f"app{n + 1}", self.tmp / f"gunicorn{n + 1}.log") for n in range(args.servers)
        ]
        self.stock_server = Server("stock", self.tmp / "gunicorn-stock.log")
        self.bare: Result | None = None  # the bare view, measured with the stock floor
        self.active: list[Server] = []  # the servers whose CPU is being measured
        self.active_db = DB_NAME
        shell = {k: v for k, v in os.environ.items() if k in ("PATH", "HOME", "LANG", "TMPDIR")}
        self.env = {
            # Only what a shell needs: no stray DATABASE_URL, CACHE_URL … from the caller.
            **shell,
            "DJANGO_SETTINGS_MODULE": "learning.settings.production",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "DATABASE_URL": f"postgres://postgres@{HOST}:{PG_PORT}/{DB_NAME}",
            "ALLOWED_HOSTS": HOST,
            "SITE_URL": f"http://{HOST}:{self.servers[0].port}",
            "SECURE_SSL_REDIRECT": "false",
            "EMAIL_URL": "dummy://",
            "CELERY_BROKER_URL": f"redis://{HOST}:{REDIS_PORT}/{REDIS_DB}",
            # The cache (and so the sessions, see learning.settings.base) in Redis, as the
            # README recommends for production with several workers.
            "CACHE_URL": f"redis://{HOST}:{REDIS_PORT}/{REDIS_DB}",
            "LOG_LEVEL": "WARNING",
            "LOG_FORMAT": args.log_format,
            "VAR_DIR": str(self.tmp / "var"),
            "PYTHONUNBUFFERED": "1",
        }
        self.stock_env = {
            **shell,
            "DJANGO_SETTINGS_MODULE": "stock_settings",
            "PYTHONPATH": str(STOCK_DIR),
            "SECRET_KEY": secrets.token_urlsafe(50),
            "STOCK_DB_NAME": stock_db_name(),
            "ALLOWED_HOSTS": HOST,
            "PYTHONUNBUFFERED": "1",
        }

    # Steps ----------------------------------------------------------------------------------

    def remaining(self) -> float:
        left = self.args.deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError(f"the run took longer than {self.args.max_seconds} s")
        return left

    def manage(self, *command: str) -> None:
        self.run([str(PYTHON), "manage.py", *command])

    def run(self, argv: list[str], *, env: dict | None = None, cwd: Path = REPO) -> None:
        completed = subprocess.run(  # noqa: S603 - our own interpreter and arguments
            argv,
            cwd=cwd,
            env=env or self.env,
            capture_output=True,
            text=True,
            timeout=self.remaining(),
            check=False,
        )
        if completed.returncode != 0:
            raise RuntimeError(
                f"{' '.join(argv[1:3])} failed ({completed.returncode}):\n"
                f"{completed.stdout[-3000:]}\n{completed.stderr[-3000:]}"
            )

    def prepare(self) -> dict:
        step = time.perf_counter()
        redis_purge()
        for name in (DB_NAME, stock_db_name()):
            drop_database(name)
            create_database(name)
        self.manage("migrate", "--noinput", "-v0")
        self.manage("collectstatic", "--noinput", "-v0")
        if self.args.stock:
            django_admin = [str(PYTHON), "-m", "django"]
            self.run([*django_admin, "migrate", "--noinput", "-v0"], env=self.stock_env)
        print(f"setup  database {DB_NAME} migrated, static collected  {lap(step)}")
        step = time.perf_counter()
        seeds_path = self.tmp / "seeds.json"
        script = str(Path(__file__).resolve())
        users = ["--users", str(self.args.users)]
        self.run([str(PYTHON), script, "--seed", str(seeds_path), *users])
        seeds = json.loads(seeds_path.read_text())
        if self.args.stock:
            stock_path = self.tmp / "stock.json"
            self.run(
                [str(PYTHON), script, "--seed-stock", str(stock_path), *users],
                env=self.stock_env,
            )
            seeds["stock"] = json.loads(stock_path.read_text())
        print(
            f"seed   {len(seeds['users'])} users (+{len(seeds['warmup_users'])} warm-up), "
            f"sessions, event {seeds['event_url']} capacity {seeds['capacity']}"
            + (", stock Django project" if self.args.stock else "")
            + f"  {lap(step)}"
        )
        return seeds

    def gunicorn_argv(self, app: str) -> list[str]:
        args = self.args
        argv = [
            str(GUNICORN),
            app,
            "--workers",
            str(args.workers),
            "--worker-class",
            args.worker_class,
            "--timeout",
            "30",
            "--graceful-timeout",
            "5",
            "--keep-alive",
            "5",
        ]
        if args.worker_class == "gthread":
            argv += ["--threads", str(args.threads)]
        if args.access_log:
            argv += ["--access-logfile", str(self.tmp / f"access-{app}.log")]
        return argv

    def setup_line(self) -> str:
        args = self.args
        threads = f" x {args.threads} threads" if args.worker_class == "gthread" else ""
        return (
            f"gunicorn {args.worker_class} {args.workers} workers{threads}"
            f"{', access log' if args.access_log else ''}, LOG_FORMAT={args.log_format}"
        )

    def start_servers(self) -> None:
        step = time.perf_counter()
        for server in self.servers:
            server.start(
                self.gunicorn_argv("learning.wsgi"),
                cwd=REPO,
                env=self.env,
                remaining=self.remaining,
            )
        ports = ", ".join(str(server.port) for server in self.servers)
        print(
            f"server {len(self.servers)} x {self.setup_line()} on {HOST}:{ports}, "
            f"{os.cpu_count()} CPUs; /health/ 200 after {lap(step)}"
        )

    def warm_up(self, seeds: dict) -> None:
        """Load every worker's code paths: the GET page, the register POST and its e-mails."""
        step = time.perf_counter()
        rounds = max(self.args.workers * self.args.threads * 2 * len(self.servers), 16)
        floor_users = (seeds["users"] * math.ceil(rounds / len(seeds["users"])))[:rounds]
        results = [
            self.load("GET", "/mijn-aanmeldingen/", floor_users, expect_page, clients=8),
            self.load(
                "POST",
                f"{seeds['warmup_event_url']}register/",
                seeds["warmup_users"],
                expect_redirect_to(seeds["warmup_event_url"]),
                clients=8,
            ),
            self.load("GET", "/mijn-aanmeldingen/", seeds["warmup_users"], expect_page, clients=8),
        ]
        for result in results:
            if result.failed:
                raise RuntimeError(
                    f"warm-up failed: {result.statuses} e.g. {result.errors}\n{self.log_tail()}"
                )
        print(f"warmup {sum(len(r.latencies) for r in results)} requests  {lap(step)}")

    def load(self, method, path, users, expect, *, clients=None, servers=None) -> Result:
        self.active = servers or self.servers
        before = self.cpu_snapshot()
        result = run_load(
            ports=[server.port for server in self.active],
            method=method,
            path=path,
            users=users,
            clients=clients or self.args.clients,
            timeout=self.args.request_timeout,
            expect=expect,
            deadline=time.monotonic() + min(self.remaining(), 120),
        )
        result.cpu = cpu_delta(before, self.cpu_snapshot())
        return result

    def cpu_snapshot(self) -> dict:
        """CPU seconds so far of this client, the gunicorn workers, the database backends and
        the whole machine (Linux /proc; empty where unavailable)."""
        snapshot = {"client": {0: time.process_time()}, "server": {}, "db": {}, "machine": {}}
        try:
            snapshot["server"] = {
                pid: proc_cpu(pid) for server in self.active for pid in server.pids()
            }
            with _pg(DB_NAME) as conn:
                pids = conn.execute(
                    "SELECT pid FROM pg_stat_activity"
                    " WHERE datname = %s AND pid <> pg_backend_pid()",
                    (self.active_db,),
                ).fetchall()
            snapshot["db"] = {pid: proc_cpu(pid) for (pid,) in pids}
            snapshot["machine"] = {0: machine_busy()}
        except (OSError, ValueError):
            pass
        return snapshot

    def log_tail(self, lines: int = 30) -> str:
        return "\n".join(server.log_tail(lines) for server in self.servers)

    def cleanup(self) -> None:
        actions = [server.stop for server in (*self.servers, self.stock_server)]
        actions += [lambda: drop_database(DB_NAME), lambda: drop_database(stock_db_name())]
        actions.append(redis_purge)
        for action in actions:
            try:
                action()
            except Exception as exc:  # keep cleaning up
                print(f"cleanup: {action} failed: {exc}", file=sys.stderr)
        shutil.rmtree(self.tmp, ignore_errors=True)

    # The run --------------------------------------------------------------------------------

    def stock_floor(self, stock: dict) -> Result:
        """The same registrations on the stock Django project, the same gunicorn setup."""
        server = self.stock_server
        server.start(
            self.gunicorn_argv("django.core.wsgi:get_wsgi_application()"),
            cwd=STOCK_DIR,
            env=self.stock_env,
            remaining=self.remaining,
        )
        self.active_db = stock_db_name()
        try:
            url = stock["event_url"]
            warm = stock["users"][: max(self.args.workers * 4, 16)]
            self.load("POST", f"{url}register/", warm, expect_redirect_to(url), servers=[server])
            result = self.load(
                "POST",
                f"{url}register/",
                stock["users"][len(warm) :],
                expect_redirect_to(url),
                servers=[server],
            )
            counts = registration_counts(
                stock["event_id"], db=stock_db_name(), table="stock_app_registration"
            )
            # The bare floor: a view that answers "ok" (no session read, no query), through
            # the same middleware and gunicorn setup, as many requests as the rush.
            self.bare = self.load("GET", "/health/", stock["users"], expect_page, servers=[server])
        finally:
            self.active_db = DB_NAME
            server.stop()
        result.stock_counts = counts
        return result

    def main(self) -> int:
        args = self.args
        seeds = self.prepare()
        self.start_servers()
        self.warm_up(seeds)

        users = seeds["users"]
        floor = self.load("GET", "/mijn-aanmeldingen/", users, expect_page)
        print(
            f"floor  GET /mijn-aanmeldingen/  {len(floor.latencies)} req  {args.clients} clients  "
            f"{floor.rate:.1f} req/s  p50 {floor.percentile(50):.1f} ms  "
            f"p99 {floor.percentile(99):.1f} ms  errors {floor.failed}"
        )
        print(f"       {floor.cpu_line()}")
        floor.print_failures()
        stock = None
        if args.stock:
            stock = self.stock_floor(seeds["stock"])
            print(
                f"stock  POST register (stock Django, same gunicorn setup)  "
                f"{len(stock.latencies)} req  {args.clients} clients  {stock.rate:.1f} req/s  "
                f"p50 {stock.percentile(50):.1f} ms  p99 {stock.percentile(99):.1f} ms  "
                f"errors {stock.failed}  {stock.stock_counts}"
            )
            print(f"       {stock.cpu_line()}")
            stock.print_failures()
            bare = self.bare
            print(
                f"bare   GET a view that answers ok (stock Django, same gunicorn setup)  "
                f"{len(bare.latencies)} req  {args.clients} clients  {bare.rate:.1f} req/s  "
                f"p50 {bare.percentile(50):.1f} ms  p99 {bare.percentile(99):.1f} ms  "
                f"errors {bare.failed}"
            )
            print(f"       {bare.cpu_line()}")
            bare.print_failures()
            print(
                f"       1,000 stock registrations would take {1000 / stock.rate:.2f} s, "
                f"1,000 bare requests {1000 / bare.rate:.2f} s"
            )
        event_url = seeds["event_url"]
        rush = self.load("POST", f"{event_url}register/", users, expect_redirect_to(event_url))
        print(
            f"rush   POST {event_url}register/  {len(rush.latencies)} req  {args.clients} clients"
            f"  {len(self.servers)} server(s)  {rush.wall:.2f} s  {rush.rate:.1f} req/s  "
            f"p50 {rush.percentile(50):.1f} ms  p99 {rush.percentile(99):.1f} ms  "
            f"302 {rush.ok}  errors {rush.failed}"
        )
        print(f"       {rush.cpu_line()}")
        rush.print_failures()
        counts = registration_counts(seeds["event_id"])
        confirmed, waiting = counts.get("confirmed", 0), counts.get("waiting", 0)
        others = {k: v for k, v in counts.items() if k not in ("confirmed", "waiting")}
        outbox = outbox_count(seeds["event_id"])
        fifo = queue_is_fifo(seeds["event_id"])
        print(
            f"result confirmed {confirmed} (capacity {seeds['capacity']})  waiting {waiting}"
            + (f"  other {others}" if others else "")
            + f"  outbox messages {outbox}  queue positions 1..{waiting} in order: {fifo}"
        )

        reference = stock.rate if stock is not None else floor.rate
        ratio = rush.rate / reference if reference else 0.0
        expected_waiting = max(len(users) - seeds["capacity"], 0)
        other = max(
            rush.other_cpu(),
            floor.other_cpu(),
            stock.other_cpu() if stock else 0.0,
            self.bare.other_cpu() if stock else 0.0,
        )
        targets = [
            ("confirmed == capacity", confirmed == min(seeds["capacity"], len(users))),
            (f"waiting == {expected_waiting}", waiting == expected_waiting and fifo),
            ("one e-mail each", outbox == len(users)),
            (
                "errors == 0",
                rush.failed == 0 and floor.failed == 0 and (stock is None or stock.failed == 0),
            ),
            (
                f"{len(users)} done < {MAX_RUSH_SECONDS:g} s",
                rush.wall < MAX_RUSH_SECONDS and len(rush.latencies) == len(users),
            ),
            (f"p99 < {MAX_P99_MS:g} ms", rush.percentile(99) < MAX_P99_MS),
            (
                f"throughput >= {MIN_THROUGHPUT_VS_FLOOR:g} x "
                + ("stock registration" if stock is not None else "floor page"),
                ratio >= MIN_THROUGHPUT_VS_FLOOR,
                f" ({ratio:.2f})",
            ),
        ]
        print(
            "targets: "
            + "; ".join(
                f"{name}: {'OK' if passed else 'MISSED'}{extra[0] if extra else ''}"
                for name, passed, *extra in targets
            )
        )
        idle = other < MAX_OTHER_CPU
        print(
            f"machine other processes at most {other:.2f} of {os.cpu_count()} CPUs: "
            + ("idle, the timings count" if idle else "NOT idle, the timings do not count")
        )
        log_lines = self.log_tail(200).splitlines()
        server_errors = [line for line in log_lines if "Traceback" in line or "ERROR" in line]
        if server_errors:
            print(f"server log has {len(server_errors)} error lines:\n{self.log_tail(40)}")
        return 0 if all(passed for _name, passed, *_ in targets) else 1


def expect_page(status: int, headers: dict) -> str:
    return "ok" if status == 200 else str(status)


def expect_redirect_to(url: str):
    """A 302 back to the event page; a 302 anywhere else (the login page) is a failure."""

    def check(status: int, headers: dict) -> str:
        if status != 302:
            return str(status)
        location = headers.get("location", "")
        return "ok" if urlsplit(location).path == url else f"302 to {location}"

    return check


# --- PostgreSQL and Redis --------------------------------------------------------------------


def _pg(dbname: str = "postgres"):
    import psycopg

    return psycopg.connect(
        host=HOST, port=PG_PORT, user="postgres", dbname=dbname, autocommit=True, connect_timeout=5
    )


def stock_db_name() -> str:
    return f"{DB_NAME}_stock"


def drop_database(name: str) -> None:
    from psycopg import sql

    with _pg() as conn:
        statement = sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)")
        conn.execute(statement.format(sql.Identifier(name)))


def create_database(name: str) -> None:
    from psycopg import sql

    with _pg() as conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def registration_counts(
    event_id: int, *, db: str | None = None, table: str = "events_registration"
) -> dict[str, int]:
    from psycopg import sql

    statement = sql.SQL("SELECT status, count(*) FROM {} WHERE event_id = %s GROUP BY status")
    with _pg(db or DB_NAME) as conn:
        rows = conn.execute(statement.format(sql.Identifier(table)), (event_id,)).fetchall()
    return dict(rows)


def queue_is_fifo(event_id: int) -> bool:
    """The waiting list numbered 1, 2, 3 … in the order the registrations came in."""
    with _pg(DB_NAME) as conn:
        positions = [
            position
            for (position,) in conn.execute(
                "SELECT queue_position FROM events_registration"
                " WHERE event_id = %s AND status = 'waiting' ORDER BY created_at, id",
                (event_id,),
            ).fetchall()
        ]
    return positions == list(range(1, len(positions) + 1))


def outbox_count(event_id: int) -> int:
    with _pg(DB_NAME) as conn:
        return conn.execute(
            "SELECT count(*) FROM outbox_outboxmessage WHERE event_id = %s", (event_id,)
        ).fetchone()[0]


def redis_purge() -> None:
    import redis

    client = redis.Redis(host=HOST, port=REDIS_PORT, db=REDIS_DB, socket_timeout=5)
    try:
        client.flushdb()
    finally:
        client.close()


# --- Helpers ---------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


CLOCK_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def proc_cpu(pid: int) -> float:
    """User + system CPU seconds of one process; 0 when it is gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS


def children(parent: int) -> list[int]:
    pids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == parent:
                pids.append(int(entry.name))
    return pids


def machine_busy() -> float:
    """CPU seconds all processes spent busy since boot (/proc/stat, without idle and iowait)."""
    values = [int(v) for v in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    return (sum(values[:8]) - values[3] - values[4]) / CLOCK_TICKS


def cpu_delta(before: dict, after: dict) -> dict[str, float]:
    delta = {}
    for name, now in after.items():
        if now:
            delta[name] = sum(value - before[name].get(pid, 0.0) for pid, value in now.items())
    return delta


def lap(started: float) -> str:
    return f"{time.perf_counter() - started:.1f} s"


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    # The defaults are the documented production setup (deploy/circulair-web.service): sync
    # workers, one per core, no gunicorn access log, JSON logs.
    parser.add_argument(
        "--workers", type=int, default=os.cpu_count() or 2, help="gunicorn workers (one per core)"
    )
    parser.add_argument("--worker-class", default="sync", choices=("sync", "gthread"))
    parser.add_argument("--threads", type=int, default=1, help="threads per worker (gthread)")
    parser.add_argument("--access-log", action="store_true", help="gunicorn access log on")
    parser.add_argument("--log-format", default="json", choices=("json", "text"))
    parser.add_argument(
        "--servers", type=int, default=1, choices=(1, 2), help="gunicorn servers for the rush"
    )
    parser.add_argument(
        "--no-stock", dest="stock", action="store_false", help="skip the stock Django floor"
    )
    parser.add_argument("--db-name", default=DB_NAME, help=f"bench database (default {DB_NAME})")
    parser.add_argument("--redis-db", type=int, default=REDIS_DB, help="Redis db (emptied)")
    parser.add_argument("--clients", type=int, default=32, help="concurrent clients (default 32)")
    parser.add_argument("--users", type=int, default=USERS, help=argparse.SUPPRESS)
    parser.add_argument("--request-timeout", type=float, default=10.0)
    parser.add_argument("--max-seconds", type=float, default=240.0, help="bound on the whole run")
    parser.add_argument("--seed", metavar="OUT_JSON", help=argparse.SUPPRESS)
    parser.add_argument("--seed-stock", metavar="OUT_JSON", help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def _interrupt(signum, frame):
    raise KeyboardInterrupt(f"signal {signum}")


def main(argv: list[str]) -> int:
    global DB_NAME, REDIS_DB
    args = parse_args(argv)
    DB_NAME, REDIS_DB = args.db_name, args.redis_db
    if args.seed:
        seed(args.seed, args.users, CAPACITY, WARMUP_USERS)
        return 0
    if args.seed_stock:
        seed_stock(args.seed_stock, args.users, CAPACITY)
        return 0
    args.deadline = time.monotonic() + args.max_seconds
    # Ctrl-C and kill clean up too (also when started in the background, where SIGINT is
    # ignored by default).
    signal.signal(signal.SIGINT, _interrupt)
    signal.signal(signal.SIGTERM, _interrupt)
    # A last resort should a step hang where no timeout reaches (cleanup still runs).
    signal.signal(signal.SIGALRM, _interrupt)
    signal.alarm(int(args.max_seconds) + 30)
    bench = Bench(args)
    try:
        return bench.main()
    except KeyboardInterrupt as exc:
        print(f"interrupted ({exc}); cleaning up", file=sys.stderr)
        return 130
    except Exception as exc:
        print(f"bench failed: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 2
    finally:
        signal.alarm(0)
        for signum in (signal.SIGINT, signal.SIGTERM):  # a second Ctrl-C must not stop cleanup
            signal.signal(signum, signal.SIG_IGN)
        bench.cleanup()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
