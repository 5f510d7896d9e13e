"""The demo shows both claim states, and every demo person of the other demo content counts."""

import pytest

from learning.accounts.models import ClaimState, OrganisationClaim, User
from learning.events.models import Registration

pytestmark = pytest.mark.django_db


def test_demo_people_are_verified_through_demo_domains_and_one_waits(demo_database):
    # A second run changes no claim: tests/home/test_pages.py::test_load_demo_twice_changes_nothing.
    anouk = User.objects.get(email="anouk.jansen@apeldoorn.example")
    claim = OrganisationClaim.objects.get(user=anouk)
    assert (claim.state, claim.verified_domain) == (ClaimState.VERIFIED, "apeldoorn.example")
    assert anouk.organisation.name == "Apeldoorn"

    sam = User.objects.get(email="sam.peeters@regiodienst.example")
    assert sam.organisation is None
    assert OrganisationClaim.objects.get(user=sam).state == ClaimState.PENDING

    # Everyone with an organisation in the demo got there through a verified claim.
    demo_people = User.objects.filter(email__endswith=".example", organisation__isnull=False)
    assert demo_people.count() > 10
    for user in demo_people:
        current = OrganisationClaim.objects.get(user=user, superseded_at__isnull=True)
        assert current.state == ClaimState.VERIFIED, user.email
        assert current.organisation_id == user.organisation_id
    # The demo registrations still stand.
    assert Registration.objects.filter(organisation__isnull=False).exists()
