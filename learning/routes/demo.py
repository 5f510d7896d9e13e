"""Demo routes: Apeldoorn well under way (baseline, opportunities, actions, one shared in
Gelderland), Zwolle just begun (only the procurement analysis). Safe to run twice: a route
that exists is left as it is."""

from __future__ import annotations

from datetime import date

from django.utils import timezone

from learning.accounts.models import User
from learning.circles.models import LearningCirclePage
from learning.core.models import Theme
from learning.knowledge.models import GuideStepPage, PolicyGoal
from learning.masterclasses.models import MasterclassPage
from learning.monitor.models import MonitorTheme
from learning.organisations.models import Organisation, OrganisationKind
from learning.profiles.models import PioneerProfilePage

from .models import (
    Action,
    ActionStatus,
    ActionType,
    Opportunity,
    Route,
    RouteChange,
    RouteEditor,
)


def _municipality(name: str) -> Organisation | None:
    return Organisation.objects.filter(kind=OrganisationKind.GEMEENTE, name=name).first()


def _apeldoorn() -> None:
    organisation = _municipality("Apeldoorn")
    if organisation is None or Route.objects.filter(organisation=organisation).exists():
        return
    anouk = User.objects.filter(email="anouk.jansen@apeldoorn.example").first()
    route = Route.objects.create(
        organisation=organisation,
        raw_materials=(
            "De grootste stromen zijn beton en asfalt uit onderhoud van wegen en gebouwen "
            "(ruim 40.000 ton per jaar), gevolgd door groenafval en kantoormeubilair. Een derde "
            "van het beton komt al als granulaat terug in funderingen."
        ),
        procurement=(
            "De gemeente koopt jaarlijks voor ongeveer 180 miljoen euro in. GWW en bouw zijn samen "
            "ruim de helft; daar heeft de gemeente als opdrachtgever de meeste invloed. ICT en "
            "facilitair volgen."
        ),
        staff_awareness=(
            "Een enquête onder 120 medewerkers: driekwart kent de ambitie, een kwart weet wat "
            "het voor het eigen werk betekent. Inkopers en projectleiders vragen om voorbeelden."
        ),
        version=3,
        updated_by=anouk,
    )
    if anouk:
        RouteEditor.objects.create(route=route, user=anouk)
    themes = {theme.slug: theme for theme in Theme.objects.all()}
    bouw = themes.get("bouw") or next(iter(themes.values()), None)
    goal = PolicyGoal.objects.order_by("sort_order", "pk").first()
    gww = Opportunity.objects.create(
        route=route,
        title="Circulair uitvragen bij wegonderhoud",
        description="Hergebruik van asfalt en beton als gunningscriterium in elk GWW-bestek.",
        theme=bouw,
        monitor_theme=MonitorTheme.GWW,
        impact=3,
        influence=3,
        reason="Lage score in de monitor (Monitor 2018): GWW",
    )
    furniture = Opportunity.objects.create(
        route=route,
        title="Kantoormeubilair hergebruiken",
        description="Bij de verbouwing van het stadhuis eerst het bestaande meubilair inzetten.",
        theme=themes.get("circulair-inkopen"),
        impact=2,
        influence=3,
    )
    residents = Opportunity.objects.create(
        route=route,
        title="Inwoners helpen met repareren",
        description="Repaircafés ondersteunen en zichtbaar maken.",
        impact=2,
        influence=1,
    )
    if goal:
        Opportunity.objects.create(
            route=route,
            title=goal.title[:150],
            description=goal.goal_text,
            policy_goal=goal,
            impact=3,
            influence=2,
            reason=f"Landelijk doel: {goal.source}"[:200],
        )
    today = timezone.localdate()
    first = Action.objects.create(
        route=route,
        title="Hergebruik als gunningscriterium in het raamcontract wegonderhoud",
        action_type=ActionType.PRESCRIBE,
        owner="Inkoopadviseur GWW",
        starts_on=date(today.year, 1, 15),
        ends_on=date(today.year, 9, 30),
        status=ActionStatus.ACTIVE,
        opportunity=gww,
        shared_in_region=True,
        description="Samen met Gelderse gemeenten één set criteria voor asfalt en beton.",
    )
    if goal:
        first.policy_goals.add(goal)
    step = GuideStepPage.objects.live().order_by("path").first()
    if step:
        first.guide_steps.add(step)
    masterclass = (
        MasterclassPage.objects.live().filter(starts_at__gte=timezone.now()).order_by("starts_at")
    ).first()
    second = Action.objects.create(
        route=route,
        title="Inkopers en projectleiders trainen",
        action_type=ActionType.FACILITATE,
        owner="Teamleider inkoop",
        starts_on=today,
        status=ActionStatus.PLANNED,
        opportunity=furniture,
    )
    if masterclass:
        second.masterclasses.add(masterclass)
    circle = LearningCirclePage.objects.live().order_by("title").first()
    if circle:
        second.circles.add(circle)
    third = Action.objects.create(
        route=route,
        title="Repaircafés in de gemeentelijke nieuwsbrief",
        action_type=ActionType.STAGE,
        owner="Communicatieadviseur",
        starts_on=date(today.year, 3, 1),
        ends_on=date(today.year, 12, 31),
        status=ActionStatus.PLANNED,
        opportunity=residents,
    )
    profile = PioneerProfilePage.objects.live().order_by("title").first()
    if profile:
        third.profiles.add(profile)
    RouteChange.objects.create(route=route, actor=anouk, action=RouteChange.Action.BASELINE_SAVED)


def _zwolle() -> None:
    organisation = _municipality("Zwolle")
    if organisation is None or Route.objects.filter(organisation=organisation).exists():
        return
    mohamed = User.objects.filter(email="mohamed.elamrani@zwolle.example").first()
    route = Route.objects.create(
        organisation=organisation,
        procurement=(
            "Eerste verkenning: de inkoopspend over 2025 is opgevraagd bij de afdeling "
            "financiën. Bouw en ICT lijken de grootste posten."
        ),
        version=1,
        updated_by=mohamed,
    )
    if mohamed:
        RouteEditor.objects.create(route=route, user=mohamed)
    RouteChange.objects.create(route=route, actor=mohamed, action=RouteChange.Action.BASELINE_SAVED)


def load() -> None:
    _apeldoorn()
    _zwolle()
