"""Reads for the monitor: rounds, responses, results with peer figures, advice, participation.

Every function runs a fixed number of queries, however many responses there are.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.apps import apps
from django.db.models import Count, Prefetch, Q, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from learning.core.visibility import pages_visible_to
from learning.organisations.models import Organisation, OrganisationKind

from .aggregates import ALL, PROVINCE, Distribution, distributions
from .models import (
    MAX_EDITORS,
    MIN_GROUP_SIZE,
    Answer,
    Level,
    MonitorTheme,
    Question,
    Response,
    ResponseChange,
    ResponseStatus,
    Round,
)

# How many of the weakest themes get advice, and how many links per kind of content.
ADVICE_THEMES = 2
ADVICE_LINKS = 3
# Themes scoring at or above this get no advice.
ADVICE_BELOW = 3.0


def response_editor_seat_for(*, user_id: int, editor_ids) -> bool:
    """The three-editor rule: ``user_id`` may work on the response when they already are one
    of its editors, or when fewer than ``MAX_EDITORS`` colleagues are."""
    editor_ids = list(editor_ids)
    return user_id in editor_ids or len(editor_ids) < MAX_EDITORS


def rounds_all() -> list[Round]:
    return list(Round.objects.select_related("questionnaire").order_by("-year", "-opens_on"))


def round_get(round_id: int) -> Round | None:
    return Round.objects.select_related("questionnaire").filter(pk=round_id).first()


def responses_of_organisation(*, organisation_id: int) -> dict[int, Response]:
    """Round id → the organisation's response (one query)."""
    return {
        response.round_id: response
        for response in Response.objects.filter(organisation_id=organisation_id)
    }


def questions_of(round: Round) -> list[Question]:
    return list(
        Question.objects.filter(questionnaire_id=round.questionnaire_id).order_by(
            "sort_order", "pk"
        )
    )


def response_detail(*, response_id: int) -> Response | None:
    return (
        Response.objects.select_related(
            "round", "round__questionnaire", "organisation", "updated_by", "submitted_by"
        )
        .filter(pk=response_id)
        .first()
    )


def response_answers(*, response: Response) -> dict[int, Answer]:
    return {answer.question_id: answer for answer in response.answers.all()}


def response_editors(*, response: Response) -> list:
    return [row.user for row in response.editor_rows.select_related("user")]


def response_changes(*, response: Response, limit: int = 50) -> list[ResponseChange]:
    """The newest entries of the change log first."""
    return list(
        ResponseChange.objects.filter(response=response)
        .select_related("actor")
        .order_by("-created_at", "-pk")[:limit]
    )


# --- Results -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Comparison:
    """A comparison group's figures, or None-valued when the group is too small to show."""

    label: str
    distribution: Distribution | None

    @property
    def shown(self) -> bool:
        return self.distribution is not None


@dataclass
class ResultRow:
    dimension: str  # "total", "level" or "theme"
    key: str
    label: str
    own: float | None
    comparisons: list[Comparison] = field(default_factory=list)

    @property
    def main(self) -> Comparison | None:
        return self.comparisons[0] if self.comparisons else None


@dataclass
class TrendPoint:
    round: Round
    own: float | None
    peers: Distribution | None


@dataclass
class Results:
    round: Round | None
    response: Response | None
    rows: list[ResultRow]
    trend: list[TrendPoint]
    rounds_with_results: list[Round]
    province: Organisation | None


def _shown(distribution: Distribution | None) -> Distribution | None:
    """Privacy: a group with fewer than MIN_GROUP_SIZE responses shows no figures at all."""
    if distribution is None or distribution.count < MIN_GROUP_SIZE:
        return None
    return distribution


def own_scores(*, organisation_id: int, round_ids: list[int]) -> dict[tuple[int, str, str], float]:
    """(round id, dimension, key) → the organisation's mean score of its submitted responses.

    One query: sums and counts per round, level and theme in the database, combined here.
    """
    rows = (
        Answer.objects.filter(
            response__organisation_id=organisation_id,
            response__round_id__in=round_ids,
            response__status=ResponseStatus.SUBMITTED,
            score__isnull=False,
        )
        .values("response__round_id", "question__level", "question__theme")
        .annotate(total=Sum("score"), count=Count("pk"))
        .order_by()
    )
    sums: dict[tuple[int, str, str], list[int]] = defaultdict(lambda: [0, 0])
    for row in rows:
        round_id = row["response__round_id"]
        for key in (
            (round_id, "level", row["question__level"]),
            (round_id, "theme", row["question__theme"]),
            (round_id, "total", ""),
        ):
            sums[key][0] += row["total"]
            sums[key][1] += row["count"]
    return {key: total / count for key, (total, count) in sums.items() if count}


def results_for(*, organisation: Organisation, round_id: int | None = None) -> Results:
    """The organisation's results in a round (default: its latest submitted one), with peers.

    Peers are the submitted responses of the round: all of them, and those in the
    organisation's province. A group with fewer than MIN_GROUP_SIZE responses gets no
    figures. Other organisations are never named. Five queries, whatever the numbers.
    """
    rounds = list(Round.objects.select_related("questionnaire").order_by("year", "opens_on"))
    responses = responses_of_organisation(organisation_id=organisation.pk)
    submitted = [r for r in rounds if r.pk in responses and responses[r.pk].is_submitted]
    province_id = (
        organisation.pk if organisation.kind == OrganisationKind.PROVINCIE else None
    ) or organisation.province_id
    province = None
    if province_id:
        province = Organisation.objects.filter(pk=province_id).first()
    chosen = None
    if round_id is not None:
        chosen = next((r for r in submitted if r.pk == round_id), None)
    elif submitted:
        chosen = submitted[-1]
    if chosen is None:
        return Results(None, None, [], [], submitted, province)

    round_ids = [r.pk for r in submitted]
    figures = distributions(round_ids=round_ids, province_id=province_id)
    own = own_scores(organisation_id=organisation.pk, round_ids=round_ids)
    # Which levels and themes the chosen round's questionnaire asks about, in order.
    present = list(
        Question.objects.filter(questionnaire_id=chosen.questionnaire_id).values_list(
            "level", "theme"
        )
    )
    levels = {level for level, _theme in present}
    themes = {theme for _level, theme in present}

    def comparisons(dimension: str, key: str) -> list[Comparison]:
        found = [
            Comparison(
                label=_group_label(ALL),
                distribution=_shown(figures.get((ALL, chosen.pk, dimension, key))),
            )
        ]
        if province is not None:
            found.append(
                Comparison(
                    label=_group_label(PROVINCE, province),
                    distribution=_shown(figures.get((PROVINCE, chosen.pk, dimension, key))),
                )
            )
        return found

    rows = [
        ResultRow(
            "total",
            "",
            str(_("Totaal")),
            own.get((chosen.pk, "total", "")),
            comparisons("total", ""),
        )
    ]
    for value, label in Level.choices:
        if value in levels:
            rows.append(
                ResultRow(
                    "level",
                    value,
                    str(label),
                    own.get((chosen.pk, "level", value)),
                    comparisons("level", value),
                )
            )
    for value, label in MonitorTheme.choices:
        if value in themes:
            rows.append(
                ResultRow(
                    "theme",
                    value,
                    str(label),
                    own.get((chosen.pk, "theme", value)),
                    comparisons("theme", value),
                )
            )
    trend = [
        TrendPoint(
            round=r,
            own=own.get((r.pk, "total", "")),
            peers=_shown(figures.get((ALL, r.pk, "total", ""))),
        )
        for r in submitted
    ]
    return Results(chosen, responses[chosen.pk], rows, trend, submitted, province)


def _group_label(group: str, province: Organisation | None = None) -> str:
    if group == PROVINCE and province is not None:
        return _("Deelnemers in %(province)s") % {"province": province.name}
    return _("Alle deelnemers")


# --- Advice ------------------------------------------------------------------------------


@dataclass
class AdviceItem:
    theme_key: str
    theme_label: str
    score: float
    knowledge: list = field(default_factory=list)
    profiles: list = field(default_factory=list)
    masterclasses: list = field(default_factory=list)

    @property
    def has_links(self) -> bool:
        return bool(self.knowledge or self.profiles or self.masterclasses)


def _page_model(label: str):
    """A page model of another app, or None while that app (or model) is not there."""
    app_label, model_name = label.split(".")
    if not apps.is_installed(f"learning.{app_label}"):
        return None
    try:
        return apps.get_model(app_label, model_name)
    except LookupError:
        return None


def advice_for(*, results: Results, user) -> list[AdviceItem]:
    """For the organisation's weakest themes: knowledge, pioneers and upcoming masterclasses.

    Themes scoring below ADVICE_BELOW, lowest first, at most ADVICE_THEMES. A theme's links
    are the live pages the user may see, tagged with the core themes the editors linked to
    that theme's questions. Constant queries: one for the links, then per kind of content
    one for the pages and one for their themes.
    """
    if results.round is None:
        return []
    weakest = sorted(
        (row for row in results.rows if row.dimension == "theme" and row.own is not None),
        key=lambda row: (row.own, row.label),
    )
    weakest = [row for row in weakest if row.own < ADVICE_BELOW][:ADVICE_THEMES]
    if not weakest:
        return []
    links = Question.objects.filter(
        questionnaire_id=results.round.questionnaire_id,
        theme__in=[row.key for row in weakest],
        advice_theme__isnull=False,
    ).values_list("theme", "advice_theme_id")
    core_by_theme: dict[str, set[int]] = defaultdict(set)
    for theme, core_id in links:
        core_by_theme[theme].add(core_id)
    items = [AdviceItem(row.key, row.label, row.own) for row in weakest]
    core_ids = set().union(*core_by_theme.values()) if core_by_theme else set()
    if not core_ids:
        return items
    now = timezone.now()
    kinds = [
        ("knowledge", "knowledge.KnowledgePage", {}, ["-first_published_at"]),
        ("profiles", "profiles.PioneerProfilePage", {}, ["title"]),
        (
            "masterclasses",
            "masterclasses.MasterclassPage",
            {"starts_at__gte": now, "cancelled": False},
            ["starts_at"],
        ),
    ]
    for attribute, label, filters, ordering in kinds:
        model = _page_model(label)
        if model is None:
            continue
        pages = (
            model.objects.live()
            .filter(themes__in=core_ids, **filters)
            .distinct()
            .order_by(*ordering)
            .prefetch_related("themes")
        )
        pages = list(pages_visible_to(pages, user)[: ADVICE_LINKS * ADVICE_THEMES * 3])
        for item in items:
            wanted = core_by_theme.get(item.theme_key, set())
            matching = [
                page for page in pages if wanted & {theme.pk for theme in page.themes.all()}
            ]
            setattr(item, attribute, matching[:ADVICE_LINKS])
    return items


# --- Coordinators ------------------------------------------------------------------------


@dataclass(frozen=True)
class ProvinceParticipation:
    province: Organisation
    municipalities: int
    participating: int
    submitted: int

    @property
    def percentage(self) -> int:
        if not self.municipalities:
            return 0
        return round(100 * self.submitted / self.municipalities)


def participation_per_province(*, round: Round) -> list[ProvinceParticipation]:
    """Per province: its municipalities, how many started and how many submitted (one query)."""
    municipality = Q(members__kind=OrganisationKind.GEMEENTE, members__is_active=True)
    in_round = Q(members__kind=OrganisationKind.GEMEENTE, members__monitor_responses__round=round)
    provinces = (
        Organisation.objects.filter(kind=OrganisationKind.PROVINCIE)
        .annotate(
            municipality_count=Count("members", filter=municipality, distinct=True),
            participating=Count("members__monitor_responses", filter=in_round, distinct=True),
            submitted=Count(
                "members__monitor_responses",
                filter=in_round & Q(members__monitor_responses__status=ResponseStatus.SUBMITTED),
                distinct=True,
            ),
        )
        .order_by("name")
    )
    return [
        ProvinceParticipation(p, p.municipality_count, p.participating, p.submitted)
        for p in provinces
    ]


def responses_for_coordinators() -> QuerySet[Response]:
    return Response.objects.select_related(
        "round", "organisation", "organisation__province", "updated_by", "submitted_by"
    ).prefetch_related(Prefetch("answers", queryset=Answer.objects.select_related("question")))


# --- Home page -------------------------------------------------------------------------------


@dataclass(frozen=True)
class MonitorTask:
    """An open round and how far the person's organisation is with it."""

    round: Round
    started: bool
    submitted: bool


def rounds_open() -> list[Round]:
    """The rounds that can be filled in today (Amsterdam), the first to close first."""
    today = timezone.localdate()
    return list(
        Round.objects.filter(opens_on__lte=today, closes_on__gte=today).order_by("closes_on", "pk")
    )


def monitor_tasks_for(*, user) -> list[MonitorTask]:
    """The rounds open today, each with the state of the organisation's response; empty for
    someone without an organisation (two queries)."""
    if not user.organisation_id:
        return []
    today = timezone.localdate()
    rounds = list(
        Round.objects.filter(opens_on__lte=today, closes_on__gte=today).order_by("closes_on")
    )
    if not rounds:
        return []
    states = dict(
        Response.objects.filter(organisation_id=user.organisation_id, round__in=rounds).values_list(
            "round_id", "status"
        )
    )
    return [
        MonitorTask(
            round=round_,
            started=round_.pk in states,
            submitted=states.get(round_.pk) == ResponseStatus.SUBMITTED,
        )
        for round_ in rounds
    ]


def weakest_theme_ids(*, organisation_id: int | None) -> list[int]:
    """The core themes (``Question.advice_theme``) of the organisation's weakest monitor themes
    in its latest submitted round, weakest first, as ``advice_for`` chooses them; empty
    without an organisation or a submitted response (three queries)."""
    if not organisation_id:
        return []
    latest = (
        Response.objects.filter(organisation_id=organisation_id, status=ResponseStatus.SUBMITTED)
        .order_by("-round__year", "-round__opens_on", "-pk")
        .values_list("round_id", "round__questionnaire_id")
        .first()
    )
    if latest is None:
        return []
    round_id, questionnaire_id = latest
    scores = own_scores(organisation_id=organisation_id, round_ids=[round_id])
    weakest = sorted(
        (score, key)
        for (found_round, dimension, key), score in scores.items()
        if found_round == round_id and dimension == "theme" and score < ADVICE_BELOW
    )[:ADVICE_THEMES]
    if not weakest:
        return []
    order = {key: position for position, (_score, key) in enumerate(weakest)}
    links = Question.objects.filter(
        questionnaire_id=questionnaire_id, theme__in=order, advice_theme__isnull=False
    ).values_list("theme", "advice_theme_id")
    ids: list[int] = []
    for _theme, theme_id in sorted(links, key=lambda link: (order[link[0]], link[1])):
        if theme_id not in ids:
            ids.append(theme_id)
    return ids
