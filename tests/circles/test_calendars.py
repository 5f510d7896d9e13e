"""Circle meetings in calendars: the circle feed and the personal feed, parsed by three
readers (the helper of tests/events/test_calendars.py), with values checked."""

from datetime import timedelta

import pytest
from django.test import Client

from learning.accounts.services import calendar_token_get_or_create
from learning.circles.feeds import feed_token
from learning.circles.models import CircleMeeting
from tests.events.test_calendars import parse
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator():
    return UserFactory(is_staff=True)


def test_circle_feed_and_personal_feed_agree_on_every_meeting(
    make_circle, coordinator, make_member
):
    circle = make_circle(coordinators=[coordinator], meetings=3)
    member = make_member(circle)
    client = Client()
    circle_feed = client.get(
        f"{circle.url}agenda.ics?token={feed_token(circle=circle, user=member)}"
    )
    personal = client.get(f"/agenda/persoonlijk/{calendar_token_get_or_create(user=member)}.ics")
    assert circle_feed["Content-Type"] == "text/calendar; charset=utf-8"
    assert "private" in circle_feed["Cache-Control"]
    in_circle_feed, in_personal = (
        parse(circle_feed.content.decode()),
        parse(personal.content.decode()),
    )

    meetings = list(CircleMeeting.objects.filter(circle=circle).order_by("starts_at"))
    uids = {f"leerkring-bijeenkomst-{meeting.pk}@circulairleren" for meeting in meetings}
    assert set(in_circle_feed) == uids
    assert set(in_personal) == uids
    for meeting in meetings:
        for items in (in_circle_feed, in_personal):
            item = items[f"leerkring-bijeenkomst-{meeting.pk}@circulairleren"]
            # iCalendar has whole seconds.
            assert item.decoded("dtstart") == meeting.starts_at.replace(microsecond=0)
            assert item.decoded("dtend") == meeting.ends_at.replace(microsecond=0)
            assert item["dtstart"].params["TZID"] == "Europe/Amsterdam"
            assert str(item["summary"]) == f"{meeting.title} ({circle.title})"
            assert str(item["location"]).startswith("Stadhuis")
            assert str(item["status"]) == "CONFIRMED"
            assert item.decoded("sequence") == 0
    assert "Leerkring" in circle_feed.content.decode().split("X-WR-CALNAME:")[1].split("\r\n")[0]


def test_moving_a_meeting_raises_its_sequence_and_keeps_its_uid(
    make_circle, coordinator, make_member
):
    circle = make_circle(coordinators=[coordinator], meetings=1)
    member = make_member(circle)
    url = f"{circle.url}agenda.ics?token={feed_token(circle=circle, user=member)}"
    client = Client()
    ((uid, before),) = parse(client.get(url).content.decode()).items()

    draft = circle.get_latest_revision_as_object()
    (meeting,) = meetings = list(draft.meetings.all())
    meeting.starts_at += timedelta(days=1)
    meeting.ends_at += timedelta(days=1)
    draft.meetings = meetings  # as the admin's inline form does
    draft.save_revision().publish()

    ((uid_after, after),) = parse(client.get(url).content.decode()).items()
    assert uid_after == uid
    assert after.decoded("sequence") == before.decoded("sequence") + 1
    assert after.decoded("dtstart") == before.decoded("dtstart") + timedelta(days=1)


def test_a_cancelled_meeting_is_cancelled_in_the_feed(make_circle, coordinator, make_member):
    circle = make_circle(coordinators=[coordinator], meetings=2)
    member = make_member(circle)
    draft = circle.get_latest_revision_as_object()
    meetings = sorted(draft.meetings.all(), key=lambda meeting: meeting.starts_at)
    cancelled = meetings[-1]
    cancelled.cancelled = True
    draft.meetings = meetings
    draft.save_revision().publish()
    items = parse(
        Client()
        .get(f"{circle.url}agenda.ics?token={feed_token(circle=circle, user=member)}")
        .content.decode()
    )
    item = items[f"leerkring-bijeenkomst-{cancelled.pk}@circulairleren"]
    assert str(item["status"]) == "CANCELLED"
    assert "meet.example" not in item.to_ical().decode()


def test_moving_a_meeting_tells_every_member_once_with_an_update(
    make_circle, coordinator, make_member
):
    from django.core import mail
    from django.utils import timezone

    from learning.outbox.models import OutboxMessage
    from learning.outbox.services import messages_flush
    from tests.calendar.readers import read_all

    circle = make_circle(coordinators=[coordinator], meetings=2)
    member = make_member(circle)
    moved_pk = max(CircleMeeting.objects.filter(circle=circle), key=lambda m: m.starts_at).pk
    original = CircleMeeting.objects.get(pk=moved_pk).starts_at
    for step in (1, 2, 3):  # three saves in a row
        draft = circle.get_latest_revision_as_object()
        meetings = list(draft.meetings.all())
        moved = next(meeting for meeting in meetings if meeting.pk == moved_pk)
        moved.starts_at = original + timedelta(minutes=30 * step)
        moved.ends_at = moved.starts_at + timedelta(hours=3)
        draft.meetings = meetings
        draft.save_revision().publish()
    meeting = CircleMeeting.objects.get(pk=moved_pk)
    assert meeting.starts_at == original + timedelta(minutes=90)
    assert meeting.ical_sequence == 3
    waiting = OutboxMessage.objects.filter(kind="circle_meeting_changed")
    # One per member (the coordinator is a member too), not three, and not yet sent.
    assert sorted(waiting.values_list("to", flat=True)) == sorted([coordinator.email, member.email])
    assert all(m.next_attempt_at > timezone.now() + timedelta(minutes=10) for m in waiting)
    mail.outbox.clear()
    messages_flush(now=timezone.now() + timedelta(minutes=40))
    (update,) = [
        message
        for message in mail.outbox
        if message.to == [member.email] and message.subject.startswith("Gewijzigd")
    ]
    old, new = timezone.localtime(original), timezone.localtime(meeting.starts_at)
    if old.date() == new.date():
        assert f"begint nu om {new:%H:%M} in plaats van {old:%H:%M}." in update.body
    else:
        assert "De bijeenkomst is verplaatst naar" in update.body
    (part,) = [p for p in update.message().walk() if p.get_content_type() == "text/calendar"]
    assert part.get_param("method") == "REQUEST"
    item = read_all(part.get_payload(decode=True).decode())[
        f"leerkring-bijeenkomst-{meeting.pk}@circulairleren"
    ]
    assert item["sequence"] == 3


def test_a_removed_meeting_is_cancelled_for_every_member(make_circle, coordinator, make_member):
    from django.core import mail

    from learning.outbox.models import OutboxMessage
    from learning.outbox.services import message_send
    from tests.calendar.readers import read_all

    circle = make_circle(coordinators=[coordinator], meetings=2)
    member = make_member(circle)
    upcoming = max(CircleMeeting.objects.filter(circle=circle), key=lambda m: m.starts_at)
    draft = circle.get_latest_revision_as_object()
    draft.meetings = [meeting for meeting in draft.meetings.all() if meeting.pk != upcoming.pk]
    draft.save_revision().publish()
    assert not CircleMeeting.objects.filter(pk=upcoming.pk).exists()
    messages = OutboxMessage.objects.filter(kind="circle_meeting_removed")
    assert sorted(messages.values_list("to", flat=True)) == sorted(
        [coordinator.email, member.email]
    )
    mail.outbox.clear()
    message_send(message_id=messages.get(to=member.email).pk)
    (email,) = mail.outbox
    assert "De bijeenkomst gaat niet door." in email.body
    (part,) = [p for p in email.message().walk() if p.get_content_type() == "text/calendar"]
    assert part.get_param("method") == "CANCEL"
    item = read_all(part.get_payload(decode=True).decode())[
        f"leerkring-bijeenkomst-{upcoming.pk}@circulairleren"
    ]
    assert (item["status"], item["sequence"]) == ("CANCELLED", upcoming.ical_sequence + 1)
