"""Reads on the outbox."""

from datetime import datetime

from django.db.models import F, Q, QuerySet
from wagtail.permission_policies.pages import PagePermissionPolicy

from . import renderers
from .models import OutboxMessage, OutboxStatus


def messages_due(*, now: datetime) -> QuerySet[OutboxMessage]:
    """Unsent messages whose time has come: queued and due, or stuck in "sending" past their lease.

    Oldest first, so a backlog drains in order.
    """
    return OutboxMessage.objects.filter(
        Q(next_attempt_at__lte=now) | Q(next_attempt_at__isnull=True),
        status__in=[OutboxStatus.QUEUED, OutboxStatus.SENDING],
    ).order_by(F("next_attempt_at").asc(nulls_first=True), "pk")


def dedupe_keys_used(*, keys) -> bool:
    """Whether any message was queued with one of the dedupe ``keys`` (one query on the
    unique index): has a send of many messages that must happen once already happened?"""
    return OutboxMessage.objects.filter(dedupe_key__in=list(keys)).exists()


def message_kinds(*, user=None) -> list[str]:
    """The kinds of message in the outbox (that ``user`` may see), for the admin filter."""
    messages = OutboxMessage.objects.all() if user is None else messages_visible_to(user=user)
    return list(messages.order_by("kind").values_list("kind", flat=True).distinct())


def messages_visible_to(*, user) -> QuerySet[OutboxMessage]:
    """The messages a person may see (and, with the change permission, send again) in the admin.

    Superusers see every message. Anyone else with the outbox's view permission (the
    coordinators) sees only the messages about an event whose page they may edit, the events
    they coordinate, and never an account or security e-mail (whose content is not stored
    anyway, see ``renderers``). Without the view permission: nothing.
    """
    if user is None or not user.is_authenticated or not user.is_active:
        return OutboxMessage.objects.none()
    if user.is_superuser:
        return OutboxMessage.objects.all()
    if not user.has_perm("outbox.view_outboxmessage"):
        return OutboxMessage.objects.none()
    pages = PagePermissionPolicy().instances_user_has_permission_for(user, "change")
    return OutboxMessage.objects.filter(event__in=pages.values("pk")).exclude(
        renderer__in=renderers.confidential_names()
    )
