"""Circle meetings in calendars: the circle feed ``<circle-url>agenda.ics?token=…`` for its
members, and the personal feed's source for meetings (both registered in apps.py with
learning.calendar.registry).

Meetings use the shared VEVENT builder (learning.calendar.ical), so UID, SEQUENCE, time zone
and escaping follow the same rules. The online link is in these feeds only: both are for
members alone.
"""

import re
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, Max, Q
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from learning.accounts.models import User
from learning.accounts.services import calendar_token_get_or_create
from learning.calendar.errors import CalendarError
from learning.calendar.ical import event_url, new_calendar, serialise, vevent
from learning.calendar.registry import FeedContent

from . import selectors
from .models import MembershipStatus

# The shape of accounts' calendar tokens (URL-safe base64); anything else is not looked up.
TOKEN_SHAPE = re.compile(r"[A-Za-z0-9_-]{20,128}")


@dataclass(frozen=True)
class MeetingItem:
    """A meeting in the shape the VEVENT builder reads (an EventPage's calendar fields)."""

    translation_key: str
    ical_sequence: int
    last_published_at: datetime | None
    starts_at: datetime
    ends_at: datetime
    title: str
    intro: str
    location_name: str
    location_address: str
    online_url: str
    organiser_name: str
    organiser_email: str = ""
    all_day: bool = False


def meeting_uid_key(meeting) -> str:
    # The UID never changes with title or time; "@circulairleren" is added by the builder.
    return f"leerkring-bijeenkomst-{meeting.pk}"


def meeting_vevent(meeting, *, circle, request=None):
    """One VEVENT for a meeting, with the online link (feeds for members only)."""
    item = MeetingItem(
        translation_key=meeting_uid_key(meeting),
        ical_sequence=meeting.ical_sequence,
        last_published_at=circle.last_published_at,
        starts_at=meeting.starts_at,
        ends_at=meeting.ends_at,
        title=f"{meeting.title} ({circle.title})",
        intro=circle.intro,
        location_name=meeting.location_name,
        location_address=meeting.location_address,
        online_url=meeting.online_url,
        organiser_name=f"Leerkring {circle.title}",
    )
    return vevent(
        item,
        url=event_url(circle, request=request),
        status="CANCELLED" if meeting.cancelled else "CONFIRMED",
        dtstamp=circle.last_published_at or timezone.now(),
        include_online=not meeting.cancelled,
    )


def add_meetings(calendar, *, user, request=None) -> None:
    """The hook for the personal feed: the meetings of the person's circles (one query, none
    when the feed's state already showed that the person is in no circle)."""
    if getattr(user, "_circle_memberships_approved", None) == 0:
        return
    for meeting in selectors.meetings_for_calendar(user=user):
        calendar.add_component(meeting_vevent(meeting, circle=meeting.circle, request=request))


def personal_feed_aggregates() -> dict:
    """Aggregates over a User queryset that the personal feed's state query adds, so its
    ETag follows joining, leaving and every publication of the person's circles."""
    return {
        "circles_changed": Max("circle_memberships__updated_at"),
        "circles_published": Max("circle_memberships__circle__last_published_at"),
        "circles_approved": Count(
            "circle_memberships",
            filter=Q(circle_memberships__status=MembershipStatus.APPROVED),
            distinct=True,
        ),
        "circles_count": Count("circle_memberships", distinct=True),
        # Unpublishing a circle or removing a meeting changes what the feed holds.
        "circles_live": Count(
            "circle_memberships",
            filter=Q(
                circle_memberships__status=MembershipStatus.APPROVED,
                circle_memberships__circle__live=True,
            ),
            distinct=True,
        ),
        "circles_meetings": Count(
            "circle_memberships__circle__meetings",
            filter=Q(circle_memberships__status=MembershipStatus.APPROVED),
            distinct=True,
        ),
    }


def personal_feed_state(*, user, values: dict) -> tuple:
    """(last change, state string) from the values of ``personal_feed_aggregates``."""
    moments = [m for m in (values["circles_changed"], values["circles_published"]) if m]
    last = max(moments) if moments else None
    user._circle_memberships_approved = values["circles_approved"]
    stamp = last.timestamp() if last else 0
    counts = "-".join(
        str(values[key])
        for key in ("circles_approved", "circles_count", "circles_live", "circles_meetings")
    )
    return last, f"circles-{stamp:.6f}-{counts}"


def feed_token(*, circle=None, user) -> str:
    """The member's secret for a circle's feed: their personal calendar token (the personal
    feed's), made once and then kept. "Nieuwe link maken" on Mijn aanmeldingen revokes it
    for every feed at once; it only works while the person is a member."""
    return calendar_token_get_or_create(user=user)


def circle_feed_content(*, page, request) -> FeedContent:
    """``<circle-url>agenda.ics?token=…`` (registered with learning.calendar in apps.py): the
    circle's meetings for one member, a private feed.

    An unknown, revoked or malformed token answers 404; the token of someone who is no
    longer a member (or whose account is inactive) answers 403.
    """
    circle = page
    token = request.GET.get("token", "")
    if not TOKEN_SHAPE.fullmatch(token):
        raise Http404("Onbekende agendalink.")
    user = User.objects.filter(calendar_token=token, is_active=True).first()
    if user is None:
        raise Http404("Onbekende agendalink.")
    if not selectors.circle_access(circle=circle, user=user).is_member:
        raise CalendarError(
            "not_member", _("Deze agendalink werkt alleen voor leden van de leerkring.")
        )
    last, state = selectors.meetings_calendar_state(user=user, circle=circle)

    def build() -> str:
        calendar = new_calendar(name=_("Leerkring %(title)s") % {"title": circle.title})
        for meeting in selectors.meetings_for_calendar(user=user, circle=circle):
            calendar.add_component(meeting_vevent(meeting, circle=circle, request=request))
        return serialise(calendar)

    return FeedContent(
        state=f"circle-{circle.pk}-{user.pk}-{state}-{timezone.localdate():%Y%m%d}",
        last_modified=last,
        build=build,
        filename=f"{circle.slug}.ics",
    )
