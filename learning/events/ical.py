"""iCalendar invitations for registrations (RFC 5545, METHOD REQUEST and CANCEL)."""

from django.conf import settings
from django.utils import timezone
from django.utils.html import strip_tags
from icalendar import Calendar, Event, vCalAddress, vText

PRODID = "-//Circulair Leren//Agenda//NL"


def event_uid(event) -> str:
    """A UID that never changes: the page's translation key, not its title or URL."""
    return f"{event.translation_key}@circulairleren"


def _location(event, *, include_online: bool) -> str:
    parts = [event.location_name, event.location_address]
    if include_online and event.online_url:
        parts.append(event.online_url)
    return ", ".join(part for part in parts if part)


def invitation(registration, *, method: str = "REQUEST", sequence: int = 0) -> str:
    """An invitation (REQUEST) or its withdrawal (CANCEL) for one participant."""
    event = registration.event
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("method", method)
    item = Event()
    item.add("uid", event_uid(event))
    item.add("sequence", sequence)
    item.add("dtstamp", timezone.now())
    item.add("dtstart", timezone.localtime(event.starts_at))
    item.add("dtend", timezone.localtime(event.ends_at))
    item.add("summary", event.title)
    item.add("description", strip_tags(event.intro))
    item.add("location", _location(event, include_online=method == "REQUEST"))
    item.add("url", f"{settings.SITE_URL}{event.url}" if event.url else settings.SITE_URL)
    item.add("status", "CANCELLED" if method == "CANCEL" else "CONFIRMED")
    organiser = vCalAddress(f"mailto:{event.organiser_email or 'noreply@circulairleren.nl'}")
    organiser.params["cn"] = vText(event.organiser_name or "Circulair Leren")
    item.add("organizer", organiser)
    if registration.user is not None:
        attendee = vCalAddress(f"mailto:{registration.user.email}")
        attendee.params["cn"] = vText(registration.user.full_name)
        attendee.params["role"] = vText("REQ-PARTICIPANT")
        attendee.params["partstat"] = vText("ACCEPTED")
        item.add("attendee", attendee)
    calendar.add_component(item)
    calendar.add_missing_timezones()
    return calendar.to_ical().decode("utf-8")
