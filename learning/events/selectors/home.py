"""The home page: upcoming events and a person's next registrations."""

from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils import timezone

from learning.core.visibility import pages_visible_to

from ..models import (
    ACTIVE_STATUSES,
    EventIndexPage,
    EventPage,
    Registration,
)

HOME_UPCOMING = 3
HOME_MY_REGISTRATIONS = 5


@dataclass(frozen=True)
class UpcomingSummary:
    events: list
    masterclass_count: int
    event_count: int
    agenda: EventIndexPage | None


def events_upcoming_summary(*, user, limit: int = HOME_UPCOMING) -> UpcomingSummary:
    """The next events and masterclasses that are not cancelled and that ``user`` may see,
    with how many there are of each (three queries, however many events)."""
    now = timezone.now()
    upcoming = pages_visible_to(EventPage.objects.live(), user).filter(
        ends_at__gte=now, cancelled=False
    )
    counts = upcoming.aggregate(
        masterclasses=Count("pk", filter=Q(masterclasspage__isnull=False)),
        events=Count("pk", filter=Q(masterclasspage__isnull=True)),
    )
    return UpcomingSummary(
        events=list(upcoming.select_related("masterclasspage").order_by("starts_at", "pk")[:limit]),
        masterclass_count=counts["masterclasses"],
        event_count=counts["events"],
        agenda=EventIndexPage.objects.live().order_by("path").first(),
    )


def registrations_upcoming_of(*, user, limit: int = HOME_MY_REGISTRATIONS) -> list[Registration]:
    """The person's registrations (a seat or a place on the waiting list) for events that have
    not ended, soonest first; one query."""
    return list(
        Registration.objects.filter(
            user=user,
            status__in=ACTIVE_STATUSES,
            event__live=True,
            event__ends_at__gte=timezone.now(),
        )
        .select_related("event")
        .order_by("event__starts_at", "pk")[:limit]
    )
