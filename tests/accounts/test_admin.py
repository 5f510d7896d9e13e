import pytest
from django.urls import reverse
from django.utils.html import escape

from learning.accounts.models import JobRole, User
from learning.organisations.models import Organisation
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def test_admin_user_list_shows_full_names(admin_client, user):
    response = admin_client.get(reverse("wagtailusers_users:index"))
    assert response.status_code == 200
    assert escape(user.full_name) in response.content.decode()


def test_admin_creates_a_user_with_organisation_and_role(admin_client):
    apeldoorn = Organisation.objects.get(cbs_code="GM0200")
    response = admin_client.post(
        reverse("wagtailusers_users:add"),
        {
            "email": "nieuw@apeldoorn.example",
            "full_name": "Sara Koster",
            "organisation": apeldoorn.pk,
            "job_role": JobRole.BELEID,
            "password1": "een-sterk-wachtwoord-9",
            "password2": "een-sterk-wachtwoord-9",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    user = User.objects.get(email="nieuw@apeldoorn.example")
    assert (user.full_name, user.organisation, user.job_role) == (
        "Sara Koster",
        apeldoorn,
        JobRole.BELEID,
    )


def test_admin_edit_form_renders_our_fields(admin_client, user):
    response = admin_client.get(reverse("wagtailusers_users:edit", args=[user.pk]))
    assert response.status_code == 200
    content = response.content.decode()
    assert 'name="full_name"' in content
    assert 'name="organisation"' in content
    assert 'name="first_name"' not in content


def test_an_organisation_set_in_the_user_admin_is_an_approved_claim_by_the_admin(admin_client):
    from learning.accounts.models import OrganisationClaim

    apeldoorn = Organisation.objects.get(cbs_code="GM0200")
    person = UserFactory(organisation=None)
    data = {
        "email": person.email,
        "full_name": person.full_name,
        "organisation": apeldoorn.pk,
        "job_role": JobRole.BELEID,
        "is_active": "on",
    }
    response = admin_client.post(reverse("wagtailusers_users:edit", args=[person.pk]), data)
    assert response.status_code == 302, response.context["form"].errors
    person.refresh_from_db()
    assert person.organisation == apeldoorn
    claim = OrganisationClaim.objects.get(user=person)
    assert (claim.state, claim.decided_by.is_superuser) == ("approved", True)
    assert claim.log_entries.filter(action="approve").exists()


def test_an_administrator_cannot_set_their_own_organisation(client):
    admin = UserFactory(is_staff=True, is_superuser=True, organisation=None)
    client.force_login(admin)
    apeldoorn = Organisation.objects.get(cbs_code="GM0200")
    data = {
        "email": admin.email,
        "full_name": admin.full_name,
        "organisation": apeldoorn.pk,
        "job_role": JobRole.BELEID,
        "is_active": "on",
        "is_superuser": "on",
    }
    response = client.post(reverse("wagtailusers_users:edit", args=[admin.pk]), data)
    assert response.status_code == 200
    assert "eigen aanvraag" in response.content.decode()
    admin.refresh_from_db()
    assert admin.organisation is None
