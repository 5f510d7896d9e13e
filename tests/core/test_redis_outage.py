"""One Redis for cache, sessions and broker, as in production, stopped under a running site.

A real gunicorn (one worker, so its log can be counted) with the cache, cached_db sessions
and the Celery broker on a redis-server of the test's own, sharing the test's PostgreSQL
database. With Redis stopped, a logged-in visitor still gets the home page, the agenda and an
event, and registers: the registration and its e-mail are saved. The outage is logged once.
When Redis is back, a real worker sends the e-mail exactly once.
"""

import json
import os
import re
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
import requests
from celery import Celery
from django.db import connection
from django.utils import timezone

from learning.events.models import Registration
from learning.outbox.models import OutboxMessage, OutboxStatus
from tests.conftest import require_service
from tests.core.test_celery_worker import WORKER_START, shared_database_url
from tests.redis_server import free_port

ROOT = Path(__file__).resolve().parents[2]


class Process:
    """A subprocess whose output lines are collected by a thread."""

    def __init__(self, args, env):
        self.popen = subprocess.Popen(
            args,
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        self.lines: list[str] = []
        self.reader = threading.Thread(
            target=lambda: self.lines.extend(self.popen.stdout), daemon=True
        )
        self.reader.start()

    def records(self) -> list[dict]:
        found = []
        for line in list(self.lines):
            start = line.find("{")
            if start == -1:
                continue
            try:
                found.append(json.loads(line[start:]))
            except ValueError:
                continue
        return found

    def output(self) -> str:
        return "".join(self.lines)

    def stop(self) -> None:
        self.popen.terminate()
        try:
            self.popen.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.popen.kill()
            self.popen.wait(timeout=10)
        self.reader.join(timeout=5)


def wait_for(condition, what: str, process: Process, seconds: float = 60) -> None:
    """A deadline against hanging, not a speed requirement."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        assert process.popen.poll() is None, f"{what}: process ended\n{process.output()}"
        time.sleep(0.2)
    pytest.fail(f"{what}: not within {seconds} s\n{process.output()}")


def csrf_token(session: requests.Session, base: str, path: str) -> str:
    html = session.get(base + path).text
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_redis_outage_keeps_pages_and_registrations_working(
    redis_server, make_event, make_user, password, tmp_path, settings
):
    require_service(
        connection.vendor == "postgresql",
        "A test database that gunicorn and a worker can share (PostgreSQL, via DATABASE_URL)",
    )
    event = make_event()
    user = make_user()
    # A hash that gunicorn's settings can check (the test settings hash with MD5).
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]
    user.set_password(password)
    user.save(update_fields=["password"])
    outbox = tmp_path / "outbox"
    outbox.mkdir()
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "learning.settings.dev",
        "DEBUG": "false",
        "DATABASE_URL": shared_database_url(),
        "DATABASE_CONN_MAX_AGE": "0",
        "CACHE_URL": redis_server.url(1),
        "CELERY_BROKER_URL": redis_server.url(0),
        "EMAIL_URL": f"file://{outbox}",
        "LOG_FORMAT": "json",
    }
    web = Process(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "learning.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "1",
            "--timeout",
            "60",
        ],
        env,
    )
    worker = None
    try:

        def answers():
            try:
                return requests.get(base + "/health/", timeout=60).status_code == 200
            except requests.ConnectionError:
                return False

        wait_for(answers, "gunicorn answers", web, seconds=120)
        browser = requests.Session()
        response = browser.post(
            base + "/accounts/login/",
            data={
                "login": user.email,
                "password": password,
                "csrfmiddlewaretoken": csrf_token(browser, base, "/accounts/login/"),
            },
            allow_redirects=False,
        )
        assert response.status_code == 302, response.text
        for path in ("/", "/agenda/", event.url):  # the cache and the session now in Redis
            assert browser.get(base + path).status_code == 200

        redis_server.stop()

        for _round in range(3):
            for path in ("/", "/agenda/", event.url):
                response = browser.get(base + path, allow_redirects=False)
                assert response.status_code == 200, (path, web.output())
        token = csrf_token(browser, base, event.url)
        response = browser.post(
            base + f"{event.url}register/",
            data={"csrfmiddlewaretoken": token},
            allow_redirects=False,
        )
        assert response.status_code == 302, web.output()
        assert response.headers["Location"] == event.url
        assert browser.get(base + event.url).status_code == 200

        registration = Registration.objects.get(event=event, user=user)
        messages = list(OutboxMessage.objects.all())
        assert messages, "the registration's e-mail is in the outbox"
        assert {message.status for message in messages} == {OutboxStatus.QUEUED}
        assert user.email in {message.to for message in messages}

        health = requests.get(base + "/health/", timeout=30)
        assert health.status_code == 200
        report = health.json()
        assert report["status"] == "degraded"
        assert report["checks"]["cache"]["status"] == "down"
        assert report["checks"]["broker"]["status"] == "down"

        records = web.records()
        assert [r for r in records if r.get("event") == "cache_down"] != []
        assert len([r for r in records if r.get("event") == "cache_down"]) == 1, web.output()
        # The web process's publisher thread tried the broker after the request, and failed.
        wait_for(
            lambda: [r for r in web.records() if r.get("event") == "email_dispatch_failed"],
            "the failed dispatch is logged",
            web,
        )
        assert not [r for r in records if r.get("status", 0) == 500], web.output()
        assert not [r for r in records if r.get("level") == "ERROR" and r.get("event") is None]

        # Redis is back; the flush (here sent by hand, twice, instead of by beat) finds the
        # e-mail once its dispatch grace has passed and a real worker sends it once.
        redis_server.start()
        OutboxMessage.objects.update(next_attempt_at=timezone.now())
        worker = Process(
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
                "--loglevel=INFO",
            ],
            {**env, **WORKER_START},
        )
        # An explicit connection: Celery would prefer CELERY_BROKER_URL from the environment.
        producer = Celery(set_as_current=False)
        with producer.connection_for_write(redis_server.url(0)) as broker:
            producer.send_task("outbox.flush", connection=broker)
            producer.send_task("outbox.flush", connection=broker)
        producer.close()

        def sent():
            return not OutboxMessage.objects.exclude(status=OutboxStatus.SENT).exists()

        wait_for(sent, "the outbox is sent", worker)

        def flushes_done():
            runs = [r for r in worker.records() if r.get("event") == "task"]
            return len([r for r in runs if r["task"] == "outbox.flush"]) == 2 and len(
                [r for r in runs if r["task"] == "outbox.send_message"]
            ) == len(messages)

        wait_for(flushes_done, "both flushes and the sends ran", worker)
        mail = "".join(path.read_text() for path in outbox.iterdir())
        assert mail.count("Message-ID:") == len(messages), mail
        assert mail.count(f"To: {user.email}") == 1
        assert registration.pk
    finally:
        web.stop()
        if worker is not None:
            worker.stop()
