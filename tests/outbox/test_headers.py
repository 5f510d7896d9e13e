"""Extra header lines (List-Unsubscribe, Reply-To): only the allowed names, one line each,
and sent with the message."""

import pytest
from django.core import mail

from learning.outbox.services import message_queue, message_send

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "headers",
    [{"Bcc": "iedereen@example.org"}, {"From": "x@example.org"}, {"Reply-To": "a@x.nl\nBcc: b"}],
)
def test_only_allowed_one_line_headers(headers):
    with pytest.raises(ValueError):
        message_queue(to="a@example.org", subject="Hoi", text="Tekst", kind="test", headers=headers)


def test_headers_are_sent(settings):
    settings.OUTBOX_EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    message = message_queue(
        to="a@example.org",
        subject="Nieuws",
        text="Tekst",
        kind="test",
        headers={
            "List-Unsubscribe": "<https://example.org/afmelden/x/>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Reply-To": "b@example.org",
        },
    )
    mail.outbox.clear()
    assert message_send(message_id=message.pk)
    sent = mail.outbox[0].message()
    assert sent["List-Unsubscribe"] == "<https://example.org/afmelden/x/>"
    assert sent["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert sent["Reply-To"] == "b@example.org"
