"""The membership log: one entry per change."""

from ..models import (
    MembershipLog,
)


def _log(membership, *, actor, action: str, from_status: str, reason: str = "") -> None:
    MembershipLog.objects.create(
        membership=membership,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=action,
        from_status=from_status or "",
        to_status=membership.status,
        reason=reason,
    )
