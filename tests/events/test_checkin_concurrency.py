"""Check-in taps at the same moment, through the real endpoint, on PostgreSQL: two phones at
the door (or a slow connection that sends a tap twice) must not log twice or lose a count."""

from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.db import connection, connections
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from learning.events.coordination import coordinator_sections_grant
from learning.events.models import Registration, RegistrationLog, RegistrationStatus
from tests.conftest import require_service

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture(autouse=True)
def _postgresql_only():
    require_service(connection.vendor == "postgresql", "PostgreSQL (set DATABASE_URL)")


def taps(coordinator, url, registration_ids):
    def one(registration_id):
        try:
            client = Client()
            client.force_login(coordinator)
            response = client.post(
                url,
                {"registration": registration_id, "action": "in"},
                headers={"accept": "application/json"},
            )
            return response.status_code
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=8) as pool:
        return list(pool.map(one, registration_ids))


def test_simultaneous_taps_check_in_once_and_count_everyone(
    agenda, programme, make_event, make_user
):
    start = timezone.now() - timedelta(minutes=15)
    event = make_event(starts_at=start, ends_at=start + timedelta(hours=3))
    people = [
        Registration.objects.create(
            event=event, user=make_user(), status=RegistrationStatus.CONFIRMED
        )
        for _ in range(12)
    ]
    coordinator_sections_grant(pages=[agenda, programme])
    coordinator = make_user(is_staff=True)
    coordinator.groups.add(Group.objects.get(name="Coördinatoren"))
    url = reverse("registrations:checkin_tap", args=[event.pk])

    # The same person tapped eight times at once, and the others once each, all together.
    ids = [people[0].pk] * 8 + [person.pk for person in people[1:]]
    statuses = taps(coordinator, url, ids)

    assert set(statuses) == {200}
    assert (
        Registration.objects.filter(event=event, status=RegistrationStatus.ATTENDED).count() == 12
    )
    assert RegistrationLog.objects.filter(registration=people[0], action="check_in").count() == 1
    assert (
        RegistrationLog.objects.filter(registration__event=event, action="check_in").count() == 12
    )
