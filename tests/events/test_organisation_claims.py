"""Seats belong to verified organisations (issue 12); the two bypasses are in test_bypasses.py."""

import pytest
from django.contrib.auth.models import Group

from learning.accounts import organisation_claims as claims
from learning.accounts.models import ClaimState
from learning.accounts.selectors import claim_current
from learning.events import services
from learning.events.models import Registration, RegistrationStatus, WaitReason
from learning.events.services import RegistrationError
from learning.organisations.models import Organisation, OrganisationDomain
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def apeldoorn():
    apeldoorn = Organisation.objects.get(cbs_code="GM0200")
    OrganisationDomain.objects.create(organisation=apeldoorn, domain="apeldoorn.nl")
    return apeldoorn


@pytest.fixture
def amsterdam():
    amsterdam = Organisation.objects.get(cbs_code="GM0363")
    OrganisationDomain.objects.create(organisation=amsterdam, domain="amsterdam.nl")
    return amsterdam


@pytest.fixture
def epe():
    epe = Organisation.objects.get(cbs_code="GM0232")
    OrganisationDomain.objects.create(organisation=epe, domain="epe.nl")
    return epe


def member(organisation, email):
    """Someone who asked for ``organisation`` in the profile (verified when the domain fits)."""
    user = UserFactory(email=email, organisation=None)
    claims.claim_request(user=user, organisation=organisation, explanation="Ik werk daar.")
    user.refresh_from_db()
    return user


def test_event_without_organisation_rules_admits_any_verified_address(make_event, amsterdam):
    event = make_event(capacity=150)
    partner = member(amsterdam, "adviseur@adviesbureau.example")
    registration = services.registration_create(event=event, user=partner)
    assert registration.status == RegistrationStatus.CONFIRMED
    assert registration.organisation is None


def test_organisation_kind_eligibility_needs_a_verified_organisation(make_event, amsterdam):
    event = make_event(allowed_organisation_kinds=["gemeente"])
    pending = member(amsterdam, "iemand@gmail.example")
    with pytest.raises(RegistrationError) as error:
        services.registration_create(event=event, user=pending)
    assert error.value.code == "organisation_pending"
    verified = member(amsterdam, "iemand@amsterdam.nl")
    assert services.registration_create(event=event, user=verified).status == "confirmed"


def test_approved_claim_counts_and_moving_keeps_the_old_seat(make_masterclass, apeldoorn, epe):
    masterclass = make_masterclass(organisation_limit=1)
    coordinator = UserFactory(is_staff=True)
    coordinator.groups.add(Group.objects.get(name="Coördinatoren"))
    secondee = member(apeldoorn, "secondee@rijk.example")
    claim = claim_current(user=secondee)
    claims.claim_approve(claim=claim, by=coordinator, reason="Detachering bevestigd")
    secondee.refresh_from_db()
    registration = services.registration_create(event=masterclass, user=secondee)
    assert registration.status == RegistrationStatus.CONFIRMED
    assert registration.organisation == apeldoorn

    # The secondee moves to Epe: the seat stays Apeldoorn's, it frees nothing.
    claims.claim_request(user=secondee, organisation=epe, explanation="Nu bij Epe")
    secondee.refresh_from_db()
    registration.refresh_from_db()
    assert registration.organisation == apeldoorn
    assert claim_current(user=secondee).state == ClaimState.PENDING
    colleague = member(apeldoorn, "collega@apeldoorn.nl")
    waiting = services.registration_create(event=masterclass, user=colleague)
    assert waiting.wait_reason == WaitReason.ORGANISATION_FULL
    # And no second active registration for the same event under Epe.
    epe_colleague_claim = member(epe, "nieuw@epe.nl")
    assert epe_colleague_claim.organisation == epe
    secondee_verified = member(epe, "secondee2@epe.nl")
    assert secondee_verified.organisation == epe
    with pytest.raises(RegistrationError) as error:
        services.registration_create(event=masterclass, user=secondee)
    assert error.value.code in ("already_registered", "organisation_pending")
    claims.claim_approve(claim=claim_current(user=secondee), by=coordinator, reason="Overgestapt")
    secondee.refresh_from_db()
    assert secondee.organisation == epe
    with pytest.raises(RegistrationError) as error:
        services.registration_create(event=masterclass, user=secondee)
    assert error.value.code == "already_registered"
    assert Registration.objects.filter(event=masterclass, organisation=apeldoorn).count() == 2


def test_handover_needs_both_verified_in_the_same_organisation(make_event, apeldoorn, epe):
    event = make_event(capacity=2)
    owner = member(apeldoorn, "eigenaar@apeldoorn.nl")
    registration = services.registration_create(event=event, user=owner)
    pending_colleague = member(apeldoorn, "collega@gmail.example")
    with pytest.raises(RegistrationError) as error:
        services.registration_handover(
            registration=registration, to_email=pending_colleague.email, actor=owner
        )
    assert error.value.code == "handover_colleague_unknown"

    # The owner moves to Epe (pending): can no longer hand over Apeldoorn's seat.
    claims.claim_request(user=owner, organisation=epe, explanation="Nu bij Epe")
    owner.refresh_from_db()
    colleague = member(apeldoorn, "collega@apeldoorn.nl")
    with pytest.raises(RegistrationError) as error:
        services.registration_handover(
            registration=registration, to_email=colleague.email, actor=owner
        )
    assert error.value.code == "handover_not_member"
    registration.refresh_from_db()
    assert registration.user == owner
