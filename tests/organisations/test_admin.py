import pytest
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def test_editors_list_and_search_organisations(editor_client):
    url = reverse("wagtailsnippets_organisations_organisation:list")
    response = editor_client.get(url, {"q": "Zwolle"})
    assert response.status_code == 200
    content = response.content.decode()
    assert "Zwolle" in content
    assert "Apeldoorn" not in content


def test_editors_filter_by_kind_and_province(editor_client):
    from learning.organisations.models import Organisation

    gelderland = Organisation.objects.get(cbs_code="PV25")
    url = reverse("wagtailsnippets_organisations_organisation:list")
    response = editor_client.get(url, {"kind": "gemeente", "province": gelderland.pk})
    content = response.content.decode()
    assert response.status_code == 200
    assert "Apeldoorn" in content
    assert "Zwolle" not in content  # Overijssel


def test_organisations_export_as_csv(editor_client):
    url = reverse("wagtailsnippets_organisations_organisation:list")
    response = editor_client.get(url, {"export": "csv", "kind": "waterschap"})
    assert response.status_code == 200
    body = b"".join(response.streaming_content).decode()
    assert body.count("\n") == 22  # header + 21 water boards
