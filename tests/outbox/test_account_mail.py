"""Account and security e-mails: only the recipient ever reads them (issue 19, finding 1).

The attack: a coordinator asks a password reset for an editor's address, reads the link in the
outbox admin and takes over the account. Now the outbox keeps no body and no link of such an
e-mail, on any screen; the worker makes the message (and its link) when it sends it, so it
still reaches the recipient, once, also after a broker or mail-server outage.
"""

import io
import json
import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from learning.events.coordination import coordinator_sections_grant
from learning.outbox.models import OutboxMessage, OutboxStatus
from learning.outbox.services import message_send, messages_flush
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

RESET_LINK = re.compile(r"https?://\S+/accounts/password/reset/key/\S+/")
CONFIRM_LINK = re.compile(r"https?://\S+/accounts/confirm-email/\S+/")
NEW_PASSWORD = "een-heel-nieuw-wachtwoord-2027"


class RefusingBackend:
    """A mail server that is down: every send fails."""

    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("mail server down")


@pytest.fixture
def editor():
    return UserFactory(is_staff=True, is_superuser=True, email="redacteur@circulair.example")


@pytest.fixture
def coordinator(agenda):
    user = UserFactory(is_staff=True, email="coordinator@circulair.example")
    user.groups.add(Group.objects.get(name="Coördinatoren"))
    coordinator_sections_grant(pages=[agenda])
    return user


def _request_reset(client, email, capture):
    # The broker is down: nothing is dispatched after the commit, the row waits in the outbox.
    with capture(execute=False):
        response = client.post(reverse("account_reset_password"), {"email": email})
    assert response.status_code == 302
    return OutboxMessage.objects.get(to=email)


def _screens(message):
    index = reverse("outbox:index")
    return [
        index,
        f"{index}?q=redacteur",
        f"{index}?kind={message.kind}",
        f"{index}?export=csv",
        f"{index}?export=xlsx",
        reverse("outbox:inspect", args=[message.pk]),
        reverse("outbox:history", args=[message.pk]),
        reverse("outbox:retry", args=[message.pk]),
    ]


def _text_of(response) -> str:
    body = (
        b"".join(response.streaming_content)
        if hasattr(response, "streaming_content")
        else response.content
    )
    if body.startswith(b"PK"):  # an XLSX workbook
        from openpyxl import load_workbook

        sheet = load_workbook(io.BytesIO(body)).active
        return " ".join(str(cell.value) for row in sheet.iter_rows() for cell in row)
    return body.decode(errors="replace")


def test_a_coordinator_cannot_read_a_reset_link_in_the_outbox(
    client, editor, coordinator, django_capture_on_commit_callbacks
):
    message = _request_reset(client, editor.email, django_capture_on_commit_callbacks)

    # Nothing that opens the account is stored.
    assert message.text == "" and message.html == "" and message.attachments == []
    stored = json.dumps(message.payload)
    assert "reset/key" not in stored and '"key"' not in stored
    assert message.kind == "account_password_reset_key"

    # Failed, so that "opnieuw versturen" would be offered to whoever may see it.
    OutboxMessage.objects.filter(pk=message.pk).update(status=OutboxStatus.FAILED)
    client.force_login(coordinator)
    for url in _screens(message):
        response = client.get(url)
        content = _text_of(response)
        assert "reset/key" not in content, url
        assert editor.email not in content, url
        if "inspect" in url or "history" in url or "retry" in url:
            assert response.status_code == 404, url
    response = client.post(reverse("outbox:retry", args=[message.pk]))
    assert response.status_code == 404
    message.refresh_from_db()
    assert message.status == OutboxStatus.FAILED

    # A superuser sees that the e-mail exists, to whom and in what state, but no link either.
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    for url in _screens(message):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "reset/key" not in _text_of(response), url
    inspect = client.get(reverse("outbox:inspect", args=[message.pk])).content.decode()
    assert editor.email in inspect
    assert "Niet bewaard" in inspect


def test_the_reset_mail_still_reaches_the_editor_once_and_its_link_works(
    client, editor, django_capture_on_commit_callbacks
):
    message = _request_reset(client, editor.email, django_capture_on_commit_callbacks)
    assert mail.outbox == []

    # The broker is back: the periodic flush sends it, once.
    later = timezone.now() + timezone.timedelta(minutes=5)
    assert messages_flush(now=later) == 1
    assert messages_flush(now=later) == 0
    assert [m.to for m in mail.outbox] == [[editor.email]]
    message.refresh_from_db()
    assert message.status == OutboxStatus.SENT
    assert message.text == "" and message.html == ""
    sent = mail.outbox[0]
    assert "wachtwoord" in sent.subject.lower()
    link = RESET_LINK.search(sent.body).group(0)
    html = {mimetype: body for body, mimetype in sent.alternatives}["text/html"]
    assert link in html

    # Only the recipient can use it: the link sets a new password.
    client.logout()
    path = "/" + link.split("/", 3)[3]
    response = client.get(path, follow=True)
    assert response.status_code == 200
    form_path = response.redirect_chain[-1][0] if response.redirect_chain else path
    response = client.post(form_path, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert response.status_code == 302
    editor.refresh_from_db()
    assert editor.check_password(NEW_PASSWORD)


def test_a_retry_after_a_mail_server_failure_makes_the_message_again(
    client, editor, settings, django_capture_on_commit_callbacks
):
    message = _request_reset(client, editor.email, django_capture_on_commit_callbacks)
    settings.EMAIL_BACKEND = f"{__name__}.RefusingBackend"
    assert message_send(message_id=message.pk) is False
    message.refresh_from_db()
    assert message.status == OutboxStatus.QUEUED and message.attempts == 1
    assert message.text == "" and message.html == ""

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert message_send(message_id=message.pk) is True
    assert len(mail.outbox) == 1
    assert RESET_LINK.search(mail.outbox[0].body)
    message.refresh_from_db()
    assert message.text == "" and message.html == ""


def test_the_verification_mail_is_made_when_sent_and_not_stored(
    client, django_capture_on_commit_callbacks
):
    user = UserFactory(email="nieuw@zwolle.example", verified=False)
    EmailAddress.objects.create(user=user, email=user.email, verified=False, primary=True)
    client.force_login(user)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("account_email"), {"action_send": "", "email": user.email})
    message = OutboxMessage.objects.get(to=user.email)
    assert message.kind == "account_email_confirmation"
    assert message.status == OutboxStatus.SENT
    assert message.text == "" and message.html == ""
    assert "confirm-email" not in json.dumps(message.payload)
    link = CONFIRM_LINK.search(mail.outbox[0].body).group(0)
    client.logout()
    path = "/" + link.split("/", 3)[3]
    assert client.post(path).status_code == 302
    assert EmailAddress.objects.get(email=user.email).verified


def test_a_template_with_a_secret_that_cannot_be_made_again_is_refused():
    from learning.accounts import notifications

    with pytest.raises(ValueError, match="login_code"):
        notifications.account_email_queue(
            template_prefix="account/email/login_code",
            email="iemand@gemeente.example",
            context={"code": "123456"},
        )
    assert not OutboxMessage.objects.exists()


def test_the_migration_forgets_the_bodies_of_account_mail_stored_before():
    import importlib

    from django.apps import apps

    from learning.outbox.services import OutboxError, message_retry
    from tests.outbox.factories import OutboxMessageFactory

    migration = importlib.import_module("learning.outbox.migrations.0003_forget_account_mail")
    link = "https://circulair.example/accounts/password/reset/key/3-abc/"
    sent = OutboxMessageFactory(kind="account", text=link, html=link, status=OutboxStatus.SENT)
    waiting = OutboxMessageFactory(kind="account", text=link, status=OutboxStatus.QUEUED)
    other = OutboxMessageFactory(kind="registration_confirmed", text="Tot ziens")
    migration.forget(apps, None)
    for message in (sent, waiting):
        message.refresh_from_db()
        assert message.text == "" and message.html == ""
    assert sent.status == OutboxStatus.SENT
    assert waiting.status == OutboxStatus.FAILED and waiting.next_attempt_at is None
    other.refresh_from_db()
    assert other.text == "Tot ziens"
    # Nothing left to send: "opnieuw versturen" refuses in Dutch instead of mailing an empty body.
    with pytest.raises(OutboxError) as refused:
        message_retry(message=waiting)
    assert refused.value.code == "no_content"
    assert mail.outbox == []
