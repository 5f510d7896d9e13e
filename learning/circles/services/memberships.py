"""Applying, deciding, leaving."""

from django.db import transaction
from django.utils import timezone

from .. import notifications
from ..models import (
    CircleMembership,
    LearningCirclePage,
    MembershipRole,
    MembershipStatus,
)
from .access import _sync_group
from .errors import _error
from .locking import _lock_circle
from .log import _log
from .rules import _approved_members, _require_manager

MOTIVATION_MAX_LENGTH = 2000


def membership_apply(*, circle: LearningCirclePage, user, motivation: str) -> CircleMembership:
    """Apply for a circle with a motivation; the organisation comes from the profile.

    Refused when not logged in, without an organisation, when the circle is closed or has
    ended, or when the person is a member, has an open application or was declined. Someone
    who left may apply again. Coordinators get an e-mail about the new application.
    """
    if not user.is_authenticated:
        raise _error("login_required")
    if user.organisation_id is None:
        raise _error("no_organisation")
    motivation = (motivation or "").strip()[:MOTIVATION_MAX_LENGTH]
    if not motivation:
        raise _error("motivation_required")
    with transaction.atomic():
        locked = _lock_circle(circle.pk)
        if locked.is_past:
            raise _error("ended")
        if not locked.applications_open:
            raise _error("closed")
        membership = (
            CircleMembership.objects.select_for_update().filter(circle=locked, user=user).first()
        )
        previous = membership.status if membership else ""
        if previous == MembershipStatus.APPROVED:
            raise _error("already_member")
        if previous == MembershipStatus.APPLIED:
            raise _error("already_applied")
        if previous == MembershipStatus.DECLINED:
            raise _error("declined")
        if membership is None:
            membership = CircleMembership(circle=locked, user=user)
        membership.organisation_id = user.organisation_id
        membership.role = MembershipRole.MEMBER
        membership.status = MembershipStatus.APPLIED
        membership.motivation = motivation
        membership.applied_at = timezone.now()
        membership.decided_at = None
        membership.decided_by = None
        membership.left_at = None
        membership.save()
        _log(membership, actor=user, action="apply", from_status=previous)
        notifications.application_received(membership)
    return membership


def membership_approve(
    *, membership: CircleMembership, actor, reason: str = ""
) -> CircleMembership:
    """A coordinator (or editor) admits an applicant: the person joins the circle's group and
    gets an e-mail, in one transaction. Refused when the circle is full."""
    return _decide(membership=membership, actor=actor, approve=True, reason=reason)


def membership_decline(
    *, membership: CircleMembership, actor, reason: str = ""
) -> CircleMembership:
    """A coordinator (or editor) declines an application; the applicant gets an e-mail."""
    return _decide(membership=membership, actor=actor, approve=False, reason=reason)


def _decide(*, membership, actor, approve: bool, reason: str) -> CircleMembership:
    _require_manager(membership.circle, actor)
    with transaction.atomic():
        circle = _lock_circle(membership.circle_id)
        membership = CircleMembership.objects.select_for_update().get(pk=membership.pk)
        if membership.status != MembershipStatus.APPLIED:
            raise _error("not_applied")
        if approve and _approved_members(circle) >= circle.max_members:
            raise _error("full")
        membership.status = MembershipStatus.APPROVED if approve else MembershipStatus.DECLINED
        membership.decided_at = timezone.now()
        membership.decided_by = actor
        membership.save()
        _log(
            membership,
            actor=actor,
            action="approve" if approve else "decline",
            from_status=MembershipStatus.APPLIED,
            reason=reason,
        )
        _sync_group(circle, membership.user)
        notifications.membership_decided(membership, reason=reason)
    return membership


def membership_leave(*, circle: LearningCirclePage, user, actor=None) -> CircleMembership:
    """Leave the circle (or withdraw an application). Access ends in the same transaction:
    the person is taken out of the circle's group, so private pages, documents and the
    circle's feed are closed to them at once."""
    actor = actor or user
    if actor != user:
        _require_manager(circle, actor)
    with transaction.atomic():
        locked = _lock_circle(circle.pk)
        membership = (
            CircleMembership.objects.select_for_update().filter(circle=locked, user=user).first()
        )
        if membership is None or membership.status not in (
            MembershipStatus.APPROVED,
            MembershipStatus.APPLIED,
        ):
            raise _error("not_member")
        if membership.role == MembershipRole.COORDINATOR:
            raise _error("coordinator_cannot_leave")
        previous = membership.status
        membership.status = MembershipStatus.LEFT
        membership.left_at = timezone.now()
        membership.save()
        _log(membership, actor=actor, action="leave", from_status=previous)
        _sync_group(locked, user)
    return membership
