"""The knowledge base in the Wagtail admin: page forms with visibility, snippets with filters."""

import pytest

from learning.knowledge.models import Initiative, InitiativeKind, PolicyGoal
from tests.factories import UserFactory
from tests.spreadsheets import FORMULAS, assert_formulas_neutralised

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def test_page_forms_render(admin_client, knowledge_index, make_article, guide, make_step):
    article = make_article()
    step = make_step()
    for model in ("knowledgepage", "themepage", "guidepage", "directorypage"):
        url = f"/admin/pages/add/knowledge/{model}/{knowledge_index.pk}/"
        assert admin_client.get(url).status_code == 200, model
    for page in (article, step, guide, knowledge_index):
        response = admin_client.get(f"/admin/pages/{page.pk}/edit/")
        assert response.status_code == 200
    content = admin_client.get(f"/admin/pages/{article.pk}/edit/").content.decode()
    assert "Zichtbaarheid" in content and "gedeeld met deelnemers van" in content.lower()


def test_snippets_list_filter_and_export(admin_client, bouw):
    goal = PolicyGoal.objects.create(title="Helft minder grondstoffen", goal_text="x", source="y")
    goal.themes.set([bouw])
    goal.save()
    Initiative.objects.create(name="Betonketen Oost", kind=InitiativeKind.COMPANY, description="x")
    response = admin_client.get("/admin/snippets/knowledge/policygoal/")
    assert response.status_code == 200 and "Helft minder grondstoffen" in response.content.decode()
    response = admin_client.get("/admin/snippets/knowledge/initiative/", {"kind": "bedrijf"})
    assert response.status_code == 200 and "Betonketen Oost" in response.content.decode()
    response = admin_client.get("/admin/snippets/knowledge/initiative/", {"export": "csv"})
    assert response.status_code == 200
    assert "Betonketen Oost" in b"".join(response.streaming_content).decode()


@pytest.mark.parametrize("model", ["policygoal", "initiative"])
def test_snippet_csv_exports_neutralise_formulas(admin_client, model):
    for formula in FORMULAS:
        if model == "policygoal":
            PolicyGoal.objects.create(title=formula, goal_text="+31", source="@bron")
        else:
            Initiative.objects.create(name=formula, kind=InitiativeKind.COMPANY, description="-x")
    response = admin_client.get(f"/admin/snippets/knowledge/{model}/", {"export": "csv"})
    assert_formulas_neutralised(response)
