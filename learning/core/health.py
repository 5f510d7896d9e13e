"""Health checks for load balancers and monitoring.

What a load balancer should act on is the status code: 503 only when this web server cannot
serve pages (the database is unreachable). Everything else the site survives, so it answers
200 with ``"status": "degraded"`` and the failing check, for monitoring to alert on:

- the cache (Redis): pages and sessions fall back to the database (``learning/core/cache.py``);
- the broker (Redis): e-mails wait in the outbox until it is back;
- the worker and beat (their heartbeats, ``learning/core/heartbeat.py``): e-mails and
  reminders wait; these are the same for every web server, and taking all web servers out
  of the pool because a worker died would turn a delay into an outage.
"""

import logging
import time

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from kombu import Connection

from . import heartbeat

logger = logging.getLogger(__name__)


def _timed(check) -> dict:
    started = time.monotonic()
    try:
        check()
    except Exception as exc:  # any failure means "down"; the reason goes to the log
        logger.warning("health: %s", exc, extra={"event": "health", "check": check.__name__})
        return {"status": "down", "error": exc.__class__.__name__}
    return {"status": "up", "latency_ms": round((time.monotonic() - started) * 1000, 1)}


def database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def cache_roundtrip() -> None:
    """Past the cache's circuit breaker: does the cache itself answer?"""
    if hasattr(cache, "probe"):
        cache.probe()
        return
    cache.set("health-probe", "1", 10)
    if cache.get("health-probe") != "1":
        raise RuntimeError("the cache did not return the value just written")


def broker() -> None:
    timeout = settings.HEALTH_CHECK_TIMEOUT
    with Connection(settings.CELERY_BROKER_URL, connect_timeout=timeout) as conn:
        conn.ensure_connection(max_retries=1, interval_start=0, timeout=timeout)


def check_database() -> dict:
    return _timed(database)


def check_cache() -> dict:
    return _timed(cache_roundtrip)


def check_broker() -> dict | None:
    """None when no broker is configured (tasks then run in-process)."""
    if not settings.CELERY_BROKER_CONFIGURED:
        return None
    return _timed(broker)


def check_heartbeat(name: str) -> dict:
    try:
        return heartbeat.heartbeat_status(name=name)
    except Exception as exc:
        logger.warning("health: heartbeat %s unreadable: %s", name, exc)
        return {"status": "unknown", "error": exc.__class__.__name__}


def health_report() -> tuple[bool, dict]:
    """(can this server serve pages, the report). See the module docstring for the rules."""
    checks = {"database": check_database(), "cache": check_cache()}
    broker_check = check_broker()
    if broker_check is not None:
        # Without a broker tasks run in the web process: there is no worker or beat to watch.
        checks["broker"] = broker_check
        checks["worker"] = check_heartbeat(heartbeat.WORKER)
        checks["beat"] = check_heartbeat(heartbeat.BEAT)
    serving = checks["database"]["status"] == "up"
    if not serving:
        status = "error"
    elif all(check["status"] == "up" for check in checks.values()):
        status = "ok"
    else:
        status = "degraded"
    return serving, {"status": status, "checks": checks}
