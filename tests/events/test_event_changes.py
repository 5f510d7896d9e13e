"""Changes reach participants: a moved, relocated or cancelled event sends one update (through
the outbox) to everyone with a seat or an open offer, read back with three iCalendar parsers."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.utils import timezone

from learning.calendar import ical
from learning.events import services
from learning.events.models import Registration, RegistrationStatus
from learning.outbox.models import OutboxMessage, OutboxStatus
from learning.outbox.services import message_send, messages_flush
from tests.calendar.readers import icaljs, read_all

pytestmark = pytest.mark.django_db

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
KIND = "registration_event_changed"


def morning(days=40, hour=9, minute=30):
    day = (timezone.now() + timedelta(days=days)).astimezone(AMSTERDAM).date()
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=AMSTERDAM)


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def event(make_event):
    start = morning()
    return make_event(
        title="Kennisdag circulair bouwen",
        capacity=2,  # full: the waiting person stays waiting
        starts_at=start,
        ends_at=start + timedelta(hours=3),
        location_name="Stadhuis",
        location_address="Stadsplateau 1, Utrecht",
        online_url="https://vergader.example/oud",
    )


@pytest.fixture
def people(event, make_user, utrecht):
    def seat(status):
        user = make_user(utrecht)
        Registration.objects.create(event=event, user=user, organisation=utrecht, status=status)
        return user

    return {
        "confirmed": seat(RegistrationStatus.CONFIRMED),
        "offered": seat(RegistrationStatus.OFFERED),
        "waiting": seat(RegistrationStatus.WAITING),
        "cancelled": seat(RegistrationStatus.CANCELLED),
    }


def publish(event, **changes):
    page = event.get_latest_revision_as_object()
    for field, value in changes.items():
        setattr(page, field, value)
    page.save_revision().publish()
    event.refresh_from_db()
    return event


def at(monkeypatch, moment):
    monkeypatch.setattr(timezone, "now", lambda: moment)


def pending():
    return list(OutboxMessage.objects.filter(kind=KIND).order_by("pk"))


def send_all():
    for message in OutboxMessage.objects.filter(kind=KIND, status=OutboxStatus.QUEUED):
        message_send(message_id=message.pk)


def sent_to(user):
    return [message for message in mail.outbox if message.to == [user.email]]


def calendar_parts(message):
    return [
        (part.get_content_type(), part.get_param("method"), part.get_payload(decode=True).decode())
        for part in message.message().walk()
        if part.get_content_type() == "text/calendar"
    ]


def test_moving_an_event_tells_seats_and_offers_once_with_a_higher_sequence(event, people):
    mail.outbox.clear()
    publish(event, starts_at=event.starts_at + timedelta(minutes=30))
    assert event.ical_sequence == 1
    messages = pending()
    assert sorted(message.to for message in messages) == sorted(
        people[kind].email for kind in ("confirmed", "offered")
    )
    # They wait for more changes: not sent straight away.
    assert all(m.next_attempt_at > timezone.now() + timedelta(minutes=10) for m in messages)
    send_all()

    (update,) = sent_to(people["confirmed"])
    assert "De bijeenkomst begint nu om 10:00 in plaats van 09:30." in update.body
    assert update.subject.startswith("Gewijzigd")
    ((content_type, method, text),) = calendar_parts(update)
    assert (content_type, method) == ("text/calendar", "REQUEST")
    items = read_all(text)
    assert icaljs(text)["method"] == "REQUEST"
    item = items[ical.event_uid(event)]
    assert item["sequence"] == 1
    assert item["dtstart"] == {
        "utc": event.starts_at.astimezone(ZoneInfo("UTC")).strftime("%Y-%m-%dT%H:%M:%SZ")
    }
    assert "vergader.example/oud" in update.body  # a seat holder gets the online link

    (offer_update,) = sent_to(people["offered"])
    assert "begint nu om 10:00 in plaats van 09:30" in offer_update.body
    assert calendar_parts(offer_update) == []  # an open offer is not in their calendar yet
    assert sent_to(people["waiting"]) == sent_to(people["cancelled"]) == []


def test_place_and_link_changes_in_plain_dutch(event, people):
    mail.outbox.clear()
    publish(
        event,
        location_name="Provinciehuis",
        location_address="Archimedeslaan 6, Utrecht",
        online_url="https://vergader.example/nieuw",
    )
    send_all()
    (update,) = sent_to(people["confirmed"])
    assert (
        "De bijeenkomst is nu in Provinciehuis, Archimedeslaan 6, Utrecht in plaats van "
        "Stadhuis, Stadsplateau 1, Utrecht." in " ".join(update.body.split())
    )
    assert "De link om online deel te nemen is nu: https://vergader.example/nieuw" in update.body
    (offer_update,) = sent_to(people["offered"])
    assert "vergader.example/nieuw" not in offer_update.body
    assert "De link om online deel te nemen is gewijzigd." in offer_update.body


def test_three_saves_in_ten_minutes_give_one_message(event, people, monkeypatch):
    start = timezone.now()
    at(monkeypatch, start)
    publish(event, starts_at=event.starts_at + timedelta(minutes=30))
    at(monkeypatch, start + timedelta(minutes=4))
    publish(event, location_name="Provinciehuis")
    at(monkeypatch, start + timedelta(minutes=8))
    publish(event, starts_at=event.starts_at + timedelta(minutes=30))  # now 10:30
    assert event.ical_sequence == 3
    assert len(pending()) == 2  # one per person, not three
    # Nothing is due while the editor is still busy ...
    mail.outbox.clear()
    assert messages_flush(now=start + timedelta(minutes=20)) == 0
    # ... and once it is quiet, one e-mail per person, describing the change since the first.
    monkeypatch.undo()
    messages_flush(now=start + timedelta(minutes=30))
    (update,) = sent_to(people["confirmed"])
    assert "De bijeenkomst begint nu om 10:30 in plaats van 09:30." in update.body
    assert "Provinciehuis" in update.body
    ((_type, _method, text),) = calendar_parts(update)
    assert read_all(text)[ical.event_uid(event)]["sequence"] == 3

    # A change after that message went out is a new message.
    publish(event, location_name="Stadhuis")
    assert len([m for m in pending() if m.status == OutboxStatus.QUEUED]) == 2


def test_a_typo_in_the_programme_sends_nothing(event, people):
    publish(event, title="Kennisdag circulair bouwen (met lunch)", intro="Nieuw programma.")
    assert event.ical_sequence == 0
    assert pending() == []


def test_cancelling_an_event_sends_a_cancel_above_the_invitation(make_event, make_user, committed):
    event = make_event()
    person = make_user()
    mail.outbox.clear()
    with committed():
        services.registration_create(event=event, user=person)
    ((_type, _method, invitation),) = calendar_parts(sent_to(person)[0])
    mail.outbox.clear()
    publish(event, cancelled=True)
    send_all()
    (update,) = sent_to(person)
    assert update.subject.startswith("Gaat niet door")
    assert "De bijeenkomst gaat niet door." in update.body
    ((content_type, method, text),) = calendar_parts(update)
    assert method == "CANCEL"
    assert icaljs(text)["method"] == "CANCEL"
    uid = ical.event_uid(event)
    cancel, request = read_all(text)[uid], read_all(invitation)[uid]
    assert cancel["status"] == "CANCELLED"
    assert cancel["sequence"] > request["sequence"]


def test_withdrawing_and_registering_again_raise_the_sequence(make_event, make_user, committed):
    event = make_event()
    person = make_user()
    uid = ical.event_uid(event)

    def last_calendar():
        ((_type, method, text),) = calendar_parts(sent_to(person)[-1])
        return method, read_all(text)[uid]["sequence"]

    with committed():
        first = services.registration_create(event=event, user=person)
    assert last_calendar() == ("REQUEST", 0)
    with committed():
        services.registration_cancel(registration=first, actor=person)
    assert last_calendar() == ("CANCEL", 1)
    with committed():
        second = services.registration_create(event=event, user=person)
    assert last_calendar() == ("REQUEST", 2)
    with committed():
        services.registration_cancel(registration=second, actor=person)
    assert last_calendar() == ("CANCEL", 3)


def test_the_personal_feed_carries_the_personal_sequence(make_event, make_user):
    from django.test import Client

    from learning.accounts.services import calendar_token_get_or_create

    event = make_event()
    person = make_user()
    first = services.registration_create(event=event, user=person)
    services.registration_cancel(registration=first, actor=person)
    url = f"/agenda/persoonlijk/{calendar_token_get_or_create(user=person)}.ics"
    item = read_all(Client().get(url).content.decode())[ical.event_uid(event)]
    assert (item["status"], item["sequence"]) == ("CANCELLED", 1)
    services.registration_create(event=event, user=person)
    item = read_all(Client().get(url).content.decode())[ical.event_uid(event)]
    assert (item["status"], item["sequence"]) == ("CONFIRMED", 2)


def test_the_confirmation_is_a_meeting_for_outlook(make_event, make_user, committed):
    event = make_event(organiser_name="Team CE", organiser_email="ce@utrecht.nl")
    person = make_user()
    mail.outbox.clear()
    with committed():
        services.registration_create(event=event, user=person)
    (confirmation,) = sent_to(person)
    message = confirmation.message()
    (alternative,) = [p for p in message.walk() if p.get_content_type() == "multipart/alternative"]
    inline = [part.get_content_type() for part in alternative.get_payload()]
    assert inline == ["text/plain", "text/html", "text/calendar"]
    (calendar,) = [p for p in alternative.get_payload() if p.get_content_type() == "text/calendar"]
    assert calendar.get_param("method") == "REQUEST"
    assert calendar.get("Content-Disposition") is None  # a body part, not a file
    (attached,) = [p for p in message.walk() if p.get_filename() == "uitnodiging.ics"]
    assert attached.get_content_type() == "application/ics"
    text = calendar.get_payload(decode=True).decode()
    item = read_all(text)[ical.event_uid(event)]
    assert item["status"] == "CONFIRMED"
    # Accept/Decline replies go nowhere a person must act on; the attendee is asked for none.
    unfolded = text.replace("\r\n ", "")
    assert 'ORGANIZER;CN="Team CE":mailto:noreply@circulairleren.nl' in unfolded
    assert "RSVP=FALSE" in unfolded
    assert "ce@utrecht.nl" not in text.split("ORGANIZER")[1].split("\r\n")[0]


def test_a_page_loaded_before_another_publication_still_raises_the_sequence(event, people):
    from learning.events.models import EventPage

    other_editor = EventPage.objects.get(pk=event.pk)  # opened before the first change
    publish(event, location_name="Provinciehuis")
    assert event.ical_sequence == 1
    other_editor.starts_at += timedelta(hours=1)
    other_editor.ends_at += timedelta(hours=1)
    other_editor.save_revision().publish()
    event.refresh_from_db()
    assert event.ical_sequence == 2  # not 1 again: clients ignore a repeated SEQUENCE
