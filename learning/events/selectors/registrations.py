"""Who manages, registers and waits: seats, a person's registrations, message recipients."""

from dataclasses import dataclass

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from wagtail.permission_policies.pages import PagePermissionPolicy

from ..models import (
    ACTIVE_STATUSES,
    PARTICIPANT_STATUSES,
    SEAT_STATUSES,
    EventPage,
    Registration,
    RegistrationStatus,
)


def events_managed_by(*, user) -> QuerySet[EventPage]:
    """The events whose registrations ``user`` may see, change and message in the admin.

    Superusers manage every event. Anyone else needs the ``events.change_registration``
    permission (the coordinators) and manages only the events whose page they may edit under
    Wagtail's page permissions: the sections their group was granted
    (``learning.events.coordination``). The same page permissions decide which outbox messages
    they see. One subquery, so listings can filter on it without a query per row.
    """
    if user is None or not user.is_authenticated or not user.is_active:
        return EventPage.objects.none()
    if user.is_superuser:
        return EventPage.objects.all()
    if not user.has_perm("events.change_registration"):
        return EventPage.objects.none()
    pages = PagePermissionPolicy().instances_user_has_permission_for(user, "change")
    return EventPage.objects.filter(pk__in=pages.values("pk"))


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
    """The person's active registration for ``event``, or None; ``registration.event`` is
    ``event`` itself (no further query)."""
    if not user.is_authenticated:
        return None
    registration = (
        Registration.objects.filter(event_id=event.pk, user=user, status__in=ACTIVE_STATUSES)
        .select_related("organisation")
        .first()
    )
    if registration is not None:
        registration.event = event
    return registration


def participant_user_ids(*, page) -> set[int]:
    """The people who take part in ``page``: a participant's registration
    (``PARTICIPANT_STATUSES``) for the event itself, or for any event below it (a programme's
    masterclasses). Anonymised registrations name nobody. One query."""
    registrations = Registration.objects.filter(
        status__in=PARTICIPANT_STATUSES, user__isnull=False
    ).filter(
        Q(event_id=page.pk) | Q(event__path__startswith=page.path, event__depth__gt=page.depth)
    )
    return set(registrations.values_list("user_id", flat=True))


def event_message_recipients(*, event: EventPage) -> QuerySet[Registration]:
    """Who a message to an event's participants reaches: everyone who has or had a seat,
    checked in or not (``PARTICIPANT_STATUSES``, the same people as
    ``participant_user_ids``), with their person; anonymised registrations name nobody.
    The one definition the count, the preview and the send all use."""
    return (
        Registration.objects.filter(
            event_id=event.pk, status__in=PARTICIPANT_STATUSES, user__isnull=False
        )
        .select_related("user")
        .order_by("created_at", "pk")
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
