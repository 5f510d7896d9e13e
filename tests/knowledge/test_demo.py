"""The knowledge base demo loads, twice, without duplicates."""

import pytest

from learning.knowledge import demo
from learning.knowledge.models import (
    GuideStepPage,
    Initiative,
    KnowledgeIndexPage,
    KnowledgePage,
    PolicyGoal,
    ThemePage,
)

pytestmark = pytest.mark.django_db


def test_demo_is_idempotent(client):
    demo.load()
    demo.load()
    index = KnowledgeIndexPage.objects.get()
    assert index.show_in_menus
    assert ThemePage.objects.count() == 7
    assert GuideStepPage.objects.count() == 9
    assert KnowledgePage.objects.count() == 12
    assert PolicyGoal.objects.count() >= 8
    assert Initiative.objects.count() == 20
    assert all(step.actions and step.examples for step in GuideStepPage.objects.all())
    goal = PolicyGoal.objects.get(title="Helft minder primaire grondstoffen in 2030")
    assert goal.target_year == 2030 and goal.themes.exists()
    response = client.get(ThemePage.objects.get(slug="circulair-inkopen").url)
    assert response.status_code == 200
    assert "De helft van de inkoop circulair" in response.content.decode()
