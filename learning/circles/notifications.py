"""E-mails about learning circles, written to the outbox in the caller's transaction.

Each queues a small row (recipient, template, ids); the worker renders it with ``render``.
"""

from datetime import timedelta

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from learning.accounts.models import User
from learning.calendar.ical import calendar_state, new_calendar, serialise
from learning.events.changes import change_lines
from learning.outbox.services import message_queue, message_queue_debounced

RENDERER = "circles.message"


def circle_kind(template: str) -> str:
    """The outbox kind of a circle e-mail made with ``circles/email/<template>``."""
    return f"circle_{template}"


# Every kind this module queues, with its Dutch name in the outbox (learning.outbox.renderers).
KIND_LABELS = {
    circle_kind("application_received"): gettext_lazy("Leerkring: nieuwe aanmelding"),
    circle_kind("approved"): gettext_lazy("Leerkring: aanmelding goedgekeurd"),
    circle_kind("declined"): gettext_lazy("Leerkring: aanmelding afgewezen"),
    circle_kind("invitation"): gettext_lazy("Leerkring: uitnodiging"),
    circle_kind("reminder"): gettext_lazy("Leerkring: herinnering aan bijeenkomst"),
    circle_kind("report"): gettext_lazy("Leerkring: verslag gepubliceerd"),
    circle_kind("meeting_changed"): gettext_lazy("Leerkring: bijeenkomst gewijzigd"),
    circle_kind("meeting_removed"): gettext_lazy("Leerkring: bijeenkomst gaat niet door"),
}
# As for events (learning.events.notifications): a burst of saves gives one message.
CHANGE_DELAY = timedelta(minutes=15)
CHANGE_MAX_DELAY = timedelta(hours=1)


def _queue(*, to: str, template: str, subject, circle_id: int, dedupe_key=None, user=None, **extra):
    return message_queue(
        to=to,
        kind=circle_kind(template),
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
    subject = payload["subject"]
    attachments = []
    if template == "meeting_changed" and context.get("meeting") is not None:
        meeting = context["meeting"]
        subject = _("Gaat niet door") if meeting.cancelled else _("Gewijzigd")
        context["changes"] = change_lines(
            payload.get("before") or {}, calendar_state(meeting), show_online=True
        )
        attachments = [_meeting_ics(meeting, circle=circle)]
    return {
        "subject": f"{subject}: {circle.title}",
        "text": render_to_string(f"circles/email/{template}.txt", context),
        "html": render_to_string(f"circles/email/{template}.html", context),
        "attachments": attachments,
    }


def _meeting_ics(meeting, *, circle) -> dict:
    """The meeting as an update (REQUEST) or withdrawal (CANCEL), with the feeds' UID."""
    from .feeds import meeting_vevent

    method = "CANCEL" if meeting.cancelled else "REQUEST"
    calendar = new_calendar(method=method)
    calendar.add_component(meeting_vevent(meeting, circle=circle))
    return {
        "filename": "uitnodiging.ics",
        "content": serialise(calendar),
        "mimetype": f"text/calendar; method={method}; charset=utf-8",
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


def meeting_changed(membership, *, meeting, before: dict) -> None:
    """Tell a member that a meeting's time, place, online link or status changed: one
    message per meeting and member per burst of saves, rendered when it is sent."""
    message_queue_debounced(
        to=membership.user.email,
        kind=circle_kind("meeting_changed"),
        renderer=RENDERER,
        payload={
            "template": "meeting_changed",
            "subject": "",
            "circle_id": meeting.circle_id,
            "recipient_id": membership.user_id,
            "meeting_id": meeting.pk,
            "before": before,
        },
        event=meeting.circle,
        user=membership.user,
        delay=CHANGE_DELAY,
        max_delay=CHANGE_MAX_DELAY,
        same={"meeting_id": meeting.pk},
    )


def meeting_removed(membership, *, meeting, circle) -> None:
    """Tell a member that a meeting was taken off the circle: rendered now, because the
    meeting is about to be deleted (``meeting`` is the service's cancelled copy)."""
    from .feeds import meeting_vevent

    context = {
        "circle": circle,
        "circle_url": _absolute(circle.url),
        "site_url": settings.SITE_URL,
        "recipient": membership.user,
        "meeting": meeting,
        "starts_local": timezone.localtime(meeting.starts_at),
        "changes": [_("De bijeenkomst gaat niet door.")],
    }
    calendar = new_calendar(method="CANCEL")
    calendar.add_component(meeting_vevent(meeting, circle=circle))
    message_queue(
        to=membership.user.email,
        kind=circle_kind("meeting_removed"),
        subject=f"{_('Gaat niet door')}: {circle.title}",
        text=render_to_string("circles/email/meeting_changed.txt", context),
        html=render_to_string("circles/email/meeting_changed.html", context),
        attachments=[
            {
                "filename": "uitnodiging.ics",
                "content": serialise(calendar),
                "mimetype": "text/calendar; method=CANCEL; charset=utf-8",
            }
        ],
        event=circle,
        user=membership.user,
    )
