"""What the site search finds of the masterclasses (learning.core.search.registry)."""

from django.utils.translation import gettext_lazy as _

from learning.core.search.registry import register_page_kind

from .models import MasterclassPage, ProgrammePage


def register() -> None:
    register_page_kind(
        "masterclass",
        label=_("Masterclass"),
        model=MasterclassPage,
        theme_lookup="themes__slug",
        order=30,
    )
    register_page_kind(
        "programma",
        label=_("Programma"),
        model=ProgrammePage,
        theme_lookup="themes__slug",
        order=35,
    )
