"""Answers to frequently asked questions: a colleague answers an open question, an editor
approves it in the knowledge base's moderation workflow (the same one as practice examples)."""

import logging
import re

from django.db import transaction
from django.utils import timezone
from django.utils.html import escape, linebreaks
from django.utils.translation import gettext_lazy as _
from wagtail.models import WorkflowPage

from ..errors import KnowledgeError
from ..models import KnowledgeIndexPage, QuestionPage
from .contributions import contribution_workflow_get_or_create, contributor_refusal

logger = logging.getLogger(__name__)

ANSWER_MIN_LENGTH = 20
ANSWER_MAX_LENGTH = 3000

_REFUSALS = {
    "login_required": _("Log in om deze vraag te beantwoorden."),
    "email_unverified": _("Bevestig eerst uw e-mailadres; daarna kunt u deze vraag beantwoorden."),
    "organisation_missing": _(
        "Vul eerst in uw profiel uw organisatie in; daarna kunt u deze vraag beantwoorden."
    ),
}


def question_is_open(*, question: QuestionPage) -> bool:
    """A live question without a published answer and without an answer awaiting review:
    the only kind a contributor may answer."""
    return question.live and not question.is_answered and question.current_workflow_state is None


def question_answer_check(*, question: QuestionPage, user) -> None:
    """Raise a KnowledgeError (Dutch message) when ``user`` may not answer ``question`` now."""
    code = contributor_refusal(user=user)
    if code is not None:
        raise KnowledgeError(code, _REFUSALS[code])
    if not question.live:
        raise KnowledgeError("question_unavailable", _("Deze vraag bestaat niet."), status=404)
    if question.is_answered:
        raise KnowledgeError("question_answered", _("Deze vraag is al beantwoord."), status=409)
    if question.current_workflow_state is not None:
        raise KnowledgeError(
            "answer_pending",
            _("Er ligt al een antwoord op deze vraag bij de redactie. Kijk later nog eens."),
            status=409,
        )


def answer_as_rich_text(text: str) -> str:
    """Plain text from a form as the rich text of an answer: paragraphs, escaped."""
    paragraphs = [part.strip() for part in re.split(r"\n\s*\n", text.strip()) if part.strip()]
    return "".join(linebreaks(escape(part)) for part in paragraphs)


def question_answer_submit(*, question: QuestionPage, user, text: str) -> QuestionPage:
    """Store a colleague's answer to an open question as a new revision and submit it to the
    knowledge base's moderation workflow.

    Guarantees: the published page does not change (the answer is public only when an editor
    approves the revision); one answer at a time per question (the question's row is locked,
    a second answer meanwhile is refused); the answer is plain text, escaped into paragraphs;
    the question records who answered, so they get an e-mail when it is published; all or
    nothing in one transaction.
    """
    text = text.strip()
    if len(text) < ANSWER_MIN_LENGTH:
        raise KnowledgeError(
            "answer_too_short",
            _("Schrijf een antwoord van minstens %(count)d tekens.") % {"count": ANSWER_MIN_LENGTH},
            status=400,
        )
    if len(text) > ANSWER_MAX_LENGTH:
        raise KnowledgeError(
            "answer_too_long",
            _("Houd het antwoord onder de %(count)d tekens.") % {"count": ANSWER_MAX_LENGTH},
            status=400,
        )
    workflow = contribution_workflow_get_or_create()
    with transaction.atomic():
        locked = QuestionPage.objects.select_for_update().get(pk=question.pk)
        question_answer_check(question=locked, user=user)
        draft = locked.get_latest_revision_as_object()
        draft.answer = answer_as_rich_text(text)
        draft.answered_by = user
        draft.answerer_notified_at = None
        QuestionPage.objects.filter(pk=locked.pk).update(
            answered_by=user, answerer_notified_at=None
        )
        draft.save_revision(user=user, log_action=True)
        index_page = KnowledgeIndexPage.objects.ancestor_of(locked).first()
        if (
            index_page is not None
            and not WorkflowPage.objects.filter(page_id=index_page.pk).exists()
        ):
            WorkflowPage.objects.create(page_id=index_page.pk, workflow=workflow)
        # Started without a requesting user, as for practice examples: the colleague gets our
        # own e-mail on publication, not Wagtail's admin notifications.
        workflow.start(draft, None)
    logger.info("knowledge answer to question %s submitted by user %s", question.pk, user.pk)
    return draft


def answer_published(*, page: QuestionPage) -> bool:
    """Tell the colleague who answered, once, that their answer is published. True if queued."""
    from .. import notifications

    if page.answered_by_id is None:
        return False
    with transaction.atomic():
        claimed = QuestionPage.objects.filter(pk=page.pk, answerer_notified_at__isnull=True).update(
            answerer_notified_at=timezone.now()
        )
        if not claimed:
            return False
        notifications.answer_published(page=page)
    return True
