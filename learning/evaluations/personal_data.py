"""Evaluations in the personal-data registry.

Exported: which surveys the person was invited to and answered, and the answers they gave
with their name. Answers given anonymously are not linked to the person anywhere, so they
cannot be exported (nor erased) for them: that is the point of anonymity.
"""

from django.utils.translation import gettext_lazy as _

from learning.core import personal_data


def _export(user) -> dict:
    from .models import Invitation, Response, Submission

    return {
        "invitations": [
            {
                "occasion": invitation.survey.occasion_title,
                "invited_at": invitation.invited_at.isoformat(),
                "reminded_at": invitation.reminded_at.isoformat()
                if invitation.reminded_at
                else None,
            }
            for invitation in Invitation.objects.filter(user=user)
            .select_related("survey__event", "survey__meeting")
            .order_by("invited_at")
        ],
        "answered": [
            {
                "occasion": submission.survey.occasion_title,
                "submitted_on": submission.submitted_on.isoformat(),
            }
            for submission in Submission.objects.filter(user=user)
            .select_related("survey__event", "survey__meeting")
            .order_by("submitted_on")
        ],
        "answers_with_name": [
            {
                "occasion": response.survey.occasion_title,
                "answers": {
                    question["label"]: response.answers.get(question["key"])
                    for question in response.survey.questions
                },
            }
            for response in Response.objects.filter(named_user=user).select_related(
                "survey__event", "survey__meeting"
            )
        ],
    }


def _erase(user) -> None:
    from .services import evaluations_erase

    evaluations_erase(user=user)


def register() -> None:
    personal_data.register(
        "evaluations",
        label=_("Evaluaties"),
        description=_(
            "Welke evaluaties u kreeg en invulde, en de antwoorden die u met uw naam gaf. "
            "Anonieme antwoorden zijn niet met u in verband te brengen."
        ),
        export=_export,
        erase=_erase,
    )
