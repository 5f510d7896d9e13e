"""Reads for the route: the route with its parts, proposals, the region's shared agenda, the
coordinators' overview. Every function runs a fixed number of queries, however many
opportunities, actions or organisations there are.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from learning.circles.models import LearningCirclePage
from learning.core.visibility import pages_visible_to
from learning.indicators.figures import figure_text
from learning.indicators.selectors import indicator_values_for
from learning.knowledge.models import ArticleKind, GuideStepPage, KnowledgePage, PolicyGoal
from learning.masterclasses.models import MasterclassPage
from learning.monitor.models import MonitorPage, MonitorTheme, Question
from learning.monitor.selectors import ADVICE_BELOW, Results, results_for
from learning.organisations.models import Organisation, OrganisationKind
from learning.profiles.models import PioneerProfilePage

from .models import Action, Opportunity, Route, RouteChange, RouteDocument

# At most this many of the weakest monitor themes and of the goals are proposed.
PROPOSED_THEMES = 3
PROPOSED_GOALS = 3


def route_of(*, organisation: Organisation) -> Route:
    """The organisation's route, or an empty unsaved one (nothing written on reading)."""
    route = Route.objects.select_related("updated_by").filter(organisation=organisation).first()
    return route or Route(organisation=organisation)


def route_editors(*, route: Route) -> list:
    if route.pk is None:
        return []
    return [row.user for row in route.editor_rows.select_related("user")]


def route_changes(*, route: Route, limit: int = 15) -> list[RouteChange]:
    if route.pk is None:
        return []
    return list(
        RouteChange.objects.filter(route=route)
        .select_related("actor")
        .order_by("-created_at", "-pk")[:limit]
    )


def route_documents(*, route: Route) -> dict[str, list[RouteDocument]]:
    """Analysis → its documents (one query)."""
    found: dict[str, list[RouteDocument]] = {}
    if route.pk is None:
        return found
    for document in RouteDocument.objects.filter(route=route).select_related("uploaded_by"):
        found.setdefault(document.analysis, []).append(document)
    return found


# --- Baseline ----------------------------------------------------------------------------


@dataclass
class MonitorBaseline:
    """The organisation's latest submitted monitor, linked (its scores are read, not copied)."""

    results: Results
    url: str | None  # the response's page in the monitor

    @property
    def has_response(self) -> bool:
        return self.results.round is not None

    @property
    def theme_rows(self):
        return [row for row in self.results.rows if row.dimension != "level"]


def baseline_monitor(*, organisation: Organisation) -> MonitorBaseline:
    results = results_for(organisation=organisation)
    url = None
    if results.response is not None:
        page = MonitorPage.objects.live().first()
        if page is not None:
            url = page.url + page.reverse_subpage("response", args=[results.response.pk])
    return MonitorBaseline(results=results, url=url)


@dataclass(frozen=True)
class IndicatorRow:
    """One indicator of the baseline: name, the organisation's latest value with its unit
    and year, and the national target (text, already formatted)."""

    name: str
    value: str
    year: int | None = None
    target: str = ""
    note: str = ""


def baseline_indicators(*, organisation: Organisation) -> list[IndicatorRow]:
    """The organisation's indicators in the baseline: per active indicator its latest value
    (with year and source) and the national targets, written as the indicators app writes
    figures everywhere (learning.indicators.figures). Three queries."""
    rows = []
    for series in indicator_values_for(organisation=organisation):
        indicator, latest = series.indicator, series.latest
        targets = "; ".join(
            _("%(value)s in %(year)s")
            % {"value": figure_text(indicator, target.value), "year": target.year}
            for target in series.targets
        )
        rows.append(
            IndicatorRow(
                name=indicator.name,
                value=figure_text(indicator, latest.value) if latest else _("nog niet ingevuld"),
                year=latest.year if latest else None,
                target=targets,
                note=latest.source_note if latest else "",
            )
        )
    return rows


# --- Opportunities -----------------------------------------------------------------------


def opportunities_of(*, route: Route) -> list[Opportunity]:
    if route.pk is None:
        return []
    return list(
        Opportunity.objects.filter(route=route)
        .select_related("theme", "policy_goal")
        .order_by("-impact", "-influence", "title", "pk")
    )


@dataclass(frozen=True)
class Proposal:
    """A proposed opportunity: not stored until a member adopts it (``key``)."""

    key: str
    title: str
    description: str
    reason: str
    impact: int
    influence: int
    theme_id: int | None = None
    monitor_theme: str = ""
    policy_goal_id: int | None = None


def _score(value: float) -> str:
    return number_format(value, decimal_pos=1)


def opportunity_proposals(
    *, route: Route, baseline: MonitorBaseline, opportunities: list[Opportunity]
) -> list[Proposal]:
    """Proposals from the organisation's weakest monitor themes (below the monitor's advice
    threshold, lowest first) and the national goals on the core themes the editors linked
    to those themes' questions; leaving out what the route already adopted.

    The organisation has much influence on its own procurement and policy, so a theme
    proposal starts at high influence; impact is high for a score below 1.5. Two queries.
    """
    results = baseline.results
    if results.round is None:
        return []
    adopted_themes = {o.monitor_theme for o in opportunities if o.monitor_theme}
    adopted_goals = {o.policy_goal_id for o in opportunities if o.policy_goal_id}
    weak = sorted(
        (
            row
            for row in results.rows
            if row.dimension == "theme" and row.own is not None and row.own < ADVICE_BELOW
        ),
        key=lambda row: (row.own, row.label),
    )[:PROPOSED_THEMES]
    if not weak:
        return []
    core_by_theme: dict[str, int] = {}
    for theme, core_id in (
        Question.objects.filter(
            questionnaire_id=results.round.questionnaire_id,
            theme__in=[row.key for row in weak],
            advice_theme__isnull=False,
        )
        .order_by("sort_order", "pk")
        .values_list("theme", "advice_theme_id")
    ):
        core_by_theme.setdefault(theme, core_id)
    proposals = []
    for row in weak:
        if row.key in adopted_themes:
            continue
        proposals.append(
            Proposal(
                key=f"monitor:{row.key}",
                title=_("Circulair inkopen bij %(theme)s verbeteren") % {"theme": row.label},
                description=_(
                    "Uw organisatie scoort op dit onderwerp van de monitor het laagst. "
                    "Bepaal wat de volgende stap is en wie hem zet."
                ),
                reason=_("Lage score in de monitor (%(round)s): %(theme)s %(score)s")
                % {"round": results.round.title, "theme": row.label, "score": _score(row.own)},
                impact=3 if row.own < 1.5 else 2,
                influence=3,
                theme_id=core_by_theme.get(row.key),
                monitor_theme=row.key,
            )
        )
    core_ids = set(core_by_theme.values())
    if core_ids:
        goals = (
            PolicyGoal.objects.filter(themes__in=core_ids)
            .exclude(pk__in=adopted_goals)
            .distinct()
            .order_by("sort_order", "target_year", "title")[:PROPOSED_GOALS]
        )
        for goal in goals:
            year = f" ({goal.target_year})" if goal.target_year else ""
            proposals.append(
                Proposal(
                    key=f"goal:{goal.pk}",
                    title=f"{goal.title}{year}"[:150],
                    description=goal.goal_text,
                    reason=_("Landelijk doel: %(source)s") % {"source": goal.source},
                    impact=3,
                    influence=2,
                    theme_id=next(iter(sorted(core_ids))),
                    policy_goal_id=goal.pk,
                )
            )
    return proposals


# --- Actions -----------------------------------------------------------------------------


def _link_prefetches(user) -> list[Prefetch]:
    """The links of actions, only live pages the reader may see (one query per kind)."""
    return [
        Prefetch("policy_goals", queryset=PolicyGoal.objects.order_by("sort_order", "title")),
        Prefetch(
            "guide_steps",
            queryset=pages_visible_to(GuideStepPage.objects.live(), user).order_by("path"),
        ),
        Prefetch(
            "practice_examples",
            queryset=pages_visible_to(KnowledgePage.objects.live(), user).order_by("title"),
        ),
        Prefetch(
            "profiles",
            queryset=pages_visible_to(PioneerProfilePage.objects.live(), user).order_by("title"),
        ),
        Prefetch(
            "masterclasses",
            queryset=pages_visible_to(MasterclassPage.objects.live(), user).order_by("starts_at"),
        ),
        Prefetch(
            "circles",
            queryset=pages_visible_to(LearningCirclePage.objects.live(), user).order_by("title"),
        ),
    ]


def actions_of(*, route: Route, user) -> list[Action]:
    """The route's actions by start date, with opportunity and visible links (8 queries)."""
    if route.pk is None:
        return []
    return list(
        Action.objects.filter(route=route)
        .select_related("opportunity")
        .prefetch_related(*_link_prefetches(user))
        .order_by("starts_on", "title", "pk")
    )


def region_of(organisation: Organisation) -> Organisation | None:
    """The region is a province with its municipalities (and others that lie in it)."""
    if organisation.kind == OrganisationKind.PROVINCIE:
        return organisation
    return organisation.province


def region_actions(*, province_id: int, user, exclude_route_id: int | None = None) -> list[Action]:
    """Actions shared in the region of ``province_id`` by the province and the organisations
    in it, with their organisation and visible links; fixed queries."""
    actions = (
        Action.objects.filter(shared_in_region=True)
        .filter(
            Q(route__organisation_id=province_id) | Q(route__organisation__province_id=province_id)
        )
        .select_related("route__organisation", "opportunity")
        .prefetch_related(*_link_prefetches(user))
        .order_by("starts_on", "route__organisation__name", "pk")
    )
    if exclude_route_id is not None:
        actions = actions.exclude(route_id=exclude_route_id)
    return list(actions)


# --- Choices for the action form ---------------------------------------------------------


@dataclass
class LinkChoices:
    """What an action can link to, as (id, label) pairs the person may see."""

    policy_goals: list = field(default_factory=list)
    guide_steps: list = field(default_factory=list)
    practice_examples: list = field(default_factory=list)
    profiles: list = field(default_factory=list)
    masterclasses: list = field(default_factory=list)
    circles: list = field(default_factory=list)


def link_choices(*, user) -> LinkChoices:
    """Policy goals, guide steps, practice examples, pioneers, upcoming masterclasses and
    circles with an upcoming meeting: live pages ``user`` may see (six queries)."""
    now = timezone.now()

    def pages(queryset):
        return [
            (page.pk, page.title)
            for page in pages_visible_to(queryset, user).only("pk", "title", "path")
        ]

    masterclasses = [
        (page.pk, f"{page.title} ({timezone.localtime(page.starts_at):%d-%m-%Y})")
        for page in pages_visible_to(
            MasterclassPage.objects.live().filter(starts_at__gte=now, cancelled=False), user
        ).order_by("starts_at")
    ]
    return LinkChoices(
        policy_goals=[(goal.pk, goal.title) for goal in PolicyGoal.objects.all()],
        guide_steps=pages(GuideStepPage.objects.live().order_by("path")),
        practice_examples=pages(
            KnowledgePage.objects.live().filter(kind=ArticleKind.PRACTICE).order_by("title")
        ),
        profiles=pages(PioneerProfilePage.objects.live().order_by("title")),
        masterclasses=masterclasses,
        circles=pages(
            LearningCirclePage.objects.live()
            .filter(meetings__starts_at__gte=now, meetings__cancelled=False)
            .distinct()
            .order_by("title")
        ),
    )


# --- Coordinators ------------------------------------------------------------------------


def routes_overview():
    """Every route with its organisation and counts, by organisation name (one query)."""
    return (
        Route.objects.select_related("organisation", "organisation__province")
        .annotate(
            opportunity_count=Count("opportunities", distinct=True),
            action_count=Count("actions", distinct=True),
        )
        .order_by("organisation__name")
    )


def monitor_theme_label(key: str) -> str:
    return str(dict(MonitorTheme.choices).get(key, key))
