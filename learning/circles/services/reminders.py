"""Reminders before circle meetings."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from .. import notifications
from ..models import (
    CircleMeeting,
    CircleMembership,
    MembershipStatus,
)


def reminders_queue(*, now=None) -> int:
    """Queue reminders 7 days and 1 day before every meeting (hourly task; safe to run twice).

    7 days: meetings starting between 6 and 7 days from now; 1 day: within the next 24 hours.
    Each member gets each reminder once (the outbox's dedupe key); cancelled meetings and
    unpublished circles get none.
    """
    now = now or timezone.now()
    windows = {
        7: (now + timedelta(days=6), now + timedelta(days=7)),
        1: (now, now + timedelta(days=1)),
    }
    queued = 0
    for days, (start, end) in windows.items():
        meetings = list(
            CircleMeeting.objects.filter(
                cancelled=False,
                circle__live=True,
                starts_at__gt=start,
                starts_at__lte=end,
            ).select_related("circle")
        )
        if not meetings:
            continue
        memberships = CircleMembership.objects.filter(
            circle_id__in={meeting.circle_id for meeting in meetings},
            status=MembershipStatus.APPROVED,
        ).select_related("user")
        by_circle: dict[int, list[CircleMembership]] = {}
        for membership in memberships:
            by_circle.setdefault(membership.circle_id, []).append(membership)
        with transaction.atomic():
            for meeting in meetings:
                for membership in by_circle.get(meeting.circle_id, []):
                    notifications.meeting_reminder(membership, meeting=meeting, days=days)
                    queued += 1
    return queued
