"""Checks the membership actions share."""

from ..models import (
    CircleMembership,
    LearningCirclePage,
    MembershipRole,
    MembershipStatus,
)
from ..selectors import circle_access
from .errors import _error


def _approved_members(circle: LearningCirclePage) -> int:
    return CircleMembership.objects.filter(
        circle=circle, status=MembershipStatus.APPROVED, role=MembershipRole.MEMBER
    ).count()


def _require_manager(circle: LearningCirclePage, actor) -> None:
    if actor is None or not circle_access(circle=circle, user=actor).can_manage:
        raise _error("forbidden")
