"""The public feed views: ``/agenda.ics`` and ``<page-url>agenda.ics`` for every page type
with a registered feed (registry.py). Thin: the registered source gives the state and how
to build the calendar; responses.py answers 304 before anything is built."""

from django.http import Http404, HttpResponse
from django.views.decorators.http import require_safe

from learning.core.routing import serve_page_route

from .errors import CalendarError
from .registry import FeedContent, agenda_feed, page_feed_for, page_feed_types
from .responses import calendar_response


def _respond(request, *, content_of, public: bool):
    try:
        content: FeedContent = content_of()
    except CalendarError as error:
        return HttpResponse(
            error.message, status=error.status, content_type="text/plain; charset=utf-8"
        )
    return calendar_response(
        request,
        state=content.state,
        last_modified=content.last_modified,
        build=content.build,
        public=public,
        filename=content.filename,
    )


def page_feed(request, page_path: str):
    """``<page-url>agenda.ics``: the page's ``agenda.ics/`` route, found by URL path in two
    queries (learning.core.routing) for the page types with a registered feed; drafts,
    restricted pages and other pages go through Wagtail (404, login or password)."""
    return serve_page_route(request, page_path, "agenda.ics/", page_types=page_feed_types())


def page_feed_response(request, page):
    """The answer of a page's ``agenda.ics/`` route, from the feed registered for its type."""
    if request.method not in ("GET", "HEAD"):
        return HttpResponse(status=405, headers={"Allow": "GET, HEAD"})
    feed = page_feed_for(page)
    if feed is None:
        raise Http404("Deze pagina heeft geen agenda.")
    return _respond(
        request,
        content_of=lambda: feed.content(page=page, request=request),
        public=feed.public,
    )


@require_safe
def agenda_view(request):
    """``/agenda.ics``: the registered agenda feed (the query string is its filter)."""
    feed = agenda_feed()
    if feed is None:
        raise Http404("Geen agenda.")
    return _respond(request, content_of=lambda: feed.content(request=request), public=True)
