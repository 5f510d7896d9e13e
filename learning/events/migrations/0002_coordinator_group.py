"""The "Coördinatoren" group: manage registrations and the outbox, edit event pages.

Model permissions are created here when missing (Django only adds them after all migrations
ran), so the group is complete on a fresh database too.
"""

from django.db import migrations

GROUP_NAME = "Coördinatoren"

# (app_label, model, codename, name as Django would create it)
MODEL_PERMISSIONS = [
    ("wagtailadmin", "admin", "access_admin", "Can access Wagtail admin"),
    ("events", "registration", "view_registration", "Can view aanmelding"),
    ("events", "registration", "change_registration", "Can change aanmelding"),
]
OUTBOX_PERMISSIONS = [
    ("outbox", "outboxmessage", "view_outboxmessage", "Can view e-mail"),
    ("outbox", "outboxmessage", "change_outboxmessage", "Can change e-mail"),
]
PAGE_PERMISSION_CODENAMES = ["add_page", "change_page", "publish_page"]


def _permission(apps, app_label, model, codename, name):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": name}
    )
    return permission


def create_coordinator_group(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Site = apps.get_model("wagtailcore", "Site")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")

    wanted = list(MODEL_PERMISSIONS)
    try:
        apps.get_model("outbox", "OutboxMessage")
    except LookupError:
        pass
    else:
        wanted += OUTBOX_PERMISSIONS

    group, _ = Group.objects.get_or_create(name=GROUP_NAME)
    group.permissions.set([_permission(apps, *spec) for spec in wanted])

    # Page permissions on the site's home page: coordinators edit and publish events and
    # masterclasses, wherever they sit below it.
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return
    for codename in PAGE_PERMISSION_CODENAMES:
        action = codename.split("_")[0]
        permission = _permission(apps, "wagtailcore", "page", codename, f"Can {action} page")
        GroupPagePermission.objects.get_or_create(
            group=group, page_id=site.root_page_id, permission=permission
        )


def remove_coordinator_group(apps, schema_editor):
    # Cascades to the group's page permissions and memberships.
    apps.get_model("auth", "Group").objects.filter(name=GROUP_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("events", "0001_initial"),
        ("home", "0002_create_homepage"),
        ("outbox", "0001_initial"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailcore", "0098_apitoken"),
        # These hand "choose" permissions to every group with admin access when they run;
        # running them first keeps this group to exactly the permissions below.
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailimages", "0027_image_description"),
    ]

    operations = [migrations.RunPython(create_coordinator_group, remove_coordinator_group)]
