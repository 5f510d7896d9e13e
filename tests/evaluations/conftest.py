from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from learning.evaluations import services
from learning.events.coordination import coordinator_sections_grant
from learning.events.models import EventPage, Registration, RegistrationStatus
from tests.circles.conftest import (  # noqa: F401 (fixtures, one definition)
    circle_index,
    make_circle,
    make_member,
    staff_coordinator,
)
from tests.factories import UserFactory


def ended(event, *, hours_ago=2):
    """Move ``event`` into the past (it ended ``hours_ago``)."""
    ends = timezone.now() - timedelta(hours=hours_ago)
    EventPage.objects.filter(pk=event.pk).update(starts_at=ends - timedelta(hours=3), ends_at=ends)
    event.refresh_from_db()
    return event


def attend(event, user, status=RegistrationStatus.ATTENDED):
    return Registration.objects.create(
        event=event, user=user, organisation=user.organisation, status=status
    )


def open_survey(event):
    return services.survey_open(survey=services.survey_for_occasion(event=event))


def answer(survey, user, *, rating=4, takeaway="", improve="", named=False):
    return services.evaluation_submit(
        survey=survey,
        user=user,
        data={"overall": rating, "takeaway": takeaway, "improve": improve},
        named=named,
    )


@pytest.fixture
def past_event(make_event):
    return ended(make_event())


@pytest.fixture
def attendees(past_event, make_user):
    def _make(count):
        users = [make_user() for _ in range(count)]
        for user in users:
            attend(past_event, user)
        return users

    return _make


@pytest.fixture
def survey(past_event):
    return open_survey(past_event)


@pytest.fixture
def coordinator(agenda, programme):
    coordinator_sections_grant(pages=[agenda, programme])
    user = UserFactory(is_staff=True, full_name="Coby Coördinator")
    user.groups.add(Group.objects.get(name="Coördinatoren"))
    return user


@pytest.fixture
def programme_coordinator(programme):
    """A coordinator of the masterclass programme only, not of the agenda's events."""
    source = Group.objects.get(name="Coördinatoren")
    group = Group.objects.create(name="Coördinatoren masterclasses")
    group.permissions.set(source.permissions.all())
    coordinator_sections_grant(pages=[programme], group_name=group.name)
    user = UserFactory(is_staff=True, full_name="Pim Programma")
    user.groups.add(group)
    return user
