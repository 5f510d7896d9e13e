"""The indicators in the personal-data registry: which values a person entered or changed
is exported, and unlinked from them on deletion (the values are the organisation's)."""

from django.utils.translation import gettext_lazy as _

from learning.core import personal_data, redaction


def _export(user) -> dict:
    from .models import IndicatorValueLog

    return {
        "changes": [
            {
                "indicator": entry.value.indicator.name,
                "organisation": entry.value.organisation.name,
                "year": entry.value.year,
                "action": entry.action,
                "from": entry.from_status,
                "to": entry.to_status,
                "source": entry.reason,
                "at": entry.created_at.isoformat(),
            }
            for entry in IndicatorValueLog.objects.filter(actor=user)
            .select_related("value__indicator", "value__organisation")
            .order_by("created_at", "pk")
        ]
    }


def _erase(user) -> None:
    """Keep the organisation's values and their log, without the link to the person and
    without their name or address in source notes."""
    from .models import IndicatorValue, IndicatorValueLog

    terms = redaction.identifiers(user)
    redaction.redact_rows(IndicatorValue.objects.all(), terms)
    redaction.redact_rows(IndicatorValueLog.objects.all(), terms)
    IndicatorValueLog.objects.filter(actor=user).update(actor=None)
    IndicatorValue.objects.filter(updated_by=user).update(updated_by=None)


def register() -> None:
    personal_data.register(
        "indicators",
        label=_("Indicatoren"),
        description=_(
            "Welke waarden van indicatoren u voor uw organisatie invulde of wijzigde. De "
            "waarden zijn van uw organisatie en blijven na het verwijderen van uw account "
            "bewaard, zonder uw naam."
        ),
        export=_export,
        erase=_erase,
    )
