import gc
import os
import socket
from urllib.parse import urlparse

import pytest

from tests.base_tree import BaseTree, base_tree_key
from tests.demo_database import DemoDatabase, uses_database, wants_demo
from tests.factories import PASSWORD, UserFactory
from tests.fast_rollback import SeedCopy
from tests.lazy_indexes import LazyIndexes
from tests.template_database import TemplateDatabase, migrations_digest
from tests.xdist_groups import FileGroupScheduling, controller_configure, worker_write_groups

# Page and user fixtures for events and masterclasses, shared with the browser tests; the
# runserver that the tests of files over HTTP share.
pytest_plugins = ["tests.events.fixtures", "tests.media_servers"]


def pytest_configure(config):
    controller_configure(config)
    # What the start made (Django, Wagtail, the apps: ~200,000 objects) lives until the end:
    # frozen, the collector no longer walks it; and it runs less often. Measured with
    # gc.callbacks over tests/circles and tests/events/test_admin.py (~60 s): 1.6 s in the
    # collector before, 0.9 s after.
    gc.collect()
    gc.freeze()
    gc.set_threshold(20_000, 20, 20)


@pytest.hookimpl(tryfirst=True)
def pytest_xdist_make_scheduler(config, log):
    """``--dist loadgroup`` as xdist means it, on pytest 9 (tests/xdist_groups.py)."""
    if config.getvalue("dist") == "loadgroup":
        return FileGroupScheduling(config, log)
    return None


@pytest.hookimpl(tryfirst=True)
def pytest_itemcollected(item):
    """With ``--dist loadgroup`` (make test) the tests that read the demo go to one worker, which
    loads it once for them all (tests/xdist_groups.py)."""
    if wants_demo(item) and not _transactional(item):
        item.add_marker(pytest.mark.xdist_group("demo"))


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    """The tests without a database run first: while the first worker that needs a database
    migrates the template (tests/template_database.py; ~20 s of one core on a new machine), the
    other worker runs those instead of waiting for it. Then the database tests in
    pytest-django's order, where the tests that read the demo come last among the tests in a
    rolled-back transaction, so that one load of the demo serves them all; before them, the
    tests that want the same base pages (agenda, programme) run together. Under xdist each
    worker also writes down the tests' groups (tests/xdist_groups.py)."""
    worker_write_groups(config, items)
    database_tests = [item for item in items if uses_database(item)]
    if not database_tests:
        return
    no_database = [item for item in items if not uses_database(item)]
    first_transactional = next(
        (index for index, item in enumerate(database_tests) if _transactional(item)),
        len(database_tests),
    )
    head, tail = database_tests[:first_transactional], database_tests[first_transactional:]
    # Stable: the order within each part stays. The tests that want the same base pages
    # (tests/base_tree.py) one after another, so that they are built once for them all.
    head.sort(key=lambda item: (wants_demo(item), base_tree_key(item)))
    items[:] = no_database + head + interleaved(tail, _in_browser)


def _in_browser(item) -> bool:
    return "browser" in getattr(item, "fixturenames", ())


def interleaved(items: list, apart) -> list:
    """``items`` with those for which ``apart`` holds spread evenly among the others, each part
    in its own order.

    A browser test mostly waits, for Chromium and for its live server in turn: with both
    workers in browser tests, 10–20% of the machine stayed idle. Spread among the other tests
    in a transaction (the rushes of simultaneous requests, the tests with real servers), a
    worker in a browser test mostly has the other busy with something else."""
    spread = [item for item in items if apart(item)]
    rest = [item for item in items if not apart(item)]
    merged, taken_spread, taken_rest = [], 0, 0
    while taken_spread < len(spread) or taken_rest < len(rest):
        # From the part that is less far along; from the spread part on a tie.
        if taken_rest == len(rest) or (
            taken_spread < len(spread) and taken_spread * len(rest) <= taken_rest * len(spread)
        ):
            merged.append(spread[taken_spread])
            taken_spread += 1
        else:
            merged.append(rest[taken_rest])
            taken_rest += 1
    return merged


def _transactional(item) -> bool:
    marker = item.get_closest_marker("django_db")
    transactional = bool(
        marker and (marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences"))
    )
    fixtures = getattr(item, "fixturenames", ())
    return transactional or "transactional_db" in fixtures or "live_server" in fixtures


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    """Before any fixture of the test: the demo is there for a demo test and gone otherwise;
    the base pages it asks for are there for a test in a transaction, and no others."""
    demo = DemoDatabase.current
    tree = BaseTree.current
    if wants_demo(item):
        if _transactional(item):
            pytest.fail("The shared demo (demo_database) is for tests in a transaction only")
        if tree is not None:
            tree.unload()
        if demo is not None:
            demo.load()  # after a test without the demo rolled it back
    elif uses_database(item):
        if demo is not None:
            demo.unload()
        if tree is not None:
            tree.use(() if _transactional(item) else base_tree_key(item))
    # In a test that runs in a transaction the index tasks wait until something reads an index
    # (tests/lazy_indexes.py); what is built above was indexed at once.
    if uses_database(item) and not _transactional(item):
        (LazyIndexes.current or LazyIndexes.install()).start()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """After the test's fixtures are gone (its transaction rolled back): the index tasks it
    noted and nothing read are dropped with it."""
    yield
    lazy = LazyIndexes.current
    if lazy is not None:
        lazy.stop()


@pytest.fixture(scope="session")
def _template_database(django_db_use_migrations, django_db_keepdb, django_db_createdb):
    """On PostgreSQL the test databases are copies of one migrated template, made once for
    all workers and runs while the migrations stay the same (tests/template_database.py)."""
    if not django_db_use_migrations or (django_db_keepdb and not django_db_createdb):
        yield
        return
    templates = TemplateDatabase.install(digest=migrations_digest())
    yield
    for template in templates:
        template.unpatch()


@pytest.fixture(scope="session")
def django_db_setup(_template_database, django_db_setup, django_db_blocker):
    """pytest-django's test database (copied from a migrated template on PostgreSQL), with the
    seed data copied for a quick serialized rollback on PostgreSQL (tests/fast_rollback.py)."""
    with django_db_blocker.unblock():
        seed_copy = SeedCopy.install()
    yield
    if seed_copy is not None:
        seed_copy.unpatch()


@pytest.fixture(scope="session")
def demo_database(django_db_setup, django_db_blocker):
    """The demo content of `manage.py load_demo`, for tests that read it (tests/demo_database.py).

    What a test changes is rolled back after it; ask for `db` as usual."""
    demo = DemoDatabase(django_db_blocker)
    DemoDatabase.current = demo
    demo.load()
    yield demo
    demo.unload()
    DemoDatabase.current = None


def service_reachable(url: str) -> bool:
    parsed = urlparse(url)
    try:
        with socket.create_connection((parsed.hostname, parsed.port or 6379), timeout=1):
            return True
    except OSError:
        return False


def require_service(reachable: bool, what: str) -> None:
    """Skip locally when a real service is missing; in CI (CI=true) a missing service fails."""
    if reachable:
        return
    message = f"{what} is not available"
    if os.environ.get("CI"):
        pytest.fail(f"{message}, and CI must run this test")
    pytest.skip(f"{message} (runs in CI)")


@pytest.fixture
def broker_url():
    """The Redis database that the broker tests may use: CELERY_BROKER_URL, never a default.

    Without it a test would fall back to Redis's database 0, which the developer's own worker
    (or another checkout's tests) shares: those tests skip locally and fail in CI instead."""
    url = os.environ.get("CELERY_BROKER_URL", "")
    require_service(
        bool(url),
        "CELERY_BROKER_URL (a Redis database of the tests' own, e.g. redis://127.0.0.1:6379/15)",
    )
    require_service(service_reachable(url), f"Redis at {url}")
    return url


@pytest.fixture
def bare_page(home):
    """A plain Wagtail ``Page`` under the home page, live: what the cached index pages' query
    counts are compared with (as bench/index_pages.py does)."""
    from wagtail.models import Page

    page = Page(title="Kale pagina", slug="kale-pagina")
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def password():
    return PASSWORD


@pytest.fixture
def user(db):
    return UserFactory()


@pytest.fixture
def logged_in_client(client, user):
    client.force_login(user)
    return client


@pytest.fixture(autouse=True)
def _one_rate_limit_window(monkeypatch):
    """Our form limits count in fixed windows (learning/core/ratelimit.py): a test that posts
    six times must not straddle a minute boundary on a slow machine, so time stands still
    for the counters (one window per test)."""
    from types import SimpleNamespace

    from learning.core import ratelimit

    moment = 1_800_000_030.0  # 30 s into a minute, an hour and a day
    monkeypatch.setattr(ratelimit, "time", SimpleNamespace(time=lambda: moment))


@pytest.fixture(autouse=True)
def _default_language():
    """Every test starts in the site's language. A request leaves the language it chose active
    in its thread (learning.core.middleware.LanguageMiddleware, as Django's LocaleMiddleware):
    after a test that asked for English, a page rendered without a request would be English."""
    from django.utils import translation

    translation.deactivate()


@pytest.fixture(autouse=True)
def _clear_cache():
    """allauth keeps its rate-limit counters in the cache: start every test afresh."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def redis_server(tmp_path):
    """A redis-server of this test's own (no persistence), stopped afterwards."""
    import shutil

    from tests.redis_server import RedisServer

    require_service(shutil.which("redis-server") is not None, "redis-server")
    server = RedisServer(tmp_path)
    server.start()
    yield server
    server.stop()
