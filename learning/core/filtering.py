"""One filtered, paginated list page: the agenda, the pioneers, the knowledge base, the directory.

Each app brings its own ``FilterForm`` (the GET parameters, in Dutch) and a selector; this
module does the rest the same way for all: an empty query string shows everything, an invalid
one answers 400 with the form's errors and the unfiltered list, and the page links keep the
filters. The form itself is rendered by ``templates/includes/filter_form.html``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django import forms
from django.core.cache import cache
from django.db.models import QuerySet
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .pagination import PAGE_PARAMETER, paginate
from .sitecache import TIMEOUT, core_tasks, generation, themes

LIST_CACHE_PREFIX = "filter-list-data:v1:"


def theme_choices() -> list[tuple[str, str]]:
    """The "thema" choices every filter form offers: all themes, by slug (cached)."""
    return [("", _("Alle thema's")), *themes()]


def core_task_choices() -> list[tuple[str, str]]:
    """The "kerntaak" choices of the filter forms: all core tasks, by slug (cached)."""
    return [("", _("Alle kerntaken")), *core_tasks()]


class FilterForm(forms.Form):
    """A GET form above a list; every field is optional and they combine.

    Subclasses map their cleaned fields to the selector's keyword arguments in ``filters()``.
    """

    def filters(self) -> dict[str, Any]:
        raise NotImplementedError


@dataclass(frozen=True)
class LiveItemKey:
    """What a card shows that changes without a publication and so never comes from the
    cache (an event's seats taken): ``of_item(item)`` reads it from a loaded item,
    ``of_ids(ids)`` for the items on a page by id, in one query."""

    of_item: Callable[[Any], Any]
    of_ids: Callable[[list], dict]


def filter_list_response(
    request,
    *,
    page,
    form_class: type[FilterForm],
    select: Callable[..., QuerySet],
    per_page: int,
    template: str,
    items_name: str,
    action: str | None = None,
    extra_context: dict | None = None,
    item_key: Callable[[Any], tuple] | None = None,
    extra_key: tuple | Callable[[], tuple] = (),
    live_key: LiveItemKey | None = None,
    cache_list: bool = False,
    list_expires: Callable[[], datetime | None] | None = None,
) -> TemplateResponse:
    """The list page: ``select(**form.filters())`` paginated, 400 when the filters are invalid.

    ``items_name`` is the context name of the page of items; ``action`` the form's URL (the
    page's own by default). The context also has ``form``, ``paginator``, ``filter_query``
    (the query string without the page number, for the pagination links) and ``is_filtered``.

    With ``item_key`` the template may keep its rendered content in the cache under
    ``content_cache_key`` for ``content_cache_timeout`` seconds (``{% cache %}``): the key holds
    the site's content generation (any publication, restriction or theme change), the language,
    the query string, the number of results, ``extra_key`` (or what it returns) and, per item on
    the page, ``item_key(item)`` and its ``live_key``: whatever the content shows that a
    publication does not change belongs in one of them.

    With ``cache_list`` (only for lists that are the same for everyone who gets here: the
    caller decides, e.g. anonymous visitors only) the list itself is kept in the cache under
    the same generation: the number of results, the ids, ``item_key`` of the items on the page
    and ``extra_key``, until ``list_expires()`` (when time alone changes the list: an event
    that ends). A warm request then runs only ``live_key.of_ids`` (one query) and no query at
    all when the content is cached too: the items are loaded only to render it.
    """
    filters = {}
    status = 200
    if request.GET:
        form = form_class(request.GET)
        if form.is_valid():
            filters = form.filters()
        else:
            status = 400
    else:
        # Unbound, it only renders: built when the content is (not when it is in the cache).
        form = SimpleLazyObject(form_class)
    query = request.GET.copy()
    query.pop(PAGE_PARAMETER, None)
    # A preview shows unsaved changes, which the generation does not know of.
    cacheable = item_key is not None and not getattr(request, "is_preview", False)
    content_generation = generation() if cacheable else None
    list_key = None
    if cache_list and content_generation:
        where = repr((get_language(), request.get_full_path(), status)).encode()
        list_key = LIST_CACHE_PREFIX + hashlib.sha256(where).hexdigest()
    listing = _listing_from_cache(list_key, content_generation) if list_key else None
    if listing is None:
        items_page, paginator = paginate(request, select(**filters), per_page=per_page)
        loaded = list(items_page.object_list) if cacheable else []
        listing = {
            "count": paginator.count,
            "ids": [item.pk for item in loaded],
            "keys": [item_key(item) for item in loaded],
            "extra": extra_key() if callable(extra_key) else extra_key,
        }
        live = {item.pk: live_key.of_item(item) for item in loaded} if live_key else {}
        if list_key:
            expires = list_expires() if list_expires else None
            cache.set(list_key, (content_generation, expires, listing), TIMEOUT)
    else:
        # The items are selected only when the content is rendered.
        items = _DeferredItems(lambda: select(**filters))
        items_page, paginator = paginate(request, items, per_page=per_page, count=listing["count"])
        live = live_key.of_ids(listing["ids"]) if live_key and listing["ids"] else {}
    if live_key:
        pairs = zip(listing["keys"], listing["ids"], strict=True)
        keys = [(key, live.get(pk)) for key, pk in pairs]
    else:
        keys = listing["keys"]
    context = {
        "page": page,
        "self": page,
        "form": form,
        items_name: items_page,
        "paginator": paginator,
        "filter_query": query.urlencode(),
        "filter_action": action if action is not None else page.url,
        "is_filtered": any(filters.values()),
        # Timeout 0: nothing is kept (no item_key, or no cache to hold a generation).
        "content_cache_timeout": TIMEOUT if content_generation else 0,
        "content_cache_key": repr(
            (
                content_generation,
                get_language(),
                request.get_full_path(),
                status,
                listing["count"],
                listing["extra"],
                keys if cacheable else None,
            )
        ),
        **(extra_context or {}),
    }
    return TemplateResponse(request, template, context, status=status)


class _DeferredItems:
    """The items of a cached list: ``select()`` runs only when a page of them is read."""

    def __init__(self, select: Callable[[], Any]):
        self._select = select

    def __getitem__(self, index: slice):
        return SimpleLazyObject(lambda: list(self._select()[index]))


def _listing_from_cache(key: str, content_generation: str) -> dict | None:
    """The cached list data, when stored in this generation and not expired."""
    entry = cache.get(key)
    if entry is None:
        return None
    stored_generation, expires, listing = entry
    if stored_generation != content_generation:
        return None
    if expires is not None and expires <= timezone.now():
        return None
    return listing
