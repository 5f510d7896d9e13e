"""Answering and the periodic runs under simultaneous requests, on PostgreSQL."""

from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection, connections
from django.test import Client
from django.urls import reverse

from learning.evaluations import services
from learning.evaluations.models import Response, Submission
from learning.outbox.models import OutboxMessage
from tests.conftest import require_service

from .conftest import attend, ended, open_survey

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture(autouse=True)
def _postgresql_only():
    require_service(connection.vendor == "postgresql", "PostgreSQL (set DATABASE_URL)")


def in_threads(count, func):
    def one(_):
        try:
            return func()
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=count) as pool:
        return list(pool.map(one, range(count)))


def test_a_double_submit_at_once_gives_one_response(make_event, make_user):
    event = ended(make_event())
    person = make_user()
    attend(event, person)
    survey = open_survey(event)
    url = reverse("evaluations:answer", args=[survey.pk])

    def submit():
        client = Client()
        client.force_login(person)
        return client.post(url, {"overall": "4"}).status_code

    statuses = in_threads(8, submit)

    assert sorted(statuses) == [302] + [409] * 7
    assert Submission.objects.filter(survey=survey).count() == 1
    assert Response.objects.filter(survey=survey).count() == 1


def test_invitations_and_reminders_run_twice_at_once_send_once(make_event, make_user, settings):
    settings.EVALUATION_REMINDER_DAYS = 0
    event = ended(make_event())
    people = [make_user() for _ in range(5)]
    for person in people:
        attend(event, person)

    invited = in_threads(4, services.invitations_queue)
    reminded = in_threads(4, services.reminders_queue)

    assert sum(invited) == 5 and sum(reminded) == 5
    for kind in ("evaluation_invitation", "evaluation_reminder"):
        assert OutboxMessage.objects.filter(kind=kind).count() == 5
