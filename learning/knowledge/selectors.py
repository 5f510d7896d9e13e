"""Reads for the knowledge base: what theme pages, listings, the directory and feeds show.

Every function that returns pages returns only live pages the given user may see (Wagtail
view restrictions, through ``learning.core.visibility``) and runs a constant number of queries
however many pages, profiles or goals there are.
"""

import difflib
from itertools import islice

from django.contrib.auth.models import AnonymousUser
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, IntegerField, Q, QuerySet
from django.db.models.functions import Cast
from wagtail.models import Page, WorkflowState
from wagtail.query import PageQuerySet

from learning.core.models import CoreTask, Theme
from learning.core.search import search_terms
from learning.core.visibility import pages_visible_to
from learning.events.selectors import events_for_agenda
from learning.profiles.models import PioneerProfilePage
from learning.profiles.selectors import profiles_for_core_task, profiles_for_theme

from .models import (
    CoreTaskIndexPage,
    CoreTaskPage,
    DirectoryPage,
    GuidePage,
    GuideStepPage,
    Initiative,
    KnowledgeIndexPage,
    KnowledgePage,
    PolicyGoal,
    QuestionIndexPage,
    QuestionPage,
    ThemePage,
)

THEME_PROFILES_LIMIT = 6
THEME_ARTICLES_LIMIT = 6
THEME_EVENTS_LIMIT = 4
THEME_INITIATIVES_LIMIT = 6
RELATED_LIMIT = 3
FEED_LIMIT = 30
QUESTIONS_LIMIT = 10
OPEN_QUESTIONS_LIMIT = 10


def _listable(queryset: PageQuerySet) -> PageQuerySet:
    return queryset.prefetch_related("themes", "core_tasks")


def articles_visible_to(*, user) -> PageQuerySet:
    """Live articles and practice examples ``user`` may see, newest first."""
    articles = pages_visible_to(KnowledgePage.objects.live(), user)
    return _listable(articles).order_by("-first_published_at", "-pk")


def articles_filtered(
    *, user, theme: str = "", kind: str = "", core_task: str = "", query: str = ""
) -> PageQuerySet | QuerySet:
    """Articles for the knowledge base listing; filters combine (AND), ``query`` uses Wagtail
    search (best match first) within what the filters and the user's visibility allow."""
    articles = articles_visible_to(user=user)
    if theme:
        articles = articles.filter(themes__slug=theme)
    if core_task:
        articles = articles.filter(core_tasks__slug=core_task)
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
        "questions": questions_answered(user=user, theme=theme.slug)[:QUESTIONS_LIMIT],
        "core_task_pages": core_task_pages(user=user),
    }


# --- Core tasks ----------------------------------------------------------------------------


def core_task_pages(*, user, index_page: CoreTaskIndexPage | None = None) -> list[CoreTaskPage]:
    """The live core-task pages ``user`` may see, in the core tasks' order (one query)."""
    pages = CoreTaskPage.objects.live()
    if index_page is not None:
        pages = pages.child_of(index_page)
    pages = pages_visible_to(pages, user).select_related("core_task")
    return list(pages.order_by("core_task__sort_order", "core_task__name"))


def goals_for_core_task(*, core_task: CoreTask) -> list[PolicyGoal]:
    return list(
        PolicyGoal.objects.filter(core_tasks=core_task).order_by("sort_order", "target_year")
    )


def core_task_page_sections(*, core_task_page: CoreTaskPage, user) -> dict:
    """Everything a core-task page shows beside its tips: articles, policy goals, pioneers,
    answered questions and the number of initiatives with this core task. A fixed number of
    queries, whatever the numbers behind it."""
    core_task = core_task_page.core_task
    articles = articles_visible_to(user=user).filter(core_tasks=core_task)
    return {
        "core_task": core_task,
        "articles": list(articles[:THEME_ARTICLES_LIMIT]),
        "goals": goals_for_core_task(core_task=core_task),
        "profiles": profiles_for_core_task(
            core_task=core_task, user=user, limit=THEME_PROFILES_LIMIT
        ),
        "questions": questions_answered(user=user, core_task=core_task.slug)[:QUESTIONS_LIMIT],
        "initiative_count": Initiative.objects.filter(core_tasks=core_task).count(),
        "directory": DirectoryPage.objects.live().public().first(),
        "question_index": QuestionIndexPage.objects.live().public().first(),
    }


# --- Frequently asked questions ------------------------------------------------------------


def questions_visible_to(*, user) -> PageQuerySet:
    """Live questions ``user`` may see, in the editors' order (the page tree)."""
    questions = pages_visible_to(QuestionPage.objects.live(), user)
    return questions.prefetch_related("themes", "core_tasks").order_by("path")


def questions_answered(
    *, user, theme: str = "", core_task: str = "", query: str = ""
) -> PageQuerySet | QuerySet:
    """The answered questions for an accordion; filters combine (AND), ``query`` uses Wagtail
    search within them (best match first)."""
    questions = questions_visible_to(user=user).exclude(answer="")
    if theme:
        questions = questions.filter(themes__slug=theme)
    if core_task:
        questions = questions.filter(core_tasks__slug=core_task)
    query = search_terms(query)
    if not query:
        return questions
    matching = QuestionPage.objects.filter(id__in=questions.values("id"))
    return matching.prefetch_related("themes", "core_tasks").search(query)


def questions_open(*, user, limit: int = OPEN_QUESTIONS_LIMIT) -> list[QuestionPage]:
    """Live questions without a published answer, that colleagues may answer: oldest first.
    Those with an answer awaiting review are left out (one query, workflow states included)."""
    questions = (
        pages_visible_to(QuestionPage.objects.live(), user)
        .filter(answer="")
        .exclude(
            pk__in=WorkflowState.objects.active()
            .filter(base_content_type=ContentType.objects.get_for_model(Page))
            .annotate(page_id=Cast("object_id", IntegerField()))
            .values("page_id")
        )
        .order_by("first_published_at", "pk")
    )
    return list(questions[:limit])


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
    *, kind: str = "", province=None, theme: str = "", core_task: str = "", query: str = ""
) -> QuerySet[Initiative]:
    """The directory: filters combine (AND); ``query`` matches name, description, region and
    the name of the initiative's organisation."""
    initiatives = Initiative.objects.select_related("province", "organisation").prefetch_related(
        "themes", "core_tasks"
    )
    if kind:
        initiatives = initiatives.filter(kind=kind)
    if province is not None:
        initiatives = initiatives.filter(province=province)
    if theme:
        initiatives = initiatives.filter(themes__slug=theme)
    if core_task:
        initiatives = initiatives.filter(core_tasks__slug=core_task)
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
