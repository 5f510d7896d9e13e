"""Demo programme: four masterclasses for bestuur, beleid and uitvoering, a closing event open
to all municipalities, and registrations that show the per-organisation limit (four buyers of
Utrecht for the buyers' masterclass: the fourth waits, "organisation full").

Runs after the agenda (learning.events' demo), whose helpers it uses.
"""

from allauth.account.models import EmailAddress
from django.utils import timezone
from wagtail.models import Site

from learning.accounts.demo import PASSWORD
from learning.accounts.models import JobRole, User
from learning.core.models import Theme
from learning.events.coordination import coordinator_sections_grant
from learning.events.demo import at, body, page_upsert, registration_ensure
from learning.events.models import EventPage
from learning.organisations.models import Organisation

from .models import DEFAULT_ORGANISATION_LIMIT, Audience, MasterclassPage, ProgrammePage
from .services import programme_enrol

# Three people per municipality for the whole series (and three per masterclass).
SERIES_ORGANISATION_LIMIT = 3

UTRECHT_COLLEAGUES = [
    ("Bram Hendriks", "bram.hendriks@utrecht.example", JobRole.UITVOERING, "Senior inkoper"),
    ("Yara Benali", "yara.benali@utrecht.example", JobRole.UITVOERING, "Contractmanager"),
    ("Thijs Verbeek", "thijs.verbeek@utrecht.example", JobRole.UITVOERING, "Inkoopadviseur GWW"),
    ("Iris de Graaf", "iris.degraaf@utrecht.example", JobRole.UITVOERING, "Categoriemanager"),
]

MASTERCLASSES = [
    {
        "slug": "bestuurlijk-sturen-op-circulair-inkopen",
        "title": "Bestuurlijk sturen op circulair inkopen",
        "audience": Audience.BESTUUR,
        "starts": at(2027, 1, 14, 15, 30),
        "ends": at(2027, 1, 14, 18, 0),
        "capacity": 20,
        "trainers": "Marieke Postma (oud-wethouder Deventer), Ruud Smeets (PIANOo)",
        "location": ("Stadhuis Amersfoort", "Stadhuisplein 1, 3811 LM Amersfoort"),
        "intro": (
            "Wat vraagt circulair inkopen van een college? Over ambities vastleggen, "
            "risico's accepteren en de raad meenemen."
        ),
        "programme": (
            "Ontvangst met koffie en een korte stand van zaken: waar staan gemeenten bij "
            "circulair inkopen?",
            "Casus: hoe een college de ambitie van 50% circulair inkopen vertaalde naar "
            "drie concrete aanbestedingen per jaar.",
            "Gesprek in kleine groepen: welke besluiten liggen er in uw gemeente het komende "
            "jaar, en waar kan circulariteit een rol spelen?",
        ),
    },
    {
        "slug": "circulaire-ambities-in-beleid",
        "title": "Circulaire ambities vertalen naar beleid",
        "audience": Audience.BELEID,
        "starts": at(2027, 2, 11, 9, 30),
        "ends": at(2027, 2, 11, 16, 0),
        "capacity": 24,
        "trainers": "Sanne de Vries (Circulair Leren), Joris van Dam (provincie Utrecht)",
        "location": ("Provinciehuis Utrecht", "Archimedeslaan 6, 3584 BA Utrecht"),
        "intro": (
            "Van landelijke doelen naar een gemeentelijk uitvoeringsprogramma met meetbare "
            "doelen, budget en eigenaarschap."
        ),
        "programme": (
            "De landelijke doelen: 50% minder primaire grondstoffen in 2030 en een volledig "
            "circulaire economie in 2050.",
            "Werksessie: een beleidsdoel schrijven dat inkopers, projectleiders en "
            "beheerders morgen kunnen gebruiken.",
        ),
    },
    {
        "slug": "circulair-uitvragen-en-beoordelen",
        "title": "Circulair uitvragen en beoordelen",
        "audience": Audience.UITVOERING,
        "starts": at(2027, 3, 11, 9, 30),
        "ends": at(2027, 3, 11, 16, 30),
        "capacity": 25,
        "trainers": "Karin Smit (PIANOo), Mohamed El Amrani (gemeente Zwolle)",
        "location": ("Gemeentehuis Zwolle", "Grote Kerkplein 15, 8011 PK Zwolle"),
        "intro": (
            "Voor inkopers en contractmanagers: marktconsultatie, gunningscriteria en "
            "contractafspraken die hergebruik echt belonen."
        ),
        "programme": (
            "Marktconsultatie: wat kan de markt al, en hoe vraagt u daarnaar zonder de "
            "oplossing voor te schrijven?",
            "Gunnen op circulariteit: MPG, losmaakbaarheid en terugnamegaranties als "
            "criteria, met voorbeelden uit meubilair, ICT en grond-, weg- en waterbouw.",
            "Contractmanagement: hoe u na de gunning controleert of beloftes worden waargemaakt.",
        ),
    },
    {
        "slug": "samen-circulair-van-ambitie-tot-contract",
        "title": "Samen circulair: van ambitie tot contract",
        "audience": Audience.GEMENGD,
        "starts": at(2027, 4, 8, 13, 0),
        "ends": at(2027, 4, 8, 17, 0),
        "capacity": 30,
        "trainers": "Sanne de Vries en Karin Smit",
        "location": ("Stadskantoor Apeldoorn", "Deventerstraat 46, 7311 LS Apeldoorn"),
        "intro": (
            "Bestuurders, beleidsmakers en inkopers van dezelfde organisatie werken samen "
            "één eigen aanbesteding uit."
        ),
        "programme": (
            "Iedere organisatie neemt een aanbesteding mee die in 2027 op de markt komt.",
            "In drie rondes kijken bestuur, beleid en inkoop er samen naar: ambitie, eisen "
            "en contract.",
        ),
    },
]


def _demo_user(name, email, role, title, organisation) -> User:
    user, created = User.objects.update_or_create(
        email=email,
        defaults={
            "full_name": name,
            "organisation": organisation,
            "job_role": role,
            "job_title": title,
        },
    )
    if created:
        user.set_password(PASSWORD)
        user.save(update_fields=["password"])
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    return user


def load() -> None:
    home = Site.objects.get(is_default_site=True).root_page.specific
    procurement = Theme.objects.get(slug="circulair-inkopen")

    programme = page_upsert(
        home,
        ProgrammePage,
        "masterclasses-circulair-inkopen",
        {
            "title": "Masterclasses circulair inkopen 2027",
            "show_in_menus": True,
            "intro": (
                "Vier masterclasses voor bestuur, beleid en uitvoering, afgesloten met een "
                "slotbijeenkomst voor alle gemeenten."
            ),
            "body": (
                "<p>Het landelijke doel was dat overheden in 2025 de helft van hun inkopen "
                "circulair doen. Veel gemeenten zijn op weg, maar lopen tegen dezelfde vragen "
                "aan. In "
                "deze reeks leert u van trainers en collega's die het al doen. Aan de hele "
                "reeks kunnen <b>maximaal drie medewerkers per gemeente</b> deelnemen, "
                "zodat zoveel mogelijk gemeenten meedoen. Met één klik meldt u zich aan voor "
                "alle masterclasses die bij uw rol passen.</p>"
            ),
            "organisation_limit": SERIES_ORGANISATION_LIMIT,
        },
        themes=[procurement],
    )
    # The demo coordinator edits the programme as well as the agenda.
    coordinator_sections_grant(pages=[programme])
    masterclasses = []
    for spec in MASTERCLASSES:
        location_name, location_address = spec["location"]
        masterclasses.append(
            page_upsert(
                programme,
                MasterclassPage,
                spec["slug"],
                {
                    "title": spec["title"],
                    "intro": spec["intro"],
                    "audience": spec["audience"],
                    "trainers": spec["trainers"],
                    "starts_at": spec["starts"],
                    "ends_at": spec["ends"],
                    "capacity": spec["capacity"],
                    "organisation_limit": DEFAULT_ORGANISATION_LIMIT,
                    "location_name": location_name,
                    "location_address": location_address,
                    "cancellation_deadline": spec["starts"] - timezone.timedelta(days=7),
                    "programme": body(*spec["programme"]),
                    "organiser_name": "Sanne de Vries",
                    "organiser_email": "coordinator@circulairleren.example",
                },
                themes=[procurement],
            )
        )
    closing = page_upsert(
        programme,
        EventPage,
        "slotbijeenkomst-circulair-inkopen",
        {
            "title": "Slotbijeenkomst circulair inkopen",
            "intro": (
                "De afsluiting van de masterclassreeks, open voor alle gemeenten: resultaten, "
                "een panel met wethouders en een marktplaats van praktijkvoorbeelden."
            ),
            "starts_at": at(2027, 5, 20, 13, 0),
            "ends_at": at(2027, 5, 20, 17, 30),
            "capacity": 120,
            "allowed_organisation_kinds": ["gemeente"],
            "location_name": "Nieuwegein Business Center",
            "location_address": "Blokhoeve 1, 3438 LC Nieuwegein",
            "programme": body(
                "13.00 uur ontvangst, 13.30 uur opening en resultaten van de reeks.",
                "14.30 uur marktplaats: twaalf gemeenten laten zien wat ze hebben aanbesteed.",
                "16.00 uur panel met drie wethouders, daarna borrel.",
            ),
            "organiser_name": "Sanne de Vries",
            "organiser_email": "coordinator@circulairleren.example",
        },
        themes=[procurement],
    )
    # Four buyers of Utrecht for the buyers' masterclass: the fourth waits, "organisation full".
    utrecht = Organisation.objects.get(cbs_code="GM0344")
    colleagues = [_demo_user(*spec, utrecht) for spec in UTRECHT_COLLEAGUES]
    buyers_class = masterclasses[2]
    for user in colleagues:
        registration_ensure(buyers_class, user)
    by_email = {user.email: user for user in User.objects.filter(email__endswith=".example")}
    for email in ("mohamed.elamrani@zwolle.example", "lotte.visser@gelderland.example"):
        registration_ensure(buyers_class, by_email[email])
    registration_ensure(masterclasses[0], by_email["pieter.bakker@leeuwarden.example"])
    registration_ensure(masterclasses[1], by_email["anouk.jansen@apeldoorn.example"])
    registration_ensure(closing, by_email["mohamed.elamrani@zwolle.example"])
    # Bram enrols in the whole series: the buyers' masterclass he has already, the mixed one
    # fits his role too; the ones for bestuur and beleid are skipped. (Idempotent: a second
    # run finds him registered and sends nothing.)
    programme_enrol(programme=programme, user=colleagues[0])
