"""A mail server that accepts connections and never answers delays one message, not the rest."""

from datetime import timedelta

import pytest

from learning.outbox.models import OutboxStatus
from learning.outbox.services import (
    SEND_SOFT_TIME_LIMIT,
    SEND_TIME_LIMIT,
    SENDING_LEASE,
    message_send,
    messages_flush,
)
from learning.outbox.tasks import send_message_task
from learning.settings import env
from learning.settings.env import parse_email_url
from tests.outbox.factories import OutboxMessageFactory
from tests.outbox.smtp_server import LocalSMTPServer

pytestmark = pytest.mark.django_db


@pytest.fixture
def smtp_server():
    server = LocalSMTPServer(hang_for=30)
    yield server
    server.close()


@pytest.fixture
def smtp_settings(settings, smtp_server, monkeypatch):
    """Mail settings as production makes them from EMAIL_URL (without a ?timeout=), with a
    default of one second instead of twenty to keep the test short."""
    monkeypatch.setattr(env, "EMAIL_TIMEOUT_DEFAULT", 1, raising=False)
    for name, value in parse_email_url(smtp_server.url()).items():
        setattr(settings, name, value)
    return settings


def test_a_hanging_mail_server_delays_one_message_and_not_the_next(smtp_server, smtp_settings):
    stalled = OutboxMessageFactory(subject="Eerste bericht")
    following = OutboxMessageFactory(subject="Tweede bericht")

    smtp_server.hang = True
    assert message_send(message_id=stalled.pk) is False
    assert smtp_server.hung_connections == 1
    stalled.refresh_from_db()
    # Failed on the timeout (not after the server gave up), and back in the queue for later.
    assert "timed out" in stalled.last_error, stalled.last_error
    assert stalled.status == OutboxStatus.QUEUED
    assert stalled.attempts == 1
    assert stalled.next_attempt_at > stalled.created_at

    smtp_server.hang = False
    assert message_send(message_id=following.pk) is True
    following.refresh_from_db()
    assert following.status == OutboxStatus.SENT
    assert len(smtp_server.messages) == 1
    assert b"Tweede bericht" in smtp_server.messages[0]

    # The retry, once its back-off has passed, goes out once.
    assert messages_flush(now=stalled.next_attempt_at + timedelta(seconds=1)) == 1
    stalled.refresh_from_db()
    assert stalled.status == OutboxStatus.SENT
    assert len(smtp_server.messages) == 2
    assert b"Eerste bericht" in smtp_server.messages[1]


def test_email_url_sets_a_timeout_by_default():
    assert parse_email_url("smtp://smtp.example.nl:587?tls=1")["EMAIL_TIMEOUT"] == 20
    assert parse_email_url("smtps://smtp.example.nl?timeout=5")["EMAIL_TIMEOUT"] == 5


@pytest.mark.parametrize("timeout", ["abc", "0", "-3"])
def test_email_url_refuses_a_bad_timeout(timeout):
    from django.core.exceptions import ImproperlyConfigured

    with pytest.raises(ImproperlyConfigured, match="timeout"):
        parse_email_url(f"smtp://smtp.example.nl?timeout={timeout}")


def test_the_send_task_has_time_limits_within_the_sending_lease():
    """A send that outlasts the mail-server timeout is stopped by the soft limit (the message
    is retried) or the hard limit (the worker process is replaced); only after that may the
    flush take the message back, so a send in progress is never duplicated."""
    assert send_message_task.soft_time_limit == SEND_SOFT_TIME_LIMIT
    assert send_message_task.time_limit == SEND_TIME_LIMIT
    assert env.EMAIL_TIMEOUT_DEFAULT < SEND_SOFT_TIME_LIMIT < SEND_TIME_LIMIT
    assert SEND_TIME_LIMIT < SENDING_LEASE.total_seconds() <= 5 * 60
