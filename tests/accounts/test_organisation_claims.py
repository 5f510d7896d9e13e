"""Membership of an organisation as a claim with a state (learning.accounts.organisation_claims)."""

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group

from learning.accounts import organisation_claims as claims
from learning.accounts.errors import AccountError
from learning.accounts.models import ClaimState, OrganisationClaim, OrganisationClaimLog
from learning.accounts.services import user_delete, user_export_data
from learning.organisations.models import Organisation, OrganisationDomain
from learning.outbox.models import OutboxMessage
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def apeldoorn():
    apeldoorn = Organisation.objects.get(cbs_code="GM0200")
    OrganisationDomain.objects.create(organisation=apeldoorn, domain="apeldoorn.nl")
    return apeldoorn


@pytest.fixture
def epe():
    return Organisation.objects.get(cbs_code="GM0232")


@pytest.fixture
def coordinator():
    user = UserFactory(email="coordinator@pianoo.example", is_staff=True)
    user.groups.add(Group.objects.get(name="Coördinatoren"))
    return type(user).objects.get(pk=user.pk)


def person(email, organisation=None, **kwargs):
    user = UserFactory(email=email, **kwargs)
    user.organisation = organisation
    user.save(update_fields=["organisation"])
    return user


def refused(code, func, **kwargs):
    with pytest.raises(AccountError) as error:
        func(**kwargs)
    assert error.value.code == code
    assert str(error.value.message)
    return error.value


def test_an_address_on_the_domain_is_verified_without_a_coordinator(apeldoorn):
    anouk = person("anouk@apeldoorn.nl")
    claim = claims.claim_request(user=anouk, organisation=apeldoorn)
    assert claim.state == ClaimState.VERIFIED
    assert claim.verified_domain == "apeldoorn.nl"
    anouk.refresh_from_db()
    assert anouk.organisation == apeldoorn
    # A subdomain of the organisation's domain counts too.
    inkoop = person("kees@inkoop.apeldoorn.nl")
    assert claims.claim_request(user=inkoop, organisation=apeldoorn).state == ClaimState.VERIFIED


def test_an_unconfirmed_address_on_the_domain_is_verified_when_confirmed(apeldoorn):
    anouk = person("anouk@apeldoorn.nl", verified=False)
    EmailAddress.objects.create(user=anouk, email=anouk.email, verified=False, primary=True)
    claim = claims.claim_request(user=anouk, organisation=apeldoorn)
    assert claim.state == ClaimState.UNCONFIRMED
    anouk.refresh_from_db()
    assert anouk.organisation is None
    EmailAddress.objects.filter(user=anouk).update(verified=True)
    claims.claims_verify_for_email(user=anouk)
    claim.refresh_from_db()
    anouk.refresh_from_db()
    assert claim.state == ClaimState.VERIFIED
    assert anouk.organisation == apeldoorn
    assert not claim.user.organisation_claims.filter(state=ClaimState.PENDING).exists()


def test_another_address_needs_an_explanation_and_then_counts_for_no_organisation(apeldoorn):
    private = person("anouk.jansen@gmail.example")
    refused("explanation_required", claims.claim_request, user=private, organisation=apeldoorn)
    assert not OrganisationClaim.objects.filter(user=private).exists()
    claim = claims.claim_request(
        user=private, organisation=apeldoorn, explanation="Gedetacheerd bij Apeldoorn"
    )
    assert claim.state == ClaimState.PENDING
    private.refresh_from_db()
    assert private.organisation is None


def test_approving_makes_the_person_count_and_mails_once(apeldoorn, coordinator, mailoutbox):
    private = person("anouk.jansen@gmail.example")
    claim = claims.claim_request(user=private, organisation=apeldoorn, explanation="Detachering")
    claims.claim_approve(claim=claim, by=coordinator, reason="Bevestigd door afdeling HR")
    private.refresh_from_db()
    assert private.organisation == apeldoorn
    claim.refresh_from_db()
    assert (claim.state, claim.decided_by, claim.reason) == (
        ClaimState.APPROVED,
        coordinator,
        "Bevestigd door afdeling HR",
    )
    assert OrganisationClaimLog.objects.filter(claim=claim, action="approve", actor=coordinator)
    refused("not_pending", claims.claim_approve, claim=claim, by=coordinator, reason="nog eens")
    messages = OutboxMessage.objects.filter(to=private.email)
    assert messages.count() == 1
    assert "bevestigd" in messages.get().subject


def test_refusing_leaves_the_person_without_organisation_and_mails_once(
    apeldoorn, coordinator, mailoutbox
):
    private = person("anouk.jansen@gmail.example")
    claim = claims.claim_request(user=private, organisation=apeldoorn, explanation="Ik werk daar")
    claims.claim_refuse(claim=claim, by=coordinator, reason="Niet bekend bij de gemeente")
    refused("not_pending", claims.claim_refuse, claim=claim, by=coordinator, reason="nog eens")
    private.refresh_from_db()
    assert private.organisation is None
    claim.refresh_from_db()
    assert claim.state == ClaimState.REFUSED
    assert OrganisationClaimLog.objects.filter(claim=claim, action="refuse").get().reason == (
        "Niet bekend bij de gemeente"
    )
    message = OutboxMessage.objects.get(to=private.email)
    assert "afgewezen" in message.subject
    assert "Niet bekend bij de gemeente" in message.text


def test_decisions_need_a_coordinator_a_reason_and_someone_else(apeldoorn, coordinator):
    private = person("anouk.jansen@gmail.example")
    claim = claims.claim_request(user=private, organisation=apeldoorn, explanation="Detachering")
    colleague = person("piet@gmail.example")
    refused("forbidden", claims.claim_approve, claim=claim, by=colleague, reason="ja")
    refused("reason_required", claims.claim_approve, claim=claim, by=coordinator, reason="  ")
    own = claims.claim_request(user=coordinator, organisation=apeldoorn, explanation="Ik ook")
    refused("own_claim", claims.claim_approve, claim=own, by=coordinator, reason="mag dat?")
    claim.refresh_from_db()
    assert claim.state == ClaimState.PENDING


def test_bulk_decision_is_all_or_nothing(apeldoorn, coordinator):
    first = claims.claim_request(
        user=person("a@gmail.example"), organisation=apeldoorn, explanation="x"
    )
    own = claims.claim_request(user=coordinator, organisation=apeldoorn, explanation="y")
    refused(
        "own_claim",
        claims.claims_decide,
        claims=[first, own],
        by=coordinator,
        reason="akkoord",
        approve=True,
    )
    first.refresh_from_db()
    assert first.state == ClaimState.PENDING
    assert not OutboxMessage.objects.exists()


def test_changing_organisation_starts_a_new_claim_and_keeps_the_old_one(apeldoorn, epe):
    anouk = person("anouk@apeldoorn.nl")
    first = claims.claim_request(user=anouk, organisation=apeldoorn)
    second = claims.claim_request(user=anouk, organisation=epe, explanation="Nu bij Epe")
    first.refresh_from_db()
    anouk.refresh_from_db()
    assert first.superseded_at is not None
    assert second.state == ClaimState.PENDING
    assert anouk.organisation is None
    assert OrganisationClaim.objects.filter(user=anouk, superseded_at__isnull=True).get() == second


def test_unknown_or_inactive_organisation_is_refused(apeldoorn):
    anouk = person("anouk@apeldoorn.nl")
    refused("organisation_unknown", claims.claim_request, user=anouk, organisation=None)
    apeldoorn.is_active = False
    apeldoorn.save()
    refused("organisation_inactive", claims.claim_request, user=anouk, organisation=apeldoorn)


def test_claims_are_exported_and_deleted_with_the_account(apeldoorn):
    private = person("anouk.jansen@gmail.example")
    claims.claim_request(user=private, organisation=apeldoorn, explanation="Detachering")
    exported = user_export_data(user=private)["data"]["organisation_claims"]
    assert exported[0]["organisation"]["name"] == "Apeldoorn"
    assert exported[0]["state"] == "pending"
    assert exported[0]["explanation"] == "Detachering"
    user_delete(user=private)
    assert not OrganisationClaim.objects.exists()
    assert not OrganisationClaimLog.objects.exists()


def test_new_domains_verify_waiting_claims_of_addresses_on_them(epe, client):
    from learning.organisations.services import domains_import

    on_domain = person("kees@epe.nl")
    private = person("kees@gmail.example")
    unconfirmed = person("jan@epe.nl", verified=False)
    for user in (on_domain, private, unconfirmed):
        claims.claim_request(user=user, organisation=epe, explanation="Ik werk bij Epe")

    domains_import(data="GM0232,epe.nl\n")

    states = {
        claim.user.email: claim.state
        for claim in OrganisationClaim.objects.filter(superseded_at__isnull=True)
    }
    assert states == {
        "kees@epe.nl": ClaimState.VERIFIED,
        "kees@gmail.example": ClaimState.PENDING,
        "jan@epe.nl": ClaimState.PENDING,
    }
    on_domain.refresh_from_db()
    assert on_domain.organisation == epe


def test_a_domain_added_in_the_admin_verifies_waiting_claims(client, apeldoorn, coordinator):
    epe = Organisation.objects.get(cbs_code="GM0232")
    kees = person("kees@epe-gemeente.nl")
    claims.claim_request(user=kees, organisation=epe, explanation="Ik werk bij Epe")
    client.force_login(coordinator)
    response = client.post(
        "/admin/snippets/organisations/organisationdomain/add/",
        {"organisation": epe.pk, "domain": "epe-gemeente.nl"},
    )
    assert response.status_code == 302
    kees.refresh_from_db()
    assert kees.organisation == epe


def test_changing_to_a_private_address_sends_a_verified_claim_to_a_coordinator(apeldoorn):
    from allauth.account.signals import email_changed

    anouk = person("anouk@apeldoorn.nl")
    claims.claim_request(user=anouk, organisation=apeldoorn)
    old = EmailAddress.objects.get(user=anouk)
    new = EmailAddress.objects.create(user=anouk, email="anouk@gmail.example", verified=True)
    new.set_as_primary()  # allauth: also sets user.email
    email_changed.send(
        sender=type(anouk), request=None, user=anouk, from_email_address=old, to_email_address=new
    )
    anouk.refresh_from_db()
    assert anouk.email == "anouk@gmail.example"
    assert anouk.organisation is None
    claim = OrganisationClaim.objects.get(user=anouk)
    assert claim.state == ClaimState.PENDING
    assert "anouk@gmail.example" in claim.explanation
    # Back to the municipal address: verified again, without a coordinator.
    old.set_as_primary()
    claims.claims_verify_for_email(user=anouk)
    anouk.refresh_from_db()
    assert anouk.organisation == apeldoorn
