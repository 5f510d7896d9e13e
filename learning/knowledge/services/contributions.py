"""Contributions: practice examples sent in by civil servants, moderated in a Wagtail workflow."""

import logging

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import GroupApprovalTask, Workflow, WorkflowPage, WorkflowTask

from ..errors import KnowledgeError
from ..models import ArticleKind, KnowledgeIndexPage, KnowledgePage, KnowledgePageAuthor

logger = logging.getLogger(__name__)

CONTRIBUTION_WORKFLOW_NAME = "Kennisbank: praktijkvoorbeelden beoordelen"
CONTRIBUTION_TASK_NAME = "Redactie beoordeelt"
# Groups whose members review contributions; Wagtail creates both in its own migrations.
REVIEWER_GROUP_NAMES = ("Moderators", "Editors")


def contribution_workflow_get_or_create() -> Workflow:
    """The moderation workflow for the knowledge base: one group approval task for the
    editors. Assigned to the knowledge base (so edits of its pages go through it too)."""
    workflow = Workflow.objects.filter(name=CONTRIBUTION_WORKFLOW_NAME).first()
    if workflow is not None:
        return workflow
    with transaction.atomic():
        workflow = Workflow.objects.create(name=CONTRIBUTION_WORKFLOW_NAME, active=True)
        task = GroupApprovalTask.objects.create(name=CONTRIBUTION_TASK_NAME, active=True)
        task.groups.set(Group.objects.filter(name__in=REVIEWER_GROUP_NAMES))
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    return workflow


def _summary(text: str, limit: int = 500) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def contributor_refusal(*, user) -> str | None:
    """Why ``user`` may not contribute (send in an example, answer a question), as a code, or
    None: only active, logged-in civil servants with a verified address and an organisation."""
    from allauth.account.models import EmailAddress

    if user is None or not user.is_authenticated or not user.is_active:
        return "login_required"
    if not EmailAddress.objects.filter(user=user, email__iexact=user.email, verified=True).exists():
        return "email_unverified"
    if user.organisation_id is None:
        return "organisation_missing"
    return None


def contributor_check(*, user) -> None:
    """Only logged-in civil servants contribute: a verified address and an organisation."""
    code = contributor_refusal(user=user)
    if code == "login_required":
        raise KnowledgeError(code, _("Log in om een praktijkvoorbeeld in te sturen."))
    if code == "email_unverified":
        raise KnowledgeError(
            code, _("Bevestig eerst uw e-mailadres; daarna kunt u een praktijkvoorbeeld insturen.")
        )
    if code == "organisation_missing":
        raise KnowledgeError(
            code,
            _("Vul eerst in uw profiel uw organisatie in; daarna kunt u een voorbeeld insturen."),
        )


def practice_example_submit(
    *,
    user,
    index_page: KnowledgeIndexPage,
    title: str,
    organisation_name: str,
    situation: str,
    approach: str,
    result: str = "",
    contact: str = "",
    themes=(),
) -> KnowledgePage:
    """Store a practice example sent in by a logged-in civil servant as a draft page in the
    knowledge base, and submit it to the moderation workflow.

    Guarantees: the page is not live (nothing is public before an editor approves it); it
    records who sent it in, so they get an e-mail when it is published; the whole submission
    is one transaction (no half-made page without a workflow).
    """
    contributor_check(user=user)
    workflow = contribution_workflow_get_or_create()
    with transaction.atomic():
        page = KnowledgePage(
            title=title.strip(),
            kind=ArticleKind.PRACTICE,
            intro=_summary(situation),
            body=[
                (
                    "practice_example",
                    {
                        "title": title.strip(),
                        "organisation": organisation_name.strip(),
                        "situation": situation.strip(),
                        "approach": approach.strip(),
                        "result": result.strip(),
                        "contact": contact.strip(),
                    },
                )
            ],
            live=False,
            owner=user,
            contributed_by=user,
        )
        page.authors = [
            KnowledgePageAuthor(
                name=user.full_name or user.email,
                role=", ".join(
                    part
                    for part in (user.get_job_role_display(), organisation_name.strip())
                    if part
                ),
            )
        ]
        page.themes = list(themes)
        index_page.add_child(instance=page)
        page.save_revision(user=user, log_action=True)
        if not WorkflowPage.objects.filter(page_id=index_page.pk).exists():
            WorkflowPage.objects.create(page_id=index_page.pk, workflow=workflow)
        # Started without a requesting user: Wagtail would otherwise mail the contributor
        # its admin notifications (with links into the admin they cannot open). They get our
        # own e-mail on publication instead; the revision and contributed_by say who sent it.
        workflow.start(page, None)
    logger.info("knowledge contribution %s submitted by user %s", page.pk, user.pk)
    return page


def contribution_published(*, page: KnowledgePage) -> bool:
    """Tell the contributor, once, that their practice example is published. True if queued.

    The e-mail goes through the outbox in the publishing transaction; a later re-publication
    sends nothing (``contributor_notified_at`` is set in the same transaction).
    """
    from .. import notifications

    if page.contributed_by_id is None:
        return False
    with transaction.atomic():
        claimed = KnowledgePage.objects.filter(
            pk=page.pk, contributor_notified_at__isnull=True
        ).update(contributor_notified_at=timezone.now())
        if not claimed:
            return False
        notifications.contribution_published(page=page)
    return True
