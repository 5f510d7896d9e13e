"""Meetings: attendance, calendar changes, a removed meeting, reports."""

import copy
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from learning.calendar.services import calendar_item_refresh

from .. import notifications
from ..models import (
    CircleMeeting,
    CircleMembership,
    LearningCirclePage,
    MeetingAttendance,
    MembershipRole,
    MembershipStatus,
)
from .errors import _error
from .locking import _lock_circle
from .rules import _require_manager

# Reports of meetings that ended longer ago than this are not announced (again): someone who
# joins later finds them on the circle page without a pile of e-mails.
REPORT_NOTICE_WINDOW = timedelta(days=60)


def attendance_record(
    *, circle: LearningCirclePage, meeting_id: int, actor, present_user_ids
) -> int:
    """Record who was at a meeting: every current member gets a row, present or not.

    Only for coordinators and editors; ids of people who are not members are ignored.
    Returns the number of members marked present.
    """
    _require_manager(circle, actor)
    present_ids = {int(pk) for pk in present_user_ids}
    with transaction.atomic():
        locked = _lock_circle(circle.pk)
        meeting = CircleMeeting.objects.filter(pk=meeting_id, circle=locked).first()
        if meeting is None:
            raise _error("unknown_meeting")
        member_ids = list(
            CircleMembership.objects.filter(
                circle=locked, status=MembershipStatus.APPROVED, role=MembershipRole.MEMBER
            ).values_list("user_id", flat=True)
        )
        existing = {row.user_id: row for row in MeetingAttendance.objects.filter(meeting=meeting)}
        now = timezone.now()
        for user_id in member_ids:
            present = user_id in present_ids
            row = existing.get(user_id)
            if row is None:
                MeetingAttendance.objects.create(
                    meeting=meeting, user_id=user_id, present=present, recorded_by=actor
                )
            elif row.present != present:
                row.present = present
                row.recorded_by = actor
                row.recorded_at = now
                row.save(update_fields=["present", "recorded_by", "recorded_at"])
    return len(present_ids & set(member_ids))


def meetings_calendar_refresh(*, circle: LearningCirclePage) -> list[tuple[CircleMeeting, dict]]:
    """Raise a meeting's iCalendar SEQUENCE when its time, place, online link or status
    changed (as for events) and store its calendar state; the first publication only records
    them. Conditional updates, so two simultaneous publications raise it once. Returns the
    changed meetings with their state before this publication."""
    changed = []
    for meeting in CircleMeeting.objects.filter(circle_id=circle.pk):
        _tried, before = calendar_item_refresh(item=meeting)
        if before is not None:
            changed.append((meeting, before))
    return changed


def meetings_notify_changes(
    *, circle: LearningCirclePage, changes: list[tuple[CircleMeeting, dict]]
) -> int:
    """Tell every approved member that a meeting's time, place, online link or status changed:
    one update per meeting and member however often the circle is saved in a row (see
    learning.events.notifications.event_changed). Nothing for meetings that were and are over.
    Returns the number of e-mails asked for."""
    now = timezone.now()
    changes = [
        (meeting, before)
        for meeting, before in changes
        if meeting.ends_at >= now or (before and datetime.fromisoformat(before["ends_at"]) >= now)
    ]
    if not changes:
        return 0
    members = list(
        CircleMembership.objects.filter(
            circle_id=circle.pk, status=MembershipStatus.APPROVED
        ).select_related("user")
    )
    with transaction.atomic():
        for meeting, before in changes:
            for membership in members:
                notifications.meeting_changed(membership, meeting=meeting, before=before)
    return len(changes) * len(members)


def meeting_removed(*, meeting: CircleMeeting) -> int:
    """A meeting is being deleted (taken off its circle and published): every approved
    member hears that it does not take place, with a CANCEL for their calendar. Nothing for
    a meeting that is over or was already cancelled. Returns the number of e-mails."""
    if meeting.ends_at < timezone.now() or meeting.cancelled:
        return 0
    circle = LearningCirclePage.objects.filter(pk=meeting.circle_id).first()
    if circle is None or not circle.live:
        return 0
    members = CircleMembership.objects.filter(
        circle_id=circle.pk, status=MembershipStatus.APPROVED
    ).select_related("user")
    # A cancelled copy with a SEQUENCE above the last one clients saw (the row is going).
    cancelled = copy.copy(meeting)
    cancelled.cancelled = True
    cancelled.ical_sequence = meeting.ical_sequence + 1
    count = 0
    for membership in members:
        notifications.meeting_removed(membership, meeting=cancelled, circle=circle)
        count += 1
    return count


def reports_notify(*, circle: LearningCirclePage) -> int:
    """Tell the members once about every report published on a recent past meeting.

    Called after every publication; the outbox's dedupe key per meeting and member makes a
    second publication (or an edit of the report) queue nothing new. Returns the number of
    e-mails asked for.
    """
    recent = timezone.now() - REPORT_NOTICE_WINDOW
    meetings = [
        meeting
        for meeting in CircleMeeting.objects.filter(
            circle_id=circle.pk, ends_at__gte=recent, ends_at__lte=timezone.now()
        ).exclude(report="")
        if meeting.report.strip()
    ]
    if not meetings:
        return 0
    members = list(
        CircleMembership.objects.filter(
            circle_id=circle.pk, status=MembershipStatus.APPROVED
        ).select_related("user")
    )
    queued = 0
    with transaction.atomic():
        for meeting in meetings:
            for membership in members:
                notifications.report_published(membership, meeting=meeting)
                queued += 1
    return queued
