"""The waiting list: free seats go to the first waiting people who fit, offers expire."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .. import notifications
from ..models import (
    EventPage,
    PromotionMode,
    Registration,
    RegistrationStatus,
    WaitReason,
)
from .locking import _lock_event, _organisation_full, _seat_counts
from .log import _log


def _leave_waiting_list(registration: Registration) -> None:
    """A registration that leaves the waiting list (a seat, an offer, a cancellation) keeps no
    place in it: a stale ``queue_position`` would show on a confirmed seat and in exports.
    Every path out of the list goes through here; the caller saves."""
    registration.queue_position = None
    registration.wait_reason = ""


def waitlist_fill(*, event: EventPage, actor=None, now=None) -> list[Registration]:
    """Give free seats to the first waiting people who fit the rules (rules 4, 5, 7, 9).

    Direct promotion confirms them; offer mode offers the seat for the event's offer window.
    Waiting reasons are brought up to date for everyone who stays on the list. Safe to call
    at any time: with no free seat it changes nothing.
    """
    now = now or timezone.now()
    promoted: list[Registration] = []
    with transaction.atomic():
        locked = _lock_event(event.pk)
        total, per_organisation = _seat_counts(locked)
        waiting = list(
            Registration.objects.select_for_update()
            .filter(event=locked, status=RegistrationStatus.WAITING)
            .order_by("queue_position", "created_at", "pk")
        )
        for registration in waiting:
            if total >= locked.capacity or locked.cancelled:
                break
            if _organisation_full(locked, per_organisation, registration.organisation_id):
                continue
            if locked.promotion_mode == PromotionMode.OFFER:
                registration.status = RegistrationStatus.OFFERED
                registration.offer_expires_at = now + locked.offer_window()
            else:
                registration.status = RegistrationStatus.CONFIRMED
                registration.confirmed_at = now
            _leave_waiting_list(registration)
            registration.save()
            _log(
                registration,
                actor=actor,
                action="promote",
                from_status=RegistrationStatus.WAITING,
            )
            notifications.registration_changed(
                registration, previous_status=RegistrationStatus.WAITING
            )
            total += 1
            per_organisation[registration.organisation_id] += 1
            promoted.append(registration)
        for registration in waiting:
            if registration.status != RegistrationStatus.WAITING:
                continue
            reason = (
                WaitReason.ORGANISATION_FULL
                if _organisation_full(locked, per_organisation, registration.organisation_id)
                else WaitReason.CAPACITY
            )
            if registration.wait_reason != reason:
                registration.wait_reason = reason
                registration.save(update_fields=["wait_reason", "updated_at"])
    return promoted


def offers_expire(*, now=None) -> int:
    """Pass expired offers on to the next person (periodic task; safe to run twice)."""
    now = now or timezone.now()
    expired = 0
    event_ids = (
        Registration.objects.filter(status=RegistrationStatus.OFFERED, offer_expires_at__lte=now)
        .values_list("event_id", flat=True)
        .distinct()
    )
    for event_id in list(event_ids):
        with transaction.atomic():
            locked = _lock_event(event_id)
            for registration in Registration.objects.select_for_update().filter(
                event=locked, status=RegistrationStatus.OFFERED, offer_expires_at__lte=now
            ):
                registration.status = RegistrationStatus.CANCELLED
                registration.cancelled_at = now
                registration.save()
                _log(
                    registration,
                    actor=None,
                    action="offer_expired",
                    from_status=RegistrationStatus.OFFERED,
                    reason=_("Aanbod niet op tijd geaccepteerd."),
                )
                notifications.registration_changed(
                    registration, previous_status=RegistrationStatus.OFFERED
                )
                expired += 1
            waitlist_fill(event=locked, now=now)
    return expired


def event_settings_changed(*, event: EventPage, actor=None) -> list[Registration]:
    """Rule 9: after capacity or the organisation limit changes, re-evaluate the list."""
    return waitlist_fill(event=event, actor=actor)
