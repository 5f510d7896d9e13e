"""The site for a request and the main menu, read from the cache instead of the database.

Every page needs both, and both change only when an editor changes a site or the page tree.
Building them costs the ORM about 2 ms of CPU per query on a small server, which is a fifth of
a plain logged-in page. So they live together in one cache entry (Redis in production, shared
by all workers), which any change to a site, a page or a view restriction deletes: at once,
and again when the transaction commits, so that a request that read the old tree while the
change was being saved cannot keep it in the cache. The entry also expires after five minutes.

``SiteCacheMiddleware`` puts the cached site on the request where Wagtail looks for it
(``Site.find_for_request`` keeps it as ``request._wagtail_site``), so Wagtail's own routing,
``pageurl`` and the menu all use it. Each request gets its own unpickled copy: nothing is
shared between requests or threads.

Under the generation (below) the cache also keeps the small lists every listing reads, each
site's footer, and the home page's sections as their own class for Wagtail's routing
(``child_page``, used by ``HomePage.route``).
"""

from __future__ import annotations

import hashlib
import logging
import secrets

from asgiref.local import Local
from django.core.cache import cache
from django.db import transaction
from django.http.request import split_domain_port
from wagtail.models import Page, PageViewRestriction, Site

from .models import CoreTask, SiteSettings, Theme

logger = logging.getLogger(__name__)

CACHE_KEY = "site-structure:v1"
TIMEOUT = 300
# The small lists every listing reads (view restrictions, themes) and each site's footer, in
# entries of their own, stamped with a generation that every change replaces. A request that
# read the database before a change committed may still store what it read, but under the old
# generation, which no one accepts any more: a new view restriction is never missed.
GENERATION_KEY = "site-structure:v1:generation"
RESTRICTIONS_KEY = "site-structure:v1:restrictions"
THEMES_KEY = "site-structure:v1:themes"
CORE_TASKS_KEY = "site-structure:v1:core-tasks"
FOOTER_KEY = "site-structure:v1:footer:{site_id}"
CHILD_PAGE_KEY = "site-structure:v1:child:{parent_id}:{slug_hash}"


def _load(request=None) -> dict:
    """The cached structure; read once per request (kept on it), whoever asks first."""
    if request is not None and hasattr(request, "_site_structure"):
        return request._site_structure
    memo = getattr(_request_memo, "entries", None)
    if memo is None:
        structure = cache.get(CACHE_KEY) or {}
    else:
        # The generation comes along in the same round trip: most requests need it too.
        values = cache.get_many([CACHE_KEY, GENERATION_KEY])
        structure = values.get(CACHE_KEY) or {}
        if values.get(GENERATION_KEY) is not None:
            memo[GENERATION_KEY] = values[GENERATION_KEY]
    if request is not None:
        request._site_structure = structure
    return structure


def _store(part: str, key, value) -> None:
    structure = cache.get(CACHE_KEY) or {}
    structure.setdefault(part, {})[key] = value
    cache.set(CACHE_KEY, structure, TIMEOUT)


def _delete() -> None:
    memo = getattr(_request_memo, "entries", None)
    if memo:
        memo.clear()
    cache.delete(CACHE_KEY)
    cache.set(GENERATION_KEY, secrets.token_hex(8), None)


# Within a request (SiteCacheMiddleware), each generational entry is read from the cache once.
_request_memo = Local()


def generation() -> str | None:
    """The current generation of the site's content: it changes with every change to pages,
    sites, view restrictions, themes or site settings. None when there is no cache."""
    memo = getattr(_request_memo, "entries", None)
    if memo is not None and GENERATION_KEY in memo:
        return memo[GENERATION_KEY]
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, secrets.token_hex(8), None)
        generation = cache.get(GENERATION_KEY)
    if memo is not None:
        memo[GENERATION_KEY] = generation
    return generation


def _generational(key: str, build):
    """``build()``, from the cache when it was stored in the current generation; read once
    per request."""
    memo = getattr(_request_memo, "entries", None)
    if memo is not None and key in memo:
        return memo[key]
    value = _generational_read(key, build)
    if memo is not None:
        memo[key] = value
    return value


def _generational_read(key: str, build):
    values = cache.get_many([GENERATION_KEY, key])
    generation = values.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, secrets.token_hex(8), None)
        generation = cache.get(GENERATION_KEY)
        if generation is None:  # no cache (an outage): straight from the database
            return build()
    entry = values.get(key)
    if entry is not None and entry[0] == generation:
        return entry[1]
    value = build()
    cache.set(key, (generation, value), TIMEOUT)
    return value


def forget(**_kwargs) -> None:
    """Drop the cached structure now and once more when the current transaction commits."""
    _delete()
    transaction.on_commit(_delete)


def site_for_request(request) -> Site | None:
    """``Site.find_for_request``, from the cache when possible; the result stays on the
    request, where Wagtail looks first."""
    if hasattr(request, "_wagtail_site"):
        return request._wagtail_site
    key = (split_domain_port(request._get_raw_host())[0], request.get_port())
    sites = _load(request).get("sites", {})
    if key in sites:
        site = sites[key]
    else:
        site = Site._find_for_request(request)
        if site is not None:
            site.root_page  # noqa: B018 - loaded by select_related; cached with the site
        _store("sites", key, site)
    request._wagtail_site = site
    return site


def menu_pages(site: Site, request=None) -> list[dict]:
    """The live, public pages marked "show in menus" directly below the site's root page,
    as dicts of title, url (relative to the site) and path."""
    menus = _load(request).get("menus", {})
    if site.pk in menus:
        return menus[site.pk]
    pages = (
        Page.objects.child_of(site.root_page)
        .live()
        .public()
        .in_menu()
        .only("id", "title", "path", "depth", "url_path")
    )
    items = [
        {"title": page.title, "url": page.get_url(current_site=site), "path": page.path}
        for page in pages
    ]
    _store("menus", site.pk, items)
    return items


def view_restrictions() -> list[tuple[str, str, frozenset[int]]]:
    """Every page view restriction as (page path, restriction type, group ids)."""

    def build():
        restrictions = PageViewRestriction.objects.select_related("page").prefetch_related("groups")
        return [
            (
                restriction.page.path,
                restriction.restriction_type,
                frozenset(group.pk for group in restriction.groups.all()),
            )
            for restriction in restrictions
        ]

    return _generational(RESTRICTIONS_KEY, build)


def themes() -> list[tuple[str, str]]:
    """The themes as (slug, name), in their order: the choices of every filter form."""

    def build():
        return list(Theme.objects.values_list("slug", "name"))

    return _generational(THEMES_KEY, build)


def core_tasks() -> list[tuple[str, str]]:
    """The core tasks as (slug, name), in their order: the "kerntaak" filter choices."""

    def build():
        return list(CoreTask.objects.values_list("slug", "name"))

    return _generational(CORE_TASKS_KEY, build)


def site_footer(site: Site) -> dict:
    """The footer's text, contact address and statement links (URLs relative to the site)."""

    def build():
        settings = SiteSettings.for_site(site)
        privacy, accessibility = settings.privacy_page, settings.accessibility_page
        return {
            "footer_text": settings.footer_text,
            "contact_email": settings.contact_email,
            "privacy_url": privacy.get_url(current_site=site) if privacy else "",
            "accessibility_url": (
                accessibility.get_url(current_site=site) if accessibility else ""
            ),
        }

    return _generational(FOOTER_KEY.format(site_id=site.pk), build)


def child_page(parent: Page, slug: str) -> Page | None:
    """The child of ``parent`` with ``slug``, as its own class (one step of Wagtail's routing:
    ``get_children().get(slug=…).specific``, two queries), from the cache when it was stored in
    the current generation. None when there is no such child: not kept, so that requests for
    made-up paths do not fill the cache."""
    slug_hash = hashlib.sha256(slug.encode()).hexdigest()[:32]
    key = CHILD_PAGE_KEY.format(parent_id=parent.pk, slug_hash=slug_hash)
    memo = getattr(_request_memo, "entries", None)
    if memo is not None and key in memo:
        return memo[key]
    current = generation()
    entry = cache.get(key) if current is not None else None
    if entry is not None and entry[0] == current:
        child = entry[1]
    else:
        child = parent.get_children().filter(slug=slug).first()
        if child is not None:
            child = child.specific
            if current is not None:
                cache.set(key, (current, child), TIMEOUT)
    if memo is not None:
        memo[key] = child
    return child


class SiteCacheMiddleware:
    """Find the request's site through the cache before Wagtail asks the database."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        _request_memo.entries = {}
        try:
            return self._call(request)
        finally:
            _request_memo.entries = None

    def _call(self, request):
        try:
            site_for_request(request)
        except Exception:  # noqa: BLE001
            # A database or cache outage is not this middleware's to report: /health/
            # answers 503, and a page that needs the site fails where it would without it.
            logger.warning("site lookup failed", exc_info=True)
        return self.get_response(request)


def connect_signals() -> None:
    """Called from the app config: any change to sites, pages, view restrictions (and their
    groups), themes, core tasks or site settings."""
    from django.db.models.signals import m2m_changed, post_delete, post_save
    from wagtail.signals import page_published, page_unpublished, post_page_move

    def page_changed(sender, instance, **kwargs):
        if isinstance(instance, Page):
            forget()

    post_save.connect(page_changed, dispatch_uid="sitecache-page-saved", weak=False)
    post_delete.connect(page_changed, dispatch_uid="sitecache-page-deleted", weak=False)
    m2m_changed.connect(
        forget, sender=PageViewRestriction.groups.through, dispatch_uid="sitecache-groups"
    )

    def settings_changed(sender, instance, created=False, **kwargs):
        # The first page a site serves creates its (empty) settings row (SiteSettings.for_site):
        # no cached footer was built from a row that did not exist, so nothing is stale.
        if not created:
            forget()

    post_save.connect(
        settings_changed, sender=SiteSettings, dispatch_uid="sitecache-settings", weak=False
    )
    post_delete.connect(forget, sender=SiteSettings, dispatch_uid="sitecache-settings-del")
    for model in (Site, PageViewRestriction, Theme, CoreTask):
        post_save.connect(forget, sender=model, dispatch_uid=f"sitecache-{model.__name__}-save")
        post_delete.connect(forget, sender=model, dispatch_uid=f"sitecache-{model.__name__}-del")
    page_published.connect(forget, dispatch_uid="sitecache-published")
    page_unpublished.connect(forget, dispatch_uid="sitecache-unpublished")
    post_page_move.connect(forget, dispatch_uid="sitecache-moved")
