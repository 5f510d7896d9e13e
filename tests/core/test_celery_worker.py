"""The outbox against a real Redis broker and a real worker process sharing the test database."""

import json
import os
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path
from urllib.parse import quote

import pytest
from celery import Celery
from django.db import connection

from learning.outbox.models import OutboxStatus
from learning.outbox.tasks import send_message_task
from tests.conftest import require_service
from tests.outbox.factories import OutboxMessageFactory

ROOT = Path(__file__).resolve().parents[2]

# Celery's Django fixup runs Django's system checks when a worker starts and throws the result
# away: ~3.5 s of CPU per worker started here, for nothing these tests look at (the checks
# themselves run in tests/core/test_settings.py).
WORKER_START = {"CELERY_SKIP_CHECKS": "1"}


def shared_database_url() -> str:
    """The test database as a URL the worker process can open too (PostgreSQL only).

    pytest-django's SQLite test database lives in this process's memory, so a worker cannot
    see it; CI runs the suite against PostgreSQL.
    """
    db = connection.settings_dict
    auth = quote(db["USER"] or "", safe="")
    if db["PASSWORD"]:
        auth += ":" + quote(db["PASSWORD"], safe="")
    host = db["HOST"] or "127.0.0.1"
    port = f":{db['PORT']}" if db["PORT"] else ""
    return f"postgres://{auth}@{host}{port}/{db['NAME']}"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_worker_sends_a_committed_outbox_message_through_redis(tmp_path, broker_url):
    require_service(
        connection.vendor == "postgresql",
        "A test database that a worker process can share (PostgreSQL, via DATABASE_URL)",
    )
    message = OutboxMessageFactory(
        to="deelnemer@gemeente.example",
        subject="Uw aanmelding is bevestigd",
        text="Tot ziens op 12 maart in Utrecht.",
        html="<p>Tot ziens op 12 maart in Utrecht.</p>",
    )  # committed: this is a transactional test
    queue = f"test-{uuid.uuid4().hex}"
    outbox = tmp_path / "outbox"
    outbox.mkdir()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "learning.settings.dev",
        "CELERY_BROKER_URL": broker_url,
        "EMAIL_URL": f"file://{outbox}",
        "DATABASE_URL": shared_database_url(),
        # The test database is dropped at the end of the run: the worker must not linger on it.
        "DATABASE_CONN_MAX_AGE": "0",
        "LOG_FORMAT": "json",
        **WORKER_START,
    }
    worker = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "learning",
            "worker",
            "--pool=solo",
            "--without-heartbeat",
            "--without-gossip",
            "--without-mingle",
            "-Q",
            queue,
            "--loglevel=INFO",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    lines: list[str] = []
    reader = threading.Thread(target=lambda: lines.extend(worker.stdout), daemon=True)
    reader.start()
    # Not the current app: the tasks in later tests must keep running eagerly.
    producer = Celery(broker=broker_url, set_as_current=False)
    try:
        # The test settings run tasks eagerly; this producer publishes to Redis for real.
        producer.send_task(send_message_task.name, args=[message.pk], queue=queue)
        producer.send_task(send_message_task.name, args=[message.pk], queue=queue)  # twice
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and len(task_runs(lines)) < 2:
            assert worker.poll() is None, "".join(lines)
            time.sleep(0.2)
        message.refresh_from_db()
        assert message.status == OutboxStatus.SENT, "".join(lines)
        assert message.sent_at is not None
        files = list(outbox.iterdir())
        assert len(files) == 1, "the duplicate task must not send a second e-mail"
        content = files[0].read_text()
        assert "Subject: Uw aanmelding is bevestigd" in content
        assert "deelnemer@gemeente.example" in content
        assert "text/html" in content
    finally:
        producer.close()
        worker.terminate()
        worker.wait(timeout=30)
        reader.join(timeout=5)
    assert [run["state"] for run in task_runs(lines)] == ["SUCCESS", "SUCCESS"], "".join(lines)


def task_runs(lines: list[str]) -> list[dict]:
    """The worker's JSON task-log lines for the outbox's send task."""
    return [
        record
        for record in (json.loads(line) for line in list(lines) if line.startswith("{"))
        if record.get("event") == "task" and record.get("task") == "outbox.send_message"
    ]
