"""Evaluation forms: the "Editors" group (the redactie) keeps the question forms (snippets) in
the admin; "Coördinatoren" see them, to choose one per event, but do not change them (a form,
the default one included, serves every section's events). Results need no model permission:
who sees them follows from the events and circles a person manages
(selectors.surveys_managed_by). Permissions are created here when missing, as in
monitor.0002_permissions."""

from django.db import migrations

# Which group gets which of the permissions below.
GROUP_PERMISSIONS = {
    "Editors": [
        "add_evaluationform",
        "change_evaluationform",
        "delete_evaluationform",
        "view_evaluationform",
    ],
    "Coördinatoren": ["view_evaluationform"],
}
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
    permissions = {
        codename: Permission.objects.get_or_create(
            content_type=content_type, codename=codename, defaults={"name": name}
        )[0]
        for codename, name in PERMISSIONS
    }
    for group in Group.objects.filter(name__in=list(GROUP_PERMISSIONS)):
        group.permissions.add(*(permissions[c] for c in GROUP_PERMISSIONS[group.name]))


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    permissions = Permission.objects.filter(
        content_type__app_label="evaluations",
        codename__in=[codename for codename, _name in PERMISSIONS],
    )
    for group in Group.objects.filter(name__in=list(GROUP_PERMISSIONS)):
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("evaluations", "0001_initial"),
        ("events", "0002_coordinator_group"),
        ("wagtailadmin", "0006_formstate"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
