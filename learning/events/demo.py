"""Demo agenda: a day for 150 professionals, a past kick-off and a small site visit, with
registrations that show the waiting list. The masterclass programme and its closing event are
learning.masterclasses' demo, which uses the helpers below.

Registrations go through the services, so the demo obeys the same rules as the site.
"""

import json
from datetime import datetime
from zoneinfo import ZoneInfo

from wagtail.models import Site

from learning.accounts.models import User
from learning.core.models import Theme

from . import services
from .coordination import coordinator_sections_grant
from .models import EventIndexPage, EventPage, PromotionMode

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def at(year, month, day, hour, minute=0) -> datetime:
    """A time in Amsterdam."""
    return datetime(year, month, day, hour, minute, tzinfo=AMSTERDAM)


def body(*paragraphs) -> str:
    """A StreamField body of paragraphs, as JSON."""
    return json.dumps([{"type": "paragraph", "value": f"<p>{text}</p>"} for text in paragraphs])


def page_upsert(parent, model, slug, fields, themes=()):
    """The published page ``slug`` below ``parent``, made or updated with ``fields``."""
    page = model.objects.child_of(parent).filter(slug=slug).first()
    if page is None:
        page = model(slug=slug, **fields)
        parent.add_child(instance=page)
    else:
        for key, value in fields.items():
            setattr(page, key, value)
    if themes and hasattr(page, "themes"):
        page.themes.set(themes)
    page.save_revision().publish()
    return model.objects.get(pk=page.pk)


def registration_ensure(event, user) -> None:
    """Register ``user`` for ``event`` through the service, unless already registered."""
    try:
        services.registration_create(event=event, user=user)
    except services.RegistrationError as error:
        if error.code != "already_registered":
            raise


def load() -> None:
    home = Site.objects.get(is_default_site=True).root_page.specific
    procurement = Theme.objects.get(slug="circulair-inkopen")
    construction = Theme.objects.get(slug="bouw")

    agenda = page_upsert(
        home,
        EventIndexPage,
        "agenda",
        {
            "title": "Agenda",
            "show_in_menus": True,
            "intro": "Masterclasses, leerkringbijeenkomsten en ontmoetingsdagen voor ambtenaren.",
        },
    )
    # The demo coordinator edits the agenda and the programme (learning.masterclasses' demo),
    # nothing else.
    coordinator_sections_grant(pages=[agenda])
    gathering = page_upsert(
        agenda,
        EventPage,
        "dag-van-de-circulaire-overheid",
        {
            "title": "Dag van de circulaire overheid",
            "intro": (
                "Een dag voor 150 professionals van gemeenten, provincies, waterschappen en "
                "het Rijk: leren van elkaars praktijk, van bouw tot biomassa."
            ),
            "starts_at": at(2026, 12, 9, 9, 30),
            "ends_at": at(2026, 12, 9, 17, 0),
            "capacity": 150,
            "promotion_mode": PromotionMode.OFFER,
            "offer_hours": 48,
            "cancellation_deadline": at(2026, 12, 2, 23, 59),
            "location_name": "Provinciehuis Utrecht",
            "location_address": "Archimedeslaan 6, 3584 BA Utrecht",
            "programme": body(
                "Plenaire opening: waar staat Nederland op weg naar 2030?",
                "Twaalf deelsessies in drie rondes, onder andere over circulaire "
                "bedrijventerreinen, hergebruik van bouwmaterialen uit eigen vastgoed en "
                "regionale biomassaketens.",
                "Afsluiting met een netwerkborrel.",
            ),
            "organiser_name": "Circulair Leren",
            "organiser_email": "redactie@circulairleren.example",
        },
        themes=[procurement, construction],
    )
    page_upsert(
        agenda,
        EventPage,
        "aftrap-leerkringen-2026",
        {
            "title": "Aftrap leerkringen 2026",
            "intro": "De start van de nieuwe leerkringen, met kennismaking en werkafspraken.",
            "starts_at": at(2026, 10, 8, 13, 0),
            "ends_at": at(2026, 10, 8, 16, 0),
            "capacity": 40,
            "location_name": "Stadskantoor Utrecht",
            "location_address": "Stadsplateau 1, 3521 AZ Utrecht",
            "organiser_name": "Sanne de Vries",
            "organiser_email": "coordinator@circulairleren.example",
        },
    )

    excursion = page_upsert(
        agenda,
        EventPage,
        "werkbezoek-circulair-viaduct",
        {
            "title": "Werkbezoek: een viaduct van hergebruikte liggers",
            "intro": (
                "Een kleine groep bezoekt de bouwplaats van een viaduct dat is gebouwd met "
                "betonnen liggers uit een gesloopt viaduct. Beperkt aantal plaatsen."
            ),
            "starts_at": at(2027, 2, 3, 10, 0),
            "ends_at": at(2027, 2, 3, 13, 0),
            "capacity": 3,
            "location_name": "Bouwplaats N-weg, Kampen",
            "location_address": "Zwartendijk 2, 8266 AA Kampen",
            "organiser_name": "Sanne de Vries",
            "organiser_email": "coordinator@circulairleren.example",
        },
        themes=[construction, Theme.objects.get(slug="infrastructuur")],
    )

    by_email = {user.email: user for user in User.objects.filter(email__endswith=".example")}
    for email in (
        "anouk.jansen@apeldoorn.example",
        "joost.mulder@valleienveluwe.example",
        "lotte.visser@gelderland.example",
    ):
        registration_ensure(gathering, by_email[email])
    # Three seats, four people: the last one waits because the visit is full.
    for email in (
        "lotte.visser@gelderland.example",
        "joost.mulder@valleienveluwe.example",
        "mohamed.elamrani@zwolle.example",
        "anouk.jansen@apeldoorn.example",
    ):
        registration_ensure(excursion, by_email[email])
