"""The invitation after the occasion and the one reminder: once each, also when run twice."""

from datetime import timedelta

import pytest
from django.utils import timezone

from learning.circles.models import MeetingAttendance
from learning.evaluations import services
from learning.evaluations.models import Invitation, Survey
from learning.events.models import RegistrationStatus
from learning.outbox.models import OutboxMessage
from learning.outbox.renderers import kind_label, render

from .conftest import answer, attend

pytestmark = pytest.mark.django_db


def kinds(user):
    return list(OutboxMessage.objects.filter(to=user.email).values_list("kind", flat=True))


def test_attendees_are_invited_once(past_event, make_user, attendees):
    anna, bram = attendees(2)
    confirmed = make_user()
    attend(past_event, confirmed, status=RegistrationStatus.CONFIRMED)

    assert services.invitations_queue() == 2
    assert services.invitations_queue() == 0

    assert kinds(anna) == ["evaluation_invitation"] and kinds(bram) == ["evaluation_invitation"]
    assert kinds(confirmed) == []
    message = OutboxMessage.objects.get(to=anna.email)
    survey = Survey.objects.get(event=past_event)
    rendered = render(message.renderer, message.payload)
    assert past_event.title in rendered["subject"]
    assert f"/mijn-aanmeldingen/evaluatie/{survey.pk}/" in rendered["text"]
    assert message.event_id == past_event.pk


def test_nobody_is_invited_before_the_end_or_for_long_past_events(make_event, make_user):
    running = make_event(starts_at=timezone.now() - timedelta(hours=1))
    from .conftest import ended

    old = ended(make_event(), hours_ago=24 * 10)
    for event in (running, old):
        attend(event, make_user())
    assert services.invitations_queue() == 0


def test_someone_marked_present_later_is_invited_then(past_event, attendees, make_user):
    attendees(1)
    services.invitations_queue()
    late = make_user()
    attend(past_event, late)
    assert services.invitations_queue() == 1
    assert kinds(late) == ["evaluation_invitation"]


def test_one_reminder_after_the_days_to_who_did_not_answer(past_event, attendees, settings):
    settings.EVALUATION_REMINDER_DAYS = 4
    anna, bram = attendees(2)
    services.invitations_queue()
    survey = Survey.objects.get(event=past_event)
    answer(survey, anna)
    now = timezone.now()

    assert services.reminders_queue(now=now + timedelta(days=3)) == 0
    assert services.reminders_queue(now=now + timedelta(days=4, minutes=1)) == 1
    assert services.reminders_queue(now=now + timedelta(days=5)) == 0

    assert kinds(anna) == ["evaluation_invitation"]
    assert sorted(kinds(bram)) == ["evaluation_invitation", "evaluation_reminder"]
    reminder = OutboxMessage.objects.get(to=bram.email, kind="evaluation_reminder")
    # Not under the event in the outbox: coordinators would learn who had not answered.
    assert reminder.event_id is None
    assert "Herinnering" in render(reminder.renderer, reminder.payload)["subject"]
    # Both kinds, as produced, have a Dutch name in the outbox.
    assert kind_label("evaluation_invitation") == "Uitnodiging voor de evaluatie"
    assert kind_label("evaluation_reminder") == "Herinnering aan de evaluatie"


def test_no_reminder_once_the_survey_closed(past_event, attendees):
    attendees(1)
    services.invitations_queue()
    survey = Survey.objects.get(event=past_event)
    assert services.reminders_queue(now=survey.closes_at + timedelta(minutes=1)) == 0


def test_circle_meeting_attendees_are_invited(make_circle, make_member, staff_coordinator):
    circle = make_circle(meetings=1, coordinators=[staff_coordinator])
    meeting = circle.meetings.get()
    member = make_member(circle)
    MeetingAttendance.objects.create(meeting=meeting, user=member, present=True)
    type(meeting).objects.filter(pk=meeting.pk).update(
        starts_at=timezone.now() - timedelta(hours=4), ends_at=timezone.now() - timedelta(hours=1)
    )

    assert services.invitations_queue() == 1
    assert Invitation.objects.get().survey.meeting_id == meeting.pk
    message = OutboxMessage.objects.get(to=member.email, kind="evaluation_invitation")
    assert meeting.title in render(message.renderer, message.payload)["subject"]
