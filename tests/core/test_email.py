import pytest
from django.core import mail
from django.db import transaction

from learning.core.email import email_send


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_email_is_sent_only_after_commit():
    with transaction.atomic():
        email_send(to=["a@gemeente.example"], subject="Welkom", text="Hallo", html="<p>Hallo</p>")
        assert mail.outbox == []
    assert len(mail.outbox) == 1
    assert mail.outbox[0].alternatives[0].mimetype == "text/html"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_no_email_when_the_transaction_rolls_back():
    with pytest.raises(RuntimeError), transaction.atomic():
        email_send(to=["a@gemeente.example"], subject="Welkom", text="Hallo")
        raise RuntimeError("iets ging mis")
    assert mail.outbox == []
