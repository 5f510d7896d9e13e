from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CalendarConfig(AppConfig):
    """iCalendar for every part of the site: the VEVENT builder and VTIMEZONE (ical.py),
    conditional feed responses (responses.py) and the personal feed, to which higher apps
    (events, circles) contribute their items through the registry (registry.py)."""

    name = "learning.calendar"
    label = "calendar"
    verbose_name = _("Agenda's (iCalendar)")
