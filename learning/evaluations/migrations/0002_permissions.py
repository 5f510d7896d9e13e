"""Evaluation forms for the "Coördinatoren" and "Editors" groups: both keep the question
forms (snippets) in the admin. Results need no model permission: who sees them follows from
the events and circles a person manages (selectors.surveys_managed_by). Permissions are
created here when missing, as in monitor.0002_permissions."""

from django.db import migrations

GROUPS = ["Coördinatoren", "Editors"]
PERMISSIONS = [
    ("add_evaluationform", "Can add evaluatieformulier"),
    ("change_evaluationform", "Can change evaluatieformulier"),
    ("delete_evaluationform", "Can delete evaluatieformulier"),
    ("view_evaluationform", "Can view evaluatieformulier"),
]


def grant(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    content_type, _ = ContentType.objects.get_or_create(
        app_label="evaluations", model="evaluationform"
    )
    permissions = [
        Permission.objects.get_or_create(
            content_type=content_type, codename=codename, defaults={"name": name}
        )[0]
        for codename, name in PERMISSIONS
    ]
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.add(*permissions)


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    permissions = Permission.objects.filter(
        content_type__app_label="evaluations",
        codename__in=[codename for codename, _name in PERMISSIONS],
    )
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("evaluations", "0001_initial"),
        ("events", "0002_coordinator_group"),
        ("wagtailadmin", "0006_formstate"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
