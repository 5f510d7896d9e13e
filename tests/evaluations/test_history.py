"""The evaluations' contributions to a person's history, and to their personal data."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from learning.accounts.services import user_export_data
from learning.circles.models import MeetingAttendance
from learning.evaluations import history, services
from learning.evaluations.models import Invitation, Response, Submission, Survey
from learning.events.history import history_links, history_tasks
from learning.events.models import Registration

from .conftest import answer, attend, ended, open_survey

pytestmark = pytest.mark.django_db


def test_links_for_attended_registrations_with_an_open_survey(make_event, make_user):
    person = make_user()
    open_event, answered_event, unopened, closed = (ended(make_event()) for _ in range(4))
    registrations = [attend(event, person) for event in (open_event, answered_event, unopened)]
    registrations.append(attend(closed, person))
    open_survey(open_event)
    answer(open_survey(answered_event), person)
    closed_survey = open_survey(closed)
    type(closed_survey).objects.filter(pk=closed_survey.pk).update(
        closes_at=closed_survey.opened_at - timedelta(days=1)
    )
    registrations = list(Registration.objects.filter(user=person))

    with CaptureQueriesContext(connection) as queries:
        links = history.links(user=person, registrations=registrations)

    assert len(queries) == 1
    mine = {r.event_id: r.pk for r in registrations}
    assert set(links) == {mine[open_event.pk]}
    (link,) = links[mine[open_event.pk]]
    assert (link.kind, link.label) == ("evaluation", "Evaluatie invullen")
    assert link.url == reverse("evaluations:answer", args=[open_event.evaluation.pk])
    # Registered through events' registry in AppConfig.ready().
    assert history_links(user=person, registrations=registrations)[mine[open_event.pk]]


def test_no_link_for_someone_who_did_not_attend(make_event, make_user):
    from learning.events.models import RegistrationStatus

    person = make_user()
    event = ended(make_event())
    registration = attend(event, person, status=RegistrationStatus.CONFIRMED)
    open_survey(event)
    assert history.links(user=person, registrations=[registration]) == {}


def test_tasks_list_open_surveys_of_circle_meetings(make_circle, make_member, staff_coordinator):
    circle = make_circle(meetings=2, coordinators=[staff_coordinator])
    first, second = circle.meetings.order_by("starts_at")
    member = make_member(circle)
    MeetingAttendance.objects.create(meeting=first, user=member, present=True)
    MeetingAttendance.objects.create(meeting=second, user=member, present=False)
    surveys = [
        services.survey_open(survey=services.survey_for_occasion(meeting=meeting))
        for meeting in (first, second)
    ]

    (task,) = history_tasks(user=member)
    assert task.kind == "evaluation"
    assert task.url == reverse("evaluations:answer", args=[surveys[0].pk])
    assert circle.title in task.description

    answer(surveys[0], member)
    assert history.tasks(user=member) == []


def test_personal_data_export_and_erase(past_event, attendees, make_user):
    anna, bram = attendees(2)
    services.invitations_queue()
    survey = Survey.objects.get(event=past_event)
    answer(survey, anna, takeaway="Met naam gegeven", named=True)
    answer(survey, bram, takeaway="Anoniem gegeven")

    data = user_export_data(user=anna)["data"]["evaluations"]
    assert data["answered"][0]["occasion"] == past_event.title
    assert data["answers_with_name"][0]["answers"]["Wat neemt u mee?"] == "Met naam gegeven"
    assert "Anoniem gegeven" not in str(user_export_data(user=bram))

    services.evaluations_erase(user=anna)
    assert not Submission.objects.filter(user=anna).exists()
    assert not Invitation.objects.filter(user=anna).exists()
    assert Response.objects.filter(survey=survey, named_user__isnull=True).count() == 2
