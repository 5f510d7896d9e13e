"""Reads for learning circles: who may do what, and what pages, lists and feeds show.

Every function runs a fixed number of queries, however many members or meetings a circle has.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import BooleanField, Count, ExpressionWrapper, Max, Q, QuerySet
from django.utils import timezone

from learning.core.visibility import pages_visible_to

from .models import (
    CircleIndexPage,
    CircleKnowledgePage,
    CircleMeeting,
    CircleMembership,
    LearningCirclePage,
    MeetingAttendance,
    MembershipRole,
    MembershipStatus,
)

# Wagtail's own editor groups: they may read every circle's private section and manage it.
EDITOR_GROUP_NAMES = ("Editors", "Moderators")
# How long a past or cancelled meeting stays in calendar feeds (as for events).
# Past meetings stay in the personal feed for a year and a bit (a calendar that drops them
# empties people's history); the circle's own feed keeps all of them.
CALENDAR_KEPT = timedelta(days=400)


@dataclass(frozen=True)
class CircleAccess:
    """What one person may do in one circle."""

    membership: CircleMembership | None
    is_editor: bool
    is_superuser: bool

    @property
    def is_member(self) -> bool:
        """An approved member or coordinator of this circle."""
        return self.membership is not None and self.membership.status == MembershipStatus.APPROVED

    @property
    def is_coordinator(self) -> bool:
        return self.is_member and self.membership.role == MembershipRole.COORDINATOR

    @property
    def can_manage(self) -> bool:
        """Approve, decline, invite, record attendance, see and export the member list."""
        return self.is_coordinator or self.is_editor or self.is_superuser

    @property
    def can_read_private(self) -> bool:
        """The members-only section, agendas, reports, online links and the member list."""
        return self.is_member or self.can_manage

    @property
    def status(self) -> str:
        return self.membership.status if self.membership else ""

    @property
    def is_applicant(self) -> bool:
        """Applied and waiting for the coordinator's decision (may withdraw)."""
        return self.status == MembershipStatus.APPLIED

    @property
    def is_declined(self) -> bool:
        return self.status == MembershipStatus.DECLINED


NO_ACCESS = CircleAccess(membership=None, is_editor=False, is_superuser=False)


def user_is_editor(user) -> bool:
    if not user.is_authenticated:
        return False
    cached = getattr(user, "_circles_is_editor", None)
    if cached is None:
        cached = user.groups.filter(name__in=EDITOR_GROUP_NAMES).exists()
        user._circles_is_editor = cached
    return cached


def memberships_managed_by(*, user) -> QuerySet[CircleMembership]:
    """The memberships ``user`` may see and decide on in the admin (given its permissions).

    As ``CircleAccess.can_manage``: every circle's for superusers and Wagtail's editor groups,
    otherwise only those of the circles the person coordinates. One subquery, no query per row.
    """
    if user is None or not user.is_authenticated or not user.is_active:
        return CircleMembership.objects.none()
    if user.is_superuser or user_is_editor(user):
        return CircleMembership.objects.all()
    coordinated = CircleMembership.objects.filter(
        user=user, status=MembershipStatus.APPROVED, role=MembershipRole.COORDINATOR
    ).values("circle_id")
    return CircleMembership.objects.filter(circle_id__in=coordinated)


def circle_access(*, circle: LearningCirclePage, user) -> CircleAccess:
    """The person's membership and rights in ``circle``; at most two queries."""
    if not user.is_authenticated:
        return NO_ACCESS
    membership = CircleMembership.objects.filter(circle_id=circle.pk, user=user).first()
    return CircleAccess(
        membership=membership,
        is_editor=user_is_editor(user),
        is_superuser=user.is_superuser,
    )


def circles_for_index(*, index, user) -> QuerySet[LearningCirclePage]:
    """The live circles under ``index`` the person may see, with their member counts."""
    circles = LearningCirclePage.objects.child_of(index).live()
    circles = pages_visible_to(circles, user)
    return (
        circles.annotate(
            member_count=Count(
                "memberships",
                filter=Q(
                    memberships__status=MembershipStatus.APPROVED,
                    memberships__role=MembershipRole.MEMBER,
                ),
            )
        )
        .prefetch_related("themes")
        .order_by("-starts_on", "title")
    )


def member_count(*, circle: LearningCirclePage) -> int:
    """Approved members (coordinators not counted, as for the maximum)."""
    return CircleMembership.objects.filter(
        circle_id=circle.pk, status=MembershipStatus.APPROVED, role=MembershipRole.MEMBER
    ).count()


def circle_members(*, circle: LearningCirclePage) -> QuerySet[CircleMembership]:
    """Approved members and coordinators, coordinators first, then by name."""
    return (
        CircleMembership.objects.filter(circle_id=circle.pk, status=MembershipStatus.APPROVED)
        .select_related("user", "organisation")
        .order_by("-role", "user__full_name", "pk")
    )


def circle_coordinators(*, circle: LearningCirclePage) -> list:
    return [
        membership.user
        for membership in circle_members(circle=circle).filter(role=MembershipRole.COORDINATOR)
    ]


def circle_organisations(*, circle: LearningCirclePage) -> list[str]:
    """The organisations of the approved members, each once, by name."""
    return list(
        CircleMembership.objects.filter(
            circle_id=circle.pk,
            status=MembershipStatus.APPROVED,
            role=MembershipRole.MEMBER,
            organisation__isnull=False,
        )
        .values_list("organisation__name", flat=True)
        .distinct()
        .order_by("organisation__name")
    )


def _status_is(status: str) -> ExpressionWrapper:
    return ExpressionWrapper(Q(status=status), output_field=BooleanField())


def circle_applications(*, circle: LearningCirclePage) -> QuerySet[CircleMembership]:
    """Open applications first (oldest first), then earlier decisions (newest first).

    Each has ``is_open``: still waiting for a decision (approve or decline it).
    """
    return (
        CircleMembership.objects.filter(
            circle_id=circle.pk,
            status__in=[MembershipStatus.APPLIED, MembershipStatus.DECLINED],
        )
        .annotate(is_open=_status_is(MembershipStatus.APPLIED))
        .select_related("user", "organisation", "decided_by")
        .order_by("-status", "applied_at", "pk")
    )


def circle_meetings(*, circle: LearningCirclePage) -> list[CircleMeeting]:
    """The circle's meetings in time order (one query)."""
    return list(CircleMeeting.objects.filter(circle_id=circle.pk).order_by("starts_at", "pk"))


def attendance_by_meeting(*, circle: LearningCirclePage) -> dict[int, dict[int, bool]]:
    """{meeting id: {user id: present}} for the whole circle, in one query."""
    result: dict[int, dict[int, bool]] = {}
    for meeting_id, user_id, present in MeetingAttendance.objects.filter(
        meeting__circle_id=circle.pk
    ).values_list("meeting_id", "user_id", "present"):
        result.setdefault(meeting_id, {})[user_id] = present
    return result


def attendance_rows(*, circle: LearningCirclePage) -> list[dict]:
    """One row per meeting and member (for the export), in three queries."""
    meetings = circle_meetings(circle=circle)
    members = list(circle_members(circle=circle).filter(role=MembershipRole.MEMBER))
    recorded = attendance_by_meeting(circle=circle)
    rows = []
    for meeting in meetings:
        for membership in members:
            present = recorded.get(meeting.pk, {}).get(membership.user_id)
            rows.append({"meeting": meeting, "membership": membership, "present": present})
    return rows


def knowledge_pages(*, section, user) -> QuerySet[CircleKnowledgePage]:
    """The live members-only pages of a section that the person may see, newest first."""
    pages = CircleKnowledgePage.objects.child_of(section).live()
    return pages_visible_to(pages, user).order_by("-first_published_at", "-pk")


def private_section(*, circle: LearningCirclePage):
    from .models import CircleKnowledgeIndexPage

    return CircleKnowledgeIndexPage.objects.child_of(circle).first()


def circles_of_user(*, user) -> QuerySet[CircleMembership]:
    """The person's memberships and applications ("Mijn leerkringen"), newest circle first.

    Each has ``is_member``: approved (its role is what the person is in the circle).
    """
    return (
        CircleMembership.objects.filter(user=user, circle__live=True)
        .annotate(is_member=_status_is(MembershipStatus.APPROVED))
        .select_related("circle")
        .order_by("-circle__starts_on", "pk")
    )


# --- Calendar feeds --------------------------------------------------------------------------


def meetings_for_calendar(*, user, circle: LearningCirclePage | None = None) -> list[CircleMeeting]:
    """Meetings of the person's circles that ended less than CALENDAR_KEPT ago or are still to
    come, or every meeting of one ``circle``, each with its circle; one query. Only for
    approved members: a former member's feed loses them at once."""
    circles = CircleMembership.objects.filter(user=user, status=MembershipStatus.APPROVED).values(
        "circle_id"
    )
    meetings = CircleMeeting.objects.filter(circle_id__in=circles, circle__live=True)
    if circle is not None:
        meetings = meetings.filter(circle_id=circle.pk)
    else:
        meetings = meetings.filter(ends_at__gte=timezone.now() - CALENDAR_KEPT)
    return list(meetings.select_related("circle").order_by("starts_at", "pk"))


def meetings_calendar_state(*, user, circle: LearningCirclePage | None = None):
    """(last change, fingerprint) of the person's circle meetings, in one query.

    Changes to meetings are publications of their circle; joining or leaving changes the
    membership's ``updated_at``. Both move the state, so feed ETags change with them.
    """
    memberships = CircleMembership.objects.filter(user=user)
    if circle is not None:
        memberships = memberships.filter(circle_id=circle.pk)
    state = memberships.aggregate(
        changed=Max("updated_at"),
        published=Max("circle__last_published_at"),
        approved=Count("pk", filter=Q(status=MembershipStatus.APPROVED)),
        count=Count("pk"),
    )
    moments: list[datetime] = [m for m in (state["changed"], state["published"]) if m]
    last = max(moments) if moments else None
    stamp = last.timestamp() if last else 0
    return last, f"circles-{stamp:.6f}-{state['approved']}-{state['count']}"


# --- Home page -------------------------------------------------------------------------------

HOME_CIRCLES = 3
HOME_MEETINGS = 5


@dataclass(frozen=True)
class OpenCircles:
    circles: list
    count: int
    index: CircleIndexPage | None


def circles_open_for_applications(*, user, limit: int = HOME_CIRCLES) -> OpenCircles:
    """Live circles ``user`` may see that take applications and have not ended, the soonest
    start first, with their number (three queries)."""
    circles = pages_visible_to(LearningCirclePage.objects.live(), user).filter(
        applications_open=True, ends_on__gte=timezone.localdate()
    )
    return OpenCircles(
        circles=list(circles.order_by("starts_on", "title")[:limit]),
        count=circles.count(),
        index=CircleIndexPage.objects.live().order_by("path").first(),
    )


def meetings_upcoming_of(*, user, limit: int = HOME_MEETINGS) -> list[CircleMeeting]:
    """The next meetings (not cancelled) of the circles the person is an approved member of,
    soonest first, each with its circle; one query."""
    circles = CircleMembership.objects.filter(user=user, status=MembershipStatus.APPROVED).values(
        "circle_id"
    )
    return list(
        CircleMeeting.objects.filter(
            circle_id__in=circles,
            circle__live=True,
            cancelled=False,
            ends_at__gte=timezone.now(),
        )
        .select_related("circle")
        .order_by("starts_at", "pk")[:limit]
    )
