"""Reads on the outbox."""

from datetime import datetime

from django.db.models import F, Q, QuerySet

from .models import OutboxMessage, OutboxStatus


def messages_due(*, now: datetime) -> QuerySet[OutboxMessage]:
    """Unsent messages whose time has come: queued and due, or stuck in "sending" past their lease.

    Oldest first, so a backlog drains in order.
    """
    return OutboxMessage.objects.filter(
        Q(next_attempt_at__lte=now) | Q(next_attempt_at__isnull=True),
        status__in=[OutboxStatus.QUEUED, OutboxStatus.SENDING],
    ).order_by(F("next_attempt_at").asc(nulls_first=True), "pk")


def message_kinds() -> list[str]:
    """The kinds of message in the outbox, for the admin filter."""
    return list(OutboxMessage.objects.order_by("kind").values_list("kind", flat=True).distinct())
