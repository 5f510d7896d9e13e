"""What the site search finds of the pioneers (learning.core.search.registry)."""

from django.utils.translation import gettext_lazy as _

from learning.core.search.registry import register_page_kind

from .models import PioneerProfilePage


def register() -> None:
    register_page_kind(
        "pionier",
        label=_("Pionier"),
        model=PioneerProfilePage,
        theme_lookup="themes__slug",
        order=20,
    )
