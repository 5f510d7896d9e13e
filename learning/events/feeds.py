"""Calendar feed views: thin, with cheap conditional GETs.

ETag and Last-Modified come from one aggregate query (selectors.*_state); a matching
If-None-Match or If-Modified-Since answers 304 before any calendar is built.
"""

from django.http import HttpResponse, HttpResponseBadRequest
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from learning.calendar.responses import calendar_response

from . import calendars, selectors
from .forms import AgendaFilterForm
from .routing import serve_event_route


def page_feed(request, page_path: str):
    """``<page-url>agenda.ics``: the page's ``ics`` route, found by URL path in two queries
    (routing.py); drafts, restricted pages and pages without that route go through Wagtail
    (404, login or password) as before."""
    return serve_event_route(request, page_path, "agenda.ics/")


def event_feed(request, event):
    """One event (the ``agenda.ics`` route of every event and masterclass page)."""
    if request.method not in ("GET", "HEAD"):
        return HttpResponse(status=405, headers={"Allow": "GET, HEAD"})
    stamp = event.last_published_at.timestamp() if event.last_published_at else 0
    return calendar_response(
        request,
        state=f"event-{event.pk}-{stamp}-{event.ical_sequence}",
        last_modified=event.last_published_at,
        build=lambda: calendars.event_calendar(event, request=request),
        public=True,
        filename=f"{event.slug}.ics",
    )


@require_safe
def agenda_feed(request):
    """All upcoming public events and masterclasses; ?soort=&doelgroep=&thema= filter it."""
    filters = {}
    if request.GET:
        form = AgendaFilterForm(request.GET)
        if not form.is_valid():
            return HttpResponseBadRequest(
                _("Ongeldig filter."), content_type="text/plain; charset=utf-8"
            )
        data = form.cleaned_data
        filters = {"kind": data["soort"], "audience": data["doelgroep"], "theme": data["thema"]}
    events = selectors.events_for_calendar_feed(**filters)
    state = selectors.calendar_feed_state(**filters)
    return calendar_response(
        request,
        state=f"agenda-{sorted(filters.items())}-{state.etag}",
        last_modified=state.last_modified,
        build=lambda: calendars.agenda_calendar(events, request=request),
        public=True,
        filename="agenda.ics",
    )
