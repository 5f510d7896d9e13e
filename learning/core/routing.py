"""Serve a routable page's routes (``register/``, ``agenda.ics`` …) by their URL path.

Wagtail's routing walks the page tree one level at a time: a query per level, another for
each page's specific class and one for the view restrictions, eight queries for
``/agenda/<event>/register/``. During a registration rush or a calendar poll that routing
costs more than the work itself. ``serve_page_route`` finds the page in two queries instead:

1. the site for the request comes from the cache (learning.core.sitecache);
2. one raw query finds the live page whose ``url_path`` is the site root's plus the requested
   path, only when neither it nor an ancestor has a view restriction;
3. one query loads it as its own class, when that class is one of ``page_types``.

Those two queries cost ~3 ms of CPU (the page's statement has some fifty columns), more than
the rest of a registration's routing together. So each process keeps the pages it found, as
pickles, under the site's content generation (learning.core.sitecache.generation, read with
the site structure in the same cache round trip): any change to a page, a site or a view
restriction starts a new generation, and a page found in an older one is never served. A
lookup inside a transaction (which may hold an uncommitted change to the page) does not
store what it found; a page that is not there is not stored either.

Anything else — a draft, a page under a view restriction (login, groups or password), a
page of another type, a route the page does not have — goes to Wagtail's ``serve``
unchanged, so Wagtail decides exactly as before (404, login redirect, password form).
The fast path runs Wagtail's ``before_serve_page`` and ``on_serve_page`` hooks too, except
Wagtail's view-restriction check, which the page query has already answered.

Which page types take the fast path is the caller's: events for their forms
(learning.events.routing), the calendar app for ``agenda.ics`` of every page type with a
registered feed (learning.calendar.feeds).
"""

from __future__ import annotations

import pickle

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.http import Http404, HttpResponse
from wagtail import hooks
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.url_routing import RouteResult
from wagtail.views import serve as wagtail_serve
from wagtail.wagtail_hooks import check_view_restrictions

from learning.core.sitecache import generation, site_for_request

# The live page at a URL path outside every view restriction, with its content type. Raw SQL
# because the ORM spends ~3 ms of CPU building this query (the restriction check is a
# correlated subquery on path prefixes) against ~0.1 ms to run it; the same SQL runs on
# PostgreSQL and SQLite.
_LIVE_UNRESTRICTED_AT = """
    SELECT page.id, page.content_type_id FROM {page} page
    WHERE page.url_path = %s AND page.live
      AND NOT EXISTS (
        SELECT 1 FROM {restriction} restriction
        JOIN {page} restricted ON restricted.id = restriction.page_id
        WHERE substr(page.path, 1, length(restricted.path)) = restricted.path
      )
    ORDER BY page.path
    LIMIT 1
"""


# This process's pages found in one generation: (generation, {url_path: pickled page}).
_FOUND: tuple[str | None, dict[str, bytes]] = (None, {})
_FOUND_MAX = 512


def _unrestricted_live_page(url_path: str, *, page_types: tuple[type, ...]) -> Page | None:
    """The live page at ``url_path`` outside every view restriction, as its own class when
    that is (a subclass of) one of ``page_types``, or None.

    From this process's pages of the current generation (a fresh copy for each caller), or
    in two queries: the raw lookup above, then the page as its own class (a masterclass
    comes back as a MasterclassPage).
    """
    global _FOUND
    if not page_types:
        return None
    current = generation()
    found_in, found = _FOUND
    if current is not None and found_in == current and url_path in found:
        page = pickle.loads(found[url_path])  # noqa: S301 - our own pickle, this process
        return page if isinstance(page, page_types) else None
    page = _page_at(url_path, page_types=page_types)
    if page is None:
        return None
    if current is not None and not connection.in_atomic_block:
        if found_in != current or len(found) >= _FOUND_MAX:
            found = {}
            _FOUND = (current, found)
        # With the site's root paths on it (they change only with a new generation too), so
        # that its ``url`` costs no cache round trip either.
        page._wagtail_cached_site_root_paths = Site.get_site_root_paths()
        found[url_path] = pickle.dumps(page, pickle.HIGHEST_PROTOCOL)
    return page


def _page_at(url_path: str, *, page_types: tuple[type, ...]) -> Page | None:
    """The live, unrestricted page at ``url_path`` as its own class, when that is one of
    ``page_types`` (two queries), or None."""
    sql = _LIVE_UNRESTRICTED_AT.format(
        page=connection.ops.quote_name(Page._meta.db_table),
        restriction=connection.ops.quote_name(PageViewRestriction._meta.db_table),
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [url_path])
        row = cursor.fetchone()
    if row is None:
        return None
    page_id, content_type_id = row
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    if model is None or not issubclass(model, page_types):
        return None
    # The ORM builds the page's statement (every column of the page and its parents' tables)
    # anew each time, about a millisecond of CPU: build it once per page class and run it raw.
    return next(iter(model.objects.raw(_page_by_pk_sql(model), [page_id])), None)


_PAGE_BY_PK_SQL: dict[type, str] = {}


def _page_by_pk_sql(model) -> str:
    """The ORM's own SELECT of one ``model`` page by primary key, made once per class."""
    sql = _PAGE_BY_PK_SQL.get(model)
    if sql is None:
        sql, _params = model.objects.filter(pk=0).query.sql_with_params()
        sql = _PAGE_BY_PK_SQL[model] = sql.replace("%", "%%").replace("= %%s", "= %s")
    return sql


def routable_page_at(request, page_path: str, *, page_types: tuple[type, ...]) -> Page | None:
    """The live, unrestricted page of one of ``page_types`` at ``page_path`` (relative to the
    site's root page, ending in "/") for this request's site, or None; two queries once the
    site is cached."""
    site = site_for_request(request)
    if site is None:
        return None
    return _unrestricted_live_page(f"{site.root_page.url_path}{page_path}", page_types=page_types)


def serve_page_route(request, page_path: str, route: str, *, page_types: tuple[type, ...]):
    """Serve ``<page_path><route>`` as Wagtail would, without walking the tree when the page
    is a live, unrestricted page of one of ``page_types`` (routable pages)."""
    page = routable_page_at(request, page_path, page_types=page_types)
    if page is None:
        return wagtail_serve(request, f"{page_path}{route}")
    try:
        resolver_match = page.resolve_subpage(f"/{route}")
    except Http404:
        return wagtail_serve(request, f"{page_path}{route}")
    view, args, kwargs = resolver_match
    request.routable_resolver_match = resolver_match
    serve_args = (view, args, kwargs)
    request._wagtail_route_for_request = RouteResult(page, args=serve_args)

    def serve_chain(page, request, args, kwargs):
        return page.serve(request, *args, **kwargs)

    chain = serve_chain
    for fn in reversed(hooks.get_hooks("on_serve_page")):
        # The query above already made sure that no view restriction applies.
        if fn is not check_view_restrictions:
            chain = fn(chain)
    for fn in hooks.get_hooks("before_serve_page"):
        result = fn(page, request, serve_args, {})
        if isinstance(result, HttpResponse):
            return result
    return chain(page, request, serve_args, {})
