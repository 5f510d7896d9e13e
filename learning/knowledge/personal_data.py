"""Contributions (practice examples, answers to questions) in the personal-data registry:
exported, and unlinked on deletion."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from learning.core import personal_data, redaction


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
    """The published example stays (it belongs to the knowledge base), without the link, and
    without the person as author or their name and address in the text; the search index
    follows. Earlier versions lose them with the other revisions (accounts' admin_history
    provider)."""
    from wagtail.search import index

    from .models import KnowledgePage, KnowledgePageAuthor

    terms = redaction.identifiers(user)
    pages = KnowledgePage.objects.filter(Q(contributed_by=user) | Q(owner=user))
    page_ids = list(pages.values_list("pk", flat=True))
    KnowledgePageAuthor.objects.filter(
        page_id__in=page_ids, name__iexact=" ".join(user.full_name.split())
    ).delete()
    redaction.redact_rows(KnowledgePageAuthor.objects.filter(page_id__in=page_ids), terms)
    changed = redaction.redact_rows(KnowledgePage.objects.filter(pk__in=page_ids), terms)
    KnowledgePage.objects.filter(contributed_by=user).update(contributed_by=None)
    if changed:
        for page in KnowledgePage.objects.filter(pk__in=page_ids):
            index.insert_or_update_object(page)


def _export_answers(user) -> list[dict]:
    from .models import QuestionPage

    return [
        {"question": page.title, "published": page.answerer_notified_at is not None}
        for page in QuestionPage.objects.filter(answered_by=user).order_by("pk")
    ]


def _erase_answers(user) -> None:
    """A published answer stays with its question (it belongs to the knowledge base), without
    the link to the person who wrote it and without their name or address in the text; the
    search index follows. Earlier versions go with the other revisions (accounts'
    admin_history provider)."""
    from wagtail.search import index

    from .models import QuestionPage

    answered = QuestionPage.objects.filter(answered_by=user)
    page_ids = list(answered.values_list("pk", flat=True))
    changed = redaction.redact_rows(
        QuestionPage.objects.filter(pk__in=page_ids), redaction.identifiers(user)
    )
    answered.update(answered_by=None)
    if changed:
        for page in QuestionPage.objects.filter(pk__in=page_ids):
            index.insert_or_update_object(page)


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
    personal_data.register(
        "knowledge_answers",
        label=_("Antwoorden op veelgestelde vragen"),
        description=_(
            "De vragen in de kennisbank die u beantwoordde. Na het verwijderen van uw account "
            "blijven gepubliceerde antwoorden bij de vraag staan, zonder koppeling aan u."
        ),
        export=_export_answers,
        erase=_erase_answers,
    )
