"""Anonymous index pages against a bare Wagtail page: ms per request, ratio, queries.

Run from the repository root::

    .venv/bin/python bench/index_pages.py [--requests 300] [--db-name NAME] [--redis-db 13]

What it does:

1. creates its own PostgreSQL database (``--db-name``, dropped at the start and at the end
   unless ``--keep``), migrates it with the production settings, collects the static files
   into a temporary ``VAR_DIR`` and loads the demo content (``load_demo --force``), each in a
   subprocess as ``registration_rush.py`` does;
2. adds the **bare Wagtail page**: an instance of ``wagtail.models.Page`` itself (no fields
   beyond the title, no ``get_context``, no StreamField) under the home page, live and public,
   rendered with Wagtail's own default template ``wagtailcore/page.html`` (a title in an
   ``<h1>``: no ``base.html``, no menu, no context processors' output). It is served like every
   other page: through Wagtail's ``serve`` view, the whole middleware stack and the same
   settings (production, DEBUG off, the Redis cache, the cached template loader). Whatever a
   request costs before the page's own work (middleware, session, site lookup, routing) is in
   both figures; what is left is the page's own work;
3. in this one process, with Django's test ``Client`` (anonymous, no cookies), GETs the
   agenda (``/agenda/``), the pioneers (``/pioniers/``), the knowledge base (``/kennisbank/``)
   and the bare page ``--requests`` times each, **interleaved** (one of each, in turn), after
   ``--warmup`` rounds; every response must be a 200;
4. prints per page the median and p90 ms per request, the ratio of the medians to the bare
   page, the queries of one request, and the CPU other processes used meanwhile (``/proc``);
   then one target per index page: ratio <= 2.0, OK or MISS.

Why the test Client and not gunicorn: the target is a ratio of the pages' own costs, and the
Client runs the same WSGI handler and middleware as gunicorn without sockets, HTTP parsing and a
load generator, which would add the same constant to both sides and flatten the ratio. One
process, interleaved, means a busy machine slows all four pages alike: the ratio stays fair,
the absolute milliseconds do not (see the last line for the other processes' load).

Exit status: 0 when every target is met, 1 when one is missed, 2 when the run failed.
"""

from __future__ import annotations

import argparse
import os
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

import registration_rush as rush  # noqa: E402

RATIO_TARGET = 2.0
DB_NAME = "circulair_leren_bench_index"  # --db-name
REDIS_DB = 13  # --redis-db
BARE_SLUG = "kale-wagtail-pagina"
# The three index pages, by model; their URLs come from the demo's page tree.
INDEX_PAGES = [
    ("agenda", "events.EventIndexPage"),
    ("pioniers", "profiles.ProfileIndexPage"),
    ("kennisbank", "knowledge.KnowledgeIndexPage"),
]


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--requests", type=int, default=300, help="per page (default 300)")
    parser.add_argument("--warmup", type=int, default=20, help="untimed rounds first")
    parser.add_argument("--db-name", default=DB_NAME, help="dropped and created; yours alone")
    parser.add_argument("--redis-db", type=int, default=REDIS_DB, help="emptied; yours alone")
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    parser.add_argument("--reuse", action="store_true", help="use a database left by --keep")
    parser.add_argument("--profile", metavar="PAGE", help="cProfile one page, e.g. agenda")
    parser.add_argument("--top", type=int, default=40, help="lines of the --profile listing")
    return parser.parse_args(argv)


def environment(args: argparse.Namespace, var_dir: Path) -> dict:
    shell = {k: v for k, v in os.environ.items() if k in ("PATH", "HOME", "LANG", "TMPDIR")}
    redis_url = f"redis://{rush.HOST}:{rush.REDIS_PORT}/{args.redis_db}"
    return {
        # Only what a shell needs: no stray DATABASE_URL, CACHE_URL … from the caller.
        **shell,
        "DJANGO_SETTINGS_MODULE": "learning.settings.production",
        "SECRET_KEY": os.environ.get("BENCH_SECRET_KEY") or secrets.token_urlsafe(50),
        "DATABASE_URL": f"postgres://postgres@{rush.HOST}:{rush.PG_PORT}/{args.db_name}",
        "ALLOWED_HOSTS": "testserver",
        "SITE_URL": "http://testserver",
        "SECURE_SSL_REDIRECT": "false",
        "EMAIL_URL": "dummy://",
        "CELERY_BROKER_URL": redis_url,
        "CACHE_URL": redis_url,
        "LOG_LEVEL": "WARNING",
        "LOG_FORMAT": "text",
        "VAR_DIR": str(var_dir),
    }


def prepare(args: argparse.Namespace, env: dict) -> None:
    """A fresh database with the demo content, in subprocesses (as an operator would)."""
    started = time.perf_counter()
    rush.drop_database(args.db_name)
    rush.create_database(args.db_name)
    for command in (
        ["migrate", "--noinput", "-v0"],
        ["collectstatic", "--noinput", "-v0"],
        ["load_demo", "--force"],
    ):
        completed = subprocess.run(  # noqa: S603 - our own interpreter and arguments
            [str(rush.PYTHON), "manage.py", *command],
            cwd=REPO,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        if completed.returncode != 0:
            raise RuntimeError(
                f"{command[0]} failed ({completed.returncode}):\n"
                f"{completed.stdout[-3000:]}\n{completed.stderr[-3000:]}"
            )
    print(
        f"setup  database {args.db_name}: migrated, static collected, demo loaded  "
        f"{rush.lap(started)}"
    )


def redis_purge(db: int) -> None:
    import redis

    client = redis.Redis(host=rush.HOST, port=rush.REDIS_PORT, db=db, socket_timeout=5)
    try:
        client.flushdb()
    finally:
        client.close()


def other_cpu_seconds() -> float:
    """CPU seconds the whole machine was busy, minus this process: read before and after."""
    return rush.machine_busy() - rush.proc_cpu(os.getpid())


def measure(args: argparse.Namespace) -> int:
    import django

    django.setup()

    from django.apps import apps
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from wagtail.models import Page, Site

    site = Site.objects.get(is_default_site=True)
    home = site.root_page
    bare = Page.objects.child_of(home).filter(slug=BARE_SLUG).first()
    if bare is None:
        bare = home.add_child(instance=Page(title="Kale Wagtail-pagina", slug=BARE_SLUG))
    pages = [
        (name, apps.get_model(model).objects.live().public().first().url)
        for name, model in INDEX_PAGES
    ]
    pages.append(("kale pagina", bare.url))
    client = Client()  # anonymous; it keeps no cookies that these GETs would set

    def get(path: str):
        response = client.get(path)
        if response.status_code != 200:
            raise RuntimeError(f"GET {path}: {response.status_code}")
        return response

    queries = {}
    for name, path in pages:
        get(path)
        with CaptureQueriesContext(connection) as captured:
            get(path)
        queries[name] = len(captured)
    for _ in range(args.warmup):
        for _name, path in pages:
            get(path)

    if args.profile:
        return profile(args, dict(pages), get)

    times: dict[str, list[float]] = {name: [] for name, _path in pages}
    wall_started, busy_started = time.perf_counter(), other_cpu_seconds()
    for _ in range(args.requests):
        for name, path in pages:
            started = time.perf_counter()
            get(path)
            times[name].append((time.perf_counter() - started) * 1000)
    wall = time.perf_counter() - wall_started
    other = max(0.0, (other_cpu_seconds() - busy_started) / wall)

    bare_median = statistics.median(times["kale pagina"])
    print(f"pages  {args.requests} requests each, interleaved, anonymous, Django test Client")
    missed = []
    for name, path in pages:
        median = statistics.median(times[name])
        p90 = statistics.quantiles(times[name], n=10)[-1]
        ratio = median / bare_median
        print(
            f"{name:<12} {path:<28} median {median:6.2f} ms  p90 {p90:6.2f} ms  "
            f"ratio {ratio:4.2f}  queries {queries[name]}"
        )
        if path != bare.url and ratio > RATIO_TARGET:
            missed.append(name)
    print(
        "targets: "
        + "; ".join(
            f"{name} <= {RATIO_TARGET:.1f} x bare page: {'MISS' if name in missed else 'OK'}"
            for name, _model in INDEX_PAGES
        )
    )
    print(
        f"machine other processes {other:.2f} of {os.cpu_count()} CPUs during the measurement"
        + (" (not idle: absolute ms are high, the ratios still compare)" if other >= 0.2 else "")
    )
    return 1 if missed else 0


def profile(args: argparse.Namespace, paths: dict, get) -> int:
    import cProfile
    import pstats

    path = paths[args.profile]
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(args.requests):
        get(path)
    profiler.disable()
    stats = pstats.Stats(profiler)
    stats.sort_stats("cumulative").print_stats(args.top)
    stats.sort_stats("tottime").print_stats(args.top)
    return 0


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    var_dir = Path(tempfile.gettempdir()) / f"index-pages-bench-{args.db_name}"
    env = environment(args, var_dir)
    try:
        if not (args.reuse and (var_dir / "static").exists()):
            redis_purge(args.redis_db)
            prepare(args, env)
        redis_purge(args.redis_db)  # no site structure or sessions left from an earlier run
        os.environ.update(env)
        return measure(args)
    except Exception as error:  # noqa: BLE001 - report and clean up
        print(f"error  {type(error).__name__}: {error}", file=sys.stderr)
        return 2
    finally:
        if not args.keep:
            if "DJANGO_SETTINGS_MODULE" in os.environ:
                from django.db import connections

                connections.close_all()
            rush.drop_database(args.db_name)
            redis_purge(args.redis_db)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
