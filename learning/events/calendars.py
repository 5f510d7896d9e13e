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

from learning.calendar.ical import event_url, new_calendar, personal_sequence, serialise, vevent

from . import selectors
from .models import EventPage, RegistrationStatus

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
    for registration in selectors.registrations_for_calendar(user=user):
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
