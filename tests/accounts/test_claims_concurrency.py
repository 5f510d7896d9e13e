"""Claims under simultaneous requests, on PostgreSQL: the person's row lock keeps them exact."""

from concurrent.futures import ThreadPoolExecutor

import pytest
from django.contrib.auth.models import Group
from django.db import connection, connections

from learning.accounts import organisation_claims as claims
from learning.accounts.errors import AccountError
from learning.accounts.models import ClaimState, OrganisationClaim, User
from learning.events import services as events
from learning.events.models import Registration, RegistrationStatus
from learning.organisations.models import Organisation, OrganisationDomain
from learning.outbox.models import OutboxMessage
from tests.conftest import require_service
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture(autouse=True)
def _postgresql_only():
    require_service(connection.vendor == "postgresql", "PostgreSQL (set DATABASE_URL)")


def at_once(calls):
    def one(call):
        try:
            return call()
        except AccountError as error:
            return error.code
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=len(calls)) as pool:
        return list(pool.map(one, calls))


def test_two_coordinators_deciding_one_claim_at_once_decide_once():
    amsterdam = Organisation.objects.get(cbs_code="GM0363")
    person = UserFactory(email="iemand@gmail.example", organisation=None)
    claim = claims.claim_request(user=person, organisation=amsterdam, explanation="Detachering")
    deciders = []
    for _ in range(6):
        coordinator = UserFactory(is_staff=True)
        coordinator.groups.add(Group.objects.get(name="Coördinatoren"))
        deciders.append(User.objects.get(pk=coordinator.pk))

    def decide(by, approve):
        service = claims.claim_approve if approve else claims.claim_refuse
        return lambda: service(claim=claim, by=by, reason="besluit").state

    results = at_once([decide(by, n % 2 == 0) for n, by in enumerate(deciders)])

    assert results.count("not_pending") == 5
    claim.refresh_from_db()
    assert claim.state in (ClaimState.APPROVED, ClaimState.REFUSED)
    assert claim.log_entries.filter(action__in=["approve", "refuse"]).count() == 1
    assert OutboxMessage.objects.filter(to=person.email).count() == 1


def test_simultaneous_requests_leave_one_current_claim():
    apeldoorn = Organisation.objects.get(cbs_code="GM0200")
    epe = Organisation.objects.get(cbs_code="GM0232")
    person = UserFactory(email="iemand@gmail.example", organisation=None)
    organisations = [apeldoorn, epe] * 4

    at_once(
        [
            lambda o=o: claims.claim_request(user=person, organisation=o, explanation="x").pk
            for o in organisations
        ]
    )

    current = OrganisationClaim.objects.filter(user=person, superseded_at__isnull=True)
    assert current.count() == 1
    person.refresh_from_db()
    assert person.organisation is None


def test_moving_while_colleagues_register_frees_no_seat_of_the_old_organisation(
    make_masterclass,
):
    apeldoorn = Organisation.objects.get(cbs_code="GM0200")
    epe = Organisation.objects.get(cbs_code="GM0232")
    OrganisationDomain.objects.create(organisation=apeldoorn, domain="apeldoorn.nl")
    masterclass = make_masterclass(organisation_limit=3)
    holders = []
    for n in range(3):
        user = UserFactory(email=f"houder{n}@apeldoorn.nl", organisation=None)
        claims.claim_request(user=user, organisation=apeldoorn)
        holders.append(User.objects.get(pk=user.pk))
        events.registration_create(event=masterclass, user=holders[-1])
    colleagues = []
    for n in range(6):
        user = UserFactory(email=f"collega{n}@apeldoorn.nl", organisation=None)
        claims.claim_request(user=user, organisation=apeldoorn)
        colleagues.append(User.objects.get(pk=user.pk))

    calls = [
        lambda: claims.claim_request(user=holders[0], organisation=epe, explanation="Epe").pk,
        *[
            lambda c=c: events.registration_create(event=masterclass, user=c).status
            for c in colleagues
        ],
    ]
    at_once(calls)

    seats = Registration.objects.filter(
        event=masterclass, organisation=apeldoorn, status=RegistrationStatus.CONFIRMED
    )
    assert seats.count() == 3
    assert seats.filter(user=holders[0]).exists()
    assert Registration.objects.filter(event=masterclass, status="waiting").count() == 6
