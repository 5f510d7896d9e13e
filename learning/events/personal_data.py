"""Registrations in the personal-data registry: exported, and anonymised on deletion."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from learning.core import personal_data, redaction


def _export(user) -> list[dict]:
    from .models import Registration

    return [
        {
            "event": registration.event.title,
            "starts_at": registration.event.starts_at.isoformat(),
            "organisation": registration.organisation.name if registration.organisation else None,
            "status": registration.status,
            "wait_reason": registration.wait_reason,
            "registered_at": registration.created_at.isoformat(),
            "confirmed_at": registration.confirmed_at.isoformat()
            if registration.confirmed_at
            else None,
            "cancelled_at": registration.cancelled_at.isoformat()
            if registration.cancelled_at
            else None,
            "answers": [
                {"question": answer.question.text, "answer": answer.display}
                for answer in registration.answers.all()
            ],
            "sessions": [
                {
                    "round": choice.round.title,
                    "session": choice.session.title,
                    "status": choice.status,
                    "chosen_at": choice.created_at.isoformat(),
                }
                for choice in registration.session_choices.all()
            ],
            "history": [
                {
                    "action": entry.action,
                    "from_status": entry.from_status,
                    "to_status": entry.to_status,
                    "reason": entry.reason,
                    "at": entry.created_at.isoformat(),
                }
                for entry in registration.log_entries.all()
            ],
        }
        for registration in Registration.objects.filter(user=user)
        .select_related("event", "organisation")
        .prefetch_related(
            "log_entries", "answers__question", "session_choices__session", "session_choices__round"
        )
        .order_by("created_at")
    ]


def _erase(user) -> None:
    """Keep registrations for the organisers' figures, without the link to the person and
    without their answers (deleted, not kept anonymously); other people's log lines (a seat
    the person handed over) no longer name them."""
    from .models import Registration, RegistrationLog
    from .services import registration_anonymise_queryset

    registration_anonymise_queryset(Registration.objects.filter(user=user), now=timezone.now())
    redaction.redact_rows(RegistrationLog.objects.all(), redaction.identifiers(user))


def register() -> None:
    personal_data.register(
        "registrations",
        label=_("Aanmeldingen"),
        description=_(
            "Uw aanmeldingen voor masterclasses en bijeenkomsten, met status, data, uw "
            "sessiekeuzes en uw antwoorden op de vragen bij het aanmelden. Na het "
            "verwijderen van uw account blijven de aanmeldingen anoniem bewaard voor de "
            "aantallen per organisatie; uw antwoorden worden gewist."
        ),
        export=_export,
        erase=_erase,
    )
