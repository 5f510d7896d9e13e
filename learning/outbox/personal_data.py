"""The e-mails we sent someone, in their data export, and gone with their account."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from learning.core import personal_data, redaction

from .models import OutboxMessage


def _messages_of(user):
    to_person = Q(user=user)
    for address in redaction.email_addresses(user):
        to_person |= Q(to__iexact=address)
    return OutboxMessage.objects.filter(to_person)


def _export(user) -> list[dict]:
    return [
        {
            "kind": message.kind,
            "to": message.to,
            "subject": message.subject,
            "text": message.text,
            "status": message.status,
            "created_at": message.created_at.isoformat(),
            "sent_at": message.sent_at.isoformat() if message.sent_at else None,
        }
        for message in _messages_of(user).order_by("created_at", "pk")
    ]


def _erase(user) -> None:
    """The person's own e-mails go; e-mails to others that name them (a colleague's hand-over,
    a coordinator's notice of an application) are kept without the name and address."""
    terms = redaction.identifiers(user)
    _messages_of(user).delete()
    redaction.redact_rows(OutboxMessage.objects.all(), terms)


def register_provider() -> None:
    personal_data.register(
        "emails",
        label=_("E-mails"),
        description=_("De e-mails die wij u stuurden of nog gaan sturen, met onderwerp en tekst."),
        export=_export,
        erase=_erase,
    )
