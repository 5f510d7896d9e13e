"""Demo certificates: a programme of last autumn with one masterclass that took place, which
Anouk Jansen (Apeldoorn) attended. She has its certificate, and the programme's certificate
waits for her on "Mijn aanmeldingen" (Eerder).

Runs after the programme of learning.masterclasses, whose helpers it shares.
"""

from django.utils import timezone
from wagtail.models import Site

from learning.accounts.models import User
from learning.core.models import Theme
from learning.events import services as event_services
from learning.events.coordination import coordinator_sections_grant
from learning.events.demo import at, body, page_upsert
from learning.events.models import Registration, RegistrationStatus
from learning.masterclasses.models import (
    DEFAULT_ORGANISATION_LIMIT,
    Audience,
    MasterclassPage,
    ProgrammePage,
)

from . import services

PARTICIPANT = "anouk.jansen@apeldoorn.example"
COORDINATOR = "coordinator@circulairleren.example"
EDITOR = "redactie@circulairleren.example"


def load() -> None:
    home = Site.objects.get(is_default_site=True).root_page.specific
    construction = Theme.objects.get(slug="bouw")
    programme = page_upsert(
        home,
        ProgrammePage,
        "masterclass-circulaire-gww-2026",
        {
            "title": "Circulair opdrachtgeverschap in de GWW 2026",
            "intro": (
                "Een masterclass voor opdrachtgevers in grond-, weg- en waterbouw: materialen "
                "hergebruiken en circulair aanbesteden."
            ),
        },
        themes=[construction],
    )
    coordinator_sections_grant(pages=[programme])
    masterclass = page_upsert(
        programme,
        MasterclassPage,
        "hergebruik-in-de-gww",
        {
            "title": "Hergebruik van materialen in de GWW",
            "intro": (
                "Van materialenpaspoort tot hergebruik van betonelementen: wat vraagt u als "
                "opdrachtgever uit, en hoe beoordeelt u het?"
            ),
            "audience": Audience.UITVOERING,
            "trainers": "Ellen Brouwer (Rijkswaterstaat), Koen Mulder (gemeente Zwolle)",
            "starts_at": at(2026, 10, 8, 13, 0),
            "ends_at": at(2026, 10, 8, 17, 0),
            "capacity": 24,
            "organisation_limit": DEFAULT_ORGANISATION_LIMIT,
            "location_name": "Circulair Bouwhuis",
            "location_address": "Westerkade 20, 3016 CM Rotterdam",
            "programme": body(
                "13.00 uur ontvangst, 13.30 uur het materialenpaspoort in de praktijk.",
                "15.00 uur casus: een brug van hergebruikte liggers, van uitvraag tot oplevering.",
                "16.30 uur wat neemt u mee naar uw eigen organisatie?",
            ),
            "organiser_name": "Sanne de Vries",
            "organiser_email": COORDINATOR,
        },
        themes=[construction],
    )
    participant = User.objects.get(email=PARTICIPANT)
    # The editor (all rights) checks her in: the demo coordinator's rights depend on groups
    # that other loaders set up.
    editor = User.objects.get(email=EDITOR)
    # The masterclass is past, so registering through the site is closed: the registration
    # is seeded as it stood on the day, and attendance goes through the coordinator's service.
    registration, _created = Registration.objects.get_or_create(
        event=masterclass,
        user=participant,
        defaults={
            "organisation": participant.organisation,
            "job_role": participant.job_role,
            "status": RegistrationStatus.CONFIRMED,
            "confirmed_at": timezone.now(),
        },
    )
    if registration.status == RegistrationStatus.CONFIRMED:
        event_services.registration_set_attended(registration=registration, actor=editor)
    services.certificate_issue_for_registration(registration_id=registration.pk, user=participant)
