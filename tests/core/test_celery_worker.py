"""Celery against a real Redis broker and a real worker process."""

import json
import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

from celery import Celery

from tests.conftest import require_service, service_reachable

ROOT = Path(__file__).resolve().parents[2]
REDIS_URL = os.environ.get("CELERY_BROKER_URL", "redis://127.0.0.1:6379/0")


def test_worker_delivers_an_email_sent_through_redis(tmp_path):
    require_service(service_reachable(REDIS_URL), f"Redis at {REDIS_URL}")
    queue = f"test-{uuid.uuid4().hex}"
    outbox = tmp_path / "outbox"
    outbox.mkdir()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "learning.settings.dev",
        "CELERY_BROKER_URL": REDIS_URL,
        "EMAIL_URL": f"file://{outbox}",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'worker.sqlite3'}",
        "LOG_FORMAT": "json",
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
    try:
        producer = Celery(broker=REDIS_URL)
        producer.send_task(
            "core.send_email",
            kwargs={
                "to": ["deelnemer@gemeente.example"],
                "subject": "Uw aanmelding is bevestigd",
                "text": "Tot ziens op 12 maart in Utrecht.",
                "html": "<p>Tot ziens op 12 maart in Utrecht.</p>",
                "from_email": "Circulair Leren <noreply@circulairleren.example>",
            },
            queue=queue,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not list(outbox.iterdir()):
            assert worker.poll() is None, worker.stdout.read()
            time.sleep(0.2)
        messages = list(outbox.iterdir())
        assert messages, "the worker did not deliver the e-mail within 60 s"
        content = messages[0].read_text()
        assert "Subject: Uw aanmelding is bevestigd" in content
        assert "deelnemer@gemeente.example" in content
        assert "text/html" in content
    finally:
        worker.terminate()
        output, _ = worker.communicate(timeout=30)
    task_lines = [
        json.loads(line)
        for line in output.splitlines()
        if line.startswith("{") and '"event": "task"' in line
    ]
    assert any(
        line["task"] == "core.send_email" and line["state"] == "SUCCESS" for line in task_lines
    ), output
