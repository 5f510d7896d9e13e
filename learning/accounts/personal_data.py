"""What we store about a person, in one registry: used to export and to erase it.

Each app that keeps personal data registers a provider here (in its AppConfig.ready): a key,
an ``export(user)`` that returns JSON-serialisable data, and an ``erase(user)`` that anonymises
or deletes that data before the account itself is deleted. Registrations, for example, are
kept for the organisers' numbers but lose the link to the person.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class PersonalDataProvider:
    key: str
    label: str
    description: str
    export: Callable[[Any], Any]
    erase: Callable[[Any], None] | None = None


_providers: dict[str, PersonalDataProvider] = {}


def register(
    key: str,
    *,
    label: str,
    description: str = "",
    export: Callable[[Any], Any],
    erase: Callable[[Any], None] | None = None,
) -> None:
    """Register what an app stores about a person; ``description`` is shown to that person."""
    _providers[key] = PersonalDataProvider(
        key=key, label=label, description=description, export=export, erase=erase
    )


def providers() -> list[PersonalDataProvider]:
    return list(_providers.values())


def _export_account(user) -> dict:
    organisation = user.organisation
    return {
        "email": user.email,
        "full_name": user.full_name,
        "organisation": (
            {
                "name": organisation.name,
                "kind": organisation.kind,
                "cbs_code": organisation.cbs_code,
            }
            if organisation
            else None
        ),
        "job_role": user.job_role,
        "job_title": user.job_title,
        "date_joined": user.date_joined.isoformat(),
        "last_login": user.last_login.isoformat() if user.last_login else None,
        "is_staff": user.is_staff,
        "groups": sorted(user.groups.values_list("name", flat=True)),
    }


def _export_email_addresses(user) -> list[dict]:
    from allauth.account.models import EmailAddress

    return [
        {"email": address.email, "verified": address.verified, "primary": address.primary}
        for address in EmailAddress.objects.filter(user=user).order_by("email")
    ]


def _export_admin_preferences(user) -> dict | None:
    from wagtail.users.models import UserProfile

    profile = UserProfile.objects.filter(user=user).first()
    if profile is None:
        return None
    return {
        "preferred_language": profile.preferred_language,
        "current_time_zone": profile.current_time_zone,
    }


def _export_organisation_claims(user) -> list[dict]:
    from .models import OrganisationClaim

    claims = (
        OrganisationClaim.objects.filter(user=user)
        .select_related("organisation")
        .prefetch_related("log_entries")
        .order_by("created_at", "pk")
    )
    return [
        {
            "organisation": {
                "name": claim.organisation.name,
                "kind": claim.organisation.kind,
                "cbs_code": claim.organisation.cbs_code,
            },
            "state": claim.state,
            "explanation": claim.explanation,
            "verified_domain": claim.verified_domain,
            "decided_at": claim.decided_at.isoformat() if claim.decided_at else None,
            "reason": claim.reason,
            "requested_at": claim.created_at.isoformat(),
            "superseded_at": claim.superseded_at.isoformat() if claim.superseded_at else None,
            "log": [
                {
                    "action": entry.action,
                    "from": entry.from_status,
                    "to": entry.to_status,
                    "reason": entry.reason,
                    "at": entry.created_at.isoformat(),
                }
                for entry in claim.log_entries.all()
            ],
        }
        for claim in claims
    ]


def register_builtin_providers() -> None:
    # E-mail addresses and admin preferences go with the user row (on_delete CASCADE),
    # so they need no eraser of their own.
    register(
        "account",
        label=_("Account"),
        description=_(
            "Uw naam, e-mailadres, organisatie, rol, functietitel, wanneer u zich aanmeldde en "
            "wanneer u voor het laatst inlogde."
        ),
        export=_export_account,
    )
    # Claims and their log go with the user row (CASCADE); as a coordinator's decisions on
    # other people's claims they keep the decision but lose the name (SET_NULL).
    register(
        "organisation_claims",
        label=_("Organisatieaanvragen"),
        description=_(
            "Voor welke organisatie u wilde meetellen, uw toelichting, hoe dat is bevestigd "
            "(via uw e-maildomein of door een coördinator) en de reden van een besluit."
        ),
        export=_export_organisation_claims,
    )
    register(
        "email_addresses",
        label=_("E-mailadressen"),
        description=_("Uw e-mailadressen en of ze bevestigd zijn."),
        export=_export_email_addresses,
    )
    register(
        "admin_preferences",
        label=_("Voorkeuren beheeromgeving"),
        description=_("Als u redacteur bent: uw taal en tijdzone in de beheeromgeving."),
        export=_export_admin_preferences,
    )
