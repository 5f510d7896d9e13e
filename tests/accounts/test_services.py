import json

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group

from learning.accounts.models import JobRole, User
from learning.accounts.services import (
    AccountError,
    user_delete,
    user_export_data,
    user_update_profile,
)
from learning.core import personal_data
from learning.organisations.models import Organisation, OrganisationDomain
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_export_holds_everything_stored_about_the_person(user):
    user.groups.add(Group.objects.get(name="Editors"))
    data = user_export_data(user=user)
    json.dumps(data)  # must be serialisable as it is
    account = data["data"]["account"]
    assert account["email"] == user.email
    assert account["full_name"] == user.full_name
    assert account["organisation"]["cbs_code"] == user.organisation.cbs_code
    assert account["groups"] == ["Editors"]
    assert data["data"]["email_addresses"] == [
        {"email": user.email, "verified": True, "primary": True}
    ]


def test_export_includes_every_registered_provider(user):
    personal_data.register("test_extra", label="Extra", export=lambda u: {"id": u.pk})
    try:
        assert user_export_data(user=user)["data"]["test_extra"] == {"id": user.pk}
    finally:
        personal_data._providers.pop("test_extra")


def test_delete_removes_the_account_and_its_addresses(user):
    user_id = user.pk
    user_delete(user=user)
    assert not User.objects.filter(pk=user_id).exists()
    assert not EmailAddress.objects.filter(user_id=user_id).exists()


def test_delete_lets_providers_anonymise_first(user):
    seen = []
    personal_data.register(
        "test_registrations", label="Test", export=lambda u: None, erase=lambda u: seen.append(u.pk)
    )
    try:
        user_delete(user=user)
    finally:
        personal_data._providers.pop("test_registrations")
    assert seen == [user.pk]


def test_delete_is_all_or_nothing_when_a_provider_fails(user):
    def failing_erase(u):
        raise RuntimeError("kapot")

    personal_data.register("test_failing", label="Test", export=lambda u: None, erase=failing_erase)
    try:
        with pytest.raises(RuntimeError):
            user_delete(user=user)
    finally:
        personal_data._providers.pop("test_failing")
    assert User.objects.filter(pk=user.pk).exists()


def test_last_superuser_cannot_delete_their_account():
    admin = UserFactory(is_superuser=True, is_staff=True)
    with pytest.raises(AccountError) as error:
        user_delete(user=admin)
    assert error.value.code == "last_superuser"
    assert User.objects.filter(pk=admin.pk).exists()
    UserFactory(is_superuser=True, is_staff=True)
    user_delete(user=admin)
    assert not User.objects.filter(pk=admin.pk).exists()


def test_profile_update_refuses_an_inactive_organisation(user):
    merged = Organisation.objects.create(kind="gemeente", name="Opgeheven", is_active=False)
    with pytest.raises(AccountError) as error:
        user_update_profile(user=user, full_name="X", organisation=merged, job_role=JobRole.BELEID)
    assert error.value.code == "organisation_inactive"


def test_profile_update_saves_the_fields(user):
    zwolle = Organisation.objects.get(cbs_code="GM0193")
    # The test user's address is on this domain: the new organisation is verified at once.
    OrganisationDomain.objects.create(organisation=zwolle, domain="gemeente.example")
    user_update_profile(
        user=user,
        full_name="  Eva de Boer ",
        organisation=zwolle,
        job_role=JobRole.BESTUUR,
        job_title="Wethouder",
    )
    user.refresh_from_db()
    assert (user.full_name, user.organisation, user.job_role, user.job_title) == (
        "Eva de Boer",
        zwolle,
        JobRole.BESTUUR,
        "Wethouder",
    )


def test_emails_are_stored_in_lower_case():
    user = User.objects.create_user("Kees.Jansen@Example.NL", "wachtwoord-123", full_name="Kees")
    assert user.email == "kees.jansen@example.nl"
