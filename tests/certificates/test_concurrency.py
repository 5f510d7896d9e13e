"""Simultaneous downloads issue one certificate, on PostgreSQL (each call in its own thread
with its own connection, as gunicorn workers would)."""

from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection, connections

from learning.certificates import services
from learning.certificates.models import Certificate
from learning.events import services as event_services
from tests.conftest import require_service
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

WORKERS = 8


def at_once(call):
    def one(_index):
        try:
            return call().pk
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        return list(pool.map(one, range(WORKERS)))


def test_simultaneous_downloads_issue_one_certificate(make_masterclass, make_user, programme):
    require_service(connection.vendor == "postgresql", "PostgreSQL (set DATABASE_URL)")
    masterclass = make_masterclass()
    user = make_user()
    registration = event_services.registration_create(event=masterclass, user=user)
    event_services.registration_set_attended(
        registration=registration, actor=UserFactory(is_superuser=True)
    )

    pks = at_once(
        lambda: services.certificate_issue_for_registration(
            registration_id=registration.pk, user=user
        )
    )
    assert len(set(pks)) == 1
    pks = at_once(
        lambda: services.certificate_issue_for_programme(programme_id=programme.pk, user=user)
    )
    assert len(set(pks)) == 1
    assert Certificate.objects.filter(user=user).count() == 2
