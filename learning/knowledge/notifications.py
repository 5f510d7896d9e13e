"""E-mails about the knowledge base, written to the outbox in the caller's transaction."""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy
from wagtail.models import Page

from learning.accounts.models import User
from learning.outbox.services import message_queue

RENDERER = "knowledge.contribution"
CONTRIBUTION_PUBLISHED = "knowledge_contribution_published"
ANSWER_PUBLISHED = "knowledge_answer_published"
# Every kind this module queues, with its Dutch name in the outbox (learning.outbox.renderers).
KIND_LABELS = {
    CONTRIBUTION_PUBLISHED: gettext_lazy("Praktijkvoorbeeld gepubliceerd"),
    ANSWER_PUBLISHED: gettext_lazy("Antwoord op een veelgestelde vraag gepubliceerd"),
}
SUBJECTS = {
    "published": gettext_lazy("Uw praktijkvoorbeeld staat online: %(title)s"),
    "answer_published": gettext_lazy("Uw antwoord staat online: %(title)s"),
}


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


def answer_published(*, page) -> None:
    """Queue "your answer is online" for the colleague who answered the question."""
    answerer = page.answered_by
    if answerer is None or not answerer.email:
        return
    message_queue(
        to=answerer.email,
        kind=ANSWER_PUBLISHED,
        renderer=RENDERER,
        payload={"page_id": page.pk, "recipient_id": answerer.pk, "template": "answer_published"},
        user=answerer,
        dedupe_key=f"knowledge-answer-published-{page.pk}",
    )


def render(payload: dict) -> dict:
    """The outbox renderer: subject, text and HTML of a contribution e-mail."""

    page = Page.objects.get(pk=payload["page_id"]).specific
    recipient = User.objects.get(pk=payload["recipient_id"])
    page_url = f"{settings.SITE_URL}{page.url}" if page.url else settings.SITE_URL
    template = payload["template"]
    context = {"page": page, "user": recipient, "page_url": page_url, "site_url": settings.SITE_URL}
    return {
        "subject": str(SUBJECTS[template]) % {"title": page.title},
        "text": render_to_string(f"knowledge/email/{template}.txt", context),
        "html": render_to_string(f"knowledge/email/{template}.html", context),
    }
