import os

import pytest
from django.db import connection
from django.urls import reverse

from tests.conftest import require_service, service_reachable

pytestmark = pytest.mark.django_db

REDIS_URL = os.environ.get("CELERY_BROKER_URL", "redis://127.0.0.1:6379/0")


def test_healthy_without_a_broker(client, settings):
    settings.CELERY_BROKER_CONFIGURED = False
    response = client.get(reverse("health"))
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["checks"]["database"]["status"] == "up"
    assert "broker" not in body["checks"]
    assert response["Cache-Control"].startswith("max-age=0")


def test_unreachable_broker_gives_503(client, settings):
    settings.CELERY_BROKER_CONFIGURED = True
    # A port nothing listens on; the health check must answer quickly, not hang.
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"
    response = client.get(reverse("health"))
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "error"
    assert body["checks"]["broker"]["status"] == "down"
    assert body["checks"]["database"]["status"] == "up"


def test_reachable_broker_gives_200(client, settings):
    require_service(service_reachable(REDIS_URL), f"Redis at {REDIS_URL}")
    settings.CELERY_BROKER_CONFIGURED = True
    settings.CELERY_BROKER_URL = REDIS_URL
    response = client.get(reverse("health"))
    assert response.status_code == 200
    assert response.json()["checks"]["broker"]["status"] == "up"


def test_unreachable_database_gives_503(client, settings, monkeypatch):
    settings.CELERY_BROKER_CONFIGURED = False

    def broken_cursor(*args, **kwargs):
        raise connection.Database.OperationalError("connection refused")

    monkeypatch.setattr(connection, "cursor", broken_cursor)
    response = client.get(reverse("health"))
    assert response.status_code == 503
    assert response.json()["checks"]["database"] == {"status": "down", "error": "OperationalError"}


def test_health_only_answers_get(client):
    assert client.post(reverse("health")).status_code == 405
