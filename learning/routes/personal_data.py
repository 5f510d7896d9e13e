"""The route in the personal-data registry: which routes a person worked on and what they
changed is exported; on deletion the route stays (it is the organisation's), without them."""

from django.utils.translation import gettext_lazy as _

from learning.core import personal_data, redaction


def _export(user) -> dict:
    from .models import RouteChange, RouteDocument, RouteEditor

    return {
        "editor_of": [
            {"organisation": row.route.organisation.name, "since": row.added_at.isoformat()}
            for row in RouteEditor.objects.filter(user=user).select_related("route__organisation")
        ],
        "changes": [
            {
                "organisation": change.route.organisation.name,
                "action": change.action,
                "note": change.note,
                "at": change.created_at.isoformat(),
            }
            for change in RouteChange.objects.filter(actor=user)
            .select_related("route__organisation")
            .order_by("created_at")
        ],
        "documents": [
            {
                "organisation": d.route.organisation.name,
                "title": d.title,
                "at": d.uploaded_at.isoformat(),
            }
            for d in RouteDocument.objects.filter(uploaded_by=user).select_related(
                "route__organisation"
            )
        ],
    }


def _erase(user) -> None:
    """Keep the organisation's route, without the link to the person and without their name
    in log notes ("editor added: …") and texts."""
    from .models import Action, Opportunity, Route, RouteChange, RouteDocument, RouteEditor

    terms = redaction.identifiers(user)
    RouteEditor.objects.filter(user=user).delete()
    for model in (RouteChange, Route, Opportunity, Action):
        redaction.redact_rows(model.objects.all(), terms)
    RouteChange.objects.filter(actor=user).update(actor=None)
    Route.objects.filter(updated_by=user).update(updated_by=None)
    RouteDocument.objects.filter(uploaded_by=user).update(uploaded_by=None)


def register() -> None:
    personal_data.register(
        "routes",
        label=_("Routekaart"),
        description=_(
            "Aan welke routekaart van uw organisatie u meewerkte en wat u daarin wijzigde. De "
            "routekaart is van uw organisatie en blijft na het verwijderen van uw account "
            "bewaard, zonder uw naam."
        ),
        export=_export,
        erase=_erase,
    )
