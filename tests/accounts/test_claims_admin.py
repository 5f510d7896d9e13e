"""The coordinators' work queue for organisation claims in the Wagtail admin."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from learning.accounts import organisation_claims as claims
from learning.accounts.models import ClaimState, OrganisationClaim, OrganisationClaimLog
from learning.core.exports import local_datetime_label
from learning.organisations.models import Organisation
from learning.outbox.models import OutboxMessage
from tests.admin_tables import audit_trail_rows
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

DECIDE_URL = "/admin/organisation_claims/beoordelen/"
INDEX_URL = "/admin/organisation_claims/"


@pytest.fixture
def amsterdam():
    return Organisation.objects.get(cbs_code="GM0363")


def staff(group):
    user = UserFactory(is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    return user


def pending(amsterdam, email):
    user = UserFactory(email=email, organisation=None)
    return claims.claim_request(user=user, organisation=amsterdam, explanation="Gedetacheerd")


@pytest.mark.parametrize("group", ["Coördinatoren", "Editors"])
def test_coordinators_and_editors_see_the_queue_and_dashboard_count(client, amsterdam, group):
    pending(amsterdam, "a@gmail.example")
    pending(amsterdam, "b@gmail.example")
    client.force_login(staff(group))
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "2 aanvragen wachten op een besluit." in home
    listing = client.get(INDEX_URL)
    assert listing.status_code == 200
    assert "a@gmail.example" in listing.content.decode() or "Amsterdam" in listing.content.decode()
    queue = client.get(DECIDE_URL)
    assert queue.status_code == 200
    assert "Gedetacheerd" in queue.content.decode()
    assert client.get(INDEX_URL + "?state=pending&organisation_kind=gemeente").status_code == 200


def test_other_staff_neither_see_nor_decide(client, amsterdam):
    claim = pending(amsterdam, "a@gmail.example")
    other = UserFactory(is_staff=True)
    other.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(other)
    assert "wachten op een besluit" not in client.get(reverse("wagtailadmin_home")).content.decode()
    assert client.get(INDEX_URL).status_code in (302, 403)
    response = client.post(
        DECIDE_URL, {"claims": [claim.pk], "reason": "ja", "decision": "approve"}
    )
    assert response.status_code == 403
    claim.refresh_from_db()
    assert claim.state == ClaimState.PENDING


def test_bulk_approve_with_reason_mails_and_logs_each(
    client, amsterdam, django_capture_on_commit_callbacks
):
    first = pending(amsterdam, "a@gmail.example")
    second = pending(amsterdam, "b@gmail.example")
    coordinator = staff("Coördinatoren")
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            DECIDE_URL,
            {"claims": [first.pk, second.pk], "reason": "Bekend bij HR", "decision": "approve"},
        )
    assert response.status_code == 302
    for claim in (first, second):
        claim.refresh_from_db()
        assert claim.state == ClaimState.APPROVED
        assert claim.user.organisation == amsterdam
        assert OrganisationClaimLog.objects.get(claim=claim, action="approve").actor == coordinator
    assert OutboxMessage.objects.filter(kind="organisation_claim_approved").count() == 2


def test_a_coordinator_cannot_approve_their_own_claim(client, amsterdam):
    coordinator = staff("Coördinatoren")
    own = claims.claim_request(user=coordinator, organisation=amsterdam, explanation="Ik")
    other = pending(amsterdam, "a@gmail.example")
    client.force_login(coordinator)
    page = client.get(DECIDE_URL).content.decode()
    assert f'value="{own.pk}"' not in page
    assert "Uw eigen aanvraag" in page
    response = client.post(
        DECIDE_URL, {"claims": [own.pk, other.pk], "reason": "akkoord", "decision": "approve"}
    )
    assert response.status_code == 409
    assert "eigen aanvraag" in response.content.decode()
    assert set(OrganisationClaim.objects.values_list("state", flat=True)) == {ClaimState.PENDING}


@pytest.mark.parametrize(
    "data",
    [
        {"claims": ["999999"], "reason": "x", "decision": "approve"},
        {"claims": ["geen-getal"], "reason": "x", "decision": "refuse"},
        {"claims": [], "reason": "x", "decision": "refuse"},
        {"reason": "", "decision": "refuse"},
        {"decision": "koning"},
    ],
)
def test_bad_input_is_a_dutch_400(client, amsterdam, data):
    claim = pending(amsterdam, "a@gmail.example")
    data = {**data}
    if "claims" not in data:
        data["claims"] = [claim.pk]
    client.force_login(staff("Coördinatoren"))
    response = client.post(DECIDE_URL, data)
    assert response.status_code == 400
    claim.refresh_from_db()
    assert claim.state == ClaimState.PENDING


def test_csv_export_neutralises_formulas(client, amsterdam):
    from tests.spreadsheets import FORMULAS, assert_formulas_neutralised

    for number, formula in enumerate(FORMULAS):
        user = UserFactory(email=f"f{number}@gmail.example", full_name=formula, organisation=None)
        claims.claim_request(user=user, organisation=amsterdam, explanation=formula)
    client.force_login(staff("Coördinatoren"))
    assert_formulas_neutralised(client.get(INDEX_URL, {"export": "csv"}))


def test_the_inspect_view_shows_the_trail_in_local_time(client, amsterdam):
    claim = pending(amsterdam, "c@gmail.example")
    coordinator = staff("Coördinatoren")
    claims.claim_approve(claim=claim, by=coordinator, reason="Gedetacheerd bij het SSC")
    client.force_login(staff("Editors"))
    page = client.get(f"{INDEX_URL}inspect/{claim.pk}/").content.decode()
    rows = audit_trail_rows(page)
    assert len(rows) == claim.log_entries.count()
    assert rows[-1][1:] == [
        "Goedgekeurd",
        "In behandeling → Goedgekeurd",
        str(coordinator),
        "Gedetacheerd bij het SSC",
    ]
    # Local time, not UTC: the moment as Europe/Amsterdam shows it.
    assert rows[-1][0] == local_datetime_label(claim.log_entries.last().created_at)
