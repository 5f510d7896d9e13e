"""Certificates in the personal-data registry: exported, and deleted with the account.

Deleted, not anonymised: a certificate is about one person and nothing else counts on it.
Its public verification then answers "onbekend" (404), whose page says that certificates of
deleted accounts can no longer be checked.
"""

from django.utils.translation import gettext_lazy as _

from learning.core import personal_data


def _export(user) -> list[dict]:
    from .models import Certificate

    return [
        {
            "code": certificate.code_display,
            "kind": certificate.kind,
            "name": certificate.name,
            "organisation": certificate.organisation_name,
            "title": certificate.title,
            "programme": certificate.programme_title,
            "starts_at": certificate.starts_at.isoformat(),
            "ends_at": certificate.ends_at.isoformat(),
            "hours": str(certificate.hours) if certificate.hours is not None else None,
            "issued_at": certificate.issued_at.isoformat(),
            "revoked_at": certificate.revoked_at.isoformat() if certificate.revoked_at else None,
        }
        for certificate in Certificate.objects.filter(user=user).order_by("issued_at", "pk")
    ]


def _erase(user) -> None:
    from .models import Certificate

    Certificate.objects.filter(user=user).delete()


def register() -> None:
    personal_data.register(
        "certificates",
        label=_("Deelnamebewijzen"),
        description=_(
            "De deelnamebewijzen die u downloadde, met wat erop staat en de verificatiecode. "
            "Ze worden verwijderd met uw account; daarna zijn ze niet meer te controleren."
        ),
        export=_export,
        erase=_erase,
    )
