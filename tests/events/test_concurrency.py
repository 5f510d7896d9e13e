"""The rules under simultaneous requests, through the real views, on PostgreSQL.

Each request runs in its own thread with its own database connection, as gunicorn workers
would; the event row lock in learning.events.services must keep the numbers exact.
"""

from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection, connections
from django.test import Client

from learning.events.models import Registration, RegistrationStatus, WaitReason
from tests.conftest import require_service
from tests.events.fixtures import municipalities

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

WORKERS = 32


@pytest.fixture(autouse=True)
def _postgresql_only():
    require_service(connection.vendor == "postgresql", "PostgreSQL (set DATABASE_URL)")


def post_as(users, url):
    def one(user):
        try:
            client = Client()
            client.force_login(user)
            return client.post(url).status_code
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        return list(pool.map(one, users))


def test_200_simultaneous_registrations_for_150_seats(make_event, make_user):
    event = make_event(capacity=150)
    organisations = municipalities(200)
    users = [make_user(organisation) for organisation in organisations]

    statuses = post_as(users, f"{event.url}register/")

    assert set(statuses) == {302}, sorted(set(statuses))
    registrations = Registration.objects.filter(event=event)
    assert registrations.filter(status=RegistrationStatus.CONFIRMED).count() == 150
    waiting = registrations.filter(status=RegistrationStatus.WAITING)
    assert waiting.count() == 50
    assert sorted(waiting.values_list("queue_position", flat=True)) == sorted(
        set(waiting.values_list("queue_position", flat=True))
    )


def test_10_colleagues_at_once_for_a_masterclass_with_limit_3(make_masterclass, make_user, utrecht):
    masterclass = make_masterclass(capacity=25)
    colleagues = [make_user(utrecht) for _ in range(10)]

    statuses = post_as(colleagues, f"{masterclass.url}register/")

    assert set(statuses) == {302}
    registrations = Registration.objects.filter(event=masterclass)
    confirmed = list(registrations.filter(status=RegistrationStatus.CONFIRMED))
    waiting = registrations.filter(status=RegistrationStatus.WAITING)
    assert len(confirmed) == 3
    assert waiting.count() == 7
    assert set(waiting.values_list("wait_reason", flat=True)) == {WaitReason.ORGANISATION_FULL}

    # One of the three cancels: exactly one colleague is promoted.
    leaver = confirmed[0]
    client = Client()
    client.force_login(leaver.user)
    assert client.post(f"{masterclass.url}cancel/", {"confirm": "yes"}).status_code == 302
    assert registrations.filter(status=RegistrationStatus.CONFIRMED).count() == 3
    assert registrations.filter(status=RegistrationStatus.WAITING).count() == 6


def test_simultaneous_double_click_registers_once(make_event, make_user):
    event = make_event(capacity=10)
    user = make_user(municipalities(1)[0])

    statuses = post_as([user] * 8, f"{event.url}register/")

    assert Registration.objects.filter(event=event, user=user).count() == 1
    assert statuses.count(302) >= 1
    assert set(statuses) <= {302, 409}


def test_a_message_submitted_eight_times_at_once_is_queued_once(make_event, make_user):
    from django.urls import reverse

    from learning.events import services
    from learning.outbox.models import OutboxMessage

    event = make_event(capacity=10)
    for organisation in municipalities(3):
        services.registration_create(event=event, user=make_user(organisation))
    admin = make_user(is_staff=True, is_superuser=True)
    url = reverse("registrations:message", args=[event.pk])
    form = {"subject": "Route", "body": "Achteringang.", "token": "b" * 32, "action": "send"}

    def one(_):
        try:
            client = Client()
            client.force_login(admin)
            return client.post(url, form).status_code
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=8) as pool:
        statuses = list(pool.map(one, range(8)))

    assert set(statuses) == {302}  # the first sends, the others hear it was sent already
    assert OutboxMessage.objects.filter(event=event, kind="registration_message").count() == 3
