"""The site cache on Redis, built so that a Redis outage slows nothing down and breaks nothing.

Everything this site keeps in the cache can be rebuilt: the site structure (``sitecache``),
sessions (``cached_db`` keeps them in the database too) and allauth's rate-limit counters. So
when Redis cannot be reached, ``ResilientRedisCache`` behaves as an empty cache that stores
nothing: reads miss, writes are dropped, and the callers go to the database as on any miss.

A circuit breaker keeps a dead Redis from costing every request a connect timeout: the first
failure opens it and is logged once (per process); for ``retry_after`` seconds every operation
answers at once without asking Redis; then one operation tries again. That trial first
deletes the keys that were written or deleted during the outage, so that an entry the outage
left behind (a session that was logged out, an old copy of the site structure) cannot come
back; when that works, the breaker closes and "cache reachable again" is logged.
"""

from __future__ import annotations

import logging
import threading
import time

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

# Errors that mean "Redis cannot be used now": refused or dropped connections, timeouts,
# a Redis that is loading or out of memory. A wrong key or value still raises.
OUTAGE_ERRORS = (RedisError, OSError)
DEFAULT_RETRY_AFTER = 30.0
# At most this many keys are remembered for deletion after an outage, per process.
MAX_STALE_KEYS = 10_000


class CircuitBreaker:
    """Whether Redis is presumed down, shared by every thread of the process for one cache."""

    def __init__(self, *, name: str, retry_after: float):
        self.name = name
        self.retry_after = retry_after
        self.open_until: float | None = None  # None: closed (Redis presumed up)
        self.stale_keys: set[str] = set()
        self.stale_keys_overflow = False
        self.lock = threading.Lock()
        self.clock = time.monotonic

    def allows(self) -> bool:
        """True when an operation should ask Redis (closed, or time for a trial)."""
        with self.lock:
            if self.open_until is None:
                return True
            if self.clock() < self.open_until:
                return False
            # One trial; others keep answering from the fallback until it succeeds.
            self.open_until = self.clock() + self.retry_after
            return True

    def failed(self, exc: BaseException) -> None:
        with self.lock:
            first = self.open_until is None
            self.open_until = self.clock() + self.retry_after
        if first:
            logger.error(
                "cache unreachable; serving without it for now",
                extra={
                    "event": "cache_down",
                    "cache": self.name,
                    "error": f"{type(exc).__name__}: {exc}",
                    "retry_after_s": self.retry_after,
                },
            )

    def stale(self) -> set[str]:
        with self.lock:
            return set(self.stale_keys)

    def succeeded(self, *, deleted: set[str]) -> set[str]:
        """Close the breaker after a trial that deleted ``deleted``; returns the keys that
        were remembered meanwhile and still need deleting."""
        with self.lock:
            if self.open_until is None:
                return set()
            self.open_until = None
            remaining, self.stale_keys = self.stale_keys - deleted, set()
            overflow, self.stale_keys_overflow = self.stale_keys_overflow, False
        logger.warning(
            "cache reachable again",
            extra={
                "event": "cache_up",
                "cache": self.name,
                "stale_keys": len(deleted) + len(remaining),
            },
        )
        if overflow:
            logger.warning(
                "more keys changed during the cache outage than were remembered; "
                "some cache entries may be stale until they expire",
                extra={"event": "cache_stale_overflow", "cache": self.name},
            )
        return remaining

    def remember(self, keys) -> None:
        """Keys whose write or delete did not reach Redis."""
        with self.lock:
            for key in keys:
                if len(self.stale_keys) >= MAX_STALE_KEYS:
                    self.stale_keys_overflow = True
                    return
                self.stale_keys.add(key)

    @property
    def is_open(self) -> bool:
        return self.open_until is not None


_breakers: dict[tuple, CircuitBreaker] = {}
_breakers_lock = threading.Lock()


def breaker_for(*, location: str, retry_after: float) -> CircuitBreaker:
    """One breaker per Redis location and process (Django makes a cache object per thread)."""
    with _breakers_lock:
        key = (location, retry_after)
        if key not in _breakers:
            _breakers[key] = CircuitBreaker(name=location.split("@")[-1], retry_after=retry_after)
        return _breakers[key]


_clients: dict[tuple, object] = {}
_clients_lock = threading.Lock()


class SharedRedisCacheClient(RedisCacheClient):
    """Django's Redis cache client with one redis-py client (and so one connection pool) per
    server and process, shared by every thread.

    Django makes a cache object per thread, each with its own pool, and builds a new redis-py
    client for every operation (about 0.1 ms of CPU each, several times per request). redis-py
    clients and pools are thread-safe, and a pool notices a fork and starts afresh.
    """

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        cache_key = (self._servers[index], repr(sorted(self._pool_options.items())))
        client = _clients.get(cache_key)
        if client is None:
            with _clients_lock:
                client = _clients.get(cache_key)
                if client is None:
                    pool = self._pool_class.from_url(self._servers[index], **self._pool_options)
                    client = _clients[cache_key] = self._client(connection_pool=pool)
        return client


class ResilientRedisCache(RedisCache):
    """Django's Redis cache that answers as an empty cache while Redis is down.

    ``OPTIONS`` are Django's (passed to redis-py's connection pool, e.g. ``socket_timeout``)
    plus ``retry_after``: seconds between attempts to reach a Redis that failed.
    """

    def __init__(self, server, params):
        params = dict(params)
        options = dict(params.get("OPTIONS") or {})
        retry_after = float(options.pop("retry_after", DEFAULT_RETRY_AFTER))
        params["OPTIONS"] = options
        super().__init__(server, params)
        self._class = SharedRedisCacheClient
        self.breaker = breaker_for(location=str(server), retry_after=retry_after)

    def _guard(self, operation, fallback, *, keys=()):
        if not self.breaker.allows():
            self.breaker.remember(keys)
            return fallback
        try:
            if self.breaker.is_open:
                # The first operation after an outage: before it may read anything, the
                # entries that the outage left stale go.
                self._recover()
            return operation()
        except OUTAGE_ERRORS as exc:
            self.breaker.failed(exc)
            self.breaker.remember(keys)
            return fallback

    def _recover(self) -> None:
        """Delete the keys changed during the outage and close the breaker; raises when
        Redis still fails."""
        stale = self.breaker.stale()
        if stale:
            self._cache.delete_many(list(stale))
        else:
            self._cache.get_client(write=True).ping()
        remaining = self.breaker.succeeded(deleted=stale)
        if remaining:  # written by other threads while this one was deleting
            self._cache.delete_many(list(remaining))

    def _raw(self, key, version):
        return self.make_and_validate_key(key, version=version)

    def probe(self) -> None:
        """Write and read a key in Redis itself, past the breaker; raises when that fails.

        For the health check. A success also closes the breaker.
        """
        key = self.make_and_validate_key("health-probe")
        self._cache.set(key, "1", 10)
        if self._cache.get(key, None) != "1":
            raise RedisError("the cache did not return the value just written")
        if self.breaker.is_open:
            self._recover()

    # Every public operation of Django's RedisCache, each with what an empty cache answers.

    def add(self, key, value, timeout=None, version=None):
        parent = super().add
        return self._guard(
            lambda: parent(key, value, timeout, version),
            False,
            keys=[self._raw(key, version)],
        )

    def get(self, key, default=None, version=None):
        parent = super().get
        return self._guard(lambda: parent(key, default, version), default)

    def set(self, key, value, timeout=None, version=None):
        parent = super().set
        self._guard(
            lambda: parent(key, value, timeout, version), None, keys=[self._raw(key, version)]
        )

    def touch(self, key, timeout=None, version=None):
        parent = super().touch
        return self._guard(lambda: parent(key, timeout, version), False)

    def delete(self, key, version=None):
        parent = super().delete
        return self._guard(lambda: parent(key, version), False, keys=[self._raw(key, version)])

    def get_many(self, keys, version=None):
        parent = super().get_many
        return self._guard(lambda: parent(keys, version), {})

    def has_key(self, key, version=None):
        parent = super().has_key
        return self._guard(lambda: parent(key, version), False)

    def incr(self, key, delta=1, version=None):
        parent = super().incr
        missing = object()
        result = self._guard(lambda: parent(key, delta, version), missing)
        if result is missing:
            # As for a key that is not in the cache.
            raise ValueError(f"Key '{key}' not found.")
        return result

    def set_many(self, data, timeout=None, version=None):
        parent = super().set_many
        keys = [self._raw(key, version) for key in data]
        return self._guard(lambda: parent(data, timeout, version), list(data), keys=keys)

    def delete_many(self, keys, version=None):
        parent = super().delete_many
        raw = [self._raw(key, version) for key in keys]
        return self._guard(lambda: parent(keys, version), None, keys=raw)

    def clear(self):
        return self._guard(super().clear, False)
