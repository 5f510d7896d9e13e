"""The tasks are thin: they receive ids and call the services."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.core import mail
from django.utils import timezone

from learning.celery import app
from learning.outbox.models import OutboxStatus
from learning.outbox.tasks import flush_outbox_task, send_message_task
from tests.outbox.factories import OutboxMessageFactory

pytestmark = pytest.mark.django_db


def test_send_task_delivered_twice_sends_one_email():
    message = OutboxMessageFactory()
    send_message_task.delay(message.pk)
    send_message_task.delay(message.pk)
    assert len(mail.outbox) == 1
    message.refresh_from_db()
    assert message.status == OutboxStatus.SENT


def test_flush_task_sends_what_is_due():
    due = OutboxMessageFactory(next_attempt_at=timezone.now() - timedelta(seconds=1))
    OutboxMessageFactory(next_attempt_at=timezone.now() + timedelta(minutes=1))
    assert flush_outbox_task.delay().get() == 1
    assert [m.to for m in mail.outbox] == [[due.to]]


def test_flush_runs_every_minute():
    entry = settings.CELERY_BEAT_SCHEDULE["outbox-flush"]
    assert entry["task"] == flush_outbox_task.name == "outbox.flush"
    assert entry["schedule"] == 60
    assert {"outbox.send_message", "outbox.flush"} <= set(app.tasks)
