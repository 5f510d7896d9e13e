"""The Redis cache against a real redis-server that the test stops, pauses and restarts."""

import logging

import pytest
from django.core.cache.backends.redis import RedisCacheClient

from learning.core.cache import ResilientRedisCache


@pytest.fixture
def make_cache(redis_server):
    def _make(**options):
        options = {"socket_connect_timeout": 1, "socket_timeout": 1, **options}
        return ResilientRedisCache(redis_server.url(), {"OPTIONS": options})

    return _make


@pytest.fixture
def client_calls(monkeypatch):
    """How often the cache really asked Redis for a key."""
    calls = []
    original = RedisCacheClient.get

    def counting_get(self, key, default):
        calls.append(key)
        return original(self, key, default)

    monkeypatch.setattr(RedisCacheClient, "get", counting_get)
    return calls


def cache_logs(caplog, event):
    return [record for record in caplog.records if getattr(record, "event", None) == event]


def test_a_stopped_redis_is_an_empty_cache_logged_once(
    redis_server, make_cache, client_calls, caplog
):
    cache = make_cache(retry_after=3600)
    cache.set("site", {"menu": [1]})
    assert cache.get("site") == {"menu": [1]}
    redis_server.stop()
    caplog.set_level(logging.INFO, logger="learning.core.cache")
    client_calls.clear()
    for _request in range(50):
        assert cache.get("site") is None
        assert cache.get("site", "standaard") == "standaard"
        cache.set("site", {"menu": [2]})
        assert cache.add("new", 1) is False
        assert cache.get_many(["a", "b"]) == {}
        assert cache.delete("site") is False
        assert cache.get_or_set("computed", lambda: 42) == 42
        with pytest.raises(ValueError):
            cache.incr("counter")
    # One connection attempt for the whole outage, not one per request.
    assert len(client_calls) == 1
    down = cache_logs(caplog, "cache_down")
    assert len(down) == 1
    assert down[0].levelname == "ERROR"
    assert "ConnectionError" in down[0].error


def test_the_cache_comes_back_and_forgets_what_changed_meanwhile(redis_server, make_cache, caplog):
    """A hung Redis (paused: connections accepted, nothing answered) costs one timeout; after
    it, keys written or deleted during the outage are deleted, so a session that was logged
    out while Redis was away does not come back."""
    caplog.set_level(logging.INFO, logger="learning.core.cache")
    cache = make_cache(retry_after=30)
    now = [1000.0]
    cache.breaker.clock = lambda: now[0]
    cache.set("session:logged-out", {"user": 7})
    cache.set("session:edited", {"step": 1})
    cache.set("untouched", "blijft")
    redis_server.pause()
    try:
        assert cache.delete("session:logged-out") is False  # times out: the breaker opens
        cache.set("session:edited", {"step": 2})  # answered from the breaker: dropped
        assert cache.get("untouched") is None
        now[0] += 29
        assert cache.get("untouched") is None  # still open: Redis is not asked
    finally:
        redis_server.resume()
    now[0] += 2
    # The first request after the outage (the trial) already misses the stale entries.
    assert cache.get("session:edited") is None
    assert cache.get("session:logged-out") is None
    assert cache.get("untouched") == "blijft"
    assert len(cache_logs(caplog, "cache_down")) == 1
    up = cache_logs(caplog, "cache_up")
    assert len(up) == 1
    assert up[0].stale_keys == 2


def test_a_failed_trial_keeps_the_breaker_open_without_logging_again(
    redis_server, make_cache, caplog
):
    caplog.set_level(logging.INFO, logger="learning.core.cache")
    cache = make_cache(retry_after=30)
    now = [1000.0]
    cache.breaker.clock = lambda: now[0]
    redis_server.stop()
    for _minute in range(5):
        assert cache.get("x") is None
        now[0] += 31
    assert len(cache_logs(caplog, "cache_down")) == 1
    redis_server.start()
    now[0] += 31
    cache.set("x", 1)
    assert cache.get("x") == 1
    assert len(cache_logs(caplog, "cache_up")) == 1


def test_the_health_probe_asks_redis_past_the_breaker(redis_server, make_cache):
    cache = make_cache(retry_after=3600)
    redis_server.stop()
    assert cache.get("x") is None
    with pytest.raises(Exception):  # noqa: B017, PT011 - any Redis error
        cache.probe()
    redis_server.start()
    cache.probe()  # Redis is back: the probe closes the breaker at once
    cache.set("x", 1)
    assert cache.get("x") == 1


def test_production_settings_use_the_resilient_cache_with_timeouts(monkeypatch):
    from tests.core.test_settings import STRONG_KEY, run_python

    result = run_python(
        "from django.conf import settings; "
        "c = settings.CACHES['default']; print(c['BACKEND'], sorted(c['OPTIONS'].items()), "
        "settings.CELERY_BROKER_TRANSPORT_OPTIONS['socket_connect_timeout'], "
        "settings.EMAIL_TIMEOUT)",
        DJANGO_SETTINGS_MODULE="learning.settings.production",
        SECRET_KEY=STRONG_KEY,
        DATABASE_URL="sqlite:///:memory:",
        CACHE_URL="redis://127.0.0.1:6379/1",
        EMAIL_URL="smtp://smtp.example.nl:587?tls=1",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "learning.core.cache.ResilientRedisCache",
        "[('retry_after',",
        "30),",
        "('socket_connect_timeout',",
        "1),",
        "('socket_timeout',",
        "1)]",
        "1",
        "20",
    ]


def test_threads_share_one_redis_client_and_connection_pool(make_cache):
    """Django makes a cache object per thread and a redis-py client per operation; here every
    cache object of the process uses one client and one pool per server."""
    import threading

    caches = [make_cache() for _ in range(3)]
    caches[0].set("gedeeld", 1)
    seen = []

    def read(cache):
        seen.append((cache.get("gedeeld"), cache._cache.get_client(write=True)))

    threads = [threading.Thread(target=read, args=(cache,)) for cache in caches]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert [value for value, _client in seen] == [1, 1, 1]
    clients = {id(client) for _value, client in seen}
    clients.add(id(caches[0]._cache.get_client()))
    assert len(clients) == 1
