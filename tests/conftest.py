import os
import socket
from urllib.parse import urlparse

import pytest

from tests.factories import PASSWORD, UserFactory

# Page and user fixtures for events and masterclasses, shared with the browser tests.
pytest_plugins = ["tests.events.fixtures"]


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
