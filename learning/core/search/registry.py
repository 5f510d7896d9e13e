"""What the site search finds, in one registry: each app registers its searchable kinds.

The search page (home) must not know which models exist, and core must not import the apps
above it. So each app tells this registry, in its AppConfig.ready(), what it makes findable:

- ``register_page_kind``: a page type with its Dutch label ("Kennisartikel") and where its
  themes are. Pages are searched together, in one query, with Wagtail's view restrictions
  applied here (learning.core.visibility); a page type nobody registered is a "Pagina".
- ``register_kind``: any other indexed model (policy goals, initiatives, organisations) with
  what a person may find (``visible(user)``), the links of a page of results
  (``urls(objects, request)``, one call per kind and page of results, so that a link that needs
  a page of the site costs one query, not one per result) and where its themes are.

``key`` is the value of the search page's "soort" filter, so it is a stable Dutch slug.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Model, QuerySet
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

# The kind of a page whose type nobody registered (the home page, a content page, an index).
PAGE_KIND_KEY = "pagina"
PAGE_KIND_LABEL = _("Pagina")


@dataclass(frozen=True)
class SearchKind:
    key: str
    label: Any
    model: type[Model]
    # Only for kinds that are not pages:
    visible: Callable[[Any], QuerySet] | None = None
    urls: Callable[[list, Any], dict[Any, str]] | None = None
    title: Callable[[Any], str] | None = None  # str(object) when None
    # The lookup from the model to a theme's slug ("themes__slug"), or None: no themes.
    theme_lookup: str | None = None
    order: int = 100

    @property
    def is_page(self) -> bool:
        return self.visible is None

    def themed(self, theme_slug: str) -> QuerySet:
        """The ids of this kind's objects with the theme ``theme_slug``, as a subquery."""
        lookup = {self.theme_lookup: theme_slug}
        return self.model._default_manager.filter(**lookup).values("pk")


_kinds: dict[str, SearchKind] = {}


def register_page_kind(
    key: str, *, label, model: type[Page], theme_lookup: str | None = None, order: int = 100
) -> None:
    """Make the live pages of type ``model`` findable as ``label``, for whoever may see them."""
    _register(SearchKind(key=key, label=label, model=model, theme_lookup=theme_lookup, order=order))


def register_kind(
    key: str,
    *,
    label,
    model: type[Model],
    visible: Callable[[Any], QuerySet],
    urls: Callable[[list, Any], dict[Any, str]],
    title: Callable[[Any], str] | None = None,
    theme_lookup: str | None = None,
    order: int = 100,
) -> None:
    """Make the objects of ``visible(user)`` findable as ``label``.

    ``model`` must be indexed by Wagtail search (``index.Indexed`` with ``search_fields``,
    including ``index.FilterField("id")``: the search is narrowed to what ``visible`` gives by
    id). ``urls(objects, request)`` returns a link for each object, keyed by its pk;
    ``title(object)`` the result's title (``str(object)`` by default)."""
    _register(
        SearchKind(
            key=key,
            label=label,
            model=model,
            visible=visible,
            urls=urls,
            title=title,
            theme_lookup=theme_lookup,
            order=order,
        )
    )


def _register(kind: SearchKind) -> None:
    if kind.key == PAGE_KIND_KEY:
        raise ValueError(f"{PAGE_KIND_KEY!r} is the kind of unregistered pages")
    _kinds[kind.key] = kind


def kinds() -> list[SearchKind]:
    """Every registered kind, in the order of the filter; the fallback "Pagina" last."""
    return sorted(_kinds.values(), key=lambda kind: (kind.order, str(kind.label)))


def kind_choices() -> list[tuple[str, Any]]:
    """The "soort" filter's choices: every kind, then "Pagina"."""
    return [(kind.key, kind.label) for kind in kinds()] + [(PAGE_KIND_KEY, PAGE_KIND_LABEL)]


def page_kinds() -> list[SearchKind]:
    return [kind for kind in kinds() if kind.is_page]


def other_kinds() -> list[SearchKind]:
    return [kind for kind in kinds() if not kind.is_page]


def page_kind_for_content_type(content_type_id: int) -> SearchKind | None:
    """The registered kind of a page of this exact type, or None ("Pagina")."""
    return page_kind_by_content_type().get(content_type_id)


def page_kind_by_content_type() -> dict[int, SearchKind]:
    content_types = ContentType.objects.get_for_models(*[kind.model for kind in page_kinds()])
    return {content_types[kind.model].pk: kind for kind in page_kinds()}


def registered_page_models() -> Iterable[type[Page]]:
    return [kind.model for kind in page_kinds()]
