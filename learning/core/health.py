"""Health checks for monitoring: the database and, when one is configured, the broker."""

import logging
import time

from django.conf import settings
from django.db import connection
from kombu import Connection

logger = logging.getLogger(__name__)


def check_database() -> dict:
    started = time.monotonic()
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # any failure means "down"; the reason goes to the log
        logger.warning("health: database unreachable: %s", exc)
        return {"status": "down", "error": exc.__class__.__name__}
    return {"status": "up", "latency_ms": round((time.monotonic() - started) * 1000, 1)}


def check_broker() -> dict | None:
    """None when no broker is configured (tasks then run in-process)."""
    if not settings.CELERY_BROKER_CONFIGURED:
        return None
    started = time.monotonic()
    try:
        timeout = settings.HEALTH_CHECK_TIMEOUT
        with Connection(settings.CELERY_BROKER_URL, connect_timeout=timeout) as conn:
            conn.ensure_connection(
                max_retries=1, interval_start=0, timeout=settings.HEALTH_CHECK_TIMEOUT
            )
    except Exception as exc:
        logger.warning("health: broker unreachable: %s", exc)
        return {"status": "down", "error": exc.__class__.__name__}
    return {"status": "up", "latency_ms": round((time.monotonic() - started) * 1000, 1)}


def health_report() -> tuple[bool, dict]:
    checks = {"database": check_database()}
    broker = check_broker()
    if broker is not None:
        checks["broker"] = broker
    healthy = all(check["status"] == "up" for check in checks.values())
    return healthy, {"status": "ok" if healthy else "error", "checks": checks}
