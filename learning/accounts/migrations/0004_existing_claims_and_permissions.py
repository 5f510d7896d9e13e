"""Organisation claims for existing accounts, and who may decide claims and edit domains.

Existing accounts: a person whose verified address is on a domain of their organisation gets
a verified claim; everyone else with an organisation gets a pending claim for that same
organisation (so nothing is lost) and counts for no organisation until a coordinator decides.
Nothing is deleted. (Production has no domains when this runs, so there everyone becomes
pending; the demo loader adds demo domains and verifies the demo accounts.)

Permissions: "Coördinatoren" and "Editors" decide claims and maintain e-mail domains.
Permissions are created here when missing, as in events.0002_coordinator_group.
"""

from django.db import migrations
from django.utils import timezone

GROUPS = ["Coördinatoren", "Editors"]
# (app_label, model, codename, name as Django would create it)
PERMISSIONS = [
    ("accounts", "organisationclaim", "view_organisationclaim", "Can view organisatieaanvraag"),
    (
        "accounts",
        "organisationclaim",
        "decide_organisationclaim",
        "Kan organisatieaanvragen beoordelen",
    ),
    ("organisations", "organisationdomain", "add_organisationdomain", "Can add e-maildomein"),
    (
        "organisations",
        "organisationdomain",
        "change_organisationdomain",
        "Can change e-maildomein",
    ),
    (
        "organisations",
        "organisationdomain",
        "delete_organisationdomain",
        "Can delete e-maildomein",
    ),
    ("organisations", "organisationdomain", "view_organisationdomain", "Can view e-maildomein"),
    ("organisations", "organisation", "view_organisation", "Can view organisatie"),
]
EXPLANATION = "Bestaand account: organisatie overgenomen bij de invoering van de controle."


def _permission(apps, app_label, model, codename, name):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": name}
    )
    return permission


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.add(*(_permission(apps, *spec) for spec in PERMISSIONS))


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    permissions = Permission.objects.filter(
        codename__in=[spec[2] for spec in PERMISSIONS],
        content_type__app_label__in=["accounts", "organisations"],
    )
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.remove(*permissions)


def _domain_of(email, organisation_id, OrganisationDomain):
    domain = email.rpartition("@")[2].lower()
    parts = domain.split(".")
    candidates = [".".join(parts[index:]) for index in range(len(parts) - 1)]
    return (
        OrganisationDomain.objects.filter(organisation_id=organisation_id, domain__in=candidates)
        .order_by("-domain")
        .first()
    )


def claims_for_existing_accounts(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    EmailAddress = apps.get_model("account", "EmailAddress")
    OrganisationDomain = apps.get_model("organisations", "OrganisationDomain")
    OrganisationClaim = apps.get_model("accounts", "OrganisationClaim")
    OrganisationClaimLog = apps.get_model("accounts", "OrganisationClaimLog")
    now = timezone.now()
    with_claim = OrganisationClaim.objects.filter(superseded_at__isnull=True).values("user_id")
    users = User.objects.filter(organisation__isnull=False).exclude(pk__in=with_claim)
    for user in users.iterator():
        verified = EmailAddress.objects.filter(
            user_id=user.pk, email__iexact=user.email, verified=True
        ).exists()
        domain = _domain_of(user.email, user.organisation_id, OrganisationDomain)
        if verified and domain is not None:
            claim = OrganisationClaim.objects.create(
                user_id=user.pk,
                organisation_id=user.organisation_id,
                state="verified",
                verified_domain=domain.domain,
                created_at=now,
            )
        else:
            claim = OrganisationClaim.objects.create(
                user_id=user.pk,
                organisation_id=user.organisation_id,
                state="pending",
                explanation=EXPLANATION,
                created_at=now,
            )
            User.objects.filter(pk=user.pk).update(organisation=None)
        OrganisationClaimLog.objects.create(
            claim=claim,
            action="migrated",
            to_status=claim.state,
            reason=EXPLANATION,
            created_at=now,
        )


def restore_organisations(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    OrganisationClaim = apps.get_model("accounts", "OrganisationClaim")
    for claim in OrganisationClaim.objects.filter(superseded_at__isnull=True, state="pending"):
        User.objects.filter(pk=claim.user_id, organisation__isnull=True).update(
            organisation_id=claim.organisation_id
        )


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_organisation_claims"),
        ("account", "0009_emailaddress_unique_primary_email"),
        ("events", "0002_coordinator_group"),
        ("monitor", "0002_permissions"),
        ("wagtailadmin", "0006_formstate"),
    ]

    operations = [
        migrations.RunPython(grant, revoke),
        migrations.RunPython(claims_for_existing_accounts, restore_organisations),
    ]
