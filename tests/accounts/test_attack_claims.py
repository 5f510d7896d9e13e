"""Attacks on organisation claims by coordinators and by people whose claim is waiting.

A coordinator may not decide about their own claim (``own_claim``). These tests try the
other screens that verify claims: e-mail domains (add, edit, CSV import) in the admin.
"""

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group

from learning.accounts import organisation_claims as claims
from learning.accounts.errors import AccountError
from learning.accounts.models import ClaimState
from learning.accounts.selectors import claim_current
from learning.organisations.models import Organisation, OrganisationDomain
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

DOMAINS_URL = "/admin/snippets/organisations/organisationdomain/"


@pytest.fixture
def apeldoorn():
    return Organisation.objects.get(cbs_code="GM0200")


@pytest.fixture
def pianoo():
    organisation = Organisation.objects.get(cbs_code="GM0232")  # any other organisation
    OrganisationDomain.objects.create(organisation=organisation, domain="pianoo.example")
    return organisation


@pytest.fixture
def coordinator(pianoo):
    """A coordinator on a private address who asked to count for Apeldoorn (pending)."""
    user = UserFactory(email="c.jansen@jansen-advies.example", is_staff=True)
    user.groups.add(Group.objects.get(name="Coördinatoren"))
    return type(user).objects.get(pk=user.pk)


@pytest.fixture
def coordinator_client(client, coordinator):
    client.force_login(coordinator)
    return client


def ask_for(user, organisation):
    claim = claims.claim_request(user=user, organisation=organisation, explanation="Gedetacheerd")
    assert claim.state == ClaimState.PENDING
    return claim


def assert_still_pending(user):
    user.refresh_from_db()
    assert user.organisation_id is None
    claim = claim_current(user=user)
    assert claim.state == ClaimState.PENDING
    assert claim.verified_domain == ""


def test_adding_the_domain_of_ones_own_address_does_not_verify_ones_own_claim(
    coordinator_client, coordinator, apeldoorn
):
    ask_for(coordinator, apeldoorn)
    colleague = UserFactory(email="p.devries@jansen-advies.example")
    ask_for(colleague, apeldoorn)

    response = coordinator_client.post(
        DOMAINS_URL + "add/", {"organisation": apeldoorn.pk, "domain": "jansen-advies.example"}
    )

    assert response.status_code == 302
    assert_still_pending(coordinator)
    # The domain still proves everybody else's claim.
    colleague.refresh_from_db()
    assert colleague.organisation == apeldoorn
    assert OrganisationDomain.objects.get(domain="jansen-advies.example").added_by == coordinator


def test_moving_a_domain_to_the_organisation_of_ones_own_claim_does_not_verify_it(
    coordinator_client, coordinator, apeldoorn
):
    other = Organisation.objects.get(cbs_code="GM0344")
    domain = OrganisationDomain.objects.create(organisation=other, domain="jansen-advies.example")
    ask_for(coordinator, apeldoorn)

    response = coordinator_client.post(
        DOMAINS_URL + f"edit/{domain.pk}/",
        {"organisation": apeldoorn.pk, "domain": "jansen-advies.example"},
    )

    assert response.status_code == 302
    domain.refresh_from_db()
    assert domain.organisation == apeldoorn
    assert_still_pending(coordinator)


def test_importing_the_domain_of_ones_own_address_does_not_verify_ones_own_claim(
    coordinator_client, coordinator, apeldoorn
):
    ask_for(coordinator, apeldoorn)

    response = coordinator_client.post(
        DOMAINS_URL + "importeren/",
        {"data": "GM0200,jansen-advies.example\n", "confirm": "1"},
    )

    assert response.status_code == 302
    assert OrganisationDomain.objects.filter(domain="jansen-advies.example").exists()
    assert_still_pending(coordinator)


def test_a_domain_one_added_oneself_proves_nothing_later_either(
    coordinator_client, coordinator, apeldoorn, pianoo
):
    """Add the domain first, then ask for the organisation, or confirm the address again."""
    coordinator_client.post(
        DOMAINS_URL + "add/", {"organisation": apeldoorn.pk, "domain": "jansen-advies.example"}
    )
    EmailAddress.objects.filter(user=coordinator).update(verified=True)

    with pytest.raises(AccountError) as error:
        claims.claim_request(user=coordinator, organisation=apeldoorn)
    assert error.value.code == "explanation_required"

    ask_for(coordinator, apeldoorn)
    claims.claims_verify_for_email(user=coordinator)
    assert_still_pending(coordinator)

    # Another coordinator decides, as for any claim that no domain proves.
    other = UserFactory(email="other@pianoo.example")
    other.groups.add(Group.objects.get(name="Coördinatoren"))
    claims.claim_approve(claim=claim_current(user=coordinator), by=other, reason="Bekend")
    coordinator.refresh_from_db()
    assert coordinator.organisation == apeldoorn


def test_saving_the_domain_that_verified_one_keeps_one_verified(client, pianoo):
    coordinator = UserFactory(email="c.jansen@pianoo.example", is_staff=True)
    coordinator.groups.add(Group.objects.get(name="Coördinatoren"))
    assert claims.claim_request(user=coordinator, organisation=pianoo).state == (
        ClaimState.VERIFIED
    )
    client.force_login(coordinator)
    domain = OrganisationDomain.objects.get(domain="pianoo.example")

    response = client.post(
        DOMAINS_URL + f"edit/{domain.pk}/", {"organisation": pianoo.pk, "domain": "pianoo.example"}
    )

    assert response.status_code == 302
    claims.claims_verify_for_email(user=coordinator)
    coordinator.refresh_from_db()
    assert coordinator.organisation == pianoo
    assert claim_current(user=coordinator).state == ClaimState.VERIFIED


def test_an_address_also_on_a_domain_someone_else_added_is_still_verified(
    coordinator_client, apeldoorn
):
    """The domain one added oneself is left out, not every domain the address is on."""
    OrganisationDomain.objects.create(organisation=apeldoorn, domain="apeldoorn.nl")
    insider = UserFactory(email="c.jansen@inkoop.apeldoorn.nl", is_staff=True)
    insider.groups.add(Group.objects.get(name="Coördinatoren"))
    coordinator_client.force_login(insider)
    coordinator_client.post(
        DOMAINS_URL + "add/", {"organisation": apeldoorn.pk, "domain": "inkoop.apeldoorn.nl"}
    )

    claim = claims.claim_request(user=insider, organisation=apeldoorn)

    assert claim.state == ClaimState.VERIFIED
    assert claim.verified_domain == "apeldoorn.nl"


def test_a_wrongly_added_domain_taken_away_again_proves_nothing_any_more(
    coordinator_client, apeldoorn
):
    """Someone adds a public mail domain to Apeldoorn by mistake: everyone who asked for
    Apeldoorn from it was verified. Deleting it must undo that, not leave them counting."""
    gmail_user = UserFactory(email="k.devries@gmail.example")
    ask_for(gmail_user, apeldoorn)
    insider = UserFactory(email="a.jansen@apeldoorn.nl")
    OrganisationDomain.objects.create(organisation=apeldoorn, domain="apeldoorn.nl")
    claims.claim_request(user=insider, organisation=apeldoorn)
    coordinator_client.post(
        DOMAINS_URL + "add/", {"organisation": apeldoorn.pk, "domain": "gmail.example"}
    )
    gmail_user.refresh_from_db()
    assert gmail_user.organisation == apeldoorn
    domain = OrganisationDomain.objects.get(domain="gmail.example")

    response = coordinator_client.post(DOMAINS_URL + f"delete/{domain.pk}/")

    assert response.status_code == 302
    assert not OrganisationDomain.objects.filter(domain="gmail.example").exists()
    assert_still_pending(gmail_user)
    insider.refresh_from_db()
    assert insider.organisation == apeldoorn  # verified through a domain that stays


def test_a_domain_moved_to_another_organisation_stops_proving_the_first(
    coordinator_client, apeldoorn, pianoo
):
    epe_person = UserFactory(email="j.bos@pianoo.example")
    assert claims.claim_request(user=epe_person, organisation=pianoo).state == (ClaimState.VERIFIED)
    domain = OrganisationDomain.objects.get(domain="pianoo.example")

    response = coordinator_client.post(
        DOMAINS_URL + f"edit/{domain.pk}/",
        {"organisation": apeldoorn.pk, "domain": "pianoo.example"},
    )

    assert response.status_code == 302
    assert_still_pending(epe_person)
    assert claim_current(user=epe_person).organisation == pianoo
    assert "pianoo.example hoort niet meer bij" in claim_current(user=epe_person).explanation
