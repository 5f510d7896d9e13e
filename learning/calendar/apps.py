from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CalendarConfig(AppConfig):
    """iCalendar for every part of the site: the VEVENT builder and VTIMEZONE (ical.py),
    conditional feed responses (responses.py), "Zet in agenda" links (links.py), the feed
    views (feeds.py: /agenda.ics and <page-url>agenda.ics) and the personal feed
    (personal.py). Higher apps (events, masterclasses, circles) contribute their page feeds,
    the agenda and personal items through the registry (registry.py); this app imports
    none of them. What an event and a circle meeting both store (time, place, iCalendar
    bookkeeping) is one abstract model, models.CalendarItem, kept by
    services.calendar_item_refresh."""

    name = "learning.calendar"
    label = "calendar"
    verbose_name = _("Agenda's (iCalendar)")
