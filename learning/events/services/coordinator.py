"""Coordinator actions: override, move on the waiting list, attendance, a message to all."""

from django.db import transaction
from django.utils import timezone

from learning.outbox.selectors import dedupe_keys_used

from .. import notifications
from ..models import (
    ACTIVE_STATUSES,
    EventPage,
    Registration,
    RegistrationStatus,
)
from ..seat_groups import seat_group_lock
from ..selectors import event_message_recipients
from .checkin import _attendance_set
from .errors import _error
from .locking import _lock_event
from .log import _log
from .rules import can_manage_event
from .sessions import registrations_sessions_seat
from .waiting_list import _leave_waiting_list, waitlist_fill


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
        _leave_waiting_list(registration)
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
        registrations_sessions_seat(registrations=[registration], actor=actor)
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
    """Coordinator's correction on the registration's page: mark a participant present (or
    undo it) at any time, also after the check-in window (from the signed door list). The same
    transition as the check-in at the door (``registration_check_in``): idempotent, logged."""
    return _attendance_set(
        registration=registration, actor=actor, attended=attended, via="correctie", window=False
    )


MESSAGE_KEY_PREFIX = "event-message"


def event_message_send(*, event: EventPage, actor, subject: str, body: str, token: str) -> int:
    """Organisers: one e-mail to everyone with a seat, checked in or not
    (``selectors.event_message_recipients``), queued per recipient; returns how many.

    Once per ``token`` (the form's one-time token): each message carries a dedupe key of the
    token and the registration, so nobody gets the same send twice; and under the event's
    lock, a second call with the same token (a double submit, the browser's "resend") is
    refused as a whole, also when both arrive at the same time.
    """
    _require_coordinator(actor, event)
    if not token:
        raise ValueError("event_message_send needs the form's one-time token")
    prefix = f"{MESSAGE_KEY_PREFIX}-{event.pk}-{token}-"
    with transaction.atomic():
        _lock_event(event.pk)
        recipients = list(event_message_recipients(event=event))
        keys = {registration.pk: f"{prefix}{registration.pk}" for registration in recipients}
        if dedupe_keys_used(keys=keys.values()):
            raise _error("message_already_sent")
        if not recipients:
            raise _error("no_recipients")
        for registration in recipients:
            notifications.event_message(
                registration, subject=subject, body=body, dedupe_key=keys[registration.pk]
            )
    return len(recipients)


def event_message_send_test(*, event: EventPage, actor, subject: str, body: str):
    """Organisers: the message to participants as a test to themselves only, its subject
    marked "[Test]"; it reaches no participant and does not count as the send."""
    _require_coordinator(actor, event)
    return notifications.event_message_test(event=event, user=actor, subject=subject, body=body)
