"""The calendars of events (iCalendar, RFC 5545), served by learning.calendar.

Three feeds, each built with one query for its events and the shared VEVENT builder in
ical.py, so an event has the same UID and SEQUENCE in every feed and in e-mail invitations:

- one event: ``<page-url>agenda.ics``;
- the agenda: ``/agenda.ics`` (the agenda filters as query parameters);
- personal: ``/agenda/persoonlijk/<token>.ics`` (learning.calendar.personal), to which
  ``add_registrations`` contributes the person's registrations, with online links.
"""

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Event

from learning.calendar.ical import (
    TZ,
    PlainText,
    event_url,
    new_calendar,
    personal_sequence,
    serialise,
    vevent,
)

from . import selectors, timetable
from .models import EventPage, RegistrationStatus, SessionChoice

AGENDA_NAME = "Circulair Leren – agenda"

# The columns a feed item needs; the programme (a StreamField) is never parsed for feeds.
FEED_FIELDS = (
    "id",
    "path",
    "depth",
    "url_path",
    "title",
    "translation_key",
    "live",
    "last_published_at",
    "intro",
    "starts_at",
    "ends_at",
    "all_day",
    "location_name",
    "location_address",
    "online_url",
    "organiser_name",
    "organiser_email",
    "cancelled",
    "ical_sequence",
)


def _personal_labels() -> dict:
    # SUMMARY prefixes for what is not a confirmed seat (ical.vevent).
    return {
        RegistrationStatus.WAITING: _("[Wachtlijst]"),
        RegistrationStatus.OFFERED: _("[Plek aangeboden]"),
        RegistrationStatus.CANCELLED: _("[Afgemeld]"),
    }


PERSONAL_STATUS = {
    RegistrationStatus.CONFIRMED: "CONFIRMED",
    RegistrationStatus.ATTENDED: "CONFIRMED",
    RegistrationStatus.NO_SHOW: "CONFIRMED",
    RegistrationStatus.WAITING: "TENTATIVE",
    RegistrationStatus.OFFERED: "TENTATIVE",
    RegistrationStatus.CANCELLED: "CANCELLED",
}


def _public_item(event: EventPage, *, request=None):
    return vevent(
        event,
        url=event_url(event, request=request),
        status="CANCELLED" if event.cancelled else "CONFIRMED",
        dtstamp=event.last_published_at or timezone.now(),
    )


def event_calendar(event: EventPage, *, request=None) -> str:
    """One public event (no online link); no queries beyond the page itself."""
    calendar = new_calendar(name=event.title)
    calendar.add_component(_public_item(event, request=request))
    return serialise(calendar)


def agenda_calendar(events: QuerySet[EventPage], *, request=None) -> str:
    """The public agenda feed for ``events`` (a selector's queryset); one query."""
    calendar = new_calendar(name=AGENDA_NAME)
    for event in events.only(*FEED_FIELDS):
        calendar.add_component(_public_item(event, request=request))
    return serialise(calendar)


def add_registrations(calendar, *, user, request=None) -> None:
    """The personal feed's source for events (registered in apps.py): the person's
    registrations, confirmed, tentative (waiting, offered) and withdrawn; one query.

    The online link is added for confirmed participants only, and never for a cancelled event.
    """
    labels = _personal_labels()
    registrations = timetable.prefetch_session_choices(
        selectors.registrations_for_calendar(user=user)
    )
    for registration in registrations:
        event = registration.event
        status = "CANCELLED" if event.cancelled else PERSONAL_STATUS[registration.status]
        label = None if event.cancelled else labels.get(registration.status, "")
        stamps = [moment for moment in (event.last_published_at, registration.updated_at) if moment]
        calendar.add_component(
            vevent(
                event,
                url=event_url(event, request=request),
                status=status,
                dtstamp=max(stamps) if stamps else timezone.now(),
                include_online=status == "CONFIRMED",
                label=label,
                sequence=personal_sequence(
                    event,
                    earlier_registrations=registration.earlier_registrations,
                    cancelled=status == "CANCELLED",
                ),
            )
        )
        if status != "CONFIRMED":
            continue
        for choice in timetable.sessions_of(registration):
            if choice.is_seated:
                calendar.add_component(
                    _session_item(
                        event,
                        choice,
                        url=event_url(event, request=request),
                        dtstamp=max(stamps) if stamps else timezone.now(),
                        sequence=personal_sequence(
                            event,
                            earlier_registrations=registration.earlier_registrations,
                            cancelled=False,
                        ),
                    )
                )


def session_uid(event, choice: SessionChoice) -> str:
    """One UID per round of an event: a changed session replaces the person's item for that
    round in their calendar instead of adding a second one."""
    return f"{event.translation_key}-ronde-{choice.round_id}@circulairleren"


def _session_item(event, choice: SessionChoice, *, url: str, dtstamp, sequence: int) -> Event:
    """The person's session in a round as an item of its own: the round's time, the room
    (with the event's place), the speakers, and the session's online link (only seated
    people get these items)."""
    session = choice.session
    item = Event()
    item.add("uid", session_uid(event, choice))
    item.add("sequence", sequence)
    item.add("dtstamp", dtstamp)
    item.add("dtstart", choice.round.starts_at.astimezone(TZ))
    item.add("dtend", choice.round.ends_at.astimezone(TZ))
    item.add("summary", PlainText(f"{session.title} ({event.title})"))
    item.add("transp", "OPAQUE")
    lines = [f"{choice.round.title}: {session.title}"]
    if session.speakers:
        lines.append(f"{_('Sprekers')}: {session.speakers}")
    if session.description:
        lines.append(session.description)
    if session.online_url:
        lines.append(f"{_('Online deelnemen')}: {session.online_url}")
    lines.append(url)
    item.add("description", PlainText("\n\n".join(lines)))
    parts = (session.room, event.location_name, event.location_address)
    location = ", ".join(part for part in parts if part)
    if location:
        item.add("location", PlainText(location))
    item.add("url", url)
    item.add("status", "CONFIRMED")
    return item
