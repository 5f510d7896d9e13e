"""Calendar feeds: one event, the agenda and the personal feed, parsed by three readers."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import recurring_ical_events
from django.contrib.auth.models import Group
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from ical.calendar_stream import IcsCalendarStream
from icalendar import Calendar
from wagtail.models import PageViewRestriction

from learning.accounts.models import User
from learning.accounts.services import calendar_token_get_or_create, calendar_token_regenerate
from learning.calendar import ical
from learning.core.models import Theme
from learning.events import services
from learning.events.models import Registration, RegistrationStatus
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def parse(text: str) -> dict:
    """Parse with icalendar and the ical package, expand with recurring-ical-events.

    Returns the icalendar events by UID; every reader must agree on the basics.
    """
    calendar = Calendar.from_ical(text)
    strict = IcsCalendarStream.calendar_from_ics(text)
    items = {str(item["uid"]): item for item in calendar.walk("VEVENT")}
    assert len(items) == len(calendar.walk("VEVENT")), "one UID per event"
    assert {event.uid for event in strict.events} == set(items)
    for event in strict.events:
        item = items[event.uid]
        assert event.summary == str(item["summary"])
        assert event.dtstart == item.decoded("dtstart")
        assert event.sequence == item.decoded("sequence")
    expanded = recurring_ical_events.of(calendar).between(
        datetime(2000, 1, 1, tzinfo=UTC), datetime(2100, 1, 1, tzinfo=UTC)
    )
    assert {str(item["uid"]) for item in expanded} == set(items)
    # Always there, so a calendar without events still has a component (RFC 5545).
    assert [tz["tzid"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Amsterdam"]
    return items


def get_feed(client, url, status=200, **headers):
    response = client.get(url, headers=headers)
    assert response.status_code == status, response.content[:300]
    return response


def test_event_feed_fields(make_event):
    event = make_event(
        title="Netwerkdag; circulair, samen",
        location_name="Stadhuis",
        location_address="Stadsplateau 1, Utrecht",
        online_url="https://vergader.example/geheim",
        organiser_name="Team CE",
        organiser_email="ce@utrecht.nl",
    )
    response = get_feed(Client(), f"{event.url}agenda.ics")
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Cache-Control"] == "public, max-age=900" or set(
        response["Cache-Control"].split(", ")
    ) == {"public", "max-age=900"}
    text = response.content.decode()
    assert "REFRESH-INTERVAL;VALUE=DURATION:PT1H" in text
    assert "X-PUBLISHED-TTL:PT1H" in text
    assert "X-WR-CALNAME" in text
    assert "geheim" not in text  # no online link in a public feed
    items = parse(text)
    item = items[f"{event.translation_key}@circulairleren"]
    assert str(item["summary"]) == "Netwerkdag; circulair, samen"
    assert item["dtstart"].params["TZID"] == "Europe/Amsterdam"
    assert item.decoded("dtstart") == event.starts_at.astimezone(AMSTERDAM).replace(microsecond=0)
    assert item["dtend"].params["TZID"] == "Europe/Amsterdam"
    assert str(item["location"]) == "Stadhuis, Stadsplateau 1, Utrecht"
    assert str(item["status"]) == "CONFIRMED"
    assert item.decoded("sequence") == 0
    # Replies from calendars must not reach a person who cannot act on them.
    assert str(item["organizer"]) == "mailto:noreply@circulairleren.nl"
    assert item["organizer"].params["CN"] == "Team CE"
    assert "ce@utrecht.nl" in str(item["description"])
    assert str(item["url"]).endswith(event.url)
    assert item.decoded("last-modified") == event.last_published_at.replace(microsecond=0)


def test_masterclass_has_a_feed_too(make_masterclass):
    masterclass = make_masterclass()
    items = parse(get_feed(Client(), f"{masterclass.url}agenda.ics").content.decode())
    assert list(items) == [f"{masterclass.translation_key}@circulairleren"]


def test_changing_the_time_raises_sequence_by_one_and_keeps_the_uid(make_event):
    event = make_event()
    uid = f"{event.translation_key}@circulairleren"
    event.title = "Alleen de titel"  # not time, place or status: no new sequence
    event.save_revision().publish()
    event.refresh_from_db()
    assert event.ical_sequence == 0
    event.starts_at += timedelta(hours=1)
    event.ends_at += timedelta(hours=1)
    event.save_revision().publish()
    event.refresh_from_db()
    assert event.ical_sequence == 1
    item = parse(get_feed(Client(), f"{event.url}agenda.ics").content.decode())[uid]
    assert item.decoded("sequence") == 1
    event.cancelled = True
    event.save_revision().publish()
    event.refresh_from_db()
    assert event.ical_sequence == 2
    item = parse(get_feed(Client(), f"{event.url}agenda.ics").content.decode())[uid]
    assert str(item["status"]) == "CANCELLED"


def test_publishing_an_older_revision_does_not_lower_the_sequence(make_event):
    event = make_event()
    old_revision = event.save_revision()
    event.location_name = "Elders"
    event.save_revision().publish()
    event.refresh_from_db()
    assert event.ical_sequence == 1
    old_revision.publish()  # back to the old place: a change again
    event.refresh_from_db()
    assert event.ical_sequence == 2
    assert event.location_name == ""


def test_invitations_share_uid_and_sequence_with_the_feeds(make_event, make_user, settings):
    from learning.events.notifications import render

    event = make_event()
    event.location_name = "Nieuwe plek"
    event.save_revision().publish()
    event.refresh_from_db()
    registration = services.registration_create(event=event, user=make_user())
    rendered = render(
        {
            "registration_id": registration.pk,
            "recipient_id": registration.user_id,
            "template": "confirmed",
            "subject": "Aanmelding bevestigd",
            "attach": "REQUEST",
        }
    )
    text = rendered["attachments"][0]["content"]
    assert "METHOD:REQUEST" in text
    item = parse(text)[f"{event.translation_key}@circulairleren"]
    assert item.decoded("sequence") == event.ical_sequence == 1
    cancel = ical.invitation(registration, method="CANCEL")
    assert "METHOD:CANCEL" in cancel
    item = parse(cancel)[f"{event.translation_key}@circulairleren"]
    assert str(item["status"]) == "CANCELLED"
    assert item.decoded("sequence") == 2  # above the REQUEST it withdraws


def test_agenda_feed_lists_upcoming_public_events_and_recent_cancellations(
    make_event, make_masterclass
):
    upcoming = make_event()
    masterclass = make_masterclass(online_url="https://vergader.example/geheim")
    make_event(
        starts_at=timezone.now() - timedelta(days=3), ends_at=timezone.now() - timedelta(days=2)
    )
    cancelled = make_event(cancelled=True)
    response = get_feed(Client(), "/agenda.ics")
    text = response.content.decode()
    assert "geheim" not in text
    items = parse(text)
    assert set(items) == {
        f"{page.translation_key}@circulairleren" for page in (upcoming, masterclass, cancelled)
    }
    assert str(items[f"{cancelled.translation_key}@circulairleren"]["status"]) == "CANCELLED"
    # A cancellation published more than 30 days ago has left the feed.
    from learning.events.models import EventPage

    EventPage.objects.filter(pk=cancelled.pk).update(
        last_published_at=timezone.now() - timedelta(days=31)
    )
    assert len(parse(get_feed(Client(), "/agenda.ics").content.decode())) == 2


def test_agenda_feed_filters(make_event, make_masterclass):
    theme = Theme.objects.create(name="Inkoop", slug="inkoop")
    event = make_event()
    themed = make_event()
    themed.themes.add(theme)
    themed.save_revision().publish()
    masterclass = make_masterclass(audience="bestuur")
    client = Client()

    def uids(query):
        return set(parse(get_feed(client, f"/agenda.ics?{query}").content.decode()))

    def uid(page):
        return f"{page.translation_key}@circulairleren"

    assert uids("soort=masterclass") == {uid(masterclass)}
    assert uids("soort=bijeenkomst") == {uid(event), uid(themed)}
    assert uids("doelgroep=bestuur") == {uid(masterclass)}
    assert uids("doelgroep=uitvoering") == set()
    assert uids("thema=inkoop") == {uid(themed)}
    get_feed(client, "/agenda.ics?soort=onzin", status=400)
    get_feed(client, "/agenda.ics?thema=bestaat-niet", status=400)


def test_conditional_get_answers_304_with_at_most_two_queries(
    make_event, make_user, django_assert_max_num_queries
):
    make_event()
    client = Client()
    first = get_feed(client, "/agenda.ics?soort=bijeenkomst")
    with django_assert_max_num_queries(2):
        again = client.get(
            "/agenda.ics?soort=bijeenkomst", headers={"if-none-match": first["ETag"]}
        )
    assert again.status_code == 304
    with django_assert_max_num_queries(2):
        since = client.get("/agenda.ics", headers={"if-modified-since": first["Last-Modified"]})
    assert since.status_code == 304

    user = make_user()
    url = reverse("personal_feed", kwargs={"token": calendar_token_get_or_create(user=user)})
    first = get_feed(client, url)
    with django_assert_max_num_queries(2):
        again = client.get(url, headers={"if-none-match": first["ETag"]})
    assert again.status_code == 304
    assert "private" in again["Cache-Control"]


def test_an_event_that_ends_leaves_the_feed_also_for_if_modified_since(make_event, monkeypatch):
    ending = make_event(title="Ochtendsessie")
    make_event(
        title="Middagsessie",
        starts_at=ending.starts_at + timedelta(days=7),
        ends_at=ending.ends_at + timedelta(days=7),
    )
    client = Client()
    first = get_feed(client, "/agenda.ics")
    assert "Ochtendsessie" in first.content.decode()
    # Time passes: the morning session is over, and nothing was published meanwhile.
    later = ending.ends_at + timedelta(minutes=5)
    monkeypatch.setattr(timezone, "now", lambda: later)
    since = client.get("/agenda.ics", headers={"if-modified-since": first["Last-Modified"]})
    assert since.status_code == 200
    assert "Ochtendsessie" not in since.content.decode()
    assert since["ETag"] != first["ETag"]
    assert since["Last-Modified"] != first["Last-Modified"]
    # And from then on it is stable again.
    again = client.get("/agenda.ics", headers={"if-modified-since": since["Last-Modified"]})
    assert again.status_code == 304


def test_an_aged_cancellation_leaves_the_feed_also_for_if_modified_since(make_event, monkeypatch):
    start = timezone.now() + timedelta(days=60)
    make_event(title="Kennisdag", starts_at=start, ends_at=start + timedelta(hours=6))
    event = make_event(
        title="Afgelaste excursie", starts_at=start, ends_at=start + timedelta(hours=3)
    )
    event.cancelled = True
    event.save_revision().publish()
    client = Client()
    first = get_feed(client, "/agenda.ics")
    assert "STATUS:CANCELLED" in first.content.decode()
    later = timezone.now() + timedelta(days=31)
    monkeypatch.setattr(timezone, "now", lambda: later)
    since = client.get("/agenda.ics", headers={"if-modified-since": first["Last-Modified"]})
    assert since.status_code == 200
    assert "Afgelaste excursie" not in since.content.decode()
    assert "Kennisdag" in since.content.decode()


def test_etag_changes_when_an_event_changes(make_event):
    event = make_event()
    client = Client()
    first = get_feed(client, "/agenda.ics")
    event.location_name = "Elders"
    event.save_revision().publish()
    response = client.get("/agenda.ics", headers={"if-none-match": first["ETag"]})
    assert response.status_code == 200
    assert response["ETag"] != first["ETag"]


def test_event_feed_conditional_get_answers_304_with_at_most_two_queries(
    make_event, make_masterclass, django_assert_max_num_queries
):
    for page in (make_event(), make_masterclass()):
        client = Client()
        first = get_feed(client, f"{page.url}agenda.ics")
        with django_assert_max_num_queries(2):
            again = client.get(f"{page.url}agenda.ics", headers={"if-none-match": first["ETag"]})
        assert again.status_code == 304
        assert again["ETag"] == first["ETag"]
        with django_assert_max_num_queries(2):
            since = client.get(
                f"{page.url}agenda.ics", headers={"if-modified-since": first["Last-Modified"]}
            )
        assert since.status_code == 304
        # Logged in, the session and the user add nothing to the count.
        client.force_login(UserFactory())
        with django_assert_max_num_queries(2):
            again = client.get(f"{page.url}agenda.ics", headers={"if-none-match": first["ETag"]})
        assert again.status_code == 304


def _restrict(page, kind, **fields):
    restriction = PageViewRestriction.objects.create(page=page, restriction_type=kind, **fields)
    return restriction


def test_event_feed_of_a_restricted_event_follows_wagtails_view_restrictions(
    agenda, make_event, make_user
):
    login_only = make_event()
    _restrict(login_only, PageViewRestriction.LOGIN)
    for_group = make_event()
    group = Group.objects.create(name="Leerkring Bouw")
    _restrict(for_group, PageViewRestriction.GROUPS).groups.add(group)
    secret = make_event(title="Geheime sessie")
    _restrict(secret, PageViewRestriction.PASSWORD, password="geheim")
    anonymous, member, outsider = Client(), Client(), Client()
    member_user = make_user()
    member_user.groups.add(group)
    member.force_login(member_user)
    outsider.force_login(make_user())

    # Login required: anonymous people are sent to log in, also with an ETag they guessed.
    url = f"{login_only.url}agenda.ics"
    response = anonymous.get(url)
    assert response.status_code == 302 and "login" in response["Location"]
    etag = get_feed(outsider, url)["ETag"]
    assert anonymous.get(url, headers={"if-none-match": etag}).status_code == 302
    assert outsider.get(url, headers={"if-none-match": etag}).status_code == 304

    # Groups: only members (and superusers).
    url = f"{for_group.url}agenda.ics"
    assert outsider.get(url).status_code == 302
    assert anonymous.get(url).status_code == 302
    assert "BEGIN:VCALENDAR" in get_feed(member, url).content.decode()

    # Password: the password form, never the calendar.
    response = member.get(f"{secret.url}agenda.ics")
    assert response.status_code == 200
    assert not response["Content-Type"].startswith("text/calendar")
    assert "BEGIN:VCALENDAR" not in response.content.decode()

    # A restriction on an ancestor (the agenda) covers the event below it.
    below = make_event()
    _restrict(agenda, PageViewRestriction.LOGIN)
    assert anonymous.get(f"{below.url}agenda.ics").status_code == 302
    assert get_feed(outsider, f"{below.url}agenda.ics")["Content-Type"].startswith("text/calendar")


def test_event_feed_of_a_draft_or_missing_page_is_404(make_event, agenda):
    event = make_event()
    url = f"{event.url}agenda.ics"
    event.unpublish()
    assert Client().get(url).status_code == 404
    assert Client().get("/agenda/bestaat-niet/agenda.ics").status_code == 404
    # A page that is not an event has no feed.
    assert Client().get(f"{agenda.url}agenda.ics").status_code == 404


def test_personal_feed_statuses_and_online_link(make_event, make_user, utrecht):
    user = make_user(utrecht)
    confirmed = make_event(online_url="https://vergader.example/bevestigd")
    full = make_event(capacity=1, online_url="https://vergader.example/vol")
    withdrawn = make_event(online_url="https://vergader.example/afgemeld")
    other = make_event()
    services.registration_create(event=confirmed, user=user)
    services.registration_create(event=full, user=make_user(utrecht))
    waiting = services.registration_create(event=full, user=user)
    assert waiting.status == RegistrationStatus.WAITING
    gone = services.registration_create(event=withdrawn, user=user)
    services.registration_cancel(registration=gone, actor=user)
    services.registration_create(event=other, user=make_user(utrecht))  # someone else's

    token = calendar_token_get_or_create(user=user)
    assert len(token) >= 43  # 32 random bytes
    response = get_feed(Client(), f"/agenda/persoonlijk/{token}.ics")
    assert "private" in response["Cache-Control"]
    text = response.content.decode()
    items = parse(text)

    def status(page):
        return str(items[f"{page.translation_key}@circulairleren"]["status"])

    assert set(items) == {
        f"{page.translation_key}@circulairleren" for page in (confirmed, full, withdrawn)
    }
    assert status(confirmed) == "CONFIRMED"
    assert status(full) == "TENTATIVE"
    assert status(withdrawn) == "CANCELLED"
    assert "vergader.example/bevestigd" in text
    assert "vergader.example/vol" not in text
    assert "vergader.example/afgemeld" not in text


def test_personal_feed_prefers_the_active_registration_after_registering_again(
    make_event, make_user
):
    user = make_user()
    event = make_event()
    first = services.registration_create(event=event, user=user)
    services.registration_cancel(registration=first, actor=user)
    services.registration_create(event=event, user=user)
    assert Registration.objects.filter(event=event, user=user).count() == 2
    token = calendar_token_get_or_create(user=user)
    items = parse(get_feed(Client(), f"/agenda/persoonlijk/{token}.ics").content.decode())
    assert [str(item["status"]) for item in items.values()] == ["CONFIRMED"]


def test_personal_feed_unknown_and_revoked_tokens(make_user):
    user = make_user()
    client = Client()
    get_feed(client, "/agenda/persoonlijk/onbekend.ics", status=404)
    # Not even looked up: PostgreSQL refuses a NUL in a text comparison.
    for shape in ("%00", "a%00b", "%22", "a.b"):
        get_feed(client, f"/agenda/persoonlijk/{shape}.ics", status=404)
    old = calendar_token_get_or_create(user=user)
    assert calendar_token_get_or_create(user=user) == old
    get_feed(client, f"/agenda/persoonlijk/{old}.ics")
    new = calendar_token_regenerate(user=user)
    assert new != old
    get_feed(client, f"/agenda/persoonlijk/{old}.ics", status=404)
    get_feed(client, f"/agenda/persoonlijk/{new}.ics")


def test_two_first_requests_at_once_end_up_with_one_token(make_user):
    """Two requests of the same person, each with the user as it was before either made a
    token: the second one gets the first one's token, not a token of its own."""
    user = make_user()
    first, second = (User.objects.get(pk=user.pk) for _ in range(2))
    with CaptureQueriesContext(connection) as queries:
        token = calendar_token_get_or_create(user=first)
    assert len(queries) == 1  # the winner writes and knows its token
    assert calendar_token_get_or_create(user=second) == token
    assert User.objects.get(pk=user.pk).calendar_token == token


def test_my_registrations_shows_the_feed_and_regenerates_it(make_user):
    user = make_user()
    client = Client()
    client.force_login(user)
    page = client.get(reverse("events:my_registrations")).content.decode()
    user.refresh_from_db()
    assert f"/agenda/persoonlijk/{user.calendar_token}.ics" in page
    assert "js/copy-link.js" in page
    assert "<script>" not in page
    old = user.calendar_token
    assert client.get(reverse("events:my_calendar_token_regenerate")).status_code == 405
    response = client.post(reverse("events:my_calendar_token_regenerate"))
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.calendar_token != old


def test_event_page_has_add_to_calendar_links(make_event):
    event = make_event(title="Netwerkdag & co", location_name="Stadhuis")
    page = Client().get(event.url).content.decode()
    assert f'href="{event.url}agenda.ics"' in page
    assert f"webcal://testserver{event.url}agenda.ics" in page
    assert (
        "https://calendar.google.com/calendar/render?action=TEMPLATE&amp;text=Netwerkdag+%26+co"
        in page
    )
    assert "https://outlook.live.com/calendar/0/deeplink/compose?" in page


@pytest.mark.parametrize("feed", ["agenda", "personal"])
def test_query_count_does_not_grow_with_events(
    feed, make_event, make_user, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    user = make_user()
    token = calendar_token_get_or_create(user=user)
    url = "/agenda.ics" if feed == "agenda" else f"/agenda/persoonlijk/{token}.ics"

    def add(count):
        for _ in range(count):
            event = make_event()
            Registration.objects.create(
                event=event,
                user=user,
                organisation=user.organisation or _organisation(),
                status=RegistrationStatus.CONFIRMED,
            )

    def queries():
        client = Client()
        client.get(url)  # warm the site root paths cache
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        assert response.status_code == 200
        return len(captured), response.content.decode().count("BEGIN:VEVENT")

    add(3)
    small, small_events = queries()
    add(12)
    large, large_events = queries()
    assert (small_events, large_events) == (3, 15)
    assert small == large
    # The feed's state, its events (one query), the request's site; personal: the token.
    assert large <= (3 if feed == "agenda" else 4)


def _organisation():
    from learning.organisations.models import Organisation

    return Organisation.objects.first()


# Text that calendar lines must carry: separators, escapes, newlines, emoji, long lines.
# Control characters other than newline are not allowed in iCalendar text (RFC 5545 3.3.11).
calendar_text = st.text(
    alphabet=st.one_of(
        st.sampled_from([",", ";", "\\", "\n", ":", '"', "é", "€", "🌍", "🏽", "\u200d", " "]),
        st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")),
    ),
    min_size=1,
    max_size=400,
).filter(lambda text: text.strip() == text and text.strip())


class _Event:
    """What the VEVENT builder reads from an event page, without a database."""

    def __init__(self, title, intro):
        self.title = title
        self.intro = intro
        self.translation_key = "6f1e3c1e-0000-4000-8000-000000000001"
        self.ical_sequence = 3
        self.last_published_at = datetime(2026, 11, 1, 9, 30, tzinfo=UTC)
        self.starts_at = datetime(2026, 12, 3, 9, 0, tzinfo=UTC)
        self.ends_at = datetime(2026, 12, 3, 13, 0, tzinfo=UTC)
        self.location_name = title
        self.location_address = ""
        self.online_url = ""
        self.organiser_name = title
        self.organiser_email = ""


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@example(title="C:\\Nieuw \\n", intro="\\N")  # icalendar alone turns \N into a line break
@given(
    title=calendar_text,
    intro=calendar_text
    | st.text(min_size=200, max_size=2000).map(lambda t: "x" * 80 + t.replace("\r", "")),
)
def test_text_round_trips_through_every_reader(title, intro):
    intro = "".join(ch for ch in intro if ch == "\n" or ch.isprintable()) or "x"
    event = _Event(title, intro)
    calendar = ical.new_calendar(name=title)
    calendar.add_component(
        ical.vevent(
            event, url="https://example.nl/a/", status="CONFIRMED", dtstamp=event.last_published_at
        )
    )
    text = ical.serialise(calendar)
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))  # folded
    parsed = Calendar.from_ical(text)
    item = parsed.walk("VEVENT")[0]
    assert str(item["summary"]) == title
    assert str(item["location"]) == title
    assert str(item["description"]) == f"{intro}\n\nhttps://example.nl/a/"
    strict = IcsCalendarStream.calendar_from_ics(text).events[0]
    assert strict.summary == title
    assert strict.description == f"{intro}\n\nhttps://example.nl/a/"
    assert strict.location == title


def test_all_day_events_are_date_values(make_event):
    from datetime import date

    start = datetime(2027, 6, 3, 9, 0, tzinfo=AMSTERDAM)
    all_day = make_event(
        title="Tweedaagse circulaire bouw",
        all_day=True,
        starts_at=start,
        ends_at=start + timedelta(days=1, hours=8),
    )
    make_event(title="Gewone middag")
    items = parse(get_feed(Client(), "/agenda.ics").content.decode())
    item = items[ical.event_uid(all_day)]
    assert item.decoded("dtstart") == date(2027, 6, 3)
    assert item.decoded("dtend") == date(2027, 6, 5)  # the day after the last day
    assert "VALUE=DATE" in item.to_ical().decode()

    sequence = all_day.ical_sequence
    all_day.all_day = False
    all_day.save_revision().publish()
    all_day.refresh_from_db()
    assert all_day.ical_sequence == sequence + 1
