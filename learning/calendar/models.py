"""What every calendar item stores: events (learning.events) and circle meetings
(learning.circles) extend ``CalendarItem``, so time, place and the iCalendar bookkeeping that
ical.py and services.calendar_item_refresh read are defined once.

Only an abstract model: this app has no tables. Who may see the online link and what a
cancellation means differ per item, so ``online_url`` and ``cancelled`` (read as well) stay
with each model and its own help text.
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# Kept by services.calendar_item_refresh; never edited, never taken from a revision.
CALENDAR_BOOKKEEPING_FIELDS = ("ical_sequence", "ical_fingerprint", "ical_state")


class CalendarItem(models.Model):
    """Time, place and calendar bookkeeping of something that goes into calendars."""

    starts_at = models.DateTimeField(_("begint op"))
    ends_at = models.DateTimeField(_("eindigt op"))
    location_name = models.CharField(_("locatie"), max_length=150, blank=True)
    location_address = models.CharField(_("adres"), max_length=255, blank=True)
    # Calendar bookkeeping, kept by services.calendar_item_refresh (never edited, never
    # taken from a revision): SEQUENCE goes up by one when time, place or status changes.
    ical_sequence = models.PositiveIntegerField(
        _("iCalendar-volgnummer"), default=0, editable=False
    )
    ical_fingerprint = models.CharField(
        _("iCalendar-vingerafdruk"), max_length=64, blank=True, editable=False
    )
    # Time, place, online link and status at the last publication (ical.calendar_state), so
    # that participants can be told what changed ("begint nu om 10:00 in plaats van 09:30").
    ical_state = models.JSONField(_("iCalendar-stand"), default=dict, blank=True, editable=False)

    class Meta:
        abstract = True

    def time_errors(self) -> dict:
        """The errors of the item's own times, by field, for ``clean()``."""
        if self.starts_at and self.ends_at and self.ends_at < self.starts_at:
            return {"ends_at": _("Het einde ligt voor het begin.")}
        return {}

    @property
    def is_past(self) -> bool:
        return self.ends_at < timezone.now()


def calendar_bookkeeping_live(model, **filters) -> dict:
    """The stored bookkeeping of the items ``filters`` select, by pk (one query).

    From the database, not from an instance: an editor's page loaded before another
    publication would copy an old SEQUENCE back, and the next change would repeat it.
    """
    rows = model.objects.filter(**filters).values("pk", *CALENDAR_BOOKKEEPING_FIELDS)
    return {row["pk"]: row for row in rows}


def calendar_bookkeeping_copy(item: CalendarItem, live: dict | None) -> None:
    """Put the stored bookkeeping (a row of ``calendar_bookkeeping_live``) on ``item``."""
    if live is not None:
        for name in CALENDAR_BOOKKEEPING_FIELDS:
            setattr(item, name, live[name])
