"""Who may see which page: Wagtail's view restrictions applied to listings, search and feeds.

Wagtail enforces a PageViewRestriction only when it serves the page itself. Every listing,
search result, feed or related-content block must therefore filter with the functions here,
which apply the same rules as ``PageViewRestriction.accept_request``:

- ``login``: only logged-in people;
- ``groups``: superusers, and members of at least one of the restriction's groups;
- ``password``: never listed (the password is asked on the page itself).

A restriction covers its page and every page below it. Both functions run a constant number
of queries (restrictions with their groups, and the user's groups), however many pages or
restrictions there are.
"""

from __future__ import annotations

from django.db.models import Q
from wagtail.models import Page, PageViewRestriction
from wagtail.query import PageQuerySet


def _user_group_ids(user) -> set[int]:
    if not getattr(user, "is_authenticated", False):
        return set()
    cached = getattr(user, "_visibility_group_ids", None)
    if cached is None:
        cached = set(user.groups.values_list("id", flat=True))
        user._visibility_group_ids = cached
    return cached


def _passes(restriction: PageViewRestriction, user, group_ids: set[int]) -> bool:
    kind = restriction.restriction_type
    authenticated = getattr(user, "is_authenticated", False)
    if kind == PageViewRestriction.LOGIN:
        return authenticated
    if kind == PageViewRestriction.GROUPS:
        if authenticated and user.is_superuser:
            return True
        return any(group.pk in group_ids for group in restriction.groups.all())
    # PASSWORD (and anything unknown): not listed anywhere.
    return False


def denied_paths(user) -> list[str]:
    """Tree paths of the restricted sections this user may not see (outermost first)."""
    restrictions = PageViewRestriction.objects.select_related("page").prefetch_related("groups")
    group_ids = _user_group_ids(user)
    return sorted(
        restriction.page.path
        for restriction in restrictions
        if not _passes(restriction, user, group_ids)
    )


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
