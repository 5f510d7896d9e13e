"""Serve the routes of event pages (``register/``, ``agenda.ics`` …) by their URL path.

Wagtail's routing walks the page tree one level at a time: a query per level, another for
each page's specific class and one for the view restrictions, eight queries for
``/agenda/<event>/register/``. During a registration rush or a calendar poll that routing
costs more than the work itself. ``serve_event_route`` finds the page in two queries instead:

1. the site for the request (Wagtail's own ``Site.find_for_request``, kept on the request);
2. the live event page whose ``url_path`` is the site root's plus the requested path, only
   when neither it nor an ancestor has a view restriction.

Anything else — a draft, a page under a view restriction (login, groups or password), a
page that is not an event, a route the page does not have — goes to Wagtail's ``serve``
unchanged, so Wagtail decides exactly as before (404, login redirect, password form).
The fast path runs Wagtail's ``before_serve_page`` and ``on_serve_page`` hooks too, except
Wagtail's view-restriction check, which the page query has already answered.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef
from django.db.models.functions import Length, Substr
from django.http import Http404, HttpResponse
from wagtail import hooks
from wagtail.models import PageViewRestriction, Site
from wagtail.url_routing import RouteResult
from wagtail.views import serve as wagtail_serve
from wagtail.wagtail_hooks import check_view_restrictions

from .models import EventPage


def _unrestricted_live_event(url_path: str) -> EventPage | None:
    """The live event page at ``url_path`` outside every view restriction, or None; one query.

    Masterclasses (and any other subclass of EventPage) come back as their own class: their
    table is joined in the same query.
    """
    restricted = PageViewRestriction.objects.filter(
        page__path=Substr(OuterRef("path"), 1, Length("page__path"))
    )
    subclasses = [model._meta.model_name for model in EventPage.__subclasses__()]
    event = (
        EventPage.objects.live()
        .filter(url_path=url_path)
        .filter(~Exists(restricted))
        .select_related(*subclasses)
        .order_by("path")
        .first()
    )
    if event is None:
        return None
    for name in subclasses:
        child = getattr(event, name, None)
        if child is not None:
            return child
    if event.specific_class is not EventPage:  # a deeper subclass: let Wagtail load it
        return event.specific
    return event


def find_event(request, page_path: str) -> EventPage | None:
    """The live, unrestricted event page at ``page_path`` (relative to the site's root page,
    ending in "/") for this request's site, or None; at most two queries."""
    site = Site.find_for_request(request)
    if site is None:
        return None
    return _unrestricted_live_event(f"{site.root_page.url_path}{page_path}")


def serve_event_route(request, page_path: str, route: str):
    """Serve ``<page_path><route>`` as Wagtail would, without walking the tree when the page
    is a live, unrestricted event page."""
    event = find_event(request, page_path)
    if event is None:
        return wagtail_serve(request, f"{page_path}{route}")
    try:
        resolver_match = event.resolve_subpage(f"/{route}")
    except Http404:
        return wagtail_serve(request, f"{page_path}{route}")
    view, args, kwargs = resolver_match
    request.routable_resolver_match = resolver_match
    serve_args = (view, args, kwargs)
    request._wagtail_route_for_request = RouteResult(event, args=serve_args)

    def serve_chain(page, request, args, kwargs):
        return page.serve(request, *args, **kwargs)

    chain = serve_chain
    for fn in reversed(hooks.get_hooks("on_serve_page")):
        # The query above already made sure that no view restriction applies.
        if fn is not check_view_restrictions:
            chain = fn(chain)
    for fn in hooks.get_hooks("before_serve_page"):
        result = fn(event, request, serve_args, {})
        if isinstance(result, HttpResponse):
            return result
    return chain(event, request, serve_args, {})


def page_route(request, page_path: str, route: str):
    """``<page-url>register/``, ``cancel/``, ``handover/`` and ``accept/`` (see learning.urls)."""
    return serve_event_route(request, page_path, f"{route}/")
