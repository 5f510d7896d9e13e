"""The knowledge base of the demo: themes, the guide, goals, the directory, questions."""

import pytest

from learning.knowledge.models import (
    CoreTaskPage,
    GuideStepPage,
    Initiative,
    KnowledgeIndexPage,
    KnowledgePage,
    PolicyGoal,
    QuestionPage,
    ThemePage,
    Visibility,
)

pytestmark = pytest.mark.django_db


def test_the_demo_knowledge_base(demo_database, client):
    # A second run doubles nothing: tests/home/test_pages.py::test_load_demo_twice_changes_nothing.
    index = KnowledgeIndexPage.objects.get()
    assert index.show_in_menus
    assert ThemePage.objects.count() == 7
    assert GuideStepPage.objects.count() == 9
    # Twelve public articles; the masterclass demo adds a report shared with its participants.
    assert KnowledgePage.objects.filter(visibility=Visibility.PUBLIC).count() == 12
    assert KnowledgePage.objects.filter(visibility=Visibility.PARTICIPANTS).count() == 1
    assert PolicyGoal.objects.count() >= 8
    # Twenty made-up examples and the real organisations and initiatives of the demo CSV.
    assert Initiative.objects.count() >= 170
    for network in (
        "Cirkelregio Utrecht",
        "Circulair Friesland",
        "CIRCLES",
        "Servicepunt Circulair",
        "Versnellingshuis Circulaire Economie",
        "Cirkelstad",
    ):
        assert Initiative.objects.filter(name=network).exists(), network
    assert Initiative.objects.filter(core_tasks__isnull=False).distinct().count() >= 150
    assert CoreTaskPage.objects.live().count() == 8
    assert all(page.tips for page in CoreTaskPage.objects.all())
    assert QuestionPage.objects.live().exclude(answer="").count() >= 10
    assert QuestionPage.objects.live().filter(answer="").count() == 2
    for title in (
        "De helft secundaire bouwmaterialen in 2030",
        "Tien procent biobased bouwmaterialen in 2030",
        "Losmaakbaar en herbruikbaar bouwen in 2040",
        "75% afvalscheiding en 100 kilo restafval per inwoner",
    ):
        goal = PolicyGoal.objects.get(title=title)
        assert goal.core_tasks.exists() and goal.themes.exists()
    assert all(step.actions and step.examples for step in GuideStepPage.objects.all())
    goal = PolicyGoal.objects.get(title="Helft minder primaire grondstoffen in 2030")
    assert goal.target_year == 2030 and goal.themes.exists()
    response = client.get(ThemePage.objects.get(slug="circulair-inkopen").url)
    assert response.status_code == 200
    assert "De helft van de inkoop circulair" in response.content.decode()
