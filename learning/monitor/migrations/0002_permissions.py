"""Monitor permissions for the "Coördinatoren" and "Editors" groups.

Coordinators see every response and answer (and export them) and run the rounds; editors
define questionnaires and rounds. Permissions are created here when missing (Django only
adds them after all migrations ran), as in events.0002_coordinator_group.
"""

from django.db import migrations

COORDINATORS = "Coördinatoren"
EDITORS = "Editors"

# (model, codename, name as Django would create it)
SETUP = [
    ("questionnaire", "add_questionnaire", "Can add vragenlijst"),
    ("questionnaire", "change_questionnaire", "Can change vragenlijst"),
    ("questionnaire", "delete_questionnaire", "Can delete vragenlijst"),
    ("round", "add_round", "Can add ronde"),
    ("round", "change_round", "Can change ronde"),
    ("round", "delete_round", "Can delete ronde"),
]
RESULTS = [
    ("response", "view_response", "Can view ingevulde monitor"),
    ("answer", "view_answer", "Can view antwoord"),
]


def _permission(apps, model, codename, name):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label="monitor", model=model)
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": name}
    )
    return permission


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    coordinators = Group.objects.filter(name=COORDINATORS).first()
    if coordinators is not None:
        coordinators.permissions.add(*(_permission(apps, *spec) for spec in SETUP + RESULTS))
    editors = Group.objects.filter(name=EDITORS).first()
    if editors is not None:
        editors.permissions.add(*(_permission(apps, *spec) for spec in SETUP))


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    codenames = [codename for _model, codename, _name in SETUP + RESULTS]
    permissions = Permission.objects.filter(
        content_type__app_label="monitor", codename__in=codenames
    )
    for group in Group.objects.filter(name__in=[COORDINATORS, EDITORS]):
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("monitor", "0001_initial"),
        ("events", "0002_coordinator_group"),
        ("wagtailadmin", "0006_formstate"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
