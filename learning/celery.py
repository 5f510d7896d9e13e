"""The Celery application. Workers start with `make worker` (worker and beat)."""

import logging
import os
import time

from celery import Celery, signals

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "learning.settings.dev")

app = Celery("learning")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

logger = logging.getLogger("learning.tasks")
_started: dict[str, float] = {}


@signals.task_prerun.connect
def _task_started(task_id=None, task=None, **kwargs):
    _started[task_id] = time.monotonic()


@signals.task_postrun.connect
def _task_finished(task_id=None, task=None, state=None, **kwargs):
    """One structured log line per task run (JSON in production)."""
    started = _started.pop(task_id, None)
    duration_ms = round((time.monotonic() - started) * 1000, 1) if started else None
    logger.info(
        "task %s %s",
        task.name,
        state,
        extra={
            "event": "task",
            "task": task.name,
            "task_id": task_id,
            "state": state,
            "duration_ms": duration_ms,
            "retries": getattr(task.request, "retries", 0),
        },
    )


@signals.before_task_publish.connect
def _beat_heartbeat(sender=None, **kwargs):
    """Beat sends the heartbeat task: record that beat is alive (see learning/core/heartbeat.py).

    Only beat sends this task, so this runs in the beat process. A database outage must not
    stop beat from sending the task, hence only logged.
    """
    from learning.core.heartbeat import BEAT, TASK_NAME, heartbeat_record

    if sender != TASK_NAME:
        return
    try:
        heartbeat_record(name=BEAT)
    except Exception:
        logger.exception("could not record the beat heartbeat", extra={"event": "heartbeat"})
