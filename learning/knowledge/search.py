"""What the site search finds of the knowledge base (learning.core.search.registry).

Pages: articles and practice examples, theme pages and the guide. Other kinds: policy goals
(shown on the theme page of their first theme), initiatives and the organisations behind
pioneers and initiatives (shown in the directory and the pioneers' overview, filtered on
their name). The links of a page of results cost a fixed number of queries.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from learning.core.search.registry import register_kind, register_page_kind
from learning.core.visibility import pages_visible_to
from learning.organisations.models import Organisation
from learning.profiles.models import PioneerProfilePage, ProfileIndexPage

from .models import (
    CoreTaskPage,
    DirectoryPage,
    GuidePage,
    GuideStepPage,
    Initiative,
    KnowledgePage,
    PolicyGoal,
    QuestionPage,
    ThemePage,
)


def _first_url(pages, request) -> str:
    page = pages_visible_to(pages.live(), request.user).order_by("path").first()
    return page.get_url(request=request) if page else ""


def _filtered_url(base: str, query: str) -> str:
    return f"{base}?{urlencode({'zoek': query})}" if base else ""


def policy_goal_urls(goals: list[PolicyGoal], request) -> dict[int, str]:
    """Each goal's place on the theme page of its first theme (the knowledge base when none)."""
    goal_themes: dict[int, list[int]] = {}
    for goal_id, theme_id in PolicyGoal.themes.through.objects.filter(
        policygoal__in=goals
    ).values_list("policygoal_id", "theme_id"):
        goal_themes.setdefault(goal_id, []).append(theme_id)
    theme_ids = {theme_id for ids in goal_themes.values() for theme_id in ids}
    theme_pages = {
        page.theme_id: page
        for page in pages_visible_to(ThemePage.objects.live(), request.user).filter(
            theme_id__in=theme_ids
        )
    }
    urls = {}
    for goal in goals:
        pages = [theme_pages[tid] for tid in goal_themes.get(goal.pk, []) if tid in theme_pages]
        if pages:
            base = min(pages, key=lambda page: page.path).get_url(request=request)
            urls[goal.pk] = f"{base}#beleidsdoel-{goal.pk}"
    return urls


def initiative_urls(initiatives: list[Initiative], request) -> dict[int, str]:
    """The directory, filtered on the initiative's name."""
    base = _first_url(DirectoryPage.objects, request)
    return {item.pk: _filtered_url(base, item.name) for item in initiatives}


def organisations_visible(user) -> QuerySet[Organisation]:
    """Active organisations that the site shows: behind a pioneer ``user`` may see, or an
    initiative."""
    pioneers = pages_visible_to(PioneerProfilePage.objects.live(), user)
    return Organisation.objects.filter(is_active=True).filter(
        Q(pk__in=pioneers.values("organisation_id"))
        | Q(pk__in=Initiative.objects.values("organisation_id"))
    )


def organisation_urls(organisations: list[Organisation], request) -> dict[int, str]:
    """The pioneers' overview filtered on the name when it has pioneers, else the directory."""
    with_pioneers = set(
        pages_visible_to(PioneerProfilePage.objects.live(), request.user)
        .filter(organisation__in=organisations)
        .values_list("organisation_id", flat=True)
    )
    profiles = _first_url(ProfileIndexPage.objects, request) if with_pioneers else ""
    directory = _first_url(DirectoryPage.objects, request)
    return {
        organisation.pk: _filtered_url(
            profiles if organisation.pk in with_pioneers and profiles else directory,
            organisation.name,
        )
        for organisation in organisations
    }


def register() -> None:
    register_page_kind(
        "thema", label=_("Thema"), model=ThemePage, theme_lookup="theme__slug", order=5
    )
    register_page_kind(
        "kennisartikel",
        label=_("Kennisartikel"),
        model=KnowledgePage,
        theme_lookup="themes__slug",
        order=10,
    )
    register_page_kind("handreiking", label=_("Handreiking"), model=GuidePage, order=15)
    register_page_kind(
        "vraag",
        label=_("Veelgestelde vraag"),
        model=QuestionPage,
        theme_lookup="themes__slug",
        order=12,
    )
    register_page_kind("kerntaak", label=_("Tips per kerntaak"), model=CoreTaskPage, order=13)
    register_page_kind(
        "stap-handreiking",
        label=_("Stap van een handreiking"),
        model=GuideStepPage,
        theme_lookup="themes__slug",
        order=16,
    )
    register_kind(
        "beleidsdoel",
        label=_("Beleidsdoel"),
        model=PolicyGoal,
        visible=lambda user: PolicyGoal.objects.all(),
        urls=policy_goal_urls,
        theme_lookup="themes__slug",
        order=60,
    )
    register_kind(
        "initiatief",
        label=_("Initiatief"),
        model=Initiative,
        visible=lambda user: Initiative.objects.all(),
        urls=initiative_urls,
        theme_lookup="themes__slug",
        order=70,
    )
    register_kind(
        "organisatie",
        label=_("Organisatie"),
        model=Organisation,
        visible=organisations_visible,
        urls=organisation_urls,
        title=lambda organisation: organisation.display_name,
        order=80,
    )
