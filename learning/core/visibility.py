"""Who may see which page: Wagtail's view restrictions applied to listings, search and feeds.

Wagtail enforces a PageViewRestriction only when it serves the page itself. Every listing,
search result, feed or related-content block must therefore filter with the functions here,
which apply the same rules as ``PageViewRestriction.accept_request``:

- ``login``: only logged-in people;
- ``groups``: superusers, and members of at least one of the restriction's groups;
- ``password``: never listed (the password is asked on the page itself).

A restriction covers its page and every page below it. The restrictions with their groups come
from the site cache (learning.core.sitecache, emptied on every change); the functions run at
most one query (the user's groups), however many pages or restrictions there are.
"""

from __future__ import annotations

from django.db.models import Q
from wagtail.models import Page, PageViewRestriction
from wagtail.query import PageQuerySet

from .sitecache import view_restrictions


def _user_group_ids(user) -> set[int]:
    if not getattr(user, "is_authenticated", False):
        return set()
    cached = getattr(user, "_visibility_group_ids", None)
    if cached is None:
        cached = set(user.groups.values_list("id", flat=True))
        user._visibility_group_ids = cached
    return cached


def _passes(restriction_type: str, restriction_groups: frozenset[int], user, group_ids) -> bool:
    authenticated = getattr(user, "is_authenticated", False)
    if restriction_type == PageViewRestriction.LOGIN:
        return authenticated
    if restriction_type == PageViewRestriction.GROUPS:
        if authenticated and user.is_superuser:
            return True
        return bool(restriction_groups & group_ids)
    # PASSWORD (and anything unknown): not listed anywhere.
    return False


def denied_paths(user) -> list[str]:
    """Tree paths of the restricted sections this user may not see (outermost first)."""
    restrictions = view_restrictions()
    group_ids = _user_group_ids(user) if restrictions else set()
    return sorted(
        path
        for path, restriction_type, groups in restrictions
        if not _passes(restriction_type, groups, user, group_ids)
    )


def pages_public(queryset: PageQuerySet) -> PageQuerySet:
    """``queryset.public()`` without its query: the pages outside every view restriction."""
    restricted = Q()
    for path, _type, _groups in view_restrictions():
        restricted |= Q(path__startswith=path)
    return queryset.exclude(restricted) if restricted else queryset


def pages_visible_to(queryset: PageQuerySet, user) -> PageQuerySet:
    """The pages of ``queryset`` that ``user`` may see (live-ness is the caller's concern)."""
    denied = Q()
    for path in denied_paths(user):
        denied |= Q(path__startswith=path)
    if not denied:
        return queryset
    return queryset.exclude(denied)


def page_visible_to(page: Page, user) -> bool:
    """Whether ``user`` may see ``page`` (and so a link to it, or its content elsewhere)."""
    return not any(page.path.startswith(path) for path in denied_paths(user))
