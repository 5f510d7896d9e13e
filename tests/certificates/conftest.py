from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.utils import timezone

from learning.events import services as event_services
from learning.events.coordination import COORDINATOR_GROUP, coordinator_sections_grant
from learning.events.models import EventPage
from learning.masterclasses.models import ProgrammePage
from tests.factories import UserFactory


@pytest.fixture
def superuser(db):
    return UserFactory(is_staff=True, is_superuser=True, full_name="Beheer Der")


def make_coordinator(*pages, group_name=COORDINATOR_GROUP):
    """A coordinator whose group edits ``pages``: a group of their own unless it is the
    Coördinatoren group (with the same permissions on registrations)."""
    group, created = Group.objects.get_or_create(name=group_name)
    if created:
        group.permissions.set(Group.objects.get(name=COORDINATOR_GROUP).permissions.all())
    coordinator_sections_grant(pages=list(pages), group_name=group_name)
    user = UserFactory(is_staff=True, full_name="Coby Coördinator")
    user.groups.add(group)
    return user


@pytest.fixture
def coordinator(agenda, programme):
    return make_coordinator(agenda, programme)


@pytest.fixture
def other_coordinator(home):
    """A coordinator of another section only: a programme of their own."""
    other = ProgrammePage(title="Ander programma", slug="ander-programma", intro="Elders.")
    home.add_child(instance=other)
    other.save_revision().publish()
    return make_coordinator(other, group_name="Coördinatoren elders")


def move_to_past(event, days=10, hours=4):
    start = timezone.now() - timedelta(days=days)
    EventPage.objects.filter(pk=event.pk).update(
        starts_at=start, ends_at=start + timedelta(hours=hours)
    )
    event.refresh_from_db()
    return event


@pytest.fixture
def attend(superuser):
    """Register ``user`` for ``event`` and mark them present; the event then lies in the past."""

    def _attend(event, user, *, past=True):
        registration = event_services.registration_create(event=event, user=user)
        registration = event_services.registration_set_attended(
            registration=registration, actor=superuser
        )
        if past:
            move_to_past(event)
        return registration

    return _attend


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client
