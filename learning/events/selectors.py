"""Reads for events and registrations: what pages and listings show."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from .models import ACTIVE_STATUSES, SEAT_STATUSES, EventPage, Registration, RegistrationStatus


@dataclass(frozen=True)
class SeatSummary:
    capacity: int
    taken: int
    waiting: int
    organisation_limit: int | None
    organisation_taken: int | None

    @property
    def seats_left(self) -> int:
        return max(self.capacity - self.taken, 0)

    @property
    def organisation_seats_left(self) -> int | None:
        if self.organisation_limit is None or self.organisation_taken is None:
            return None
        return max(self.organisation_limit - self.organisation_taken, 0)


def event_seat_summary(*, event: EventPage, organisation_id=None) -> SeatSummary:
    """Seats taken, waiting list length and (for one organisation) its seats; one query."""
    counts = Registration.objects.filter(event_id=event.pk).aggregate(
        taken=Count("pk", filter=Q(status__in=SEAT_STATUSES)),
        waiting=Count("pk", filter=Q(status=RegistrationStatus.WAITING)),
        organisation=Count(
            "pk", filter=Q(status__in=SEAT_STATUSES, organisation_id=organisation_id)
        ),
    )
    return SeatSummary(
        capacity=event.capacity,
        taken=counts["taken"],
        waiting=counts["waiting"],
        organisation_limit=event.organisation_limit,
        organisation_taken=counts["organisation"] if organisation_id else None,
    )


def registration_active_for(*, event: EventPage, user) -> Registration | None:
    if not user.is_authenticated:
        return None
    return (
        Registration.objects.filter(event_id=event.pk, user=user, status__in=ACTIVE_STATUSES)
        .select_related("organisation")
        .first()
    )


def waiting_position(*, registration: Registration) -> int | None:
    """1 for the first person on the waiting list; None when not waiting."""
    if registration.status != RegistrationStatus.WAITING:
        return None
    ahead = Registration.objects.filter(
        event_id=registration.event_id,
        status=RegistrationStatus.WAITING,
    ).filter(
        Q(queue_position__lt=registration.queue_position)
        | Q(queue_position=registration.queue_position, pk__lt=registration.pk)
    )
    return ahead.count() + 1


def registrations_of_user(*, user) -> QuerySet[Registration]:
    """The person's registrations, newest event first, with their waiting-list position."""
    ahead = (
        Registration.objects.filter(
            event_id=OuterRef("event_id"),
            status=RegistrationStatus.WAITING,
            queue_position__lte=OuterRef("queue_position"),
        )
        .order_by()
        .values("event_id")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return (
        Registration.objects.filter(user=user)
        .select_related("event", "organisation")
        .annotate(position=Subquery(ahead[:1]))
        .order_by("-event__starts_at", "-created_at")
    )


def events_for_agenda(
    *,
    past: bool = False,
    kind: str = "",
    audience: str = "",
    theme: str = "",
    month: date | None = None,
) -> QuerySet[EventPage]:
    """Live, public events and masterclasses, upcoming (soonest first) or past (latest first)."""
    now = timezone.now()
    events = EventPage.objects.live().public().select_related("masterclasspage")
    events = events.filter(ends_at__lt=now) if past else events.filter(ends_at__gte=now)
    if kind == "masterclass":
        events = events.filter(masterclasspage__isnull=False)
    elif kind == "bijeenkomst":
        events = events.filter(masterclasspage__isnull=True)
    if audience:
        events = events.filter(masterclasspage__audience=audience)
    if theme:
        events = events.filter(themes__slug=theme)
    if month:
        events = events.filter(starts_at__year=month.year, starts_at__month=month.month)
    events = events.annotate(
        seats_taken=Count("registrations", filter=Q(registrations__status__in=SEAT_STATUSES))
    ).prefetch_related("themes")
    return events.order_by("-starts_at" if past else "starts_at")
