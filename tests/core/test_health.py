from datetime import timedelta

import pytest
from celery import signals
from django.db import connection
from django.urls import reverse
from django.utils import timezone

import learning.celery  # noqa: F401 - connects the beat heartbeat signal
from learning.core import heartbeat
from learning.core.heartbeat import heartbeat_record
from learning.core.tasks import heartbeat_task

pytestmark = pytest.mark.django_db


@pytest.fixture
def broker_up(settings, broker_url):
    settings.CELERY_BROKER_CONFIGURED = True
    settings.CELERY_BROKER_URL = broker_url


def beats(*, worker_age=None, beat_age=None):
    now = timezone.now()
    if worker_age is not None:
        heartbeat_record(name="worker", now=now - worker_age)
    if beat_age is not None:
        heartbeat_record(name="beat", now=now - beat_age)


def test_healthy_without_a_broker(client, settings):
    settings.CELERY_BROKER_CONFIGURED = False
    response = client.get(reverse("health"))
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["checks"]["database"]["status"] == "up"
    assert body["checks"]["cache"]["status"] == "up"
    # Tasks run in the web process: no broker, worker or beat to watch.
    assert set(body["checks"]) == {"database", "cache"}
    assert response["Cache-Control"].startswith("max-age=0")


def test_unreachable_broker_is_degraded_not_down(client, settings):
    """The load balancer keeps the web server: e-mails wait in the outbox meanwhile."""
    settings.CELERY_BROKER_CONFIGURED = True
    # A port nothing listens on; the health check must answer quickly, not hang.
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"
    beats(worker_age=timedelta(0), beat_age=timedelta(0))
    response = client.get(reverse("health"))
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "degraded"
    assert body["checks"]["broker"]["status"] == "down"
    assert body["checks"]["database"]["status"] == "up"


def test_everything_up_is_ok(client, broker_up):
    beats(worker_age=timedelta(seconds=30), beat_age=timedelta(seconds=30))
    response = client.get(reverse("health"))
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok", body
    assert body["checks"]["broker"]["status"] == "up"
    assert body["checks"]["worker"]["status"] == "up"
    # Seen 30 s before the request (plus however long the request took on a busy machine).
    assert 30 <= body["checks"]["worker"]["age_s"] < 60
    assert body["checks"]["beat"]["status"] == "up"


def test_dead_worker_is_degraded_not_down(client, broker_up):
    """Beat still sends the heartbeat, nobody runs it: the workers are down (or stuck)."""
    beats(worker_age=heartbeat.MAX_AGE + timedelta(seconds=1), beat_age=timedelta(seconds=5))
    response = client.get(reverse("health"))
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "degraded"
    assert body["checks"]["worker"]["status"] == "down"
    assert body["checks"]["beat"]["status"] == "up"


def test_dead_beat_is_degraded_not_down(client, broker_up):
    beats(
        worker_age=heartbeat.MAX_AGE + timedelta(minutes=1),
        beat_age=heartbeat.MAX_AGE + timedelta(minutes=1),
    )
    response = client.get(reverse("health"))
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "degraded"
    assert body["checks"]["beat"]["status"] == "down"


def test_no_heartbeat_ever_is_down(client, broker_up):
    body = client.get(reverse("health")).json()
    assert body["checks"]["worker"] == {"status": "down", "last_seen": None}
    assert body["checks"]["beat"] == {"status": "down", "last_seen": None}


def test_unreachable_cache_is_degraded_not_down(client, settings):
    settings.CELERY_BROKER_CONFIGURED = False
    settings.CACHES = {
        "default": {
            "BACKEND": "learning.core.cache.ResilientRedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
    response = client.get(reverse("health"))
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "degraded"
    assert body["checks"]["cache"] == {"status": "down", "error": "ConnectionError"}


def test_unreachable_database_gives_503(client, settings, monkeypatch):
    settings.CELERY_BROKER_CONFIGURED = False

    def broken_cursor(*args, **kwargs):
        raise connection.Database.OperationalError("connection refused")

    monkeypatch.setattr(connection, "cursor", broken_cursor)
    response = client.get(reverse("health"))
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "error"
    assert body["checks"]["database"] == {"status": "down", "error": "OperationalError"}


def test_the_worker_writes_the_worker_heartbeat_and_beat_the_beat_heartbeat():
    heartbeat_task.delay()  # eager in the test settings: runs as the worker would
    assert heartbeat.heartbeat_status(name="worker")["status"] == "up"
    assert heartbeat.heartbeat_status(name="beat")["status"] == "down"
    # What beat does when it sends the task; sending another task records nothing.
    signals.before_task_publish.send(sender="outbox.flush")
    assert heartbeat.heartbeat_status(name="beat")["status"] == "down"
    signals.before_task_publish.send(sender=heartbeat.TASK_NAME)
    assert heartbeat.heartbeat_status(name="beat")["status"] == "up"


def test_beat_schedules_the_heartbeat(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["core-heartbeat"]
    assert entry["task"] == heartbeat.TASK_NAME
    assert entry["schedule"] < heartbeat.MAX_AGE.total_seconds()


def test_health_only_answers_get(client):
    assert client.post(reverse("health")).status_code == 405
