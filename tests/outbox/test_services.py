"""The outbox's guarantees: queued with the change, sent once after commit, retried, never lost."""

import smtplib
import threading
from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone
from kombu.exceptions import OperationalError
from wagtail.models import ModelLogEntry

from learning.accounts.services import user_delete, user_export_data
from learning.outbox import services
from learning.outbox.models import OutboxMessage, OutboxStatus
from learning.outbox.services import (
    MAX_ATTEMPTS,
    OutboxError,
    message_queue,
    message_retry,
    message_send,
    messages_flush,
    sending,
)
from learning.outbox.tasks import send_message_task
from tests.factories import UserFactory
from tests.outbox.factories import OutboxMessageFactory

pytestmark = pytest.mark.django_db

ICS = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nMETHOD:REQUEST\r\nEND:VCALENDAR\r\n"


def queue(**overrides):
    values = {
        "to": "deelnemer@gemeente.example",
        "subject": "Uw aanmelding is bevestigd",
        "text": "Tot ziens op 12 maart in Utrecht.",
        "kind": "registration_confirmed",
    }
    values.update(overrides)
    return message_queue(**values)


@pytest.fixture
def broker_down(monkeypatch):
    def refuse(*args, **kwargs):
        raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(send_message_task, "delay", refuse)


@pytest.fixture
def smtp_down(monkeypatch):
    def refuse(self, fail_silently=False):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")

    monkeypatch.setattr("django.core.mail.EmailMessage.send", refuse)


@pytest.fixture
def dispatched(monkeypatch):
    """Record the dispatched ids instead of sending."""
    ids = []
    monkeypatch.setattr(send_message_task, "delay", ids.append)
    return ids


# --- Queued with the change, sent after commit ------------------------------------------------


def test_rollback_leaves_neither_row_nor_email(django_capture_on_commit_callbacks):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        queue()
        raise RuntimeError("de aanmelding mislukte")
    assert callbacks == []
    assert not OutboxMessage.objects.exists()
    assert mail.outbox == []


def test_one_publish_per_transaction_and_each_email_once(
    django_capture_on_commit_callbacks, monkeypatch
):
    """Three messages of one transaction cost the web request one publish to the broker; the
    worker fans them out, and each e-mail goes out exactly once."""
    from learning.outbox.tasks import dispatch_messages_task

    publishes = []
    batch_delay = dispatch_messages_task.delay
    monkeypatch.setattr(
        dispatch_messages_task, "delay", lambda ids: publishes.append(ids) or batch_delay(ids)
    )
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with transaction.atomic():
            messages = [queue(to=f"deelnemer{n}@gemeente.example") for n in range(3)]
        assert mail.outbox == []
    assert len(callbacks) == 1
    assert publishes == [[message.pk for message in messages]]
    assert sorted(email.to[0] for email in mail.outbox) == [
        f"deelnemer{n}@gemeente.example" for n in range(3)
    ]

    # A transaction that rolls back leaves its batch behind; the next one starts its own.
    with pytest.raises(RuntimeError), transaction.atomic():
        queue(to="teruggedraaid@gemeente.example")
        raise RuntimeError("teruggedraaid")
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        queue(to="daarna@gemeente.example")
    assert [email.to[0] for email in mail.outbox].count("daarna@gemeente.example") == 1
    assert "teruggedraaid@gemeente.example" not in [email.to[0] for email in mail.outbox]


def test_commit_sends_exactly_one_email_with_html_and_attachment(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with transaction.atomic():
            message = queue(
                html="<p>Tot ziens op 12 maart in Utrecht.</p>",
                attachments=[
                    {
                        "filename": "uitnodiging.ics",
                        "content": ICS,
                        "mimetype": "text/calendar; method=REQUEST; charset=utf-8",
                    }
                ],
            )
            assert message.status == OutboxStatus.QUEUED
        assert mail.outbox == []  # nothing before the commit
    assert len(callbacks) == 1
    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert email.to == ["deelnemer@gemeente.example"]
    assert email.subject == "Uw aanmelding is bevestigd"
    assert email.alternatives[0].mimetype == "text/html"
    [calendar] = [p for p in email.message().walk() if p.get_content_type() == "text/calendar"]
    assert calendar.get_param("method") == "REQUEST"
    assert calendar.get_params().count(("charset", "utf-8")) == 1
    # In the body (so Outlook shows a meeting), and attached as a file for other clients.
    assert calendar.get_filename() is None
    assert "METHOD:REQUEST" in calendar.get_payload(decode=True).decode()
    [attached] = [p for p in email.message().walk() if p.get_filename() == "uitnodiging.ics"]
    assert attached.get_content_type() == "application/ics"
    assert attached.get_payload(decode=True).decode() == calendar.get_payload(decode=True).decode()
    message.refresh_from_db()
    assert message.status == OutboxStatus.SENT
    assert message.sent_at is not None
    assert message.attempts == 1
    assert message.next_attempt_at is None


def test_defaults_and_links(django_capture_on_commit_callbacks, settings):
    user = UserFactory()
    with django_capture_on_commit_callbacks():
        message = queue(to=user.email, user=user, subject="Regel een\nRegel twee")
    assert message.from_email == settings.DEFAULT_FROM_EMAIL
    assert message.user == user
    assert message.subject == "Regel een Regel twee"  # a line break would be refused at send
    assert len(queue(subject="x" * 2000).subject) == 998


def test_one_address_per_message():
    with pytest.raises(ValueError):
        queue(to=["a@gemeente.example", "b@gemeente.example"])


def test_attachments_must_be_text_with_filename_and_mimetype():
    with pytest.raises(ValueError):
        queue(attachments=[{"filename": "x.pdf", "content": b"%PDF", "mimetype": "x/y"}])
    with pytest.raises(ValueError):
        queue(attachments=[{"filename": "x.ics", "content": ICS}])


# --- Once ------------------------------------------------------------------------------------


def test_sending_twice_sends_once(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks():
        message = queue()
    assert message_send(message_id=message.pk) is True
    assert message_send(message_id=message.pk) is False
    assert len(mail.outbox) == 1


def test_unknown_message_is_ignored():
    assert message_send(message_id=123456) is False


def test_dedupe_key_queues_once(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        first = queue(dedupe_key="reminder:7:registration:1")
        second = queue(dedupe_key="reminder:7:registration:1", subject="Anders")
    assert second.pk == first.pk
    assert OutboxMessage.objects.count() == 1
    assert len(callbacks) == 1
    assert len(mail.outbox) == 1
    # A later run, after the first was sent, still queues nothing.
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        assert queue(dedupe_key="reminder:7:registration:1").pk == first.pk
    assert callbacks == []
    assert len(mail.outbox) == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_sends_of_one_message_send_once(monkeypatch):
    message = OutboxMessageFactory()  # committed: both threads see it

    deliver = sending._deliver

    def slow_deliver(message):
        # Long enough that the other thread tries while this one holds the claim.
        threading.Event().wait(0.2)
        deliver(message)

    monkeypatch.setattr(sending, "_deliver", slow_deliver)
    barrier = threading.Barrier(2)
    results = []

    def worker():
        try:
            barrier.wait()
            results.append(message_send(message_id=message.pk))
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(results) == [False, True]
    assert len(mail.outbox) == 1
    message.refresh_from_db()
    assert message.status == OutboxStatus.SENT


# --- Retries ---------------------------------------------------------------------------------


def test_mail_server_failure_backs_off_then_fails(smtp_down, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks():
        message = queue()
    expected_minutes = [1, 2, 4, 8, 16, 32, 60]  # doubling, at most an hour
    for attempt, minutes in enumerate(expected_minutes, start=1):
        before = timezone.now()
        assert message_send(message_id=message.pk) is False
        message.refresh_from_db()
        assert message.status == OutboxStatus.QUEUED
        assert message.attempts == attempt
        assert "SMTPServerDisconnected" in message.last_error
        delay = message.next_attempt_at - before
        assert timedelta(minutes=minutes) <= delay < timedelta(minutes=minutes, seconds=5)
    assert message_send(message_id=message.pk) is False
    message.refresh_from_db()
    assert message.attempts == MAX_ATTEMPTS
    assert message.status == OutboxStatus.FAILED
    assert message.next_attempt_at is None
    assert messages_flush(now=timezone.now() + timedelta(days=1)) == 0
    assert mail.outbox == []


def test_flush_sends_a_retry_when_it_is_due(
    smtp_down, monkeypatch, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks():
        message = queue()
    message_send(message_id=message.pk)
    monkeypatch.undo()
    now = timezone.now()
    assert messages_flush(now=now) == 0  # not due for another minute
    assert messages_flush(now=now + timedelta(minutes=1, seconds=5)) == 1
    message.refresh_from_db()
    assert message.status == OutboxStatus.SENT
    assert message.attempts == 2
    assert len(mail.outbox) == 1


def test_broker_outage_keeps_the_message_for_the_flush(
    broker_down, monkeypatch, caplog, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        message = queue()
    # The transaction committed without an error; the message waits in the outbox.
    message.refresh_from_db()
    assert message.status == OutboxStatus.QUEUED
    assert mail.outbox == []
    assert "the outbox flush will send it" in caplog.text

    monkeypatch.undo()  # the broker is back
    now = timezone.now()
    assert messages_flush(now=now) == 0  # still within the grace for the on-commit task
    assert messages_flush(now=now + timedelta(minutes=3)) == 1
    assert messages_flush(now=now + timedelta(minutes=10)) == 0
    assert len(mail.outbox) == 1
    message.refresh_from_db()
    assert message.status == OutboxStatus.SENT


def test_a_request_succeeds_while_the_broker_is_down(
    client, broker_down, django_capture_on_commit_callbacks
):
    user = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("account_reset_password"), {"email": user.email})
    assert response.status_code == 302
    message = OutboxMessage.objects.get(to=user.email)
    assert message.kind == "account_password_reset_key"
    assert message.status == OutboxStatus.QUEUED
    assert mail.outbox == []


def test_flush_dispatches_each_due_message_once(dispatched):
    now = timezone.now()
    due = OutboxMessageFactory.create_batch(2, next_attempt_at=now - timedelta(seconds=1))
    OutboxMessageFactory(next_attempt_at=now + timedelta(minutes=1))  # not yet
    OutboxMessageFactory(status=OutboxStatus.SENT)
    OutboxMessageFactory(status=OutboxStatus.FAILED)
    assert messages_flush(now=now) == 2
    assert messages_flush(now=now) == 0
    assert sorted(dispatched) == sorted(m.pk for m in due)


def test_flush_respects_its_limit(dispatched):
    OutboxMessageFactory.create_batch(3, next_attempt_at=None)
    assert messages_flush(limit=2) == 2
    assert messages_flush(limit=2) == 1


def test_flush_stops_while_the_broker_is_down(broker_down):
    message = OutboxMessageFactory(next_attempt_at=None)
    assert messages_flush() == 0
    message.refresh_from_db()
    assert message.status == OutboxStatus.QUEUED
    assert message.next_attempt_at is not None  # the next flush tries again after the grace


def test_a_message_stuck_in_sending_is_sent_again_after_its_lease(
    django_capture_on_commit_callbacks, monkeypatch
):
    with django_capture_on_commit_callbacks():
        message = queue()

    def killed(message):
        raise SystemExit("worker killed while sending")

    monkeypatch.setattr(sending, "_deliver", killed)
    with pytest.raises(SystemExit):
        message_send(message_id=message.pk)
    monkeypatch.undo()
    message.refresh_from_db()
    assert message.status == OutboxStatus.SENDING
    now = timezone.now()
    # Within the task's hard time limit it may still be sending; after its lease it is not.
    assert messages_flush(now=now + timedelta(seconds=services.SEND_TIME_LIMIT)) == 0
    assert messages_flush(now=now + services.SENDING_LEASE + timedelta(seconds=1)) == 1
    message.refresh_from_db()
    assert message.status == OutboxStatus.SENT
    assert message.attempts == 2  # the interrupted one counts
    assert len(mail.outbox) == 1


def test_a_message_stuck_in_sending_on_its_last_attempt_fails(dispatched):
    message = OutboxMessageFactory(
        status=OutboxStatus.SENDING,
        attempts=MAX_ATTEMPTS - 1,
        next_attempt_at=timezone.now() - timedelta(minutes=1),
    )
    assert messages_flush() == 0
    message.refresh_from_db()
    assert message.status == OutboxStatus.FAILED
    assert dispatched == []


# --- Coordinators ----------------------------------------------------------------------------


def test_retry_queues_a_failed_message_again(django_capture_on_commit_callbacks):
    coordinator = UserFactory()
    message = OutboxMessageFactory(
        status=OutboxStatus.FAILED, attempts=MAX_ATTEMPTS, last_error="SMTPRecipientsRefused"
    )
    with django_capture_on_commit_callbacks(execute=True):
        message_retry(message=message, actor=coordinator)
    message.refresh_from_db()
    assert message.status == OutboxStatus.SENT
    assert message.attempts == 1
    assert message.last_error == ""
    assert len(mail.outbox) == 1
    entry = ModelLogEntry.objects.get(action="outbox.retry")
    assert entry.user == coordinator
    assert entry.object_id == str(message.pk)
    assert message.to not in entry.label


@pytest.mark.parametrize("status", [OutboxStatus.QUEUED, OutboxStatus.SENT])
def test_only_failed_messages_can_be_retried(status, django_capture_on_commit_callbacks):
    message = OutboxMessageFactory(status=status)
    with django_capture_on_commit_callbacks() as callbacks, pytest.raises(OutboxError) as error:
        message_retry(message=message)
    assert error.value.code == "not_failed"
    assert callbacks == []


# --- Personal data ---------------------------------------------------------------------------


def test_export_and_erase_with_the_account(django_capture_on_commit_callbacks):
    user = UserFactory()
    other = UserFactory()
    with django_capture_on_commit_callbacks():
        queue(to=user.email, user=user, subject="Aanmelding bevestigd")
        queue(to=user.email.upper(), kind="account", subject="Wachtwoord opnieuw instellen")
        queue(to=other.email, user=other)
    exported = user_export_data(user=user)["data"]["emails"]
    assert {item["subject"] for item in exported} == {
        "Aanmelding bevestigd",
        "Wachtwoord opnieuw instellen",
    }
    user_delete(user=user)
    assert list(OutboxMessage.objects.values_list("to", flat=True)) == [other.email]


def test_purge_deletes_old_sent_messages_but_never_queued_ones():
    from datetime import timedelta

    from django.utils import timezone

    from learning.outbox.models import OutboxMessage, OutboxStatus
    from learning.outbox.services import messages_purge

    old = timezone.now() - timedelta(days=400)
    sent = OutboxMessage.objects.create(
        to="a@gemeente.example", subject="Oud", text="x", kind="test", status=OutboxStatus.SENT
    )
    queued = OutboxMessage.objects.create(
        to="b@gemeente.example", subject="Wacht", text="x", kind="test", status=OutboxStatus.QUEUED
    )
    recent = OutboxMessage.objects.create(
        to="c@gemeente.example", subject="Nieuw", text="x", kind="test", status=OutboxStatus.SENT
    )
    OutboxMessage.objects.filter(pk__in=[sent.pk, queued.pk]).update(created_at=old)
    assert messages_purge(months=12) == 1
    assert set(OutboxMessage.objects.values_list("pk", flat=True)) == {queued.pk, recent.pk}


def test_deferred_message_is_rendered_once_by_the_worker(monkeypatch):
    from learning.outbox import renderers
    from learning.outbox.services import message_queue, message_send

    calls = []

    def render(payload):
        calls.append(payload)
        return {"subject": f"Hallo {payload['name']}", "text": "Tekst", "html": "<p>Tekst</p>"}

    renderers.register("test.hello", render)
    message = message_queue(
        to="a@gemeente.example", kind="test", renderer="test.hello", payload={"name": "Fenna"}
    )
    assert message.text == "" and message.subject == ""
    failures = iter([smtplib.SMTPServerDisconnected("weg"), None])

    def flaky_send(self, fail_silently=False):
        error = next(failures)
        if error:
            raise error
        return 1

    monkeypatch.setattr("django.core.mail.EmailMultiAlternatives.send", flaky_send)
    assert message_send(message_id=message.pk) is False  # rendered, then the send failed
    message.refresh_from_db()
    assert message.subject == "Hallo Fenna"
    OutboxMessage.objects.filter(pk=message.pk).update(next_attempt_at=timezone.now())
    assert message_send(message_id=message.pk) is True
    assert len(calls) == 1  # the retry sent the stored content


def test_queue_needs_text_or_renderer():
    from learning.outbox.services import message_queue

    with pytest.raises(ValueError):
        message_queue(to="a@gemeente.example", kind="test", subject="Leeg")


def test_debounced_messages_wait_for_quiet_and_never_longer_than_the_maximum(
    django_capture_on_commit_callbacks, monkeypatch
):
    start = timezone.now()

    def call(minutes, **payload):
        monkeypatch.setattr(timezone, "now", lambda: start + timedelta(minutes=minutes))
        return services.message_queue_debounced(
            to="deelnemer@gemeente.example",
            kind="registration_event_changed",
            renderer="events.registration",
            payload=payload,
            delay=timedelta(minutes=15),
            max_delay=timedelta(hours=1),
            same={"item": payload["item"]},
        )

    with django_capture_on_commit_callbacks() as callbacks:
        first = call(0, item=1, before="09:30")
        assert first.next_attempt_at == start + timedelta(minutes=15)
        again = call(10, item=1, before="10:00")
        assert again.pk == first.pk
        assert again.next_attempt_at == start + timedelta(minutes=25)  # moved on
        other = call(11, item=2, before="14:00")  # another item: its own message
        assert other.pk != first.pk
    assert callbacks == []  # nothing dispatched on commit: the flush sends them when due
    first.refresh_from_db()
    assert first.payload["before"] == "09:30"  # the first state is kept
    # Saving every ten minutes never postpones it beyond an hour after the first change.
    OutboxMessage.objects.filter(pk=first.pk).update(created_at=start)
    for minutes in (20, 30, 40, 50, 60):
        latest = call(minutes, item=1, before="x")
    assert latest.pk == first.pk
    assert latest.next_attempt_at == start + timedelta(hours=1)
    # Once it has been rendered (sent or being sent), a new change is a new message.
    OutboxMessage.objects.filter(pk=first.pk).update(text="verstuurd", status=OutboxStatus.SENT)
    assert call(70, item=1, before="y").pk != first.pk
