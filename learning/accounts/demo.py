"""Demo accounts for `load_demo`: an editor, a coordinator and civil servants of five governments.

Addresses use the reserved .example domain so no real mailbox is ever written to. The demo
organisations get demo e-mail domains, so the demo people are verified members through their
addresses; one person asks for Apeldoorn with another address and waits for a coordinator.
"""

from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group

from learning.organisations.models import Organisation, OrganisationDomain

from .models import JobRole, User
from .organisation_claims import claim_request

# Demo e-mail domains of demo organisations only (never real ones: those are imported).
DOMAINS = [
    ("rijk", "PIANOo Expertisecentrum Aanbesteden", "circulairleren.example"),
    ("gemeente", "Apeldoorn", "apeldoorn.example"),
    ("gemeente", "Zwolle", "zwolle.example"),
    ("gemeente", "Leeuwarden", "leeuwarden.example"),
    ("gemeente", "Utrecht", "utrecht.example"),
    ("gemeente", "Deventer", "deventer.example"),
    ("gemeente", "Arnhem", "arnhem.example"),
    ("provincie", "Gelderland", "gelderland.example"),
    ("provincie", "Overijssel", "overijssel.example"),
    ("waterschap", "Waterschap Vallei en Veluwe", "valleienveluwe.example"),
]

PASSWORD = "circulair-demo-2026"

LOGINS = [
    {
        "email": "redactie@circulairleren.example",
        "full_name": "Fleur Hoekstra",
        "organisation": ("rijk", "PIANOo Expertisecentrum Aanbesteden"),
        "job_role": JobRole.OVERIG,
        "job_title": "Eindredacteur Circulair Leren",
        "is_staff": True,
        "is_superuser": True,
        "groups": [],
        "description": "redacteur en beheerder (alle rechten in /admin/)",
    },
    {
        "email": "coordinator@circulairleren.example",
        "full_name": "Sanne de Vries",
        "organisation": ("rijk", "PIANOo Expertisecentrum Aanbesteden"),
        "job_role": JobRole.BELEID,
        "job_title": "Programmacoördinator masterclasses en leerkringen",
        "is_staff": True,
        "is_superuser": False,
        "groups": ["Editors"],
        "description": "coördinator (beheeromgeving, groep Editors)",
    },
    {
        "email": "anouk.jansen@apeldoorn.example",
        "full_name": "Anouk Jansen",
        "organisation": ("gemeente", "Apeldoorn"),
        "job_role": JobRole.BELEID,
        "job_title": "Beleidsadviseur circulaire economie",
        "description": "ambtenaar, gemeente Apeldoorn (beleid)",
    },
    {
        "email": "mohamed.elamrani@zwolle.example",
        "full_name": "Mohamed El Amrani",
        "organisation": ("gemeente", "Zwolle"),
        "job_role": JobRole.UITVOERING,
        "job_title": "Inkoopadviseur",
        "description": "ambtenaar, gemeente Zwolle (uitvoering en inkoop)",
    },
    {
        "email": "pieter.bakker@leeuwarden.example",
        "full_name": "Pieter Bakker",
        "organisation": ("gemeente", "Leeuwarden"),
        "job_role": JobRole.BESTUUR,
        "job_title": "Wethouder duurzaamheid",
        "description": "bestuurder, gemeente Leeuwarden (bestuur)",
    },
    {
        "email": "lotte.visser@gelderland.example",
        "full_name": "Lotte Visser",
        "organisation": ("provincie", "Gelderland"),
        "job_role": JobRole.UITVOERING,
        "job_title": "Inkoper GWW",
        "description": "ambtenaar, provincie Gelderland (uitvoering en inkoop)",
    },
    {
        "email": "joost.mulder@valleienveluwe.example",
        "full_name": "Joost Mulder",
        "organisation": ("waterschap", "Waterschap Vallei en Veluwe"),
        "job_role": JobRole.BELEID,
        "job_title": "Adviseur grondstoffen en energie",
        "description": "ambtenaar, waterschap Vallei en Veluwe (beleid)",
    },
    {
        "email": "sam.peeters@regiodienst.example",
        "full_name": "Sam Peeters",
        "organisation": ("gemeente", "Apeldoorn"),
        "claim_explanation": (
            "Ik werk bij de regionale uitvoeringsdienst en ben twee dagen per week "
            "gedetacheerd bij de gemeente Apeldoorn."
        ),
        "job_role": JobRole.UITVOERING,
        "job_title": "Inkoopadviseur (gedetacheerd)",
        "description": "vraagt Apeldoorn aan met een ander e-mailadres (in behandeling)",
    },
]


def load_domains() -> None:
    for kind, name, domain in DOMAINS:
        organisation = Organisation.objects.get(kind=kind, name=name)
        OrganisationDomain.objects.update_or_create(
            domain=domain, defaults={"organisation": organisation}
        )


def load() -> None:
    load_domains()
    for login in LOGINS:
        kind, name = login["organisation"]
        organisation = Organisation.objects.get(kind=kind, name=name)
        user, created = User.objects.update_or_create(
            email=login["email"],
            defaults={
                "full_name": login["full_name"],
                "job_role": login["job_role"],
                "job_title": login["job_title"],
                "is_staff": login.get("is_staff", False),
                "is_superuser": login.get("is_superuser", False),
                "is_active": True,
            },
        )
        if created or not user.check_password(PASSWORD):
            user.set_password(PASSWORD)
            user.save(update_fields=["password"])
        user.groups.set(Group.objects.filter(name__in=login.get("groups", [])))
        EmailAddress.objects.update_or_create(
            user=user, email=user.email, defaults={"verified": True, "primary": True}
        )
        # Verified through the demo domain, or pending with an explanation.
        claim_request(
            user=user, organisation=organisation, explanation=login.get("claim_explanation", "")
        )


def login_notes() -> list[str]:
    """What ``load_demo`` shows afterwards: the demo logins and their one password."""
    return [
        f"Demo-logins (wachtwoord voor iedereen: {PASSWORD}):",
        *(f"  {login['email']:<40} {login['description']}" for login in LOGINS),
    ]


def load_claims() -> None:
    """Verified claims for the demo people other demo modules made (they set the organisation
    directly); runs after them. Only for addresses on a demo domain of that organisation."""
    users = User.objects.filter(
        email__endswith=".example", organisation__isnull=False, organisation_claims__isnull=True
    ).select_related("organisation")
    for user in users:
        if OrganisationDomain.objects.filter(
            organisation=user.organisation, domain=user.email.rpartition("@")[2]
        ).exists():
            claim_request(user=user, organisation=user.organisation)
