"""Reads on pioneer profiles: what the index, theme pages, related lists and search show.

Every function returns only live profiles the given user may see (Wagtail view restrictions,
through ``learning.core.visibility``) and runs a constant number of queries.
"""

from django.db.models import Count, Q
from wagtail.query import PageQuerySet

from learning.core.search import search_terms
from learning.core.visibility import pages_visible_to

from .models import PioneerProfilePage

RELATED_LIMIT = 3


def _listable(queryset: PageQuerySet) -> PageQuerySet:
    return queryset.select_related("portrait", "organisation").prefetch_related(
        "themes", "core_tasks"
    )


def profiles_visible_to(*, user) -> PageQuerySet:
    """All live profiles ``user`` may see, by name, ready for a listing (portrait, organisation
    and themes loaded in a fixed number of queries)."""
    profiles = pages_visible_to(PioneerProfilePage.objects.live(), user)
    return _listable(profiles).order_by("title", "pk")


def profiles_filtered(
    *,
    user,
    theme: str = "",
    organisation_kind: str = "",
    province: str = "",
    core_task: str = "",
    query: str = "",
):
    """Profiles for the index: the filters (theme, organisation kind, province, core task)
    combine (AND); ``query`` searches names, job
    titles, organisations, quotes and stories with Wagtail search (best match first)."""
    profiles = profiles_visible_to(user=user)
    if theme:
        profiles = profiles.filter(themes__slug=theme)
    if organisation_kind:
        profiles = profiles.filter(organisation__kind=organisation_kind)
    if province:
        profiles = profiles.filter(province=province)
    if core_task:
        profiles = profiles.filter(core_tasks__slug=core_task)
    query = search_terms(query)
    if not query:
        return profiles
    # Wagtail search accepts only indexed filter fields, so the filters go in as a subquery.
    matching = _listable(PioneerProfilePage.objects.filter(id__in=profiles.values("id")))
    return matching.search(query)


def profiles_for_theme(*, theme, user, limit: int | None = None) -> list[PioneerProfilePage]:
    """Live profiles on ``theme`` (a Theme) that ``user`` may see, by name; at most ``limit``."""
    profiles = profiles_visible_to(user=user).filter(themes=theme)
    if limit is not None:
        profiles = profiles[:limit]
    return list(profiles)


def profiles_for_core_task(*, core_task, user, limit: int | None = None) -> list:
    """Live profiles tagged with ``core_task`` that ``user`` may see, by name; at most
    ``limit``."""
    profiles = profiles_visible_to(user=user).filter(core_tasks=core_task)
    if limit is not None:
        profiles = profiles[:limit]
    return list(profiles)


def profiles_related_to(
    *, profile: PioneerProfilePage, user, limit: int = RELATED_LIMIT
) -> list[PioneerProfilePage]:
    """Other profiles sharing a theme with ``profile``: most shared themes first, then newest."""
    theme_ids = [theme.pk for theme in profile.themes.all()]
    if not theme_ids:
        return []
    related = (
        profiles_visible_to(user=user)
        .exclude(pk=profile.pk)
        .annotate(shared_themes=Count("themes", filter=Q(themes__in=theme_ids), distinct=True))
        .filter(shared_themes__gt=0)
        .order_by("-shared_themes", "-first_published_at", "pk")
    )
    return list(related[:limit])


HOME_PROFILES = 3


def profiles_home_summary(*, user, limit: int = HOME_PROFILES) -> tuple[list, int]:
    """The most recently published profiles ``user`` may see, and how many there are
    (three queries: the profiles, their portraits' renditions aside, and the count)."""
    profiles = pages_visible_to(PioneerProfilePage.objects.live(), user)
    recent = list(
        profiles.select_related("organisation").order_by("-first_published_at", "-pk")[:limit]
    )
    return recent, profiles.count()
