"""What the site search finds of the agenda: events (learning.core.search.registry)."""

from django.utils.translation import gettext_lazy as _

from learning.core.search.registry import register_page_kind

from .models import EventPage


def register() -> None:
    register_page_kind(
        "evenement", label=_("Evenement"), model=EventPage, theme_lookup="themes__slug", order=40
    )
