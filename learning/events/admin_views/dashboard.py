"""The admin dashboard panel: the coordinator's next events with seats and waiting list."""

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from wagtail.admin.ui.components import Component
from wagtail.permissions import policy_registry

from .. import selectors
from ..models import (
    SEAT_STATUSES,
    Registration,
    RegistrationStatus,
)
from .common import (
    fill_rate,
    registrations_url,
)


def events_upcoming_with_seats(*, user, limit: int = 10):
    """The next live events ``user`` coordinates, with seats taken and waiting list; one query."""
    return (
        selectors.events_managed_by(user=user)
        .live()
        .filter(ends_at__gte=timezone.now())
        .annotate(
            seats_taken=Count("registrations", filter=Q(registrations__status__in=SEAT_STATUSES)),
            waiting_count=Count(
                "registrations", filter=Q(registrations__status=RegistrationStatus.WAITING)
            ),
        )
        .only("pk", "title", "starts_at", "ends_at", "capacity", "cancelled")
        .order_by("starts_at", "pk")[:limit]
    )


class UpcomingEventsPanel(Component):
    """Dashboard panel: the next ten events, how full they are and how long the waiting list."""

    name = "upcoming_events"
    template_name = "events/admin/upcoming_events_panel.html"
    order = 50

    def __init__(self, *, index_url_name: str):
        self.index_url_name = index_url_name

    @staticmethod
    def is_shown_to(user) -> bool:
        return policy_registry.get_by_type(Registration).user_has_any_permission(
            user, ["view", "change"]
        )

    def get_context_data(self, parent_context):
        rows = [
            {
                "event": event,
                "taken": event.seats_taken,
                "capacity": event.capacity,
                "fill_rate": fill_rate(event.seats_taken, event.capacity),
                "waiting": event.waiting_count,
                "registrations_url": registrations_url(self.index_url_name, event.pk),
            }
            for event in events_upcoming_with_seats(user=parent_context["request"].user)
        ]
        return {"rows": rows, "index_url": reverse(self.index_url_name)}
