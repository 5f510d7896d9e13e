import pytest
from django.core import mail
from django.db import transaction

from learning.core.email import email_send
from learning.outbox.models import OutboxMessage, OutboxStatus


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_email_goes_through_the_outbox_and_is_sent_only_after_commit():
    with transaction.atomic():
        email_send(to=["a@gemeente.example"], subject="Welkom", text="Hallo", html="<p>Hallo</p>")
        assert OutboxMessage.objects.get().status == OutboxStatus.QUEUED
        assert mail.outbox == []
    assert len(mail.outbox) == 1
    assert mail.outbox[0].alternatives[0].mimetype == "text/html"
    message = OutboxMessage.objects.get()
    assert message.kind == "account"
    assert message.status == OutboxStatus.SENT


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_no_email_when_the_transaction_rolls_back():
    with pytest.raises(RuntimeError), transaction.atomic():
        email_send(to=["a@gemeente.example"], subject="Welkom", text="Hallo")
        raise RuntimeError("iets ging mis")
    assert mail.outbox == []
    assert not OutboxMessage.objects.exists()


@pytest.mark.django_db
def test_one_message_per_recipient(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        email_send(to=["a@gemeente.example", "b@gemeente.example"], subject="Welkom", text="Hallo")
    assert sorted(OutboxMessage.objects.values_list("to", flat=True)) == [
        "a@gemeente.example",
        "b@gemeente.example",
    ]
    assert sorted(m.to[0] for m in mail.outbox) == ["a@gemeente.example", "b@gemeente.example"]
