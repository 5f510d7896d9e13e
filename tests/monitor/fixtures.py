"""Monitor fixtures: the monitor page, a questionnaire with rounds, and responses in bulk."""

from datetime import date, timedelta

import pytest
from django.utils import timezone
from wagtail.models import Site

from learning.monitor.models import (
    Answer,
    Level,
    MonitorPage,
    MonitorTheme,
    Question,
    Questionnaire,
    Response,
    ResponseStatus,
    Round,
)
from learning.organisations.models import Organisation
from tests.base_tree import BaseTree, base_page

QUESTIONS = [
    (
        Level.STRATEGIC,
        MonitorTheme.BELEID,
        "Heeft uw organisatie circulair inkopen in beleid vastgelegd?",
    ),
    (
        Level.STRATEGIC,
        MonitorTheme.COMMUNICATIE,
        "Communiceert u intern en extern over de ambitie?",
    ),
    (
        Level.OPERATIONAL,
        MonitorTheme.BOUW,
        "Vraagt u bij bouwprojecten circulaire oplossingen uit?",
    ),
    (Level.OPERATIONAL, MonitorTheme.ICT, "Koopt u ICT in met aandacht voor hergebruik?"),
]


@base_page("monitor_page")
def build_monitor_page(home):
    page = MonitorPage(
        title="Monitor circulair inkopen", slug="monitor", intro="Waar staat uw organisatie?"
    )
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def monitor_page(base_tree):
    home = Site.objects.get(is_default_site=True).root_page.specific
    return BaseTree.page("monitor_page") or build_monitor_page(home)


@pytest.fixture
def make_questionnaire():
    def _make(questions=QUESTIONS, **fields):
        questionnaire = Questionnaire.objects.create(
            title=fields.pop("title", "Monitor circulair inkopen"), **fields
        )
        for order, (level, theme, text) in enumerate(questions):
            Question.objects.create(
                questionnaire=questionnaire, sort_order=order, level=level, theme=theme, text=text
            )
        return questionnaire

    return _make


@pytest.fixture
def questionnaire(make_questionnaire):
    return make_questionnaire()


@pytest.fixture
def make_round(questionnaire):
    def _make(year=None, open_now=True, **fields):
        today = timezone.localdate()
        year = year or today.year
        if open_now:
            opens, closes = today - timedelta(days=10), today + timedelta(days=30)
        else:
            opens, closes = date(year, 3, 1), date(year, 6, 30)
        return Round.objects.create(
            title=fields.pop("title", f"Monitor {year}"),
            year=year,
            questionnaire=fields.pop("questionnaire", questionnaire),
            opens_on=fields.pop("opens_on", opens),
            closes_on=fields.pop("closes_on", closes),
            **fields,
        )

    return _make


@pytest.fixture
def open_round(make_round):
    return make_round()


def municipalities(count: int, province: str | None = None) -> list[Organisation]:
    queryset = Organisation.objects.filter(kind="gemeente").order_by("cbs_code")
    if province:
        queryset = queryset.filter(province__name=province)
    return list(queryset[:count])


def submit_responses(round: Round, scores_per_organisation: dict) -> list[Response]:
    """Bulk: a submitted response per organisation with the given score per question."""
    questions = list(round.questionnaire.questions.order_by("sort_order"))
    responses = Response.objects.bulk_create(
        [
            Response(
                round=round,
                organisation=organisation,
                status=ResponseStatus.SUBMITTED,
                submitted_at=timezone.now(),
                version=1,
            )
            for organisation in scores_per_organisation
        ]
    )
    Answer.objects.bulk_create(
        [
            Answer(response=response, question=question, score=score)
            for response, scores in zip(responses, scores_per_organisation.values(), strict=True)
            for question, score in zip(questions, scores, strict=False)
        ]
    )
    return responses
