"""Every kind of feed and invitation, read by icalendar, ``ical`` and Mozilla's ical.js, gives
the times in the database: winter, summer, both transition weekends, all-day and multi-day
events, the 2017 pilot and years after 2038."""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from django.utils import timezone

from learning.accounts.services import calendar_token_get_or_create
from learning.calendar import ical
from learning.circles.feeds import feed_token
from learning.circles.models import CircleMeeting
from learning.events.models import Registration, RegistrationStatus
from tests.calendar.readers import icaljs, read_all
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def last_sunday(year: int, month: int) -> date:
    day = date(year, month, 31)
    return day - timedelta(days=(day.weekday() + 1) % 7)


def local(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=AMSTERDAM)


def timed(when):
    return {"utc": when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")}


def expected(event) -> dict:
    if event.all_day:
        first = event.starts_at.astimezone(AMSTERDAM).date()
        last = event.ends_at.astimezone(AMSTERDAM).date()
        return {
            "dtstart": {"date": first.isoformat()},
            "dtend": {"date": (last + timedelta(days=1)).isoformat()},
        }
    return {"dtstart": timed(event.starts_at), "dtend": timed(event.ends_at)}


def cases() -> dict[str, dict]:
    """Upcoming events (so they are in the agenda too), all in next year."""
    year = timezone.now().year + 1
    spring, autumn = last_sunday(year, 3), last_sunday(year, 10)
    return {
        "winter": {"starts_at": local(date(year, 1, 14), 9, 30), "hours": 2.5},
        "summer": {"starts_at": local(date(year, 7, 8), 9, 30), "hours": 6.5},
        # Saturday morning to Sunday afternoon of the spring-forward weekend.
        "spring weekend": {
            "starts_at": local(spring - timedelta(days=1), 10),
            "ends_at": local(spring, 16),
        },
        "spring sunday": {"starts_at": local(spring, 10), "hours": 2},
        # Saturday evening into the night when 02:00-03:00 happens twice.
        "autumn night": {
            "starts_at": local(autumn - timedelta(days=1), 22),
            "ends_at": datetime(autumn.year, autumn.month, autumn.day, 3, 30, tzinfo=UTC),
        },
        "autumn sunday": {"starts_at": local(autumn, 10), "hours": 2},
        "all-day summer": {"starts_at": local(date(year, 6, 3), 9), "hours": 8, "all_day": True},
        "all-day across autumn": {
            "starts_at": local(autumn - timedelta(days=2), 9),
            "ends_at": local(autumn + timedelta(days=1), 17),
            "all_day": True,
        },
    }


@pytest.fixture
def events(make_event):
    made = {}
    for number, (name, case) in enumerate(cases().items()):
        starts_at = case["starts_at"]
        ends_at = case.get("ends_at") or starts_at + timedelta(hours=case["hours"])
        made[name] = make_event(
            title=f"Tijdtest {name}",
            slug=f"tijdtest-{number}",
            starts_at=starts_at,
            ends_at=ends_at,
            all_day=case.get("all_day", False),
        )
    return made


def check(text: str, events) -> dict:
    items = read_all(text)
    for event in events:
        item = items[ical.event_uid(event)]
        assert {"dtstart": item["dtstart"], "dtend": item["dtend"]} == expected(event), event.title
    return items


def test_the_vtimezone_has_yearly_rules_only():
    text = ical.serialise(ical.new_calendar(name="Leeg"))
    block = text.split("BEGIN:VTIMEZONE")[1].split("END:VTIMEZONE")[0]
    assert "RDATE" not in block
    assert block.count("RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=") == 2
    assert "BEGIN:STANDARD" in block and "BEGIN:DAYLIGHT" in block


def test_public_feeds_read_the_same_in_every_parser(events):
    client = Client()
    check(client.get("/agenda.ics").content.decode(), events.values())
    for event in events.values():
        check(client.get(f"{event.url}agenda.ics").content.decode(), [event])


@pytest.mark.parametrize(
    "when",
    [
        local(date(2017, 6, 15), 13, 30),  # the pilot
        local(date(2017, 12, 7), 13, 30),
        local(date(2040, 7, 12), 9, 0),
        local(date(2049, 3, 28), 9, 0),  # the day the clocks go forward
        local(date(2049, 10, 31), 9, 0),
    ],
)
def test_times_far_in_the_past_and_the_future(make_event, when):
    event = make_event(title="Ver weg", starts_at=when, ends_at=when + timedelta(hours=2))
    check(Client().get(f"{event.url}agenda.ics").content.decode(), [event])


def test_personal_feed_and_invitations_read_the_same_in_every_parser(events, make_user, utrecht):
    user = make_user(utrecht)
    registrations = [
        Registration.objects.create(
            event=event, user=user, organisation=utrecht, status=RegistrationStatus.CONFIRMED
        )
        for event in events.values()
    ]
    token = calendar_token_get_or_create(user=user)
    check(Client().get(f"/agenda/persoonlijk/{token}.ics").content.decode(), events.values())
    for registration in registrations:
        for method in ("REQUEST", "CANCEL"):
            text = ical.invitation(registration, method=method)
            assert icaljs(text)["method"] == method
            check(text, [registration.event])


def test_circle_feeds_read_the_same_in_every_parser(make_circle, make_member):
    circle = make_circle(meetings=0, coordinators=[UserFactory(is_staff=True)])
    draft = circle.get_latest_revision_as_object()
    draft.meetings = [
        CircleMeeting(
            title=name,
            starts_at=case["starts_at"],
            ends_at=case.get("ends_at") or case["starts_at"] + timedelta(hours=case["hours"]),
            location_name="Stadhuis",
        )
        for name, case in cases().items()
        if not case.get("all_day")
    ]
    draft.save_revision().publish()
    member = make_member(circle)
    meetings = list(CircleMeeting.objects.filter(circle=circle))
    assert len(meetings) == 6
    client = Client()
    feeds = [
        client.get(f"{circle.url}agenda.ics?token={feed_token(circle=circle, user=member)}"),
        client.get(f"/agenda/persoonlijk/{calendar_token_get_or_create(user=member)}.ics"),
    ]
    for response in feeds:
        items = read_all(response.content.decode())
        for meeting in meetings:
            item = items[f"leerkring-bijeenkomst-{meeting.pk}@circulairleren"]
            assert item["dtstart"] == timed(meeting.starts_at)
            assert item["dtend"] == timed(meeting.ends_at)
