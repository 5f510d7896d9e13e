"""An event's time, place, link or status changed: a new iCalendar SEQUENCE, and the update
to everyone with a seat."""

from datetime import datetime

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from learning.calendar.ical import calendar_fingerprint, calendar_state

from .. import notifications
from ..models import (
    SEAT_STATUSES,
    EventPage,
    Registration,
)


def event_calendar_refresh(*, event: EventPage) -> dict | None:
    """Raise the event's iCalendar SEQUENCE by one when its time, place, online link or
    status changed, and store the new calendar state.

    Called after every publication. The first publication only records fingerprint and
    state. A conditional queryset update (not a revision) so two simultaneous publications
    raise the sequence once. Sets the stored sequence on ``event``; returns the calendar state
    before this publication when this call recorded a change to an earlier publication
    (``{}`` for an event published before states were kept), else None.
    """
    fingerprint = calendar_fingerprint(event)
    previous = event.ical_fingerprint
    if fingerprint == previous:
        return None
    before = event.ical_state or {}
    updates = {"ical_fingerprint": fingerprint, "ical_state": calendar_state(event)}
    if previous:
        updates["ical_sequence"] = F("ical_sequence") + 1
    changed = EventPage.objects.filter(pk=event.pk, ical_fingerprint=previous).update(**updates)
    stored = EventPage.objects.filter(pk=event.pk).values(
        "ical_sequence", "ical_fingerprint", "ical_state"
    )
    state = stored.get()
    event.ical_sequence = state["ical_sequence"]
    event.ical_fingerprint = state["ical_fingerprint"]
    event.ical_state = state["ical_state"]
    return before if changed and previous else None


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
