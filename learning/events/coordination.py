"""Which events a coordinator coordinates: the sections whose pages their group may edit.

Coordinators (group "Coördinatoren", data migration events.0002/0005) get Wagtail page
permissions only on the sections that hold events: the agenda and the masterclass programmes.
Below those they add, edit and publish events; elsewhere (the knowledge base, the members-only
sections of circles, the home page) they can change nothing, privacy included (Wagtail lets
whoever may publish a page change its privacy). The same page permissions decide which
outbox messages they see (``learning.outbox.selectors.messages_visible_to``) and whose
registrations they list, export, change and message in the admin
(``learning.events.selectors.events_managed_by``, ``services.can_manage_event``).

Editors grant a new section in Settings → Groups → Coördinatoren, or with
``coordinator_sections_grant`` (load_demo does).
"""

from django.contrib.auth.models import Group, Permission
from wagtail.models import GroupPagePermission, Page

COORDINATOR_GROUP = "Coördinatoren"
SECTION_PERMISSIONS = ("add_page", "change_page", "publish_page")


def coordinator_sections_grant(*, pages: list[Page], group_name: str = COORDINATOR_GROUP) -> None:
    """Let the coordinators' group add, edit and publish below each page. Safe to run twice.

    Does nothing when the group does not exist (a database without the data migration).
    """
    group = Group.objects.filter(name=group_name).first()
    if group is None:
        return
    permissions = Permission.objects.filter(
        content_type__app_label="wagtailcore", codename__in=SECTION_PERMISSIONS
    )
    for page in pages:
        for permission in permissions:
            GroupPagePermission.objects.get_or_create(group=group, page=page, permission=permission)
