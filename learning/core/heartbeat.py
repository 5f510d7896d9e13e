"""Heartbeats of the background processes: proof for ``/health/`` that beat and a worker run.

Celery beat sends the ``core.heartbeat`` task every ``INTERVAL`` and writes "beat" when it
does (``learning/celery.py``); the worker that runs the task writes "worker". Both go to the
database, not the cache, so a cache outage does not make the workers look dead.
"""

from datetime import datetime, timedelta

from django.db import close_old_connections, connection
from django.utils import timezone

from .models import Heartbeat

INTERVAL = timedelta(seconds=60)
# Three missed beats before a process counts as down: one late run is not an outage.
MAX_AGE = 3 * INTERVAL
TASK_NAME = "core.heartbeat"
BEAT = "beat"
WORKER = "worker"


def heartbeat_record(*, name: str, now: datetime | None = None) -> None:
    """Store that process ``name`` is alive now (one row per name, overwritten)."""
    # Beat is a long-running process outside any request: a connection that PostgreSQL
    # closed (restart, idle timeout) must be replaced, not reused forever.
    if not connection.in_atomic_block:
        close_old_connections()
    Heartbeat.objects.update_or_create(name=name, defaults={"seen_at": now or timezone.now()})


def heartbeat_status(*, name: str, now: datetime | None = None) -> dict:
    """ "up" when ``name`` was seen within ``MAX_AGE``, else "down"; with when and how long ago."""
    now = now or timezone.now()
    seen_at = Heartbeat.objects.filter(name=name).values_list("seen_at", flat=True).first()
    if seen_at is None:
        return {"status": "down", "last_seen": None}
    age = now - seen_at
    return {
        "status": "up" if age <= MAX_AGE else "down",
        "last_seen": seen_at.isoformat(),
        "age_s": round(age.total_seconds()),
    }
