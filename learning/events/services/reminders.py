"""Reminders 7 days and 1 day before an event."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from .. import notifications
from ..models import (
    Registration,
    RegistrationStatus,
)


def reminders_queue(*, now=None) -> int:
    """Queue reminders 7 days and 1 day before events (hourly task; safe to run twice).

    7 days: events starting between 6 and 7 days from now; 1 day: within the next 24 hours.
    The outbox's dedupe key makes sure each person gets each reminder once.
    """
    now = now or timezone.now()
    windows = {
        7: (now + timedelta(days=6), now + timedelta(days=7)),
        1: (now, now + timedelta(days=1)),
    }
    queued = 0
    for days, (start, end) in windows.items():
        registrations = Registration.objects.filter(
            status=RegistrationStatus.CONFIRMED,
            user__isnull=False,
            event__cancelled=False,
            event__starts_at__gt=start,
            event__starts_at__lte=end,
        ).select_related("event", "user")
        with transaction.atomic():
            for registration in registrations:
                notifications.reminder(registration, days=days)
                queued += 1
    return queued
