"""Only a verified (or approved) member edits the organisation's monitor response."""

import pytest
from django.test import Client

from learning.accounts import organisation_claims as claims
from learning.monitor.models import Response
from learning.organisations.models import OrganisationDomain
from tests.factories import UserFactory
from tests.monitor.fixtures import municipalities

pytestmark = pytest.mark.django_db


def test_a_pending_claim_cannot_edit_the_organisations_response(
    monitor_page, open_round, make_user
):
    organisation = municipalities(1)[0]
    OrganisationDomain.objects.create(organisation=organisation, domain="gemeente-een.nl")
    pending = UserFactory(email="iemand@gmail.example", organisation=None)
    claims.claim_request(user=pending, organisation=organisation, explanation="Ik werk daar")
    client = Client()
    client.force_login(pending)
    url = f"{monitor_page.url}ronde/{open_round.pk}/"

    page = client.get(url)
    assert page.status_code == 409
    assert "telt nog voor geen organisatie mee" in page.content.decode()
    response = client.post(url, {"version": "0", "action": "save"})
    assert response.status_code == 409
    assert not Response.objects.filter(organisation=organisation).exists()

    verified = UserFactory(email="iemand@gemeente-een.nl", organisation=None)
    claims.claim_request(user=verified, organisation=organisation)
    verified_client = Client()
    verified_client.force_login(verified)
    assert verified_client.get(url).status_code == 200
