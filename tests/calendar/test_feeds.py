"""Feeds that never serve stale content, keep people's history, stay valid when empty and mark
what is not a busy appointment; read with three parsers (tests/calendar/readers.py)."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from learning.accounts.services import calendar_token_get_or_create
from learning.calendar import ical
from learning.circles.feeds import feed_token
from learning.circles.models import CircleMeeting
from learning.events import services
from learning.events.models import Registration, RegistrationStatus
from tests.calendar.readers import icaljs, read_all
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def later(monkeypatch):
    """Move the clock on, so that a new Last-Modified (whole seconds) can be told apart."""
    real = timezone.now

    def move(seconds):
        moment = real() + timedelta(seconds=seconds)
        monkeypatch.setattr(timezone, "now", lambda: moment)

    return move


def personal_url(user):
    return f"/agenda/persoonlijk/{calendar_token_get_or_create(user=user)}.ics"


def test_an_empty_personal_feed_is_a_valid_calendar(make_user):
    text = Client().get(personal_url(make_user())).content.decode()
    assert read_all(text) == {}
    # RFC 5545: at least one component. Like Outlook's published calendars: the VTIMEZONE.
    assert icaljs(text)["components"] == ["vtimezone"]


def test_waiting_offered_and_withdrawn_are_not_busy(make_event, make_user, utrecht):
    user = make_user(utrecht)
    titles = {}
    for status in (
        RegistrationStatus.CONFIRMED,
        RegistrationStatus.WAITING,
        RegistrationStatus.OFFERED,
        RegistrationStatus.CANCELLED,
    ):
        event = make_event(title=f"Bijeenkomst {status}")
        Registration.objects.create(
            event=event,
            user=user,
            organisation=utrecht,
            status=status,
            cancelled_at=timezone.now() if status == RegistrationStatus.CANCELLED else None,
        )
        titles[status] = ical.event_uid(event)
    cancelled_event = make_event(title="Afgelast", cancelled=True)
    Registration.objects.create(
        event=cancelled_event, user=user, organisation=utrecht, status=RegistrationStatus.CONFIRMED
    )
    items = read_all(Client().get(personal_url(user)).content.decode())

    def shown(status):
        item = items[titles[status]]
        return item["transp"], item["summary"]

    assert shown(RegistrationStatus.CONFIRMED) == ("OPAQUE", "Bijeenkomst confirmed")
    assert shown(RegistrationStatus.WAITING) == ("TRANSPARENT", "[Wachtlijst] Bijeenkomst waiting")
    assert shown(RegistrationStatus.OFFERED)[0] == "TRANSPARENT"
    assert shown(RegistrationStatus.OFFERED)[1].startswith("[Plek aangeboden] ")
    assert shown(RegistrationStatus.CANCELLED) == (
        "TRANSPARENT",
        "[Afgemeld] Bijeenkomst cancelled",
    )
    item = items[ical.event_uid(cancelled_event)]
    assert (item["transp"], item["summary"]) == ("TRANSPARENT", "[Gaat niet door] Afgelast")
    # The public agenda marks a cancelled event the same way.
    public = read_all(Client().get("/agenda.ics").content.decode())
    assert public[ical.event_uid(cancelled_event)]["summary"] == "[Gaat niet door] Afgelast"


def test_the_personal_feed_keeps_a_year_of_past_events(make_event, make_user, utrecht):
    user = make_user(utrecht)
    now = timezone.now()
    past = {}
    for days in (60, 300):
        event = make_event(starts_at=now - timedelta(days=days), ends_at=now - timedelta(days=days))
        Registration.objects.create(
            event=event, user=user, organisation=utrecht, status=RegistrationStatus.ATTENDED
        )
        past[days] = ical.event_uid(event)
    items = read_all(Client().get(personal_url(user)).content.decode())
    assert set(past.values()) <= set(items)


def test_past_meetings_stay_in_the_circle_feed_and_a_year_in_the_personal_feed(
    make_circle, make_member
):
    circle = make_circle(meetings=0, coordinators=[UserFactory(is_staff=True)])
    draft = circle.get_latest_revision_as_object()
    now = timezone.now()
    draft.meetings = [
        CircleMeeting(
            title=f"{days} dagen geleden",
            starts_at=now - timedelta(days=days),
            ends_at=now - timedelta(days=days) + timedelta(hours=2),
        )
        for days in (60, 300, 500)
    ]
    draft.save_revision().publish()
    member = make_member(circle)
    uids = {
        meeting.title: f"leerkring-bijeenkomst-{meeting.pk}@circulairleren"
        for meeting in CircleMeeting.objects.filter(circle=circle)
    }
    circle_feed = read_all(
        Client()
        .get(f"{circle.url}agenda.ics?token={feed_token(circle=circle, user=member)}")
        .content.decode()
    )
    assert set(circle_feed) == set(uids.values())
    personal = read_all(Client().get(personal_url(member)).content.decode())
    assert set(personal) == {uids["60 dagen geleden"], uids["300 dagen geleden"]}


def test_personal_feed_etag_and_last_modified_follow_unpublishing(
    make_event, make_user, make_circle, make_member, later
):
    user = make_user()
    event = make_event()
    other = make_event()
    services.registration_create(event=event, user=user)
    services.registration_create(event=other, user=user)
    circle = make_circle(coordinators=[UserFactory(is_staff=True)], meetings=2)
    make_member(circle, user=user)
    client = Client()
    url = personal_url(user)

    def changed_since(first, what):
        by_etag = client.get(url, headers={"if-none-match": first["ETag"]})
        by_date = client.get(url, headers={"if-modified-since": first["Last-Modified"]})
        assert by_etag.status_code == 200, what
        assert by_date.status_code == 200, what
        assert by_etag["ETag"] != first["ETag"]
        return by_etag

    first = client.get(url)
    assert len(read_all(first.content.decode())) == 4
    later(5)
    other.unpublish()
    after = changed_since(first, "event unpublished")
    assert len(read_all(after.content.decode())) == 3
    later(10)
    circle.unpublish()
    final = changed_since(after, "circle unpublished")
    assert len(read_all(final.content.decode())) == 1


def test_the_agenda_last_modified_never_moves_backwards(make_event, later):
    older = make_event()
    newest = make_event()
    client = Client()
    first = client.get("/agenda.ics")
    later(5)
    newest.unpublish()
    again = client.get("/agenda.ics", headers={"if-modified-since": first["Last-Modified"]})
    assert again.status_code == 200
    assert ical.event_uid(newest) not in read_all(again.content.decode())
    assert ical.event_uid(older) in read_all(again.content.decode())


def test_circle_feed_links_are_the_personal_token_revocable_and_end_on_leaving(
    make_circle, make_member
):
    from learning.circles.services import membership_leave

    circle = make_circle(coordinators=[UserFactory(is_staff=True)])
    member = make_member(circle)
    client = Client()
    client.force_login(member)
    pages = [client.get(circle.url).content.decode() for _ in range(2)]
    member.refresh_from_db()
    link = f"{circle.url}agenda.ics?token={member.calendar_token}"
    assert all(link in page for page in pages)  # the same link every time, not a new one
    assert reverse("events:my_registrations") in pages[0]
    feeds = Client()
    assert feeds.get(link).status_code == 200
    # Revoked on the personal feed's page: both feeds stop at once.
    client.post(reverse("events:my_calendar_token_regenerate"))
    assert feeds.get(link).status_code == 404
    assert feeds.get(f"/agenda/persoonlijk/{member.calendar_token}.ics").status_code == 404
    member.refresh_from_db()
    new_link = f"{circle.url}agenda.ics?token={member.calendar_token}"
    assert feeds.get(new_link).status_code == 200
    # Leaving the circle: the link stops at once.
    membership_leave(circle=circle, user=member, actor=member)
    assert feeds.get(new_link).status_code == 403
    for shape in ("", "kort", "a%00b", "x" * 200, "%22"):
        assert feeds.get(f"{circle.url}agenda.ics?token={shape}").status_code == 404


def test_subscribe_links_keep_the_token_on_https(make_user):
    user = make_user()
    client = Client()
    client.force_login(user)
    html = client.get(reverse("events:my_registrations"), secure=True).content.decode()
    user.refresh_from_db()
    assert f"webcals://testserver/agenda/persoonlijk/{user.calendar_token}.ics" in html
    assert f"webcal://testserver/agenda/persoonlijk/{user.calendar_token}" not in html


def test_add_to_calendar_links_for_all_day_multi_day_and_timed_events(make_event):
    from datetime import datetime
    from urllib.parse import parse_qs, urlsplit
    from zoneinfo import ZoneInfo

    from django.test import RequestFactory

    from learning.calendar.links import calendar_links

    amsterdam = ZoneInfo("Europe/Amsterdam")
    year = timezone.now().year + 1
    start = datetime(year, 6, 3, 9, 0, tzinfo=amsterdam)
    two_days = make_event(all_day=True, starts_at=start, ends_at=start + timedelta(days=1, hours=8))
    timed = make_event(starts_at=start, ends_at=start + timedelta(hours=3))
    request = RequestFactory().get("/", secure=True)

    def query(url):
        return {key: values[0] for key, values in parse_qs(urlsplit(url).query).items()}

    links = calendar_links(two_days, request=request)
    assert query(links["google"])["dates"] == f"{year}0603/{year}0605"
    for key in ("outlook", "outlook_365"):
        outlook = query(links[key])
        assert (outlook["allday"], outlook["startdt"], outlook["enddt"]) == (
            "true",
            f"{year}-06-03",
            f"{year}-06-05",
        )
    assert links["outlook_365"].startswith("https://outlook.office.com/calendar/")
    assert links["outlook"].startswith("https://outlook.live.com/calendar/")
    assert links["subscribe"].startswith("webcals://")

    links = calendar_links(timed, request=request)
    assert query(links["google"])["dates"] == f"{year}0603T070000Z/{year}0603T100000Z"
    outlook = query(links["outlook_365"])
    assert outlook["allday"] == "false"
    assert outlook["startdt"] == f"{year}-06-03T07:00:00+00:00"
    page = Client().get(timed.url).content.decode()
    assert "https://outlook.office.com/calendar/0/deeplink/compose?" in page
