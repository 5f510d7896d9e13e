"""Membership rules for learning circles: the one place where they live.

Every membership change runs in one transaction that takes the circle's row lock, writes the
membership, brings the circle's Django group up to date, writes a MembershipLog entry and
queues its e-mails in the outbox. So the group (and with it every PageViewRestriction and
private collection of the circle) never disagrees with the memberships: leaving revokes
access in the same commit.
"""

from .access import circle_access_ensure, circle_group_rebuild
from .errors import CircleError
from .invitations import INVITATION_VALID, invitation_accept, invitation_create
from .meetings import (
    REPORT_NOTICE_WINDOW,
    attendance_record,
    meeting_removed,
    meetings_calendar_refresh,
    meetings_notify_changes,
    reports_notify,
)
from .memberships import (
    MOTIVATION_MAX_LENGTH,
    membership_apply,
    membership_approve,
    membership_decline,
    membership_leave,
)
from .publishing import circle_published
from .reminders import reminders_queue
from .retention import memberships_erase

__all__ = [
    "CircleError",
    "INVITATION_VALID",
    "MOTIVATION_MAX_LENGTH",
    "REPORT_NOTICE_WINDOW",
    "attendance_record",
    "circle_access_ensure",
    "circle_group_rebuild",
    "circle_published",
    "invitation_accept",
    "invitation_create",
    "meeting_removed",
    "meetings_calendar_refresh",
    "meetings_notify_changes",
    "membership_apply",
    "membership_approve",
    "membership_decline",
    "membership_leave",
    "memberships_erase",
    "reminders_queue",
    "reports_notify",
]
