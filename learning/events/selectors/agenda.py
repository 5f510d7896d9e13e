"""The agenda: its filters, its events and their seats taken, the moment it last changed."""

from datetime import date, datetime

from django.db import connection
from django.db.models import Count, Min, Q, QuerySet
from django.utils import timezone

from learning.core.visibility import pages_public

from ..agenda_filters import agenda_filters_apply
from ..models import (
    SEAT_STATUSES,
    EventPage,
    Registration,
)


def events_filtered(events, *, kind: str = "", theme: str = "", extra: dict | None = None):
    """The agenda's filters (type, theme, and the registered ones in ``extra``: parameter to
    value, see agenda_filters), shared by the page and the feed."""
    if kind == "masterclass":
        events = events.filter(masterclasspage__isnull=False)
    elif kind == "bijeenkomst":
        events = events.filter(masterclasspage__isnull=True)
    if extra:
        events = agenda_filters_apply(events, values=extra)
    if theme:
        events = events.filter(themes__slug=theme)
    return events


def events_for_agenda(
    *,
    past: bool = False,
    kind: str = "",
    theme: str = "",
    month: date | None = None,
    extra: dict | None = None,
) -> QuerySet[EventPage]:
    """Live, public events and masterclasses, upcoming (soonest first) or past (latest first)."""
    now = timezone.now()
    events = pages_public(EventPage.objects.live()).select_related("masterclasspage")
    events = events.filter(ends_at__lt=now) if past else events.filter(ends_at__gte=now)
    events = events_filtered(events, kind=kind, theme=theme, extra=extra)
    if month:
        events = events.filter(starts_at__year=month.year, starts_at__month=month.month)
    events = events.annotate(
        seats_taken=Count("registrations", filter=Q(registrations__status__in=SEAT_STATUSES))
    ).prefetch_related("themes")
    return events.order_by("-starts_at" if past else "starts_at")


def events_seats_taken(*, event_ids) -> dict:
    """The seats taken of each of ``event_ids`` (the agenda's ``seats_taken``), by event id.
    One aggregate query, on every agenda request: its SQL is built once per number of ids."""
    event_ids = list(event_ids)
    if not event_ids:
        return {}
    sql, params = _seats_taken_sql(len(event_ids))
    # The placeholders for the ids hold -1, -2 …: the ids go in their places.
    params = [
        event_ids[-param - 1] if isinstance(param, int) and param < 0 else param for param in params
    ]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        taken = dict(cursor.fetchall())
    return {event_id: taken.get(event_id, 0) for event_id in event_ids}


_SEATS_TAKEN_SQL: dict[int, tuple[str, list]] = {}


def _seats_taken_sql(count: int) -> tuple[str, list]:
    """The ORM's own statement for ``count`` ids (-1 … -count), made once per count."""
    if count not in _SEATS_TAKEN_SQL:
        query = (
            Registration.objects.filter(
                event_id__in=[-position for position in range(1, count + 1)],
                status__in=SEAT_STATUSES,
            )
            .order_by()
            .values("event_id")
            .annotate(taken=Count("pk"))
            .values_list("event_id", "taken")
        )
        sql, params = query.query.sql_with_params()
        _SEATS_TAKEN_SQL[count] = (sql, list(params))
    return _SEATS_TAKEN_SQL[count]


def agenda_changes_at() -> datetime | None:
    """When time alone next changes the agenda: the soonest end of a live event still to come
    (it moves from the upcoming to the past events). None when no event is still to come."""
    return (
        EventPage.objects.live()
        .filter(ends_at__gte=timezone.now())
        .aggregate(soonest=Min("ends_at"))["soonest"]
    )
