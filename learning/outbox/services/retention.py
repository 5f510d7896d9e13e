"""Privacy: sent and failed messages are deleted after the retention period."""

from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone

from ..models import OutboxMessage, OutboxStatus


def messages_purge(*, now: datetime | None = None, months: int | None = None) -> int:
    """Delete sent and failed messages older than the retention period (AVG); returns the count.

    Queued messages are never purged: they still have to go out. Safe to run twice.
    """
    now = now or timezone.now()
    months = settings.OUTBOX_RETENTION_MONTHS if months is None else months
    cutoff = now - timedelta(days=round(months * 30.44))
    deleted, _by_model = OutboxMessage.objects.filter(
        status__in=[OutboxStatus.SENT, OutboxStatus.FAILED], created_at__lt=cutoff
    ).delete()
    return deleted
