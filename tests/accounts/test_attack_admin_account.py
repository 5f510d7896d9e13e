"""Attacks through the Wagtail admin's own account page ("Account" in the admin menu)."""

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group

from learning.accounts import organisation_claims as claims
from learning.accounts.models import ClaimState
from learning.accounts.selectors import claim_current
from learning.organisations.models import Organisation, OrganisationDomain
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_admin_account_page_does_not_change_the_address_unconfirmed(client):
    """Otherwise a coordinator verified through their work address keeps counting for the
    organisation with any other address, which nobody confirmed and no coordinator saw."""
    apeldoorn = Organisation.objects.get(cbs_code="GM0200")
    OrganisationDomain.objects.create(organisation=apeldoorn, domain="apeldoorn.nl")
    coordinator = UserFactory(email="c.jansen@apeldoorn.nl", is_staff=True)
    coordinator.groups.add(Group.objects.get(name="Coördinatoren"))
    assert claims.claim_request(user=coordinator, organisation=apeldoorn).state == (
        ClaimState.VERIFIED
    )
    client.force_login(coordinator)

    client.post(
        "/admin/account/",
        {
            "name_email-email": "c.jansen@gmail.example",
            "name_email-first_name": "C",
            "name_email-last_name": "Jansen",
            "locale-preferred_language": "nl",
            "locale-current_time_zone": "",
            "theme-theme": "system",
            "theme-density": "default",
            "theme-contrast": "system",
        },
    )

    coordinator.refresh_from_db()
    assert coordinator.email == "c.jansen@apeldoorn.nl"
    assert EmailAddress.objects.get(user=coordinator, primary=True).email == coordinator.email
    assert claim_current(user=coordinator).state == ClaimState.VERIFIED
    page = client.get("/admin/account/")
    assert page.status_code == 200
    assert 'name="name_email-email"' not in page.content.decode()
