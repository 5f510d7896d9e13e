import pytest
from django.urls import reverse

from tests.factories import UserFactory
from tests.spreadsheets import FORMULAS, assert_formulas_neutralised

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def test_an_organisation_people_belong_to_cannot_be_deleted_and_says_why(editor_client):
    from learning.organisations.models import Organisation

    zwolle = Organisation.objects.get(kind="gemeente", name="Zwolle")
    UserFactory(organisation=zwolle)
    url = reverse("wagtailsnippets_organisations_organisation:delete", args=[zwolle.pk])
    response = editor_client.post(url)
    assert response.status_code == 409
    assert "kan niet worden verwijderd" in response.content.decode()
    assert Organisation.objects.filter(pk=zwolle.pk).exists()


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


def test_a_province_with_organisations_cannot_become_something_else(editor_client):
    from learning.organisations.models import Organisation

    gelderland = Organisation.objects.get(cbs_code="PV25")
    url = reverse("wagtailsnippets_organisations_organisation:edit", args=[gelderland.pk])
    data = {"kind": "gemeente", "name": "Gelderland", "cbs_code": "PV25", "is_active": "on"}
    response = editor_client.post(url, data)
    assert response.status_code == 200  # Wagtail shows the form again with the error
    assert "Er liggen nog organisaties in deze provincie." in response.content.decode()
    gelderland.refresh_from_db()
    assert gelderland.kind == "provincie"


def test_a_tampered_province_is_a_form_error(editor_client):
    url = reverse("wagtailsnippets_organisations_organisation:add")
    for tampered in ("abc", "999999", str(10**12)):
        data = {"kind": "gemeente", "name": "Nieuwegein-Noord", "province": tampered}
        response = editor_client.post(url, data)
        assert response.status_code == 200  # the form again, with the error
        assert "Selecteer een geldige keuze" in response.content.decode()


def test_csv_export_neutralises_formulas(editor_client):
    from learning.organisations.models import Organisation

    for formula in FORMULAS:
        Organisation.objects.create(kind="overig", name=formula)
    url = reverse("wagtailsnippets_organisations_organisation:list")
    assert_formulas_neutralised(editor_client.get(url, {"export": "csv"}))
