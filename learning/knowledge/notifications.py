"""E-mails about the knowledge base, written to the outbox in the caller's transaction."""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from learning.accounts.models import User
from learning.outbox.services import message_queue

from .models import KnowledgePage

RENDERER = "knowledge.contribution"
CONTRIBUTION_PUBLISHED = "knowledge_contribution_published"
# Every kind this module queues, with its Dutch name in the outbox (learning.outbox.renderers).
KIND_LABELS = {CONTRIBUTION_PUBLISHED: gettext_lazy("Praktijkvoorbeeld gepubliceerd")}


def contribution_published(*, page) -> None:
    """Queue "your practice example is online" for the person who sent it in."""
    contributor = page.contributed_by
    if contributor is None or not contributor.email:
        return
    message_queue(
        to=contributor.email,
        kind=CONTRIBUTION_PUBLISHED,
        renderer=RENDERER,
        payload={"page_id": page.pk, "recipient_id": contributor.pk, "template": "published"},
        user=contributor,
        dedupe_key=f"knowledge-contribution-published-{page.pk}",
    )


def render(payload: dict) -> dict:
    """The outbox renderer: subject, text and HTML of a contribution e-mail."""

    page = KnowledgePage.objects.get(pk=payload["page_id"])
    recipient = User.objects.get(pk=payload["recipient_id"])
    page_url = f"{settings.SITE_URL}{page.url}" if page.url else settings.SITE_URL
    context = {"page": page, "user": recipient, "page_url": page_url, "site_url": settings.SITE_URL}
    template = payload["template"]
    return {
        "subject": _("Uw praktijkvoorbeeld staat online: %(title)s") % {"title": page.title},
        "text": render_to_string(f"knowledge/email/{template}.txt", context),
        "html": render_to_string(f"knowledge/email/{template}.html", context),
    }
