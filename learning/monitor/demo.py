"""Demo monitor (called by `manage.py load_demo`; idempotent).

A 2017 pilot round with 12 Gelderland municipalities, a 2018 round with 40 participants all
over the country, and a round that is open now, so the demo logins can fill it in. Scores are
plausible, not real: each municipality has its own maturity, strategic questions score a
little higher than operational ones, and most municipalities grow between the rounds.
"""

import random
from datetime import date, timedelta

from django.contrib.auth.models import Group
from django.utils import timezone
from wagtail.models import Site

from learning.accounts.models import User
from learning.core.models import Theme
from learning.organisations.models import Organisation, OrganisationKind

from .models import (
    MAX_SCORE,
    Answer,
    Level,
    MonitorPage,
    MonitorTheme,
    Question,
    Questionnaire,
    Response,
    ResponseChange,
    ResponseEditor,
    ResponseStatus,
    Round,
)

S, OP = Level.STRATEGIC, Level.OPERATIONAL
T = MonitorTheme

# (level, theme, core theme slug for advice, question, help text)
QUESTIONS = [
    (
        S,
        T.BELEID,
        "circulair-inkopen",
        "Is circulair inkopen vastgelegd in het inkoopbeleid van uw organisatie?",
        (
            "Bijvoorbeeld een doel (zoals 50% circulair in 2030) in het inkoop- of "
            "duurzaamheidsbeleid."
        ),
    ),
    (
        S,
        T.BELEID,
        "circulair-inkopen",
        "Is er budget en capaciteit vrijgemaakt om circulair inkopen uit te voeren?",
        "",
    ),
    (
        S,
        T.COMMUNICATIE,
        "inwoners",
        "Draagt het bestuur de ambitie voor circulair inkopen actief uit, intern en extern?",
        "",
    ),
    (
        OP,
        T.COMMUNICATIE,
        "bedrijven-en-ondernemers",
        "Gaat u vóór een aanbesteding in gesprek met de markt over circulaire oplossingen?",
        "Marktconsultaties, marktdagen of een dialoog met leveranciers.",
    ),
    (
        S,
        T.BOUW,
        "bouw",
        "Zijn er voor bouwprojecten afspraken over hergebruik van materialen en gebouwen?",
        "",
    ),
    (OP, T.BOUW, "bouw", "Vraagt u bij nieuwbouw en renovatie om een materialenpaspoort?", ""),
    (
        OP,
        T.GWW,
        "infrastructuur",
        "Weegt u in GWW-aanbestedingen de milieukosten (MKI) mee bij de gunning?",
        "",
    ),
    (
        OP,
        T.GWW,
        "afval-en-grondstoffen",
        "Hergebruikt u vrijkomend asfalt, beton en grond in uw eigen projecten?",
        "",
    ),
    (
        OP,
        T.ICT,
        "afval-en-grondstoffen",
        "Koopt u laptops en telefoons in met eisen aan levensduur, reparatie en terugname?",
        "",
    ),
    (
        OP,
        T.ICT,
        "circulair-inkopen",
        "Gebruikt u afgeschreven ICT-apparatuur opnieuw of laat u die hergebruiken?",
        "",
    ),
    (
        OP,
        T.FACILITAIR,
        "biomassa-en-voedsel",
        "Stelt u circulaire eisen aan catering, schoonmaak en werkkleding?",
        "",
    ),
    (
        OP,
        T.FACILITAIR,
        "circulair-inkopen",
        "Koopt u meubilair gerefurbisht in of laat u bestaand meubilair opknappen?",
        "",
    ),
]

PILOT = [
    "Apeldoorn",
    "Arnhem",
    "Nijmegen",
    "Ede",
    "Zutphen",
    "Doetinchem",
    "Wageningen",
    "Harderwijk",
    "Tiel",
    "Lochem",
    "Winterswijk",
    "Zevenaar",
]
LATER = [
    "Zwolle",
    "Leeuwarden",
    "Utrecht",
    "Amersfoort",
    "Deventer",
    "Enschede",
    "Groningen",
    "Assen",
    "Almere",
    "Haarlem",
    "Leiden",
    "Delft",
    "Dordrecht",
    "Eindhoven",
    "Tilburg",
    "Breda",
    "'s-Hertogenbosch",
    "Maastricht",
    "Venlo",
    "Middelburg",
    "Goes",
    "Emmen",
    "Hengelo",
    "Alkmaar",
    "Purmerend",
    "Zeist",
    "Houten",
    "Barneveld",
]
THEME_BIAS = {
    T.BELEID: 0.4,
    T.COMMUNICATIE: 0.1,
    T.BOUW: 0.3,
    T.GWW: 0.5,
    T.ICT: -0.5,
    T.FACILITAIR: -0.2,
}


def _score(rng: random.Random, base: float, level: str, theme: str) -> int:
    value = base + THEME_BIAS.get(theme, 0) + (0.3 if level == S else -0.2) + rng.gauss(0, 0.6)
    return max(0, min(MAX_SCORE, round(value)))


def _municipality(name: str) -> Organisation | None:
    return Organisation.objects.filter(kind=OrganisationKind.GEMEENTE, name=name).first()


def _questionnaire() -> Questionnaire:
    questionnaire, _created = Questionnaire.objects.get_or_create(
        title="Monitor circulair inkopen",
        defaults={
            "description": (
                "Twaalf vragen over beleid, communicatie en de inkoopcategorieën bouw, GWW, "
                "ICT en facilitair. Kies per vraag hoe ver uw organisatie is, van 0 (nog niet "
                "mee bezig) tot 4 (vanzelfsprekend in de hele organisatie)."
            )
        },
    )
    themes = {theme.slug: theme for theme in Theme.objects.all()}
    for order, (level, theme, core, text, help_text) in enumerate(QUESTIONS):
        Question.objects.update_or_create(
            questionnaire=questionnaire,
            text=text,
            defaults={
                "sort_order": order,
                "level": level,
                "theme": theme,
                "advice_theme": themes.get(core),
                "help_text": help_text,
            },
        )
    return questionnaire


def _submitted(round: Round, organisation: Organisation, base: float, seed: int, editor=None):
    if Response.objects.filter(round=round, organisation=organisation).exists():
        return
    rng = random.Random(seed)  # noqa: S311 (demo figures, not security)
    moment = timezone.make_aware(
        timezone.datetime.combine(
            round.closes_on - timedelta(days=rng.randint(3, 60)), timezone.datetime.min.time()
        )
    ) + timedelta(hours=rng.randint(9, 16))
    response = Response.objects.create(
        round=round,
        organisation=organisation,
        status=ResponseStatus.SUBMITTED,
        version=1,
        created_at=moment - timedelta(days=5),
        updated_at=moment,
        updated_by=editor,
        submitted_at=moment,
        submitted_by=editor,
    )
    Answer.objects.bulk_create(
        [
            Answer(
                response=response,
                question=question,
                score=_score(rng, base, question.level, question.theme),
            )
            for question in round.questionnaire.questions.all()
        ]
    )
    if editor is not None:
        ResponseEditor.objects.create(response=response, user=editor, added_at=moment)
    ResponseChange.objects.create(
        response=response,
        actor=editor,
        action=ResponseChange.Action.SUBMITTED,
        version=1,
        created_at=moment,
    )


def load() -> None:
    home = Site.objects.get(is_default_site=True).root_page.specific
    intro = (
        "Waar staat uw organisatie met circulair inkopen? Vul eens per jaar samen met twee "
        "collega's de monitor in, zie uw scores naast die van andere overheden en krijg "
        "advies over kennis, pioniers en masterclasses die u verder helpen."
    )
    page = MonitorPage.objects.child_of(home).filter(slug="monitor").first()
    if page is None:
        page = MonitorPage(slug="monitor", title="Monitor circulair inkopen", intro=intro)
        home.add_child(instance=page)
    page.title = "Monitor circulair inkopen"
    page.show_in_menus = True
    page.intro = intro
    page.save_revision().publish()

    questionnaire = _questionnaire()
    rounds = {}
    for year, title, opens, closes in [
        (2017, "Pilot 2017 (Gelderland)", date(2017, 3, 1), date(2017, 6, 30)),
        (2018, "Monitor 2018", date(2018, 3, 1), date(2018, 6, 30)),
        (2026, "Monitor 2026", date(2026, 10, 1), date(2027, 1, 31)),
    ]:
        rounds[year], _created = Round.objects.update_or_create(
            year=year,
            defaults={
                "title": title,
                "questionnaire": questionnaire,
                "opens_on": opens,
                "closes_on": closes,
            },
        )

    users = {
        user.organisation_id: user
        for user in User.objects.filter(
            email__in=[
                "anouk.jansen@apeldoorn.example",
                "mohamed.elamrani@zwolle.example",
                "pieter.bakker@leeuwarden.example",
            ]
        )
    }
    rng = random.Random(2017)  # noqa: S311 (demo figures, not security)
    bases = {name: rng.uniform(0.6, 2.6) for name in PILOT + LATER}
    for index, name in enumerate(PILOT):
        organisation = _municipality(name)
        if organisation is None:
            continue
        editor = users.get(organisation.pk)
        _submitted(rounds[2017], organisation, bases[name], 1000 + index, editor)
        _submitted(rounds[2018], organisation, bases[name] + 0.5, 2000 + index, editor)
    for index, name in enumerate(LATER):
        organisation = _municipality(name)
        if organisation is None:
            continue
        _submitted(
            rounds[2018], organisation, bases[name], 3000 + index, users.get(organisation.pk)
        )

    # The demo coordinator sees every response (group "Coördinatoren").
    coordinators = Group.objects.filter(name="Coördinatoren").first()
    coordinator = User.objects.filter(email="coordinator@circulairleren.example").first()
    if coordinators and coordinator:
        coordinator.groups.add(coordinators)

    # The open round: Zwolle has started (a draft by Mohamed); Apeldoorn can begin.
    zwolle = _municipality("Zwolle")
    mohamed = users.get(zwolle.pk) if zwolle else None
    if zwolle and mohamed:
        response, created = Response.objects.get_or_create(
            round=rounds[2026],
            organisation=zwolle,
            defaults={"version": 1, "updated_by": mohamed},
        )
        if created:
            questions = list(questionnaire.questions.all()[:5])
            Answer.objects.bulk_create(
                [
                    Answer(response=response, question=q, score=s)
                    for q, s in zip(questions, [3, 2, 2, 1, 3], strict=False)
                ]
            )
            ResponseEditor.objects.create(response=response, user=mohamed)
            ResponseChange.objects.create(
                response=response,
                actor=mohamed,
                action=ResponseChange.Action.SAVED,
                version=1,
                details=[
                    {"question": q.pk, "text": q.text, "from": None, "to": s, "explanation": False}
                    for q, s in zip(questions, [3, 2, 2, 1, 3], strict=False)
                ],
            )
