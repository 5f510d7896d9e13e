"""Indicator permissions: editors ("Editors") maintain the definitions; coordinators
("Coördinatoren") see every organisation's values in the admin. Permissions are created here
when missing (Django only adds them after all migrations ran), as in monitor.0002."""

from django.db import migrations

COORDINATORS = "Coördinatoren"
EDITORS = "Editors"

DEFINITIONS = [
    ("indicator", "add_indicator", "Can add indicator"),
    ("indicator", "change_indicator", "Can change indicator"),
    ("indicator", "delete_indicator", "Can delete indicator"),
]
VALUES = [("indicatorvalue", "view_indicatorvalue", "Can view waarde van een indicator")]


def _permission(apps, model, codename, name):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label="indicators", model=model)
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": name}
    )
    return permission


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    editors = Group.objects.filter(name=EDITORS).first()
    if editors is not None:
        editors.permissions.add(*(_permission(apps, *spec) for spec in DEFINITIONS))
    coordinators = Group.objects.filter(name=COORDINATORS).first()
    if coordinators is not None:
        coordinators.permissions.add(*(_permission(apps, *spec) for spec in VALUES))


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    codenames = [codename for _model, codename, _name in DEFINITIONS + VALUES]
    permissions = Permission.objects.filter(
        content_type__app_label="indicators", codename__in=codenames
    )
    for group in Group.objects.filter(name__in=[COORDINATORS, EDITORS]):
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("indicators", "0002_nmf_indicators"),
        ("monitor", "0002_permissions"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
