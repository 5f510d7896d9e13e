"""An event's time, place, link or status changed: a new iCalendar SEQUENCE, and the update
to everyone with a seat."""

from datetime import datetime

from django.db import transaction
from django.utils import timezone

from learning.calendar.models import calendar_bookkeeping_copy, calendar_bookkeeping_live
from learning.calendar.services import calendar_item_refresh

from .. import notifications
from ..models import (
    SEAT_STATUSES,
    EventPage,
    Registration,
)


def event_calendar_refresh(*, event: EventPage) -> dict | None:
    """Raise the event's iCalendar SEQUENCE by one when its time, place, online link or
    status changed, and store the new calendar state.

    Called after every publication (learning.calendar.services.calendar_item_refresh: the
    first publication only records fingerprint and state; two simultaneous publications
    raise the sequence once). Sets the stored sequence on ``event``; returns the calendar state
    before this publication when this call recorded a change to an earlier publication
    (``{}`` for an event published before states were kept), else None.
    """
    tried, before = calendar_item_refresh(item=event)
    if not tried:
        return None
    calendar_bookkeeping_copy(event, calendar_bookkeeping_live(EventPage, pk=event.pk)[event.pk])
    return before


def event_notify_changes(*, event: EventPage, before: dict) -> int:
    """Tell everyone with a seat or an open offer that the time, place, online link or status
    changed (``before``: the calendar state of the previous publication). Returns how many.

    The e-mails wait in the outbox for more changes (notifications.event_changed): an editor
    who saves three times in a row sends one update, with METHOD:REQUEST (or CANCEL) and the
    event's new SEQUENCE. Nothing for an event that was and is over.
    """
    now = timezone.now()
    ended_before = not before or datetime.fromisoformat(before["ends_at"]) < now
    if event.ends_at < now and ended_before:
        return 0
    with transaction.atomic():
        registrations = list(
            Registration.objects.filter(event_id=event.pk, status__in=SEAT_STATUSES)
            .exclude(user=None)
            .select_related("user", "event")
        )
        for registration in registrations:
            notifications.event_changed(registration, before=before)
    return len(registrations)
