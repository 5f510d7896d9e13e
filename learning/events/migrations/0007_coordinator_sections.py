"""Coordinators edit the event sections only, no longer every page of the site.

Until now the group "Coördinatoren" could add, edit and publish anywhere below the home page,
and so (Wagtail ties privacy to publishing) open a members-only section to everyone. Their
page permissions move from the home page to the sections that hold events: every agenda
(EventIndexPage) and masterclass programme (ProgrammePage). See learning/events/coordination.py.
"""

from django.db import migrations

GROUP_NAME = "Coördinatoren"
CODENAMES = ["add_page", "change_page", "publish_page"]


def _sections(apps):
    sections = []
    for app_label, model in (("events", "EventIndexPage"), ("masterclasses", "ProgrammePage")):
        sections += list(apps.get_model(app_label, model).objects.values_list("pk", flat=True))
    return sections


def to_sections(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Site = apps.get_model("wagtailcore", "Site")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    group = Group.objects.filter(name=GROUP_NAME).first()
    if group is None:
        return
    granted = GroupPagePermission.objects.filter(group=group, permission__codename__in=CODENAMES)
    permissions = {
        p.permission.codename: p.permission for p in granted.select_related("permission")
    }
    root_ids = Site.objects.values_list("root_page_id", flat=True)
    granted.filter(page_id__in=root_ids).delete()
    for page_id in _sections(apps):
        for permission in permissions.values():
            GroupPagePermission.objects.get_or_create(
                group=group, page_id=page_id, permission=permission
            )


def to_home_page(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Site = apps.get_model("wagtailcore", "Site")
    Permission = apps.get_model("auth", "Permission")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    group = Group.objects.filter(name=GROUP_NAME).first()
    site = Site.objects.filter(is_default_site=True).first()
    if group is None or site is None:
        return
    for permission in Permission.objects.filter(
        content_type__app_label="wagtailcore", codename__in=CODENAMES
    ):
        GroupPagePermission.objects.get_or_create(
            group=group, page_id=site.root_page_id, permission=permission
        )


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0006_registration_organisation_optional"),
        ("masterclasses", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(to_sections, to_home_page)]
