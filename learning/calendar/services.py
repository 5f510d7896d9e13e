"""Writes on calendar items (learning.calendar.models.CalendarItem)."""

from django.db.models import F

from .ical import calendar_fingerprint, calendar_state
from .models import CalendarItem


def calendar_item_refresh(*, item: CalendarItem) -> tuple[bool, dict | None]:
    """Raise the item's iCalendar SEQUENCE by one when its time, place, online link or status
    changed, and store the new fingerprint and calendar state.

    The first publication only records fingerprint and state. A conditional queryset update
    (not a revision), so two simultaneous publications raise the sequence once. Returns
    whether the fingerprint differed from the stored one (an update was tried), and the
    calendar state before this publication when this call recorded a change to an earlier
    publication (``{}`` for an item published before states were kept), else None. Does not
    reload ``item``.
    """
    fingerprint = calendar_fingerprint(item)
    previous = item.ical_fingerprint
    if fingerprint == previous:
        return False, None
    before = item.ical_state or {}
    updates = {"ical_fingerprint": fingerprint, "ical_state": calendar_state(item)}
    if previous:
        updates["ical_sequence"] = F("ical_sequence") + 1
    # The model that holds the fields (EventPage for a masterclass too).
    model = item._meta.get_field("ical_fingerprint").model
    changed = model.objects.filter(pk=item.pk, ical_fingerprint=previous).update(**updates)
    return True, (before if changed and previous else None)
