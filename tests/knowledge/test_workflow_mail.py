"""Wagtail's workflow e-mails go through the outbox (issue 19, finding 8).

Wagtail mails the moderators when a practice example enters moderation, with Django's mail
API, inside the request. With the site's e-mail settings as production makes them from
EMAIL_URL, and a real (local) mail server that refuses every connection, the contribution must
still be saved and the moderators' e-mail wait in the outbox for a later attempt.
"""

import importlib
import socket
import threading

import pytest
from django.contrib.auth.models import Group
from django.core import mail

from learning.knowledge.models import KnowledgePage
from learning.outbox.models import OutboxMessage, OutboxStatus
from tests.factories import UserFactory
from tests.knowledge.test_contributions import FORM, submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def refusing_mail_server():
    """A local SMTP server that answers every connection with 554 and hangs up."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    stop = threading.Event()

    def serve():
        while not stop.is_set():
            try:
                connection, _address = server.accept()
            except OSError:
                return
            with connection:
                connection.sendall(b"554 5.3.2 Service not available\r\n")

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield server.getsockname()[1]
    stop.set()
    # close() alone leaves the thread blocked in accept() (Linux); shutdown() wakes it.
    server.shutdown(socket.SHUT_RDWR)
    server.close()
    thread.join(timeout=5)
    assert not thread.is_alive()


@pytest.fixture
def production_email(settings, monkeypatch, refusing_mail_server):
    """The e-mail settings that learning.settings.base makes from EMAIL_URL.

    (Django's test runner replaces EMAIL_BACKEND with its locmem backend; this puts back
    what the site really uses.)
    """
    import learning.settings.base as base

    monkeypatch.setenv("EMAIL_URL", f"smtp://127.0.0.1:{refusing_mail_server}?timeout=5")
    configured = importlib.reload(base)
    for name in dir(configured):
        if name.startswith(("EMAIL_", "OUTBOX_EMAIL_")) and name.isupper():
            setattr(settings, name, getattr(configured, name))
    monkeypatch.delenv("EMAIL_URL")
    yield settings
    importlib.reload(base)


def test_a_contribution_is_saved_while_the_mail_server_refuses(
    client, knowledge_index, make_user, production_email, django_capture_on_commit_callbacks
):
    moderator = UserFactory(is_staff=True, email="moderator@circulair.example")
    moderator.groups.add(Group.objects.get(name="Moderators"))
    contributor = make_user()
    client.force_login(contributor)

    with django_capture_on_commit_callbacks(execute=True):
        response = submit(client, knowledge_index)

    assert response.status_code == 302
    page = KnowledgePage.objects.get(title=FORM["title"])
    assert page.current_workflow_state is not None
    # Wagtail's notification to the moderator is in the outbox, tried once, due again later.
    message = OutboxMessage.objects.get(to=moderator.email)
    assert message.kind == "notification"
    assert page.title in message.subject or page.title in message.text
    assert message.status == OutboxStatus.QUEUED
    assert message.attempts == 1
    assert "554" in message.last_error
    assert mail.outbox == []
