"""Membership rules for learning circles: the one place where they live.

Every membership change runs in one transaction that takes the circle's row lock, writes the
membership, brings the circle's Django group up to date, writes a MembershipLog entry and
queues its e-mails in the outbox. So the group (and with it every PageViewRestriction and
private collection of the circle) never disagrees with the memberships: leaving revokes
access in the same commit.
"""

import copy
import secrets
from datetime import datetime, timedelta

from django.contrib.auth.models import Group
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from learning.accounts import redaction
from learning.accounts.models import User
from learning.calendar.ical import calendar_fingerprint, calendar_state

from . import notifications
from .models import (
    CircleInvitation,
    CircleKnowledgeIndexPage,
    CircleMeeting,
    CircleMembership,
    LearningCirclePage,
    MeetingAttendance,
    MembershipLog,
    MembershipRole,
    MembershipStatus,
)
from .selectors import EDITOR_GROUP_NAMES, circle_access

INVITATION_VALID = timedelta(days=30)
# Reports of meetings that ended longer ago than this are not announced (again): someone who
# joins later finds them on the circle page without a pile of e-mails.
REPORT_NOTICE_WINDOW = timedelta(days=60)
MOTIVATION_MAX_LENGTH = 2000


class CircleError(Exception):
    """A refused circle action: a code for programs, a Dutch message for people."""

    def __init__(self, code: str, message):
        super().__init__(str(message))
        self.code = code
        self.message = message


def _error(code: str) -> CircleError:
    messages = {
        "login_required": _("Log in om u aan te melden voor een leerkring."),
        "no_organisation": _(
            "Vul eerst in uw profiel in bij welke overheid u werkt; die organisatie komt bij "
            "uw aanmelding."
        ),
        "closed": _("Deze leerkring neemt geen aanmeldingen meer aan."),
        "ended": _("Deze leerkring is afgelopen."),
        "already_member": _("U bent al lid van deze leerkring."),
        "already_applied": _("U heeft zich al aangemeld. De coördinator beoordeelt uw aanmelding."),
        "declined": _(
            "Uw aanmelding is eerder afgewezen. Neem contact op met de coördinator als u "
            "opnieuw wilt aanmelden."
        ),
        "motivation_required": _("Schrijf kort waarom u mee wilt doen."),
        "full": _("De leerkring is vol."),
        "forbidden": _("Dit mag alleen een coördinator van deze leerkring."),
        "not_applied": _("Deze aanmelding is al beoordeeld."),
        "not_member": _("U bent geen lid van deze leerkring."),
        "coordinator_cannot_leave": _(
            "Coördinatoren worden door de redactie aangewezen; vraag de redactie om u van de "
            "kring te halen."
        ),
        "invitation_invalid": _("Deze uitnodiging is ongeldig. Gebruik de link uit de e-mail."),
        "invitation_used": _("Deze uitnodiging is al gebruikt."),
        "invitation_expired": _(
            "Deze uitnodiging is verlopen. Vraag de coördinator om een nieuwe uitnodiging."
        ),
        "invitation_other_address": _(
            "Deze uitnodiging is voor een ander e-mailadres. Log in met het adres waarop u de "
            "uitnodiging kreeg."
        ),
        "unknown_meeting": _("Deze bijeenkomst hoort niet bij deze leerkring."),
    }
    return CircleError(code, messages[code])


# --- Groups, private section and collection ---------------------------------------------------


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


def _lock_circle(circle_id: int) -> LearningCirclePage:
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("circle locks are taken inside a transaction")
    return LearningCirclePage.objects.select_for_update().get(pk=circle_id)


def _log(membership, *, actor, action: str, from_status: str, reason: str = "") -> None:
    MembershipLog.objects.create(
        membership=membership,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=action,
        from_status=from_status or "",
        to_status=membership.status,
        reason=reason,
    )


def _approved_members(circle: LearningCirclePage) -> int:
    return CircleMembership.objects.filter(
        circle=circle, status=MembershipStatus.APPROVED, role=MembershipRole.MEMBER
    ).count()


def _require_manager(circle: LearningCirclePage, actor) -> None:
    if actor is None or not circle_access(circle=circle, user=actor).can_manage:
        raise _error("forbidden")


# --- Applying, deciding, leaving --------------------------------------------------------------


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


# --- Invitations -------------------------------------------------------------------------------


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


# --- Meetings ----------------------------------------------------------------------------------


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
        fingerprint = calendar_fingerprint(meeting)
        previous = meeting.ical_fingerprint
        if fingerprint == previous:
            continue
        updates = {"ical_fingerprint": fingerprint, "ical_state": calendar_state(meeting)}
        if previous:
            updates["ical_sequence"] = F("ical_sequence") + 1
        if (
            CircleMeeting.objects.filter(pk=meeting.pk, ical_fingerprint=previous).update(**updates)
            and previous
        ):
            changed.append((meeting, meeting.ical_state or {}))
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


def circle_published(*, circle: LearningCirclePage) -> None:
    """Everything that follows a publication of a circle page (see handlers.py)."""
    circle = circle_access_ensure(circle=circle)
    changes = meetings_calendar_refresh(circle=circle)
    meetings_notify_changes(circle=circle, changes=changes)
    reports_notify(circle=circle)


# --- Privacy -----------------------------------------------------------------------------------


def memberships_erase(*, user) -> None:
    """Account deletion: memberships (with their log), attendance and invitations of the
    person go; the group loses them with the account itself. What others wrote about the
    person (a coordinator's reason, another applicant's motivation, a meeting report) stays
    without their name or address."""
    terms = redaction.identifiers(user)
    with transaction.atomic():
        MeetingAttendance.objects.filter(user=user).delete()
        for address in redaction.email_addresses(user):
            CircleInvitation.objects.filter(email__iexact=address).delete()
        CircleMembership.objects.filter(user=user).delete()
        for model in (MembershipLog, CircleMembership, CircleInvitation, CircleMeeting):
            redaction.redact_rows(model.objects.all(), terms)
