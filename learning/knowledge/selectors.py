"""Reads for the knowledge base: what theme pages, listings, the directory and feeds show.

Every function that returns pages returns only live pages the given user may see (Wagtail
view restrictions, through ``learning.core.visibility``) and runs a constant number of queries
however many pages, profiles or goals there are.
"""

import difflib
from itertools import islice

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, Q, QuerySet
from wagtail.query import PageQuerySet

from learning.core.models import Theme
from learning.core.search import search_terms
from learning.core.visibility import pages_visible_to
from learning.events.selectors import events_for_agenda
from learning.profiles.models import PioneerProfilePage
from learning.profiles.selectors import profiles_for_theme

from .models import (
    GuidePage,
    GuideStepPage,
    Initiative,
    KnowledgeIndexPage,
    KnowledgePage,
    PolicyGoal,
    ThemePage,
)

THEME_PROFILES_LIMIT = 6
THEME_ARTICLES_LIMIT = 6
THEME_EVENTS_LIMIT = 4
THEME_INITIATIVES_LIMIT = 6
RELATED_LIMIT = 3
FEED_LIMIT = 30


def _listable(queryset: PageQuerySet) -> PageQuerySet:
    return queryset.prefetch_related("themes")


def articles_visible_to(*, user) -> PageQuerySet:
    """Live articles and practice examples ``user`` may see, newest first."""
    articles = pages_visible_to(KnowledgePage.objects.live(), user)
    return _listable(articles).order_by("-first_published_at", "-pk")


def articles_filtered(
    *, user, theme: str = "", kind: str = "", query: str = ""
) -> PageQuerySet | QuerySet:
    """Articles for the knowledge base listing; filters combine (AND), ``query`` uses Wagtail
    search (best match first) within what the filters and the user's visibility allow."""
    articles = articles_visible_to(user=user)
    if theme:
        articles = articles.filter(themes__slug=theme)
    if kind:
        articles = articles.filter(kind=kind)
    query = search_terms(query)
    if not query:
        return articles
    # Wagtail search only takes indexed filter fields: visibility and filters as a subquery.
    matching = _listable(KnowledgePage.objects.filter(id__in=articles.values("id")))
    return matching.search(query)


def theme_pages(*, user) -> list[ThemePage]:
    """The live theme pages, in the themes' order, with their theme (one query)."""
    pages = pages_visible_to(ThemePage.objects.live(), user)
    return list(pages.select_related("theme").order_by("theme__sort_order", "theme__name"))


THEME_SUGGESTIONS = 3


def _closeness(query: str, page: ThemePage) -> float:
    words = query.lower().split()
    names = f"{page.title} {page.theme.name}".lower().split()
    if not words or not names:
        return 0.0
    return max(
        difflib.SequenceMatcher(None, word, name).ratio() for word in words for name in names
    )


def theme_pages_closest(*, query: str, user, limit: int = THEME_SUGGESTIONS) -> dict:
    """For a search without results: the theme pages whose names are closest to ``query``
    (``close`` True), or, when none is close, every theme page to browse from. One query."""
    pages = theme_pages(user=user)
    scored = sorted(((_closeness(query, page), page) for page in pages), key=lambda item: -item[0])
    close = [page for score, page in scored if score >= 0.6][:limit]
    return {"pages": close or pages, "close": bool(close)}


def goals_for_theme(*, theme: Theme) -> list[PolicyGoal]:
    return list(PolicyGoal.objects.filter(themes=theme).order_by("sort_order", "target_year"))


def theme_page_sections(*, theme_page: ThemePage, user) -> dict:
    """Everything a theme page shows: profiles, articles, guide steps, goals, upcoming events
    and initiatives on its theme. A fixed number of queries, whatever the numbers behind it."""
    theme = theme_page.theme
    articles = articles_visible_to(user=user).filter(themes=theme)
    steps = pages_visible_to(GuideStepPage.objects.live(), user).filter(themes=theme)
    return {
        "theme": theme,
        "profiles": profiles_for_theme(theme=theme, user=user, limit=THEME_PROFILES_LIMIT),
        "articles": list(articles[:THEME_ARTICLES_LIMIT]),
        "guide_steps": list(steps.order_by("path")),
        "goals": goals_for_theme(theme=theme),
        "events": list(events_for_agenda(theme=theme.slug)[:THEME_EVENTS_LIMIT]),
        "initiatives": list(
            Initiative.objects.filter(themes=theme)
            .select_related("province")
            .order_by("name")[:THEME_INITIATIVES_LIMIT]
        ),
    }


def article_related(*, page: KnowledgePage, user) -> list[KnowledgePage]:
    """Other articles sharing a theme with ``page``: most shared themes first, then newest."""
    theme_ids = list(page.themes.values_list("pk", flat=True))
    if not theme_ids:
        return []
    related = (
        articles_visible_to(user=user)
        .exclude(pk=page.pk)
        .annotate(shared_themes=Count("themes", filter=Q(themes__in=theme_ids), distinct=True))
        .filter(shared_themes__gt=0)
        .order_by("-shared_themes", "-first_published_at", "pk")
    )
    return list(related[:RELATED_LIMIT])


def guides_visible_to(*, user) -> list[GuidePage]:
    return list(pages_visible_to(GuidePage.objects.live(), user).order_by("path"))


def guide_steps(*, guide: GuidePage, user) -> list[GuideStepPage]:
    """The guide's live steps the user may see, in the editors' order."""
    steps = pages_visible_to(GuideStepPage.objects.child_of(guide).live(), user)
    return list(steps.order_by("path"))


def guide_step_neighbours(*, step: GuideStepPage, user) -> dict:
    """The guide a step belongs to, its number, and the previous and next step."""
    guide = GuidePage.objects.parent_of(step).first()
    if guide is None:
        return {"guide": None, "steps": [], "number": None, "previous": None, "next": None}
    steps = guide_steps(guide=guide, user=user)
    ids = [candidate.pk for candidate in steps]
    position = ids.index(step.pk) if step.pk in ids else None
    return {
        "guide": guide,
        "steps": steps,
        "number": position + 1 if position is not None else None,
        "previous": steps[position - 1] if position else None,
        "next": steps[position + 1] if position is not None and position + 1 < len(steps) else None,
    }


def initiatives_filtered(
    *, kind: str = "", province=None, theme: str = "", query: str = ""
) -> QuerySet[Initiative]:
    """The directory: filters combine (AND); ``query`` matches name, description, region and
    the name of the initiative's organisation."""
    initiatives = Initiative.objects.select_related("province", "organisation").prefetch_related(
        "themes"
    )
    if kind:
        initiatives = initiatives.filter(kind=kind)
    if province is not None:
        initiatives = initiatives.filter(province=province)
    if theme:
        initiatives = initiatives.filter(themes__slug=theme)
    if query:
        initiatives = initiatives.filter(
            Q(name__icontains=query)
            | Q(description__icontains=query)
            | Q(region__icontains=query)
            | Q(organisation__name__icontains=query)
        )
    return initiatives.distinct().order_by("name")


def feed_items(*, limit: int = FEED_LIMIT) -> list:
    """Newest public articles, practice examples and pioneer profiles, newest first.

    Public means: what an anonymous visitor may see, so a feed reader never gets a page
    shared with participants only. Three queries at most.
    """

    anonymous = AnonymousUser()
    articles = pages_visible_to(KnowledgePage.objects.live(), anonymous)
    profiles = pages_visible_to(PioneerProfilePage.objects.live(), anonymous)
    articles = articles.prefetch_related("themes").order_by("-first_published_at", "-pk")
    profiles = profiles.prefetch_related("themes").order_by("-first_published_at", "-pk")
    items = sorted(
        [*articles[:limit], *profiles[:limit]],
        key=lambda page: (page.first_published_at, page.pk),
        reverse=True,
    )
    return list(islice(items, limit))


def knowledge_home_summary(*, user) -> dict:
    """For the home page: the knowledge base, how many articles ``user`` may see, and the
    theme pages (a fixed number of queries)."""
    return {
        "index": KnowledgeIndexPage.objects.live().order_by("path").first(),
        "article_count": pages_visible_to(KnowledgePage.objects.live(), user).count(),
        "theme_pages": theme_pages(user=user),
    }
