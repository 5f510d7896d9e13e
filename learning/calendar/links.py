"""Zet in agenda" links for a page with calendar fields (an event or masterclass), and
"subscribe" links for any feed URL. Plain links with the public details only (never the
online link); no third-party script."""

from datetime import UTC, datetime, timedelta
from urllib.parse import urlencode

from .ical import TZ, event_url


def subscribe_url(url: str) -> str:
    """A "subscribe" link for a feed URL. ``webcal://`` is fetched over plain HTTP by several
    clients, which would send a secret token in the clear: an HTTPS feed gets ``webcals://``
    (fetched over HTTPS) instead."""
    scheme, rest = url.split("://", 1)
    return f"{'webcals' if scheme == 'https' else 'webcal'}://{rest}"


def _utc_stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _all_day_range(event):
    """First day and the day after the last (exclusive, as DTEND of an all-day VEVENT)."""
    first = event.starts_at.astimezone(TZ).date()
    last = max(event.ends_at.astimezone(TZ).date(), first)
    return first, last + timedelta(days=1)


def calendar_links(event, *, request) -> dict[str, str]:
    """ "Zet in agenda": download, subscribe, Google Calendar and Outlook (Microsoft 365 for
    work accounts, which municipalities use, and Outlook.com).

    All-day (and multi-day all-day) events are dates: Google's ``dates`` as YYYYMMDD values
    with the day after the last day as end, Outlook with ``allday=true``. Plain links with the
    public details only (never the online link); no third-party script.
    """
    path = f"{event.get_url(request=request)}agenda.ics"
    details = f"{event.intro}\n\n{event_url(event, request=request)}"
    location = ", ".join(part for part in (event.location_name, event.location_address) if part)
    if event.all_day:
        first, after_last = _all_day_range(event)
        google_dates = f"{first:%Y%m%d}/{after_last:%Y%m%d}"
        outlook_times = {
            "startdt": first.isoformat(),
            "enddt": after_last.isoformat(),
            "allday": "true",
        }
    else:
        google_dates = f"{_utc_stamp(event.starts_at)}/{_utc_stamp(event.ends_at)}"
        outlook_times = {
            "startdt": event.starts_at.astimezone(UTC).isoformat(),
            "enddt": event.ends_at.astimezone(UTC).isoformat(),
            "allday": "false",
        }
    google = urlencode(
        {
            "action": "TEMPLATE",
            "text": event.title,
            "dates": google_dates,
            "details": details,
            "location": location,
            "ctz": "Europe/Amsterdam",
        }
    )
    outlook = urlencode(
        {
            "path": "/calendar/action/compose",
            "rru": "addevent",
            "subject": event.title,
            **outlook_times,
            "body": details,
            "location": location,
        }
    )
    return {
        "download": path,
        "subscribe": subscribe_url(request.build_absolute_uri(path)),
        "google": f"https://calendar.google.com/calendar/render?{google}",
        "outlook_365": f"https://outlook.office.com/calendar/0/deeplink/compose?{outlook}",
        "outlook": f"https://outlook.live.com/calendar/0/deeplink/compose?{outlook}",
    }
