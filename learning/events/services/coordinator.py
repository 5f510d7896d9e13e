"""Coordinator actions: override, move on the waiting list, check-in, a message to all."""

from django.db import transaction
from django.utils import timezone

from .. import notifications
from ..models import (
    ACTIVE_STATUSES,
    EventPage,
    Registration,
    RegistrationStatus,
)
from ..seat_groups import seat_group_lock
from .errors import _error
from .locking import _lock_event
from .log import _log
from .rules import can_manage_event
from .waiting_list import waitlist_fill


def _require_coordinator(actor, event: EventPage) -> None:
    if not can_manage_event(actor, event):
        raise _error("forbidden")


def registration_promote(*, registration: Registration, actor, reason: str) -> Registration:
    """Coordinator override: confirm someone regardless of capacity and limits (also the
    series' limit per organisation), with a reason in the log."""
    _require_coordinator(actor, registration.event)
    if not reason.strip():
        raise _error("reason_required")
    with transaction.atomic():
        _lock_event(registration.event_id)
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if registration.status in (RegistrationStatus.CONFIRMED, RegistrationStatus.ATTENDED):
            return registration
        previous = registration.status
        if (
            previous == RegistrationStatus.CANCELLED
            and Registration.objects.filter(
                event_id=registration.event_id,
                user_id=registration.user_id,
                status__in=ACTIVE_STATUSES,
            )
            .exclude(pk=registration.pk)
            .exists()
        ):
            raise _error("already_registered")
        registration.status = RegistrationStatus.CONFIRMED
        registration.confirmed_at = timezone.now()
        registration.wait_reason = ""
        registration.offer_expires_at = None
        registration.cancelled_at = None
        registration.save()
        _log(
            registration,
            actor=actor,
            action="override_promote",
            from_status=previous,
            reason=reason,
        )
        notifications.registration_changed(registration, previous_status=previous)
    return registration


def registration_move(
    *, registration: Registration, actor, position: int, reason: str
) -> Registration:
    """Coordinator: move a waiting person to ``position`` (1 = first) in the waiting list."""
    _require_coordinator(actor, registration.event)
    if not reason.strip():
        raise _error("reason_required")
    with transaction.atomic():
        # The series' lock before the event's: the fill below may lock the series' events.
        seat_group_lock(registration.event)
        locked = _lock_event(registration.event_id)
        waiting = list(
            Registration.objects.select_for_update()
            .filter(event=locked, status=RegistrationStatus.WAITING)
            .order_by("queue_position", "created_at", "pk")
        )
        target = next((r for r in waiting if r.pk == registration.pk), None)
        if target is None:
            raise _error("not_waiting")
        waiting.remove(target)
        index = min(max(position, 1), len(waiting) + 1) - 1
        waiting.insert(index, target)
        for number, item in enumerate(waiting, start=1):
            if item.queue_position != number:
                item.queue_position = number
                item.save(update_fields=["queue_position", "updated_at"])
        _log(target, actor=actor, action="move", reason=f"{reason} (→ {index + 1})")
        waitlist_fill(event=locked, actor=actor)
    return target


def registration_set_attended(
    *, registration: Registration, actor, attended: bool = True
) -> Registration:
    """Coordinator check-in: mark a confirmed participant as present (or undo it)."""
    _require_coordinator(actor, registration.event)
    with transaction.atomic():
        _lock_event(registration.event_id)
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        wanted_from = RegistrationStatus.CONFIRMED if attended else RegistrationStatus.ATTENDED
        if registration.status != wanted_from:
            raise _error("not_active")
        registration.status = (
            RegistrationStatus.ATTENDED if attended else RegistrationStatus.CONFIRMED
        )
        registration.attended_at = timezone.now() if attended else None
        registration.save()
        _log(
            registration,
            actor=actor,
            action="attended" if attended else "not_attended",
            from_status=wanted_from,
        )
    return registration


def event_message_send(*, event: EventPage, actor, subject: str, body: str) -> int:
    """Organisers: one e-mail to every confirmed participant, queued per recipient."""
    _require_coordinator(actor, event)
    with transaction.atomic():
        recipients = list(
            Registration.objects.filter(
                event=event, status=RegistrationStatus.CONFIRMED, user__isnull=False
            ).select_related("user")
        )
        for registration in recipients:
            notifications.event_message(registration, subject=subject, body=body)
    return len(recipients)
