"""The feeds of events, registered with learning.calendar in apps.py: ``<page-url>agenda.ics``
of every event page (masterclasses too) and the agenda ``/agenda.ics``. Each gives its state
from one cheap query; learning.calendar answers 304 before any calendar is built."""

from django.utils.translation import gettext as _

from learning.calendar.errors import CalendarError
from learning.calendar.registry import FeedContent

from . import calendars, selectors
from .forms import AgendaFilterForm
from .models import EventPage


def event_feed_content(*, page: EventPage, request) -> FeedContent:
    """One event: public, no queries beyond the page itself."""
    stamp = page.last_published_at.timestamp() if page.last_published_at else 0
    return FeedContent(
        state=f"event-{page.pk}-{stamp}-{page.ical_sequence}",
        last_modified=page.last_published_at,
        build=lambda: calendars.event_calendar(page, request=request),
        filename=f"{page.slug}.ics",
    )


def agenda_feed_content(*, request) -> FeedContent:
    """All upcoming public events and masterclasses; ?soort=&thema= and the registered agenda
    filters (?doelgroep=, learning.masterclasses) filter it."""
    filters = {}
    if request.GET:
        form = AgendaFilterForm(request.GET)
        if not form.is_valid():
            raise CalendarError("invalid_filter", _("Ongeldig filter."), status=400)
        # The feed has no month: a calendar subscribes to what is coming.
        filters = form.filters()
        del filters["month"]
    events = selectors.events_for_calendar_feed(**filters)
    state = selectors.calendar_feed_state(**filters)
    return FeedContent(
        state=f"agenda-{sorted(filters.items())}-{state.etag}",
        last_modified=state.last_modified,
        build=lambda: calendars.agenda_calendar(events, request=request),
        filename="agenda.ics",
    )
