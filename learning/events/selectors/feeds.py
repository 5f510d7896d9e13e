"""Calendar feeds: the public agenda feeds and a person's own feed, with their cache state."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Count, Exists, Max, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce, Length, Substr
from django.utils import timezone
from wagtail.models import PageViewRestriction

from learning.calendar.selectors import last_removal

from ..models import (
    ACTIVE_STATUSES,
    EventPage,
    Registration,
    RegistrationStatus,
)
from .agenda import events_filtered

# How long a cancelled event (public feeds) or a withdrawn registration (personal feed) stays
# in a feed as STATUS:CANCELLED, so subscribed calendars remove it instead of keeping it.
CALENDAR_CANCELLED_KEPT = timedelta(days=30)
# A person's past events stay in their personal feed for a year and a bit.
CALENDAR_PAST_KEPT = timedelta(days=400)


@dataclass(frozen=True)
class FeedState:
    """What a feed's ETag and Last-Modified are computed from: one aggregate query."""

    last_modified: datetime | None
    count: int
    extra: str = ""

    @property
    def etag(self) -> str:
        stamp = self.last_modified.timestamp() if self.last_modified else 0
        return f"{stamp:.6f}-{self.count}-{self.extra}"


def _public_live_events() -> QuerySet[EventPage]:
    """Live events outside any view restriction, as a single SQL query.

    ``PageQuerySet.public()`` would first read every restriction (an extra query); this
    subquery asks the same thing: is there a restriction on the page or on an ancestor?
    """
    restricted = PageViewRestriction.objects.filter(
        page__path=Substr(OuterRef("path"), 1, Length("page__path"))
    )
    return EventPage.objects.live().filter(~Exists(restricted))


def _last_event_publication():
    """The newest publication of any event (live or not): the agenda's Last-Modified never
    moves backwards when its newest event leaves it."""
    return Subquery(
        EventPage.objects.exclude(last_published_at=None)
        .order_by("-last_published_at")
        .values("last_published_at")[:1]
    )


def _in_calendar_feed(now) -> Q:
    """Upcoming, and when cancelled, published less than CALENDAR_CANCELLED_KEPT ago."""
    return Q(ends_at__gte=now) & (
        Q(cancelled=False) | Q(last_published_at__gte=now - CALENDAR_CANCELLED_KEPT)
    )


def events_for_calendar_feed(
    *, kind: str = "", theme: str = "", extra: dict | None = None
) -> QuerySet[EventPage]:
    """The agenda feed: upcoming public events and masterclasses, soonest first.

    Cancelled ones stay for CALENDAR_CANCELLED_KEPT after their (last) publication so that
    subscribed calendars show them as cancelled. The online link is never part of this feed.
    """
    events = _public_live_events().filter(_in_calendar_feed(timezone.now()))
    events = events_filtered(events, kind=kind, theme=theme, extra=extra)
    return events.order_by("starts_at", "pk")


def calendar_feed_state(*, kind: str = "", theme: str = "", extra: dict | None = None) -> FeedState:
    """The agenda feed's Last-Modified and count (its ETag), in one query.

    Every change of an event is a publication (which also raises its SEQUENCE when needed).
    Events also leave the feed as time passes: when they end, and when a cancellation is
    older than CALENDAR_CANCELLED_KEPT. Those moments count as modifications too, so a
    calendar that only sends If-Modified-Since does not keep an event that has gone.
    """
    now = timezone.now()
    in_feed = _in_calendar_feed(now)
    events = events_filtered(_public_live_events(), kind=kind, theme=theme, extra=extra)
    state = events.order_by().aggregate(
        published=Max("last_published_at", filter=in_feed),
        count=Count("pk", filter=in_feed),
        ended=Max("ends_at", filter=Q(ends_at__lt=now)),
        cancellation_aged=Max(
            "last_published_at",
            filter=Q(
                ends_at__gte=now,
                cancelled=True,
                last_published_at__lt=now - CALENDAR_CANCELLED_KEPT,
            ),
        ),
        published_any=Max(_last_event_publication()),
        removed=Max(last_removal()),
    )
    moments = [state["published"], state["ended"], state["published_any"], state["removed"]]
    if state["cancellation_aged"]:
        moments.append(state["cancellation_aged"] + CALENDAR_CANCELLED_KEPT)
    moments = [moment for moment in moments if moment]
    return FeedState(max(moments) if moments else None, state["count"])


def _earlier_registrations():
    # For ical.personal_sequence: the person's earlier registrations for the same event.
    return Subquery(
        Registration.objects.filter(
            event_id=OuterRef("event_id"), user_id=OuterRef("user_id"), pk__lt=OuterRef("pk")
        )
        .values("event_id")
        .annotate(count=Count("pk"))
        .values("count")
    )


def registrations_for_calendar(*, user) -> list[Registration]:
    """The personal feed: one registration per event, each with its event (one query).

    Active registrations for events that ended less than CALENDAR_PAST_KEPT ago or are still
    to come, and the person's own withdrawals of the last CALENDAR_CANCELLED_KEPT.
    Where someone withdrew and registered again, the active registration wins (one UID per
    event in a calendar).
    """
    now = timezone.now()
    registrations = (
        Registration.objects.filter(
            user=user, event__live=True, event__ends_at__gte=now - CALENDAR_PAST_KEPT
        )
        .filter(
            Q(status__in=ACTIVE_STATUSES)
            | Q(
                status=RegistrationStatus.CANCELLED,
                cancelled_at__gte=now - CALENDAR_CANCELLED_KEPT,
            )
        )
        .select_related("event")
        .annotate(earlier_registrations=Coalesce(_earlier_registrations(), 0))
        .order_by("event__starts_at", "event_id", "-updated_at")
    )
    chosen: dict[int, Registration] = {}
    for registration in registrations:
        current = chosen.get(registration.event_id)
        if current is None or (not current.is_active and registration.is_active):
            chosen[registration.event_id] = registration
    return list(chosen.values())


def registrations_feed_aggregates() -> dict:
    """The personal feed's state (learning.calendar.personal): aggregates over a User
    queryset for the person's registrations and their events."""
    return {
        "registrations_changed": Max("registrations__updated_at"),
        "registrations_published": Max("registrations__event__last_published_at"),
        "registrations_count": Count("registrations", distinct=True),
        "registrations_live": Count(
            "registrations", filter=Q(registrations__event__live=True), distinct=True
        ),
    }


def registrations_feed_state(*, user, values: dict) -> tuple:
    """(last change, state string) from the values of ``registrations_feed_aggregates``."""
    moments = [values["registrations_changed"], values["registrations_published"]]
    moments = [moment for moment in moments if moment]
    last = max(moments) if moments else None
    stamp = last.timestamp() if last else 0
    return last, (
        f"registrations-{stamp:.6f}-{values['registrations_count']}-{values['registrations_live']}"
    )
