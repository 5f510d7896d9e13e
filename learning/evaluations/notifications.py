"""The invitation and the reminder to fill in an evaluation, through the outbox.

Both are queued in the caller's transaction with a dedupe key per survey and person, so a
periodic run that repeats queues nothing new. The reminder is not linked to the event in the
outbox: coordinators see an event's e-mails there, and a list of who was reminded is a list of
who had not answered yet.
"""

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from learning.outbox.services import message_queue

RENDERER = "evaluations.invitation"


def evaluation_kind(template: str) -> str:
    """The outbox kind of an evaluation e-mail made with ``evaluations/email/<template>``."""
    return f"evaluation_{template}"


# Every kind this module queues, with its Dutch name in the outbox (learning.outbox.renderers).
KIND_LABELS = {
    evaluation_kind("invitation"): gettext_lazy("Uitnodiging voor de evaluatie"),
    evaluation_kind("reminder"): gettext_lazy("Herinnering aan de evaluatie"),
}


def survey_url(survey) -> str:
    return settings.SITE_URL + reverse("evaluations:answer", args=[survey.pk])


def _queue(invitation, *, template: str, subject: str, event=None):
    return message_queue(
        to=invitation.user.email,
        kind=evaluation_kind(template),
        renderer=RENDERER,
        payload={"invitation_id": invitation.pk, "template": template, "subject": subject},
        event=event,
        user=invitation.user,
        dedupe_key=f"evaluation-{template}:{invitation.survey_id}:{invitation.user_id}",
    )


def invitation(invitation):
    survey = invitation.survey
    return _queue(
        invitation,
        template="invitation",
        subject=_("Hoe was het? Uw mening in twee minuten"),
        event=survey.event if survey.event_id else None,
    )


def reminder(invitation):
    return _queue(invitation, template="reminder", subject=_("Herinnering: uw mening telt"))


def render(payload: dict) -> dict:
    from .models import Invitation

    invitation = Invitation.objects.select_related("user", "survey__event", "survey__meeting").get(
        pk=payload["invitation_id"]
    )
    survey = invitation.survey
    context = {
        "user": invitation.user,
        "title": survey.occasion_title,
        "starts_local": timezone.localtime(survey.occasion_starts_at),
        "closes_local": timezone.localtime(survey.closes_at),
        "survey_url": survey_url(survey),
        "site_url": settings.SITE_URL,
        "reminder": payload["template"] == "reminder",
    }
    return {
        "subject": f"{payload['subject']}: {survey.occasion_title}",
        "text": render_to_string("evaluations/email/invitation.txt", context),
        "html": render_to_string("evaluations/email/invitation.html", context),
    }
