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
from django.utils.translation import gettext_lazy as _

from .models import Theme
from .pagination import PAGE_PARAMETER, paginate


def theme_choices() -> list[tuple[str, str]]:
    """The "thema" choices every filter form offers: all themes, by slug."""
    return [("", _("Alle thema's")), *Theme.objects.values_list("slug", "name")]


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
) -> TemplateResponse:
    """The list page: ``select(**form.filters())`` paginated, 400 when the filters are invalid.

    ``items_name`` is the context name of the page of items; ``action`` the form's URL (the
    page's own by default). The context also has ``form``, ``paginator``, ``filter_query``
    (the query string without the page number, for the pagination links) and ``is_filtered``.
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
    context = {
        "page": page,
        "self": page,
        "form": form,
        items_name: items_page,
        "paginator": paginator,
        "filter_query": query.urlencode(),
        "filter_action": action if action is not None else page.url,
        "is_filtered": any(filters.values()),
        **(extra_context or {}),
    }
    return TemplateResponse(request, template, context, status=status)
