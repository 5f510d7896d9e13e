"""Calendar feed views: thin, with cheap conditional GETs.

ETag and Last-Modified come from one aggregate query (selectors.*_state); a matching
If-None-Match or If-Modified-Since answers 304 before any calendar is built.
"""

from hashlib import sha256

from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date, quote_etag
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from learning.accounts.models import User

from . import calendars, selectors
from .forms import AgendaFilterForm
from .routing import serve_event_route

CONTENT_TYPE = "text/calendar; charset=utf-8"
PUBLIC_MAX_AGE = 900
PRIVATE_MAX_AGE = 300


def calendar_response(request, *, state: str, last_modified, build, public: bool, filename: str):
    """A calendar answer with ETag and Last-Modified from ``state``; 304 before ``build()``
    runs when the client has it already. Shared by every feed (also the circle feed)."""
    etag = quote_etag(sha256(state.encode()).hexdigest()[:32])
    modified = int(last_modified.timestamp()) if last_modified else None  # HTTP has seconds
    response = get_conditional_response(request, etag=etag, last_modified=modified)
    if response is None:
        response = HttpResponse(build(), content_type=CONTENT_TYPE)
        response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["ETag"] = etag
    if last_modified:
        response["Last-Modified"] = http_date(modified)
    if public:
        patch_cache_control(response, public=True, max_age=PUBLIC_MAX_AGE)
    else:
        patch_cache_control(response, private=True, max_age=PRIVATE_MAX_AGE)
        response["X-Robots-Tag"] = "noindex"
    return response


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


@require_safe
def personal_feed(request, token: str):
    """The person's registrations; the secret token in the URL is the only credential."""
    user = User.objects.filter(calendar_token=token, is_active=True).first() if token else None
    if user is None:
        raise Http404("Onbekende agendalink.")
    state = selectors.registrations_calendar_state(user=user)
    return calendar_response(
        request,
        state=f"personal-{user.pk}-{state.etag}",
        last_modified=state.last_modified,
        build=lambda: calendars.personal_calendar(user=user, request=request),
        public=False,
        filename="mijn-aanmeldingen.ics",
    )
