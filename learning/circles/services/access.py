"""The circle's Django group, private section and collection, kept in step with its
memberships."""

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from learning.accounts.models import User

from ..models import (
    CircleKnowledgeIndexPage,
    CircleMembership,
    LearningCirclePage,
    MembershipRole,
    MembershipStatus,
)
from ..selectors import EDITOR_GROUP_NAMES
from .log import _log


def _group_name(circle: LearningCirclePage) -> str:
    return f"Leerkring {circle.pk}: {circle.title}"[:150]


def circle_access_ensure(*, circle: LearningCirclePage) -> LearningCirclePage:
    """Make sure the circle has its group, members-only section and private collection.

    Idempotent; called on every publication. Guarantees afterwards:

    - one Django group for the circle, holding exactly its approved members and coordinators;
    - a CircleKnowledgeIndexPage child with one PageViewRestriction of type groups that lets
      in the circle's group and the editors' groups (Wagtail's Editors and Moderators);
    - a private collection with a CollectionViewRestriction for the same groups.
    """
    with transaction.atomic():
        circle = LearningCirclePage.objects.select_for_update().get(pk=circle.pk)
        group = circle.group
        if group is None:
            group, _created = Group.objects.get_or_create(name=_group_name(circle))
        elif group.name != _group_name(circle):
            group.name = _group_name(circle)
            group.save(update_fields=["name"])
        collection = circle.collection
        if collection is None:
            collection = Collection.get_first_root_node().add_child(
                name=f"Leerkring: {circle.title}"[:255]
            )
        if circle.group_id != group.pk or circle.collection_id != collection.pk:
            LearningCirclePage.objects.filter(pk=circle.pk).update(
                group=group, collection=collection
            )
            circle.group, circle.collection = group, collection
        allowed = [group, *Group.objects.filter(name__in=EDITOR_GROUP_NAMES)]

        section = CircleKnowledgeIndexPage.objects.child_of(circle).first()
        if section is None:
            section = CircleKnowledgeIndexPage(
                title=str(_("Gedeeld in de kring")),
                slug="gedeeld",
                intro=str(_("Artikelen, verslagen en documenten, alleen voor de leden.")),
            )
            circle.add_child(instance=section)
            section.save_revision().publish()
        restriction = PageViewRestriction.objects.filter(page=section).first()
        if restriction is None or restriction.restriction_type != PageViewRestriction.GROUPS:
            PageViewRestriction.objects.filter(page=section).delete()
            restriction = PageViewRestriction.objects.create(
                page=section, restriction_type=PageViewRestriction.GROUPS
            )
        restriction.groups.set(allowed)

        collection_restriction = CollectionViewRestriction.objects.filter(
            collection=collection
        ).first()
        if (
            collection_restriction is None
            or collection_restriction.restriction_type != CollectionViewRestriction.GROUPS
        ):
            CollectionViewRestriction.objects.filter(collection=collection).delete()
            collection_restriction = CollectionViewRestriction.objects.create(
                collection=collection, restriction_type=CollectionViewRestriction.GROUPS
            )
        collection_restriction.groups.set(allowed)
        _sync_coordinators(circle)
        circle_group_rebuild(circle=circle)
    return circle


def circle_group_rebuild(*, circle: LearningCirclePage) -> None:
    """Set the circle's group to exactly its approved members and coordinators.

    The services keep the group in step with every change; this repairs it after something
    outside them changed a person's groups (an admin form, a script). Runs on every publication.
    """
    if circle.group_id is None:
        return
    with transaction.atomic():
        approved = User.objects.filter(
            circle_memberships__circle_id=circle.pk,
            circle_memberships__status=MembershipStatus.APPROVED,
        )
        Group.objects.get(pk=circle.group_id).user_set.set(approved)


def _sync_group(circle: LearningCirclePage, user) -> None:
    """Put the person in the circle's group exactly when the membership is approved."""
    if circle.group_id is None:
        return
    approved = CircleMembership.objects.filter(
        circle_id=circle.pk, user=user, status=MembershipStatus.APPROVED
    ).exists()
    if approved:
        user.groups.add(circle.group_id)
    else:
        user.groups.remove(circle.group_id)


def _sync_coordinators(circle: LearningCirclePage) -> None:
    """Coordinators chosen on the page become approved members with the coordinator role;
    those taken off the page leave. Runs inside circle_access_ensure's transaction."""
    chosen = set(circle.coordinators.values_list("pk", flat=True))
    now = timezone.now()
    current = {
        membership.user_id: membership
        for membership in CircleMembership.objects.select_for_update().filter(circle=circle)
    }
    for user in User.objects.filter(pk__in=chosen):
        membership = current.get(user.pk)
        if membership is None:
            membership = CircleMembership.objects.create(
                circle=circle,
                user=user,
                organisation_id=user.organisation_id,
                role=MembershipRole.COORDINATOR,
                status=MembershipStatus.APPROVED,
                decided_at=now,
            )
            _log(membership, actor=None, action="coordinator_added", from_status="")
        elif membership.role != MembershipRole.COORDINATOR or not membership.is_active:
            previous = membership.status
            membership.role = MembershipRole.COORDINATOR
            membership.status = MembershipStatus.APPROVED
            membership.decided_at = now
            membership.left_at = None
            membership.save()
            _log(membership, actor=None, action="coordinator_added", from_status=previous)
        _sync_group(circle, user)
    for user_id, membership in current.items():
        if membership.role == MembershipRole.COORDINATOR and user_id not in chosen:
            previous = membership.status
            membership.role = MembershipRole.MEMBER
            membership.status = MembershipStatus.LEFT
            membership.left_at = now
            membership.save()
            _log(membership, actor=None, action="coordinator_removed", from_status=previous)
            _sync_group(circle, membership.user)
