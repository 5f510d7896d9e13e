"""Demo agenda: a day for 150 professionals (three rounds of four sessions, questions on diet,
accessibility and learning goals), a past kick-off and a small site visit, with
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

from . import selectors, services
from .coordination import coordinator_sections_grant
from .models import (
    EventIndexPage,
    EventPage,
    EventRound,
    EventSession,
    PromotionMode,
    QuestionCategory,
    QuestionType,
    RegistrationQuestion,
)

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


def registration_ensure(
    event, user, answers: dict | None = None, sessions: dict | None = None
) -> None:
    """Register ``user`` for ``event`` through the service, unless already registered.
    ``answers``: question text → answer (text or option codes), for events with questions;
    ``sessions``: round title → session title, for events with a programme of sessions."""
    by_text = {question.text: question.pk for question in selectors.event_questions(event=event)}
    rounds = {r.title: r for r in services.event_rounds_load(event_id=event.pk)}
    chosen = {}
    for round_title, session_title in (sessions or {}).items():
        event_round = rounds[round_title]
        session = next(s for s in event_round.session_list if s.title == session_title)
        chosen[event_round.pk] = session.pk
    try:
        services.registration_create(
            event=event,
            user=user,
            answers={by_text[text]: value for text, value in (answers or {}).items()},
            sessions=chosen,
        )
    except services.RegistrationError as error:
        if error.code != "already_registered":
            raise


DIET = "Heeft u dieetwensen?"
ACCESSIBILITY = "Wat heeft u nodig om goed mee te kunnen doen?"
LEARNING_GOAL = "Wat wilt u leren?"
PARTICIPANT_LIST = "Mogen wij uw naam en organisatie op de deelnemerslijst zetten?"

# The day for 150: what every organiser of such a day asks (after pretix's questions).
GATHERING_QUESTIONS = [
    {
        "text": DIET,
        "help_text": "Voor de lunch en de borrel.",
        "question_type": QuestionType.ONE_CHOICE,
        "required": True,
        "options": "Geen\nVegetarisch\nVeganistisch\nGlutenvrij\nAnders",
        "category": QuestionCategory.SENSITIVE,
    },
    {
        "text": ACCESSIBILITY,
        "help_text": (
            "Bijvoorbeeld een rolstoelplek, een ringleiding of een rustige ruimte. U hoeft "
            "niet te vertellen waarom."
        ),
        "question_type": QuestionType.LONG_TEXT,
        "required": False,
        "category": QuestionCategory.SENSITIVE,
    },
    {
        "text": LEARNING_GOAL,
        "help_text": "De sprekers van de deelsessies lezen mee en stemmen hun verhaal erop af.",
        "question_type": QuestionType.LONG_TEXT,
        "required": False,
        "category": QuestionCategory.GENERAL,
    },
    {
        "text": PARTICIPANT_LIST,
        "help_text": (
            "De deelnemerslijst krijgen alle deelnemers, zodat u na afloop contact kunt "
            "houden met collega's van andere overheden."
        ),
        "question_type": QuestionType.YES_NO,
        "required": True,
        "category": QuestionCategory.GENERAL,
    },
]


def questions_ensure(event, questions) -> None:
    """Give ``event`` its registration questions once (a later load keeps the questions an
    editor changed, and the answers given to them), published like an editor's change."""
    if event.questions.exists():
        return
    event.questions = [
        RegistrationQuestion(sort_order=order, **fields) for order, fields in enumerate(questions)
    ]
    event.save_revision().publish()


ROUND_1, ROUND_2, ROUND_3 = "Ronde 1", "Ronde 2", "Ronde 3"

# The day's twelve sessions in three rounds, four rooms of the Provinciehuis.
GATHERING_ROUNDS = [
    (
        ROUND_1,
        (10, 30),
        (11, 30),
        [
            (
                "Circulaire bedrijventerreinen: van afval naar grondstof",
                "Hoe een gemeente bedrijven op één terrein reststromen laat uitwisselen, en "
                "wat het bestemmingsplan daarvoor regelt.",
                "Erik Bosman, adviseur economische zaken",
                "Statenzaal",
                40,
            ),
            (
                "Hergebruik uit eigen vastgoed",
                "Een materialenpaspoort voor gemeentelijke gebouwen: wat het kost, wat het "
                "oplevert en hoe u begint bij de eerstvolgende renovatie.",
                "Marloes Vermeulen, vastgoedbeheerder",
                "Zaal 1.12",
                40,
            ),
            (
                "Circulair inkopen in de praktijk",
                "Drie aanbestedingen met circulaire gunningscriteria, besproken door de "
                "inkopers die ze schreven: wat werkte en wat niet.",
                "Fatima Ouali, strategisch inkoper",
                "Zaal 1.14",
                40,
            ),
            (
                "Werkplaats: uw eigen kansenkaart",
                "In kleine groepen zet u de kansen van uw organisatie op een kaart van "
                "impact en invloed. Beperkt aantal plaatsen.",
                "Team Circulair Leren",
                "Atrium",
                20,
            ),
        ],
    ),
    (
        ROUND_2,
        (13, 0),
        (14, 0),
        [
            (
                "Regionale biomassaketens",
                "Bermgras, snoeihout en maaisel: hoe provincie, waterschap en gemeenten er "
                "samen grondstof van maken in plaats van afval.",
                "Pieter Hendriks, beleidsadviseur provincie",
                "Statenzaal",
                40,
            ),
            (
                "Bouwmaterialen met een tweede leven",
                "Van sloopvergunning tot oogstkaart: secundaire bouwmaterialen in de eigen "
                "projecten van een gemeente.",
                "Yvonne de Graaf, projectleider openbare ruimte",
                "Zaal 1.12",
                40,
            ),
            (
                "Afvalscheiding en de 100 kilo restafval",
                "Wat gemeenten doen die de landelijke doelen halen: inzameling, communicatie "
                "en tarieven.",
                "Ahmed Benali, beleidsmedewerker afval en grondstoffen",
                "Zaal 1.14",
                40,
            ),
            (
                "Werkplaats: de actieagenda",
                "Van kans naar actie: u schrijft de eerste acties van uw actieagenda en "
                "bespreekt ze met collega's van andere overheden.",
                "Team Circulair Leren",
                "Atrium",
                20,
            ),
        ],
    ),
    (
        ROUND_3,
        (14, 30),
        (15, 30),
        [
            (
                "Het bestuur meenemen",
                "Hoe u een wethouder of gedeputeerde meekrijgt: een raadsvoorstel over "
                "circulaire economie dat wel werd aangenomen.",
                "Karin Smit, bestuursadviseur",
                "Statenzaal",
                40,
            ),
            (
                "Meten is weten: de monitor",
                "Wat de scores van de monitor zeggen, hoe u zich vergelijkt met vergelijkbare "
                "gemeenten, en welke indicatoren u jaarlijks bijhoudt.",
                "Lars van Dijk, onderzoeker",
                "Zaal 1.12",
                40,
            ),
            (
                "Circulaire gww-projecten",
                "Wegen, bruggen en kades: circulaire eisen in grond-, weg- en waterbouw, met "
                "voorbeelden van hergebruikte liggers en asfalt.",
                "Sanne de Wit, contractmanager",
                "Zaal 1.14",
                40,
            ),
            (
                "Werkplaats: samenwerken in de regio",
                "Een provincie en haar gemeenten, één agenda: hoe u afspraken maakt die "
                "iedereen kan nakomen.",
                "Team Circulair Leren",
                "Atrium",
                20,
            ),
        ],
    ),
]


def sessions_ensure(event, rounds) -> None:
    """Give ``event`` its programme of rounds and sessions once (a later load keeps what an
    editor changed, and the choices people made), published like an editor's change."""
    if EventRound.objects.filter(event=event).exists():
        return
    day = event.starts_at.astimezone(AMSTERDAM)
    event.rounds = [
        EventRound(
            title=title,
            starts_at=at(day.year, day.month, day.day, *start),
            ends_at=at(day.year, day.month, day.day, *end),
            sort_order=order,
            sessions=[
                EventSession(
                    title=session_title,
                    description=description,
                    speakers=speakers,
                    room=room,
                    capacity=capacity,
                    sort_order=index,
                )
                for index, (session_title, description, speakers, room, capacity) in enumerate(
                    sessions
                )
            ],
        )
        for order, (title, start, end, sessions) in enumerate(rounds)
    ]
    event.save_revision().publish()


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
                "regionale biomassaketens. U kiest uw sessies bij het aanmelden.",
                "Afsluiting met een netwerkborrel.",
            ),
            "organiser_name": "Circulair Leren",
            "organiser_email": "redactie@circulairleren.example",
        },
        themes=[procurement, construction],
    )
    questions_ensure(gathering, GATHERING_QUESTIONS)
    sessions_ensure(gathering, GATHERING_ROUNDS)
    gathering = EventPage.objects.get(pk=gathering.pk)
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
    gathering_answers = {
        "anouk.jansen@apeldoorn.example": {
            DIET: "vegetarisch",
            LEARNING_GOAL: (
                "Hoe we bij de renovatie van ons stadskantoor materialen uit eigen vastgoed "
                "hergebruiken, en hoe we dat in de aanbesteding vragen."
            ),
            PARTICIPANT_LIST: "ja",
        },
        "joost.mulder@valleienveluwe.example": {
            DIET: "glutenvrij",
            ACCESSIBILITY: "Ik kom met de rolstoel; graag een plek aan het gangpad.",
            PARTICIPANT_LIST: "ja",
        },
        "lotte.visser@gelderland.example": {
            DIET: "geen",
            LEARNING_GOAL: "Voorbeelden van regionale biomassaketens die echt rond zijn gekomen.",
            PARTICIPANT_LIST: "nee",
        },
    }
    gathering_sessions = {
        "anouk.jansen@apeldoorn.example": {
            ROUND_1: "Hergebruik uit eigen vastgoed",
            ROUND_2: "Bouwmaterialen met een tweede leven",
            ROUND_3: "Het bestuur meenemen",
        },
        "joost.mulder@valleienveluwe.example": {
            ROUND_1: "Circulair inkopen in de praktijk",
            ROUND_3: "Meten is weten: de monitor",
        },
        "lotte.visser@gelderland.example": {
            ROUND_1: "Werkplaats: uw eigen kansenkaart",
            ROUND_2: "Regionale biomassaketens",
            ROUND_3: "Werkplaats: samenwerken in de regio",
        },
    }
    for email, answers in gathering_answers.items():
        registration_ensure(
            gathering, by_email[email], answers, sessions=gathering_sessions.get(email)
        )
    # Three seats, four people: the last one waits because the visit is full.
    for email in (
        "lotte.visser@gelderland.example",
        "joost.mulder@valleienveluwe.example",
        "mohamed.elamrani@zwolle.example",
        "anouk.jansen@apeldoorn.example",
    ):
        registration_ensure(excursion, by_email[email])
