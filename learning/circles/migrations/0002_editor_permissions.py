"""Wagtail's "Editors" and "Moderators" may see and decide on circle memberships in the admin.

They are the groups that the members-only sections and collections of every circle let in
(services.circle_access_ensure), so they are the ones that manage circles. Permissions are
created here when missing (Django only adds them after all migrations ran).
"""

from django.db import migrations

GROUP_NAMES = ("Editors", "Moderators")
PERMISSIONS = [
    ("view_circlemembership", "Can view lidmaatschap leerkring"),
    ("change_circlemembership", "Can change lidmaatschap leerkring"),
]


def grant(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    content_type, _ = ContentType.objects.get_or_create(
        app_label="circles", model="circlemembership"
    )
    permissions = [
        Permission.objects.get_or_create(
            content_type=content_type, codename=codename, defaults={"name": name}
        )[0]
        for codename, name in PERMISSIONS
    ]
    for group in Group.objects.filter(name__in=GROUP_NAMES):
        group.permissions.add(*permissions)


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    permissions = Permission.objects.filter(
        content_type__app_label="circles", codename__in=[c for c, _n in PERMISSIONS]
    )
    for group in Group.objects.filter(name__in=GROUP_NAMES):
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("circles", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0002_initial_data"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
