"""accounts.0004: existing accounts get a claim; verified by domain, otherwise pending."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from tests.conftest import require_service

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

BEFORE = [("accounts", "0003_organisation_claims")]
AFTER = [("accounts", "0004_existing_claims_and_permissions")]


def _targets(accounts_node):
    leaves = MigrationExecutor(connection).loader.graph.leaf_nodes()
    return [node for node in leaves if node[0] != "accounts"] + accounts_node


def test_existing_memberships_are_verified_or_pending_and_nothing_is_deleted():
    require_service(connection.vendor == "postgresql", "PostgreSQL (set DATABASE_URL)")
    try:
        _check_migration()
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())


def _check_migration():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    apps = executor.loader.project_state(_targets(BEFORE)).apps
    User = apps.get_model("accounts", "User")
    EmailAddress = apps.get_model("account", "EmailAddress")
    Organisation = apps.get_model("organisations", "Organisation")
    OrganisationDomain = apps.get_model("organisations", "OrganisationDomain")
    apeldoorn = Organisation.objects.get(cbs_code="GM0200")
    OrganisationDomain.objects.create(organisation=apeldoorn, domain="apeldoorn.nl")
    people = {
        "on-domain": ("anouk@apeldoorn.nl", True),
        "unverified": ("kees@apeldoorn.nl", False),
        "private": ("piet@gmail.example", True),
    }
    for email, verified in people.values():
        user = User.objects.create(email=email, full_name=email, organisation=apeldoorn)
        EmailAddress.objects.create(user=user, email=email, verified=verified, primary=True)
    User.objects.create(email="zonder@gmail.example", full_name="Zonder")

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    apps = executor.loader.project_state(_targets(AFTER)).apps
    User = apps.get_model("accounts", "User")
    Claim = apps.get_model("accounts", "OrganisationClaim")
    states = {
        claim.user.email: (claim.state, claim.organisation_id)
        for claim in Claim.objects.select_related("user")
    }
    assert states == {
        "anouk@apeldoorn.nl": ("verified", apeldoorn.pk),
        "kees@apeldoorn.nl": ("pending", apeldoorn.pk),
        "piet@gmail.example": ("pending", apeldoorn.pk),
    }
    organisations = dict(User.objects.values_list("email", "organisation_id"))
    assert organisations["anouk@apeldoorn.nl"] == apeldoorn.pk
    assert organisations["kees@apeldoorn.nl"] is None
    assert organisations["piet@gmail.example"] is None
    assert User.objects.count() == 4
