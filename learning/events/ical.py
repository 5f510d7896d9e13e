"""Moved to learning.calendar.ical; kept so that existing imports keep working."""

from learning.calendar.ical import (  # noqa: F401
    NOREPLY,
    PRODID,
    TZ,
    VTIMEZONE,
    PlainText,
    calendar_fingerprint,
    calendar_state,
    event_uid,
    event_url,
    invitation,
    new_calendar,
    personal_sequence,
    serialise,
    vevent,
)
