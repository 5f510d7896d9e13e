"""E-mails about learning circles, written to the outbox in the caller's transaction.

Each queues a small row (recipient, template, ids); the worker renders it with ``render``.
"""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

RENDERER = "circles.message"


def _queue(*, to: str, template: str, subject, circle_id: int, dedupe_key=None, user=None, **extra):
    from learning.outbox.services import message_queue

    return message_queue(
        to=to,
        kind=f"circle_{template}",
        renderer=RENDERER,
        payload={
            "template": template,
            "subject": str(subject),
            "circle_id": circle_id,
            "recipient_id": user.pk if user else None,
            **extra,
        },
        user=user,
        dedupe_key=dedupe_key,
    )


def _absolute(url: str | None) -> str:
    return f"{settings.SITE_URL}{url}" if url else settings.SITE_URL


def render(payload: dict) -> dict:
    """The outbox renderer: subject, text and HTML from the payload's ids."""
    from learning.accounts.models import User

    from .models import CircleInvitation, CircleMeeting, CircleMembership, LearningCirclePage

    circle = LearningCirclePage.objects.get(pk=payload["circle_id"])
    circle_url = _absolute(circle.url)
    context = {
        "circle": circle,
        "circle_url": circle_url,
        "site_url": settings.SITE_URL,
        "reason": payload.get("reason", ""),
        "days": payload.get("days"),
        "recipient": User.objects.filter(pk=payload.get("recipient_id")).first(),
    }
    if payload.get("membership_id"):
        context["membership"] = (
            CircleMembership.objects.select_related("user", "organisation")
            .filter(pk=payload["membership_id"])
            .first()
        )
    if payload.get("meeting_id"):
        meeting = CircleMeeting.objects.filter(pk=payload["meeting_id"]).first()
        context["meeting"] = meeting
        context["starts_local"] = timezone.localtime(meeting.starts_at) if meeting else None
    if payload.get("invitation_id"):
        invitation = CircleInvitation.objects.select_related("invited_by").get(
            pk=payload["invitation_id"]
        )
        context["invitation"] = invitation
        context["invitation_url"] = f"{circle_url}uitnodiging/?token={invitation.token}"
    template = payload["template"]
    return {
        "subject": f"{payload['subject']}: {circle.title}",
        "text": render_to_string(f"circles/email/{template}.txt", context),
        "html": render_to_string(f"circles/email/{template}.html", context),
    }


def application_received(membership) -> None:
    """Tell the circle's coordinators that someone applied."""
    from .models import CircleMembership, MembershipRole, MembershipStatus

    coordinators = CircleMembership.objects.filter(
        circle_id=membership.circle_id,
        role=MembershipRole.COORDINATOR,
        status=MembershipStatus.APPROVED,
    ).select_related("user")
    for coordinator in coordinators:
        _queue(
            to=coordinator.user.email,
            template="application_received",
            subject=_("Nieuwe aanmelding"),
            circle_id=membership.circle_id,
            user=coordinator.user,
            membership_id=membership.pk,
        )


def membership_decided(membership, *, reason: str = "") -> None:
    from .models import MembershipStatus

    approved = membership.status == MembershipStatus.APPROVED
    _queue(
        to=membership.user.email,
        template="approved" if approved else "declined",
        subject=_("Welkom in de leerkring") if approved else _("Uw aanmelding"),
        circle_id=membership.circle_id,
        user=membership.user,
        membership_id=membership.pk,
        reason=reason,
    )


def invitation_sent(invitation) -> None:
    _queue(
        to=invitation.email,
        template="invitation",
        subject=_("Uitnodiging voor een leerkring"),
        circle_id=invitation.circle_id,
        invitation_id=invitation.pk,
    )


def meeting_reminder(membership, *, meeting, days: int) -> None:
    """Once per member, meeting, start time and window: the dedupe key sees to that."""
    key = (
        f"circle-reminder-{days}d-{meeting.pk}-{membership.user_id}-{meeting.starts_at:%Y%m%d%H%M}"
    )
    _queue(
        to=membership.user.email,
        template="reminder",
        subject=_("Herinnering") if days > 1 else _("Morgen"),
        circle_id=meeting.circle_id,
        user=membership.user,
        meeting_id=meeting.pk,
        days=days,
        dedupe_key=key,
    )


def report_published(membership, *, meeting) -> None:
    """Once per member and meeting, however often the circle is published again."""
    _queue(
        to=membership.user.email,
        template="report",
        subject=_("Verslag gepubliceerd"),
        circle_id=meeting.circle_id,
        user=membership.user,
        meeting_id=meeting.pk,
        dedupe_key=f"circle-report-{meeting.pk}-{membership.user_id}",
    )
