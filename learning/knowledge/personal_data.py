"""Contributions in the personal-data registry: exported, and unlinked on deletion."""

from django.utils.translation import gettext_lazy as _

from learning.accounts import personal_data


def _export(user) -> list[dict]:
    from .models import KnowledgePage

    return [
        {
            "title": page.title,
            "live": page.live,
            "submitted_at": page.first_published_at.isoformat()
            if page.first_published_at
            else None,
        }
        for page in KnowledgePage.objects.filter(contributed_by=user).order_by("pk")
    ]


def _erase(user) -> None:
    """The published example stays (it belongs to the knowledge base), without the link."""
    from .models import KnowledgePage

    KnowledgePage.objects.filter(contributed_by=user).update(contributed_by=None)


def register() -> None:
    personal_data.register(
        "knowledge_contributions",
        label=_("Ingestuurde praktijkvoorbeelden"),
        description=_(
            "De praktijkvoorbeelden die u instuurde voor de kennisbank. Na het verwijderen van "
            "uw account blijven gepubliceerde voorbeelden staan, zonder koppeling aan u."
        ),
        export=_export,
        erase=_erase,
    )
