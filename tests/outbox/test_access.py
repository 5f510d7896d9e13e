"""Who sees which e-mail in the outbox admin: the matrix of issue 19, finding 1.

Six kinds of people against every outbox screen (listing, CSV and XLSX export, inspect,
history, "opnieuw versturen") and four kinds of message: one about an event in the agenda,
one about a masterclass in a programme, a password-reset e-mail and a circle e-mail.
Coordinators see the messages of the events whose section they coordinate, nothing else;
superusers see every message, but the content of an account e-mail is never stored, so
nobody reads it there.
"""

import io

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from learning.events.coordination import coordinator_sections_grant
from learning.outbox.models import OutboxMessage, OutboxStatus
from tests.factories import UserFactory
from tests.outbox.factories import OutboxMessageFactory

pytestmark = pytest.mark.django_db

ROLES = [
    "anonymous",
    "member",
    "editor",
    "agenda_coordinator",
    "programme_coordinator",
    "superuser",
]
VISIBLE = {
    "agenda_coordinator": {"event"},
    "programme_coordinator": {"masterclass"},
    "superuser": {"event", "masterclass", "account", "circle"},
}


def _coordinator(section, name):
    """A member of "Coördinatoren" who coordinates the events below ``section``."""
    group = Group.objects.create(name=name)
    coordinator_sections_grant(pages=[section], group_name=name)
    user = UserFactory(is_staff=True)
    user.groups.add(group, Group.objects.get(name="Coördinatoren"))
    return user


@pytest.fixture
def world(
    client, agenda, programme, make_event, make_masterclass, django_capture_on_commit_callbacks
):
    editor = UserFactory(is_staff=True)
    editor.groups.add(Group.objects.get(name="Editors"))
    people = {
        "anonymous": None,
        "member": UserFactory(),
        "editor": editor,
        "agenda_coordinator": _coordinator(agenda, "Coördinatoren agenda"),
        "programme_coordinator": _coordinator(programme, "Coördinatoren masterclasses"),
        "superuser": UserFactory(is_staff=True, is_superuser=True),
    }
    victim = UserFactory(is_staff=True, is_superuser=True, email="redacteur@circulair.example")
    with django_capture_on_commit_callbacks(execute=False):
        client.post(reverse("account_reset_password"), {"email": victim.email})
    failed = {"status": OutboxStatus.FAILED, "attempts": 8, "last_error": "550 no such user"}
    messages = {
        "event": OutboxMessageFactory(
            event=make_event(), text="Geheim-event: tot ziens in Utrecht.", **failed
        ),
        "masterclass": OutboxMessageFactory(
            event=make_masterclass(), text="Geheim-masterclass: tot ziens.", **failed
        ),
        "circle": OutboxMessageFactory(
            kind="circle_approved", text="Geheim-kring: welkom in de kring.", **failed
        ),
        "account": OutboxMessage.objects.get(to=victim.email),
    }
    OutboxMessage.objects.filter(pk=messages["account"].pk).update(**failed)
    return {"people": people, "messages": messages}


def _client(client, world, role):
    client.logout()
    user = world["people"][role]
    if user is not None:
        client.force_login(user)
    return client


def _denied(response, role) -> bool:
    if role == "anonymous":
        return response.status_code == 302 and "login" in response["Location"]
    # Wagtail sends a logged-in person without the permission back to the dashboard.
    return response.status_code in (302, 403, 404)


def check_matrix(client, world, check) -> None:
    wrong = []
    for role in ROLES:
        problem = check(_client(client, world, role), role)
        if problem:
            wrong.append(f"{role}: {problem}")
    assert not wrong, "\n".join(wrong)


def _body(response) -> str:
    if hasattr(response, "streaming_content"):
        return b"".join(response.streaming_content).decode(errors="replace")
    return response.content.decode(errors="replace")


@pytest.mark.parametrize("export", ["", "csv", "xlsx"])
def test_listing_and_exports(client, world, export):
    params = {"export": export} if export else {}

    def check(client, role):
        response = client.get(reverse("outbox:index"), params)
        if role not in VISIBLE:
            return None if _denied(response, role) else f"status {response.status_code}"
        if response.status_code != 200:
            return f"status {response.status_code}"
        if export == "xlsx":
            from openpyxl import load_workbook

            rows = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
            content = " ".join(str(cell.value) for row in rows.iter_rows() for cell in row)
        else:
            content = _body(response)
        shown = {name for name, message in world["messages"].items() if message.to in content}
        return None if shown == VISIBLE[role] else f"shows {sorted(shown)}"

    check_matrix(client, world, check)


@pytest.mark.parametrize("screen", ["inspect", "history", "retry"])
@pytest.mark.parametrize("which", ["event", "masterclass", "account", "circle"])
def test_one_message_screens(client, world, screen, which):
    message = world["messages"][which]
    url = reverse(f"outbox:{screen}", args=[message.pk])

    def check(client, role):
        response = client.get(url)
        if which not in VISIBLE.get(role, ()):
            if not _denied(response, role):
                return f"status {response.status_code}"
            if "Geheim-" in _body(response):
                return "body shown"
            return None
        if response.status_code != 200:
            return f"status {response.status_code}"
        if screen == "inspect" and which != "account" and message.text not in _body(response):
            return "body not shown to someone who may see it"
        return None

    check_matrix(client, world, check)


def test_retry_by_someone_who_may_not_see_the_message_changes_nothing(client, world):
    coordinator = _client(client, world, "agenda_coordinator")
    for which in ("masterclass", "account", "circle"):
        message = world["messages"][which]
        response = coordinator.post(reverse("outbox:retry", args=[message.pk]))
        assert response.status_code == 404, which
        message.refresh_from_db()
        assert message.status == OutboxStatus.FAILED


def test_the_event_filter_offers_only_the_events_one_may_see(client, world):
    coordinator = _client(client, world, "agenda_coordinator")
    content = coordinator.get(reverse("outbox:index")).content.decode()
    assert world["messages"]["event"].event.title in content
    assert world["messages"]["masterclass"].event.title not in content
