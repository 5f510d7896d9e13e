"""What someone follows, their digest choice and (for a pioneer) the contact switch: in their
data export, and gone with their account."""

from django.utils.translation import gettext_lazy as _

from learning.core import personal_data

from .models import AlertSettings, Follow, PioneerContact


def _export(user) -> dict:
    settings = AlertSettings.objects.filter(user=user).first()
    contact = PioneerContact.objects.filter(user=user).first()
    return {
        "digest": settings.frequency if settings else None,
        "follows": [
            {"kind": follow.kind, "id": follow.object_id, "since": follow.created_at.isoformat()}
            for follow in Follow.objects.filter(user=user).order_by("created_at", "pk")
        ],
        "pioneer_profile_id": contact.profile_id if contact else None,
        "accepts_messages": contact.accepts_messages if contact else None,
    }


def _erase(user) -> None:
    Follow.objects.filter(user=user).delete()
    AlertSettings.objects.filter(user=user).delete()
    PioneerContact.objects.filter(user=user).delete()


def register() -> None:
    personal_data.register(
        "alerts",
        label=_("Volgen en meldingen"),
        description=_(
            "Welke thema's en pioniers u volgt, hoe vaak u daarover e-mail krijgt en, als u "
            "pionier bent, of collega's u een bericht mogen sturen."
        ),
        export=_export,
        erase=_erase,
    )
