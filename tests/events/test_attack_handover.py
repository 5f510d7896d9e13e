"""Attacks on the hand-over by someone who no longer counts for the seat's organisation."""

import pytest
from django.test import Client

from learning.accounts import organisation_claims as claims
from learning.events import services
from learning.events.models import Registration
from learning.organisations.models import Organisation, OrganisationDomain
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def member(organisation, email):
    user = UserFactory(email=email, organisation=None)
    claims.claim_request(user=user, organisation=organisation, explanation="Ik werk daar.")
    user.refresh_from_db()
    return user


def test_someone_who_left_the_organisation_cannot_probe_who_has_an_account_there(make_event):
    """The seat stays theirs, but the form must not answer differently for an address with an
    account at the organisation (that would be a list of its accounts, one guess at a time)."""
    apeldoorn = Organisation.objects.get(cbs_code="GM0200")
    OrganisationDomain.objects.create(organisation=apeldoorn, domain="apeldoorn.nl")
    event = make_event(capacity=5)
    owner = member(apeldoorn, "eigenaar@apeldoorn.nl")
    services.registration_create(event=event, user=owner)
    colleague = member(apeldoorn, "collega@apeldoorn.nl")
    # The owner now asks for another organisation (pending): no longer counts for Apeldoorn.
    claims.claim_request(
        user=owner, organisation=Organisation.objects.get(cbs_code="GM0232"), explanation="Epe"
    )
    client = Client()
    client.force_login(owner)

    def answer(email):
        response = client.post(f"{event.url}handover/", {"email": email})
        return response.status_code, response.context["error"]

    known = answer(colleague.email)
    assert known[0] == 409
    assert answer("niemand@apeldoorn.nl") == known
    assert "telt niet (meer) mee" in str(known[1])
    assert Registration.objects.get(event=event).user == owner
