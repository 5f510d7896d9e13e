"""iCalendar building blocks (RFC 5545): the one VEVENT builder, shared by the invitation in
e-mails (METHOD REQUEST and CANCEL, RFC 5546) and by every calendar feed (feeds.py,
personal.py and the calendars the apps register).

Identity and ordering, the same in every place an event shows up:

- UID is the page's translation key, so it never changes with title, slug or time; the
  invitation in an e-mail and the item in the personal feed carry the same UID and calendar
  clients merge them into one entry.
- SEQUENCE is ``EventPage.ical_sequence`` in public feeds: services.event_calendar_refresh
  raises it by one when the time, the place, the online link or the cancelled status
  changes. In a participant's own calendar (invitations, personal feed) it is
  ``personal_sequence``: withdrawing and registering again raise it too, so a CANCEL never
  carries the SEQUENCE of the REQUEST it withdraws.
- Events have a start and end time, written with TZID=Europe/Amsterdam and the VTIMEZONE
  below; all-day events (``EventPage.all_day``) are DATE values, with DTEND the day after the
  last day (RFC 5545 3.6.1).
- The VTIMEZONE is the rule form that Outlook, Google and Apple write: one STANDARD and one
  DAYLIGHT observance with a yearly RRULE (the EU rule since 1996: last Sunday of March and
  of October), valid for every year. icalendar's ``add_missing_timezones()`` writes long RDATE
  lists instead, which some clients read only the first of (summer times came out an hour
  late in ical.js, Thunderbird's parser) and which end in 2038. Every calendar carries it,
  also one without events, so that an empty feed still has the component RFC 5545 requires.

"""

import hashlib
import json
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import (
    Calendar,
    Event,
    Timezone,
    TimezoneDaylight,
    TimezoneStandard,
    vCalAddress,
    vDuration,
    vRecur,
    vText,
)

PRODID = "-//Circulair Leren//Agenda//NL"
TZ = ZoneInfo("Europe/Amsterdam")
FEED_REFRESH = timedelta(hours=1)
NOREPLY = "noreply@circulairleren.nl"


def event_uid(event) -> str:
    """A UID that never changes: the page's translation key, not its title or URL."""
    return f"{event.translation_key}@circulairleren"


def event_url(event, *, request=None) -> str:
    url = event.get_url(request=request)
    if not url:
        return settings.SITE_URL
    return url if url.startswith("http") else f"{settings.SITE_URL}{url}"


class PlainText(vText):
    """A TEXT value written exactly as given.

    icalendar's own escaping first turns a literal backslash-N into a line break (documented
    step 1 of its ``_escape_char``), so "C:\\Nieuw" would come back changed; found by the
    property test in tests/events/test_calendars.py. Otherwise the same RFC 5545 3.3.11 rules.
    """

    def to_ical(self) -> bytes:
        return (
            self.replace("\\", "\\\\")
            .replace(";", r"\;")
            .replace(",", r"\,")
            .replace("\r\n", r"\n")
            .replace("\n", r"\n")
            .replace("\r", r"\n")
            .encode(self.encoding)
        )


def _param(text: str) -> str:
    # A parameter value (CN) can hold neither line breaks nor double quotes (RFC 5545 3.2).
    return " ".join(text.replace('"', "'").split())


def _location(event, *, include_online: bool) -> str:
    parts = [event.location_name, event.location_address]
    if include_online and event.online_url:
        parts.append(event.online_url)
    return ", ".join(part for part in parts if part)


def vevent(
    event,
    *,
    url: str,
    status: str,
    dtstamp: datetime,
    include_online: bool = False,
    attendee=None,
    sequence: int | None = None,
    label: str | None = None,
) -> Event:
    """One VEVENT for ``event``. The online link only when ``include_online`` (participants).

    ``sequence`` defaults to the event's; a participant's calendar passes
    ``personal_sequence(...)``. Anything but CONFIRMED is TRANSP:TRANSPARENT (not busy) and
    its SUMMARY starts with ``label`` ("[Wachtlijst]"; "[Gaat niet door]" by default for
    CANCELLED), for clients that ignore STATUS.
    """
    if label is None:
        label = _("[Gaat niet door]") if status == "CANCELLED" else ""
    item = Event()
    item.add("uid", event_uid(event))
    item.add("sequence", event.ical_sequence if sequence is None else sequence)
    item.add("dtstamp", dtstamp)
    if event.last_published_at:
        item.add("last-modified", event.last_published_at)
    if getattr(event, "all_day", False):
        first_day = event.starts_at.astimezone(TZ).date()
        last_day = max(event.ends_at.astimezone(TZ).date(), first_day)
        item.add("dtstart", first_day)
        item.add("dtend", last_day + timedelta(days=1))
    else:
        item.add("dtstart", event.starts_at.astimezone(TZ))
        item.add("dtend", event.ends_at.astimezone(TZ))
    item.add("summary", PlainText(f"{label} {event.title}" if label else event.title))
    item.add("transp", "OPAQUE" if status == "CONFIRMED" else "TRANSPARENT")
    description = event.intro  # plain text already (a TextField shown escaped)
    if include_online and event.online_url:
        description = f"{description}\n\nOnline deelnemen: {event.online_url}"
    if event.organiser_email:
        description = (
            f"{description}\n\n{_('Vragen? Mail de organisator')}: {event.organiser_email}"
        )
    item.add("description", PlainText(f"{description}\n\n{url}"))
    location = _location(event, include_online=include_online)
    if location:
        item.add("location", PlainText(location))
    item.add("url", url)
    item.add("status", status)
    # The organizer is the site's no-reply address (with the organiser's name), never the
    # organiser's own: an "Accept/Decline" from a calendar would otherwise land with a person
    # who cannot act on it (a decline frees no seat; withdrawing is done on the site). The
    # attendee is already ACCEPTED and asked for no reply (RSVP=FALSE).
    organiser = vCalAddress(f"mailto:{NOREPLY}")
    organiser.params["cn"] = vText(_param(event.organiser_name) or "Circulair Leren")
    item.add("organizer", organiser)
    if attendee is not None:
        address = vCalAddress(f"mailto:{attendee.email}")
        address.params["cn"] = vText(_param(attendee.full_name) or attendee.email)
        address.params["role"] = vText("REQ-PARTICIPANT")
        address.params["partstat"] = vText("ACCEPTED")
        address.params["rsvp"] = vText("FALSE")
        item.add("attendee", address)
    return item


def new_calendar(*, method: str | None = None, name: str | None = None) -> Calendar:
    """An empty VCALENDAR; with a ``name`` it is a feed (NAME, X-WR-CALNAME, refresh hints)."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    if method:
        calendar.add("method", method)
    if name:
        calendar.add("name", PlainText(name))
        calendar.add("x-wr-calname", PlainText(name))
        calendar.add("refresh-interval", vDuration(FEED_REFRESH), parameters={"VALUE": "DURATION"})
        calendar.add("x-published-ttl", vDuration(FEED_REFRESH))
    return calendar


def _observance(kind, *, name: str, start: datetime, offset_from: int, offset_to: int, month: int):
    observance = kind()
    observance.add("tzname", name)
    observance.add("dtstart", start)  # floating local time, as the RFC's examples
    observance.add("tzoffsetfrom", timedelta(hours=offset_from))
    observance.add("tzoffsetto", timedelta(hours=offset_to))
    observance.add("rrule", vRecur(freq="YEARLY", bymonth=month, byday="-1SU"))
    return observance


def amsterdam_vtimezone() -> Timezone:
    """Europe/Amsterdam as Google Calendar writes it: yearly rules, no list of dates."""
    timezone_ = Timezone()
    timezone_.add("tzid", "Europe/Amsterdam")
    timezone_.add("x-lic-location", "Europe/Amsterdam")
    timezone_.add_component(
        _observance(
            TimezoneDaylight,
            name="CEST",
            start=datetime(1970, 3, 29, 2, 0),
            offset_from=1,
            offset_to=2,
            month=3,
        )
    )
    timezone_.add_component(
        _observance(
            TimezoneStandard,
            name="CET",
            start=datetime(1970, 10, 25, 3, 0),
            offset_from=2,
            offset_to=1,
            month=10,
        )
    )
    return timezone_


VTIMEZONE = amsterdam_vtimezone()


def serialise(calendar: Calendar) -> str:
    """The calendar as text, with the Europe/Amsterdam VTIMEZONE first (see above)."""
    if VTIMEZONE not in calendar.subcomponents:
        calendar.subcomponents.insert(0, VTIMEZONE)
    return calendar.to_ical().decode("utf-8")


def invitation(registration, *, method: str = "REQUEST", attendee=None) -> str:
    """An invitation (REQUEST) or its withdrawal (CANCEL) for one participant.

    ``attendee`` defaults to the registration's user (after a handover, the CANCEL goes to
    the previous holder, who is passed explicitly). SEQUENCE is ``personal_sequence``: one
    query counts the attendee's earlier registrations for the event.
    """
    event = registration.event
    attendee = attendee or registration.user
    calendar = new_calendar(method=method)
    cancelled = method == "CANCEL" or event.cancelled
    earlier = type(registration).objects.filter(
        event_id=registration.event_id, user_id=attendee.pk, pk__lt=registration.pk
    )
    calendar.add_component(
        vevent(
            event,
            url=event_url(event),
            status="CANCELLED" if cancelled else "CONFIRMED",
            dtstamp=timezone.now(),
            include_online=not cancelled,
            attendee=attendee,
            sequence=personal_sequence(
                event, earlier_registrations=earlier.count(), cancelled=cancelled
            ),
        )
    )
    return serialise(calendar)


def personal_sequence(event, *, earlier_registrations: int, cancelled: bool) -> int:
    """The SEQUENCE of ``event`` in one person's calendar (invitations, personal feed).

    The event's own sequence plus two for every earlier registration of this person for the
    event (each was a REQUEST and a CANCEL) plus one when this one is withdrawn: a CANCEL
    always carries a higher SEQUENCE than the REQUEST it withdraws, and registering again
    after withdrawing a higher one than that CANCEL (RFC 5546 2.1.4: a lower or equal
    SEQUENCE is ignored or ordered by DTSTAMP, which clients do not all do).
    """
    return event.ical_sequence + 2 * earlier_registrations + (1 if cancelled else 0)


def calendar_state(event) -> dict:
    """Time, place, online link and status as stored after a publication (JSON), so that
    participants can be told what changed."""
    return {
        "starts_at": event.starts_at.astimezone(UTC).isoformat(),
        "ends_at": event.ends_at.astimezone(UTC).isoformat(),
        "all_day": bool(getattr(event, "all_day", False)),
        "location_name": event.location_name,
        "location_address": event.location_address,
        "online_url": event.online_url,
        "cancelled": bool(event.cancelled),
    }


def calendar_fingerprint(event) -> str:
    """What calendar clients must hear about: time, place, online link and cancelled status.

    A frozen copy lives in migration events 0003; change both together.
    """
    values = [
        event.starts_at.astimezone(UTC).isoformat(),
        event.ends_at.astimezone(UTC).isoformat(),
        event.location_name,
        event.location_address,
        event.online_url,
        event.cancelled,
    ]
    if getattr(event, "all_day", False):
        # Appended only when set, so fingerprints of timed events stay as they were.
        values.append("all-day")
    return hashlib.sha256(json.dumps(values).encode()).hexdigest()
