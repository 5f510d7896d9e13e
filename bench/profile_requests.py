"""Profile the rush's two requests in-process: queries per request and where the CPU goes.

Run from the repository root, after ``registration_rush.py --keep`` left its database behind,
or let this script prepare its own (it migrates ``circulair_leren_bench`` once and keeps it)::

    .venv/bin/python bench/profile_requests.py [--requests 200] [--sort tottime] [--top 40]

It uses the production settings against PostgreSQL and the Redis broker (db 14), like the
bench, and Django's test ``Client`` (the whole middleware stack, CSRF checks on). It prints,
for ``GET /mijn-aanmeldingen/`` and ``POST <event>/register/``:

- the SQL queries of one request;
- the wall time per request (single thread, no network);
- a cProfile listing of ``--requests`` requests.

Not part of the test suite and not a benchmark: cProfile slows Python down, so read the
listing for proportions, and ``registration_rush.py`` for the real figures.
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import os
import pstats
import secrets
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

import registration_rush as rush  # noqa: E402
from psycopg import sql  # noqa: E402

# Its own database, so that a run of registration_rush.py (which drops its database at the
# end) does not take this one along. Drop it with --drop when done.
DB_NAME = "circulair_leren_bench_profile"


def environment() -> dict:
    var_dir = Path(tempfile.gettempdir()) / "circulair-profile-var"
    return {
        "DJANGO_SETTINGS_MODULE": "learning.settings.production",
        "SECRET_KEY": os.environ.get("PROFILE_SECRET_KEY") or secrets.token_urlsafe(50),
        "DATABASE_URL": f"postgres://postgres@{rush.HOST}:{rush.PG_PORT}/{DB_NAME}",
        "ALLOWED_HOSTS": rush.HOST,
        "SITE_URL": f"http://{rush.HOST}:8000",
        "SECURE_SSL_REDIRECT": "false",
        "EMAIL_URL": "dummy://",
        "CELERY_BROKER_URL": f"redis://{rush.HOST}:{rush.REDIS_PORT}/{rush.REDIS_DB}",
        "CACHE_URL": f"redis://{rush.HOST}:{rush.REDIS_PORT}/{rush.REDIS_DB}",
        "LOG_LEVEL": "WARNING",
        "LOG_FORMAT": "text",
        "VAR_DIR": str(var_dir),
    }


def drop_database() -> None:
    with rush._pg() as conn:
        statement = sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)")
        conn.execute(statement.format(sql.Identifier(DB_NAME)))


def prepare(env: dict, users: int) -> Path:
    """Migrate, collect static and seed once; later runs reuse the database."""
    seeds = Path(env["VAR_DIR"]) / "seeds.json"
    if seeds.exists():
        return seeds
    full_env = {**{k: v for k, v in os.environ.items() if k in ("PATH", "HOME")}, **env}
    drop_database()
    with rush._pg() as conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(DB_NAME)))
    for command in (["migrate", "--noinput", "-v0"], ["collectstatic", "--noinput", "-v0"]):
        subprocess.run(  # noqa: S603
            [str(rush.PYTHON), "manage.py", *command], cwd=REPO, env=full_env, check=True
        )
    subprocess.run(  # noqa: S603
        [
            str(rush.PYTHON),
            str(REPO / "bench" / "registration_rush.py"),
            "--seed",
            str(seeds),
            "--users",
            str(users),
        ],
        cwd=REPO,
        env=full_env,
        check=True,
    )
    return seeds


@contextlib.contextmanager
def lock_hold(connection, holds: list):
    """Record, per transaction that takes a row lock, the wall time and this thread's CPU time
    from the start of the ``FOR UPDATE`` statement to the end of the commit."""
    state = {}

    def wrapper(execute, sql, params, many, context):
        if "FOR UPDATE" in sql and not state:
            state["wall"], state["cpu"] = time.perf_counter(), time.thread_time()
        return execute(sql, params, many, context)

    original_commit = connection.commit

    def commit():
        try:
            return original_commit()
        finally:
            if state:
                holds.append(
                    (time.perf_counter() - state["wall"], time.thread_time() - state["cpu"])
                )
                state.clear()

    connection.commit = commit
    try:
        with connection.execute_wrapper(wrapper):
            yield
    finally:
        del connection.commit


def main(argv: list[str]) -> int:
    global DB_NAME
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--sort", default="tottime")
    parser.add_argument("--top", type=int, default=40)
    parser.add_argument("--only", choices=("floor", "register"), default=None)
    parser.add_argument("--dump", help="also write each profile to DUMP-<floor|register>.prof")
    parser.add_argument("--reset", action="store_true", help="drop and seed the database again")
    parser.add_argument("--drop", action="store_true", help="drop the database and stop")
    parser.add_argument("--db-name", default=DB_NAME, help=f"its database (default {DB_NAME})")
    args = parser.parse_args(argv)
    DB_NAME = args.db_name
    if args.drop:
        drop_database()
        return 0

    env = environment()
    if args.reset:
        (Path(env["VAR_DIR"]) / "seeds.json").unlink(missing_ok=True)
    # One secret key for seeding and profiling, or the seeded sessions would not verify.
    key_file = Path(env["VAR_DIR"]) / "secret_key"
    key_file.parent.mkdir(parents=True, exist_ok=True)
    if not key_file.exists():
        key_file.write_text(env["SECRET_KEY"])
    env["SECRET_KEY"] = key_file.read_text()
    os.environ.update(env)
    seeds_path = prepare(env, users=max(args.requests * 2, 400))

    import json

    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    seeds = json.loads(seeds_path.read_text())
    users = seeds["users"]
    event_url = seeds["event_url"]
    from learning.events.models import Registration

    # One client, so the middleware is loaded once (as in a gunicorn worker); a fresh cookie
    # jar per person.
    shared = Client(enforce_csrf_checks=True, HTTP_HOST=rush.HOST)

    def client_for(user: dict) -> Client:
        shared.cookies.clear()
        shared.cookies["sessionid"] = user["session"]
        shared.cookies["csrftoken"] = user["csrf"]
        return shared

    def floor(user):
        response = client_for(user).get("/mijn-aanmeldingen/")
        assert response.status_code == 200, response.status_code

    def register(user):
        response = client_for(user).post(f"{event_url}register/", HTTP_X_CSRFTOKEN=user["csrf"])
        assert response.status_code == 302, (response.status_code, response.content[:500])

    def run(name, action, people):
        # Warm up, show one request's queries, then time and profile the rest.
        action(people[0])
        with CaptureQueriesContext(connection) as queries:
            action(people[1])
        print(f"\n=== {name}: {len(queries.captured_queries)} queries")
        for query in queries.captured_queries:
            print(f"  {query['time']}s  {query['sql'][:220]}")
        batch = people[2 : 2 + args.requests]
        holds: list[tuple[float, float]] = []
        started, cpu = time.perf_counter(), time.process_time()
        with lock_hold(connection, holds):
            for person in batch[: len(batch) // 2]:
                action(person)
        count = len(batch) // 2
        print(
            f"{name}: {(time.perf_counter() - started) / count * 1000:.2f} ms wall, "
            f"{(time.process_time() - cpu) / count * 1000:.2f} ms CPU per request (no profiler)"
        )
        if holds:
            walls = sorted(wall * 1000 for wall, _cpu in holds)
            cpus = sorted(cpu * 1000 for _wall, cpu in holds)
            median, p90 = len(holds) // 2, len(holds) * 9 // 10
            print(
                f"{name}: row lock held (FOR UPDATE to end of COMMIT, one client) median "
                f"{walls[median]:.2f} ms, p90 {walls[p90]:.2f} ms; Python CPU inside it "
                f"median {cpus[median]:.2f} ms, p90 {cpus[p90]:.2f} ms"
            )
        profiler = cProfile.Profile(time.process_time)  # CPU, not time spent waiting
        profiler.enable()
        for person in batch[len(batch) // 2 :]:
            action(person)
        profiler.disable()
        stats = pstats.Stats(profiler)
        stats.sort_stats(args.sort).print_stats(args.top)
        if args.dump:
            stats.dump_stats(f"{args.dump}-{name.split()[0]}.prof")

    if args.only in (None, "floor"):
        run("floor GET /mijn-aanmeldingen/", floor, users)
    if args.only in (None, "register"):
        Registration.objects.filter(event_id=seeds["event_id"]).delete()
        run(f"register POST {event_url}register/", register, users)
        Registration.objects.filter(event_id=seeds["event_id"]).delete()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
