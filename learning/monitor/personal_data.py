"""The monitor in the personal-data registry: what a person did on their organisation's
monitor is exported, and unlinked from them on deletion (the answers are the organisation's)."""

from django.utils.translation import gettext_lazy as _

from learning.core import personal_data, redaction


def _export(user) -> dict:
    from .models import ResponseChange, ResponseEditor

    return {
        "editor_of": [
            {
                "round": row.response.round.title,
                "organisation": row.response.organisation.name,
                "since": row.added_at.isoformat(),
            }
            for row in ResponseEditor.objects.filter(user=user).select_related(
                "response__round", "response__organisation"
            )
        ],
        "changes": [
            {
                "round": change.response.round.title,
                "organisation": change.response.organisation.name,
                "action": change.action,
                "at": change.created_at.isoformat(),
                "details": change.details,
                "note": change.note,
            }
            for change in ResponseChange.objects.filter(actor=user)
            .select_related("response__round", "response__organisation")
            .order_by("created_at")
        ],
    }


def _erase(user) -> None:
    """Keep the organisation's answers and log, without the link to the person and without
    their name or address in log notes ("editor added: …") and explanations."""
    from .models import Answer, Response, ResponseChange, ResponseEditor

    terms = redaction.identifiers(user)
    ResponseEditor.objects.filter(user=user).delete()
    redaction.redact_rows(ResponseChange.objects.all(), terms)
    redaction.redact_rows(Answer.objects.all(), terms)
    ResponseChange.objects.filter(actor=user).update(actor=None)
    Response.objects.filter(updated_by=user).update(updated_by=None)
    Response.objects.filter(submitted_by=user).update(submitted_by=None)


def register() -> None:
    personal_data.register(
        "monitor",
        label=_("Monitor circulair inkopen"),
        description=_(
            "Aan welke monitor van uw organisatie u meewerkte en wat u daarin wijzigde. De "
            "antwoorden zijn van uw organisatie en blijven na het verwijderen van uw account "
            "bewaard, zonder uw naam."
        ),
        export=_export,
        erase=_erase,
    )
