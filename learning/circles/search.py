"""What the site search finds of the learning circles (learning.core.search.registry).

A circle's members-only pages sit under a group view restriction: the search shows them to
the circle's members only, as every listing does (learning.core.visibility)."""

from django.utils.translation import gettext_lazy as _

from learning.core.search.registry import register_page_kind

from .models import CircleKnowledgePage, LearningCirclePage


def register() -> None:
    register_page_kind(
        "leerkring",
        label=_("Leerkring"),
        model=LearningCirclePage,
        theme_lookup="themes__slug",
        order=50,
    )
    register_page_kind(
        "gedeeld-in-de-kring",
        label=_("Gedeeld in de kring"),
        model=CircleKnowledgePage,
        order=55,
    )
