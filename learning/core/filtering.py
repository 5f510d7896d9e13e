"""One filtered, paginated list page: the agenda, the pioneers, the knowledge base, the directory.

Each app brings its own ``FilterForm`` (the GET parameters, in Dutch) and a selector; this
module does the rest the same way for all: an empty query string shows everything, an invalid
one answers 400 with the form's errors and the unfiltered list, and the page links keep the
filters. The form itself is rendered by ``templates/includes/filter_form.html``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.template.response import TemplateResponse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .pagination import PAGE_PARAMETER, paginate
from .sitecache import TIMEOUT, generation, themes


def theme_choices() -> list[tuple[str, str]]:
    """The "thema" choices every filter form offers: all themes, by slug (cached)."""
    return [("", _("Alle thema's")), *themes()]


class FilterForm(forms.Form):
    """A GET form above a list; every field is optional and they combine.

    Subclasses map their cleaned fields to the selector's keyword arguments in ``filters()``.
    """

    def filters(self) -> dict[str, Any]:
        raise NotImplementedError


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
    extra_key: tuple = (),
) -> TemplateResponse:
    """The list page: ``select(**form.filters())`` paginated, 400 when the filters are invalid.

    ``items_name`` is the context name of the page of items; ``action`` the form's URL (the
    page's own by default). The context also has ``form``, ``paginator``, ``filter_query``
    (the query string without the page number, for the pagination links) and ``is_filtered``.

    With ``item_key`` the template may keep its rendered content in the cache under
    ``content_cache_key`` for ``content_cache_timeout`` seconds (``{% cache %}``): the key holds
    the site's content generation (any publication, restriction or theme change), the language,
    the query string, the number of results, ``extra_key`` and ``item_key(item)`` of every item
    on the page: whatever the content shows that a publication does not change (seats taken,
    an organisation's name) belongs in ``item_key`` or ``extra_key``.
    """
    form = form_class(request.GET or None)
    filters = {}
    status = 200
    if form.is_bound:
        if form.is_valid():
            filters = form.filters()
        else:
            status = 400
    items_page, paginator = paginate(request, select(**filters), per_page=per_page)
    query = request.GET.copy()
    query.pop(PAGE_PARAMETER, None)
    # A preview shows unsaved changes, which the generation does not know of.
    cacheable = item_key is not None and not getattr(request, "is_preview", False)
    content_generation = generation() if cacheable else None
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
                paginator.count,
                extra_key,
                [item_key(item) for item in items_page.object_list] if item_key else None,
            )
        ),
        **(extra_context or {}),
    }
    return TemplateResponse(request, template, context, status=status)
