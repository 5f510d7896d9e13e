"""Invitations: a coordinator invites an address, the person accepts with the token."""

import secrets
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from .. import notifications
from ..models import (
    CircleInvitation,
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

INVITATION_VALID = timedelta(days=30)


def invitation_create(*, circle: LearningCirclePage, email: str, actor) -> CircleInvitation:
    """A coordinator invites someone by e-mail address; the e-mail holds a one-time link.

    The address need not have an account yet: the person creates one or logs in, and joins
    with the link. Inviting someone who is already a member is refused.
    """
    _require_manager(circle, actor)
    email = email.strip().lower()
    with transaction.atomic():
        locked = _lock_circle(circle.pk)
        if CircleMembership.objects.filter(
            circle=locked, user__email__iexact=email, status=MembershipStatus.APPROVED
        ).exists():
            raise _error("already_member")
        now = timezone.now()
        invitation = CircleInvitation.objects.create(
            circle=locked,
            email=email,
            token=secrets.token_urlsafe(32),
            invited_by=actor,
            created_at=now,
            expires_at=now + INVITATION_VALID,
        )
        notifications.invitation_sent(invitation)
    return invitation


def invitation_accept(*, invitation: CircleInvitation, user) -> CircleMembership:
    """Join with an invitation: only the invited address, once, before it expires.

    The invitation is the coordinator's approval, so the person becomes a member at once
    (still within the circle's maximum) and joins its group in the same transaction.
    """
    if not user.is_authenticated:
        raise _error("login_required")
    with transaction.atomic():
        circle = _lock_circle(invitation.circle_id)
        invitation = CircleInvitation.objects.select_for_update().get(pk=invitation.pk)
        if invitation.accepted_at is not None:
            raise _error("invitation_used")
        if invitation.expires_at <= timezone.now():
            raise _error("invitation_expired")
        if invitation.email.lower() != user.email.lower():
            raise _error("invitation_other_address")
        membership = (
            CircleMembership.objects.select_for_update().filter(circle=circle, user=user).first()
        )
        previous = membership.status if membership else ""
        if previous == MembershipStatus.APPROVED:
            raise _error("already_member")
        if _approved_members(circle) >= circle.max_members:
            raise _error("full")
        if membership is None:
            membership = CircleMembership(circle=circle, user=user, applied_at=timezone.now())
        membership.organisation_id = user.organisation_id
        membership.role = MembershipRole.MEMBER
        membership.status = MembershipStatus.APPROVED
        membership.decided_at = timezone.now()
        membership.decided_by = invitation.invited_by
        membership.left_at = None
        membership.save()
        _log(membership, actor=user, action="accept_invitation", from_status=previous)
        invitation.accepted_at = timezone.now()
        invitation.accepted_by = user
        invitation.save(update_fields=["accepted_at", "accepted_by"])
        _sync_group(circle, user)
    return membership
