import json

import pytest
from django.urls import reverse

from learning.accounts.models import JobRole, User
from learning.organisations.models import Organisation, OrganisationDomain

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("name", ["accounts:profile", "accounts:export_data", "accounts:delete"])
def test_account_pages_require_login(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_profile_edit(logged_in_client, user):
    zwolle = Organisation.objects.get(cbs_code="GM0193")
    OrganisationDomain.objects.create(organisation=zwolle, domain="gemeente.example")
    response = logged_in_client.post(
        reverse("accounts:profile"),
        {
            "full_name": "Eva de Boer",
            "organisation": zwolle.pk,
            "job_role": JobRole.UITVOERING,
            "job_title": "Inkoper",
        },
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.organisation == zwolle
    assert user.job_title == "Inkoper"


def test_profile_edit_without_organisation_is_refused_in_dutch(logged_in_client, user):
    before = user.organisation
    response = logged_in_client.post(
        reverse("accounts:profile"),
        {"full_name": "Eva de Boer", "organisation": "", "job_role": JobRole.BELEID},
    )
    assert response.status_code == 400
    assert "Kies de organisatie waar u werkt." in response.content.decode()
    user.refresh_from_db()
    assert user.organisation == before


def test_profile_groups_organisations_by_kind(logged_in_client):
    content = logged_in_client.get(reverse("accounts:profile")).content.decode()
    assert '<optgroup label="Gemeenten">' in content
    assert '<optgroup label="Waterschappen">' in content


def test_export_downloads_json(logged_in_client, user):
    response = logged_in_client.post(reverse("accounts:export_data"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["data"]["account"]["email"] == user.email


def test_delete_needs_the_password_and_the_checkbox(logged_in_client, user):
    url = reverse("accounts:delete")
    response = logged_in_client.post(url, {"password": "fout", "confirm": "on"})
    assert response.status_code == 400
    assert "Dit wachtwoord klopt niet" in response.content.decode()
    response = logged_in_client.post(url, {"password": "een-goed-wachtwoord-42"})
    assert response.status_code == 400
    assert "Vink aan dat u begrijpt" in response.content.decode()
    assert User.objects.filter(pk=user.pk).exists()


def test_delete_removes_the_account_and_logs_out(logged_in_client, user, password):
    response = logged_in_client.post(
        reverse("accounts:delete"), {"password": password, "confirm": "on"}
    )
    assert response.status_code == 302
    assert not User.objects.filter(pk=user.pk).exists()
    assert "_auth_user_id" not in logged_in_client.session


def test_export_page_lists_every_registered_kind_of_data(logged_in_client):
    content = logged_in_client.get(reverse("accounts:export_data")).content.decode()
    assert "E-mailadressen" in content
    assert "Uw e-mailadressen en of ze bevestigd zijn." in content


@pytest.mark.parametrize("name", ["accounts:profile", "accounts:delete"])
def test_an_empty_post_is_a_400_with_messages_and_changes_nothing(logged_in_client, user, name):
    before = (user.full_name, user.organisation_id)
    response = logged_in_client.post(reverse(name), {})
    assert response.status_code == 400
    assert "Er is een probleem" in response.content.decode()  # the error summary
    user.refresh_from_db()
    assert (user.full_name, user.organisation_id) == before


def test_profile_change_to_another_organisation_needs_an_explanation(logged_in_client, user):
    from learning.accounts.models import OrganisationClaim

    before = user.organisation
    epe = Organisation.objects.get(cbs_code="GM0232")
    data = {"full_name": "Eva de Boer", "organisation": epe.pk, "job_role": JobRole.BELEID}
    response = logged_in_client.post(reverse("accounts:profile"), data)
    assert response.status_code == 400
    assert "Leg in de toelichting uit" in response.content.decode()
    user.refresh_from_db()
    assert user.organisation == before
    assert not OrganisationClaim.objects.exists()

    data["explanation"] = "Gedetacheerd bij Epe."
    response = logged_in_client.post(reverse("accounts:profile"), data)
    assert response.status_code == 302
    page = logged_in_client.get(reverse("accounts:profile")).content.decode()
    assert "Epe: in behandeling sinds" in page
    user.refresh_from_db()
    assert user.organisation is None
